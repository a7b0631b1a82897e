// The review letter sent back to an agency: one page, errors first, places in the agency's own
// terms (no folder of the office's machine), and a count of what did not fit.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <unistd.h>

#include "render/docx/review_letter.h"

using namespace nianbao;
namespace fs = std::filesystem;

namespace {

Diagnostic finding(Severity severity, const std::string& code, int table, int row, int col, const std::string& message) {
  Diagnostic d;
  d.severity = severity;
  d.code = code;
  d.where.file = "/srv/政务公开/2025/inputs/教育体育局年报.docx";
  d.where.table = table, d.where.row = row, d.where.col = col;
  d.message = message;
  d.place = "三、收到和处理政府信息公开申请情况 / 一、本年新收政府信息公开申请数量 / 自然人";
  d.found = "12";
  d.expected = "10";
  return d;
}

ReviewLetter letter_with(std::size_t warnings, std::size_t errors) {
  ReviewLetter l;
  l.agency = "丰城市教育体育局";
  l.year = 2025;
  l.files = "/srv/政务公开/2025/inputs/教育体育局年报.docx";
  l.compiler = "丰城市人民政府办公室";
  l.date = "2026-01-20";
  l.contact = "联系人：王某，联系电话：0795-6432100。";
  l.folders = {"/srv/政务公开/2025/inputs"};
  // Warnings first in file order, as a file's findings come: the letter puts the errors first.
  for (std::size_t i = 0; i < warnings; ++i)
    l.findings.push_back(finding(Severity::kWarning, "W901", 0, 0, 0,
                                 "正文第" + std::to_string(i + 1) + "句所说的件数与表中不一致：正文为 12 件，表中为 10 件（见 /srv/政务公开/2025/inputs/教育体育局年报.docx）。"));
  for (std::size_t i = 0; i < errors; ++i)
    l.findings.push_back(finding(Severity::kError, "E206", 3, 4, static_cast<int>(i + 2), "填报的合计数与各项之和不符。"));
  l.accepted = errors == 0;
  return l;
}

std::vector<std::string> texts_of(const std::string& xml) {
  std::vector<std::string> out;
  const std::regex t("<w:t[^>]*>([^<]*)</w:t>");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), t); it != std::sregex_iterator(); ++it) out.push_back((*it)[1]);
  return out;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("a review letter with more findings than fit on its page shows the errors first and counts the rest", "[review][letter]") {
  const ReviewLetter l = letter_with(30, 8);
  const LetterPage page = plan_letter_page(l);
  REQUIRE(!page.shown.empty());
  REQUIRE(page.shown.size() < l.findings.size());
  for (std::size_t i = 0; i < page.shown.size(); ++i) {
    INFO(i);
    CHECK(page.shown[i]->is_error() == (i < 8));
  }
  CHECK(page.shown.size() + page.left_out_errors + page.left_out_warnings == l.findings.size());
  // What the page holds around its fixed text: the table has about ten 3号 lines of a 22-line page.
  CHECK(page.shown.size() >= 2);
  CHECK(page.shown.size() <= 12);

  const std::string xml = review_letter_document_xml(l);
  CHECK(count(xml, "<w:tr>") == page.shown.size() + 1);  // the header row and one row per finding shown
  std::ostringstream more;
  if (page.left_out_errors > 0) more << page.left_out_errors << " 处错误、";
  more << page.left_out_warnings << " 处需要核对的问题未列入上表（表中先列错误，后列需要核对的问题），详见校验报告.txt。";
  CHECK(xml.find("另有 " + more.str()) != std::string::npos);
  for (const auto& text : texts_of(xml)) {
    INFO(text);
    CHECK(text.find("/srv/") == std::string::npos);
    CHECK(text.find("inputs/") == std::string::npos);
  }
  CHECK(xml.find("（教育体育局年报.docx）已收悉") != std::string::npos);
  CHECK(xml.find(">表3 第4行第2列<") != std::string::npos);  // where, in the document's own tables
}

