// The form reader: a filled .xlsx form gives the same Submission as the XML submission with the
// same figures; the cell semantics of docs/forms.md; every malformed or hostile form is a
// diagnostic that names the sheet and cell.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "form_builder.h"
#include "input/form_reader.h"
#include "input/readers.h"
#include "input/xml_file.h"
#include "validate/validator.h"
#include "report_fixture.h"

using namespace nianbao;
using namespace formtest;
namespace fs = std::filesystem;

namespace {

const Format& f2021() {
  static const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  return f;
}

const Format& f2018() {
  static const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2018");
  return f;
}

const std::string kRequests = "三、收到和处理政府信息公开申请情况";

struct Read {
  std::optional<Submission> sub;
  Diagnostics diags;
  bool is_form = false;
};

Read read_bytes(const std::string& bytes, const Format& f = f2021()) {
  Read r;
  r.sub = read_form_bytes(bytes, "inputs/fgw.xlsx", f, r.diags, r.is_form);
  return r;
}

Read read(const WorkbookBuilder& b, const Format& f = f2021()) { return read_bytes(b.bytes(), f); }

int cell(const std::string& path, const Format& f = f2021()) {
  int c = f.find_cell(path);
  REQUIRE(c >= 0);
  return c;
}

std::string codes(const Diagnostics& d) {
  std::string out;
  for (const auto& x : d.items()) out += (out.empty() ? "" : " ") + x.code;
  return out;
}

// The same figures as an XML submission, read by the XML reader.
Submission read_xml(const Format& f, const std::map<int, std::string>& figures, const FormFill& fill) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<submission format=\"" + f.id + "\" year=\"" + fill.year + "\">\n"
                    "<agency code=\"" + fill.code + "\" name=\"" + fill.agency + "\"/>\n";
  for (std::size_t t = 0; t < f.tables.size(); ++t) {
    xml += "<table id=\"" + f.tables[t].id + "\">\n";
    for (std::size_t r = 0; r < f.tables[t].rows.size(); ++r) {
      xml += "<row id=\"" + f.tables[t].rows[r].id + "\"";
      for (int c : f.tables[t].rows[r].columns) {
        int idx = f.cell(static_cast<int>(t), static_cast<int>(r), c);
        if (auto it = figures.find(idx); it != figures.end()) xml += " " + f.tables[t].columns[static_cast<std::size_t>(c)].id + "=\"" + it->second + "\"";
      }
      xml += "/>\n";
    }
    xml += "</table>\n";
  }
  xml += "</submission>\n";
  Diagnostics d;
  auto file = load_xml_bytes(xml, "inputs/fgw.xml", d);
  REQUIRE(file);
  Submission sub = read_submission(*file, f, d);
  CHECK(d.empty());
  return sub;
}

// Every input cell of `f` filled with a distinct figure (money with decimals), as numbers.
std::map<int, std::string> all_figures(const Format& f) {
  std::map<int, std::string> out;
  for (int c = 0; c < f.cell_count(); ++c) {
    if (f.cells[static_cast<std::size_t>(c)].computed()) continue;
    out[c] = f.cells[static_cast<std::size_t>(c)].type == ValueType::kMoney ? std::to_string(c) + ".0" + std::to_string(c % 10) + "5"
                                                                          : std::to_string(c * 3 + 1);
  }
  return out;
}

FormFill fill_with(const Format& f, const std::map<int, std::string>& figures) {
  FormFill fill;
  fill.format_id = f.id;
  for (const auto& [c, v] : figures) fill.figures[f.cell_path(c)] = number(v);
  return fill;
}

}  // namespace

TEST_CASE("a form gives the same figures as the XML submission, whichever program wrote it", "[form]") {
  for (const Format* f : {&f2021(), &f2018()}) {
    const auto figures = all_figures(*f);
    const FormFill fill = fill_with(*f, figures);
    const Submission xml = read_xml(*f, figures, fill);
    for (Flavour fl : {Flavour::kExcel, Flavour::kLibreOffice, Flavour::kOpenpyxl, Flavour::kPrefixed}) {
      INFO(f->id << " flavour " << static_cast<int>(fl));
      Read r = read(make_form(*f, fill, fl), *f);
      REQUIRE(r.sub);
      CHECK(r.is_form);
      CHECK(r.diags.empty());
      CHECK(r.sub->format == f->id);
      CHECK(r.sub->year == 2025);
      CHECK(r.sub->agency.code == "FC001");
      CHECK(r.sub->agency.name == "丰城市发展和改革委员会");
      CHECK(r.sub->values == xml.values);
      CHECK(r.sub->given.size() == figures.size());
      CHECK(r.sub->path == "inputs/fgw.xlsx");
    }
  }
}

