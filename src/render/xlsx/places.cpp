#include "render/xlsx/places.h"

#include <algorithm>
#include <tuple>

#include "render/xlsx/cell_text.h"
#include "render/xlsx/sheet_names.h"

namespace nianbao::xlsx {

std::string column_name(int col) {
  std::string name;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
  return name;
}

std::vector<std::string> sum_terms(std::vector<Placed> parts, const std::string& sheet) {
  auto terms = [&](bool vertical) {
    std::sort(parts.begin(), parts.end(), [&](const Placed& a, const Placed& b) {
      return vertical ? std::tie(a.col, a.row) < std::tie(b.col, b.row) : std::tie(a.row, a.col) < std::tie(b.row, b.col);
    });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < parts.size();) {
      std::size_t j = i;
      // Neighbours: the next cell starts where this one's merged range ends, so the range
      // covers nothing but the summed cells and the empty rest of their merges.
      while (j + 1 < parts.size() &&
             (vertical ? parts[j + 1].col == parts[j].col && parts[j + 1].row == parts[j].row + parts[j].rowspan
                       : parts[j + 1].row == parts[j].row && parts[j + 1].col == parts[j].col + parts[j].colspan))
        ++j;
      std::string term = sheet + cell_ref(parts[i].row, parts[i].col);
      if (j > i) term.append(":").append(cell_ref(parts[j].row, parts[j].col));
      out.push_back(term);
      i = j + 1;
    }
    return out;
  };
  std::vector<std::string> across = terms(false), down = terms(true);
  return down.size() < across.size() ? down : across;
}

std::string sum_formula(const std::vector<Placed>& parts) { return "=SUM(" + join(sum_terms(parts, ""), ",") + ")"; }

std::string sheet_prefix(const std::string& name) {
  std::string out = "'";
  for (char c : name) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'!";
}

std::string Places::formula(const Format& f, const FigureDef& fig, bool previous) const {
  std::vector<std::string> terms;
  if (previous) {
    std::vector<Placed> parts;
    for (int c : fig.cells) parts.push_back({yoy_row(c), kYearOnYearPreviousColumn, 1, 1});
    terms = sum_terms(parts, sheet_prefix(yoy_sheet));
  } else {
    std::vector<int> tables;
    for (int c : fig.cells)
      if (std::find(tables.begin(), tables.end(), f.cells[c].table) == tables.end()) tables.push_back(f.cells[c].table);
    for (int t : tables) {
      std::vector<Placed> parts;
      for (int c : fig.cells)
        if (f.cells[c].table == t) parts.push_back(cells[c]);
      for (auto& term : sum_terms(parts, sheet_prefix(table_sheets[t]))) terms.push_back(std::move(term));
    }
  }
  if (!fig.is_sum && terms.size() == 1 && terms[0].find(':') == std::string::npos) return "=" + terms[0];
  return "=SUM(" + join(terms, ",") + ")";
}

int Places::agency_column(const Format& f, int cell) {
  if (f.key_figures.empty()) return kAgencyFixedColumns + cell;
  for (std::size_t i = 0; i < f.key_figures.size(); ++i) {
    const FigureDef& fig = f.key_figures[i];
    if (!fig.is_sum && fig.cells.size() == 1 && fig.cells[0] == cell) return kAgencyFixedColumns + static_cast<int>(i);
  }
  return -1;
}

Places place(const Format& f, std::vector<std::string> table_sheets, int rows_above) {
  Places p;
  p.table_sheets = std::move(table_sheets);
  p.yoy_sheet = kYearOnYearSheet;
  p.agencies_sheet = kAgenciesSheet;
  p.cells.resize(f.cell_count());
  for (const TableDef& t : f.tables)
    for (const LayoutCell& cell : t.layout.cells)
      if (cell.is_value) p.cells[cell.cell] = {rows_above + cell.row, cell.col, cell.rowspan, cell.colspan};
  return p;
}

}  // namespace nianbao::xlsx
