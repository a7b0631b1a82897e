#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <unistd.h>

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

namespace {

/// A one-table format with `extra` appended inside <format>, written to a file and loaded.
Format load_small_format(const std::string& extra) {
  // A name of its own: ctest runs test cases in parallel processes in one directory.
  static int count = 0;
  const std::string path = "format_test_small_" + std::to_string(::getpid()) + "_" + std::to_string(++count) + ".xml";
  FILE* out = std::fopen(path.c_str(), "w");
  REQUIRE(out);
  std::fputs((R"(<format id="x"><table id="t" title="T"><columns><column id="a" label="A"/><column id="m" label="M" type="money"/></columns>
<rows><row id="r" label="R"/><row id="s" label="S"/></rows><layout widths="10 10 10"><tr><th row="r"/><values row="r"/></tr><tr><th row="s"/><values row="s"/></tr></layout></table>)" +
              extra + "</format>")
                 .c_str(),
             out);
  std::fclose(out);
  struct Remove {
    std::string p;
    ~Remove() { std::remove(p.c_str()); }
  } remove{path};
  return load_format_file(path);
}

}  // namespace

TEST_CASE("the xxgk-2021 key figures and charts name cells of the format", "[format]") {
  Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  REQUIRE(f.key_figures.size() == 15);
  CHECK(f.key_figures[6].label == "新收申请");
  CHECK(f.cell_path(f.key_figures[6].cells.at(0)) == "requests.new.total");
  const FigureDef& litigation = f.key_figures[13];
  CHECK(litigation.is_sum);
  CHECK(litigation.cells.size() == 2);
  CHECK(f.key_figures[5].type == ValueType::kMoney);

  REQUIRE(f.charts.size() == 4);
  CHECK(f.charts[0].id == "applicants");
  CHECK(f.charts[0].type == ChartType::kPie);
  CHECK(f.charts[0].points.size() == 6);
  CHECK(f.charts[1].points[2].label == "不予公开");
  CHECK(f.charts[1].points[2].cells.size() == 8);
  CHECK(f.charts[2].rank_cell == f.find_cell("requests.new.total"));
  CHECK(f.charts[2].top == 10);
  CHECK(f.charts[3].previous);

  std::vector<std::int64_t> v(f.cell_count(), 0);
  v[f.find_cell("requests.denied_law.total")] = 2;
  v[f.find_cell("requests.denied_query.total")] = 3;
  CHECK(f.charts[1].points[2].value(v) == 5);
}

TEST_CASE("a cell path is table.row.column and nothing else", "[format]") {
  Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  CHECK(f.find_cell("requests.new.natural") == f.cell(1, 0, 0));
  CHECK(f.find_cell("requests.new") == -1);
  CHECK(f.find_cell("requests.new.natural.x") == -1);
  CHECK(f.find_cell("requests.nope.natural") == -1);
  CHECK(f.find_cell("active.licensing.issued") == -1);  // that row has no such column
}

TEST_CASE("a format without key figures or charts loads with none", "[format]") {
  Format f = load_small_format("");
  CHECK(f.key_figures.empty());
  CHECK(f.charts.empty());
}

TEST_CASE("a key figure or chart that is wrong is refused with the line and the fault", "[format]") {
  using Catch::Contains;
  CHECK_THROWS_WITH(load_small_format(R"(<key-figures><figure label="甲" cell="t.r.z"/></key-figures>)"),
                    Contains("（第2行） 有误：关键指标“甲”引用了不存在的单元格 t.r.z（应写作 表.行.列）"));
  CHECK_THROWS_WITH(load_small_format(R"(<key-figures><figure label="甲"/></key-figures>)"),
                    Contains("关键指标“甲”应有 cell 或 sum 两个属性之一"));
  CHECK_THROWS_WITH(load_small_format(R"(<key-figures><figure label="甲" sum="t.r.a t.r.m"/></key-figures>)"),
                    Contains("关键指标“甲”混合了计数与金额"));
  CHECK_THROWS_WITH(load_small_format(R"(<key-figures><figure label="甲" cell="t.r.a"/><figure label="甲" cell="t.s.a"/></key-figures>)"),
                    Contains("关键指标名称重复：甲"));
  CHECK_THROWS_WITH(load_small_format(R"(<key-figures><cell label="甲"/></key-figures>)"),
                    Contains("<key-figures> 中不认识的元素 <cell>"));
  CHECK_THROWS_WITH(load_small_format(R"(<charts><chart id="c" type="line" title="T"><point label="甲" cell="t.r.a"/></chart></charts>)"),
                    Contains("图表 c 的类型 type=\"line\" 无效（应为 pie、column 或 bar）"));
  CHECK_THROWS_WITH(load_small_format(R"(<charts><chart id="c" type="bar" title="T"/></charts>)"),
                    Contains("图表 c 既没有数据点（<point>），也没有 rank"));
  CHECK_THROWS_WITH(load_small_format(R"(<charts><chart id="c" type="bar" title="T" rank="t.r.a" top="0"/></charts>)"),
                    Contains("图表 c 的 top=\"0\" 无效（应为 1 到 100 之间的整数）"));
  CHECK_THROWS_WITH(load_small_format(R"(<charts><chart id="c" type="bar" title="T" rank="t.r.a"><point label="甲" cell="t.r.a"/></chart></charts>)"),
                    Contains("排名图表 c 不能有 <point>"));
  CHECK_THROWS_WITH(load_small_format(R"(<charts><chart id="c" type="pie" title="T" previous="true"><point label="甲" cell="t.r.a"/></chart></charts>)"),
                    Contains("饼图 c 不能与上年对比（previous）"));
  CHECK_THROWS_WITH(load_small_format(R"(<charts><chart id="c" type="bar" title="T" previous="yes"><point label="甲" cell="t.r.a"/></chart></charts>)"),
                    Contains("图表 c 的 previous=\"yes\" 无效（应为 true 或 false）"));
  CHECK_THROWS_WITH(load_small_format(R"(<charts><chart id="c" type="bar" title="T"><point label="甲" cell="t.r.a"/><point label="乙" cell="t.r.m"/></chart></charts>)"),
                    Contains("图表 c 混合了计数与金额"));
}

