#include <algorithm>
#include <set>

#include <pugixml.hpp>

#include "format/format_xml.h"

namespace nianbao {

namespace {

// The text of a <th>: a row's label (or its unit), a column's or a group's label, or its own text.
std::string label_for(const FormatSource& src, const TableDef& t, const pugi::xml_node& th) {
  if (auto a = th.attribute("row")) {
    int r = t.find_row(a.value());
    if (r < 0) src.fail(th, "布局引用了不存在的行 " + std::string(a.value()));
    // show="unit": the row's unit (统计表的“单位”列).
    if (std::string(th.attribute("show").value()) == "unit") return t.rows[r].unit;
    return t.rows[r].label;
  }
  if (auto a = th.attribute("column")) {
    int c = t.find_column(a.value());
    if (c < 0) src.fail(th, "布局引用了不存在的列 " + std::string(a.value()));
    return t.columns[c].label;
  }
  if (auto a = th.attribute("group")) {
    for (const auto& g : t.row_groups)
      if (g.id == a.value()) return g.label;
    for (const auto& g : t.column_groups)
      if (g.id == a.value()) return g.label;
    src.fail(th, "布局引用了不存在的分组 " + std::string(a.value()));
  }
  return th.text().get();  // may be empty: a blank cell of the printed table
}

int value_cell(const FormatSource& src, const Format& f, int table, const pugi::xml_node& td, const std::string& row_id,
               const std::string& col_id) {
  const auto& t = f.tables[table];
  int r = t.find_row(row_id), c = t.find_column(col_id);
  if (r < 0 || c < 0) src.fail(td, "布局引用了不存在的单元格 " + row_id + "." + col_id);
  int idx = f.cell(table, r, c);
  if (idx < 0) src.fail(td, "行 " + row_id + " 没有列 " + col_id);
  return idx;
}

// widths="…" (one per grid column, in spreadsheet character units) and font-size="…" (points).
void load_sizes(const FormatSource& src, TableDef& t, const pugi::xml_node& node) {
  const std::string widths = node.attribute("widths").value();
  for (const auto& w : split_ws(widths)) {
    auto width = parse_decimal(w);
    if (!width || *width <= 0)
      src.fail(node, "表 " + t.id + " 布局的 widths=\"" + widths + "\" 中的 " + w + " 无效（列宽应为大于 0 的数，如 10.5）");
    t.layout.widths.push_back(*width);
  }
  if (t.layout.widths.empty()) src.fail(node, "表 " + t.id + " 的布局缺少 widths");
  if (auto fs = node.attribute("font-size")) {
    auto size = parse_decimal(fs.value());
    if (!size || *size <= 0)
      src.fail(node, "表 " + t.id + " 布局的 font-size=\"" + fs.value() + "\" 无效（应为以磅为单位、大于 0 的数，如 10.5）");
    t.layout.font_size = *size;
  }
}

// rowspan="…" or colspan="…" of a layout cell: 1 without the attribute.
int span_of(const FormatSource& src, const TableDef& t, const pugi::xml_node& el, const char* attr) {
  auto a = el.attribute(attr);
  if (!a) return 1;
  auto n = parse_digits(a.value());
  // A bound well above any printed table, so that a slip cannot make the grid take all memory.
  constexpr int kMaxSpan = 1000;
  if (!n || *n < 1 || *n > kMaxSpan)
    src.fail(el, "表 " + t.id + " 布局的 " + attr + "=\"" + a.value() + "\" 无效（应为 1 到 " + std::to_string(kMaxSpan) +
                     " 之间的整数）");
  return static_cast<int>(*n);
}

// header-rows="n": how many leading grid rows repeat on each printed page.
void load_header_rows(const FormatSource& src, TableDef& t, const pugi::xml_node& node) {
  int first_value_row = t.layout.grid_rows;
  for (const auto& c : t.layout.cells)
    if (c.is_value) first_value_row = std::min(first_value_row, c.row);
  t.layout.header_rows = first_value_row;
  // By default every leading row without a figure is header (repeated on each printed page).
  // A table whose body opens with a label-only line (统计表: "一、主动公开情况 | —— |") says
  // how many rows its header really has.
  if (auto hr = node.attribute("header-rows")) {
    std::string v = hr.value();
    auto n = v.size() < 4 ? parse_digits(v) : std::nullopt;
    if (!n || *n > first_value_row)
      src.fail(node, "表 " + t.id + " 布局的 header-rows=\"" + v + "\" 无效：应为 0 到 " + std::to_string(first_value_row) +
                         " 之间的整数（表头行不能含有数值）");
    t.layout.header_rows = static_cast<int>(*n);
  }
}

}  // namespace

void load_layout(const FormatSource& src, Format& f, int table, const pugi::xml_node& node) {
  auto& t = f.tables[table];
  if (!node) src.fail(node, "表 " + t.id + " 没有 <layout>");
  load_sizes(src, t, node);
  const int ncols = static_cast<int>(t.layout.widths.size());

  std::vector<std::vector<bool>> used;  // occupancy grid
  auto occupy = [&](LayoutCell& cell, const pugi::xml_node& where, int grid_row, int& grid_col) {
    while (grid_col < ncols && used[grid_row][grid_col]) ++grid_col;
    if (grid_col + cell.colspan > ncols)
      src.fail(where, "表 " + t.id + " 布局第" + std::to_string(grid_row + 1) + "行超出 " + std::to_string(ncols) + " 列");
    if (static_cast<int>(used.size()) < grid_row + cell.rowspan) used.resize(grid_row + cell.rowspan, std::vector<bool>(ncols, false));
    for (int r = grid_row; r < grid_row + cell.rowspan; ++r)
      for (int c = grid_col; c < grid_col + cell.colspan; ++c) {
        if (used[r][c]) src.fail(where, "表 " + t.id + " 布局的单元格重叠");
        used[r][c] = true;
      }
    cell.row = grid_row;
    cell.col = grid_col;
    grid_col += cell.colspan;
    t.layout.cells.push_back(cell);
  };

  int grid_row = 0;
  std::set<int> placed;
  for (auto tr : node.children("tr")) {
    if (static_cast<int>(used.size()) <= grid_row) used.resize(grid_row + 1, std::vector<bool>(ncols, false));
    int grid_col = 0;
    for (auto el : tr.children()) {
      if (el.type() != pugi::node_element) continue;
      std::string name = el.name();
      LayoutCell cell;
      cell.rowspan = span_of(src, t, el, "rowspan");
      cell.colspan = span_of(src, t, el, "colspan");
      cell.cls = el.attribute("class").value();
      if (name == "th") {
        cell.text = label_for(src, t, el);
        occupy(cell, el, grid_row, grid_col);
      } else if (name == "td") {
        cell.is_value = true;
        cell.cell = value_cell(src, f, table, el, src.required(el, "row"), src.required(el, "column"));
        if (!placed.insert(cell.cell).second) src.fail(el, "同一单元格在布局中出现两次");
        occupy(cell, el, grid_row, grid_col);
      } else if (name == "values") {
        std::string row_id = src.required(el, "row");
        int r = t.find_row(row_id);
        if (r < 0) src.fail(el, "布局引用了不存在的行 " + row_id);
        for (int c : t.rows[r].columns) {
          LayoutCell v;
          v.is_value = true;
          v.cell = f.cell(table, r, c);
          if (!placed.insert(v.cell).second) src.fail(el, "同一单元格在布局中出现两次");
          occupy(v, el, grid_row, grid_col);
        }
      } else {
        src.fail(el, "<tr> 中不认识的元素 <" + name + ">");
      }
    }
    ++grid_row;
  }
  t.layout.grid_rows = static_cast<int>(used.size());
  for (int r = 0; r < t.layout.grid_rows; ++r)
    for (int c = 0; c < ncols; ++c)
      if (!used[r][c]) src.fail(node, "表 " + t.id + " 布局第" + std::to_string(r + 1) + "行第" + std::to_string(c + 1) + "列没有单元格");
  for (int r = 0; r < static_cast<int>(t.rows.size()); ++r)
    for (int c : t.rows[r].columns)
      if (!placed.count(t.cell_index[r][c]))
        src.fail(node, "表 " + t.id + " 的单元格 " + t.rows[r].id + "." + t.columns[c].id + " 没有出现在布局中");
  load_header_rows(src, t, node);
}

}  // namespace nianbao
