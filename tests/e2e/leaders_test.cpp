// What leaders and the level above need: per-agency reports, the roll-up of counties into a
// prefecture, hand-out files, PDF, and the lock that keeps two runs from interleaving.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "format/format.h"
#include "e2e_run.h"
#include "ooxml_read.h"

using namespace nianbao;
using namespace nianbao::test;
namespace fs = std::filesystem;

namespace {




// Every figure of a merged.xml (or submission), keyed "table.row.column".
std::map<std::string, std::string> figures(const fs::path& xml) {
  pugi::xml_document d;
  REQUIRE(d.load_file(xml.c_str()));
  std::map<std::string, std::string> out;
  for (auto t : d.child("submission").children("table"))
    for (auto r : t.children("row"))
      for (auto a : r.attributes())
        if (std::string(a.name()) != "id")
          out[std::string(t.attribute("id").value()) + "." + r.attribute("id").value() + "." + a.name()] = a.value();
  return out;
}

const fs::path kBasic = fs::path(NIANBAO_TEST_DATA) / "e2e" / "basic";

}  // namespace

TEST_CASE("a second run on the same output folder exits 2 naming the lock and changes nothing", "[e2e][lock]") {
  fs::path dir = temp_dir("lock");
  fs::create_directories(dir / "out");
  std::ofstream(dir / "out" / "previous.txt") << "上次的输出";
  int fd = ::open((dir / "out").c_str(), O_RDONLY | O_DIRECTORY);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);  // another run holds the folder
  int status = run_nianbao("build --inputs '" + kBasic.string() + "' --output '" + (dir / "out").string() + "'", dir / "second");
  ::close(fd);
  CHECK(status == 2);
  CHECK(slurp(dir / "second.err").find("输出目录锁") != std::string::npos);
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir / "out")) names.push_back(e.path().filename());
  CHECK(names == std::vector<std::string>{"previous.txt"});
  // Once the lock is free, the run goes ahead and logs one line.
  CHECK(run_nianbao("build --inputs '" + kBasic.string() + "' --output '" + (dir / "out").string() + "'", dir / "third") == 1);
  std::string log = slurp(dir / "out" / "运行日志.txt");
  CHECK(std::count(log.begin(), log.end(), '\n') == 1);
  CHECK(log.find("应报送 3，已报送 2，被退回 0，未报送 1") != std::string::npos);
}

TEST_CASE("XML hand-out files from init, filled with figures, are accepted without edits to their structure", "[e2e][init]") {
  fs::path dir = temp_dir("init");
  fs::path in = dir / "inputs";
  fs::create_directories(in);
  fs::copy_file(kBasic / "report.xml", in / "report.xml");
  REQUIRE(run_nianbao("init --inputs '" + in.string() + "' --output '" + (in / "handout").string() + "' --form xml",
                      dir / "init") == 0);
  REQUIRE(fs::exists(in / "handout" / "T001.xml"));
  std::string blank = slurp(in / "handout" / "T001.xml");
  CHECK(blank.find("<!-- 一、本年新收政府信息公开申请数量；natural：自然人") != std::string::npos);
  CHECK(blank.find("<agency code=\"T001\" name=\"测试市发展和改革委员会\" kind=\"department\"/>") != std::string::npos);
  // An agency fills in its figures, the way a clerk would: only the numbers change.
  for (const char* code : {"T001", "T002", "T101"}) {
    std::string x = slurp(in / "handout" / (std::string(code) + ".xml"));
    x = std::regex_replace(x, std::regex("<row id=\"new\" natural=\"0\""), "<row id=\"new\" natural=\"7\"");
    x = std::regex_replace(x, std::regex("<row id=\"granted\" natural=\"0\""), "<row id=\"granted\" natural=\"5\"");
    x = std::regex_replace(x, std::regex("<row id=\"carried_out\" natural=\"0\""), "<row id=\"carried_out\" natural=\"2\"");
    x = std::regex_replace(x, std::regex("amount=\"0\""), "amount=\"1.25\"");
    std::ofstream(in / "handout" / (std::string(code) + ".xml")) << x;
  }
  int status = run_nianbao("build --inputs '" + in.string() + "' --output '" + (dir / "out").string() + "'", dir / "build");
  INFO(slurp(dir / "build.out"));
  CHECK(status == 0);
  auto merged = figures(dir / "out" / "merged.xml");
  CHECK(merged["requests.new.total"] == "21");
  CHECK(merged["active.fees.amount"] == "3.75");
}