TEST_CASE("the xxgk-2018 format is the 58-indicator 统计表 with its units, sums and rules", "[format]") {
  Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2018");
  REQUIRE(f.tables.size() == 1);
  const int t = f.find_table("stats");
  const TableDef& stats = f.tables[t];
  CHECK(stats.title == "政府信息公开情况统计表");
  REQUIRE(stats.columns.size() == 1);
  CHECK(stats.columns[0].id == "value");
  CHECK(stats.rows.size() == 58);
  CHECK(f.cell_count() == 58);
  // Header line, 7 "——" group lines, one line per indicator; only the header repeats on each page.
  CHECK(stats.layout.grid_rows == 66);
  CHECK(stats.layout.header_rows == 1);
  auto row = [&](const char* id) -> const RowDef& {
    int r = stats.find_row(id);
    REQUIRE(r >= 0);
    return stats.rows[r];
  };
  CHECK(row("active_items").label == "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）");
  CHECK(row("active_items").unit == "条");
  CHECK(row("interpretations").unit == "篇");
  CHECK(row("trainees").unit == "人次");
  CHECK(row("budget").unit == "万元");
  CHECK(f.cells[f.cell(t, stats.find_row("budget"), 0)].type == ValueType::kMoney);
  CHECK(f.cells[f.cell(t, stats.find_row("fees_collected"), 0)].type == ValueType::kMoney);
  CHECK(f.row_full_label(t, stats.find_row("channel_website")) ==
        "一、主动公开情况（二）通过不同渠道和方式公开政府信息的情况 2.政府网站公开政府信息数");

  std::map<std::string, std::vector<std::string>> sums;
  for (const auto& r : stats.rows)
    for (int k : r.sum_of) sums[r.id].push_back(stats.rows[k].id);
  CHECK(sums == std::map<std::string, std::vector<std::string>>{
                    {"requests_received", {"requests_in_person", "requests_fax", "requests_online", "requests_letter"}},
                    {"requests_closed", {"closed_on_time", "closed_extended"}},
                    {"replies", {"reply_already_public", "reply_granted", "reply_partial", "reply_denied",
                                 "reply_not_this_agency", "reply_not_exist", "reply_correction", "reply_other_channel"}},
                    {"reply_denied", {"denied_state_secret", "denied_commercial_secret", "denied_privacy", "denied_safety",
                                      "denied_not_gov_info", "denied_other_law"}},
                    {"reviews", {"review_upheld", "review_corrected", "review_other"}},
                    {"suits", {"suit_upheld", "suit_corrected", "suit_other"}},
                    {"staff", {"staff_full_time", "staff_part_time"}}});
  // replies sums reply_denied, itself computed: the order of computation must respect that.
  std::vector<std::int64_t> v(f.cell_count(), 0);
  v[f.cell(t, stats.find_row("denied_privacy"), 0)] = 2;
  v[f.cell(t, stats.find_row("reply_granted"), 0)] = 5;
  REQUIRE(f.compute(v));
  CHECK(v[f.cell(t, stats.find_row("reply_denied"), 0)] == 2);
  CHECK(v[f.cell(t, stats.find_row("replies"), 0)] == 7);

  std::set<std::string> codes;
  for (const auto& rule : f.rules) {
    codes.insert(rule.code);
    CHECK(rule.op == RuleOp::kLessEqual);
  }
  CHECK(codes == std::set<std::string>{"E302", "E303", "E304", "W306", "W307", "W308", "W309", "W310"});
}

