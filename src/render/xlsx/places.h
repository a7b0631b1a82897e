// Where each figure sits in the workbook, decided before any sheet is written so that a formula
// can refer to figures on sheets written before and after it (the 图表 sheet's data tables refer to
// the statutory sheets, 同比 and 各单位数据). Also A1 references and the SUM formulas over placed
// cells.
#pragma once

#include <string>
#include <vector>

#include "format/format.h"

namespace nianbao::xlsx {

constexpr int kAgencyFixedColumns = 4;  // 序号, 单位代码, 单位名称, 单位类型
constexpr int kAllCellsHeaderRows = 3;  // 各单位数据 without key figures: table / row / column
constexpr int kYearOnYearCurrentColumn = 3, kYearOnYearPreviousColumn = 4;

/// "A", "B", … "Z", "AA", … for a 0-based column.
std::string column_name(int col);

/// "B3" for row 2, column 1.
inline std::string cell_ref(int row, int col) { return column_name(col) + std::to_string(row + 1); }

/// A cell's range on its sheet, 0-based.
struct Placed {
  int row = -1, col = -1, rowspan = 1, colspan = 1;
};

/// The terms of a SUM over the cells at `parts`, runs of neighbouring cells written as ranges,
/// each prefixed with `sheet` ("" or "'名称'!"). Both directions are tried and the shorter list
/// kept: a total column sums along its row, a total row down its column.
std::vector<std::string> sum_terms(std::vector<Placed> parts, const std::string& sheet);

/// "=SUM(…)" over `parts` on the same sheet.
std::string sum_formula(const std::vector<Placed>& parts);

/// 'name'!, as a formula names another sheet (quotes doubled).
std::string sheet_prefix(const std::string& name);

struct Places {
  std::vector<std::string> table_sheets;  // the sheet of each table
  std::vector<Placed> cells;              // each cell's figure on its table's sheet
  std::string yoy_sheet, agencies_sheet;

  /// The figure's formula on the statutory sheets (`previous`: on the 同比 sheet's 上年 column):
  /// "=<cell>" for a single cell, otherwise "=SUM(…)", terms grouped by table in the order the
  /// figure names them.
  std::string formula(const Format& f, const FigureDef& fig, bool previous) const;

  /// The row of `cell` on 同比.
  static int yoy_row(int cell) { return 1 + cell; }

  /// The column of `cell` on 各单位数据, or -1 when that sheet does not show it by itself.
  static int agency_column(const Format& f, int cell);
  /// The row of the i-th accepted agency on 各单位数据.
  static int agency_row(const Format& f, std::size_t i) {
    return (f.key_figures.empty() ? kAllCellsHeaderRows : 1) + static_cast<int>(i);
  }
};

/// The places of a workbook whose tables are on `table_sheets` (one per table of `f`), each grid
/// below `rows_above` rows (the title, and the draft note or the form's hint when there is one).
Places place(const Format& f, std::vector<std::string> table_sheets, int rows_above);

}  // namespace nianbao::xlsx
