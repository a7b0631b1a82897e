#include <catch2/catch.hpp>

#include "format/format.h"
#include "input/readers.h"
#include "input/xml_file.h"
#include "validate/validator.h"

using namespace nianbao;

namespace {

const Format& fmt() {
  static Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  return f;
}

ReportFile report() {
  ReportFile r;
  r.path = "inputs/report.xml";
  r.format = "xxgk-2021";
  r.year = 2025;
  r.title = "测试";
  r.roster.push_back(Agency{"FC001", "丰城市发展和改革委员会", AgencyKind::kDepartment, {}});
  r.index_roster();
  return r;
}

struct Checked {
  Submission sub;
  Diagnostics diags;
};

Checked check(const std::string& body, const std::string& head = "<submission format=\"xxgk-2021\" year=\"2025\">") {
  Checked c;
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + head + "\n"
                    "  <agency code=\"FC001\" name=\"丰城市发展和改革委员会\" kind=\"department\"/>\n" + body + "</submission>\n";
  auto file = load_xml_bytes(xml, "inputs/fgw.xml", c.diags);
  if (!file) return c;
  c.sub = read_submission(*file, fmt(), c.diags);
  static ReportFile r = report();
  validate_submission(c.sub, fmt(), r, c.diags);
  return c;
}

const Diagnostic& only(const Checked& c) {
  REQUIRE(c.diags.items().size() == 1);
  return c.diags.items()[0];
}

std::int64_t cell(const Submission& s, const char* t, const char* r, const char* col) {
  const Format& f = fmt();
  int ti = f.find_table(t);
  return s.values[f.cell(ti, f.tables[ti].find_row(r), f.tables[ti].find_column(col))];
}

}  // namespace

TEST_CASE("a valid submission is read with computed cells filled", "[submission]") {
  auto c = check(R"(  <table id="requests">
    <row id="new" natural="10" business="2" total="12"/>
    <row id="granted" natural="8" business="2"/>
    <row id="carried_out" natural="2"/>
  </table>
  <table id="active"><row id="fees" amount="12.35"/></table>
)");
  CHECK(c.diags.empty());
  CHECK(cell(c.sub, "requests", "new", "total") == 12);
  CHECK(cell(c.sub, "requests", "closed_total", "total") == 10);
  CHECK(cell(c.sub, "active", "fees", "amount") == 123500);
}

TEST_CASE("a given total that disagrees is rejected with both numbers", "[submission]") {
  auto c = check(R"(  <table id="requests">
    <row id="new" natural="10" business="2" total="13"/>
    <row id="granted" natural="10" business="2"/>
  </table>
)");
  const auto& d = only(c);
  CHECK(d.code == "E206");
  CHECK(d.where.line == 5);
  CHECK(d.message == "填报的合计数与各项之和不符：合计填报为 13，各项之和为 12。请核对各项数字和合计数，改正后重新报送（合计数也可以不填，由程序计算）。");
  CHECK(d.place == "三、收到和处理政府信息公开申请情况 / 一、本年新收政府信息公开申请数量 / 总计");
  CHECK(d.found == "13");
  // The parts by their column labels, those that are 0 counted.
  CHECK(d.expected == "12（自然人 10 + 商业企业 2；其余 4 项为 0）");
}

TEST_CASE("the 勾稽 rule is checked per column with the four numbers", "[submission]") {
  auto c = check(R"(  <table id="requests">
    <row id="new" natural="10"/>
    <row id="carried_in" natural="2"/>
    <row id="granted" natural="9"/>
    <row id="carried_out" natural="2"/>
  </table>
)");
  REQUIRE(c.diags.error_count() == 2);  // the 自然人 column and the 总计 column
  const auto& d = c.diags.items()[0];
  CHECK(d.code == "E301");
  CHECK(d.where.line == 5);
  CHECK(d.place == "三、收到和处理政府信息公开申请情况 / 自然人列");
  CHECK(d.found ==
        "一、本年新收政府信息公开申请数量 10 + 二、上年结转政府信息公开申请数量 2 = 12，而 （七）总计 9 + 四、结转下年度继续办理 2 = 11");
  CHECK(c.diags.items()[1].place == "三、收到和处理政府信息公开申请情况 / 总计列");
}