TEST_CASE("a one-column table is named with its column id", "[form]") {
  FormFill fill;
  fill.format_id = "xxgk-2018";
  fill.figures["stats.requests_online.value"] = number("4947");
  fill.figures["stats.budget.value"] = number("15");
  Read r = read(make_form(f2018(), fill), f2018());
  REQUIRE(r.sub);
  CHECK(r.diags.empty());
  CHECK(r.sub->values[static_cast<std::size_t>(cell("stats.requests_online.value", f2018()))] == 4947);
  CHECK(r.sub->values[static_cast<std::size_t>(cell("stats.budget.value", f2018()))] == 150000);
}

TEST_CASE("cells are found by their names, so inserted rows change nothing", "[form]") {
  const auto figures = all_figures(f2021());
  FormFill fill = fill_with(f2021(), figures);
  Read plain = read(make_form(f2021(), fill));
  fill.rows_inserted = 3;
  Read moved = read(make_form(f2021(), fill));
  REQUIRE(plain.sub);
  REQUIRE(moved.sub);
  CHECK(moved.diags.empty());
  CHECK(moved.sub->values == plain.sub->values);
  const GivenValue& g = moved.sub->given.front();
  CHECK(moved.sub->locate(g.offset).cell == form_cell(f2021(), g.cell, 3));
  CHECK(plain.sub->locate(plain.sub->given.front().offset).cell == form_cell(f2021(), g.cell));
}

TEST_CASE("a balanced form passes validation like an XML submission", "[form]") {
  FormFill fill;
  fill.figures["requests.new.natural"] = number("3");
  fill.figures["requests.carried_in.natural"] = text("1");
  fill.figures["requests.granted.natural"] = text(" 2 ");
  fill.figures["requests.partial.natural"] = text("１");
  fill.figures["requests.carried_out.natural"] = formula("1*1", "1");
  fill.figures["active.fees.amount"] = number("0.30000000000000004");
  fill.texts["contact.name"] = "张某";
  fill.texts["contact.phone"] = "0795-6600001";
  Read r = read(make_form(f2021(), fill));
  REQUIRE(r.sub);
  CHECK(r.diags.empty());
  ReportFile report = test::fengcheng_report(test::fgw_only());
  validate_submission(*r.sub, f2021(), report, r.diags);
  CHECK(codes(r.diags).find('E') == std::string::npos);
  CHECK(r.sub->values[static_cast<std::size_t>(cell("requests.closed_total.natural"))] == 3);
  CHECK(r.sub->values[static_cast<std::size_t>(cell("active.fees.amount"))] == 3000);
  CHECK(r.sub->contact.name == "张某");
  CHECK(r.sub->contact.phone == "0795-6600001");
}

