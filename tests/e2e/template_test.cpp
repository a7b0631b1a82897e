// Templates that IT staff edit in Word, WPS or LibreOffice: the shipped template survives an
// office suite's save, template errors are found before anything is written.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "e2e_run.h"
#include "ooxml_read.h"
#include "zip/zip_writer.h"

using namespace nianbao;
using namespace nianbao::test;
namespace fs = std::filesystem;

namespace {




const fs::path kBasic = fs::path(NIANBAO_TEST_DATA) / "e2e" / "basic";
const fs::path kShipped = fs::path(NIANBAO_TEMPLATES) / "xxgk-2021" / "docx";

// A copy of the shipped template folder with its document body replaced.
fs::path template_with_body(const fs::path& dir, const std::string& body) {
  fs::path t = dir / "template";
  fs::copy(kShipped, t, fs::copy_options::recursive);
  std::string doc = slurp(t / "word" / "document.xml");
  std::size_t b = doc.find("<w:body>") + 8, e = doc.find("<w:sectPr>");
  doc.replace(b, e - b, body);
  std::ofstream(t / "word" / "document.xml") << doc;
  return t;
}

std::string para(const std::string& text) { return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>"; }

}  // namespace

TEST_CASE("the shipped template saved by LibreOffice gives a document with the same text", "[e2e][office][template]") {
  if (run_command("command -v soffice >/dev/null") != 0) {
    WARN("LibreOffice 未安装，跳过");
    return;
  }
  fs::path dir = temp_dir("lo");
  REQUIRE(run_nianbao("template export --format xxgk-2021 --output '" + (dir / "shipped.docx").string() + "'", dir / "e") == 0);
  REQUIRE(run_command("soffice -env:UserInstallation=file://" + (dir / "profile").string() +
                      " --headless --convert-to 'docx:MS Word 2007 XML' --outdir '" + (dir / "saved").string() + "' '" +
                      (dir / "shipped.docx").string() + "' >/dev/null 2>&1") == 0);
  REQUIRE(fs::exists(dir / "saved" / "shipped.docx"));
  CHECK(read_zip((dir / "saved" / "shipped.docx").string()).at("word/document.xml") !=
        read_zip((dir / "shipped.docx").string()).at("word/document.xml"));  // LibreOffice did rewrite it
  REQUIRE(run_nianbao("build --inputs '" + kBasic.string() + "' --output '" + (dir / "a").string() + "'", dir / "a") == 1);
  REQUIRE(run_nianbao("build --inputs '" + kBasic.string() + "' --output '" + (dir / "b").string() + "' --template '" +
                          (dir / "saved" / "shipped.docx").string() + "'",
                      dir / "b") == 1);
  Docx a = read_docx((dir / "a" / "测试市2025年政府信息公开工作年度报告.docx").string());
  Docx b = read_docx((dir / "b" / "测试市2025年政府信息公开工作年度报告.docx").string());
  CHECK(b.paragraphs == a.paragraphs);
  REQUIRE(b.tables.size() == a.tables.size());
  for (std::size_t i = 0; i < a.tables.size(); ++i) CHECK(b.tables[i].grid == a.tables[i].grid);
}

TEST_CASE("template check names the paragraph of an unknown tag and of an unclosed if", "[e2e][template]") {
  fs::path dir = temp_dir("check");
  fs::path t = template_with_body(dir, para("{{title}}") + para("共{{requests.new.totl}}件") + para("{{#if has_previous}}") +
                                           para("同比") + para("结束"));
  int status = run_nianbao("template check --format xxgk-2021 --template '" + t.string() + "'", dir / "c");
  CHECK(status == 2);
  std::string out = slurp(dir / "c.out");
  CHECK(out.find("word/document.xml 第2段「共{{requests.new.totl}}件」：E606 标签 {{requests.new.totl}}：未知的名称 requests.new.totl。") !=
        std::string::npos);
  CHECK(out.find("word/document.xml 第3段「{{#if has_previous}}」：E602 标签 {{#if has_previous}} 没有闭合") != std::string::npos);
}

TEST_CASE("a build with a broken template exits 2 and leaves output as it was", "[e2e][template]") {
  fs::path dir = temp_dir("broken");
  REQUIRE(run_nianbao("build --inputs '" + kBasic.string() + "' --output '" + (dir / "out").string() + "'", dir / "good") == 1);
  std::map<std::string, std::string> before;
  for (const auto& e : fs::directory_iterator(dir / "out")) before[e.path().filename()] = slurp(e.path());
  fs::path t = template_with_body(dir, para("{{#if complete}}") + para("完整"));
  CHECK(run_nianbao("build --inputs '" + kBasic.string() + "' --output '" + (dir / "out").string() + "' --template '" +
                        t.string() + "'",
                    dir / "bad") == 2);
  CHECK(slurp(dir / "bad.err").find("E602") != std::string::npos);
  std::map<std::string, std::string> after;
  for (const auto& e : fs::directory_iterator(dir / "out")) after[e.path().filename()] = slurp(e.path());
  CHECK(after == before);
}

TEST_CASE("a partial run's document says 草稿 first even when the template does not", "[e2e][template]") {
  fs::path dir = temp_dir("draft");
  fs::path t = template_with_body(dir, para("{{title}}") + para("{{table requests}}"));
  REQUIRE(run_nianbao("build --inputs '" + kBasic.string() + "' --output '" + (dir / "out").string() + "' --template '" +
                          t.string() + "'",
                      dir / "b") == 1);
  Docx d = read_docx((dir / "out" / "测试市2025年政府信息公开工作年度报告.docx").string());
  REQUIRE(!d.paragraphs.empty());
  CHECK(d.paragraphs[0] == "草稿：1个单位未报送、0个单位被退回，数据不完整，请勿发布。");
  CHECK(d.paragraphs[1] == "测试市2025年政府信息公开工作年度报告");
}

TEST_CASE("a {{chart}} tag puts a native chart with the report's figures in the document", "[e2e][template][charts]") {
  fs::path dir = temp_dir("chart");
  fs::path t = template_with_body(dir, para("{{title}}") + para("{{chart outcomes}}") + para("{{chart top}}") +
                                           para("{{chart year_on_year}}"));
  REQUIRE(run_nianbao("build --inputs '" + kBasic.string() + "' --output '" + (dir / "out").string() + "' --template '" +
                          t.string() + "'",
                      dir / "b") == 1);
  auto parts = read_zip((dir / "out" / "测试市2025年政府信息公开工作年度报告.docx").string());
  // Two charts: the comparison with last year is left out without --previous.
  REQUIRE(parts.count("word/charts/chart1.xml"));
  REQUIRE(parts.count("word/charts/chart2.xml"));
  CHECK_FALSE(parts.count("word/charts/chart3.xml"));
  CHECK(parts.at("[Content_Types].xml").find("/word/charts/chart2.xml") != std::string::npos);
  CHECK(parts.at("word/_rels/document.xml.rels").find("Target=\"charts/chart1.xml\"") != std::string::npos);
  // 办理结果: 予以公开 11 (fgw 7, czj 4), 部分公开 2, 不予公开 1, 无法提供 1, 不予处理 0, 其他处理 0.
  const std::string& outcomes = parts.at("word/charts/chart1.xml");
  std::vector<std::string> values;
  for (std::size_t p = outcomes.find("<c:numLit>"); p != std::string::npos;) {
    std::size_t v = outcomes.find("<c:v>", p);
    if (v == std::string::npos || v > outcomes.find("</c:numLit>", p)) break;
    values.push_back(outcomes.substr(v + 5, outcomes.find("</c:v>", v) - v - 5));
    p = v + 1;
  }
  CHECK(values == std::vector<std::string>{"11", "2", "1", "1", "0", "0"});
  CHECK(outcomes.find("本年度申请的办理结果") != std::string::npos);
  // The ranking: 发改委 12 new requests, 财政局 4.
  const std::string& top = parts.at("word/charts/chart2.xml");
  CHECK(top.find("测试市发展和改革委员会") < top.find("测试市财政局"));
  CHECK(parts.at("word/document.xml").find("r:id=\"rIdNianbaoChart2\"") != std::string::npos);
}
