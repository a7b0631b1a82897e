#include "format/format.h"

namespace nianbao {

namespace {

std::string join_path(const std::vector<std::string>& path, const std::string& label) {
  std::string out;
  for (const auto& p : path) out += p;
  return out.empty() ? label : out + " " + label;
}

}  // namespace

int TableDef::find_row(const std::string& id) const {
  for (int i = 0; i < static_cast<int>(rows.size()); ++i)
    if (rows[i].id == id) return i;
  return -1;
}

int TableDef::find_column(const std::string& id) const {
  for (int i = 0; i < static_cast<int>(columns.size()); ++i)
    if (columns[i].id == id) return i;
  return -1;
}

int Format::find_table(const std::string& table_id) const {
  for (int i = 0; i < static_cast<int>(tables.size()); ++i)
    if (tables[i].id == table_id) return i;
  return -1;
}

const SectionDef* Format::find_section(const std::string& section_id) const {
  for (const auto& s : sections)
    if (s.id == section_id) return &s;
  return nullptr;
}

std::string Format::row_full_label(int table, int row) const {
  const auto& r = tables[table].rows[row];
  return join_path(r.group_path, r.label);
}

std::string Format::column_full_label(int table, int col) const {
  const auto& c = tables[table].columns[col];
  return join_path(c.group_path, c.label);
}

std::string Format::describe_cell(int cell_index) const {
  const auto& c = cells[cell_index];
  const auto& t = tables[c.table];
  std::string out = t.title + " / " + row_full_label(c.table, c.row);
  if (t.columns.size() > 1 || t.columns[0].id != "value") out += " / " + column_full_label(c.table, c.col);
  return out;
}

std::string Format::cell_path(int cell_index) const {
  const auto& c = cells[cell_index];
  const auto& t = tables[c.table];
  return t.id + "." + t.rows[c.row].id + "." + t.columns[c.col].id;
}

int Format::find_cell(const std::string& path) const {
  const std::size_t a = path.find('.'), b = a == std::string::npos ? a : path.find('.', a + 1);
  if (b == std::string::npos || path.find('.', b + 1) != std::string::npos) return -1;
  int t = find_table(path.substr(0, a));
  if (t < 0) return -1;
  return cell(t, tables[t].find_row(path.substr(a + 1, b - a - 1)), tables[t].find_column(path.substr(b + 1)));
}

std::int64_t FigureDef::value(FigureView values) const {
  std::int64_t sum = 0;
  for (int c : cells) sum += values[c];
  return sum;
}

bool Format::compute(std::span<std::int64_t> values) const {
  bool ok = true;
  for (int c : computed_order) {
    std::int64_t sum = 0;
    for (int k : cells[c].sum_of)
      if (!checked_add(sum, values[k], sum)) ok = false;
    values[c] = sum;
  }
  return ok;
}

Format load_format(const std::string& templates_dir, const std::string& id) {
  Format f = load_format_file(templates_dir + "/" + id + "/format.xml");
  if (f.id != id) throw FormatError("格式定义 " + templates_dir + "/" + id + "/format.xml 的 id 为 " + f.id + "，与目录名不符");
  f.dir = templates_dir + "/" + id;
  return f;
}

}  // namespace nianbao
