// --previous pointing at last year's output folder (issue 15, item 5): a 2024 run's output is
// kept as it is, and the 2025 run reads its merged.xml and 各单位数据.xml from the folder (or from
// the merged.xml path, as before) and checks each agency against its own last year: 上年结转
// against last year's 结转下年度 (W908), 现行有效件数 (W909), a section copied from last year (W903).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "e2e_run.h"

using namespace nianbao::test;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string report_xml(int year) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report format=\"xxgk-2021\" year=\"" + std::to_string(year) +
         "\">\n  <title>丰城市" + std::to_string(year) +
         "年政府信息公开工作年度报告</title>\n  <compiler>丰城市人民政府办公室</compiler>\n"
         "  <region code=\"360981\">丰城市</region>\n  <published>" + std::to_string(year + 1) + "-01-20</published>\n"
         "  <roster>\n    <agency code=\"A01\" name=\"丰城市民政局\" kind=\"department\"/>\n"
         "    <agency code=\"A02\" name=\"丰城市司法局\" kind=\"department\"/>\n  </roster>\n</report>\n";
}

struct Figures {
  int carried_in = 0, new_requests = 0, granted = 0, carried_out = 0;
  int issued = 0, repealed = 0, in_force = 0;
};

// One agency's submission: natural-person requests only (new + carried in = granted + carried
// out), its 行政规范性文件 and its section 五.
std::string submission(int year, const std::string& code, const std::string& name, const Figures& f, const std::string& problems) {
  auto n = [](int x) { return std::to_string(x); };
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<submission format=\"xxgk-2021\" year=\"" + n(year) + "\">\n  <agency code=\"" +
         code + "\" name=\"" + name + "\" kind=\"department\"/>\n  <table id=\"active\">\n    <row id=\"normative\" issued=\"" +
         n(f.issued) + "\" repealed=\"" + n(f.repealed) + "\" in_force=\"" + n(f.in_force) +
         "\"/>\n  </table>\n  <table id=\"requests\">\n    <row id=\"new\" natural=\"" + n(f.new_requests) +
         "\"/>\n    <row id=\"carried_in\" natural=\"" + n(f.carried_in) + "\"/>\n    <row id=\"granted\" natural=\"" +
         n(f.granted) + "\"/>\n    <row id=\"carried_out\" natural=\"" + n(f.carried_out) +
         "\"/>\n  </table>\n  <section id=\"problems\"><p>" + problems + "</p></section>\n"
         "  <section id=\"other\"><p>本年度未收取信息处理费。</p></section>\n</submission>\n";
}

const std::string kMinzheng2024 =
    "一是政策解读形式较为单一，图表、视频解读占比不高；二是依申请公开答复文书的规范性有待加强。下一步将丰富解读形式，统一答复文书模板。";
const std::string kSifa2024 =
    "部分栏目信息更新不够及时，公开内容与群众需求结合不够紧密。今后将建立栏目巡查机制，每月通报更新情况，围绕法律援助、公证等事项做好公开。";
const std::string kSifa2025 =
    "法治政府建设信息公开的深度不够，行政执法公示的数据更新较慢。将推动执法信息平台与门户网站对接，按季度公开执法统计数据，并开展专项培训。";

std::vector<json> warnings(const Run& r, const std::string& code) {
  std::vector<json> out;
  for (const auto& w : r.summary["warnings"])
    if (w["code"] == code) out.push_back(w);
  return out;
}

bool says(const json& w, const std::string& text) { return w["message"].get<std::string>().find(text) != std::string::npos; }

}  // namespace

TEST_CASE("last year's output folder as --previous: each agency is checked against its own last year", "[e2e][previous]") {
  const fs::path dir = temp_dir("previous-folder");
  // 2024: 民政局 carries 5 requests over and has 20 规范性文件 in force; 司法局 carries none.
  write(dir / "2024" / "report.xml", report_xml(2024));
  write(dir / "2024" / "A01.xml", submission(2024, "A01", "丰城市民政局", {0, 9, 4, 5, 2, 0, 20}, kMinzheng2024));
  write(dir / "2024" / "A02.xml", submission(2024, "A02", "丰城市司法局", {0, 3, 3, 0, 1, 0, 8}, kSifa2024));
  const Run last = build(dir / "2024", dir / "2024-output");
  INFO(last.stdout_text << last.stderr_text);
  REQUIRE(last.status == 0);
  REQUIRE(fs::exists(dir / "2024-output" / "各单位数据.xml"));

  // 2025: 民政局 says 3 were carried in (last year: 5), 23 in force (20 + 3 − 1 = 22), and sends
  // last year's section 五 again; 司法局 is consistent and writes a new one.
  write(dir / "2025" / "report.xml", report_xml(2025));
  write(dir / "2025" / "A01.xml", submission(2025, "A01", "丰城市民政局", {3, 7, 10, 0, 3, 1, 23}, kMinzheng2024));
  write(dir / "2025" / "A02.xml", submission(2025, "A02", "丰城市司法局", {0, 2, 2, 0, 0, 0, 8}, kSifa2025));

  auto check = [&](const Run& r) {
    INFO(r.stdout_text << r.stderr_text);
    REQUIRE(r.status == 0);  // warnings only
    const auto w908 = warnings(r, "W908"), w909 = warnings(r, "W909"), w903 = warnings(r, "W903");
    REQUIRE(w908.size() == 1);
    CHECK(fs::path(w908[0]["path"].get<std::string>()).filename() == "A01.xml");
    CHECK(says(w908[0], "（自然人）为 3 件，而上年（2024年）报送的“四、结转下年度继续办理”为 5 件"));
    REQUIRE(w909.size() == 1);
    CHECK(says(w909[0], "本年现行有效 23 件，而上年（2024年）现行有效 20 件 + 本年制发 3 件 − 本年废止 1 件 = 22 件"));
    REQUIRE(w903.size() == 1);
    CHECK(fs::path(w903[0]["path"].get<std::string>()).filename() == "A01.xml");
    CHECK(says(w903[0], "“五、存在的主要问题及改进情况”与本单位上年（2024年）报送的“五、存在的主要问题及改进情况”有 100% 相同"));
    CHECK(warnings(r, "W910").empty());
  };
  SECTION("the folder") { check(build(dir / "2025", dir / "out", "--previous '" + (dir / "2024-output").string() + "'")); }
  SECTION("its merged.xml, as before") {
    check(build(dir / "2025", dir / "out", "--previous '" + (dir / "2024-output" / "merged.xml").string() + "'"));
  }
  SECTION("a copy of the folder saved elsewhere (links into its generations copied as they are)") {
    fs::create_directories(dir / "2024年");
    copy_tree(dir / "2024-output", dir / "2024年" / "output");
    check(build(dir / "2025", dir / "out", "--previous '" + (dir / "2024年" / "output").string() + "'"));
  }
  SECTION("last year's merged.xml alone: the totals are compared, the per-agency checks are not, and W910 says so") {
    fs::create_directories(dir / "old");
    fs::copy_file(dir / "2024-output" / "merged.xml", dir / "old" / "merged.xml");
    const Run r = build(dir / "2025", dir / "out", "--previous '" + (dir / "old").string() + "'");
    INFO(r.stdout_text << r.stderr_text);
    CHECK(warnings(r, "W910").size() == 1);
    CHECK(warnings(r, "W908").empty());
    CHECK(warnings(r, "W903").empty());
  }
  fs::remove_all(dir);
}
