// Diagnostics: bad input is data, not an exception. Each finding carries a stable code (listed in
// docs/errors.md), the place it was found (file and line:column, sheet!cell, a Word table's cell or
// a template's paragraph; and the table cell in official labels) and the value found and expected.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/shared_text.h"

namespace nianbao {

enum class Severity { kError, kWarning };

/// A submission stops being checked after this many findings (and says so, E111): the agency
/// has plenty to fix, and a hostile file cannot flood memory, the terminal or summary.json.
inline constexpr std::size_t kMaxFindingsPerFile = 100;

/// Where in a file a finding is, in the terms of the kind of file. Set the fields of one kind;
/// the others stay at their defaults (0 or empty).
struct SourceLocation {
  SharedText file;  // as the user named it, e.g. "inputs/fgw.xml"
  // Text files (XML):
  int line = 0;      // 1-based; 0 when the finding concerns the whole file
  int column = 0;    // 1-based, in characters of the line; 0 when unknown
  // Forms (.xlsx): the sheet as named in the workbook and the cell, "D12".
  SharedText sheet{};
  SharedText cell{};
  // Word reports (.docx): table N of the document, row R, column C; 1-based, 0 when not known;
  // or, for text, body paragraph N (`paragraph`, with `part` empty).
  int table = 0, row = 0, col = 0;
  // Templates: the zip part, "word/document.xml", and paragraph N of it (1-based; 0: the whole part).
  SharedText part{};
  int paragraph = 0;
};

/// The place in the user's terms: "inputs/a.xml:14:7", "inputs/a.xlsx 三、…!D12",
/// "inputs/a.docx 表2 第3行第4列", "inputs/a.docx 第12段", "模板.docx word/document.xml 第12段";
/// the file alone when nothing more is known, and without the file when it is empty.
std::string place_text(const SourceLocation& where);

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;      // "E201"
  SourceLocation where;
  std::string message;   // one complete sentence in Simplified Chinese
  std::string place;     // the table cell in official labels, e.g. "表三 / 一、本年新收… / 自然人"
  std::string found;     // the value as found, when there is one (templates: the text around the tag)
  std::string expected;  // what was expected, when it can be said

  bool is_error() const { return severity == Severity::kError; }
};

/// An ordered list of findings for one file or one run.
class Diagnostics {
 public:
  Diagnostic& error(std::string code, SourceLocation where, std::string message);
  Diagnostic& warning(std::string code, SourceLocation where, std::string message);
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void append(const Diagnostics& other);

  bool has_errors() const;
  std::size_t error_count() const;
  std::size_t warning_count() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  bool empty() const { return items_.empty(); }

 private:
  std::vector<Diagnostic> items_;
};

/// A finding of the review of accepted submissions (W901–W909, validate/review.h): advice to the
/// agency on a file that was accepted, which the outputs group apart from the other findings.
bool is_review_finding(const Diagnostic& d);

/// "inputs/a.xml:14:7: 错误 E201：…" plus place / found / expected, for terminals and logs.
/// A finding in a template part names the file first and the part after the code, with the text
/// around the tag quoted: "模板.docx: 错误 E602：word/document.xml 第3段「{{#if x}}」：…".
std::string format_diagnostic(const Diagnostic& d);

}  // namespace nianbao
