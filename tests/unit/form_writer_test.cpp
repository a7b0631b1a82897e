#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "form_inspect.h"
#include "format/format.h"
#include "input/form_reader.h"
#include "render/form_writer.h"
#include "zip/zip_writer.h"

using namespace nianbao;
using namespace nianbao::test;
namespace fs = std::filesystem;

namespace {

const char* const kRequests = "三、收到和处理政府信息公开申请情况";

/// A file path in a folder of this test run, removed with it.
struct TempDir {
  fs::path dir = fs::temp_directory_path() / ("nianbao-form-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(dir); }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  std::string file(const std::string& name) const { return (dir / name).string(); }
};

ReportFile report_for(const std::string& format) {
  ReportFile r;
  r.format = format;
  r.year = 2025;
  r.title = "测试市2025年政府信息公开工作年度报告";
  r.compiler = "测试市人民政府办公室";
  r.contact = {"王某", "0795-1234567", "xxgk@example.cn"};
  r.roster.push_back({"T001", "测试市发展和改革委员会", AgencyKind::kDepartment, {}});
  return r;
}

FormBook written_form(const Format& f, const TempDir& tmp, const std::string& name = "form.xlsx") {
  const ReportFile r = report_for(f.id);
  write_form(f, r, r.roster[0], tmp.file(name), {});
  return inspect_form(tmp.file(name));
}

/// A format file of one table whose ids or layout the test chooses.
Format format_from(const TempDir& tmp, const std::string& table, const std::string& rules = "") {
  const std::string path = tmp.file("format.xml");
  std::ofstream(path) << "<format id=\"test\" name=\"测试格式\">" << table << "<rules>" << rules << "</rules></format>";
  return load_format_file(path);
}

}  // namespace

TEST_CASE("a form of either shipped format keeps the whole form contract", "[form]") {
  TempDir tmp;
  for (const char* id : {"xxgk-2021", "xxgk-2018"}) {
    INFO(id);
    const Format f = load_format(NIANBAO_TEMPLATES, id);
    const FormBook book = written_form(f, tmp);
    const auto problems = form_problems(book, f, "T001", "测试市发展和改革委员会", 2025);
    for (const auto& p : problems) UNSCOPED_INFO(p);
    CHECK(problems.empty());
  }
}

TEST_CASE("a blank form reads back through the form reader as its agency's submission, every figure 0", "[form]") {
  TempDir tmp;
  for (const char* id : {"xxgk-2021", "xxgk-2018"}) {
    INFO(id);
    const Format f = load_format(NIANBAO_TEMPLATES, id);
    const ReportFile r = report_for(id);
    write_form(f, r, r.roster[0], tmp.file("blank.xlsx"), {});
    Diagnostics diags;
    bool is_form = false;
    auto sub = read_form_file(tmp.file("blank.xlsx"), "下发/T001.xlsx", f, diags, is_form);
    for (const auto& d : diags.items()) UNSCOPED_INFO(d.code + " " + d.message);
    CHECK(diags.items().empty());
    REQUIRE(sub);
    CHECK(is_form);
    CHECK(sub->format == id);
    CHECK(sub->year == 2025);
    CHECK(sub->agency.code == "T001");
    CHECK(sub->agency.name == "测试市发展和改革委员会");
    CHECK(sub->values == std::vector<std::int64_t>(f.cell_count(), 0));
    CHECK(sub->given.empty());
    CHECK(sub->sections.empty());
    CHECK(sub->own_sections.empty());
  }
}

TEST_CASE("the requests sheet lays out the official table with input cells, totals and a check row", "[form]") {
  TempDir tmp;
  const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  const FormBook book = written_form(f, tmp);
  const FormSheet* s = book.find(kRequests);
  REQUIRE(s);
  // Title, hint, then the official grid from row 3: labels character for character.
  CHECK(s->cells.at("A1").value == kRequests);
  CHECK(s->cells.at("A2").value.find("请在浅黄色单元格中填写本单位的数据") == 0);
  CHECK(s->cells.at("A3").value == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
  CHECK(s->cells.at("A6").value == "一、本年新收政府信息公开申请数量");
  CHECK(s->cells.at("C10").value == "1.属于国家秘密");
  CHECK(book.locate("requests.new.natural").second == "D6");
  CHECK(book.locate("requests.carried_out.other_org").second == "I30");
  // Totals are formulas over their parts; the form computes them, so they carry no name.
  CHECK(s->cells.at("J6").formula == "SUM(D6:I6)");
  CHECK(s->cells.at("D29").formula == "SUM(D8:D28)");
  CHECK(book.names.count("requests.new.total") == 0);
  CHECK(book.names.count("requests.closed_total.natural") == 0);
  // The check row under the table: the rule's text, then a verdict under every column.
  CHECK(s->cells.at("A31").value == "校验：本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和");
  CHECK(s->cells.at("D31").formula ==
        "IFERROR(IF(ROUND((D6+D7)-(D29+D30),4)=0,\"平衡\",\"不平衡：相差\"&ABS(ROUND((D6+D7)-(D29+D30),4))),"
        "\"请检查：有单元格填的不是数字\")");
  CHECK(s->cells.at("D31").value == "平衡");
  CHECK(s->cells.at("J31").formula.find("(J6+J7)-(J29+J30)") != std::string::npos);
  CHECK(s->cells.count("K31") == 0);
  // Red when it does not balance, green when it does.
  CHECK(std::count(s->conditions.begin(), s->conditions.end(), std::pair<std::string, std::string>{"D31", "D31<>\"平衡\""}) == 1);
  CHECK(std::count(s->conditions.begin(), s->conditions.end(), std::pair<std::string, std::string>{"D31", "D31=\"平衡\""}) == 1);
  // Printed on one landscape page, as the merged 三、本年度办理结果 label would be split otherwise.
  CHECK(s->orientation == "landscape");
  CHECK(s->fit_height == 1);
}

TEST_CASE("input cells prompt and refuse in Chinese: whole counts, money in its unit with 4 decimals", "[form]") {
  TempDir tmp;
  const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  const FormBook book = written_form(f, tmp);
  auto [requests, new_natural] = book.locate("requests.new.natural");
  REQUIRE(requests);
  auto counts = requests->validations_of(new_natural);
  REQUIRE(counts.size() == 1);
  // One validation over the block of input cells: rows 6 to 28 of columns D to I; the totals
  // below (row 29) and beside (column J) are formulas and take none.
  CHECK(counts[0]->sqref == "D6:I28");
  CHECK(requests->validations_of("D29").empty());
  CHECK(requests->validations_of("J6").empty());
  CHECK(requests->validations_of("D30").size() == 1);
  CHECK(counts[0]->prompt_title == "请填整数");
  CHECK(counts[0]->prompt == "填不小于 0 的整数；只填阿拉伯数字，不带单位、文字或空格。没有请填 0 或留空。");
  CHECK(counts[0]->error_title == "这里只能填整数");
  CHECK(counts[0]->error == "这里只能填不小于 0 的整数，不带单位、文字或空格。没有请填 0 或留空。");

  auto [active, fees] = book.locate("active.fees.amount");
  REQUIRE(active);
  auto money = active->validations_of(fees);
  REQUIRE(money.size() == 1);
  CHECK(fees == "B16");
  CHECK(money[0]->type == "custom");
  CHECK(money[0]->formula1 == "AND(ISNUMBER(B16),B16>=0,B16<=1000000000000,ROUND(B16,4)=B16)");
  CHECK(money[0]->prompt_title == "请填金额（单位：万元）");
  CHECK(money[0]->error == "这里只能填不小于 0 的金额（单位：万元），最多 4 位小数，不带单位、文字或空格。没有请填 0 或留空。");
  auto [fees_sheet, notified] = book.locate("processing_fees.fees.notified_amount");
  REQUIRE(fees_sheet);
  CHECK(fees_sheet->validations_of(notified).at(0)->prompt_title == "请填金额（单位：元）");
}

TEST_CASE("a rule over fixed cells is a line under its table, across sheets when it names another table", "[form]") {
  TempDir tmp;
  const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  const FormBook book = written_form(f, tmp);
  const FormSheet* s = book.find("六、信息处理费");
  REQUIRE(s);
  CHECK(s->cells.at("A5").value == "校验：实际收取的信息处理费不应多于收费通知的总金额");
  CHECK(s->cells.at("D5").formula ==
        "IFERROR(IF(ROUND((D4)-(C4),4)<=0,\"通过\",\"请核对：多出\"&ROUND((D4)-(C4),4)),\"请检查：有单元格填的不是数字\")");
  CHECK(s->cells.at("D6").formula.find("ROUND((B4)-('三、收到和处理政府信息公开申请情况'!J27),4)>=0") !=
        std::string::npos);
  // Cross-year rules need last year's figures, which a form does not have: of the active table's
  // four rules, only the one on this year's fees is checked.
  const FormSheet* active = book.find("二、主动公开政府信息情况");
  REQUIRE(active);
  std::vector<std::string> verdicts;
  for (const auto& [ref, cell] : active->cells)
    if (cell.formula.rfind("IFERROR(", 0) == 0) verdicts.push_back(ref + " " + cell.formula);
  CHECK(verdicts == std::vector<std::string>{
                        "D17 IFERROR(IF(ROUND((B16)-(10000),4)<=0,\"通过\",\"请核对：多出\"&ROUND((B16)-(10000),4)),"
                        "\"请检查：有单元格填的不是数字\")"});

  const Format old = load_format(NIANBAO_TEMPLATES, "xxgk-2018");
  const FormBook stats = written_form(old, tmp, "2018.xlsx");
  const FormSheet* t = stats.find("政府信息公开情况统计表");
  REQUIRE(t);
  const std::string leaders = stats.locate("stats.press_conferences_leaders.value").second,
                    all = stats.locate("stats.press_conferences.value").second;
  CHECK(leaders == "C18");
  bool found = false;
  for (const auto& [ref, cell] : t->cells)
    if (cell.formula.find("ROUND((C18)-(C17),4)<=0,\"通过\",\"不通过：多出\"") != std::string::npos) found = true;
  CHECK(found);
  CHECK(all == "C17");
  CHECK(t->fit_height == 0);  // 70 rows: as many pages as it takes, the header on each
}

TEST_CASE("说明 names the agency, says how to fill in the form and whom to call", "[form]") {
  TempDir tmp;
  const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  const FormBook book = written_form(f, tmp);
  const FormSheet* s = book.find("说明");
  REQUIRE(s);
  CHECK(s->cells.at("A1").value == "测试市发展和改革委员会2025年政府信息公开工作年度报告 报送表");
  CHECK(book.cell("nianbao.agency.code").value == "T001");
  CHECK(book.cell("nianbao.agency.code").is_string);
  CHECK(book.cell("nianbao.year").value == "2025");
  std::string text;
  for (const auto& [ref, cell] : s->cells) text += cell.value + "\n";
  CHECK(text.find("只在浅黄色单元格中填写") != std::string::npos);
  CHECK(text.find("没有的填 0 或留空") != std::string::npos);
  CHECK(text.find("金额按表中注明的单位（万元、元）填写，最多 4 位小数") != std::string::npos);
  CHECK(text.find("“三、收到和处理政府信息公开申请情况”表下方的校验行须每列都显示“平衡”") != std::string::npos);
  CHECK(text.find("保持 Excel 工作簿（.xlsx）格式") != std::string::npos);
  CHECK(text.find("填好后请将本文件报送测试市人民政府办公室。") != std::string::npos);
  CHECK(text.find("王某") != std::string::npos);
  CHECK(text.find("0795-1234567") != std::string::npos);
  CHECK(text.find("xxgk@example.cn") != std::string::npos);
}

TEST_CASE("文字 has the format's own sections and ten numbered highlights", "[form]") {
  TempDir tmp;
  const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2018");
  const FormBook book = written_form(f, tmp);
  const FormSheet* s = book.find("文字");
  REQUIRE(s);
  auto label_of = [&](const std::string& name) {
    auto [sheet, ref] = book.locate(name);
    REQUIRE(sheet == s);
    return s->cells.at("A" + ref.substr(1)).value;
  };
  CHECK(label_of("contact.name") == "联系人");
  CHECK(label_of("contact.phone") == "联系电话");
  CHECK(label_of("text.problems") == "六、存在的问题及下步工作建议（一）存在的问题");
  CHECK(label_of("text.plans") == "六、存在的问题及下步工作建议（二）下一年度工作打算");
  CHECK(label_of("text.highlight.1.title") == "亮点1 小标题");
  CHECK(label_of("text.highlight.10.body") == "亮点10 正文");
  CHECK(book.names.count("text.highlight.11.title") == 0);
  // The narrative may use this format's own figures: the hint names one of them.
  CHECK(s->validations_of(book.locate("text.other").second).at(0)->prompt.find("{{stats.requests_received}}") !=
        std::string::npos);
}

TEST_CASE("the same inputs give the same form, byte for byte", "[form]") {
  TempDir tmp;
  const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  const ReportFile r = report_for(f.id);
  write_form(f, r, r.roster[0], tmp.file("a.xlsx"), {});
  write_form(f, r, r.roster[0], tmp.file("b.xlsx"), {});
  std::ifstream a(tmp.file("a.xlsx"), std::ios::binary), b(tmp.file("b.xlsx"), std::ios::binary);
  std::string bytes_a((std::istreambuf_iterator<char>(a)), {}), bytes_b((std::istreambuf_iterator<char>(b)), {});
  CHECK(!bytes_a.empty());
  CHECK(bytes_a == bytes_b);
}

TEST_CASE("a name Excel would read as a cell reference, or cannot hold, is refused", "[form]") {
  for (const char* ok : {"requests.new.natural", "stats.requests_online.value", "nianbao.agency.code",
                         "text.highlight.10.body", "rules.x.y", "_x.y", "abcd1.x"})
    CHECK(is_form_name(ok));
  for (const char* bad : {"r1.x.y", "c2.x.y", "R1C1.x", "ab12.x", "xfd1.y", "r.x", "c.x", "RC.x", "a-b.c", "1ab", "表.x",
                          "", "a b"})
    CHECK_FALSE(is_form_name(bad));
  CHECK_FALSE(is_form_name(std::string(256, 'a')));
}

TEST_CASE("a format whose ids would make such a name fails before any form is written", "[form]") {
  TempDir tmp;
  const Format f = format_from(tmp,
                               "<table id=\"r1\" title=\"表一\"><columns><column id=\"n\" label=\"数\"/></columns>"
                               "<rows><row id=\"a\" label=\"甲\"/></rows>"
                               "<layout widths=\"10 10\"><tr><th row=\"a\"/><values row=\"a\"/></tr></layout></table>");
  CHECK_THROWS_WITH(form_names(f), "格式 test 无法生成报送表：单元格名称 r1.a.n 不能用作 Excel 名称"
                                   "（名称以字母加数字开头，Excel 会把它当作单元格引用（如 A1、R1C1））；请修改格式定义中的 id");
  const ReportFile r = report_for("test");
  CHECK_THROWS_AS(write_form(f, r, r.roster[0], tmp.file("r1.xlsx"), {}), FormatError);

  const Format cased = format_from(tmp,
                                   "<table id=\"t\" title=\"表一\"><columns><column id=\"n\" label=\"数\"/></columns>"
                                   "<rows><row id=\"a\" label=\"甲\"/><row id=\"A\" label=\"乙\"/></rows>"
                                   "<layout widths=\"10 10\"><tr><th row=\"a\"/><values row=\"a\"/></tr>"
                                   "<tr><th row=\"A\"/><values row=\"A\"/></tr></layout></table>");
  CHECK_THROWS_WITH(form_names(cased), "格式 test 无法生成报送表：单元格名称 t.a.n 与 t.A.n 在 Excel 中是同一个名称（不区分大小写）；"
                                       "请修改格式定义中的 id");
  CHECK_FALSE(fs::exists(tmp.file("r1.xlsx")));

  const Format clash = format_from(tmp,
                                   "<table id=\"t\" title=\"表一\" sheet=\"说明\"><columns><column id=\"n\" label=\"数\"/></columns>"
                                   "<rows><row id=\"a\" label=\"甲\"/></rows>"
                                   "<layout widths=\"10 10\"><tr><th row=\"a\"/><values row=\"a\"/></tr></layout></table>");
  CHECK_THROWS_WITH(write_form(clash, r, r.roster[0], tmp.file("clash.xlsx"), {}),
                    "格式 test 无法生成报送表：表 t 的工作表名“说明”与报送表自带的工作表重名");
}

TEST_CASE("a per-column rule whose columns the layout does not stack is checked one line per column", "[form]") {
  TempDir tmp;
  // Two table rows side by side in one grid row, as the appeals table has them.
  const Format f = format_from(
      tmp,
      "<table id=\"t\" title=\"表一\"><columns><column id=\"x\" label=\"甲列\"/><column id=\"y\" label=\"乙列\"/></columns>"
      "<rows><row id=\"a\" label=\"甲\"/><row id=\"b\" label=\"乙\"/></rows>"
      "<layout widths=\"10 10 10 10\"><tr><th colspan=\"2\" row=\"a\"/><th colspan=\"2\" row=\"b\"/></tr>"
      "<tr><values row=\"a\"/><values row=\"b\"/></tr></layout></table>",
      "<rule id=\"R\" code=\"E399\" severity=\"error\" table=\"t\" per=\"column\" test=\"a = b\" text=\"甲等于乙\"/>");
  const FormBook book = written_form(f, tmp);
  const FormSheet* s = book.find("表一");
  REQUIRE(s);
  CHECK(s->cells.at("A5").value == "校验：甲等于乙（甲列）");
  CHECK(s->cells.at("C5").formula.find("ROUND((A4)-(C4),4)=0") != std::string::npos);
  CHECK(s->cells.at("A6").value == "校验：甲等于乙（乙列）");
  CHECK(s->cells.at("C6").formula.find("ROUND((B4)-(D4),4)=0") != std::string::npos);
  const auto problems = form_problems(book, f, "T001", "测试市发展和改革委员会", 2025);
  for (const auto& p : problems) UNSCOPED_INFO(p);
  CHECK(problems.empty());
}