TEST_CASE("cell semantics: blank, numbers, numbers as text, dashes, formulas", "[form]") {
  struct Case {
    Cell cell;
    std::int64_t raw;
    FormValueStatus status;
    ValueType type = ValueType::kCount;
  };
  const std::vector<Case> cases = {
      {raw("", ""), 0, FormValueStatus::kOk},
      {number("12"), 12, FormValueStatus::kOk},
      {number("1E1"), 10, FormValueStatus::kOk},
      {number("12.000000000000002"), 12, FormValueStatus::kOk},
      {number("11.999999999999998"), 12, FormValueStatus::kOk},
      {number("-0"), 0, FormValueStatus::kOk},
      {text("12"), 12, FormValueStatus::kOk},
      {text(" 12 "), 12, FormValueStatus::kOk},
      {text("　１２　"), 12, FormValueStatus::kOk},
      {text("12.0"), 12, FormValueStatus::kOk},
      {text("   "), 0, FormValueStatus::kOk},
      {formula("SUM(A1:A2)", "7"), 7, FormValueStatus::kOk},
      {raw("str", "<f>\"8\"</f><v>8</v>"), 8, FormValueStatus::kOk},
      {number("0.30000000000000004"), 3000, FormValueStatus::kOk, ValueType::kMoney},
      {number("1.2345"), 12345, FormValueStatus::kOk, ValueType::kMoney},
      {number("1E-3"), 10, FormValueStatus::kOk, ValueType::kMoney},
      {text("３．５"), 35000, FormValueStatus::kOk, ValueType::kMoney},
      {text("/"), 0, FormValueStatus::kPlaceholder},
      {text("—"), 0, FormValueStatus::kPlaceholder},
      {text("——"), 0, FormValueStatus::kPlaceholder},
      {text("-"), 0, FormValueStatus::kPlaceholder},
      {text("无"), 0, FormValueStatus::kPlaceholder},
      {text("十二"), 0, FormValueStatus::kNotNumber},
      {text("12件"), 0, FormValueStatus::kNotNumber},
      {text("1,234"), 0, FormValueStatus::kNotNumber},
      {text("1e3"), 0, FormValueStatus::kNotNumber},
      {raw("b", "<v>1</v>"), 0, FormValueStatus::kNotNumber},
      {raw("e", "<v>#DIV/0!</v>"), 0, FormValueStatus::kErrorValue},
      {number("3.5"), 0, FormValueStatus::kFraction},
      {number("1E-3"), 0, FormValueStatus::kFraction},
      {number("-1"), 0, FormValueStatus::kNegative},
      {text("-5"), 0, FormValueStatus::kNegative},
      {number("1.23456"), 0, FormValueStatus::kTooManyDecimals, ValueType::kMoney},
      {number("1E15"), 0, FormValueStatus::kTooLarge},
      {number("1E300"), 0, FormValueStatus::kTooLarge},
      {formula("SUM(A1:A2)", ""), 0, FormValueStatus::kNoCachedValue},
      {raw("", "<f>SUM(A1:A2)</f><v></v>"), 0, FormValueStatus::kNoCachedValue},
  };
  for (const auto& c : cases) {
    INFO(c.cell.inner << c.cell.text);
    WorkbookBuilder b;
    b.set("表", "A1", c.cell);
    b.set("表", "B1", text("x"));
    Diagnostics d;
    ZipStatus st;
    auto wb = open_workbook(open_zip_bytes(b.bytes(), st), "inputs/a.xlsx", d);
    REQUIRE(wb);
    std::vector<CellValue> v;
    REQUIRE(wb->read_cells(0, {CellRef{1, 1}}, v, d));
    std::int64_t raw = -1;
    CHECK(parse_form_value(v[0], c.type, raw) == c.status);
    if (c.status == FormValueStatus::kOk || c.status == FormValueStatus::kPlaceholder) CHECK(raw == c.raw);
  }
}

TEST_CASE("a stored number is the decimal Excel shows", "[form]") {
  CHECK(stored_number_decimal("12") == "12");
  CHECK(stored_number_decimal(" 0012.500 ") == "12.5");
  CHECK(stored_number_decimal("1E-3") == "0.001");
  CHECK(stored_number_decimal("1.5e+3") == "1500");
  CHECK(stored_number_decimal("12.000000000000002") == "12");
  CHECK(stored_number_decimal("0.30000000000000004") == "0.3");
  CHECK(stored_number_decimal("1234.5677999999999") == "1234.5678");
  CHECK(stored_number_decimal("123456789012345") == "123456789012345");
  CHECK(stored_number_decimal("-0.0") == "0");
  CHECK(stored_number_decimal("-2.5E-1") == "-0.25");
  CHECK(stored_number_decimal("1e400").empty());
  CHECK(stored_number_decimal("abc").empty());
}

TEST_CASE("a figure that is not a number is rejected naming the sheet, the cell and the labels", "[form]") {
  FormFill fill;
  fill.figures["requests.new.natural"] = text("十二");
  fill.figures["requests.new.business"] = text("12件");
  fill.figures["requests.granted.natural"] = number("3.5");
  fill.figures["requests.partial.natural"] = number("-1");
  fill.figures["active.fees.amount"] = number("1.23456");
  fill.figures["appeals.review.upheld"] = formula("1+1", "");
  Read r = read(make_form(f2021(), fill));
  REQUIRE(r.sub);
  CHECK(r.is_form);
  CHECK(codes(r.diags) == "E728 E725 E725 E727 E726 E730");
  const Diagnostic& d = r.diags.items()[1];
  const std::string d_cell = form_cell(f2021(), cell("requests.new.natural"));
  CHECK(d.message == "不是数字：请只填阿拉伯数字，不加单位、文字或千位分隔符；没有数据请填 0 或留空。");
  CHECK(d.where.file == "inputs/fgw.xlsx");
  CHECK(d.where.sheet == kRequests);
  CHECK(d.where.cell == d_cell);
  CHECK(d.place == "一、本年新收政府信息公开申请数量 / 自然人");  // the cell itself is in d.where
  CHECK(d.found == "\"十二\"");
  CHECK(d.expected == "不小于 0 的整数");
  CHECK(r.diags.items()[2].found == "\"12件\"");
  CHECK(r.diags.items()[2].place == "一、本年新收政府信息公开申请数量 / 法人或其他组织 商业企业");
  CHECK(r.diags.items()[3].message == "件数、人数等计数必须是整数。");
  CHECK(r.diags.items()[3].found == "3.5");
  CHECK(r.diags.items()[4].message == "不能为负数。");
  CHECK(r.diags.items()[0].expected == "不小于 0 的金额，最多 4 位小数（单位：万元）");
  CHECK(r.diags.items()[0].found == "1.23456");
  CHECK(r.diags.items()[5].message ==
        "单元格中是公式，但文件中没有公式的计算结果（文件可能由不计算公式的程序生成）；请用 WPS 或 Excel 打开这个文件，保存后重新报送。");
  CHECK(r.diags.items()[5].where.sheet == "四、政府信息公开行政复议、行政诉讼情况");
  CHECK(r.diags.items()[5].found == "公式，文件中没有计算结果");
  CHECK(format_diagnostic(d) == "inputs/fgw.xlsx " + kRequests + "!" + d_cell + ": 错误 E725：" + d.message + "\n    位置：" + d.place + "\n    实际：\"十二\"\n    应为：不小于 0 的整数");
}

