#include <catch2/catch.hpp>

#include "docx_build.h"
#include "input/docx_body.h"
#include "input/report_text.h"

using namespace nianbao;
using namespace docx_build;

namespace {

const SourceLocation kFile{"inputs/年报.docx", 0, 0};

DocxBody body_of(const std::string& xml, Diagnostics& diags) { return read_docx_body(xml, kFile, diags); }

const DocxTable& only_table(const DocxBody& b) {
  REQUIRE(b.tables.size() == 1);
  return b.tables[0];
}

}  // namespace

TEST_CASE("paragraph text is what a reader sees: runs joined, tabs and breaks kept, deletions and field codes left out", "[docx]") {
  Diagnostics diags;
  std::string para =
      "<w:p><w:r><w:t>全年共</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>收到</w:t></w:r>"
      "<w:del w:id=\"1\"><w:r><w:delText>删掉的</w:delText></w:r></w:del>"
      "<w:ins w:id=\"2\"><w:r><w:t>申请</w:t></w:r></w:ins>"
      "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>66</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
      "<w:r><w:tab/><w:t>件</w:t><w:br/><w:t>下一行</w:t></w:r>"
      "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
      "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent><w:r><w:t>。</w:t></w:r></w:sdtContent></w:sdt></w:p>";
  DocxBody b = body_of(document(para), diags);
  CHECK(diags.empty());
  REQUIRE(b.paragraphs.size() == 1);
  CHECK(b.paragraphs[0].text == "全年共收到申请66\t件\n下一行。");
  CHECK(b.paragraphs[0].index == 1);
}

TEST_CASE("Word's automatic numbering is noted on the paragraph, block-level content controls are opened", "[docx]") {
  Diagnostics diags;
  DocxBody b = body_of(document(numbered("总体情况") + "<w:sdt><w:sdtContent>" + p("正文") + "</w:sdtContent></w:sdt>"), diags);
  REQUIRE(b.paragraphs.size() == 2);
  CHECK(b.paragraphs[0].numbered);
  CHECK(b.paragraphs[0].style == "2");
  CHECK(b.paragraphs[1].text == "正文");
  CHECK_FALSE(b.paragraphs[1].numbered);
}

TEST_CASE("a table is resolved to a grid: gridSpan widens, vMerge continue extends the cell above", "[docx]") {
  Diagnostics diags;
  Rows rows = {{restart("三、本年度办理结果"), c("（一）予以公开", 2), c("5")},
               {cont(), restart("（三）不予公开"), c("1.属于国家秘密"), c("0")},
               {cont(), cont(), c("2.其他法律行政法规禁止公开"), c("1")}};
  DocxBody b = body_of(document(p("三、收到和处理政府信息公开申请情况") + tbl(rows)), diags);
  CHECK(diags.empty());
  const DocxTable& t = only_table(b);
  CHECK(t.rows == 3);
  CHECK(t.cols == 4);
  CHECK(t.paragraphs_before == 1);
  const DocxCell& group = t.cells[t.at(2, 0)];
  CHECK(group.text == "三、本年度办理结果");
  CHECK(group.rowspan == 3);
  CHECK(t.at(0, 1) == t.at(0, 2));
  CHECK(t.cells[t.at(0, 1)].colspan == 2);
  CHECK(t.cells[t.at(2, 1)].text == "（三）不予公开");
  CHECK(t.cells[t.at(2, 1)].rowspan == 2);
  CHECK(t.cells[t.at(2, 3)].text == "1");
}

TEST_CASE("gridBefore and gridAfter leave holes in the grid, a cell's paragraphs are joined by line breaks", "[docx]") {
  Diagnostics diags;
  std::string rows = tr({c("自然人"), c("商业\n企业")}, "<w:gridBefore w:val=\"1\"/>") + tr({c("一、本年新收"), c("3"), c("4")}) +
                     tr({c("二、上年结转"), c("0")}, "<w:gridAfter w:val=\"1\"/>");
  DocxBody b = body_of(document("<w:tbl>" + rows + "</w:tbl>"), diags);
  const DocxTable& t = only_table(b);
  CHECK(t.cols == 3);
  CHECK(t.at(0, 0) == -1);
  CHECK(t.cells[t.at(0, 2)].text == "商业\n企业");
  CHECK(t.at(2, 2) == -1);
}

TEST_CASE("a table nested in a cell is reported with its place, not flattened into the cell's text", "[docx]") {
  Diagnostics diags;
  std::string inner = tbl({{c("嵌套"), c("9")}});
  std::string outer = "<w:tbl><w:tr>" + tc(c("规章")) + "<w:tc>" + inner + p("") + "</w:tc></w:tr></w:tbl>";
  DocxBody b = body_of(document(outer), diags);
  const DocxTable& t = only_table(b);
  CHECK(t.cells[t.at(0, 1)].nested_table);
  CHECK(t.cells[t.at(0, 1)].text.empty());
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].code == "E804");
  CHECK(diags.items()[0].place == "第 1 个表格第 1 行第 2 列");
  CHECK(diags.items()[0].where.table == 1);
  CHECK(diags.items()[0].where.col == 2);
}

TEST_CASE("a document.xml over the cap is refused before it is parsed", "[docx]") {
  Diagnostics diags;
  std::string huge = document(std::string(kMaxDocumentXmlBytes, ' '));
  DocxBody b = body_of(huge, diags);
  CHECK(b.blocks.empty());
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].code == "E801");
  CHECK(diags.items()[0].expected == "不超过 32 MiB");
}

