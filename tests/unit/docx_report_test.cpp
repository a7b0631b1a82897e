#include <catch2/catch.hpp>

#include <map>

#include "docx_build.h"
#include "input/docx_report.h"
#include "validate/validator.h"

using namespace nianbao;
using namespace docx_build;

namespace {

const Format& fmt(const char* id = "xxgk-2021") {
  static Format f21 = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  static Format f18 = load_format(NIANBAO_TEMPLATES, "xxgk-2018");
  return std::string(id) == "xxgk-2018" ? f18 : f21;
}

ReportFile report(const char* format = "xxgk-2021", int year = 2025) {
  ReportFile r;
  r.path = "inputs/report.xml";
  r.format = format;
  r.year = year;
  r.title = "测试";
  r.roster.push_back(Agency{"FC001", "丰城市发展和改革委员会", AgencyKind::kDepartment, {}});
  r.roster.push_back(Agency{"FC002", "丰城市财政局", AgencyKind::kDepartment, {}});
  r.roster.push_back(Agency{"FC003", "丰城市人民政府", AgencyKind::kGovernment, {}});
  r.roster.push_back(Agency{"FC004", "丰城市人民政府办公室", AgencyKind::kDepartment, {}});
  r.index_roster();
  return r;
}

// Figures of a consistent 2021 report (R1 holds in every column); every other cell is 0.
const std::map<std::string, std::string> kFigures = {
    {"active.rules.issued", "1"},          {"active.normative.issued", "3"},      {"active.normative.in_force", "20"},
    {"active.licensing.decisions", "120"}, {"active.penalty.decisions", "45"},    {"active.fees.amount", "25.1"},
    {"requests.new.natural", "10"},        {"requests.new.business", "2"},        {"requests.new.total", "12"},
    {"requests.carried_in.natural", "1"},  {"requests.carried_in.total", "1"},    {"requests.granted.natural", "8"},
    {"requests.granted.business", "2"},    {"requests.granted.total", "10"},      {"requests.closed_total.natural", "8"},
    {"requests.closed_total.business", "2"}, {"requests.closed_total.total", "10"}, {"requests.carried_out.natural", "3"},
    {"requests.carried_out.total", "3"},   {"appeals.review.upheld", "1"},        {"appeals.review.total", "1"},
    {"appeals.litigation_direct.pending", "2"}, {"appeals.litigation_direct.total", "2"}};

using Relabel = std::function<std::string(const std::string&)>;

struct Spec {
  std::map<std::string, std::string> figures = kFigures;
  Relabel relabel;
  std::string title = p("丰城市发展和改革委员会") + p("2025年政府信息公开工作年度报告");
  std::string overview = p("（一）主动公开情况") + p("本年度主动公开各类信息 300 条。") + p("（二）依申请公开情况。本年度新收申请 12 件。");
  std::map<std::string, std::string> headings;  // table or section id → heading paragraph XML
  std::map<std::string, std::string> tables;    // table id → table XML, instead of the official one
  const Format* format = &fmt();
};

Rows official_rows(const Spec& s, const char* table) {
  const Format& f = *s.format;
  return layout_rows(f, f.find_table(table), [&](int cell) {
    auto it = s.figures.find(f.cell_path(cell));
    return it == s.figures.end() ? std::string("0") : it->second;
  }, s.relabel);
}

std::string heading(const Spec& s, const std::string& id, const std::string& text) {
  auto it = s.headings.find(id);
  return it == s.headings.end() ? p(text) : it->second;
}

std::string table_xml(const Spec& s, const char* id) {
  auto it = s.tables.find(id);
  return it == s.tables.end() ? tbl(official_rows(s, id)) : it->second;
}

std::string report_xml(const Spec& s) {
  return document(s.title + heading(s, "overview", "一、总体情况") + s.overview +
                  heading(s, "active", "二、主动公开政府信息情况") + table_xml(s, "active") +
                  heading(s, "requests", "三、收到和处理政府信息公开申请情况") + table_xml(s, "requests") +
                  heading(s, "appeals", "四、政府信息公开行政复议、行政诉讼情况") + table_xml(s, "appeals") +
                  heading(s, "problems", "五、存在的主要问题及改进情况") + p("一是公开内容不够全面。") +
                  heading(s, "other", "六、其他需要报告的事项") + p("本年度未收取信息处理费。"));
}

struct Read {
  ReportReadResult result;
  Diagnostics diags;
  const Submission& sub() const { return result.submission; }
};

Read read(const std::string& xml, const std::string& file = "年报终稿(1).docx", const ReportFile& r = report(),
          const Format& f = fmt()) {
  Read out;
  out.result = read_report_docx(xml, "inputs/" + file, file, f, r, out.diags);
  return out;
}

std::int64_t value(const Submission& s, const std::string& path, const Format& f = fmt()) {
  int cell = f.find_cell(path);
  REQUIRE(cell >= 0);
  return s.values[cell];
}

std::vector<std::string> codes(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& i : d.items()) out.push_back(i.code);
  return out;
}

