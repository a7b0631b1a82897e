#include <catch2/catch.hpp>

#include <map>
#include <sstream>

#include <pugixml.hpp>

#include "template/docx/docx_template.h"
#include "template/narrative.h"

using namespace nianbao;
using namespace nianbao::tmpl;

namespace {

// A small data model: scalars by name, and lists of items that have scalars of their own.
class MapContext : public Context, public Placer {
 public:
  std::map<std::string, Value> root;
  std::map<std::string, std::vector<std::map<std::string, Value>>> lists;
  std::vector<const std::map<std::string, Value>*> stack;
  std::vector<std::string> list_names;

  bool lookup(const std::vector<std::string>& path, Value& out) const override {
    std::string name;
    for (const auto& p : path) name += (name.empty() ? "" : ".") + p;
    for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
      auto f = (*it)->find(name);
      if (f != (*it)->end()) { out = f->second; return true; }
    }
    auto f = root.find(name);
    if (f != root.end()) { out = f->second; return true; }
    auto l = lists.find(name);
    if (l != lists.end()) {
      out = Value::list(index_of(name), l->second.size());
      return true;
    }
    return false;
  }
  int index_of(const std::string& name) const {
    for (std::size_t i = 0; i < list_names.size(); ++i)
      if (list_names[i] == name) return static_cast<int>(i);
    return -1;
  }
  void add_list(const std::string& name, std::vector<std::map<std::string, Value>> items) {
    list_names.push_back(name);
    lists[name] = std::move(items);
  }
  std::optional<std::int64_t> previous(const Value&) const override { return std::nullopt; }
  void push_item(const Value& list, std::size_t index) override { stack.push_back(&lists[list_names[list.list_kind]][index]); }
  void pop_item() override { stack.pop_back(); }

  bool knows_table(const std::string& id) const override { return id == "requests"; }
  bool knows_section(const std::string& id) const override { return id == "overview"; }
  std::string table_xml(const std::string&) override { return "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"; }
  bool paragraphs(const Tag&, Context&, std::vector<PlacedParagraph>& out, std::string&) override {
    out = {{"（一）概述", true}, {"正文。", false}};
    return true;
  }
};

const char* kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
const char* kTail = "<w:sectPr/></w:body></w:document>";

std::map<std::string, std::string> doc(const std::string& body) {
  return {{"word/document.xml", std::string(kHead) + body + kTail}, {"word/styles.xml", "<w:styles/>"}};
}

// Renders and returns the document part.
std::string render_body(const std::string& body, MapContext& ctx) {
  DocxTemplate t;
  Diagnostics problems;
  REQUIRE(t.compile(doc(body), problems));
  REQUIRE(problems.empty());
  auto parts = t.render(ctx, ctx, problems);
  REQUIRE(parts);
  REQUIRE(problems.empty());
  return parts->at("word/document.xml");
}

// The text of each paragraph of a rendered part, as a reader sees it.
std::vector<std::string> paragraphs_of(const std::string& xml) {
  pugi::xml_document d;
  REQUIRE(d.load_string(xml.c_str(), pugi::parse_default | pugi::parse_ws_pcdata_single));
  std::vector<std::string> out;
  for (auto p : d.select_nodes("//w:p")) {
    std::string text;
    for (auto t : p.node().select_nodes(".//w:t")) text += t.node().text().get();
    out.push_back(text);
  }
  return out;
}

// What a reader sees: per paragraph, runs with identical formatting merged, as "formatting|text".
std::vector<std::string> visible_runs(const std::string& xml) {
  pugi::xml_document d;
  REQUIRE(d.load_string(xml.c_str(), pugi::parse_default | pugi::parse_ws_pcdata_single));
  std::vector<std::string> out;
  for (auto p : d.select_nodes("//w:p")) {
    std::string last_fmt, text;
    auto flush = [&]() {
      if (!text.empty()) out.push_back(last_fmt + "|" + text);
      text.clear();
    };
    for (auto r : p.node().select_nodes(".//w:r")) {
      std::ostringstream fmt;
      r.node().child("w:rPr").print(fmt, "", pugi::format_raw);
      std::string t;
      for (auto x : r.node().select_nodes("w:t")) t += x.node().text().get();
      if (fmt.str() != last_fmt) flush();
      last_fmt = fmt.str();
      text += t;
    }
    flush();
    out.push_back("¶");
  }
  return out;
}

