// 同比: this year against last year, cell by cell.
#include <algorithm>
#include <cassert>

#include "render/xlsx/sheets.h"

namespace nianbao::xlsx {

void write_year_on_year_sheet(Sheet sheet, const Styles& st, const MergedReport& merged, const Places& places) {
  const Format& f = *merged.format;
  assert(merged.has_previous && static_cast<int>(merged.previous.size()) == f.cell_count());
  static const std::vector<std::string> kLabels = {"表", "项目", "列", "本年", "上年", "增减", "增减率"};
  static const std::vector<double> kWidths = {38, 50, 30, 11, 11, 11, 10};
  const int ncols = static_cast<int>(kLabels.size());

  RowHeights heights;
  sheet.headers(0, 1, kLabels, kWidths, st.header);
  for (int c = 0; c < f.cell_count(); ++c) {
    const CellDef& def = f.cells[c];
    const TableDef& t = f.tables[def.table];
    const int row = Places::yoy_row(c);
    const std::string excel_row = std::to_string(row + 1);
    const std::string item = f.row_full_label(def.table, def.row);
    const std::string column = is_value_only(t) ? "" : f.column_full_label(def.table, def.col);
    sheet.text(row, 0, t.title, st.text);
    sheet.text(row, 1, item, st.text);
    sheet.text(row, 2, column, st.text);
    heights.need(row, 1, std::max({text_height(t.title, kWidths[0], kFontSize), text_height(item, kWidths[1], kFontSize),
                                   text_height(column, kWidths[2], kFontSize)}));

    const std::int64_t current = merged.totals[c], previous = merged.previous[c];
    FigureDef self{"", {c}, false, def.type};
    sheet.formula(row, kYearOnYearCurrentColumn, places.formula(f, self, false), to_double(current, def.type), st.value);
    sheet.number(row, kYearOnYearPreviousColumn, to_double(previous, def.type), st.value);
    sheet.formula(row, 5, "=D" + excel_row + "-E" + excel_row, to_double(current - previous, def.type), st.value);
    const std::string rate = "=IF(E" + excel_row + "=0,\"—\",F" + excel_row + "/E" + excel_row + ")";
    if (previous == 0)
      sheet.formula_text(row, 6, rate, "—", st.percent);
    else
      sheet.formula(row, 6, rate, static_cast<double>(current - previous) / static_cast<double>(previous), st.percent);
  }
  heights.apply(sheet);

  sheet.freeze(1, 0);
  sheet.autofilter(0, 0, f.cell_count(), ncols - 1);
  sheet.print_setup(/*landscape=*/true, 1, 0);
  sheet.repeat_rows(0, 0);
}

}  // namespace nianbao::xlsx