TEST_CASE("each agency's own report shows that agency's submission", "[e2e][per-agency]") {
  fs::path dir = temp_dir("per-agency");
  REQUIRE(run_nianbao("build --inputs '" + kBasic.string() + "' --output '" + (dir / "out").string() + "' --per-agency", dir / "b") == 1);
  fs::path agencies = dir / "out" / "agencies";
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(agencies)) names.push_back(e.path().filename());
  std::sort(names.begin(), names.end());
  // Its own report and workbook, and the review to send back (issue 15).
  CHECK(names == std::vector<std::string>{"T001-测试市发展和改革委员会-审核意见.docx", "T001-测试市发展和改革委员会.docx",
                                          "T001-测试市发展和改革委员会.xlsx", "T002-测试市财政局-审核意见.docx",
                                          "T002-测试市财政局.docx", "T002-测试市财政局.xlsx"});
  Docx docx = read_docx((agencies / "T001-测试市发展和改革委员会.docx").string());
  CHECK(docx.paragraphs.end() != std::find(docx.paragraphs.begin(), docx.paragraphs.end(), "测试市发展和改革委员会2025年政府信息公开工作年度报告"));
  // The requests table (second) shows fgw.xml's own figures: 一、本年新收 自然人 10, 商业企业 2, 总计 12.
  REQUIRE(docx.tables.size() >= 2);
  const auto& grid = docx.tables[1].grid;
  CHECK(grid[3][3] == "10");
  CHECK(grid[3][4] == "2");
  CHECK(grid[3][9] == "12");
  CHECK(docx.paragraphs.end() != std::find(docx.paragraphs.begin(), docx.paragraphs.end(), "本委全年新收申请12件，均依法答复。"));
  Xlsx xlsx = read_xlsx((agencies / "T001-测试市发展和改革委员会.xlsx").string());
  REQUIRE(!xlsx.sheets.empty());
}

TEST_CASE("two counties built separately roll up into a prefecture whose tables are their sum", "[e2e][rollup]") {
  fs::path dir = temp_dir("rollup");
  // County A is the basic case; county B the same agencies under another region code.
  fs::path a = dir / "a", b = dir / "b", pref = dir / "prefecture";
  fs::copy(kBasic, a);
  fs::copy(kBasic, b);
  std::string rb = slurp(b / "report.xml");
  rb = std::regex_replace(rb, std::regex("360999\">测试市"), "360998\">测试乙市");
  std::ofstream(b / "report.xml") << rb;
  REQUIRE(run_nianbao("build --inputs '" + a.string() + "' --output '" + (dir / "out-a").string() + "'", dir / "la") == 1);
  REQUIRE(run_nianbao("build --inputs '" + b.string() + "' --output '" + (dir / "out-b").string() + "'", dir / "lb") == 1);
  fs::create_directories(pref);
  fs::copy_file(dir / "out-a" / "merged.xml", pref / "county-a.xml");
  fs::copy_file(dir / "out-b" / "merged.xml", pref / "county-b.xml");
  std::ofstream(pref / "report.xml") << R"(<?xml version="1.0" encoding="UTF-8"?>
<report format="xxgk-2021" year="2025">
  <title>测试地区2025年政府信息公开工作年度报告</title>
  <compiler>测试地区人民政府办公室</compiler>
  <region code="360900">测试地区</region>
  <contact name="李某" phone="0795-7654321"/>
  <roster>
    <agency code="360999" name="测试市" kind="government"/>
    <agency code="360998" name="测试乙市" kind="government"/>
  </roster>
  <section id="overview"><p>全区共新收申请{{requests.new.total}}件。</p></section>
</report>
)";
  int status = run_nianbao("build --inputs '" + pref.string() + "' --output '" + (dir / "out-p").string() + "'", dir / "lp");
  INFO(slurp(dir / "lp.out"));
  CHECK(status == 0);
  auto fa = figures(dir / "out-a" / "merged.xml"), fb = figures(dir / "out-b" / "merged.xml"),
       fp = figures(dir / "out-p" / "merged.xml");
  REQUIRE(fp.size() == fa.size());
  const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  for (const auto& [key, value] : fp) {
    INFO(key);
    std::int64_t x = 0, y = 0, z = 0;
    ValueType type = key.find("amount") != std::string::npos ? ValueType::kMoney : ValueType::kCount;
    REQUIRE(parse_value(fa[key], type, x) == ParseStatus::kOk);
    REQUIRE(parse_value(fb[key], type, y) == ParseStatus::kOk);
    REQUIRE(parse_value(value, type, z) == ParseStatus::kOk);
    CHECK(z == x + y);
  }
  CHECK(fp["requests.new.total"] == "32");
}

TEST_CASE("the document is also written as PDF when asked and LibreOffice is installed", "[e2e][office]") {
  if (run_command("command -v soffice >/dev/null") != 0) {
    WARN("LibreOffice 未安装，跳过");
    return;
  }
  fs::path dir = temp_dir("pdf");
  REQUIRE(run_nianbao("build --inputs '" + kBasic.string() + "' --output '" + (dir / "out").string() + "' --pdf", dir / "l") == 1);
  auto summary = nlohmann::json::parse(slurp(dir / "out" / "summary.json"));
  bool listed = false;
  for (const auto& o : summary["outputs"]) listed = listed || o.get<std::string>().find(".pdf") != std::string::npos;
  CHECK(listed);
  CHECK(fs::exists(dir / "out" / "测试市2025年政府信息公开工作年度报告.pdf"));
  CHECK(slurp(dir / "out" / "测试市2025年政府信息公开工作年度报告.pdf").rfind("%PDF", 0) == 0);
}