std::vector<Diagnostic> problems_of(const std::string& body, MapContext& ctx) {
  DocxTemplate t;
  Diagnostics problems;
  if (t.compile(doc(body), problems)) t.check(ctx, ctx, problems);
  return problems.items();
}

MapContext sample() {
  MapContext c;
  c.root["n"] = Value::number(7);
  c.root["zero"] = Value::number(0);
  c.root["title"] = Value::string("测试市<报告>&");
  c.add_list("agencies", {{{"name", Value::string("甲局")}, {"k", Value::number(1)}, {"index", Value::number(1)}},
                          {{"name", Value::string("乙镇")}, {"k", Value::number(2)}, {"index", Value::number(2)}}});
  return c;
}

}  // namespace

TEST_CASE("a tag split across runs the way Word and WPS store it renders like the unsplit tag", "[template]") {
  MapContext ctx = sample();
  const std::string unsplit = "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>共{{n}}件</w:t></w:r></w:p>";
  const std::string expected = render_body(unsplit, ctx);
  REQUIRE(paragraphs_of(expected) == std::vector<std::string>{"共7件"});

  SECTION("spell-check marks inside the tag") {
    std::string split = "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>共{{</w:t></w:r><w:proofErr w:type=\"spellStart\"/>"
                        "<w:r><w:t>n</w:t></w:r><w:proofErr w:type=\"spellEnd\"/><w:r><w:rPr><w:b/></w:rPr><w:t>}}件</w:t></w:r></w:p>";
    CHECK(visible_runs(render_body(split, ctx)) == visible_runs(expected));
  }
  SECTION("a bookmark between the braces") {
    std::string split = "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>共{</w:t></w:r><w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/>"
                        "<w:r><w:t>{n}</w:t></w:r><w:bookmarkEnd w:id=\"0\"/><w:r><w:rPr><w:b/></w:rPr><w:t>}件</w:t></w:r></w:p>";
    CHECK(paragraphs_of(render_body(split, ctx)) == std::vector<std::string>{"共7件"});
  }
  SECTION("rsid-only and language-only run changes") {
    std::string split = "<w:p><w:r w:rsidR=\"00A1\"><w:rPr><w:b/></w:rPr><w:t>共{{</w:t></w:r>"
                        "<w:r w:rsidR=\"00B2\"><w:rPr><w:lang w:val=\"en-US\"/></w:rPr><w:t>n}}</w:t></w:r>"
                        "<w:r w:rsidR=\"00A1\"><w:rPr><w:b/></w:rPr><w:t>件</w:t></w:r></w:p>";
    std::string out = render_body(split, ctx);
    CHECK(paragraphs_of(out) == std::vector<std::string>{"共7件"});
    // The value keeps the formatting of the run where the tag begins (bold), not the language-only run.
    pugi::xml_document d;
    REQUIRE(d.load_string(out.c_str()));
    auto seven = d.select_node("//w:r[w:t='7']").node();
    CHECK(seven.child("w:rPr").child("w:b"));
    CHECK_FALSE(seven.child("w:rPr").child("w:lang"));
  }
  SECTION("every character in a run of its own") {
    std::string split = "<w:p>";
    for (const char* ch : {"共", "{", "{", "n", "}", "}", "件"})
      split += std::string("<w:r><w:rPr><w:b/></w:rPr><w:t>") + ch + "</w:t></w:r>";
    split += "</w:p>";
    CHECK(visible_runs(render_body(split, ctx)) == visible_runs(expected));
  }
}

TEST_CASE("text outside tags keeps its runs untouched", "[template]") {
  MapContext ctx = sample();
  std::string body = "<w:p><w:r><w:rPr><w:i/></w:rPr><w:t>斜体</w:t></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r>"
                     "<w:r><w:t>{{n}}</w:t></w:r></w:p>";
  std::string out = render_body(body, ctx);
  CHECK(out.find("<w:r><w:rPr><w:i/></w:rPr><w:t>斜体</w:t></w:r>") != std::string::npos);
  CHECK(out.find("<w:t xml:space=\"preserve\"> </w:t>") != std::string::npos);
}

