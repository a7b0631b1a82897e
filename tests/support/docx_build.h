// Builds word/document.xml text for tests the way Word writes it: paragraphs with runs, tables
// with w:gridSpan and w:vMerge, and a format's statutory table laid out from its <layout> (so a
// test starts from the official table and changes what a clerk changes).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "format/format.h"
#include "text/escape.h"

namespace docx_build {

/// Runs for `text`: '\n' becomes <w:br/>, '\t' <w:tab/>.
inline std::string runs(const std::string& text) {
  std::string out = "<w:r><w:t xml:space=\"preserve\">";
  for (char c : text) {
    if (c == '\n') out += "</w:t><w:br/><w:t xml:space=\"preserve\">";
    else if (c == '\t') out += "</w:t><w:tab/><w:t xml:space=\"preserve\">";
    else nianbao::append_xml_content(out, std::string_view(&c, 1));
  }
  return out + "</w:t></w:r>";
}

inline std::string p(const std::string& text) { return "<w:p>" + runs(text) + "</w:p>"; }

/// A heading with Word's automatic numbering: the number is not in the text.
inline std::string numbered(const std::string& text) {
  return "<w:p><w:pPr><w:pStyle w:val=\"2\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>" + runs(text) + "</w:p>";
}

struct Cell {
  std::string text;
  int span = 1;
  int vmerge = 0;  // 0 none, 1 restart, 2 continue
};
inline Cell c(std::string text, int span = 1) { return Cell{std::move(text), span, 0}; }
inline Cell restart(std::string text, int span = 1) { return Cell{std::move(text), span, 1}; }
inline Cell cont(int span = 1) { return Cell{"", span, 2}; }

inline std::string tc(const Cell& cell) {
  std::string pr;
  if (cell.span > 1) pr += "<w:gridSpan w:val=\"" + std::to_string(cell.span) + "\"/>";
  if (cell.vmerge == 1) pr += "<w:vMerge w:val=\"restart\"/>";
  if (cell.vmerge == 2) pr += "<w:vMerge/>";
  std::string out = "<w:tc>" + (pr.empty() ? "" : "<w:tcPr>" + pr + "</w:tcPr>");
  // Cells hold one paragraph per line, as Word writes them.
  std::size_t b = 0;
  do {
    std::size_t e = cell.text.find('\n', b);
    if (e == std::string::npos) e = cell.text.size();
    out += p(cell.text.substr(b, e - b));
    b = e + 1;
  } while (b <= cell.text.size());
  return out + "</w:tc>";
}

using Rows = std::vector<std::vector<Cell>>;

inline std::string tr(const std::vector<Cell>& cells, const std::string& trpr = "") {
  std::string out = "<w:tr>" + (trpr.empty() ? "" : "<w:trPr>" + trpr + "</w:trPr>");
  for (const auto& cell : cells) out += tc(cell);
  return out + "</w:tr>";
}

inline std::string tbl(const Rows& rows) {
  std::string out = "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>";
  for (const auto& r : rows) out += tr(r);
  return out + "</w:tbl>";
}

inline std::string document(const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" +
         body + "<w:sectPr/></w:body></w:document>";
}

/// The rows of a format table's printed layout as a Word table: label cells with their official
/// text (or relabel(text)), figure cells with value(cell) (global cell index).
inline Rows layout_rows(const nianbao::Format& f, int t, const std::function<std::string(int)>& value,
                        const std::function<std::string(const std::string&)>& relabel = nullptr) {
  const auto& layout = f.tables[t].layout;
  const int cols = static_cast<int>(layout.widths.size());
  std::vector<int> at(static_cast<std::size_t>(layout.grid_rows) * cols, -1);
  for (int i = 0; i < static_cast<int>(layout.cells.size()); ++i) {
    const auto& lc = layout.cells[i];
    for (int r = lc.row; r < lc.row + lc.rowspan; ++r)
      for (int k = lc.col; k < lc.col + lc.colspan; ++k) at[static_cast<std::size_t>(r) * cols + k] = i;
  }
  Rows rows(layout.grid_rows);
  for (int r = 0; r < layout.grid_rows; ++r)
    for (int k = 0; k < cols; ++k) {
      const auto& lc = layout.cells[at[static_cast<std::size_t>(r) * cols + k]];
      if (lc.col != k) continue;
      if (lc.row < r) {
        rows[r].push_back(cont(lc.colspan));
        continue;
      }
      std::string text = lc.is_value ? value(lc.cell) : relabel ? relabel(lc.text) : lc.text;
      rows[r].push_back(lc.rowspan > 1 ? restart(text, lc.colspan) : c(text, lc.colspan));
    }
  return rows;
}

}  // namespace docx_build
