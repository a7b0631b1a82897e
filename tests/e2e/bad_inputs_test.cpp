// The acceptance run for bad input: good files (tests/data/mixed) and the whole bad-input corpus
// (tests/data/bad, with the diagnostic each file must produce in expected.tsv) in one folder, one
// `nianbao build`. Every bad file is rejected with its code and line, every good file is accepted
// and counted, the merged totals are the good files' alone, and every file is accounted for.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include "bad_corpus.h"
#include "format/format.h"
#include "ooxml_read.h"
#include "submission_figures.h"

using namespace nianbao;
using namespace nianbao::test;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const fs::path kData = NIANBAO_TEST_DATA;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path fresh_dir(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("nianbao-bad-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

struct Run {
  int status = -1;
  std::string out, err;
  json summary;
};

Run build(const fs::path& inputs, const fs::path& out, const std::string& extra = "") {
  Run r;
  fs::path log = out.parent_path() / (out.filename().string() + ".log");
  r.status = run_command("timeout 300 " + std::string(NIANBAO_BIN) + " build --inputs '" + inputs.string() + "' --output '" +
                         out.string() + "' " + extra + " >'" + log.string() + ".out' 2>'" + log.string() + ".err'");
  r.out = slurp(log.string() + ".out");
  r.err = slurp(log.string() + ".err");
  if (fs::exists(out / "summary.json")) r.summary = json::parse(slurp(out / "summary.json"));
  return r;
}

// The display path nianbao gives a file: relative to the inputs folder as it was named.
std::string relative_name(const fs::path& file, const fs::path& inputs) { return fs::relative(file, inputs).generic_string(); }

}  // namespace

TEST_CASE("a folder mixing good files with every kind of bad file: bad ones rejected with code and line, only good ones counted",
          "[e2e][bad]") {
  const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  const auto rows = read_manifest(kData / "bad" / "expected.tsv");
  fs::path dir = fresh_dir("mixed");
  fs::path in = dir / "inputs";
  fs::copy(kData / "mixed", in, fs::copy_options::recursive);
  for (const auto& note : put_corpus(kData / "bad", in)) WARN(note);
  // Copies of a good file that are not submissions by their name or folder: an Office lock file,
  // macOS's ._ file and its __MACOSX folder, a hidden file. Read, each would be a second file of
  // the agency and send both back (E402).
  fs::create_directories(in / "__MACOSX" / "乡镇");
  for (const char* copy : {"~$good-utf8.xml", "._good-utf8.xml", "__MACOSX/._good-utf8.xml", "__MACOSX/乡镇/good-utf8.xml",
                           ".good-utf8.xml"})
    fs::copy_file(in / "good-utf8.xml", in / copy);

  Run r = build(in, dir / "out");
  INFO(r.err);
  CHECK(r.status == 1);
  REQUIRE(r.summary.is_object());
  CHECK(r.summary["status"] == "partial");

  // What the folder holds: every entry that is not a folder, links and pipes included.
  std::set<std::string> on_disk;
  for (auto it = fs::recursive_directory_iterator(in); it != fs::recursive_directory_iterator(); ++it)
    if (!it->is_directory()) on_disk.insert(relative_name(it->path(), in));
  std::map<std::string, json> listed;
  std::size_t accepted = 0, rejected = 0, ignored = 0;
  for (const auto& file : r.summary["files"]) {
    std::string path = file["path"];
    REQUIRE(path.rfind(in.string() + "/", 0) == 0);
    std::string name = path.substr(in.string().size() + 1);
    CHECK(listed.emplace(name, file).second);  // each file once
    accepted += file["outcome"] == "accepted";
    rejected += file["outcome"] == "rejected";
    ignored += file["outcome"] == "ignored";
  }
  std::set<std::string> listed_names;
  for (const auto& [name, _] : listed) listed_names.insert(name);
  CHECK(listed_names == on_disk);
  CHECK(accepted + rejected + ignored == on_disk.size());

  // The bad files: each with exactly its findings, at its line. W files are accepted.
  std::map<std::string, std::vector<ExpectedFinding>> expected;
  for (const auto& row : rows) expected[row.file].push_back(row);
  CHECK(expected.size() >= 40);
  std::set<std::string> counted;  // files whose figures are in the totals
  for (const auto& [name, want] : expected) {
    INFO(name << "：" << want[0].shows);
    REQUIRE(listed.count(name));
    const json& file = listed[name];
    std::set<std::string> want_codes, got_codes;
    for (const auto& w : want) want_codes.insert(w.code);
    std::vector<std::pair<std::string, int>> got;
    if (want[0].is_warning()) {
      // Not a submission at all (W009): ignored, with its warning; any other warning: accepted.
      CHECK(file["outcome"] == (want[0].code == "W009" ? "ignored" : "accepted"));
      if (want[0].code != "W009") counted.insert(name);
      for (const auto& w : r.summary["warnings"])
        if (w["path"] == file["path"]) got.emplace_back(w["code"], w["line"]);
    } else {
      CHECK(file["outcome"] == "rejected");
      for (const auto& e : file["errors"]) {
        got.emplace_back(e["code"], e["line"]);
        CHECK_FALSE(e["message"].get<std::string>().empty());
      }
    }
    for (const auto& [code, line] : got) got_codes.insert(code);
    CHECK(got_codes == want_codes);
    for (const auto& w : want) {
      INFO(w.code << " 应在第 " << w.line << " 行");
      CHECK(std::find(got.begin(), got.end(), std::pair{w.code, w.line}) != got.end());
    }
  }
  // Both files of one agency are sent back, each naming the other: nothing is chosen silently.
  for (const char* name : {"duplicate-agency-1.xml", "duplicate-agency-2.xml"}) {
    std::string other = std::string(name) == "duplicate-agency-1.xml" ? "duplicate-agency-2.xml" : "duplicate-agency-1.xml";
    CHECK(listed[name]["errors"][0]["found"].get<std::string>().find(other) != std::string::npos);
  }

  // The good files: accepted under their agency; the rest of mixed/ is ignored, never dropped.
  std::set<std::string> good;
  for (const auto& name : on_disk)
    if (!expected.count(name) && name != "report.xml" && fs::path(name).extension() == ".xml" &&
        name.rfind("__MACOSX/", 0) != 0 && name[0] != '.' && name[0] != '~')
      good.insert(name);
  CHECK(good.size() == 6);
  for (const auto& name : good) {
    INFO(name);
    CHECK(listed[name]["outcome"] == "accepted");
    CHECK(listed[name]["agency"].get<std::string>().rfind("G0", 0) == 0);
    counted.insert(name);
  }
  CHECK(listed["report.xml"]["outcome"] == "accepted");
  for (const char* name : {"notes.txt", "README", "~$年度报告.docx", ".~lock.年度报告.docx#"}) {
    INFO(name);
    CHECK(listed[name]["outcome"] == "ignored");
    CHECK_FALSE(listed[name]["reason"].get<std::string>().empty());
  }
  for (const char* name : {"~$good-utf8.xml", "._good-utf8.xml", "__MACOSX/._good-utf8.xml", "__MACOSX/乡镇/good-utf8.xml",
                           ".good-utf8.xml", "wrong-root-element.xml"}) {
    INFO(name);
    CHECK(listed[name]["outcome"] == "ignored");
    CHECK_FALSE(listed[name]["reason"].get<std::string>().empty());
  }
  CHECK(ignored == 10);
  CHECK(r.summary["counts"]["accepted"] == counted.size());

  // The office's report lists every file that was not used, so the agency can be told.
  std::string report_text = slurp(dir / "out" / "校验报告.txt");
  for (const auto& [name, file] : listed)
    if (file["outcome"] != "accepted") CHECK(report_text.find(file["path"].get<std::string>()) != std::string::npos);

  // The merged totals are the sum of the counted files alone.
  std::vector<std::int64_t> want(f.cell_count(), 0);
  for (const auto& name : counted) add_figures(f, in / name, want);
  compute_totals(f, want);
  int checked = 0;
  for (const auto& [cell, text] : file_figures(f, dir / "out" / "merged.xml")) {
    INFO(f.cell_path(cell));
    CHECK(text == format_value(want[cell], f.cells[cell].type));
    ++checked;
  }
  CHECK(checked == f.cell_count());
  // By hand: the six good files give 5 + 6 + 7 + 8 + 9 + 10 new requests, fee-notices-too-few.xml 2.
  pugi::xml_document merged;
  REQUIRE(merged.load_file((dir / "out" / "merged.xml").c_str()));
  CHECK(std::string(merged.select_node("//table[@id='requests']/row[@id='new']").node().attribute("total").value()) == "47");
  fs::remove_all(dir);
}

TEST_CASE("a fault in the report file stops the run with its code and writes nothing", "[e2e][bad]") {
  const fs::path basic = kData / "e2e" / "basic";
  const std::string report = slurp(basic / "report.xml");
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string r = report;
    REQUIRE(r.find(from) != std::string::npos);
    return r.replace(r.find(from), from.size(), to);
  };
  struct Case {
    const char* code;
    std::string report;  // "" removes report.xml
    const char* shows;
  };
  const std::vector<Case> cases = {
      {"E501", "", "没有报告文件"},
      {"E502", "<?xml version=\"1.0\"?>\n<submission format=\"xxgk-2021\" year=\"2025\"/>\n", "report.xml 不是报告文件"},
      {"E503", replace("format=\"xxgk-2021\"", "format=\"xxgk-2030\""), "未知的格式"},
      {"E504", replace("<title>测试市2025年政府信息公开工作年度报告</title>", ""), "缺少标题"},
      {"E505", replace("{{requests.new.total}}", "{{requests.nwe.total}}"), "正文占位符有误"},
      {"E506", replace("code=\"T002\"", "code=\"T001\""), "名单中单位代码重复"},
      {"E507", replace("<section id=\"other\">", "<section id=\"others\">"), "格式中没有的章节"},
      {"E508", replace("<roster>", "<roster><unit code=\"T9\" name=\"某局\"/>"), "名单中不认识的元素"},
      {"E006", report.substr(0, report.find("<roster>")), "报告文件被截断"},
  };
  fs::path dir = fresh_dir("report");
  for (const auto& c : cases) {
    INFO(c.code << "：" << c.shows);
    fs::path in = dir / c.code;
    fs::copy(basic, in);
    if (c.report.empty()) fs::remove(in / "report.xml");
    else std::ofstream(in / "report.xml", std::ios::binary) << c.report;
    Run r = build(in, dir / (std::string(c.code) + "-out"));
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK(r.err.find(std::string("错误 ") + c.code + "：") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / (std::string(c.code) + "-out")));
  }
  fs::remove_all(dir);
}

