// A statutory table's sheet, laid out as the format prints it.
#include <algorithm>
#include <cassert>

#include "render/xlsx/sheets.h"

namespace nianbao::xlsx {

namespace {

lxw_format* style_for(const Styles& st, const LayoutCell& cell) {
  if (cell.is_value) return st.value;
  if (cell.cls == "caption") return st.caption;
  if (cell.cls == "label") return st.label;
  if (cell.cls == "note") return st.note;
  return st.header;
}

}  // namespace

void write_table_sheet(Sheet sheet, const Styles& st, const MergedReport& merged, const Places& places, int table,
                       const std::string& draft_note) {
  const Format& f = *merged.format;
  const TableDef& t = f.tables[table];
  const Layout& layout = t.layout;
  const int ncols = static_cast<int>(layout.widths.size());
  double total_width = 0;
  for (int c = 0; c < ncols; ++c) {
    sheet.width(c, layout.widths[c]);
    total_width += layout.widths[c];
  }
  auto span_width = [&](int col, int colspan) {
    double w = 0;
    for (int c = col; c < col + colspan; ++c) w += layout.widths[c];
    return w;
  };

  RowHeights heights;
  int top = 0;
  sheet.span(top, 0, top, ncols - 1, t.title, st.title);
  heights.need(top, 1, text_height(t.title, total_width, kTitleFontSize) + kRowPadding);
  ++top;
  if (!draft_note.empty()) {
    sheet.span(top, 0, top, ncols - 1, draft_note, st.draft);
    heights.need(top, 1, text_height(draft_note, total_width, kDraftFontSize) + kRowPadding);
    ++top;
  }

  const std::vector<Placed>& where = places.cells;
  for (const LayoutCell& cell : layout.cells) {
    const int r1 = top + cell.row, c1 = cell.col;
    const int r2 = r1 + cell.rowspan - 1, c2 = c1 + cell.colspan - 1;
    assert(!cell.is_value || (where[cell.cell].row == r1 && where[cell.cell].col == c1));
    lxw_format* style = style_for(st, cell);
    if (!cell.is_value) {
      sheet.span(r1, c1, r2, c2, cell.text, style);
      heights.need(r1, cell.rowspan, text_height(cell.text, span_width(c1, cell.colspan), kFontSize));
      continue;
    }
    // A merged value: merge first (it writes an empty string), then put the figure in its first cell.
    if (r2 > r1 || c2 > c1) sheet.span(r1, c1, r2, c2, "", style);
    const CellDef& def = f.cells[cell.cell];
    const double value = to_double(merged.totals[cell.cell], def.type);
    if (!def.computed()) {
      sheet.number(r1, c1, value, style);
      continue;
    }
    std::vector<Placed> parts;
    for (int k : def.sum_of) {
      assert(f.cells[k].table == table && where[k].row >= 0);
      parts.push_back(where[k]);
    }
    sheet.formula(r1, c1, sum_formula(parts), value, style);
  }
  heights.apply(sheet);

  worksheet_gridlines(sheet.get(), LXW_HIDE_ALL_GRIDLINES);
  // One page: a merged label split by a page break (三、本年度办理结果 spans 22 rows) would show
  // its text on one page only.
  sheet.print_setup(/*landscape=*/ncols > 4, 1, 1);
  sheet.repeat_rows(0, top + std::max(layout.header_rows, 1) - 1);
}

}  // namespace nianbao::xlsx
