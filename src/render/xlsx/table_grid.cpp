// The layout walker of the statutory sheets: one pass over a table's <layout> cells.
#include "render/xlsx/table_grid.h"

#include <algorithm>
#include <cassert>

namespace nianbao::xlsx {

namespace {

lxw_format* label_style(const Styles& st, const LayoutCell& cell) {
  if (cell.cls == "caption") return st.caption;
  if (cell.cls == "label") return st.label;
  if (cell.cls == "note") return st.note;
  return st.header;
}

}  // namespace

int write_table_grid(Sheet& sheet, const Styles& st, const Format& f, int table, const GridNote& note,
                     [[maybe_unused]] const std::vector<Placed>& where, const FigureCells& figures, RowHeights& heights) {
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

  int top = 0;
  sheet.span(top, 0, top, ncols - 1, t.title, st.title);
  heights.need(top, 1, text_height(t.title, total_width, kTitleFontSize) + kRowPadding);
  ++top;
  if (!note.text.empty()) {
    sheet.span(top, 0, top, ncols - 1, note.text, note.style);
    heights.need(top, 1, text_height(note.text, total_width, note.font_size) + kRowPadding);
    ++top;
  }

  for (const LayoutCell& cell : layout.cells) {
    const int r1 = top + cell.row, c1 = cell.col;
    const int r2 = r1 + cell.rowspan - 1, c2 = c1 + cell.colspan - 1;
    if (!cell.is_value) {
      sheet.span(r1, c1, r2, c2, cell.text, label_style(st, cell));
      heights.need(r1, cell.rowspan, text_height(cell.text, span_width(c1, cell.colspan), kFontSize));
      continue;
    }
    assert(where[cell.cell].row == r1 && where[cell.cell].col == c1);
    lxw_format* style = figures.style(cell.cell);
    // A merged figure: merge first (it writes an empty string), then put the figure in its first cell.
    if (r2 > r1 || c2 > c1) sheet.span(r1, c1, r2, c2, "", style);
    figures.write(cell.cell, r1, c1, style);
  }
  return top;
}

void finish_table_sheet(Sheet& sheet, const TableDef& t, int grid_top, int pages_tall, RowHeights& heights) {
  const int ncols = static_cast<int>(t.layout.widths.size());
  heights.apply(sheet);
  worksheet_gridlines(sheet.get(), LXW_HIDE_ALL_GRIDLINES);
  sheet.print_setup(/*landscape=*/ncols > 4, 1, pages_tall);
  sheet.repeat_rows(0, grid_top + std::max(t.layout.header_rows, 1) - 1);
}

}  // namespace nianbao::xlsx
