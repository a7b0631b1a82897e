// A statutory table's sheet of the output workbook: the format's layout with the merged figures,
// computed cells as SUM formulas with their true cached values.
#include <cassert>

#include "render/xlsx/sheets.h"
#include "render/xlsx/table_grid.h"

namespace nianbao::xlsx {

void write_table_sheet(Sheet sheet, const Styles& st, const MergedReport& merged, const Places& places, int table,
                       const std::string& draft_note) {
  const Format& f = *merged.format;
  const std::vector<Placed>& where = places.cells;
  FigureCells figures;
  figures.style = [&](int) { return st.value; };
  figures.write = [&](int cell, int row, int col, lxw_format* style) {
    const CellDef& def = f.cells[cell];
    const double value = to_double(merged.totals[cell], def.type);
    if (!def.computed()) return sheet.number(row, col, value, style);
    std::vector<Placed> parts;
    for (int k : def.sum_of) {
      assert(f.cells[k].table == table && where[k].row >= 0);
      parts.push_back(where[k]);
    }
    sheet.formula(row, col, sum_formula(parts), value, style);
  };
  RowHeights heights;
  const int top = write_table_grid(sheet, st, f, table, GridNote{draft_note, st.draft, kDraftFontSize}, where, figures, heights);
  // One page: a merged label split by a page break (三、本年度办理结果 spans 22 rows) would show
  // its text on one page only.
  finish_table_sheet(sheet, f.tables[table], top, 1, heights);
}

}  // namespace nianbao::xlsx
