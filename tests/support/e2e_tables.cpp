#include "e2e_tables.h"

#include <catch2/catch.hpp>

#include "ooxml_read.h"

namespace nianbao::test {

const Format& format_2021() {
  static const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  return f;
}

std::string output_base(const Run& r) {
  for (const auto& o : r.summary["outputs"]) {
    std::string s = o;
    if (s.size() > 5 && s.substr(s.size() - 5) == ".docx") return s.substr(0, s.size() - 5);
  }
  FAIL("no .docx in summary outputs");
  return "";
}

void check_tables(const Run& r, const Format& f, const std::vector<std::int64_t>& want) {
  Docx docx = read_docx(output_base(r) + ".docx");
  Xlsx xlsx = read_xlsx(output_base(r) + ".xlsx");
  int doc_table = 0;
  for (const char* id : {"active", "requests", "appeals"}) {
    int t = f.find_table(id);
    const TableDef& table = f.tables[t];
    INFO("table " << id);
    REQUIRE(doc_table < static_cast<int>(docx.tables.size()));
    const DocxTable& dt = docx.tables[doc_table++];
    CHECK(dt.grid.size() == static_cast<std::size_t>(table.layout.grid_rows));
    CHECK(dt.grid_cols.size() == table.layout.widths.size());
    CHECK(dt.width_twips > 0);
    const Sheet* sheet = xlsx.find(table.sheet);
    REQUIRE(sheet);
    // Where the layout starts in the sheet: the row whose first cell shows the layout's first label.
    const LayoutCell& first = table.layout.cells.front();
    int offset = -1;
    for (int row = 0; row < 10 && offset < 0; ++row) {
      auto it = sheet->cells.find(cell_ref(row, first.col));
      if (it != sheet->cells.end() && it->second.value == first.text) offset = row - first.row;
    }
    REQUIRE(offset >= 0);
    for (const auto& cell : table.layout.cells) {
      if (!cell.is_value) {
        CHECK(dt.grid[cell.row][cell.col] == cell.text);
        continue;
      }
      std::string text = format_value(want[cell.cell], f.cells[cell.cell].type);
      INFO("cell " << f.cell_path(cell.cell));
      CHECK(dt.grid[cell.row][cell.col] == text);
      auto it = sheet->cells.find(cell_ref(cell.row + offset, cell.col));
      REQUIRE(it != sheet->cells.end());
      CHECK(std::stod(it->second.value) == Approx(std::stod(text)).epsilon(1e-12));
      CHECK(it->second.formula.empty() == !f.cells[cell.cell].computed());
    }
  }
}

}  // namespace nianbao::test