TEST_CASE("a review letter that fits lists every finding and adds no count", "[review][letter]") {
  const ReviewLetter l = letter_with(1, 1);
  const LetterPage page = plan_letter_page(l);
  REQUIRE(page.shown.size() == 2);
  CHECK(page.shown[0]->code == "E206");
  CHECK(page.left_out_errors + page.left_out_warnings == 0);
  CHECK(review_letter_document_xml(l).find("另有") == std::string::npos);
}

TEST_CASE("three cross-year findings with room on the page are all shown, last year's folder named by its files only", "[review][letter]") {
  // The three findings the shipped 2025 example gives 丰城市住房和城乡建设局 with --previous: they fit,
  // so none may be left for 校验报告.txt for want of room kept for the sentence that counts them.
  ReviewLetter l = letter_with(0, 0);
  l.folders.push_back("/srv/政务公开/2024/output");
  auto add = [&l](const std::string& code, const std::string& message, const std::string& place, const std::string& expected) {
    Diagnostic d = finding(Severity::kWarning, code, 0, 0, 0, message);
    d.where.line = 2;
    d.place = place;
    d.found = "本年 3 件";
    d.expected = expected;
    l.findings.push_back(d);
  };
  add("W908", "本单位本年“二、上年结转政府信息公开申请数量”（自然人）为 3 件，而上年（2024年）报送的“四、结转下年度继续办理”为 2 件，两者应当相等。",
      "三、收到和处理政府信息公开申请情况 / 二、上年结转政府信息公开申请数量 / 自然人",
      "上年（2024年）2 件（FC011.xml，见 /srv/政务公开/2024/output/各单位数据.xml）");
  add("W909", "本单位“行政规范性文件”现行有效件数与上年不衔接：本年现行有效 38 件，而上年（2024年）现行有效 38 件 + 本年制发 4 件 − 本年废止 1 件 = 41 件。",
      "二、主动公开政府信息情况 / 第二十条第（一）项 行政规范性文件 / 现行有效件数",
      "41 件（上年（2024年）38 件，FC011.xml，见 /srv/政务公开/2024/output/各单位数据.xml；文件清理、修订可使其不等）");
  add("W903", "“工作亮点「推进住房和城乡建设领域信息公开」”与本单位上年（2024年）报送的“工作亮点「推进住房和城乡建设领域信息公开」”有 100% 相同，疑似照搬上年内容；请按本年的实际情况撰写。",
      "工作亮点「推进住房和城乡建设领域信息公开」", "相同部分低于 80%");
  const LetterPage page = plan_letter_page(l);
  CHECK(page.shown.size() == 3);
  CHECK(page.left_out_errors + page.left_out_warnings == 0);
  const std::string xml = review_letter_document_xml(l);
  CHECK(xml.find("另有") == std::string::npos);
  CHECK(xml.find("/srv/") == std::string::npos);
  CHECK(xml.find("见 各单位数据.xml") != std::string::npos);
}

TEST_CASE("a finding longer than its cell is cut, with the full text left to 校验报告.txt", "[review][letter]") {
  ReviewLetter l = letter_with(0, 1);
  std::string longest;
  for (int i = 0; i < 60; ++i) longest += "正文与统计表不一致";
  l.findings[0].message = longest;
  const std::string xml = review_letter_document_xml(l);
  CHECK(xml.find(longest) == std::string::npos);
  CHECK(xml.find("……</w:t>") != std::string::npos);
}

TEST_CASE("the longest review letter is one A4 page in LibreOffice", "[review][letter][office]") {
  if (std::system("command -v soffice >/dev/null && command -v pdfinfo >/dev/null") != 0) {
    WARN("LibreOffice (soffice) 或 pdfinfo 未安装，跳过：scripts/setup.sh --test 会安装它们");
    return;
  }
  const fs::path dir = fs::temp_directory_path() / ("nianbao-letter-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  write_review_letter(letter_with(30, 8), (dir / "letter.docx").string());
  REQUIRE(std::system(("cd '" + dir.string() + "' && soffice -env:UserInstallation=file://" + (dir / "profile").string() +
                       " --headless --convert-to pdf letter.docx >/dev/null 2>&1 && pdfinfo letter.pdf > info.txt")
                          .c_str()) == 0);
  std::ifstream in(dir / "info.txt");
  const std::string info((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(std::regex_search(info, std::regex("Pages: +1\n")));
  fs::remove_all(dir);
}
