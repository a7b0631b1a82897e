// SpreadsheetML as text, without an XML parser: cell references ("$D$12"), defined names'
// formulas, numbers as stored, _xHHHH_ escapes, part names, scans of part text. Pure functions
// for xlsx_workbook.cpp, tested on their own.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace nianbao {

/// Excel's grid: rows 1..1048576, columns A..XFD.
inline constexpr int kMaxSheetRows = 1'048'576;
inline constexpr int kMaxSheetColumns = 16'384;

/// A cell position, 1-based; row 0 means none.
struct CellRef {
  int row = 0, col = 0;
  bool operator==(const CellRef& o) const { return row == o.row && col == o.col; }
};

/// "D12"; "" for CellRef{}.
std::string cell_ref_text(CellRef ref);
/// Parses "D12", "$D$12", "d12" (the dollars of absolute references are allowed); false for
/// anything else, including positions beyond the grid.
bool parse_cell_ref(std::string_view text, CellRef& ref);

enum class NameTargetKind {
  kCell,          // one cell of a sheet of this workbook (a one-cell range counts as a cell)
  kRange,         // several cells, whole rows or columns, several sheets
  kText,          // a constant string: "xxgk-2021"
  kNumber,        // a constant number: 2025
  kRefError,      // #REF! (the cell it named was deleted)
  kExternal,      // a cell of another workbook ([1]Sheet!A1, '[book.xlsx]Sheet'!A1)
  kUnknownSheet,  // Sheet!A1 where the workbook has no sheet of that name (Workbook::resolve)
  kOther,         // anything else: a formula, a name without a sheet
};

/// A defined name's formula taken apart.
struct NameFormula {
  NameTargetKind kind = NameTargetKind::kOther;
  std::string sheet;  // kCell, kRange: the sheet as named, quotes removed ('It''s' -> It's)
  CellRef cell;       // kCell; kRange: its first cell when there is one
  std::string text;   // kText: the string (doubled quotes undone); kNumber: as written
};

/// Parses a defined name's formula. A leading '=' and surrounding spaces are allowed.
NameFormula parse_name_formula(std::string_view formula);

/// xsd:double as SpreadsheetML stores numbers: "12", "-0.5", "1E-3", "1.2e+15".
bool is_stored_number(std::string_view s);

/// Appends a SpreadsheetML string as a reader should see it: _xHHHH_ escapes decoded (Excel
/// stores characters XML cannot carry that way: Alt+Enter may come as _x000D_, a literal "_x"
/// as _x005F_x); control characters other than tab and line feed dropped (they would make any
/// document written from the text unreadable); line ends as "\n".
void append_sheet_text(std::string& out, std::string_view stored);

/// A character reference without its & and ; ("#12", "#x4E00") appended to `out` as UTF-8.
/// False for anything else, and for characters XML 1.0 does not allow (NUL and most C0 controls,
/// surrogates, U+FFFE, U+FFFF, beyond U+10FFFF).
bool decode_char_reference(std::string_view ref, std::string& out);

/// Without leading and trailing ASCII white space.
std::string_view trim_ascii(std::string_view s);

/// Offset of the first character reference to a character XML 1.0 forbids (&#0; would cut a
/// string short, &#11; would make a document written from it unreadable), or npos.
std::size_t find_forbidden_char_reference(std::string_view xml);

/// The byte range of the first element named `name` (any prefix: <x:sheetData>) in `xml`, when
/// it can be parsed alone: nothing before it could hide markup (a comment, CDATA or DOCTYPE
/// before it gives the whole text). {0, xml.size()} when it cannot be told.
std::pair<std::size_t, std::size_t> find_element_range(std::string_view xml, std::string_view name);

/// The part a package relationship's Target names, from the folder of the part that holds the
/// relationship ("xl/" for xl/workbook.xml, "" for _rels/.rels): relative or absolute,
/// %-escapes decoded (kept as written when they would not make UTF-8 free of control
/// characters), "." and ".." resolved. "" when it leaves the package.
std::string resolve_part_name(const std::string& base_dir, std::string_view target);

}  // namespace nianbao
