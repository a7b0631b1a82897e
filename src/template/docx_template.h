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
#include <stdexcept>
#include <string>
#include <vector>

#include "template/expr.h"

namespace nianbao::tmpl {

enum class TagKind { kValue, kIf, kElseIf, kElse, kEndIf, kEach, kEndEach, kTable, kSection, kBody, kChart, kComment };

struct Tag {
  TagKind kind = TagKind::kValue;
  std::string source;   // as written, "{{#if requests.new.total > 0}}"
  std::string arg;      // table id / section id
  std::optional<Expr> expr;
  std::string part;     // "word/document.xml"
  int paragraph = 0;    // 1-based, counting every paragraph of the part in order
  std::string excerpt;  // the paragraph's text around the tag
};

struct TemplateProblem {
  std::string code;  // E601 … (docs/errors.md)
  std::string part;
  int paragraph = 0;
  std::string excerpt;
  std::string message;  // Chinese
};

/// "word/document.xml 第12段「…{{#if x}}…」：E602 …"
std::string format_problem(const TemplateProblem& p);

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
  /// <w:tbl>…</w:tbl> for a statutory table; `width_twips` is the text width where it goes.
  virtual std::string table_xml(const std::string& id) = 0;
  /// Paragraphs for {{section id}} (tag.arg) or {{body}} (the current highlight); may throw RenderError.
  virtual std::vector<PlacedParagraph> paragraphs(const Tag& tag, Context& ctx) = 0;
  /// {{chart id}}: whether the chart exists, and the paragraph that shows it ("" for nothing).
  virtual bool knows_chart(const std::string&) const { return false; }
  virtual std::string chart_xml(const std::string&) { return ""; }
};

class RenderError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class DocxTemplate {
 public:
  DocxTemplate();
  ~DocxTemplate();
  DocxTemplate(DocxTemplate&&) noexcept;
  DocxTemplate& operator=(DocxTemplate&&) noexcept;

  /// Compiles a template from its parts (zip member name → bytes). Structural problems
  /// (unbalanced blocks, unclosed tags, tags where they cannot work, bad expressions) are
  /// appended to `problems`; returns false when there is any.
  bool compile(std::map<std::string, std::string> parts, std::vector<TemplateProblem>& problems);

  const std::vector<Tag>& tags() const;

  /// Walks every branch and loop body once with a checking context and reports unknown names,
  /// unknown tables and sections. Returns false when there is any problem.
  bool check(Context& ctx, Placer& placer, std::vector<TemplateProblem>& problems) const;

  /// Renders every part. Parts that hold no WordprocessingML text are returned unchanged.
  /// Throws RenderError naming the tag and its paragraph.
  std::map<std::string, std::string> render(Context& ctx, Placer& placer) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Resolves the {{…}} values in a narrative paragraph (plain text, values only).
/// Returns false and sets `error` (naming the placeholder) when one cannot be resolved.
bool render_text(const std::string& text, Context& ctx, std::string& out, std::string& error);

/// True when a narrative paragraph reads as a （一）-style sub-heading: short and without 。
bool looks_like_subheading(const std::string& text);

/// Escapes text for XML content and attribute values.
std::string xml_escape(std::string_view text);

}  // namespace nianbao::tmpl