const Diagnostic& find(const Diagnostics& d, const std::string& code) {
  for (const auto& i : d.items())
    if (i.code == code) return i;
  FAIL("no " << code << " among " << d.items().size() << " findings");
  return d.items().front();
}

void check_figures(const Submission& s) {
  for (const auto& [path, text] : kFigures) {
    const Format& f = fmt();
    int cell = f.find_cell(path);
    if (f.cells[cell].computed()) continue;
    INFO(path);
    CHECK(format_value(s.values[cell], f.cells[cell].type) == text);
  }
}

}  // namespace

TEST_CASE("an official 2021 report is read: agency and year from the title, every figure, the narrative", "[report]") {
  Read r = read(report_xml(Spec{}));
  CHECK(r.diags.empty());
  CHECK(r.result.kind == ReportDocKind::kReport);
  const Submission& s = r.sub();
  CHECK(s.path == "inputs/年报终稿(1).docx");
  CHECK(s.format == "xxgk-2021");
  CHECK(s.year == 2025);
  CHECK(s.agency.code == "FC001");
  CHECK(s.agency.name == "丰城市发展和改革委员会");
  check_figures(s);
  CHECK(value(s, "active.fees.amount") == 251000);
  // Printed totals are kept as given, for the validator to check against their parts.
  int total = fmt().find_cell("requests.new.total");
  auto g = std::find_if(s.given.begin(), s.given.end(), [&](const GivenValue& v) { return v.cell == total; });
  REQUIRE(g != s.given.end());
  CHECK(g->raw == 12);
  SourceLocation at = s.locate(g->offset);
  CHECK(at.file == "inputs/年报终稿(1).docx");
  CHECK(at.table == 2);
  CHECK(at.row == 4);
  CHECK(at.col == 10);
  // The narrative, by the format's section ids.
  REQUIRE(s.own_sections.size() == 3);
  CHECK(s.own_sections[0].id == "overview");
  CHECK(s.own_sections[0].title == "一、总体情况");
  CHECK(s.own_sections[0].paragraphs.size() == 3);
  CHECK(s.own_sections[1].id == "problems");
  CHECK(s.own_sections[1].paragraphs[0].text == "一是公开内容不够全面。");
  CHECK(s.own_sections[2].id == "other");
  // Highlights: the sub-headed parts of 一、总体情况, titled without their numbers.
  REQUIRE(s.sections.size() == 2);
  CHECK(s.sections[0].id == "highlights");
  CHECK(s.sections[0].title == "主动公开情况");
  CHECK(s.sections[0].paragraphs[0].text == "本年度主动公开各类信息 300 条。");
  CHECK(s.sections[1].title == "依申请公开情况");
  CHECK(s.sections[1].paragraphs[0].text == "本年度新收申请 12 件。");

  Diagnostics v;
  Submission checked = s;
  validate_submission(checked, fmt(), report(), v);
  CHECK(v.empty());
}