TEST_CASE("dashes count as 0 with one warning naming every such cell", "[form]") {
  FormFill fill;
  fill.figures["requests.new.natural"] = text("/");
  fill.figures["requests.new.business"] = text("—");
  fill.figures["appeals.review.upheld"] = text("无");
  fill.figures["requests.carried_in.natural"] = text("-");
  Read r = read(make_form(f2021(), fill));
  REQUIRE(r.sub);
  REQUIRE(r.diags.items().size() == 1);
  const Diagnostic& d = r.diags.items()[0];
  CHECK(d.code == "W731");
  CHECK_FALSE(d.is_error());
  CHECK(d.message == "有 4 个单元格填的是“/”“—”“-”或“无”，已按 0 计入；请核对这些格子确实没有数据（没有数据可填 0 或留空）。");
  const std::string a = kRequests + "!" + form_cell(f2021(), cell("requests.new.natural"));
  CHECK(d.place.rfind(a + "、", 0) == 0);
  CHECK(d.place.find("四、政府信息公开行政复议、行政诉讼情况!" + form_cell(f2021(), cell("appeals.review.upheld"))) != std::string::npos);
  CHECK(d.where.cell == form_cell(f2021(), cell("requests.new.natural")));
  for (const auto& g : r.sub->given) CHECK(g.raw == 0);
  CHECK(r.sub->given.size() == 4);
}

TEST_CASE("names that are missing, point elsewhere or share a cell are rejected", "[form]") {
  const std::string natural = "requests.new.natural";
  auto form = [] { return make_form(f2021(), FormFill{}); };
  auto set_name = [](WorkbookBuilder& b, const std::string& name, const std::string& formula) {
    for (auto& [n, f] : b.names)
      if (n == name) f = formula;
  };
  SECTION("missing names, counted per table") {
    auto b = form();
    b.names.erase(std::remove_if(b.names.begin(), b.names.end(), [](auto& n) { return n.first.rfind("requests.new.", 0) == 0; }), b.names.end());
    Read r = read(b);
    REQUIRE(r.sub);
    REQUIRE(codes(r.diags) == "E722");
    const Diagnostic& d = r.diags.items()[0];
    CHECK(d.message == "报表缺少表「三、收到和处理政府信息公开申请情况」中 6 个单元格的名称，无法确定这些数字填在哪里；请改用编制办公室下发的报表填写。");
    CHECK(d.found == "缺少 requests.new.natural、requests.new.business、requests.new.research、requests.new.nonprofit、requests.new.legal_service、requests.new.other_org");
    CHECK(d.place == kRequests);
  }
  SECTION("a table's sheet renamed") {
    auto b = form();
    for (auto& s : b.sheets)
      if (s.name == kRequests) s.name = "Sheet1";
    Read r = read(b);
    REQUIRE(r.sub);
    CHECK(codes(r.diags) == "E722");
    CHECK(r.diags.items()[0].message == "报表中没有工作表「三、收到和处理政府信息公开申请情况」（表「三、收到和处理政府信息公开申请情况」），无法读取这张表（工作表是否被改名或删除？）。");
  }
  struct Case {
    std::string formula, what;
  };
  const std::vector<Case> cases = {
      {"'二、主动公开政府信息情况'!$C$4", "指向工作表「二、主动公开政府信息情况」的单元格 C4（工作表是否被改名，或单元格被移到了别的工作表？）"},
      {"'" + kRequests + "'!$D$5:$D$9", "指向一个区域，而不是一个单元格"},
      {"#REF!", "是 #REF!（它所指的单元格已被删除）"},
      {"'[去年.xlsx]" + kRequests + "'!$D$5", "指向另一个工作簿"},
      {"'表三'!$D$5", "指向不存在的工作表「表三」"},
      {"12", "是一个常量，而不是单元格"},
      {"SUM(A1:A3)", "不是单元格引用"},
  };
  for (const auto& c : cases) {
    INFO(c.formula);
    auto b = form();
    set_name(b, natural, c.formula);
    Read r = read(b);
    REQUIRE(r.sub);
    REQUIRE(codes(r.diags) == "E723");
    const Diagnostic& d = r.diags.items()[0];
    CHECK(d.message == "名称 requests.new.natural 应指向工作表「三、收到和处理政府信息公开申请情况」中的一个单元格，实际" + c.what + "。");
    CHECK(d.found == c.formula);
    CHECK(d.place == "一、本年新收政府信息公开申请数量 / 自然人");
  }
  SECTION("two names for one cell") {
    auto b = form();
    std::string business;
    for (auto& [n, f] : b.names)
      if (n == "requests.new.business") business = f;
    set_name(b, natural, business);
    Read r = read(b);
    REQUIRE(r.sub);
    REQUIRE(codes(r.diags) == "E724");
    const Diagnostic& d = r.diags.items()[0];
    const std::string at = kRequests + "!" + form_cell(f2021(), cell("requests.new.business"));
    CHECK(d.message == "名称 requests.new.natural 和 requests.new.business 指向同一个单元格，无法确定这个数字属于哪一格。");
    CHECK(d.found == "requests.new.natural 与 requests.new.business 都指向 " + at);
    CHECK(d.where.cell == form_cell(f2021(), cell("requests.new.business")));
  }
}

