// Diagnostics: bad input is data, not an exception. Each finding carries a stable code, the
// place it was found (file, line, column, and the table cell in official labels) and the value
// found against the value expected. The catalogue of codes is codes.h / docs/errors.md.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace nianbao {

enum class Severity { kError, kWarning };

/// A submission stops being checked after this many findings (and says so, E111): the agency
/// has plenty to fix, and a hostile file cannot flood memory, the terminal or summary.json.
inline constexpr std::size_t kMaxFindingsPerFile = 100;

struct SourceLocation {
  std::string file;  // as the user named it, e.g. "inputs/fgw.xml"
  int line = 0;      // 1-based; 0 when the finding concerns the whole file
  int column = 0;    // 1-based, in characters of the line; 0 when unknown
  // The fields below have initializers so that SourceLocation{file, line, column} stays free
  // of -Wmissing-field-initializers.
  std::string sheet{};  // forms: the sheet's name, e.g. "三、收到和处理政府信息公开申请情况"
  std::string cell{};   // forms: the cell, e.g. "D12"
  int table = 0, row = 0, col = 0;  // Word reports: 1-based table, row and column; 0 when unknown
  std::string part{};   // templates: the part of the package, e.g. "word/document.xml"
  int paragraph = 0;    // templates: 1-based paragraph in the part; 0 when unknown
};

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;      // "E201"
  SourceLocation where;
  std::string message;   // one complete sentence in Simplified Chinese
  std::string place;     // the table cell in official labels, e.g. "表三 / 一、本年新收… / 自然人"
  std::string found;     // the value as found, when there is one
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

/// "inputs/a.xml:14:7: E201 …" plus place / found / expected, for terminals and logs.
std::string format_diagnostic(const Diagnostic& d);

}  // namespace nianbao