TEST_CASE("conditions choose wording from the data, inline and by paragraph", "[template]") {
  MapContext ctx = sample();
  std::string inline_if = "<w:p><w:r><w:t>{{#if zero == 0}}没有申请。{{else}}共{{zero}}件。{{/if}}</w:t></w:r></w:p>";
  CHECK(paragraphs_of(render_body(inline_if, ctx)) == std::vector<std::string>{"没有申请。"});
  std::string else_if = "<w:p><w:r><w:t>{{#if n &gt; 10}}多{{else if n &gt; 5}}中{{else}}少{{/if}}</w:t></w:r></w:p>";
  CHECK(paragraphs_of(render_body(else_if, ctx)) == std::vector<std::string>{"中"});
  std::string blocks = "<w:p><w:r><w:t>{{#if n}}</w:t></w:r></w:p><w:p><w:r><w:t>有</w:t></w:r></w:p>"
                       "<w:p><w:r><w:t>{{else}}</w:t></w:r></w:p><w:p><w:r><w:t>无</w:t></w:r></w:p>"
                       "<w:p><w:r><w:t>{{/if}}</w:t></w:r></w:p>";
  CHECK(paragraphs_of(render_body(blocks, ctx)) == std::vector<std::string>{"有"});
}

TEST_CASE("loops repeat paragraphs, table rows and nest", "[template]") {
  MapContext ctx = sample();
  std::string paras = "<w:p><w:r><w:t>{{#each agencies}}</w:t></w:r></w:p><w:p><w:r><w:t>{{index}}.{{name}}</w:t></w:r></w:p>"
                      "<w:p><w:r><w:t>{{/each}}</w:t></w:r></w:p>";
  CHECK(paragraphs_of(render_body(paras, ctx)) == std::vector<std::string>{"1.甲局", "2.乙镇"});

  std::string rows = "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"100\"/><w:gridCol w:w=\"100\"/></w:tblGrid>"
                     "<w:tr><w:tc><w:p><w:r><w:t>单位</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>数</w:t></w:r></w:p></w:tc></w:tr>"
                     "<w:tr><w:tc><w:p><w:r><w:t>{{#each agencies}}</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>"
                     "<w:tr><w:tc><w:p><w:r><w:t>{{name}}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{{k}}</w:t></w:r></w:p></w:tc></w:tr>"
                     "<w:tr><w:tc><w:p><w:r><w:t>{{/each}}</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl><w:p/>";
  std::string out = render_body(rows, ctx);
  pugi::xml_document d;
  REQUIRE(d.load_string(out.c_str()));
  CHECK(d.select_nodes("//w:tr").size() == 3);
  CHECK(paragraphs_of(out) == std::vector<std::string>{"单位", "数", "甲局", "1", "乙镇", "2", ""});

  std::string nested = "<w:p><w:r><w:t>{{#each agencies}}{{name}}：{{#each agencies}}{{k}}{{/each}}；{{/each}}</w:t></w:r></w:p>";
  CHECK(paragraphs_of(render_body(nested, ctx)) == std::vector<std::string>{"甲局：12；乙镇：12；"});
}

TEST_CASE("data is escaped and cannot inject XML", "[template]") {
  MapContext ctx = sample();
  std::string out = render_body("<w:p><w:r><w:t>{{title}}</w:t></w:r></w:p>", ctx);
  CHECK(out.find("测试市&lt;报告&gt;&amp;") != std::string::npos);
  CHECK(paragraphs_of(out) == std::vector<std::string>{"测试市<报告>&"});
}

TEST_CASE("placement tags put narrative paragraphs and tables where they stand", "[template]") {
  MapContext ctx = sample();
  std::string out = render_body("<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:t>{{section overview}}</w:t></w:r></w:p>"
                                "<w:p><w:r><w:t>{{table requests}}</w:t></w:r></w:p>", ctx);
  CHECK(paragraphs_of(out) == std::vector<std::string>{"（一）概述", "正文。", ""});
  CHECK(out.find("楷体_GB2312") != std::string::npos);  // the sub-heading is set in 楷体
  CHECK(out.find("<w:tbl>") != std::string::npos);
}