TEST_CASE("a workbook without the nianbao names is not a form", "[form]") {
  WorkbookBuilder b;
  b.set("Sheet1", "A1", text("通讯录"));
  b.name("电话", "Sheet1!$B$2");
  Read r = read(b);
  CHECK_FALSE(r.sub);
  CHECK_FALSE(r.is_form);
  REQUIRE(r.diags.items().size() == 1);
  CHECK(r.diags.items()[0].code == "W720");
  CHECK(r.diags.items()[0].message ==
        "不是 nianbao 报表（工作簿中没有名称 nianbao.format 等），已忽略；如果这是某单位填写的报表，请改用编制办公室下发的报表填写。");
}

TEST_CASE("a file that cannot be read as a workbook is a rejected form, not an ignored file", "[form]") {
  Read r = read_bytes("not a zip at all, just text");
  CHECK_FALSE(r.sub);
  CHECK(r.is_form);
  CHECK(codes(r.diags) == "E010");
  CHECK(r.diags.items()[0].where.file == "inputs/fgw.xlsx");
  Diagnostics d;
  bool is_form = false;
  CHECK_FALSE(read_form_file("/nonexistent/fgw.xlsx", "inputs/fgw.xlsx", f2021(), d, is_form));
  CHECK(is_form);
  CHECK(codes(d) == "E001");
}

TEST_CASE("the identity: constants or cells, each checked", "[form]") {
  SECTION("constants") {
    FormFill fill;
    fill.identity_as_constants = true;
    Read r = read(make_form(f2021(), fill));
    REQUIRE(r.sub);
    CHECK(r.diags.empty());
    CHECK(r.sub->format == "xxgk-2021");
    CHECK(r.sub->year == 2025);
    CHECK(r.sub->where.sheet.empty());
  }
  SECTION("cells, the code typed as a number") {
    auto b = make_form(f2021(), FormFill{});
    b.set("说明", "B5", number("360981001"));
    b.set("说明", "B4", text(" 2025 "));
    Read r = read(b);
    REQUIRE(r.sub);
    CHECK(r.diags.empty());
    CHECK(r.sub->agency.code == "360981001");
    CHECK(r.sub->year == 2025);
    CHECK(r.sub->where.sheet == "说明");
    CHECK(r.sub->where.cell == "B3");
    CHECK(r.sub->agency.where.cell == "B5");
  }
  SECTION("a bad year and an empty code") {
    auto b = make_form(f2021(), FormFill{});
    b.set("说明", "B4", text("二〇二五"));
    b.set("说明", "B5", text(""));
    Read r = read(b);
    REQUIRE(r.sub);
    CHECK(codes(r.diags) == "E721 E721");
    CHECK(r.diags.items()[0].message == "报表的年度不是四位年份。");
    CHECK(r.diags.items()[0].where.sheet == "说明");
    CHECK(r.diags.items()[0].where.cell == "B4");
    CHECK(r.diags.items()[0].place.empty());  // not a figure: no official labels, and the cell is not repeated
    CHECK(r.diags.items()[0].found == "\"二〇二五\"");
    CHECK(r.diags.items()[1].message == "报表的基本信息缺失：名称 nianbao.agency.code 所指的单元格是空的（单位代码）。");
  }
  SECTION("a missing identity name") {
    auto b = make_form(f2021(), FormFill{});
    b.names.erase(std::remove_if(b.names.begin(), b.names.end(), [](auto& n) { return n.first == "nianbao.year"; }), b.names.end());
    Read r = read(b);
    REQUIRE(r.sub);
    CHECK(codes(r.diags) == "E721");
    CHECK(r.diags.items()[0].message == "报表缺少名称 nianbao.year（四位年份，例如 2025）。");
  }
  SECTION("another format: only the identity is read, validation says E102") {
    FormFill fill;
    fill.format_id = "xxgk-2018";
    Read r = read(make_form(f2018(), fill), f2021());
    REQUIRE(r.sub);
    CHECK(r.diags.empty());
    CHECK(r.sub->format == "xxgk-2018");
    CHECK(r.sub->given.empty());
  }
}