TEST_CASE("a table of more than 10,000 rows or 64 columns is left out with an error, the rest of the body is read", "[docx]") {
  Diagnostics diags;
  std::string rows;
  for (int i = 0; i <= kMaxTableRows; ++i) rows += "<w:tr><w:tc><w:p/></w:tc></w:tr>";
  std::string wide = "<w:tbl><w:tr>" + tc(c("x", 65)) + "</w:tr></w:tbl>";
  DocxBody b = body_of(document("<w:tbl>" + rows + "</w:tbl>" + wide + p("后文")), diags);
  CHECK(b.tables.empty());
  REQUIRE(diags.items().size() == 2);
  CHECK(diags.items()[0].code == "E803");
  CHECK(diags.items()[0].message == "第 1 个表格超过 10000 行，不是年度报告的统计表，未读取。");
  CHECK(diags.items()[1].code == "E803");
  CHECK(diags.items()[1].found == "65 列");
  REQUIRE(b.paragraphs.size() == 1);
  CHECK(b.paragraphs[0].text == "后文");
}

TEST_CASE("deep nesting, a DOCTYPE and broken XML are clear rejections", "[docx]") {
  Diagnostics deep, dtd, broken, empty;
  std::string nest;
  for (int i = 0; i < 200; ++i) nest += "<w:sdt><w:sdtContent>";
  for (int i = 0; i < 200; ++i) nest += "</w:sdtContent></w:sdt>";
  body_of(document(nest), deep);
  REQUIRE(deep.items().size() == 1);
  CHECK(deep.items()[0].code == "E802");
  CHECK(deep.items()[0].message == "文档正文（word/document.xml）的元素嵌套过深，未读取。");
  body_of("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><w:document xmlns:w=\"x\"><w:body/></w:document>", dtd);
  REQUIRE(dtd.items().size() == 1);
  CHECK(dtd.items()[0].message == "文档正文（word/document.xml）含有 DOCTYPE 声明，Word 文档不会有，未读取。");
  body_of("<w:document><w:body><w:p></w:body>", broken);
  REQUIRE(broken.items().size() == 1);
  CHECK(broken.items()[0].code == "E802");
  body_of("<root/>", empty);
  REQUIRE(empty.items().size() == 1);
  CHECK(empty.items()[0].message == "文档正文（word/document.xml）中没有 <w:body>，不是 Word 文档的正文。");
}

TEST_CASE("labels typed differently normalise to one form, bare drops numbers and notes", "[docx][text]") {
  using namespace report_text;
  CHECK(normalize("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == "(二)部分公开(区分处理的,只计这一情形,不计其他情形)");
  CHECK(normalize("1、属于国家秘密") == "1.属于国家秘密");
  CHECK(normalize("1．属于国家秘密") == "1.属于国家秘密");
  CHECK(normalize("商业\n企业") == "商业企业");
  CHECK(normalize("3.危及\"三安全一稳定\"") == normalize("3.危及“三安全一稳定”"));
  CHECK(normalize("一.总体情况") == "一、总体情况");
  CHECK(bare("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == "部分公开");
  CHECK(bare("其中：主动公开规范性文件数") == "主动公开规范性文件数");
  CHECK(bare("本年收费金额（单位：万元）") == "本年收费金额");
  CHECK(bare("（七）总计") == "总计");
  CHECK(enumerator(normalize("四、政府信息公开行政复议")) == "四");
  CHECK(enumerator(normalize("(一)主动公开")) == "(一)");
  CHECK(loosely_equal("现行有效件", "现行有效件数"));
  CHECK(loosely_equal("规范性文件", "行政规范性文件"));
  CHECK_FALSE(loosely_equal("行政处罚", "行政强制"));
  CHECK_FALSE(loosely_equal("其他", "其他结果"));
}

TEST_CASE("cell values: thousands separators, full-width digits, dashes, units and bad numbers", "[docx][text]") {
  using namespace report_text;
  auto st = [](const char* s, ValueType t = ValueType::kCount) { return parse_cell(s, t).status; };
  CHECK(parse_cell("1,234", ValueType::kCount).raw == 1234);
  CHECK(parse_cell("1，234", ValueType::kCount).raw == 1234);
  CHECK(parse_cell("１２３", ValueType::kCount).raw == 123);
  CHECK(parse_cell(" 12 ", ValueType::kCount).raw == 12);
  CHECK(parse_cell("25.1", ValueType::kMoney).raw == 251000);
  CHECK(st("") == CellValue::kBlank);
  for (const char* dash : {"/", "—", "——", "-", "无", "／"}) CHECK(st(dash) == CellValue::kPlaceholder);
  auto unit = parse_cell("251000元", ValueType::kMoney);
  CHECK(unit.status == CellValue::kUnit);
  CHECK(unit.unit == "元");
  CHECK(st("12件") == CellValue::kUnit);
  CHECK(st("1,23") == CellValue::kNotNumber);
  CHECK(st("-3") == CellValue::kNegative);
  CHECK(st("1.5") == CellValue::kFraction);
  CHECK(st("1.23456", ValueType::kMoney) == CellValue::kTooManyDecimals);
  CHECK(st("约10") == CellValue::kNotNumber);
}