TEST_CASE("template problems name the paragraph and show the text around the tag", "[template]") {
  MapContext ctx = sample();
  SECTION("an unknown name") {
    auto p = problems_of("<w:p><w:r><w:t>第一段</w:t></w:r></w:p><w:p><w:r><w:t>共{{requsts.new}}件</w:t></w:r></w:p>", ctx);
    REQUIRE(p.size() == 1);
    CHECK(p[0].where.paragraph == 2);
    CHECK(p[0].message == "标签 {{requsts.new}}：未知的名称 requsts.new。");
    CHECK(format_problem(p[0]) == "word/document.xml 第2段「共{{requsts.new}}件」：E606 标签 {{requsts.new}}：未知的名称 requsts.new。");
  }
  SECTION("an unclosed if") {
    auto p = problems_of("<w:p><w:r><w:t>{{#if n}}</w:t></w:r></w:p><w:p><w:r><w:t>有</w:t></w:r></w:p>", ctx);
    REQUIRE(p.size() == 1);
    CHECK(p[0].code == "E602");
    CHECK(p[0].where.paragraph == 1);
    CHECK(p[0].message == "标签 {{#if n}} 没有闭合：同一层级中找不到对应的 {{/if}}。");
  }
  SECTION("a closing tag that does not match") {
    auto p = problems_of("<w:p><w:r><w:t>{{#each agencies}}{{/if}}</w:t></w:r></w:p>", ctx);
    REQUIRE(p.size() == 2);
    CHECK(p[0].message == "标签 {{/if}} 没有对应的 {{#if …}}；最近未闭合的是第1段的 {{#each agencies}}。");
  }
  SECTION("a missing closing brace") {
    auto p = problems_of("<w:p><w:r><w:t>共{{n件</w:t></w:r></w:p>", ctx);
    REQUIRE(p.size() == 1);
    CHECK(p[0].code == "E601");
  }
  SECTION("a table tag that shares its paragraph") {
    auto p = problems_of("<w:p><w:r><w:t>见下表{{table requests}}</w:t></w:r></w:p>", ctx);
    REQUIRE(p.size() == 1);
    CHECK(p[0].code == "E604");
  }
  SECTION("an unknown table") {
    auto p = problems_of("<w:p><w:r><w:t>{{table reqests}}</w:t></w:r></w:p>", ctx);
    REQUIRE(p.size() == 1);
    CHECK(p[0].message == "格式中没有表 reqests。");
  }
}

TEST_CASE("a tag that fails only with the real data is a problem of its paragraph, and nothing is rendered", "[template]") {
  MapContext ctx = sample();
  ctx.root["big"] = Value::number(1000);
  DocxTemplate t;
  Diagnostics problems;
  REQUIRE(t.compile(doc("<w:p><w:r><w:t>第一段</w:t></w:r></w:p><w:p><w:r><w:t>第{{cn(big)}}条</w:t></w:r></w:p>"), problems));
  CHECK_FALSE(t.render(ctx, ctx, problems));
  REQUIRE(problems.items().size() == 1);
  const Diagnostic& p = problems.items()[0];
  CHECK(p.code == "E606");
  CHECK(p.where.part == "word/document.xml");
  CHECK(p.where.paragraph == 2);
  CHECK(format_problem(p) == "word/document.xml 第2段「第{{cn(big)}}条」：E606 标签 {{cn(big)}}：函数 cn 的参数应为 0 到 999 的整数。");
}

TEST_CASE("a template problem reads on the terminal as the template, then the part and paragraph", "[template]") {
  MapContext ctx = sample();
  auto p = problems_of("<w:p><w:r><w:t>{{#if n}}</w:t></w:r></w:p>", ctx);
  REQUIRE(p.size() == 1);
  p[0].where.file = "模板.docx";
  CHECK(format_diagnostic(p[0]) ==
        "模板.docx: 错误 E602：word/document.xml 第1段「{{#if n}}」：标签 {{#if n}} 没有闭合：同一层级中找不到对应的 {{/if}}。");
  Diagnostics whole_part;
  DocxTemplate t;
  CHECK_FALSE(t.compile(doc("\n<w:p><w:r><w:t>坏</w:t></w:p>"), whole_part));
  REQUIRE(whole_part.items().size() == 1);
  Diagnostic d = whole_part.items()[0];
  d.where.file = "模板.docx";
  CHECK(format_diagnostic(d) ==
        "模板.docx: 错误 E605：word/document.xml：模板部件第 2 行不是格式正确的 XML：结束标记与开始标记不匹配，或缺少结束标记。");
}

