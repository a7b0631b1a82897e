#include <catch2/catch.hpp>

#include "format/format.h"

using namespace nianbao;

TEST_CASE("the xxgk-2021 format has the official tables and cell counts", "[format]") {
  Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  REQUIRE(f.tables.size() == 4);
  const auto& active = f.tables[f.find_table("active")];
  const auto& requests = f.tables[f.find_table("requests")];
  const auto& appeals = f.tables[f.find_table("appeals")];
  int active_cells = 0, request_cells = 0, appeal_cells = 0;
  for (const auto& c : f.cells) {
    active_cells += c.table == f.find_table("active");
    request_cells += c.table == f.find_table("requests");
    appeal_cells += c.table == f.find_table("appeals");
  }
  CHECK(active_cells == 10);
  CHECK(request_cells == 175);
  CHECK(appeal_cells == 15);
  CHECK(requests.rows.size() == 25);
  CHECK(requests.layout.grid_rows == 28);
  CHECK(requests.layout.header_rows == 3);
  CHECK(appeals.layout.grid_rows == 4);
  CHECK(active.layout.grid_rows == 14);
  CHECK(f.row_full_label(f.find_table("requests"), requests.find_row("denied_safety")) ==
        "三、本年度办理结果（三）不予公开 3.危及“三安全一稳定”");
}

TEST_CASE("computed cells sum their parts, the corner included", "[format]") {
  Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  int t = f.find_table("requests");
  const auto& tab = f.tables[t];
  std::vector<std::int64_t> v(f.cell_count(), 0);
  v[f.cell(t, tab.find_row("granted"), tab.find_column("natural"))] = 5;
  v[f.cell(t, tab.find_row("granted"), tab.find_column("business"))] = 2;
  v[f.cell(t, tab.find_row("denied_query"), tab.find_column("natural"))] = 1;
  REQUIRE(f.compute(v));
  CHECK(v[f.cell(t, tab.find_row("granted"), tab.find_column("total"))] == 7);
  CHECK(v[f.cell(t, tab.find_row("closed_total"), tab.find_column("natural"))] == 6);
  CHECK(v[f.cell(t, tab.find_row("closed_total"), tab.find_column("total"))] == 8);
}

TEST_CASE("a layout that leaves a hole is refused with the table and place", "[format]") {
  // Write a broken format to a temp file and check the loader names the fault.
  std::string path = "format_test_broken.xml";
  FILE* out = std::fopen(path.c_str(), "w");
  std::fputs(R"(<format id="x"><table id="t" title="T"><columns><column id="a" label="A"/><column id="b" label="B"/></columns>
<rows><row id="r" label="R"/></rows><layout widths="10 10 10"><tr><th row="r"/><values row="r"/></tr><tr><th>x</th></tr></layout></table></format>)",
             out);
  std::fclose(out);
  REQUIRE_THROWS_WITH(load_format_file(path), Catch::Contains("表 t 布局第2行第2列没有单元格"));
  std::remove(path.c_str());
}
