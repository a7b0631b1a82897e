// Templates that IT staff edit in Word, WPS or LibreOffice: the shipped template survives an
// office suite's save, template errors are found before anything is written.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
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

// Runs nianbao and says how long it took and the largest resident size any child reached so far.
struct Timed {
  int status;
  double seconds;
  long max_rss_mib;
};
Timed timed_nianbao(const std::string& args, const fs::path& log) {
  auto start = std::chrono::steady_clock::now();
  int status = run_nianbao(args, log);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage ru{};
  getrusage(RUSAGE_CHILDREN, &ru);
  return {status, seconds, ru.ru_maxrss / 1024};
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

TEST_CASE("last year's figures without --previous are an error naming the tag, never 上年0件, and has_previous gives the fallback",
          "[e2e][template]") {
  fs::path dir = temp_dir("noprev");
  for (const std::string tag : {"previous.requests.new.total", "yoy(requests.new.total)", "change(requests.new.total)"}) {
    INFO(tag);
    fs::create_directories(dir / tag);
    fs::path t = template_with_body(dir / tag, para("上年{{" + tag + "}}件"));
    CHECK(run_nianbao("build --inputs '" + kBasic.string() + "' --output '" + (dir / "out").string() + "' --template '" +
                          t.string() + "'",
                      dir / "b") == 2);
    std::string err = slurp(dir / "b.err");
    CHECK(err.find("第1段「上年{{" + tag + "}}件」：E606 标签 {{" + tag + "}}：") != std::string::npos);
    CHECK(err.find("需要上年数据，而这里没有：构建时没有给出 --previous") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "out" / "测试市2025年政府信息公开工作年度报告.docx"));
  }
  fs::create_directories(dir / "fallback");
  fs::path t = template_with_body(dir / "fallback", para("{{#if has_previous}}上年{{previous.requests.new.total}}件{{else}}无上年数据{{/if}}"));
  REQUIRE(run_nianbao("build --inputs '" + kBasic.string() + "' --output '" + (dir / "out").string() + "' --template '" +
                          t.string() + "'",
                      dir / "f") == 1);
  Docx d = read_docx((dir / "out" / "测试市2025年政府信息公开工作年度报告.docx").string());
  REQUIRE(d.paragraphs.size() >= 2);
  CHECK(d.paragraphs[1] == "无上年数据");
}

// The bounds are stated as refusals that cannot hang; how fast they come (well under 10 s in a
// release build) is measured by the WARN lines, not asserted: a sanitizer build is several times slower.
constexpr double kNoHang = 60;

TEST_CASE("a template that inflates beyond 64 MiB is refused by template check and by build, in seconds", "[e2e][template][bounds]") {
  fs::path dir = temp_dir("bomb");
  // The shipped parts, and three members of 30 MiB of zeros each: 90 MiB that deflate to ~90 KB.
  std::vector<std::pair<std::string, std::string>> members;
  for (const auto& e : fs::recursive_directory_iterator(kShipped))
    if (e.is_regular_file()) members.emplace_back(fs::relative(e.path(), kShipped).generic_string(), slurp(e.path()));
  for (int i = 0; i < 3; ++i) members.emplace_back("word/media/zero" + std::to_string(i) + ".bin", std::string(30u << 20, '\0'));
  const fs::path bomb = dir / "bomb.docx";
  write_zip(bomb.string(), members);
  members.clear();
  REQUIRE(fs::file_size(bomb) < (1u << 20));
  Timed check = timed_nianbao("template check --format xxgk-2021 --template '" + bomb.string() + "'", dir / "check");
  CHECK(check.status == 2);
  CHECK(slurp(dir / "check.err").find("解压后超过 64 MiB，不予读取") != std::string::npos);
  CHECK(check.seconds < kNoHang);
  Timed build = timed_nianbao("build --inputs '" + kBasic.string() + "' --output '" + (dir / "out").string() + "' --template '" +
                                  bomb.string() + "'",
                              dir / "build");
  CHECK(build.status == 2);
  CHECK(slurp(dir / "build.err").find("错误 E600：模板 " + bomb.string() + " 解压后超过 64 MiB，不予读取") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out" / "merged.xml"));
  CHECK(build.seconds < kNoHang);
  CHECK(build.max_rss_mib < 1024);
  WARN("bomb: template check " << check.seconds << " s, build " << build.seconds << " s, largest child " << build.max_rss_mib
                               << " MiB");
}

TEST_CASE("loops nested four deep are E607 for template check and build, and a document beyond 256 MiB is E608, in seconds",
          "[e2e][template][bounds]") {
  fs::path dir = temp_dir("loops");
  std::string open, close;
  for (int i = 0; i < 4; ++i) {
    open += para("{{#each agencies}}");
    close += para("{{/each}}");
  }
  fs::create_directories(dir / "deep");
  fs::path deep = template_with_body(dir / "deep", open + para("{{name}}") + close);
  Timed check = timed_nianbao("template check --format xxgk-2021 --template '" + deep.string() + "'", dir / "check");
  CHECK(check.status == 2);
  CHECK(slurp(dir / "check.out").find("「{{#each agencies}}」：E607 {{#each}} 循环嵌套超过 3 层") != std::string::npos);
  CHECK(check.seconds < kNoHang);
  Timed build = timed_nianbao("build --inputs '" + kBasic.string() + "' --output '" + (dir / "out").string() + "' --template '" +
                                  deep.string() + "'",
                              dir / "build");
  CHECK(build.status == 2);
  CHECK(slurp(dir / "build.err").find("E607") != std::string::npos);
  CHECK(build.seconds < kNoHang);

  // Three levels pass the check, but over the two agencies with a paragraph of 36 MiB they would
  // write 2 × 2 × 2 copies of it: 288 MiB.
  fs::create_directories(dir / "wide");
  const std::string big(36u << 20, 'x');
  fs::path wide = template_with_body(dir / "wide", para("{{#each agencies}}") + para("{{#each agencies}}") + para("{{#each agencies}}") +
                                                     para(big) + para("{{/each}}") + para("{{/each}}") + para("{{/each}}"));
  Timed run = timed_nianbao("build --inputs '" + kBasic.string() + "' --output '" + (dir / "out").string() + "' --template '" +
                                wide.string() + "'",
                            dir / "wide");
  CHECK(run.status == 2);
  CHECK(slurp(dir / "wide.err").find("E608 生成的文档超过 256 MiB，已停止生成") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out" / "merged.xml"));
  CHECK(run.seconds < kNoHang);
  CHECK(run.max_rss_mib < 1024);
  WARN("loops: check " << check.seconds << " s, build " << build.seconds << " s; 288 MiB document refused after " << run.seconds
                       << " s, largest child " << run.max_rss_mib << " MiB");
}

TEST_CASE("a tag of 2 MB is quoted by its first characters, not echoed whole", "[e2e][template]") {
  fs::path dir = temp_dir("longtag");
  const std::string name(2u << 20, 'a');
  fs::path t = template_with_body(dir, para("共{{requests.new.total ＃ " + name + "}}件") + para("{{" + name + "}}"));
  CHECK(run_nianbao("template check --format xxgk-2021 --template '" + t.string() + "'", dir / "c") == 2);
  const std::string out = slurp(dir / "c.out");
  CHECK(out.size() < 4000);
  CHECK(out.find("E603 标签 {{requests.new.total ＃ aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…}} 有误：无法识别的字符“＃”。") != std::string::npos);
  CHECK(out.find("E606 标签 {{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…}}：未知的名称 ") != std::string::npos);
}