TEST_CASE("contact and narrative come from their names, highlights need a title and a body", "[form]") {
  FormFill fill;
  fill.texts["contact.name"] = " 张某 ";
  fill.texts["text.overview"] = "　　第一段。\n\n第二段，{{requests.new.total}}件。\n";
  fill.texts["text.other"] = "其他事项。";
  fill.texts["text.highlight.1.title"] = "推进财政资金信息公开";
  fill.texts["text.highlight.1.body"] = "正文一。\n正文二。";
  fill.texts["text.highlight.2.title"] = "只有标题";
  fill.texts["text.highlight.4.body"] = "只有正文。";
  auto b = make_form(f2021(), fill);
  b.set("文字", "B4", number("13800000000"));
  Read r = read(b);
  REQUIRE(r.sub);
  CHECK(codes(r.diags) == "W732 W732");
  CHECK(r.diags.items()[0].message == "这条工作亮点只填了标题，没有正文，未使用。");
  CHECK(r.diags.items()[1].message == "这条工作亮点只填了正文，没有标题；报告中将没有小标题。");
  CHECK(r.diags.items()[1].where.sheet == "文字");
  CHECK(r.diags.items()[1].where.cell == form_text_cells(f2021())[12].second);
  CHECK(r.diags.items()[1].place.empty());
  CHECK(r.sub->contact.name == "张某");
  CHECK(r.sub->contact.phone == "13800000000");
  REQUIRE(r.sub->own_sections.size() == 2);
  CHECK(r.sub->own_sections[0].id == "overview");
  REQUIRE(r.sub->own_sections[0].paragraphs.size() == 2);
  CHECK(r.sub->own_sections[0].paragraphs[0].text == "第一段。");
  CHECK(r.sub->own_sections[0].paragraphs[1].text == "第二段，{{requests.new.total}}件。");
  CHECK(r.sub->own_sections[0].where.sheet == "文字");
  CHECK(r.sub->own_sections[1].id == "other");
  REQUIRE(r.sub->sections.size() == 2);
  CHECK(r.sub->sections[0].id == "highlights");
  CHECK(r.sub->sections[0].title == "推进财政资金信息公开");
  CHECK(r.sub->sections[0].paragraphs.size() == 2);
  CHECK(r.sub->sections[1].title.empty());
  CHECK(r.sub->sections[1].paragraphs[0].text == "只有正文。");
}

TEST_CASE("names of the form's kind that match no input cell are reported, totals are not", "[form]") {
  auto b = make_form(f2021(), FormFill{});
  b.name("requests.new.total", "'" + kRequests + "'!$J$5");
  b.name("requests.new.naturel", "'" + kRequests + "'!$J$6");
  b.name("text.summary", "'文字'!$C$1");
  b.name("打印区域", "'文字'!$C$2");
  Read r = read(b);
  REQUIRE(r.sub);
  REQUIRE(codes(r.diags) == "W733");
  CHECK(r.diags.items()[0].message == "报表中有 2 个名称不对应格式 xxgk-2021 的任何填报单元格，其中的内容未读取。");
  CHECK(r.diags.items()[0].found == "requests.new.naturel、text.summary");
}