TEST_CASE("last year's figures that do not carry over give warnings, not rejections", "[e2e][bad]") {
  const fs::path basic = kData / "e2e" / "basic";
  fs::path dir = fresh_dir("previous");
  Run first = build(basic, dir / "last-year");
  REQUIRE(first.status == 1);
  // Last year's merged.xml as next year's run would get it, with two figures that do not carry over.
  std::string prev = slurp(dir / "last-year" / "merged.xml");
  auto set = [&](const std::string& from, const std::string& to) {
    REQUIRE(prev.find(from) != std::string::npos);
    prev.replace(prev.find(from), from.size(), to);
  };
  set("year=\"2025\"", "year=\"2024\"");
  set("<row id=\"carried_out\" natural=\"2\"", "<row id=\"carried_out\" natural=\"5\"");
  set("<row id=\"normative\" issued=\"3\" repealed=\"1\" in_force=\"23\"", "<row id=\"normative\" issued=\"3\" repealed=\"1\" in_force=\"3\"");
  std::ofstream(dir / "prev.xml", std::ios::binary) << prev;
  Run r = build(basic, dir / "out", "--previous '" + (dir / "prev.xml").string() + "'");
  CHECK(r.status == 1);  // as without --previous: one agency missing, no file rejected for it
  std::multiset<std::string> codes;
  for (const auto& w : r.summary["warnings"]) codes.insert(w["code"].get<std::string>());
  CHECK(codes.count("W304") == 2);  // the 自然人 column and the 总计 column
  CHECK(codes.count("W305") == 1);  // 行政规范性文件 only
  for (const auto& f : r.summary["files"]) CHECK(f["outcome"] != "rejected");
  // The office's report lists them too, with both numbers, under the merged totals; every part
  // of the report is there, an empty one saying so.
  std::string report_text = slurp(dir / "out" / "校验报告.txt");
  CHECK(report_text.find("汇总数（与上年数据比较）") != std::string::npos);
  CHECK(report_text.find("[W304]") != std::string::npos);
  CHECK(report_text.find("[W305]") != std::string::npos);
  for (const char* part : {"一、被退回的单位", "二、未报送的单位", "三、请核对的事项", "四、其他文件"})
    CHECK(report_text.find(part) != std::string::npos);
  CHECK(report_text.find("一、被退回的单位（须修改后重新报送）\n  无。") != std::string::npos);

  set("year=\"2024\"", "year=\"2023\"");
  std::ofstream(dir / "prev.xml", std::ios::binary) << prev;
  Run old = build(basic, dir / "out2", "--previous '" + (dir / "prev.xml").string() + "'");
  CHECK(old.status == 1);
  bool w511 = false;
  for (const auto& w : old.summary["warnings"]) w511 = w511 || w["code"] == "W511";
  CHECK(w511);

  Run wrong = build(basic, dir / "out3", "--previous '" + (basic / "report.xml").string() + "'");
  CHECK(wrong.status == 2);
  CHECK(wrong.err.find("错误 E510：") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("a rejected file that names no roster agency makes the run partial", "[e2e][bad]") {
  // Every agency of the roster is accepted; a further file cannot be tied to any of them. It may
  // be an agency's corrected resubmission, so the report is not complete.
  fs::path dir = fresh_dir("unattributed");
  fs::path in = dir / "inputs";
  REQUIRE(run_command(std::string(NIANBAO_GEN) + " 5 '" + in.string() + "'") == 0);
  Run complete = build(in, dir / "complete");
  REQUIRE(complete.status == 0);
  CHECK(complete.summary["status"] == "complete");

  struct Case {
    const char* name;
    std::string text;
  };
  std::vector<fs::path> submissions;
  for (auto it = fs::recursive_directory_iterator(in); it != fs::recursive_directory_iterator(); ++it)
    if (it->path().extension() == ".xml" && it->path().filename() != "report.xml") submissions.push_back(it->path());
  REQUIRE_FALSE(submissions.empty());
  std::string good = slurp(submissions[0]);
  std::string unknown = good;
  const std::string code_attr = "code=\"";
  std::size_t at = unknown.find(code_attr);
  REQUIRE(at != std::string::npos);
  unknown.insert(at + code_attr.size(), "X");  // a code not on the roster
  REQUIRE(good.find("<agency") != std::string::npos);
  const Case cases[] = {{"truncated-before-agency.xml", good.substr(0, good.find("<agency"))}, {"not-on-roster.xml", unknown}};
  for (const auto& c : cases) {
    INFO(c.name);
    fs::path case_in = dir / (std::string(c.name) + "-in");
    fs::copy(in, case_in, fs::copy_options::recursive);
    std::ofstream(case_in / c.name, std::ios::binary) << c.text;
    fs::path out = dir / (std::string(c.name) + "-out");
    Run r = build(case_in, out);
    CHECK(r.status == 1);
    CHECK(r.summary["status"] == "partial");
    CHECK(r.summary["missing"].empty());
    CHECK(r.summary["counts"]["rejected_files_without_agency"] == 1);
    // The first page says it is a draft, naming the file that could not be tied to an agency.
    std::string report_text = slurp(out / "校验报告.txt");
    CHECK(report_text.find("另有 1 个文件被退回且无法对应名单中的单位") != std::string::npos);
    CHECK(report_text.find(c.name) != std::string::npos);
    // --strict writes nothing.
    Run strict = build(case_in, dir / (std::string(c.name) + "-strict"), "--strict");
    CHECK(strict.status == 2);
    CHECK_FALSE(fs::exists(dir / (std::string(c.name) + "-strict") / "summary.json"));
  }
  fs::remove_all(dir);
}

TEST_CASE("a statutory section missing from report.xml is a warning naming its heading, and the run goes on", "[e2e][bad]") {
  fs::path dir = fresh_dir("section");
  fs::path in = dir / "inputs";
  REQUIRE(run_command(std::string(NIANBAO_GEN) + " 3 '" + in.string() + "'") == 0);
  std::string report = slurp(in / "report.xml");
  const std::string problems = "<section id=\"problems\">";
  std::size_t at = report.find(problems);
  REQUIRE(at != std::string::npos);
  report.erase(at, report.find("</section>", at) + 10 - at);
  std::ofstream(in / "report.xml", std::ios::binary) << report;
  Run r = build(in, dir / "out");
  CHECK(r.status == 0);  // a warning: every agency accepted, the report complete
  int w512 = 0;
  for (const auto& w : r.summary["warnings"])
    if (w["code"] == "W512") {
      ++w512;
      CHECK(w["message"].get<std::string>().find("五、存在的主要问题及改进情况") != std::string::npos);
    }
  CHECK(w512 == 1);
  CHECK(slurp(dir / "out" / "校验报告.txt").find("[W512]") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("an unreadable file whose agency code can be told sends that agency back, not to 未报送", "[e2e][bad]") {
  // An agency's corrected file arrives truncated beside its first one: the agency is 被退回 with
  // both files (nothing chosen silently), and the office knows whose file it is.
  fs::path dir = fresh_dir("sniffed");
  fs::path in = dir / "inputs";
  REQUIRE(run_command(std::string(NIANBAO_GEN) + " 4 '" + in.string() + "'") == 0);
  fs::path first;
  for (auto it = fs::recursive_directory_iterator(in); it != fs::recursive_directory_iterator(); ++it)
    if (it->path().extension() == ".xml" && it->path().filename() != "report.xml") {
      first = it->path();
      break;
    }
  REQUIRE_FALSE(first.empty());
  std::string text = slurp(first);
  std::ofstream(in / "resubmitted.xml", std::ios::binary) << text.substr(0, text.size() - 20);  // truncated
  std::string code = text.substr(text.find("code=\"", text.find("<agency")) + 6);
  code = code.substr(0, code.find('"'));
  Run r = build(in, dir / "out");
  CHECK(r.status == 1);
  CHECK(r.summary["status"] == "partial");
  CHECK(r.summary["missing"].empty());
  CHECK(r.summary["counts"]["rejected"] == 1);
  CHECK(r.summary["counts"]["rejected_files_without_agency"] == 0);
  for (const auto& f : r.summary["files"]) {
    std::string path = f["path"];
    if (path.find("resubmitted.xml") == std::string::npos && path != (in / fs::relative(first, in)).string()) continue;
    INFO(path);
    CHECK(f["outcome"] == "rejected");
    CHECK(f["agency"] == code);
    std::set<std::string> codes;
    for (const auto& e : f["errors"]) codes.insert(e["code"].get<std::string>());
    CHECK(codes.count("E402") == 1);
  }
  fs::remove_all(dir);
}

TEST_CASE("a named pipe is never waited on, also while the report file is looked for in sub-folders", "[e2e][bad]") {
  // Without inputs/report.xml, every .xml file's first bytes are looked at to find the report
  // file: a pipe named .xml must not block the run.
  fs::path dir = fresh_dir("pipe");
  fs::path in = dir / "inputs";
  REQUIRE(run_command(std::string(NIANBAO_GEN) + " 2 '" + in.string() + "'") == 0);
  fs::create_directories(in / "办公室");
  fs::rename(in / "report.xml", in / "办公室" / "report.xml");
  REQUIRE(::mkfifo((in / "pipe.xml").c_str(), 0644) == 0);
  Run r = build(in, dir / "out");
  CHECK(r.status == 1);  // the pipe is rejected (E001); the two agencies are accepted
  CHECK(r.summary["missing"].empty());
  bool pipe_rejected = false;
  for (const auto& f : r.summary["files"])
    if (f["path"].get<std::string>().find("pipe.xml") != std::string::npos) pipe_rejected = f["outcome"] == "rejected";
  CHECK(pipe_rejected);
  fs::remove_all(dir);
}