TEST_CASE("unknown ids are rejected with the line and the expected ids", "[submission]") {
  SECTION("table") {
    auto d_c = check("  <table id=\"request\"><row id=\"new\" natural=\"1\"/></table>\n");
    const auto& d = only(d_c);
    CHECK(d.code == "E104");
    CHECK(d.where.line == 4);
    CHECK(d.found == "request");
    CHECK(d.expected == "active、requests、appeals、processing_fees");
  }
  SECTION("row") {
    auto d_c = check("  <table id=\"appeals\">\n    <row id=\"reviews\" upheld=\"1\"/>\n  </table>\n");
    const auto& d = only(d_c);
    CHECK(d.code == "E105");
    CHECK(d.where.line == 5);
    CHECK(d.found == "reviews");
  }
  SECTION("column") {
    auto d_c = check("  <table id=\"active\"><row id=\"rules\" decisions=\"1\"/></table>\n");
    const auto& d = only(d_c);
    CHECK(d.code == "E106");
    CHECK(d.message == "这一行没有这一列。");
    CHECK(d.expected == "issued、repealed、in_force");
  }
}

TEST_CASE("bad numbers are rejected naming the cell in official labels", "[submission]") {
  auto code_of = [](const char* value) {
    auto c = check(std::string("  <table id=\"requests\"><row id=\"new\" natural=\"") + value + "\"/></table>\n");
    return c.diags.items().empty() ? std::string("none") : c.diags.items()[0].code;
  };
  CHECK(code_of("abc") == "E201");
  CHECK(code_of("") == "E201");
  CHECK(code_of("-1") == "E202");
  CHECK(code_of("1.5") == "E203");
  CHECK(code_of("99999999999999") == "E205");
  auto c = check("  <table id=\"requests\"><row id=\"new\" natural=\"十\"/></table>\n");
  CHECK(c.diags.items()[0].place == "三、收到和处理政府信息公开申请情况 / 一、本年新收政府信息公开申请数量 / 自然人");
  CHECK(c.diags.items()[0].found == "\"十\"");
  auto money = check("  <table id=\"active\"><row id=\"fees\" amount=\"1.23456\"/></table>\n");
  CHECK(money.diags.items()[0].code == "E204");
}

TEST_CASE("format, year and roster mismatches are rejected", "[submission]") {
  {
    auto f = check("", "<submission format=\"xxgk-2018\" year=\"2025\">");
    CHECK(only(f).code == "E102");
  }
  auto y_c = check("", "<submission format=\"xxgk-2021\" year=\"2024\">");
    const auto& y = only(y_c);
  CHECK(y.code == "E103");
  CHECK(y.found == "2024");
  CHECK(y.expected == "2025");
  Checked c;
  auto file = load_xml_bytes("<submission format=\"xxgk-2021\" year=\"2025\"><agency code=\"XX9\" name=\"某局\"/></submission>",
                             "inputs/x.xml", c.diags);
  c.sub = read_submission(*file, fmt(), c.diags);
  ReportFile r = report();
  validate_submission(c.sub, fmt(), r, c.diags);
  CHECK(only(c).code == "E401");
}

TEST_CASE("a figure given twice is never silently chosen", "[submission]") {
  auto dup_attr = check("  <table id=\"requests\"><row id=\"new\" natural=\"1\" natural=\"2\"/></table>\n");
  REQUIRE_FALSE(dup_attr.diags.empty());
  const auto& d = dup_attr.diags.items()[0];
  CHECK(d.code == "E008");
  CHECK(d.message == "元素 <row> 的属性 natural 出现了两次，无法确定以哪一个为准。");
  CHECK(d.place == "三、收到和处理政府信息公开申请情况 / 一、本年新收政府信息公开申请数量 / 自然人");
  auto dup_agency = check("", "<submission format=\"xxgk-2021\" year=\"2025\" year=\"2024\">");
  CHECK(only(dup_agency).code == "E008");
  auto dup_row = check("  <table id=\"requests\"><row id=\"new\" natural=\"1\"/><row id=\"new\" natural=\"2\"/></table>\n");
  REQUIRE_FALSE(dup_row.diags.empty());
  CHECK(dup_row.diags.items()[0].code == "E107");
}

TEST_CASE("placeholders in a highlight resolve to the agency's own figures", "[submission]") {
  auto ok = check("  <section id=\"highlights\" title=\"推进\"><p>共{{requests.new.total}}件，{{name}}</p></section>\n");
  CHECK(ok.diags.empty());
  auto d_c = check("  <section id=\"highlights\" title=\"推进\"><p>共{{requests.nwe.total}}件</p></section>\n");
    const auto& d = only(d_c);
  CHECK(d.code == "E112");
  CHECK(d.message == "占位符 {{requests.nwe.total}}：未知的名称 requests.nwe.total。");
}