TEST_CASE("expressions accept what a Chinese input method types", "[template]") {
  MapContext ctx = sample();
  ctx.root["a"] = Value::number(1);
  ctx.root["b"] = Value::number(8);
  std::string out = render_body("<w:p><w:r><w:t>{{percent（a，b，1）}}|{{percent(a, b)}}|{{money(x, “万元”)}}</w:t></w:r></w:p>",
                                [&]() -> MapContext& {
                                  Value x = Value::number(1832500, ValueType::kMoney);  // 183.25 元
                                  x.unit = "元";
                                  ctx.root["x"] = x;
                                  return ctx;
                                }());
  CHECK(paragraphs_of(out) == std::vector<std::string>{"12.5%|12.5%|0.0183"});
}

TEST_CASE("an unclosed placeholder in a paragraph is quoted whole characters at a time", "[template]") {
  MapContext ctx = sample();
  std::string out, error;
  // 30 characters from "{{" end inside 件 (three bytes): the quote must not cut it in half.
  CHECK_FALSE(render_text("全年作出行政许可决定{{active.licensing.decisions件。", ctx, out, error));
  CHECK(error == "占位符 {{active.licensing.decisions件。 缺少结束的 }}");
  CHECK_FALSE(render_text("{{一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三", ctx, out, error));
  CHECK(error == "占位符 {{一二三四五六七八九十一二三四五六七八九十一二三四五六七八… 缺少结束的 }}");
}

TEST_CASE("a template part that is not UTF-8 is a problem, not text copied into the document", "[template]") {
  DocxTemplate t;
  Diagnostics problems;
  CHECK_FALSE(t.compile(doc("<w:p><w:r><w:t>\n共\xB9\xB2{{n}}件</w:t></w:r></w:p>"), problems));
  REQUIRE(problems.items().size() == 1);
  CHECK(problems.items()[0].code == "E605");
  CHECK(problems.items()[0].message == "模板部件第 2 行有不是 UTF-8 的字节；模板部件须以 UTF-8 保存。");
}

TEST_CASE("a template part that is not well-formed names its line in Chinese", "[template]") {
  DocxTemplate t;
  Diagnostics problems;
  CHECK_FALSE(t.compile(doc("\n<w:p><w:r><w:t>坏</w:t></w:p>"), problems));
  REQUIRE(problems.items().size() == 1);
  CHECK(problems.items()[0].code == "E605");
  CHECK(problems.items()[0].message == "模板部件第 2 行不是格式正确的 XML：结束标记与开始标记不匹配，或缺少结束标记。");
}

TEST_CASE("a paragraph nested in a paragraph is checked on its own, not read past its end", "[template]") {
  DocxTemplate t;
  Diagnostics problems;
  // Not valid WordprocessingML, but well-formed XML: the inner paragraph's tag is unclosed.
  CHECK_FALSE(t.compile(doc("<w:p><w:r><w:t>{{n}}</w:t></w:r><w:p><w:r><w:t>{{n</w:t></w:r></w:p></w:p>"), problems));
  REQUIRE(problems.items().size() == 1);
  CHECK(problems.items()[0].code == "E601");
  CHECK(problems.items()[0].where.paragraph == 2);
}

TEST_CASE("a template nested a hundred thousand levels deep is a problem, not a stack overflow", "[template]") {
  for (const char* element : {"w:hyperlink", "x"}) {
    std::string open = std::string("<") + element + ">", close = std::string("</") + element + ">";
    std::string body = "<w:p>";
    for (int i = 0; i < 100000; ++i) body += open;
    body += "<w:r><w:t>{{n}}</w:t></w:r>";
    for (int i = 0; i < 100000; ++i) body += close;
    body += "</w:p>";
    DocxTemplate t;
    Diagnostics problems;
    CHECK_FALSE(t.compile(doc(body), problems));
    REQUIRE(problems.items().size() == 1);
    CHECK(problems.items()[0].code == "E605");
    CHECK(problems.items()[0].message == "模板部件的元素嵌套超过 1000 层，不是 Word 文档的结构。");
  }
}

