#include <catch2/catch.hpp>

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
#include "render/zip.h"
#include "merged_fixture.h"

using namespace nianbao;
using namespace nianbao::test;

namespace {

/// What a user sees in a written workbook: sheet names, and each sheet's cells and merges.
struct Workbook {
  std::map<std::string, std::string> parts;
  std::vector<std::string> sheet_names;
  std::vector<std::string> sheet_paths;
  std::vector<std::string> shared;

  explicit Workbook(const std::string& path) : parts(read_zip(path)) {
    pugi::xml_document rels, book, strings;
    REQUIRE(rels.load_string(parts.at("xl/_rels/workbook.xml.rels").c_str()));
    REQUIRE(book.load_string(parts.at("xl/workbook.xml").c_str()));
    std::map<std::string, std::string> targets;
    for (auto r : rels.child("Relationships").children("Relationship"))
      targets[r.attribute("Id").value()] = std::string("xl/") + r.attribute("Target").value();
    for (auto s : book.child("workbook").child("sheets").children("sheet")) {
      sheet_names.push_back(s.attribute("name").value());
      sheet_paths.push_back(targets.at(s.attribute("r:id").value()));
    }
    REQUIRE(strings.load_string(parts.at("xl/sharedStrings.xml").c_str()));
    for (auto si : strings.child("sst").children("si")) shared.push_back(si.child("t").text().get());
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

  static std::set<std::string> merges(const pugi::xml_document& sheet) {
    std::set<std::string> out;
    for (auto m : sheet.child("worksheet").child("mergeCells").children("mergeCell")) out.insert(m.attribute("ref").value());
    return out;
  }
};

/// An output path in the working directory, removed when the test ends, passed or not.
struct TempFile {
  std::string path;
  explicit TempFile(const std::string& name) : path("workbook_writer_test_" + name + ".xlsx") {}
  ~TempFile() { std::remove(path.c_str()); }
};

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

TEST_CASE("the workbook has one sheet per table, then the agencies and the status", "[workbook]") {
  Fixture fx;
  TempFile path_file("sheets");
  const std::string& path = path_file.path;
  write_workbook(fx.merged, path, {});
  Workbook wb(path);
  CHECK(wb.sheet_names == std::vector<std::string>{"二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                                   "四、政府信息公开行政复议、行政诉讼情况", "六、信息处理费",
                                                   "各单位数据", "报送情况"});
}

TEST_CASE("the requests sheet is laid out as the official table, corner note and merges included", "[workbook]") {
  Fixture fx;
  TempFile path_file("layout");
  const std::string& path = path_file.path;
  write_workbook(fx.merged, path, {});
  Workbook wb(path);
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
  TempFile path_file("totals");
  const std::string& path = path_file.path;
  write_workbook(fx.merged, path, {});
  Workbook wb(path);
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
  TempFile path_file("money");
  const std::string& path = path_file.path;
  write_workbook(fx.merged, path, {});
  Workbook wb(path);
  auto sheet = wb.sheet("二、主动公开政府信息情况");
  // 行政事业性收费 is the last grid row (14), its figure spans B:D.
  CHECK(wb.shown(sheet, "A15") == "行政事业性收费");
  CHECK(wb.shown(sheet, "B15") == "54.9");
  CHECK(Workbook::merges(sheet).count("B15:D15"));
}

TEST_CASE("the 合计 row of every agency's figures sums the agencies with the true cached value", "[workbook]") {
  Fixture fx;
  TempFile path_file("agencies");
  const std::string& path = path_file.path;
  write_workbook(fx.merged, path, {});
  Workbook wb(path);
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
  TempFile path_file("status");
  const std::string& path = path_file.path;
  write_workbook(fx.merged, path, {});
  Workbook wb(path);
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
  TempFile path_file("rejected");
  const std::string& path = path_file.path;
  write_workbook(fx.merged, path, {});
  Workbook wb(path);
  auto sheet = wb.sheet("报送情况");
  CHECK(wb.shown(sheet, "E4") == "被退回");
  CHECK(wb.shown(sheet, "G4") == "E201 第14行：“自然人”的值“12件”不是数字。\nE301：勾稽关系不成立。");
  CHECK(wb.shown(sheet, "A6") == "应报送 3 个，已报送 2 个，未报送 0 个，被退回 1 个");
}

TEST_CASE("text that starts with = is stored as text, never as a formula", "[workbook]") {
  Fixture fx;
  TempFile path_file("formula_text");
  const std::string& path = path_file.path;
  write_workbook(fx.merged, path, {});
  Workbook wb(path);
  // The agency whose name starts with "=" is the second agency and the second roster entry.
  for (const auto& [name, where] : std::map<std::string, std::string>{{"各单位数据", "C5"}, {"报送情况", "C3"}}) {
    auto sheet = wb.sheet(name);
    auto c = Workbook::cell(sheet, where);
    CHECK(std::string(c.attribute("t").value()) == "s");
    CHECK_FALSE(c.child("f"));
    CHECK(wb.shown(sheet, where) == kNarrativeName);
  }
}

TEST_CASE("a draft note heads every statutory sheet and shifts the table down", "[workbook]") {
  Fixture fx;
  TempFile path_file("draft");
  const std::string& path = path_file.path;
  WorkbookOptions options;
  options.draft_note = "草稿：1个单位未报送";
  write_workbook(fx.merged, path, options);
  Workbook wb(path);
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

TEST_CASE("Chinese characters count double in the display width", "[workbook]") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("自然人") == 6);
  CHECK(display_width("1.危及“三安全一稳定”") == 2 + 20);
  CHECK(display_width("（一）") == 6);
}

TEST_CASE("rows are tall enough for wrapped Chinese labels", "[workbook]") {
  Fixture fx;
  TempFile path_file("heights");
  const std::string& path = path_file.path;
  write_workbook(fx.merged, path, {});
  Workbook wb(path);
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
