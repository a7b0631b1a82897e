// The sheet writers of the workbook, one per kind of sheet, which write_workbook (workbook.cpp)
// calls in sheet order. Each lays out its sheet whole: widths, cells, row heights, print setup.
// All throw std::runtime_error (from Book) when libxlsxwriter fails.
#pragma once

#include <string>
#include <vector>

#include "merge/merge.h"
#include "render/xlsx/book.h"
#include "render/xlsx/bulk_rows.h"
#include "render/xlsx/places.h"
#include "render/xlsx/styles.h"

namespace nianbao::xlsx {

/// Table `table` of the format as it prints it: its title, `draft_note` when not empty, and
/// its grid at `places`, computed cells as SUM formulas with their true cached values.
void write_table_sheet(Sheet sheet, const Styles& st, const MergedReport& merged, const Places& places, int table,
                       const std::string& draft_note);

/// 图表: each chart of the format (previous="true" ones only when merged.has_previous) below a
/// small table of its data, one chart a page. `sheet_name` is this sheet's name, which the
/// series refer to.
void write_charts_sheet(const Book& book, Sheet sheet, const Styles& st, const MergedReport& merged, const Places& places,
                        const std::string& sheet_name);

/// 同比: 本年 / 上年 / 增减 / 增减率 of every cell, one row each (Places::yoy_row).
/// Precondition: merged.has_previous.
void write_year_on_year_sheet(Sheet sheet, const Styles& st, const MergedReport& merged, const Places& places);

/// 各单位数据 of a format without key figures: every cell of every accepted agency, under a
/// three-row header (table / row / column), and a 合计 row.
void write_agencies_sheet(Sheet sheet, const Styles& st, const MergedReport& merged, const Bulk& bulk);

/// 各单位数据 of a format with key figures: those figures of every accepted agency, a 合计 row
/// and a note pointing to the per-agency CSV.
void write_key_figures_sheet(Sheet sheet, const Styles& st, const MergedReport& merged, const Bulk& bulk);

/// 报送情况: each roster agency's status, files and (when rejected) errors; the counts; and every
/// file not shown against a roster agency.
void write_status_sheet(Sheet sheet, const Styles& st, const MergedReport& merged, const Bulk& bulk);

/// 校验结果: the first 2,000 findings grouped by agency in roster order, then files naming no
/// roster agency, then merged.warnings; a last line counts the ones left out.
void write_diagnostics_sheet(Sheet sheet, const Styles& st, const MergedReport& merged);

/// Every input file of the run; none when merged.files is not set.
inline const std::vector<FileResult>& input_files(const MergedReport& merged) {
  static const std::vector<FileResult> kNoFiles;
  return merged.files ? *merged.files : kNoFiles;
}

/// Whether the table has a single column "value", so that its cells are named by their row alone.
inline bool is_value_only(const TableDef& t) { return t.columns.size() == 1 && t.columns[0].id == "value"; }

}  // namespace nianbao::xlsx
