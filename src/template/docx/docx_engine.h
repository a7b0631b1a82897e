// Internals the DOCX engine's passes share: tags into runs (docx_tags.cpp), the block structure
// (docx_compile.cpp), the walk (docx_render.cpp), writing and mending OOXML (docx_repair.cpp).
// Only those files include it; pugixml's types are declared, not included.
#pragma once

#include <list>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/diagnostics.h"
#include "template/docx/docx_template.h"

namespace pugi {
class xml_node;
class xml_document;
struct xml_node_struct;
}  // namespace pugi

namespace nianbao::tmpl {

bool is_name(const pugi::xml_node& n, const char* name);

/// What the children of an element are: paragraphs and tables (a body, a cell, a header…), rows
/// (a table), runs (a paragraph, a hyperlink…), or none of these.
enum class Level { kNone, kBlock, kTable, kRun };
Level level_of(const pugi::xml_node& n);

/// One child of a compiled container: copied as it is, a value, a condition, a loop or a placement.
struct Item {
  enum class Kind { kCopy, kValue, kIf, kEach, kPlace };
  Kind kind = Kind::kCopy;
  pugi::xml_node_struct* node = nullptr;  // kCopy, kValue (the tag's run), kPlace (its paragraph)
  int tag = -1;
  std::vector<std::pair<int, std::vector<Item>>> branches;  // kIf: (condition tag or -1 for else)
  std::vector<Item> body;                                    // kEach
};

/// A compiled template.
struct DocxTemplate::Impl {
  struct Part {
    std::string name;
    std::unique_ptr<pugi::xml_document> doc;
  };
  std::map<std::string, std::string> raw;  // parts passed through unchanged
  std::list<Part> parts;                   // parsed WordprocessingML parts
  std::vector<Tag> tags;
  std::unordered_map<const void*, int> tag_run;              // tag run → tag index
  std::unordered_map<const void*, std::vector<Item>> lists;  // container → compiled children

  Impl();
  ~Impl();  // where pugixml's types are complete
};

/// Appends template problem `code` found at paragraph `paragraph` of `part` (0: the whole part);
/// `excerpt`, the text around the tag, becomes the diagnostic's `found`.
void add_problem(Diagnostics& problems, const char* code, const std::string& part, int paragraph,
                 const std::string& excerpt, const std::string& message);

/// Gathers every tag of paragraph `p` (number `number` of `part`) into the run where it begins,
/// keeping that run's formatting, then gives each tag a run of its own, recorded in impl.tags
/// and impl.tag_run. Unclosed tags are E601, tags that do not parse E603.
void lex_paragraph(DocxTemplate::Impl& impl, const std::string& part, const pugi::xml_node& p, int number,
                   Diagnostics& problems);

/// The start tag of `n` with its attributes, not closed ("<w:p w:rsidR=\"…\"").
void write_open(std::string& out, const pugi::xml_node& n);
/// A subtree as it is (formatting properties, no tags inside).
void write_plain(std::string& out, const pugi::xml_node& n);
/// Rows left out by a condition or an empty loop can leave a cell that continues a vertical merge
/// with nothing above it to continue (Word then merges it into an unrelated cell, or reports the
/// file as damaged): such a cell starts the merge instead. The table is out[from..]; cells are
/// matched by their grid column (w:gridBefore, w:gridSpan).
void mend_vertical_merges(std::string& out, std::size_t from);
/// Whether the content of a cell, out[from..], has a paragraph after its last nested table.
bool ends_with_paragraph(const std::string& out, std::size_t from);

}  // namespace nianbao::tmpl
