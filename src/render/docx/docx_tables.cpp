#include "render/docx/docx_tables.h"

#include <cmath>

#include "text/escape.h"

namespace nianbao {

namespace {

std::string cell_paragraph(const std::string& text, const char* align, int half_points, bool bold) {
  std::string rpr = "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"宋体\" w:hAnsi=\"Times New Roman\" w:hint=\"eastAsia\"/>";
  if (bold) rpr += "<w:b/><w:bCs/>";
  rpr += "<w:sz w:val=\"" + std::to_string(half_points) + "\"/><w:szCs w:val=\"" + std::to_string(half_points) + "\"/></w:rPr>";
  std::string out = "<w:p><w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
                    "<w:ind w:left=\"0\" w:right=\"0\" w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"";
  out += align;
  out += "\"/>" + rpr + "</w:pPr>";
  if (!text.empty())
    out += "<w:r>" + rpr + "<w:t xml:space=\"preserve\">" + xml_escape(text) + "</w:t></w:r>";
  return out + "</w:p>";
}

}  // namespace

std::string docx_table_xml(const Format& format, int table, FigureView values, int width_twips) {
  const TableDef& t = format.tables[table];
  const Layout& L = t.layout;
  const int ncols = static_cast<int>(L.widths.size());
  double total = 0;
  for (double w : L.widths) total += w;
  std::vector<int> twips(ncols);
  int used = 0;
  for (int c = 0; c < ncols; ++c) {
    twips[c] = c + 1 == ncols ? width_twips - used : static_cast<int>(std::lround(L.widths[c] / total * width_twips));
    used += twips[c];
  }
  auto span_width = [&](int col, int span) {
    int w = 0;
    for (int c = col; c < col + span; ++c) w += twips[c];
    return w;
  };
  const int half_points = static_cast<int>(std::lround(L.font_size * 2));

  // The cell that starts at each grid position, and the cell covering it from above.
  std::vector<std::vector<const LayoutCell*>> start(L.grid_rows, std::vector<const LayoutCell*>(ncols, nullptr));
  std::vector<std::vector<const LayoutCell*>> cover(L.grid_rows, std::vector<const LayoutCell*>(ncols, nullptr));
  for (const auto& cell : L.cells) {
    start[cell.row][cell.col] = &cell;
    for (int r = cell.row + 1; r < cell.row + cell.rowspan; ++r) cover[r][cell.col] = &cell;
  }

  std::string x = "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(width_twips) +
                  "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
    x += std::string("<w:") + side + " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  x += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
       "<w:left w:w=\"57\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/>"
       "</w:tblCellMar><w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" "
       "w:noHBand=\"0\" w:noVBand=\"0\"/></w:tblPr><w:tblGrid>";
  for (int w : twips) x += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  x += "</w:tblGrid>";
  for (int r = 0; r < L.grid_rows; ++r) {
    x += "<w:tr><w:trPr><w:cantSplit/>";
    if (r < L.header_rows) x += "<w:tblHeader/>";
    x += "<w:trHeight w:val=\"" + std::to_string(L.font_size > 10 ? 454 : 360) + "\"/><w:jc w:val=\"center\"/></w:trPr>";
    for (int c = 0; c < ncols;) {
      const LayoutCell* cell = start[r][c];
      const LayoutCell* above = cover[r][c];
      const LayoutCell* which = cell ? cell : above;
      if (!which) {  // cannot happen: the loader checks the grid is covered
        ++c;
        continue;
      }
      x += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(span_width(c, which->colspan)) + "\" w:type=\"dxa\"/>";
      if (which->colspan > 1) x += "<w:gridSpan w:val=\"" + std::to_string(which->colspan) + "\"/>";
      if (which->rowspan > 1) x += cell ? "<w:vMerge w:val=\"restart\"/>" : "<w:vMerge/>";
      x += "<w:vAlign w:val=\"center\"/></w:tcPr>";
      if (!cell) {
        x += "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr></w:p>";
      } else if (cell->is_value) {
        const CellDef& def = format.cells[cell->cell];
        x += cell_paragraph(format_value(values[cell->cell], def.type), "center", half_points, false);
      } else {
        const char* align = cell->cls == "label" || cell->cls == "caption" ? "left" : "center";
        x += cell_paragraph(cell->text, align, half_points, cell->cls == "caption");
      }
      x += "</w:tc>";
      c += which->colspan;
    }
    x += "</w:tr>";
  }
  return x + "</w:tbl>";
}

}  // namespace nianbao