// Word validates every part against the schema and reports a document whose w:settings children
// are out of the CT_Settings sequence as unreadable; LibreOffice and WPS do not mind.
TEST_CASE("the shipped templates list their settings in the order of the schema's CT_Settings", "[template][office]") {
  static const char* kOrder[] = {
      "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime", "doNotDisplayPageBoundaries",
      "displayBackgroundShape", "printPostScriptOverText", "printFractionalCharacterWidth", "printFormsData",
      "embedTrueTypeFonts", "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
      "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop",
      "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle", "proofState", "formsDesign",
      "attachedTemplate", "linkStyles", "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
      "revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting", "documentProtection",
      "autoFormatOverride", "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
      "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope", "summaryLength",
      "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders", "bookFoldRevPrinting", "bookFoldPrinting",
      "bookFoldPrintingSheets", "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
      "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery", "doNotUseMarginsForDrawingGridOrigin",
      "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
      "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter", "noLineBreaksBefore",
      "savePreviewPicture", "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
      "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly", "useXSLTWhenSaving",
      "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr",
      "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
      "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
      "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator"};
  auto position = [](std::string name) -> int {
    name = name.substr(name.find(':') + 1);
    for (std::size_t i = 0; i < sizeof kOrder / sizeof kOrder[0]; ++i)
      if (name == kOrder[i]) return static_cast<int>(i);
    return -1;
  };
  for (const char* format : {"xxgk-2018", "xxgk-2021"}) {
    INFO(format);
    pugi::xml_document settings;
    REQUIRE(settings.load_file((std::string(NIANBAO_TEMPLATES) + "/" + format + "/docx/word/settings.xml").c_str()));
    int last = -1;
    for (pugi::xml_node child : settings.child("w:settings").children()) {
      if (child.type() != pugi::node_element) continue;
      INFO(child.name());
      const int at = position(child.name());
      CHECK(at >= 0);
      CHECK(at > last);  // each setting at most once, in the schema's order
      last = std::max(last, at);
    }
  }
}

TEST_CASE("a table cell whose paragraphs after a nested table are left out still ends with a paragraph", "[template]") {
  // Word reports a document whose table cell ends with a table as unreadable.
  MapContext ctx = sample();
  const std::string nested = "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"100\"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>内</w:t>"
                             "</w:r></w:p></w:tc></w:tr></w:tbl>";
  const std::string body = "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"100\"/></w:tblGrid><w:tr><w:tc>" + nested +
                           "<w:p><w:r><w:t>{{#if zero}}</w:t></w:r></w:p><w:p><w:r><w:t>有</w:t></w:r></w:p>"
                           "<w:p><w:r><w:t>{{/if}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>";
  std::string out = render_body(body, ctx);
  pugi::xml_document d;
  REQUIRE(d.load_string(out.c_str()));
  pugi::xml_node cell = d.select_node("/w:document/w:body/w:tbl/w:tr/w:tc").node();
  REQUIRE(cell);
  CHECK(cell.child("w:tbl"));
  CHECK(std::string(cell.last_child().name()) == "w:p");
  CHECK(paragraphs_of(out) == std::vector<std::string>{"内", "", ""});
}

namespace {

// The table rows of a rendered part, each as its cells' "text:merge", where merge is the
// cell's w:vMerge ("restart", "continue" or "" when the cell is not merged).
std::vector<std::vector<std::string>> merge_grid(const std::string& xml) {
  pugi::xml_document d;
  REQUIRE(d.load_string(xml.c_str(), pugi::parse_default | pugi::parse_ws_pcdata_single));
  std::vector<std::vector<std::string>> rows;
  for (auto tr : d.select_nodes("/w:document/w:body/w:tbl/w:tr")) {
    std::vector<std::string> cells;
    for (auto tc : tr.node().children("w:tc")) {
      std::string text;
      for (auto t : tc.select_nodes(".//w:t")) text += t.node().text().get();
      pugi::xml_node vm = tc.child("w:tcPr").child("w:vMerge");
      std::string merge = !vm ? "" : std::string(vm.attribute("w:val").value()) == "restart" ? "restart" : "continue";
      cells.push_back(text + ":" + merge);
    }
    rows.push_back(cells);
  }
  return rows;
}

std::string cell(const std::string& text, const char* merge = nullptr) {
  std::string pr = !merge ? "" : std::string(merge) == "restart" ? "<w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>"
                                                                   : "<w:tcPr><w:vMerge/></w:tcPr>";
  return "<w:tc>" + pr + "<w:p>" + (text.empty() ? "" : "<w:r><w:t>" + text + "</w:t></w:r>") + "</w:p></w:tc>";
}

std::string table(const std::string& rows) {
  return "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"100\"/><w:gridCol w:w=\"100\"/></w:tblGrid>" + rows + "</w:tbl><w:p/>";
}

std::string row(const std::string& cells) { return "<w:tr>" + cells + "</w:tr>"; }

}  // namespace