TEST_CASE("a fee that looks like 元 typed as 万元 is a warning naming the amount", "[submission]") {
  auto c = check("  <table id=\"active\"><row id=\"fees\" amount=\"52300\"/></table>\n");
  const auto& d = only(c);
  CHECK(d.code == "W311");
  CHECK_FALSE(d.is_error());
  CHECK(d.message == "行政事业性收费超过1亿元（本表单位为万元），请核对是否把以“元”为单位的金额填成了“万元”（规则 R9）。");
  CHECK(d.found == "行政事业性收费（本年收费金额（单位：万元）） 52300");
  CHECK(d.expected == "不大于 10000");
  auto fine = check("  <table id=\"active\"><row id=\"fees\" amount=\"5.23\"/></table>\n");
  CHECK(fine.diags.empty());
}

TEST_CASE("text outside a paragraph is quoted whole characters at a time", "[submission]") {
  auto c = check("  <section id=\"highlights\" title=\"推进\">\n    本局全年共收到政府信息公开申请十二件，均在法定期限内答复，无行政复议和行政诉讼。\n  </section>\n");
  const auto& d = only(c);
  CHECK(d.code == "W109");
  CHECK(d.found == "本局全年共收到政府信息公开申请十二件，均在法定期限内答复，无…");
}

TEST_CASE("a format or year mismatch names the line of <submission>", "[submission]") {
  auto f = check("", "<submission format=\"xxgk-2018\"\n            year=\"2025\">");
  CHECK(only(f).where.line == 2);
  auto y = check("", "<submission format=\"xxgk-2021\" year=\"2024\">");
  CHECK(only(y).where.line == 2);
}

TEST_CASE("a rule broken in a column that is not written names the line of its row", "[submission]") {
  auto c = check(R"(  <table id="requests">
    <row id="new" natural="10"/>
    <row id="granted" natural="9"/>
  </table>
)");
  REQUIRE(c.diags.error_count() == 2);
  CHECK(c.diags.items()[1].place == "三、收到和处理政府信息公开申请情况 / 总计列");
  CHECK(c.diags.items()[1].where.line == 5);  // new.total is computed, not written: the line of new
  auto w = check(R"(  <table id="requests">
    <row id="new" natural="2"/>
    <row id="other_no_fee" natural="2"/>
  </table>
)");
  const auto& d = only(w);
  CHECK(d.code == "W303");
  CHECK(d.where.line == 6);  // no processing_fees table at all: the line of other_no_fee
}

TEST_CASE("a file with too many problems lists the first hundred and says so", "[submission]") {
  std::string unknown;
  for (int i = 0; i < 300000; ++i) unknown += "<x/>";  // one line: columns must not be counted from its start each time
  auto c = check(unknown + "\n");
  REQUIRE(c.diags.items().size() == kMaxFindingsPerFile + 1);
  CHECK(c.diags.items()[99].code == "E108");
  CHECK(c.diags.items()[99].where.column == 1 + 99 * 4);
  CHECK(c.diags.items()[100].code == "E111");
  CHECK(c.diags.items()[100].message == "文件中的问题过多，已列出前 100 处，其余部分未再检查；请改正后重新报送。");
  std::string paragraphs;
  for (int i = 0; i < 150; ++i) paragraphs += "<p>{{x}}</p>";
  auto p = check("  <section id=\"highlights\" title=\"推进\">" + paragraphs + "</section>\n");
  REQUIRE(p.diags.items().size() == kMaxFindingsPerFile + 1);
  CHECK(p.diags.items()[99].code == "E112");
  CHECK(p.diags.items()[100].code == "E111");
}

TEST_CASE("a placeholder with a stray character is an error, not the figure before it", "[submission]") {
  auto c = check("  <section id=\"highlights\" title=\"推进\"><p>共{{requests.new.total件}}</p></section>\n");
  const auto& d = only(c);
  CHECK(d.code == "E112");
  CHECK(d.message == "占位符 {{requests.new.total件}} 有误：无法识别的字符“件”。");
}

TEST_CASE("a placeholder nested a hundred thousand deep is an error, not a crash of the batch", "[submission]") {
  std::string deep = "{{" + std::string(100000, '(') + "1" + std::string(100000, ')') + "}}";
  auto c = check("  <section id=\"highlights\" title=\"推进\"><p>" + deep + "</p></section>\n");
  const auto& d = only(c);
  CHECK(d.code == "E112");
  CHECK(d.message == "占位符 {{" + std::string(58, '(') + "… 有误：表达式嵌套过深（括号、函数、not 或负号超过 50 层）。");
}
