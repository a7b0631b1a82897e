// Writes the merged report as an .xlsx workbook: one sheet per statutory table laid out as the
// format prints it (totals as formulas with their true cached values), every agency's figures,
// and the submission status of the roster. Does not validate or compute anything itself.
#pragma once

#include <ctime>
#include <string>

#include "merge/merge.h"

namespace nianbao {

struct WorkbookOptions {
  /// Document creation time written to docProps/core.xml; fixed so that the same inputs give
  /// byte-identical files. 0 means 2000-01-01 00:00:00 UTC.
  std::time_t created = 0;
  /// When non-empty (a partial run), shown in red at the top of every statutory sheet,
  /// e.g. "草稿：3个单位未报送、1个单位被退回".
  std::string draft_note;
};

/// Writes the workbook of `merged` to `path`, replacing any file there (callers wanting atomic
/// replacement pass a temp path). Sheets, in order: one per table of the format, "各单位数据",
/// "报送情况".
/// Preconditions: merged.format, merged.report and merged.files are set; merged.totals has one
/// value per format cell and every accepted submission one value per cell.
/// Throws std::runtime_error naming `path` and the libxlsxwriter error on any failure, including
/// the one from closing (where an unwritable path is found).
void write_workbook(const MergedReport& merged, const std::string& path, const WorkbookOptions& options);

/// The sheet name Excel will accept for `wanted`: []:*?/\ become "_", leading and trailing
/// apostrophes are dropped, and the result is cut to 31 UTF-16 units; "表" when nothing is left.
std::string sanitize_sheet_name(const std::string& wanted);

/// Width of `text` in spreadsheet character units: 2 for CJK and other wide characters, 1 for the
/// rest. Used to size rows so that wrapped Chinese text is not cut off.
int display_width(const std::string& text);

}  // namespace nianbao
