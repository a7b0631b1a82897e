// Reads a SpreadsheetML workbook (.xlsx): sheets, defined names and the cells asked for, found
// through the package relationships as Excel, WPS, LibreOffice and openpyxl write them; nothing
// else (no styles). Hostile parts are diagnostics. pugixml stays in the .cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "input/xlsx_refs.h"
#include "model/diagnostics.h"
#include "zip/zip_reader.h"

namespace nianbao {

/// A part (for a worksheet, its sheetData) with more than this many '<' is rejected before it is
/// parsed (E704): the parser's memory grows with the elements, and no form comes near.
inline constexpr std::size_t kMaxPartTags = 2'000'000;
/// The shared-string table: at most this many entries, and its part at most this many bytes (E704).
inline constexpr std::size_t kMaxSharedStrings = 100'000;
inline constexpr std::size_t kMaxSharedStringsBytes = 16u << 20;
/// At most this many sheets and this many defined names (E704).
inline constexpr std::size_t kMaxSheets = 1'000;
inline constexpr std::size_t kMaxDefinedNames = 20'000;

enum class CellKind { kBlank, kNumber, kText, kBool, kError };

struct CellValue {
  CellKind kind = CellKind::kBlank;
  /// kNumber: the number as stored ("12", "1E-3", "12.000000000000002"); kText: the string,
  /// rich-text runs joined, phonetic runs left out, _xHHHH_ escapes decoded, control characters
  /// other than tab and line feed removed, line ends as "\n"; kBool: "TRUE" or "FALSE";
  /// kError: the error as shown ("#DIV/0!").
  std::string text;
  bool formula = false;  // the cell holds a formula (<f>, shared or not); its cached value is above
  bool cached = true;    // false: a formula without a cached value (kind is then kBlank)
};

/// A cell and its value, as read_sheet lists them.
struct SheetCell {
  CellRef ref;
  CellValue value;
};

struct SheetInfo {
  std::string name;
  std::string part;        // "xl/worksheets/sheet1.xml"; "" for a chart sheet or dialog sheet
};

/// A defined name. The views point into the workbook and live as long as the Workbook does.
struct DefinedName {
  std::string_view name;
  std::string_view formula;  // the text of <definedName>, e.g. "'三、…'!$D$12" or "\"xxgk-2021\""
  int local_sheet = -1;      // localSheetId (index into sheets()); -1 for a workbook-level name
};

struct NameTarget {
  NameTargetKind kind = NameTargetKind::kOther;
  int sheet = -1;        // kCell, kRange: index into sheets()
  CellRef cell;          // kCell; kRange: its first cell when there is one
  std::string text;      // kText: the string; kNumber: as written; kUnknownSheet: the sheet name
};

/// An open workbook. It owns its archive and reads parts only when asked (sheets one at a time,
/// the shared strings once, on first use). Not thread-safe.
class Workbook {
 public:
  ~Workbook();
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  const std::string& display() const;
  /// In workbook order (the order of the tabs).
  const std::vector<SheetInfo>& sheets() const;
  /// Index of the sheet of that name (ASCII letters compared ignoring case, as Excel does), or -1.
  int find_sheet(std::string_view name) const;
  /// Workbook-level names, in file order.
  const std::vector<DefinedName>& names() const;
  /// Names scoped to one sheet (localSheetId), including Excel's own (_xlnm.Print_Area).
  const std::vector<DefinedName>& local_names() const;
  /// The workbook-level name (ASCII letters compared ignoring case), or nullptr.
  const DefinedName* find_name(std::string_view name) const;
  /// What a name refers to. Sheet names may be quoted ('It''s'!A1), references absolute or
  /// relative; a leading '=' is allowed.
  NameTarget resolve(const DefinedName& name) const;

  /// Reads the cells `wanted` of worksheet `sheet` (a valid index): `out` gets one value per
  /// wanted cell, blank where the sheet has nothing. The sheet's part is parsed once per call.
  /// Returns false when the sheet cannot be read (E701–E708 in diags; `out` is then all blank).
  /// A wanted cell stored twice is E706; a cell or row beyond the grid E705; a value that is not
  /// what its type says (t="s" with no such string, t="b" with "7", an unknown t) E707.
  /// Diagnostics name the sheet and cell (SourceLocation::sheet/cell).
  bool read_cells(int sheet, const std::vector<CellRef>& wanted, std::vector<CellValue>& out, Diagnostics& diags);

  /// Every cell of worksheet `sheet` (a valid index) that holds a value or a formula, in row and
  /// column order; cells that only carry formatting are left out. At most `max_cells` (E704
  /// beyond). Faults as for read_cells; `out` is then empty.
  bool read_sheet(int sheet, std::size_t max_cells, std::vector<SheetCell>& out, Diagnostics& diags);

  struct Impl;  // defined in the .cpp: the archive, the parsed shared strings

 private:
  friend std::unique_ptr<Workbook> open_workbook(std::unique_ptr<ZipArchive> zip, const std::string& display,
                                                 Diagnostics& diags);
  Workbook();
  std::unique_ptr<Impl> impl_;
};

/// Finds the workbook through _rels/.rels (the officeDocument relationship, wherever it points),
/// reads its sheet list and defined names. Returns nullptr with one error in diags when it
/// cannot: E701 a part is missing or the package is not a workbook, E702 a part is not
/// well-formed XML (or not UTF-8/UTF-16), E703 a part has a DOCTYPE, E704 beyond a cap above,
/// E708 two sheets or two workbook-level names with the same name; zip faults keep their codes
/// (E011, E013 …). Diagnostics name the file as `display`, and the part in SourceLocation::part.
std::unique_ptr<Workbook> open_workbook(std::unique_ptr<ZipArchive> zip, const std::string& display, Diagnostics& diags);

/// open_workbook of the zip file at `fs_path` (or of the zip in `bytes`); a zip that cannot be
/// opened is an error with its zip code (E010–E018) on the file, and nullptr.
std::unique_ptr<Workbook> open_workbook_file(const std::string& fs_path, const std::string& display, Diagnostics& diags);
std::unique_ptr<Workbook> open_workbook_bytes(std::string bytes, const std::string& display, Diagnostics& diags);

}  // namespace nianbao