TEST_CASE("header-rows may not make a row with figures part of the repeated header", "[format]") {
  std::string path = "format_test_header_rows.xml";
  FILE* out = std::fopen(path.c_str(), "w");
  std::fputs(R"(<format id="x"><table id="t" title="T"><columns><column id="value" label="V"/></columns>
<rows><row id="r" label="R"/></rows><layout widths="10 10" header-rows="2"><tr><th>a</th><th>b</th></tr><tr><th row="r"/><values row="r"/></tr></layout></table></format>)",
             out);
  std::fclose(out);
  REQUIRE_THROWS_WITH(load_format_file(path), Catch::Contains("表 t 布局的 header-rows=\"2\" 无效：应为 0 到 1 之间的整数"));
  std::remove(path.c_str());
}

namespace {

/// A format.xml with the given text in a temporary folder of its own, removed afterwards.
struct FormatFile {
  std::filesystem::path dir;
  std::string path;
  explicit FormatFile(const std::string& xml) {
    static int count = 0;
    dir = std::filesystem::temp_directory_path() /
          ("nianbao-format-test-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
    std::filesystem::create_directories(dir);
    path = (dir / "format.xml").string();
    std::ofstream(path) << xml;
  }
  ~FormatFile() { std::filesystem::remove_all(dir); }
};

/// A one-table format whose <layout> carries `layout_attributes` and whose <rules> hold `rules`.
std::string small_format(const std::string& layout_attributes, const std::string& th_attributes = "",
                         const std::string& rules = "") {
  return R"(<format id="x"><table id="t" title="T"><columns><column id="a" label="A"/></columns><rows><row id="r" label="R"/></rows>
<layout )" + layout_attributes + R"(><tr><th row="r")" + th_attributes + R"(/><values row="r"/></tr></layout></table>
<rules>)" + rules + "</rules></format>";
}

}  // namespace

TEST_CASE("a layout size that is not a number is refused naming the attribute, the value and the file", "[format]") {
  {
    FormatFile f(small_format(R"(widths="10 10" font-size="大")"));
    REQUIRE_THROWS_WITH(load_format_file(f.path), "格式定义 " + f.path +
                                                      "（第2行） 有误：表 t 布局的 font-size=\"大\" 无效（应为以磅为单位、大于 0 的数，如 10.5）");
  }
  for (const char* size : {"12x", "0", "-9", "1e1", "", " 9"}) {
    INFO(size);
    FormatFile f(small_format(std::string(R"(widths="10 10" font-size=")") + size + "\""));
    REQUIRE_THROWS_WITH(load_format_file(f.path), Catch::Contains(std::string("font-size=\"") + size + "\" 无效"));
  }
  {
    FormatFile f(small_format(R"(widths="10 x")"));  // std::stod threw past FormatError here
    REQUIRE_THROWS_WITH(load_format_file(f.path), "格式定义 " + f.path +
                                                      "（第2行） 有误：表 t 布局的 widths=\"10 x\" 中的 x 无效（列宽应为大于 0 的数，如 10.5）");
  }
  {
    FormatFile f(small_format(R"(widths="12x 10")"));  // was read as 12
    REQUIRE_THROWS_WITH(load_format_file(f.path), Catch::Contains("widths=\"12x 10\" 中的 12x 无效"));
  }
  {
    FormatFile f(small_format(R"(widths="6.5 10" font-size="9")"));
    Format format = load_format_file(f.path);
    CHECK(format.tables[0].layout.widths == std::vector<double>{6.5, 10});
    CHECK(format.tables[0].layout.font_size == 9);
  }
}

TEST_CASE("a layout span that is not a whole number is refused naming the attribute and the value", "[format]") {
  for (const char* span : {"2x", "0", "-1", "x", "1001"}) {
    INFO(span);
    FormatFile f(small_format(R"(widths="10 10")", std::string(" colspan=\"") + span + "\""));
    REQUIRE_THROWS_WITH(load_format_file(f.path), "格式定义 " + f.path + "（第2行） 有误：表 t 布局的 colspan=\"" + span +
                                                      "\" 无效（应为 1 到 1000 之间的整数）");
  }
}

TEST_CASE("a rule whose number does not fit is refused with the rule, not with a crash", "[format]") {
  FormatFile f(small_format(R"(widths="10 10")", "",
                            R"(<rule id="R1" code="E301" severity="error" table="t" test="r &lt;= 99999999999999999999"/>)"));
  REQUIRE_THROWS_WITH(load_format_file(f.path), "格式定义 " + f.path + "（第3行） 有误：规则 R1 中的数 99999999999999999999 过大");
}
