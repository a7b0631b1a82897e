// Walks a worksheet's cells as text, without building a tree: a form's sheets are read for a
// few dozen cells, and a tree of every label, style and formula cost several times what the
// cells are worth. Every tag, attribute and reference of what it is given is checked as an XML
// parser checks them; the cells of the rows asked for are handed over with what a reader needs.
// Text in, facts out: the diagnostics are the caller's (input/xlsx_workbook.cpp).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "input/xlsx_refs.h"

namespace nianbao {

/// One <c> of a wanted row, placed as Excel places cells without r.
struct ScannedCell {
  CellRef ref;
  std::string type;            // the t attribute ("" none)
  bool formula = false;        // an <f> element
  bool has_value = false;      // a <v> element
  bool has_inline = false;     // an <is> element
  std::string value;           // <v>'s text, references decoded, as stored
  std::string inline_text;     // <is>: its <t> and the <t> of each run <r> (not phonetic runs),
                               // each as append_sheet_text makes it
  std::string duplicate;       // an attribute of the <c> given twice: its name ("" none)
  std::string duplicate_values;  // 'r="D6" 与 r="D7"' for the message

  /// As constructed, the strings keeping their buffers (the scan reuses one cell for all).
  void clear() {
    ref = CellRef{};
    type.clear();
    formula = has_value = has_inline = false;
    value.clear();
    inline_text.clear();
    duplicate.clear();
    duplicate_values.clear();
  }
};

enum class ScanFault {
  kNone,
  kMalformed,  // not well-formed XML (a tag, attribute or reference; unbalanced elements)
  kDoctype,    // a DOCTYPE
  kBadRow,     // a row number that is not one (r="x"), or beyond the grid
  kBadCell,    // a cell reference that is not one, or not in its row
  kTooManyRows,  // rows without r beyond row 1048576
  kWideRow,    // a cell beyond column XFD
};

struct ScanResult {
  ScanFault fault = ScanFault::kNone;
  std::size_t offset = 0;  // where in the text, for kMalformed and kDoctype
  int row = 0;             // the row concerned, for the grid faults
  std::string found;       // the attribute as written, for the grid faults
};

/// Scans `xml`: a <sheetData> element, or a whole worksheet (then its sheetData is found below
/// the root; an XML declaration, comments and processing instructions may come first, a DOCTYPE
/// is kDoctype). Elements may carry any prefix (x:row). `wanted` lists the cells asked for,
/// sorted by row and then column (duplicates allowed); null asks for every cell. Each <c> asked
/// for goes to `on_cell`, which returns false to stop (the scan then returns fault kNone). The
/// cells of rows not asked for are not placed (a grid fault there goes unseen, as it would for
/// any reader that skips those rows). The first fault ends the scan. Comments and processing
/// instructions are skipped; CDATA is text.
ScanResult scan_sheet_data(std::string_view xml, const std::vector<CellRef>* wanted,
                           const std::function<bool(const ScannedCell&)>& on_cell);

}  // namespace nianbao
