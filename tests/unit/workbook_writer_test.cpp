#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "format/format.h"
#include "merge/merge.h"
#include "render/workbook_writer.h"
#include "text/utf8.h"
#include "zip/zip_writer.h"
#include "merged_fixture.h"
#include "xlsx_parts.h"

using namespace nianbao;
using namespace nianbao::test;

namespace {

/// What a user sees in a written workbook: sheet names, and each sheet's cells and merges.
struct Workbook {
  std::map<std::string, std::string> parts;
  std::vector<std::string> sheet_names;
  std::vector<std::string> sheet_paths;
  std::vector<std::string> shared;

  explicit Workbook(const std::string& path) : parts(read_zip(path)), shared(xlsx_read::shared_strings(parts)) {
    for (const auto& part : xlsx_read::sheet_parts(parts)) {
      sheet_names.push_back(part.name);
      sheet_paths.push_back(part.path);
    }
  }

  pugi::xml_document sheet(const std::string& name) const {
    for (std::size_t i = 0; i < sheet_names.size(); ++i)
      if (sheet_names[i] == name) {
        pugi::xml_document doc;
        REQUIRE(doc.load_string(parts.at(sheet_paths[i]).c_str()));
        return doc;
      }
    FAIL("no sheet " << name);
    return {};
  }

  static pugi::xml_node cell(const pugi::xml_document& sheet, const std::string& ref) {
    return sheet.select_node(("/worksheet/sheetData/row/c[@r='" + ref + "']").c_str()).node();
  }

  /// The text a string cell shows, or the stored number of a numeric one.
  std::string shown(const pugi::xml_document& sheet, const std::string& ref) const {
    pugi::xml_node c = cell(sheet, ref);
    std::string v = c.child("v").text().get();
    if (std::string(c.attribute("t").value()) == "s") return shared.at(std::stoul(v));
    return v;
  }

  pugi::xml_document xml(const std::string& part) const {
    pugi::xml_document doc;
    REQUIRE(parts.count(part));
    REQUIRE(doc.load_string(parts.at(part).c_str()));
    return doc;
  }

  /// The parts `part` refers to through relationships of type …/`kind`, as zip paths, in order.
  std::vector<std::string> related(const std::string& part, const std::string& kind) const {
    const std::size_t slash = part.rfind('/');
    std::string dir = part.substr(0, slash);
    const std::string rels = dir + "/_rels/" + part.substr(slash + 1) + ".rels";
    if (!parts.count(rels)) return {};
    std::vector<std::string> out;
    pugi::xml_document doc = xml(rels);
    for (auto r : doc.child("Relationships").children("Relationship")) {
      std::string type = r.attribute("Type").value();
      if (type.size() < kind.size() + 1 || type.substr(type.size() - kind.size() - 1) != "/" + kind) continue;
      std::string target = r.attribute("Target").value(), base = dir;
      while (target.rfind("../", 0) == 0) {
        target = target.substr(3);
        base = base.substr(0, base.rfind('/'));
      }
      out.push_back(base + "/" + target);
    }
    return out;
  }

  /// The chart parts drawn on the sheet `name`, in the order they were inserted.
  std::vector<std::string> charts(const std::string& name) const {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < sheet_names.size(); ++i)
      if (sheet_names[i] == name)
        for (const auto& drawing : related(sheet_paths[i], "drawing"))
          for (const auto& chart : related(drawing, "chart")) out.push_back(chart);
    return out;
  }

  static std::set<std::string> merges(const pugi::xml_document& sheet) {
    std::set<std::string> out;
    for (auto m : sheet.child("worksheet").child("mergeCells").children("mergeCell")) out.insert(m.attribute("ref").value());
    return out;
  }
};

/// One series of a chart as its XML states it: the ranges it draws and the cached data.
struct ChartSeries {
  std::string name_ref, categories_ref, values_ref;
  std::vector<std::string> categories;
  std::vector<std::string> values;
};

std::vector<ChartSeries> chart_series(const pugi::xml_document& chart) {
  std::vector<ChartSeries> out;
  for (auto x : chart.select_nodes("//c:ser")) {
    pugi::xml_node ser = x.node();
    ChartSeries s;
    s.name_ref = ser.select_node("c:tx/c:strRef/c:f").node().text().get();
    s.categories_ref = ser.select_node("c:cat/c:strRef/c:f").node().text().get();
    s.values_ref = ser.select_node("c:val/c:numRef/c:f").node().text().get();
    for (auto pt : ser.select_nodes("c:cat/c:strRef/c:strCache/c:pt")) s.categories.push_back(pt.node().child("c:v").text().get());
    for (auto pt : ser.select_nodes("c:val/c:numRef/c:numCache/c:pt")) s.values.push_back(pt.node().child("c:v").text().get());
    out.push_back(s);
  }
  return out;
}