TEST_CASE("an overview without sub-headings is one highlight titled with the agency's name", "[report]") {
  Spec s;
  s.overview = p("　　2025年，我委认真贯彻落实《条例》。") + p("全年主动公开信息 300 条。");
  Read r = read(report_xml(s));
  REQUIRE(r.sub().sections.size() == 1);
  CHECK(r.sub().sections[0].title == "丰城市发展和改革委员会");
  CHECK(r.sub().sections[0].paragraphs[0].text == "2025年，我委认真贯彻落实《条例》。");
}

TEST_CASE("labels as real reports type them are matched to the official ones", "[report]") {
  Spec s;
  static const std::map<std::string, std::string> kVariants = {
      {"（一）予以公开", "(一)予以公开"},
      {"1.属于国家秘密", "1、属于国家秘密"},
      {"2.其他法律行政法规禁止公开", "2．其他法律行政法规禁止公开"},
      {"商业企业", "商业\n企业"},
      {"3.危及“三安全一稳定”", "3.危及\"三安全一稳定\""},
      {"现行有效件数", "现行有效件"},
      {"行政规范性文件", "规范性文件"},
      {"（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开"},
      {"本年收费金额（单位：万元）", "本年收费金额(单位:万元)"},
      {"法人或其他组织", "法人或其他\n组织"},
  };
  s.relabel = [](const std::string& label) {
    auto it = kVariants.find(label);
    return it == kVariants.end() ? label : it->second;
  };
  s.headings["overview"] = numbered("总体情况");
  s.headings["appeals"] = p("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况");
  s.headings["problems"] = p("五.存在的主要问题及改进情况");
  Read r = read(report_xml(s));
  check_figures(r.sub());
  REQUIRE(codes(r.diags) == std::vector<std::string>{"W824"});
  const Diagnostic& w = r.diags.items()[0];
  CHECK(w.message == "统计表「二、主动公开政府信息情况」中有标签与正式名称不完全一致，已按最接近的正式名称读取；请核对是否改动了统计表。");
  CHECK(w.found == "现行有效件 → 现行有效件数；规范性文件 → 行政规范性文件");
  REQUIRE(r.sub().own_sections.size() == 3);
  CHECK(r.sub().own_sections[0].paragraphs.size() == 3);
  CHECK(r.sub().own_sections[1].paragraphs.size() == 1);
}