TEST_CASE("hostile forms: a bomb in a sheet, a DTD, a huge shared-string table, each a clear rejection", "[form]") {
  SECTION("a sheet that inflates beyond the cap") {
    auto b = make_form(f2021(), FormFill{});
    std::string sheet = "<worksheet><sheetData>" + std::string(70u << 20, ' ') + "</sheetData></worksheet>";
    b.override_members["xl/worksheets/sheet3.xml"] = sheet;
    Read r = read(b);
    REQUIRE(r.sub);
    CHECK(codes(r.diags) == "E013");
    CHECK(r.diags.items()[0].where.part == "xl/worksheets/sheet3.xml");
  }
  SECTION("a DTD in a sheet") {
    auto b = make_form(f2021(), FormFill{});
    b.override_members["xl/worksheets/sheet2.xml"] = "<!DOCTYPE w [<!ENTITY x \"1\">]><worksheet><sheetData/></worksheet>";
    Read r = read(b);
    REQUIRE(r.sub);
    CHECK(codes(r.diags) == "E703");
  }
  SECTION("a shared-string table of more entries than the cap") {
    auto b = make_form(f2021(), FormFill{});
    std::string sst = "<sst>";
    for (std::size_t i = 0; i <= kMaxSharedStrings; ++i) sst += "<si><t>x</t></si>";
    b.override_members["xl/sharedStrings.xml"] = sst + "</sst>";
    Read r = read(b);
    REQUIRE(r.sub);
    CHECK(codes(r.diags) == "E704");
  }
  SECTION("a hundred faults stop the reading with E111") {
    FormFill fill;
    for (int c = 0; c < f2021().cell_count(); ++c)
      if (!f2021().cells[static_cast<std::size_t>(c)].computed()) fill.figures[f2021().cell_path(c)] = text("x");
    Read r = read(make_form(f2021(), fill));
    REQUIRE(r.sub);
    CHECK(r.diags.items().size() == kMaxFindingsPerFile + 1);
    CHECK(r.diags.items().back().code == "E111");
  }
}

