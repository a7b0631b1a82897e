// The DOCX template engine. A template is WordprocessingML (the shipped folder, or a .docx saved
// by Word, WPS or LibreOffice) with {{…}} tags in its text. Tags typed in an editor are often
// stored across several runs, with proofErr, bookmarks and rsid-only runs inside them; the
// engine first gathers each tag into the run where it begins (keeping that run's formatting,
// leaving text outside tags untouched), then reads the structure:
//   {{expr}}                      a value, inline
//   {{#if expr}} {{else if expr}} {{else}} {{/if}}   inline, or alone in paragraphs / table rows
//   {{#each list}} … {{/each}}    inline, paragraph level, or table-row level (one row per item)
//   {{table id}} {{section id}} {{body}}   alone in a paragraph: a statutory table / narrative
//   {{chart id}}                  alone in a paragraph: a native chart of the format's <charts>
//   {{! comment }}                removed
// Data is always escaped; a template cannot read files or inject XML.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostics.h"
#include "template/expr.h"
#include "template/tag.h"

namespace nianbao::tmpl {

// Template problems are Diagnostics (E601–E606, docs/errors.md) located by where.part and
// where.paragraph (0: the whole part); `found` is the paragraph's text around the tag. The
// engine leaves where.file empty: the caller knows which template it read.

/// "word/document.xml 第12段「…{{#if x}}…」：E602 …": a template problem as `template check`
/// lists it, without where.file.
std::string format_problem(const Diagnostic& problem);

/// One paragraph produced by a narrative placement.
struct PlacedParagraph {
  std::string text;
  bool subheading = false;  // （一）-style heading: set in 楷体
};

/// Supplies what placement tags put in the document.
class Placer {
 public:
  virtual ~Placer() = default;
  virtual bool knows_table(const std::string& id) const = 0;
  virtual bool knows_section(const std::string& id) const = 0;
  /// <w:tbl>…</w:tbl> for a statutory table the format has (knows_table).
  virtual std::string table_xml(const std::string& id) = 0;
  /// The paragraphs for {{section id}} (tag.arg) or {{body}} (the current highlight), their
  /// placeholders resolved in `ctx`. Returns false and sets `error` when they cannot be placed
  /// here; the engine reports `error` as the tag's E606 message, as it is.
  virtual bool paragraphs(const Tag& tag, Context& ctx, std::vector<PlacedParagraph>& out, std::string& error) = 0;
  /// {{chart id}}: whether the chart exists, and the paragraph that shows it ("" for nothing).
  virtual bool knows_chart(const std::string&) const { return false; }
  virtual std::string chart_xml(const std::string&) { return ""; }
};

class DocxTemplate {
 public:
  DocxTemplate();
  ~DocxTemplate();
  DocxTemplate(DocxTemplate&&) noexcept;
  DocxTemplate& operator=(DocxTemplate&&) noexcept;

  /// Compiles a template from its parts (zip member name → bytes). Structural problems
  /// (unbalanced blocks, unclosed tags, tags where they cannot work, bad expressions, parts
  /// that are not UTF-8 or not well-formed XML) are appended to `problems`; returns false when
  /// there is any.
  bool compile(std::map<std::string, std::string> parts, Diagnostics& problems);

  const std::vector<Tag>& tags() const;

  /// Walks every branch and loop body once with a checking context and appends unknown names,
  /// unknown tables, sections and charts to `problems` (E606). Returns false when there is any.
  bool check(Context& ctx, Placer& placer, Diagnostics& problems) const;

  /// Renders every part; parts that hold no WordprocessingML text are returned unchanged. The
  /// check answers with sample values, so a tag can still fail with the real data (cn() of a
  /// figure over 999, a placeholder of a narrative section): its E606 is appended to `problems`
  /// and nullopt returned, with nothing rendered.
  std::optional<std::map<std::string, std::string>> render(Context& ctx, Placer& placer, Diagnostics& problems) const;

  /// The compiled template, defined where the engine's passes share it (template/docx/docx_engine.h).
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace nianbao::tmpl