TEST_CASE("headers over two rows instead of three, without 申请人情况, are still matched", "[report]") {
  Spec s;
  Rows rows = official_rows(s, "requests");
  rows.erase(rows.begin());  // the 申请人情况 line; the corner note now spans two rows
  rows[0][0] = restart("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3);
  s.tables["requests"] = tbl(rows);
  Read r = read(report_xml(s));
  CHECK(r.diags.empty());
  check_figures(r.sub());
}

TEST_CASE("cell values: blank is 0, dashes are 0 with one warning, separators and full-width digits are read", "[report]") {
  Spec s;
  s.figures["requests.new.natural"] = "1,234";
  s.figures["requests.new.business"] = "１２";
  s.figures["requests.new.total"] = "";
  s.figures["requests.carried_in.natural"] = "/";
  s.figures["requests.carried_in.business"] = "—";
  s.figures["active.rules.repealed"] = "无";
  Read r = read(report_xml(s));
  CHECK(value(r.sub(), "requests.new.natural") == 1234);
  CHECK(value(r.sub(), "requests.new.business") == 12);
  CHECK(value(r.sub(), "requests.carried_in.natural") == 0);
  int total = fmt().find_cell("requests.new.total");
  CHECK(std::none_of(r.sub().given.begin(), r.sub().given.end(), [&](const GivenValue& g) { return g.cell == total; }));
  REQUIRE(codes(r.diags) == std::vector<std::string>{"W823", "W823"});
  CHECK(r.diags.items()[0].message == "统计表「二、主动公开政府信息情况」中有 1 个格子填的是“/”“—”或“无”，已按 0 计算；没有数据的格子请填 0。");
  CHECK(r.diags.items()[0].place == "第 1 个表格第 3 行第 3 列“无”");
  CHECK(r.diags.items()[1].place == "第 2 个表格第 5 行第 4 列“/”；第 2 个表格第 5 行第 5 列“—”");
}

TEST_CASE("a unit typed in a cell, a negative, a fraction and too many decimals are rejections naming the cell", "[report]") {
  Spec s;
  s.figures["active.fees.amount"] = "251000元";
  s.figures["active.licensing.decisions"] = "12件";
  s.figures["requests.granted.natural"] = "-8";
  s.figures["requests.granted.business"] = "1.5";
  s.figures["requests.new.research"] = "约10";
  Read r = read(report_xml(s));
  REQUIRE(codes(r.diags) == std::vector<std::string>{"E817", "E817", "E818", "E819", "E820"});
  const Diagnostic& money = r.diags.items()[1];
  CHECK(money.message == "金额中带了单位；这一格的单位是万元，请只填以万元为单位的数字。");
  CHECK(money.place == "二、主动公开政府信息情况 / 第二十条第（八）项 行政事业性收费 / 本年收费金额（单位：万元）（第 1 个表格第 14 行第 2 列）");
  CHECK(money.found == "“251000元”");
  CHECK(money.expected == "25.1（即 251000元 折合万元，不带单位）");
  CHECK(money.where.table == 1);
  CHECK(money.where.row == 14);
  const Diagnostic& count = r.diags.items()[0];
  CHECK(count.message == "数字后带了单位；请只填数字。");
  CHECK(count.expected == "12");
  CHECK(r.diags.items()[2].found == "“约10”");
  CHECK(r.diags.items()[3].message == "不能为负数。");
  CHECK(r.diags.items()[4].message == "件数等计数必须是整数。");
}

TEST_CASE("a row or a column not in the format is a rejection naming the table, the label and its position", "[report]") {
  Spec s;
  Rows active = official_rows(s, "active");
  active.insert(active.begin() + 4, {c("其他主动公开文件"), c("5"), c("0"), c("9")});
  active[1].push_back(c("备注"));
  active[2].push_back(c("说明"));
  s.tables["active"] = tbl(active);
  Read r = read(report_xml(s));
  REQUIRE(codes(r.diags) == std::vector<std::string>{"E812", "E815"});
  const Diagnostic& row = r.diags.items()[0];
  CHECK(row.message == "这一行的标签在「二、主动公开政府信息情况」中没有对应的行，无法读取这一行的数字；请使用统计表的正式行名称，不要增删行。");
  CHECK(row.place == "二、主动公开政府信息情况 / 第 1 个表格第 5 行");
  CHECK(row.found == "其他主动公开文件");
  CHECK(row.where.table == 1);
  CHECK(row.where.row == 5);
  const Diagnostic& col = r.diags.items()[1];
  CHECK(col.place == "二、主动公开政府信息情况 / 第 1 个表格第 5 列");
  CHECK(col.found == "备注");
  CHECK(col.where.col == 5);
}

TEST_CASE("two labels never map to one official row, and a row left out of a table is named", "[report]") {
  Spec s;
  Rows active = official_rows(s, "active");
  active.insert(active.begin() + 4, {c("规范性文件"), c("5"), c("0"), c("9")});
  active.erase(active.begin() + 11);  // 行政强制
  s.tables["active"] = tbl(active);
  Read r = read(report_xml(s));
  REQUIRE(codes(r.diags) == std::vector<std::string>{"E814", "E825"});
  CHECK(r.diags.items()[0].found == "规范性文件");
  CHECK(r.diags.items()[0].expected == "第二十条第（一）项 行政规范性文件");
  CHECK(r.diags.items()[1].message == "统计表「二、主动公开政府信息情况」中缺少格式规定的 1 个格子，表格可能被删改；请使用完整的统计表。");
  CHECK(r.diags.items()[1].expected == "二、主动公开政府信息情况 / 第二十条第（六）项 行政强制 / 本年处理决定数量");
}

TEST_CASE("a label loosely like two official rows is a rejection listing both, not a guess", "[report]") {
  Spec s;
  s.relabel = [](const std::string& label) { return label == "行政处罚" ? std::string("行政处制") : label; };
  Read r = read(report_xml(s));
  REQUIRE(codes(r.diags) == std::vector<std::string>{"E813", "E825"});
  CHECK(r.diags.items()[0].found == "行政处制");
  CHECK(r.diags.items()[0].expected == "第二十条第（六）项 行政处罚；或 第二十条第（六）项 行政强制");
  CHECK(r.diags.items()[0].place == "二、主动公开政府信息情况 / 第 1 个表格第 10 行");
}

TEST_CASE("a table split across two Word tables is read once, whether the second repeats the header or not", "[report]") {
  for (bool repeat : {false, true}) {
    Spec s;
    Rows rows = official_rows(s, "requests");
    Rows first(rows.begin(), rows.begin() + 15), second(rows.begin() + 15, rows.end());
    // The second part starts a fresh merge of the 三、本年度办理结果 column.
    second[0][0] = restart("");
    if (repeat) second.insert(second.begin(), rows.begin(), rows.begin() + 3);
    s.tables["requests"] = tbl(first) + p("") + tbl(second);
    Read r = read(report_xml(s));
    std::string findings;
    for (const auto& d : r.diags.items()) findings += format_diagnostic(d) + "\n";
    INFO("repeat header: " << repeat << "\n" << findings);
    CHECK(r.diags.empty());
    check_figures(r.sub());
  }
}

TEST_CASE("header rows marked to repeat on every page (w:tblHeader) are read once", "[report]") {
  Spec s;
  Rows rows = official_rows(s, "requests");
  std::string xml = "<w:tbl>";
  for (std::size_t i = 0; i < rows.size(); ++i) xml += tr(rows[i], i < 3 ? "<w:tblHeader/>" : "");
  s.tables["requests"] = xml + "</w:tbl>";
  Read r = read(report_xml(s));
  CHECK(r.diags.empty());
  check_figures(r.sub());
}

TEST_CASE("a 行政复议 total that is not the sum of its parts is kept as given, and the validator names it", "[report]") {
  Spec s;
  s.figures["appeals.review.total"] = "5";
  Read r = read(report_xml(s));
  CHECK(r.diags.empty());
  Submission sub = r.sub();
  Diagnostics v;
  validate_submission(sub, fmt(), report(), v);
  REQUIRE(codes(v) == std::vector<std::string>{"E206"});
  CHECK(v.items()[0].place == "四、政府信息公开行政复议、行政诉讼情况 / 行政复议 / 总计");
  CHECK(v.items()[0].found == "5");
  CHECK(v.items()[0].where.table == 3);
  CHECK(v.items()[0].where.row == 4);
  CHECK(v.items()[0].where.col == 5);
}

TEST_CASE("a report in the 2019 trial format is rejected with a code naming it and the format required", "[report]") {
  SECTION("its 主动公开 table") {
    Spec s;
    s.tables["active"] = tbl({{c("第二十条第（一）项", 4)},
                              {c("信息内容"), c("本年新制作数量"), c("本年新公开数量"), c("对外公开总数量")},
                              {c("规章"), c("0"), c("0"), c("0")},
                              {c("规范性文件"), c("3"), c("3"), c("20")}});
    Read r = read(report_xml(s));
    REQUIRE(codes(r.diags) == std::vector<std::string>{"E809"});
    const Diagnostic& d = r.diags.items()[0];
    CHECK(d.message == "报告的统计表用的是2019 年试行的年度报告格式（国办公开办函〔2019〕60号），2025 年度的报告应使用"
                       "中华人民共和国政府信息公开工作年度报告格式（国办公开办函〔2021〕30号）的统计表；请按现行格式重新制作统计表。");
    CHECK(d.place == "第 1 个表格");
    CHECK(r.sub().format.empty());
    CHECK(r.sub().agency.code == "FC001");
  }
  SECTION("its requests table, where （六）其他处理 is one row") {
    Spec s;
    Rows rows = official_rows(s, "requests");
    auto six = std::find_if(rows.begin(), rows.end(), [](const std::vector<Cell>& row) {
      return row.size() > 1 && row[1].text == "（六）其他处理";
    });
    REQUIRE(six != rows.end());
    std::vector<Cell> one = {cont(), c("（六）其他处理", 2)};
    for (int i = 0; i < 7; ++i) one.push_back(c("0"));
    *six = one;
    rows.erase(six + 1, six + 3);
    s.tables["requests"] = tbl(rows);
    Read r = read(report_xml(s));
    REQUIRE(codes(r.diags) == std::vector<std::string>{"E809"});
    CHECK(r.diags.items()[0].place == "第 2 个表格");
  }
}

TEST_CASE("the pre-2019 统计表 is recognised and named in a 2021-format year, and read in a 2018 one", "[report]") {
  Spec s;
  s.format = &fmt("xxgk-2018");
  s.figures = {{"stats.review_upheld.value", "1"}, {"stats.review_corrected.value", "2"}, {"stats.suit_corrected.value", "3"},
               {"stats.reviews.value", "3"},       {"stats.suits.value", "3"},            {"stats.budget.value", "18.3"}};
  std::string stats = tbl(official_rows(s, "stats"));
  std::string xml = document(p("丰城市财政局2018年政府信息公开工作年度报告") + p("一、主动公开政府信息公开情况") + p("正文。") + stats);

  Read wrong = read(xml);
  // The sections of the 2021 format are not in a 2018 report either (W829).
  REQUIRE(codes(wrong.diags) == std::vector<std::string>{"E810", "W829", "W829", "W829"});
  CHECK(wrong.diags.items()[0].found == "2019 年以前的《政府信息公开情况统计表》（国办发〔2014〕32号）");

  Read right = read(xml, "财政局.docx", report("xxgk-2018", 2018), fmt("xxgk-2018"));
  std::vector<std::string> got = codes(right.diags);
  CHECK(std::count(got.begin(), got.end(), "W829") == 7);  // the 2018 sections other than 一 are not in this short report
  CHECK(std::count_if(got.begin(), got.end(), [](const std::string& c) { return c[0] == 'E'; }) == 0);
  const Submission& sub = right.sub();
  CHECK(sub.format == "xxgk-2018");
  CHECK(sub.agency.code == "FC002");
  // The two "（二）被依法纠错数" rows are told apart by order.
  CHECK(value(sub, "stats.review_corrected.value", fmt("xxgk-2018")) == 2);
  CHECK(value(sub, "stats.suit_corrected.value", fmt("xxgk-2018")) == 3);
  CHECK(value(sub, "stats.budget.value", fmt("xxgk-2018")) == 183000);
}

TEST_CASE("2021-format tables in a report for a 2018-format year are rejected with E811", "[report]") {
  Read r = read(report_xml(Spec{}), "年报.docx", report("xxgk-2018", 2018), fmt("xxgk-2018"));
  std::vector<std::string> got = codes(r.diags);
  CHECK(std::count(got.begin(), got.end(), "E811") == 1);
  CHECK(find(r.diags, "E811").expected == "政府信息公开情况统计表（国办发〔2014〕32号）");
}

TEST_CASE("a report without tables is rejected, a Word file that is no report is ignored with a warning", "[report]") {
  Read none = read(document(p("丰城市发展和改革委员会2025年政府信息公开工作年度报告") + p("一、总体情况") + p("正文。") +
                            p("二、主动公开政府信息情况") + p("（见下图）")));
  CHECK(none.result.kind == ReportDocKind::kReport);
  const Diagnostic& d = find(none.diags, "E807");
  CHECK(d.message == "未找到统计表；表格是否以图片粘贴？年度报告的统计表必须是 Word 表格，数字才能读取。");

  Read other = read(document(p("关于召开工作会议的通知") + p("各科室：定于下周一开会。")), "通知.docx");
  CHECK(other.result.kind == ReportDocKind::kNotAReport);
  REQUIRE(codes(other.diags) == std::vector<std::string>{"W828"});
}

TEST_CASE("the agency is found in the title, else in the file name, none or several is a rejection naming them", "[report]") {
  Spec by_file;
  by_file.title = p("2025年政府信息公开工作年度报告");
  Read f = read(report_xml(by_file), "丰城市财政局年报终稿(1).docx");
  CHECK(f.sub().agency.code == "FC002");
  CHECK(f.diags.empty());

  Spec nested;
  nested.title = p("丰城市人民政府办公室") + p("2025年政府信息公开工作年度报告");
  CHECK(read(report_xml(nested)).sub().agency.code == "FC004");

  Spec none;
  none.title = p("2025年政府信息公开工作年度报告");
  Read n = read(report_xml(none));
  REQUIRE(codes(n.diags) == std::vector<std::string>{"E805"});
  CHECK(n.diags.items()[0].message == "在报告标题和文件名中都找不到名单上的单位全称，无法确定是哪个单位的报告。");
  CHECK(n.diags.items()[0].found == "标题“2025年政府信息公开工作年度报告”，文件名“年报终稿(1)”");

  Spec several;
  several.title = p("丰城市发展和改革委员会　丰城市财政局") + p("2025年政府信息公开工作年度报告");
  Read s = read(report_xml(several));
  REQUIRE(codes(s.diags) == std::vector<std::string>{"E805"});
  CHECK(s.diags.items()[0].found == "丰城市发展和改革委员会（FC001）、丰城市财政局（FC002）");
  CHECK(s.sub().agency.code.empty());
}

TEST_CASE("the year is read from the title in Arabic or Chinese digits", "[report]") {
  Spec s;
  s.title = p("丰城市发展和改革委员会二〇二五年度政府信息公开工作年度报告");
  Read r = read(report_xml(s));
  CHECK(r.diags.empty());
  CHECK(r.sub().year == 2025);
}

TEST_CASE("a title without a year is a rejection", "[report]") {
  Spec s;
  s.title = p("丰城市发展和改革委员会政府信息公开工作年度报告");
  Read r = read(report_xml(s));
  REQUIRE(codes(r.diags) == std::vector<std::string>{"E806"});
  CHECK(r.diags.items()[0].expected == "2025年");
}

TEST_CASE("a statutory table missing from the report is named", "[report]") {
  Spec s;
  s.tables["appeals"] = p("本年度未发生行政复议、行政诉讼。");
  Read r = read(report_xml(s));
  REQUIRE(codes(r.diags) == std::vector<std::string>{"E808"});
  CHECK(r.diags.items()[0].message == "报告中没有找到统计表「四、政府信息公开行政复议、行政诉讼情况」；表格是否以图片粘贴，或被删去？");
}

TEST_CASE("a table that is no statutory table is left with a warning", "[report]") {
  Spec s;
  s.overview += tbl({{c("序号"), c("活动名称")}, {c("1"), c("政府开放日")}});
  Read r = read(report_xml(s));
  REQUIRE(codes(r.diags) == std::vector<std::string>{"W827"});
  CHECK(r.diags.items()[0].place == "第 1 个表格");
  check_figures(r.sub());
}