namespace {

// Runs a Python script with openpyxl; the test packages (scripts/setup.sh --test) include it.
void run_python(const fs::path& dir, const std::string& script) {
  const fs::path py = dir / "fill.py";
  std::ofstream(py) << script;
  const std::string cmd = "cd '" + dir.string() + "' && /usr/bin/python3 fill.py > py.log 2>&1";
  int rc = std::system(cmd.c_str());
  std::ifstream log(dir / "py.log");
  std::string out((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  INFO(out);
  REQUIRE(rc == 0);
}

fs::path scratch(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("nianbao-form-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("a form filled through its defined names by openpyxl reads back (docs/forms.md example)", "[form][openpyxl]") {
  const fs::path dir = scratch("fill");
  {
    std::ofstream out(dir / "FC001.xlsx", std::ios::binary);
    out << make_form(f2021(), FormFill{}).bytes();
  }
  // The example of docs/forms.md, as written there.
  run_python(dir, R"(import openpyxl

wb = openpyxl.load_workbook("FC001.xlsx")

def cell(name):
    sheet, ref = next(wb.defined_names[name].destinations)
    return wb[sheet][ref.replace("$", "")]

cell("requests.new.natural").value = 12
cell("requests.new.business").value = "3"
cell("requests.granted.natural").value = 10
cell("requests.carried_out.natural").value = 2
cell("requests.carried_out.business").value = 3
cell("active.fees.amount").value = 1.1
cell("contact.name").value = "张某"
cell("text.highlight.1.title").value = "推进财政资金信息公开"
cell("text.highlight.1.body").value = "第一段。\n第二段。"
wb.save("FC001-filled.xlsx")
)");
  Diagnostics d;
  bool is_form = false;
  auto sub = read_form_file((dir / "FC001-filled.xlsx").string(), "inputs/FC001.xlsx", f2021(), d, is_form);
  REQUIRE(sub);
  CHECK(is_form);
  CHECK(d.empty());
  CHECK(sub->values[static_cast<std::size_t>(cell("requests.new.natural"))] == 12);
  CHECK(sub->values[static_cast<std::size_t>(cell("requests.new.business"))] == 3);
  CHECK(sub->values[static_cast<std::size_t>(cell("active.fees.amount"))] == 11000);
  CHECK(sub->contact.name == "张某");
  REQUIRE(sub->sections.size() == 1);
  CHECK(sub->sections[0].paragraphs.size() == 2);
  fs::remove_all(dir);
}

TEST_CASE("a form written from scratch by openpyxl reads, formulas without cached values are rejected", "[form][openpyxl]") {
  const fs::path dir = scratch("scratch");
  std::string names;
  for (int c = 0; c < f2021().cell_count(); ++c)
    if (!f2021().cells[static_cast<std::size_t>(c)].computed()) names += "  \"" + f2021().cell_path(c) + "\",\n";
  std::string sheets;
  for (const auto& t : f2021().tables) sheets += "  \"" + t.id + "\": \"" + t.sheet + "\",\n";
  run_python(dir, R"(import openpyxl
from openpyxl.workbook.defined_name import DefinedName

names = [
)" + names + R"(]
sheets = {
)" + sheets + R"(}
wb = openpyxl.Workbook()
info = wb.active
info.title = "说明"
for ws_title in sheets.values():
    wb.create_sheet(ws_title)
wb.create_sheet("文字")

def define(name, sheet, ref):
    quoted = sheet.replace("'", "''")
    dn = DefinedName(name, attr_text="'%s'!%s" % (quoted, ref))
    if hasattr(wb.defined_names, "add"):
        wb.defined_names.add(dn)
    else:
        wb.defined_names.append(dn)

info["B1"] = "xxgk-2021"
info["B2"] = 2025
info["B3"] = "FC001"
define("nianbao.format", "说明", "$B$1")
define("nianbao.year", "说明", "$B$2")
define("nianbao.agency.code", "说明", "$B$3")
rows = {}
for i, name in enumerate(names):
    table = name.split(".")[0]
    ws = wb[sheets[table]]
    rows[table] = rows.get(table, 0) + 1
    ref = "C%d" % rows[table]
    define(name, sheets[table], "$C$%d" % rows[table])
    ws[ref] = i % 5
wb[sheets["requests"]]["C1"] = "=1+1"
wb.save("scratch.xlsx")
)");
  Diagnostics d;
  bool is_form = false;
  auto sub = read_form_file((dir / "scratch.xlsx").string(), "inputs/scratch.xlsx", f2021(), d, is_form);
  REQUIRE(sub);
  REQUIRE(codes(d) == "E730");
  CHECK(d.items()[0].where.sheet == kRequests);
  CHECK(d.items()[0].where.cell == "C1");
  const int requests = f2021().find_table("requests");
  int i = 0, first_request = -1;
  for (int c = 0; c < f2021().cell_count(); ++c) {
    if (f2021().cells[static_cast<std::size_t>(c)].computed()) continue;
    const std::int64_t want = i++ % 5;
    if (f2021().cells[static_cast<std::size_t>(c)].table == requests && first_request < 0) {
      first_request = c;  // its cell, C1, holds the formula
      continue;
    }
    const std::int64_t got = sub->values[static_cast<std::size_t>(c)];
    CHECK(got == (f2021().cells[static_cast<std::size_t>(c)].type == ValueType::kMoney ? want * kMoneyScale : want));
  }
  fs::remove_all(dir);
}

TEST_CASE("a form re-saved by LibreOffice reads the same", "[form]") {
  // tests/data/forms/libreoffice-resaved.xlsx: make_form(xxgk-2021) with the figures below,
  // converted by `soffice --headless --convert-to xlsx` (LibreOffice 7.4): its own part names,
  // relationship ids, shared strings with xml:space, names sorted, &apos; in references.
  Diagnostics d;
  bool is_form = false;
  auto sub = read_form_file(std::string(NIANBAO_TEST_DATA) + "/forms/libreoffice-resaved.xlsx", "inputs/FC001.xlsx", f2021(), d, is_form);
  REQUIRE(sub);
  CHECK(is_form);
  CHECK(codes(d) == "W731");  // the "/" typed in appeals.review.upheld
  CHECK(sub->agency.code == "FC001");
  CHECK(sub->year == 2025);
  CHECK(sub->values[static_cast<std::size_t>(cell("requests.new.natural"))] == 12);
  CHECK(sub->values[static_cast<std::size_t>(cell("requests.new.business"))] == 3);  // "３" typed as text
  CHECK(sub->values[static_cast<std::size_t>(cell("requests.granted.natural"))] == 10);
  CHECK(sub->values[static_cast<std::size_t>(cell("requests.carried_out.natural"))] == 2);
  CHECK(sub->values[static_cast<std::size_t>(cell("active.fees.amount"))] == 3000);
  CHECK(sub->contact.name == "张某");
  CHECK(sub->contact.phone == "0795-6600001");
  REQUIRE(sub->own_sections.size() == 1);
  CHECK(sub->own_sections[0].paragraphs.size() == 2);
  REQUIRE(sub->sections.size() == 1);
  CHECK(sub->sections[0].title == "推进财政资金信息公开");
}
