// Writes the merged report as an .xlsx workbook: one sheet per statutory table laid out as the
// format prints it (totals as formulas with their true cached values), the format's charts,
// last year's comparison, each agency's key figures, the submission status of the roster and
// every finding. Does not validate anything itself; the complete per-agency detail is
// agency_csv.h's job. Implemented in render/xlsx/, the only folder that includes libxlsxwriter.
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
  /// A one-row-per-agency block (各单位数据, 报送情况) of more rows than this has all but its first
  /// row written by nianbao rather than libxlsxwriter, for speed at national scale (see
  /// render/xlsx/bulk_rows.h). The workbook reads the same either way.
  std::size_t bulk_rows_from = 2000;
};

/// Writes the workbook of `merged` to `path`, replacing any file there (callers wanting atomic
/// replacement pass a temp path). Sheets, in order:
/// - one per table of the format;
/// - "图表" when the format has <charts>: each chart beside a small table of its data, whose
///   values are formulas on the statutory sheets (上年: on 同比; a ranking: on 各单位数据) with
///   true cached values; charts with previous="true" only when merged.has_previous;
/// - "同比" when merged.has_previous: 本年 / 上年 / 增减 / 增减率 of every cell;
/// - "各单位数据": the format's key figures of every accepted agency and a 合计 row (every cell
///   when the format has no <key-figures>);
/// - "报送情况": each roster agency's status, and every other file;
/// - "校验结果": every diagnostic of every file and merged.warnings, grouped by agency in
///   roster order, at most 2,000 rows (a last line says how many more there are).
/// Preconditions: merged.format, merged.report and merged.files are set; merged.totals (and
/// merged.previous when has_previous) has one value per format cell, computed cells computed,
/// and every accepted submission one value per cell.
/// Throws std::runtime_error naming `path` and the libxlsxwriter error on any failure, including
/// the one from closing (where an unwritable path is found).
void write_workbook(const MergedReport& merged, const std::string& path, const WorkbookOptions& options);

/// The sheet name Excel will accept for `wanted`: []:*?/\ become "_", leading and trailing
/// apostrophes are dropped, and the result is cut to 31 UTF-16 units; "表" when nothing is left.
std::string sanitize_sheet_name(const std::string& wanted);

}  // namespace nianbao
