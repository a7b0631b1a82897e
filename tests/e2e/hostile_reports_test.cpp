// Hostile Word reports through a whole run (issue 15, item 7): zip bombs (headers lying and
// truthful), a ../ member name, a DTD with an entity expansion, tables nested in tables, tables
// of ten thousand rows. Each is one agency's only file: rejected with a code saying what it is,
// the run finishing in bounded time and memory. The files are made by tests/support/hostile_docx.py.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "e2e_run.h"
#include "ooxml_read.h"

using namespace nianbao::test;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const char* kReport =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report format=\"xxgk-2021\" year=\"2025\">\n"
    "  <title>丰城市2025年政府信息公开工作年度报告</title>\n  <compiler>丰城市人民政府办公室</compiler>\n"
    "  <region code=\"360981\">丰城市</region>\n  <published>2026-01-20</published>\n"
    "  <roster>\n    <agency code=\"D01\" name=\"丰城市发展和改革委员会\" kind=\"department\"/>\n  </roster>\n</report>\n";

struct Outcome {
  json file;              // its entry in summary.json
  double seconds = 0;     // wall time of the run
  long max_rss_kb = 0;    // peak memory of the run
  std::string printed;
};

// One run over report.xml and the hostile file `name` alone, under /usr/bin/time.
Outcome run_alone(const fs::path& made, const std::string& name, const fs::path& dir) {
  const fs::path inputs = dir / (name + "-inputs"), out = dir / (name + "-out");
  fs::create_directories(inputs);
  std::ofstream(inputs / "report.xml", std::ios::binary) << kReport;
  fs::rename(made / name, inputs / name);
  const fs::path log = dir / (name + ".log"), rss = dir / (name + ".rss");
  const auto start = std::chrono::steady_clock::now();
  const int status = run_command("/usr/bin/time -f %M -o '" + rss.string() + "' " + std::string(NIANBAO_BIN) + " build --inputs '" +
                                 inputs.string() + "' --output '" + out.string() + "' >'" + log.string() + "' 2>&1");
  Outcome o;
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  o.printed = slurp(log);
  INFO(o.printed);
  REQUIRE(status == 1);  // the agency's file sent back: a finished run, not a crash
  const std::string rss_text = slurp(rss);  // "Command exited with non-zero status 1\n" first
  o.max_rss_kb = std::stol(rss_text.substr(rss_text.find_last_of('\n', rss_text.size() - 2) + 1));
  const json summary = json::parse(slurp(out / "summary.json"));
  for (const auto& f : summary["files"])
    if (fs::path(f["path"].get<std::string>()).filename() == name) o.file = f;
  REQUIRE(o.file.is_object());
  fs::remove_all(inputs);
  return o;
}

}  // namespace

TEST_CASE("hostile Word reports are each sent back with a code that says what they are, in bounded time and memory",
          "[e2e][report][python]") {
  const fs::path dir = temp_dir("hostile-reports");
  REQUIRE(run_command("/usr/bin/python3 '" + std::string(NIANBAO_SOURCE_DIR) + "/tests/support/hostile_docx.py' '" +
                      (dir / "made").string() + "'") == 0);
  // file → the code of its first error and words of its message
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"bomb-lying-header.docx", "E011", "压缩包已损坏：部件 word/document.xml"},  // read to its declared 1 KiB only
      {"bomb-truthful.docx", "E801", "文档正文（word/document.xml）过大"},
      {"dotdot-member.docx", "E014", "部件名称不安全"},
      {"dtd.docx", "E802", "DOCTYPE"},
      {"nested-table.docx", "E804", "嵌套了表格"},
      {"nested-50-deep.docx", "E802", "元素嵌套过深"},  // 150 levels of tbl/tr/tc: over the 128 the parser allows
      {"rows-10001.docx", "E803", "超过 10000"},
  };
  for (const auto& [name, code, says] : cases) {
    const Outcome o = run_alone(dir / "made", name, dir);
    INFO(name << ": " << o.file.dump() << "\n" << o.printed);
    CHECK(o.file["outcome"] == "rejected");
    REQUIRE(o.file["errors"].size() >= 1);
    CHECK(o.file["errors"][0]["code"] == code);
    CHECK(o.file["errors"][0]["message"].get<std::string>().find(says) != std::string::npos);
    CHECK(o.file["errors"].size() <= 25);  // one clear reason, not a flood
    CHECK(o.seconds < 60);
    CHECK(o.max_rss_kb < 400 * 1024);  // the bombs inflate to 400 MiB and 1 GiB
  }
  SECTION("a statutory table followed by 9,999 rows of junk: rejected, each finding naming its place, the list bounded") {
    const Outcome o = run_alone(dir / "made", "rows-10000.docx", dir);
    INFO(o.file.dump() << "\n" << o.printed);
    CHECK(o.file["outcome"] == "rejected");
    CHECK(o.file["errors"].size() >= 1);
    CHECK(o.file["errors"].size() <= 101);
    CHECK(o.seconds < 60);
    CHECK(o.max_rss_kb < 400 * 1024);
  }
  fs::remove_all(dir);
}
