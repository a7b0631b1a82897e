// Writes every figure of every accepted agency as one CSV file: the complete per-agency detail
// that the workbook's 各单位数据 sheet leaves out at national scale. No spreadsheet library.
#pragma once

#include <string>

#include "model/merged_report.h"

namespace nianbao {

/// Writes `merged`'s accepted agencies to `path`, replacing any file there (callers wanting
/// atomic replacement pass a temp path). UTF-8 with a BOM (so Excel and WPS read it as UTF-8),
/// CRLF line ends, fields quoted per RFC 4180 when they hold a comma, quote, CR or LF.
/// Header: 单位代码,单位名称,单位类型, then one column per format cell labelled
/// "表标题/行完整标签/列标签" (the column part left out for one-column tables); one row per
/// accepted agency in roster order; a last row 合计 with merged.totals.
/// Text that a spreadsheet would take for a formula is written with a leading apostrophe.
/// Streams row by row: memory does not grow with the number of agencies.
/// Preconditions: merged.format is set; merged.totals and every accepted submission's values
/// have one value per cell.
/// Throws std::runtime_error naming `path` and the system's reason when it cannot be written.
void write_agency_csv(const MergedReport& merged, const std::string& path);

}  // namespace nianbao