/// "'图表'!$B$3:$B$8" → "B3".
std::string first_cell(const std::string& range) {
  std::string out;
  for (char c : range.substr(range.find('!') + 1)) {
    if (c == ':') break;
    if (c != '$') out += c;
  }
  return out;
}

/// An output path in the working directory, removed when the test ends, passed or not.
struct TempFile {
  std::string path;
  explicit TempFile(const std::string& name) : path("workbook_writer_test_" + name + ".xlsx") {}
  ~TempFile() { std::remove(path.c_str()); }
};

/// The workbook write_workbook writes for `merged`, read back; the file is gone when it returns.
Workbook written(const MergedReport& merged, const std::string& name, const WorkbookOptions& options = {}) {
  TempFile file(name);
  write_workbook(merged, file.path, options);
  return Workbook(file.path);
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string ref(int row, int col) {
  std::string name;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
  return name + std::to_string(row + 1);
}

}  // namespace

TEST_CASE("the workbook has the tables, then 图表, 各单位数据, 报送情况 and 校验结果", "[workbook]") {
  Fixture fx;
  Workbook wb = written(fx.merged, "sheets");
  CHECK(wb.sheet_names == std::vector<std::string>{"二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                                   "四、政府信息公开行政复议、行政诉讼情况", "六、信息处理费", "图表",
                                                   "各单位数据", "报送情况", "校验结果"});
}

TEST_CASE("with last year's figures the workbook has a 同比 sheet after 图表", "[workbook]") {
  Fixture fx;
  fx.merged.previous = fx.merged.totals;
  fx.merged.has_previous = true;
  Workbook wb = written(fx.merged, "sheets_previous");
  CHECK(wb.sheet_names == std::vector<std::string>{"二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                                   "四、政府信息公开行政复议、行政诉讼情况", "六、信息处理费", "图表", "同比",
                                                   "各单位数据", "报送情况", "校验结果"});
}

TEST_CASE("a format without charts has no 图表 sheet", "[workbook]") {
  Fixture fx;
  fx.format.charts.clear();
  Workbook wb = written(fx.merged, "no_charts");
  CHECK(wb.sheet_names == std::vector<std::string>{"二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                                   "四、政府信息公开行政复议、行政诉讼情况", "六、信息处理费",
                                                   "各单位数据", "报送情况", "校验结果"});
  CHECK(wb.charts("各单位数据").empty());
  CHECK_FALSE(wb.parts.count("xl/charts/chart1.xml"));
}