TEST_CASE("a merged cell in a one-row loop spans every row the loop writes", "[template]") {
  // The first column says 部门 once, merged down beside every agency's row, as in a hand-made table.
  MapContext ctx = sample();
  std::string body = table(row(cell("类别") + cell("单位")) + row(cell("{{#each agencies}}") + cell("")) +
                           row(cell("部门", "restart") + cell("{{name}}")) + row(cell("{{/each}}") + cell("")) +
                           row(cell("合计") + cell("2")));
  CHECK(merge_grid(render_body(body, ctx)) == std::vector<std::vector<std::string>>{
                                                   {"类别:", "单位:"},
                                                   {"部门:restart", "甲局:"},
                                                   {"部门:continue", "乙镇:"},
                                                   {"合计:", "2:"}});
}

TEST_CASE("a merge inside a loop of several rows is repeated for each pass", "[template]") {
  // Each agency has two rows (收到 and 办结) with its name merged over both.
  MapContext ctx = sample();
  std::string body = table(row(cell("{{#each agencies}}") + cell("")) + row(cell("{{name}}", "restart") + cell("收到")) +
                           row(cell("", "continue") + cell("办结")) + row(cell("{{/each}}") + cell("")));
  CHECK(merge_grid(render_body(body, ctx)) == std::vector<std::vector<std::string>>{{"甲局:restart", "收到:"},
                                                                                    {":continue", "办结:"},
                                                                                    {"乙镇:restart", "收到:"},
                                                                                    {":continue", "办结:"}});
}

TEST_CASE("a merge whose first row is left out starts on the next row instead of joining the row above", "[template]") {
  MapContext ctx = sample();
  ctx.add_list("none", {});
  // The loop writes nothing: the row after it, which continued the loop row's merge, starts it.
  std::string empty_loop = table(row(cell("表头") + cell("")) + row(cell("{{#each none}}") + cell("")) +
                                 row(cell("{{name}}", "restart") + cell("x")) + row(cell("{{/each}}") + cell("")) +
                                 row(cell("", "continue") + cell("y")));
  CHECK(merge_grid(render_body(empty_loop, ctx)) ==
        std::vector<std::vector<std::string>>{{"表头:", ":"}, {":restart", "y:"}});
  // A condition leaves out the row that started the merge.
  std::string cond = table(row(cell("表头") + cell("")) + row(cell("{{#if zero}}") + cell("")) +
                           row(cell("甲", "restart") + cell("x")) + row(cell("{{/if}}") + cell("")) +
                           row(cell("", "continue") + cell("y")) + row(cell("", "continue") + cell("z")));
  CHECK(merge_grid(render_body(cond, ctx)) ==
        std::vector<std::vector<std::string>>{{"表头:", ":"}, {":restart", "y:"}, {":continue", "z:"}});
}

TEST_CASE("a narrative paragraph chooses its wording with {{#if}}, as a template paragraph does", "[template]") {
  MapContext ctx = sample();
  std::string out, error;
  const std::string text = "本年度{{#if zero > 0}}收到申请{{zero}}件{{else}}未收到政府信息公开申请{{/if}}，"
                           "{{#if n > 10}}较多{{else if n > 5}}共{{n}}件{{else}}较少{{/if}}。";
  REQUIRE(render_text(text, ctx, out, error));
  CHECK(out == "本年度未收到政府信息公开申请，共7件。");
  // Nested, and a guarded division that is never evaluated when its guard is false.
  REQUIRE(render_text("{{#if n}}甲{{#if zero}}{{percent(n, zero, 1)}}{{else}}乙{{/if}}丙{{/if}}丁", ctx, out, error));
  CHECK(out == "甲乙丙丁");
  CHECK_FALSE(render_text("{{#if n}}没有结束", ctx, out, error));
  CHECK(error == "{{#if …}} 没有闭合：这一段中找不到对应的 {{/if}}");
  CHECK_FALSE(render_text("多余的{{/if}}", ctx, out, error));
  CHECK(error == "{{/if}} 前面没有对应的 {{#if …}}");
  CHECK_FALSE(render_text("{{#if n}}a{{else}}b{{else}}c{{/if}}", ctx, out, error));
  CHECK(error == "{{else}} 不能写在同一个 {{#if}} 的 {{else}} 之后");
  CHECK_FALSE(render_text("{{#each agencies}}{{name}}{{/each}}", ctx, out, error));
}