TEST_CASE("the requests sheet is laid out as the official table, corner note and merges included", "[workbook]") {
  Fixture fx;
  Workbook wb = written(fx.merged, "layout");
  auto sheet = wb.sheet("三、收到和处理政府信息公开申请情况");

  CHECK(wb.shown(sheet, "A1") == "三、收到和处理政府信息公开申请情况");
  CHECK(wb.shown(sheet, "A2") == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
  CHECK(wb.shown(sheet, "D2") == "申请人情况");
  CHECK(wb.shown(sheet, "A7") == "三、本年度办理结果");

  std::set<std::string> expected = {"A1:J1"};  // the title across the table
  const TableDef& t = fx.format.tables[fx.format.find_table("requests")];
  for (const LayoutCell& c : t.layout.cells)
    if (c.rowspan > 1 || c.colspan > 1) expected.insert(ref(1 + c.row, c.col) + ":" + ref(c.row + c.rowspan, c.col + c.colspan - 1));
  CHECK(Workbook::merges(sheet) == expected);
  CHECK(expected.count("A2:C4"));   // the corner note
  CHECK(expected.count("A7:A28"));  // 三、本年度办理结果, rowspan 22
}

TEST_CASE("a computed total carries its true cached value", "[workbook]") {
  Fixture fx;
  Workbook wb = written(fx.merged, "totals");
  auto sheet = wb.sheet("三、收到和处理政府信息公开申请情况");

  // 一、本年新收 / 总计: along the row.
  auto new_total = Workbook::cell(sheet, "J5");
  CHECK(std::string(new_total.child("f").text().get()) == "SUM(D5:I5)");
  CHECK(fx.merged.totals[fx.cell("requests", "new", "total")] == 36);
  CHECK(std::string(new_total.child("v").text().get()) == "36");

  // （七）总计 / 自然人: down the column, over the 21 result rows.
  auto closed = Workbook::cell(sheet, "D28");
  CHECK(std::string(closed.child("f").text().get()) == "SUM(D7:D27)");
  CHECK(std::string(closed.child("v").text().get()) == "30");

  // A plain figure, never blank, 0 included.
  CHECK(wb.shown(sheet, "D5") == "30");
  CHECK(wb.shown(sheet, "E6") == "0");
}

TEST_CASE("money shows its decimals and a merged value cell keeps its figure", "[workbook]") {
  Fixture fx;
  Workbook wb = written(fx.merged, "money");
  auto sheet = wb.sheet("二、主动公开政府信息情况");
  // 行政事业性收费 is the last grid row (14), its figure spans B:D.
  CHECK(wb.shown(sheet, "A15") == "行政事业性收费");
  CHECK(wb.shown(sheet, "B15") == "54.9");
  CHECK(Workbook::merges(sheet).count("B15:D15"));
}

TEST_CASE("a money cell holds the amount as entered, not a 16-digit rendering of a double", "[workbook]") {
  // 578.733 万元 is 578.7329999999999 when printed to 16 digits; a reader of the file (or a
  // checking script) must find 578.733.
  Fixture fx;
  fx.merged.totals[fx.cell("active", "fees", "amount")] = 5787330;
  Workbook wb = written(fx.merged, "money-exact");
  auto sheet = wb.sheet("二、主动公开政府信息情况");
  CHECK(std::string(Workbook::cell(sheet, "B15").child("v").text().get()) == "578.733");
}

TEST_CASE("without key figures 各单位数据 has every cell and a 合计 row with true cached values", "[workbook]") {
  Fixture fx;
  fx.format.key_figures.clear();
  Workbook wb = written(fx.merged, "agencies");
  auto sheet = wb.sheet("各单位数据");

  CHECK(wb.shown(sheet, "C4") == "某市发展和改革委员会");
  CHECK(wb.shown(sheet, "A6") == "合计");
  int c = fx.cell("requests", "new", "natural");
  std::string col = ref(0, 4 + c).substr(0, ref(0, 4 + c).size() - 1);
  auto total = Workbook::cell(sheet, col + "6");
  CHECK(std::string(total.child("f").text().get()) == "SUM(" + col + "4:" + col + "5)");
  CHECK(std::string(total.child("v").text().get()) == "30");
  CHECK(wb.shown(sheet, col + "4") == "10");
  CHECK(wb.shown(sheet, col + "5") == "20");
  CHECK(wb.shown(sheet, col + "1") == "三、收到和处理政府信息公开申请情况");
  CHECK(wb.shown(sheet, col + "2") == "一、本年新收政府信息公开申请数量");
  CHECK(wb.shown(sheet, col + "3") == "自然人");
}

TEST_CASE("the status sheet shows the missing agency as 未报送 and the ignored file", "[workbook]") {
  Fixture fx;
  Workbook wb = written(fx.merged, "status");
  auto sheet = wb.sheet("报送情况");
  CHECK(wb.shown(sheet, "C2") == "某市发展和改革委员会");
  CHECK(wb.shown(sheet, "E2") == "已报送");
  CHECK(wb.shown(sheet, "F2") == "inputs/fgw.xml");
  CHECK(wb.shown(sheet, "C4") == "某市公安局");
  CHECK(wb.shown(sheet, "E4") == "未报送");
  CHECK(wb.shown(sheet, "A6") == "应报送 3 个，已报送 2 个，未报送 1 个，被退回 0 个");
  CHECK(wb.shown(sheet, "A8") == "其他文件");
  CHECK(wb.shown(sheet, "B10") == "inputs/说明.txt");
  CHECK(wb.shown(sheet, "E10") == "已忽略");
  CHECK(wb.shown(sheet, "F10") == "+不是 .xml 文件");
}

TEST_CASE("a rejected agency lists each error with its code and line", "[workbook]") {
  Fixture fx;
  fx.files.push_back({});
  FileResult& bad = fx.files.back();
  bad.path = "inputs/gaj.xml";
  bad.outcome = FileOutcome::kRejected;
  bad.agency_code = "gaj";
  bad.diags.error("E201", {"inputs/gaj.xml", 14, 7}, "“自然人”的值“12件”不是数字。");
  bad.diags.warning("W101", {"inputs/gaj.xml", 3, 1}, "联系电话为空。");
  bad.diags.error("E301", {"inputs/gaj.xml", 0, 0}, "勾稽关系不成立。");
  fx.rebuild();
  Workbook wb = written(fx.merged, "rejected");
  auto sheet = wb.sheet("报送情况");
  CHECK(wb.shown(sheet, "E4") == "被退回");
  CHECK(wb.shown(sheet, "G4") == "E201 第14行：“自然人”的值“12件”不是数字。\nE301：勾稽关系不成立。");
  CHECK(wb.shown(sheet, "A6") == "应报送 3 个，已报送 2 个，未报送 0 个，被退回 1 个");
}

TEST_CASE("text that starts with = is stored as text, never as a formula", "[workbook]") {
  Fixture fx;
  Workbook wb = written(fx.merged, "formula_text");
  // The agency whose name starts with "=" is the second agency and the second roster entry.
  for (const auto& [name, where] : std::map<std::string, std::string>{{"各单位数据", "C3"}, {"报送情况", "C3"}}) {
    auto sheet = wb.sheet(name);
    auto c = Workbook::cell(sheet, where);
    CHECK(std::string(c.attribute("t").value()) == "s");
    CHECK_FALSE(c.child("f"));
    CHECK(wb.shown(sheet, where) == kNarrativeName);
  }
}

TEST_CASE("a draft note heads every statutory sheet and shifts the table down", "[workbook]") {
  Fixture fx;
  WorkbookOptions options;
  options.draft_note = "草稿：1个单位未报送";
  Workbook wb = written(fx.merged, "draft", options);
  for (std::size_t i = 0; i < fx.format.tables.size(); ++i) {
    auto sheet = wb.sheet(wb.sheet_names[i]);
    CHECK(wb.shown(sheet, "A2") == "草稿：1个单位未报送");
  }
  auto sheet = wb.sheet("三、收到和处理政府信息公开申请情况");
  CHECK(wb.shown(sheet, "A3") == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
  CHECK(std::string(Workbook::cell(sheet, "J6").child("f").text().get()) == "SUM(D6:I6)");
  CHECK(Workbook::merges(sheet).count("A8:A29"));
}

TEST_CASE("two writes of the same report are byte-identical and dated as asked", "[workbook]") {
  Fixture fx;
  TempFile first_file("same1"), second_file("same2");
  const std::string &first = first_file.path, &second = second_file.path;
  write_workbook(fx.merged, first, {});
  write_workbook(fx.merged, second, {});
  CHECK(file_bytes(first) == file_bytes(second));
  Workbook wb(first);
  CHECK(wb.parts.at("docProps/core.xml").find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z") !=
        std::string::npos);
  CHECK(wb.parts.at("docProps/core.xml").find("<dc:title>某市2024年政府信息公开工作年度报告</dc:title>") != std::string::npos);
}

TEST_CASE("an unwritable path throws naming the path and the libxlsxwriter error", "[workbook]") {
  Fixture fx;
  REQUIRE_THROWS_WITH(write_workbook(fx.merged, "no-such-dir/out.xlsx", {}),
                      Catch::StartsWith("无法写入工作簿 no-such-dir/out.xlsx：workbook_close 失败：") &&
                          Catch::Contains("Error creating output xlsx file"));
}

TEST_CASE("sheet names are made acceptable to Excel", "[workbook]") {
  CHECK(sanitize_sheet_name("表[一]:*?/\\") == "表_一______");
  CHECK(sanitize_sheet_name("'引号'") == "引号");
  CHECK(sanitize_sheet_name("") == "表");
  CHECK(sanitize_sheet_name(std::string(40, 'x')) == std::string(31, 'x'));
  std::string long_cjk;
  for (int i = 0; i < 40; ++i) long_cjk += "政";
  CHECK(sanitize_sheet_name(long_cjk).size() == 31 * 3);
}

TEST_CASE("rows are tall enough for wrapped Chinese labels", "[workbook]") {
  Fixture fx;
  Workbook wb = written(fx.merged, "heights");
  auto sheet = wb.sheet("三、收到和处理政府信息公开申请情况");
  auto height = [&](int row) {
    auto r = sheet.select_node(("/worksheet/sheetData/row[@r='" + std::to_string(row) + "']").c_str()).node();
    CHECK(std::string(r.attribute("customHeight").value()) == "1");
    return r.attribute("ht").as_double();
  };
  CHECK(wb.shown(sheet, "B7") == "（一）予以公开");
  CHECK(height(7) == 18);  // one line
  CHECK(wb.shown(sheet, "C25") == "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请");
  CHECK(height(25) >= 33);  // two lines in a column 40 wide
}

// ---------------------------------------------------------------------------------------------
// 各单位数据 with key figures

TEST_CASE("各单位数据 shows the key figures of each agency and a 合计 row with true cached values", "[workbook]") {
  Fixture fx;
  Workbook wb = written(fx.merged, "key_figures");
  auto sheet = wb.sheet("各单位数据");
  CHECK(wb.shown(sheet, "A1") == "序号");
  CHECK(wb.shown(sheet, "D1") == "单位类型");
  CHECK(wb.shown(sheet, "E1") == "规范性文件本年制发");
  CHECK(wb.shown(sheet, "K1") == "新收申请");
  CHECK(wb.shown(sheet, "R1") == "行政诉讼");
  CHECK(wb.shown(sheet, "S1") == "信息处理费实际收取（元）");
  CHECK_FALSE(Workbook::cell(sheet, "T1"));  // 15 figures: E to S

  CHECK(wb.shown(sheet, "C2") == "某市发展和改革委员会");
  CHECK(wb.shown(sheet, "K2") == "12");  // requests.new.total
  CHECK(wb.shown(sheet, "K3") == "24");
  CHECK(wb.shown(sheet, "R2") == "2");  // 行政诉讼: the sum of its two rows' totals
  CHECK(wb.shown(sheet, "R3") == "4");
  CHECK(wb.shown(sheet, "J2") == "18.3");  // 行政事业性收费, money

  CHECK(wb.shown(sheet, "A4") == "合计");
  auto total = Workbook::cell(sheet, "K4");
  CHECK(std::string(total.child("f").text().get()) == "SUM(K2:K3)");
  CHECK(std::string(total.child("v").text().get()) == "36");
  CHECK(std::string(Workbook::cell(sheet, "R4").child("v").text().get()) == "6");
  CHECK(std::string(Workbook::cell(sheet, "J4").child("v").text().get()) == "54.9");
  // Sortable by any figure; the 合计 row stays out of the filter.
  CHECK(std::string(sheet.child("worksheet").child("autoFilter").attribute("ref").value()) == "A1:S3");
}

// ---------------------------------------------------------------------------------------------
// 图表

TEST_CASE("the 图表 sheet draws native charts from its data table with true cached values", "[workbook][charts]") {
  Fixture fx;
  Workbook wb = written(fx.merged, "charts");
  auto charts = wb.charts("图表");
  REQUIRE(charts == std::vector<std::string>{"xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/charts/chart3.xml"});
  auto sheet = wb.sheet("图表");

  // Requests by applicant type: a pie over the six applicant columns of 一、本年新收.
  auto pie = wb.xml(charts[0]);
  CHECK(pie.select_node("//c:pieChart"));
  CHECK(std::string(pie.select_node("//c:title//a:t").node().text().get()) == "本年新收申请的申请人类型");
  CHECK(std::string(pie.select_node("//c:title//a:latin").node().attribute("typeface").value()) == "宋体");
  auto series = chart_series(pie);
  REQUIRE(series.size() == 1);
  CHECK(series[0].categories_ref == "'图表'!$A$3:$A$8");
  CHECK(series[0].values_ref == "'图表'!$B$3:$B$8");
  CHECK(series[0].categories == std::vector<std::string>{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他组织"});
  CHECK(series[0].values == std::vector<std::string>{"30", "6", "0", "0", "0", "0"});
  // The data table refers to the statutory sheet, with the figure cached.
  CHECK(wb.shown(sheet, "A1") == "本年新收申请的申请人类型");
  CHECK(wb.shown(sheet, "A3") == "自然人");
  auto natural = Workbook::cell(sheet, "B3");
  CHECK(std::string(natural.child("f").text().get()) == "'三、收到和处理政府信息公开申请情况'!D5");
  CHECK(std::string(natural.child("v").text().get()) == "30");
  // A zero slice shows no label.
  CHECK(pie.select_nodes("//c:dLbl[c:delete/@val='1']").size() == 4);

  // Outcomes: subtotals that are no cell are sums over the statutory sheet.
  auto outcomes = wb.xml(charts[1]);
  CHECK(outcomes.select_node("//c:barChart/c:barDir[@val='col']"));
  series = chart_series(outcomes);
  REQUIRE(series.size() == 1);
  CHECK(series[0].categories == std::vector<std::string>{"予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"});
  CHECK(series[0].values == std::vector<std::string>{"21", "0", "9", "0", "0", "6"});
  std::string denied_cell = first_cell(series[0].values_ref);
  denied_cell = denied_cell.substr(0, 1) + std::to_string(std::stoi(denied_cell.substr(1)) + 2);
  auto denied = Workbook::cell(sheet, denied_cell);
  CHECK(std::string(denied.child("f").text().get()) == "SUM('三、收到和处理政府信息公开申请情况'!J9:J16)");
  CHECK(std::string(denied.child("v").text().get()) == "9");

  // Without last year's figures there is no year-on-year chart.
  CHECK_FALSE(wb.parts.count("xl/charts/chart4.xml"));
}

TEST_CASE("the top-ten chart ranks agencies by the figure, equal figures in roster order", "[workbook][charts]") {
  Fixture fx;  // fgw 12 and jyj 24 new requests
  const std::vector<std::pair<std::string, std::int64_t>> more = {
      {"z01", 5}, {"z02", 40}, {"z03", 12}, {"z04", 0}, {"z05", 7}, {"z06", 12},
      {"z07", 3}, {"z08", 7},  {"z09", 1},  {"z10", 2}, {"z11", 9}};
  for (const auto& [code, n] : more) fx.add_agency(code, "某镇" + code, n);
  Workbook wb = written(fx.merged, "top");
  auto charts = wb.charts("图表");
  REQUIRE(charts.size() == 3);
  auto top = wb.xml(charts[2]);
  CHECK(std::string(top.select_node("//c:title//a:t").node().text().get()) == "新收申请最多的十个单位");
  CHECK(top.select_node("//c:barChart/c:barDir[@val='bar']"));
  auto series = chart_series(top);
  REQUIRE(series.size() == 1);
  CHECK(series[0].categories == std::vector<std::string>{"某镇z02", "=HYPERLINK(\"x\")局", "某市发展和改革委员会", "某镇z03",
                                                         "某镇z06", "某镇z11", "某镇z05", "某镇z08", "某镇z01", "某镇z07"});
  CHECK(series[0].values == std::vector<std::string>{"40", "24", "12", "12", "12", "9", "7", "7", "5", "3"});
  // Each value refers to the agency's row on 各单位数据 (新收申请 is its column K).
  auto sheet = wb.sheet("图表");
  auto first = Workbook::cell(sheet, first_cell(series[0].values_ref));
  CHECK(std::string(first.child("f").text().get()) == "'各单位数据'!K5");  // z02 is the fourth agency
  CHECK(std::string(first.child("v").text().get()) == "40");
  CHECK(wb.shown(sheet, "A" + std::to_string(std::stoi(first_cell(series[0].values_ref).substr(1)) - 1)) == "单位");
}

TEST_CASE("with last year's figures a year-on-year chart compares 本年 and 上年", "[workbook][charts]") {
  Fixture fx;
  fx.merged.previous = fx.merged.totals;
  fx.merged.previous[fx.cell("requests", "new", "natural")] = 20;  // new.total 36 → 26 last year
  REQUIRE(fx.format.compute(fx.merged.previous));
  fx.merged.has_previous = true;
  Workbook wb = written(fx.merged, "yoy_chart");
  auto charts = wb.charts("图表");
  REQUIRE(charts.size() == 4);
  auto series = chart_series(wb.xml(charts[3]));
  REQUIRE(series.size() == 2);
  CHECK(series[0].categories.front() == "新收申请");
  CHECK(series[0].values.front() == "36");
  CHECK(series[1].values.front() == "26");
  CHECK(series[0].categories_ref == series[1].categories_ref);
  auto sheet = wb.sheet("图表");
  CHECK(wb.shown(sheet, first_cell(series[0].name_ref)) == "本年");
  CHECK(wb.shown(sheet, first_cell(series[1].name_ref)) == "上年");
  // 上年 refers to the 同比 sheet's 上年 column.
  auto previous = Workbook::cell(sheet, first_cell(series[1].values_ref));
  const int row = 2 + fx.cell("requests", "new", "total");
  CHECK(std::string(previous.child("f").text().get()) == "'同比'!E" + std::to_string(row));
  CHECK(std::string(previous.child("v").text().get()) == "26");
}

// ---------------------------------------------------------------------------------------------
// 同比

TEST_CASE("the 同比 sheet gives 本年, 上年, 增减 and 增减率 of every cell with true cached values", "[workbook]") {
  Fixture fx;
  fx.merged.previous.assign(fx.format.cell_count(), 0);
  fx.merged.previous[fx.cell("requests", "new", "natural")] = 40;
  fx.merged.previous[fx.cell("active", "fees", "amount")] = 600000;  // 60 万元
  REQUIRE(fx.format.compute(fx.merged.previous));
  fx.merged.has_previous = true;
  Workbook wb = written(fx.merged, "yoy");
  auto sheet = wb.sheet("同比");
  CHECK(wb.shown(sheet, "A1") == "表");
  CHECK(wb.shown(sheet, "G1") == "增减率");

  const std::string r = std::to_string(2 + fx.cell("requests", "new", "natural"));
  CHECK(wb.shown(sheet, "A" + r) == "三、收到和处理政府信息公开申请情况");
  CHECK(wb.shown(sheet, "B" + r) == "一、本年新收政府信息公开申请数量");
  CHECK(wb.shown(sheet, "C" + r) == "自然人");
  auto current = Workbook::cell(sheet, "D" + r);
  CHECK(std::string(current.child("f").text().get()) == "'三、收到和处理政府信息公开申请情况'!D5");
  CHECK(std::string(current.child("v").text().get()) == "30");
  CHECK(wb.shown(sheet, "E" + r) == "40");
  auto change = Workbook::cell(sheet, "F" + r);
  CHECK(std::string(change.child("f").text().get()) == "D" + r + "-E" + r);
  CHECK(std::string(change.child("v").text().get()) == "-10");
  auto rate = Workbook::cell(sheet, "G" + r);
  CHECK(std::string(rate.child("f").text().get()) == "IF(E" + r + "=0,\"—\",F" + r + "/E" + r + ")");
  CHECK(std::string(rate.child("v").text().get()) == "-0.25");

  // Money keeps its decimals.
  const std::string m = std::to_string(2 + fx.cell("active", "fees", "amount"));
  CHECK(std::string(Workbook::cell(sheet, "F" + m).child("v").text().get()) == "-5.1");

  // Nothing last year: the rate is "—", never #DIV/0!.
  const std::string z = std::to_string(2 + fx.cell("requests", "new", "business"));
  auto none = Workbook::cell(sheet, "G" + z);
  CHECK(std::string(none.attribute("t").value()) == "str");
  CHECK(std::string(none.child("v").text().get()) == "—");
  CHECK(std::string(Workbook::cell(sheet, "F" + z).child("v").text().get()) == "6");
}

TEST_CASE("without last year's figures there is no 同比 sheet", "[workbook]") {
  Fixture fx;
  Workbook wb = written(fx.merged, "no_yoy");
  CHECK(std::find(wb.sheet_names.begin(), wb.sheet_names.end(), "同比") == wb.sheet_names.end());
}

// ---------------------------------------------------------------------------------------------
// 校验结果

TEST_CASE("校验结果 lists every finding by agency in roster order with code, line and values", "[workbook]") {
  Fixture fx;
  fx.files[0].diags.warning("W101", {"inputs/fgw.xml", 3, 1}, "联系电话为空。");
  fx.files.push_back({});
  FileResult& bad = fx.files.back();
  bad.path = "inputs/gaj.xml";
  bad.outcome = FileOutcome::kRejected;
  bad.agency_code = "gaj";
  Diagnostic& e = bad.diags.error("E201", {"inputs/gaj.xml", 14, 7}, "不是数字。");
  e.place = "三、收到和处理政府信息公开申请情况 / 一、本年新收政府信息公开申请数量 / 自然人";
  e.found = "\"12件\"";
  e.expected = "不小于 0 的整数";
  fx.rebuild();
  fx.report.region_name = "某市";
  fx.merged.warnings.warning("W304", {"inputs/report.xml", 0, 0}, "请核对：上年结转。");
  Workbook wb = written(fx.merged, "diagnostics");
  auto sheet = wb.sheet("校验结果");
  CHECK(wb.shown(sheet, "A1") == "错误 1 条，警告 2 条");
  const std::vector<std::string> header = {"单位", "文件", "类别", "代码", "行", "位置", "说明", "实际", "应为"};
  for (int c = 0; c < 9; ++c) CHECK(wb.shown(sheet, ref(1, c)) == header[c]);

  CHECK(wb.shown(sheet, "A3") == "某市发展和改革委员会（fgw）");
  CHECK(wb.shown(sheet, "C3") == "警告");
  CHECK(wb.shown(sheet, "D3") == "W101");

  CHECK(wb.shown(sheet, "A4") == "某市公安局（gaj）");
  CHECK(wb.shown(sheet, "B4") == "inputs/gaj.xml");
  CHECK(wb.shown(sheet, "C4") == "错误");
  CHECK(wb.shown(sheet, "D4") == "E201");
  CHECK(wb.shown(sheet, "E4") == "14");
  CHECK(wb.shown(sheet, "F4") == e.place);
  CHECK(wb.shown(sheet, "G4") == "不是数字。");
  CHECK(wb.shown(sheet, "H4") == "\"12件\"");
  CHECK(wb.shown(sheet, "I4") == "不小于 0 的整数");

  CHECK(wb.shown(sheet, "A5") == "某市（汇总）");
  CHECK(wb.shown(sheet, "B5") == "inputs/report.xml");
  CHECK(wb.shown(sheet, "D5") == "W304");
  CHECK(wb.shown(sheet, "E5") == "");
  CHECK_FALSE(Workbook::cell(sheet, "A6"));

  CHECK(std::string(sheet.child("worksheet").child("autoFilter").attribute("ref").value()) == "A2:I5");
  CHECK(std::string(sheet.select_node("//pane").node().attribute("topLeftCell").value()) == "A3");
}

TEST_CASE("校验结果 lists at most 2,000 findings and says how many more 校验报告.txt has", "[workbook]") {
  Fixture fx;
  for (int i = 0; i < 2100; ++i) fx.files[0].diags.warning("W101", {"inputs/fgw.xml", i + 1, 1}, "联系电话为空。");
  Workbook wb = written(fx.merged, "diagnostics_cap");
  auto sheet = wb.sheet("校验结果");
  CHECK(wb.shown(sheet, "A1") == "错误 0 条，警告 2100 条");
  CHECK(wb.shown(sheet, "E2002") == "2000");
  CHECK_FALSE(Workbook::cell(sheet, "A2003"));
  CHECK(wb.shown(sheet, "A2004") == "另有 100 条未列出（本表最多列出 2000 条）；校验报告.txt 列有全部问题。");
}

TEST_CASE("校验结果 says 无 when nothing was found", "[workbook]") {
  Fixture fx;
  Workbook wb = written(fx.merged, "diagnostics_none");
  auto sheet = wb.sheet("校验结果");
  CHECK(wb.shown(sheet, "A1") == "错误 0 条，警告 0 条");
  CHECK(wb.shown(sheet, "A3") == "无");
}

TEST_CASE("a workbook whose agency rows are written in bulk reads the same as one written by libxlsxwriter alone",
          "[workbook][bulk]") {
  Fixture fx;
  // Every cell as a reader sees it: shown text or number, formula, style; and the merges.
  auto seen = [](const std::string& path) {
    Workbook wb(path);
    std::map<std::string, std::string> out;
    for (const auto& name : wb.sheet_names) {
      pugi::xml_document sheet = wb.sheet(name);
      for (auto c : sheet.select_nodes("/worksheet/sheetData/row/c")) {
        pugi::xml_node n = c.node();
        std::string ref = n.attribute("r").value(), type = n.attribute("t").value();
        std::string shown = type == "s"           ? wb.shared.at(std::stoul(n.child("v").text().get()))
                            : type == "inlineStr" ? n.child("is").child("t").text().get()
                                                  : n.child("v").text().get();
        out[name + "!" + ref] = shown + "|" + n.child("f").text().get() + "|" + n.attribute("s").value();
      }
      for (const auto& m : Workbook::merges(sheet)) out[name + " merge " + m] = "";
      for (auto r : sheet.select_nodes("/worksheet/sheetData/row"))
        out[name + " row " + r.node().attribute("r").value()] = r.node().attribute("ht").value();
    }
    return out;
  };
  TempFile plain_file("bulk_plain"), bulk_file("bulk_bulk");
  const std::string &plain = plain_file.path, &bulk = bulk_file.path;
  WorkbookOptions a, b;
  a.bulk_rows_from = 1000000;
  b.bulk_rows_from = 1;  // the fixture's two agencies and three roster rows go in bulk
  write_workbook(fx.merged, plain, a);
  write_workbook(fx.merged, bulk, b);
  auto x = seen(plain), y = seen(bulk);
  CHECK(x == y);
  CHECK(read_zip(bulk).at("xl/worksheets/sheet7.xml").find("inlineStr") != std::string::npos);  // really in bulk
}

TEST_CASE("file names that are not UTF-8 or hold control characters still give well-formed sheets", "[workbook][bulk]") {
  // Names as unzip leaves them from a zip made on Chinese Windows (GBK bytes), and a control
  // character: Excel refuses a part that is not well-formed UTF-8 XML and offers to repair it.
  Fixture fx;
  fx.files[0].path = "inputs/\xB7\xA2\xB8\xC4\xCE\xAF.xml";  // 发改委 in GBK
  fx.files[2].path = "inputs/\xFF\xFE说明\x01.txt";
  for (std::size_t bulk_from : {std::size_t{1000000}, std::size_t{1}}) {
    INFO("bulk_rows_from " << bulk_from);
    TempFile file("not_utf8");
    WorkbookOptions o;
    o.bulk_rows_from = bulk_from;
    write_workbook(fx.merged, file.path, o);
    for (const auto& [name, data] : read_zip(file.path)) {
      INFO(name);
      bool control = false;
      CHECK(find_invalid_utf8(data, control) == std::string::npos);
    }
    Workbook wb(file.path);
    auto sheet = wb.sheet("报送情况");
    pugi::xml_node f2 = Workbook::cell(sheet, "F2");
    std::string shown = std::string(f2.attribute("t").value()) == "inlineStr" ? f2.child("is").child("t").text().get()
                                                                              : wb.shown(sheet, "F2");
    // Each stray byte shows as �; the last two bytes happen to be well-formed UTF-8 (U+03AF).
    CHECK(shown == "inputs/\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xCE\xAF.xml");
    CHECK(wb.shown(sheet, "B10") == "inputs/\xEF\xBF\xBD\xEF\xBF\xBD说明\xEF\xBF\xBD.txt");
  }
}
