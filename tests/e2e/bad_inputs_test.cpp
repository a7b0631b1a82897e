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
#include <unistd.h>

#include "bad_corpus.h"
#include "format/format.h"
#include "ooxml_read.h"

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

// Every cell a submission file gives, computed cells left out, read independently of nianbao
// (pugixml reads the figures of a GBK file too: they are ASCII).
void add_figures(const Format& f, const fs::path& file, std::vector<std::int64_t>& sum) {
  pugi::xml_document d;
  INFO(file.string());
  REQUIRE(d.load_file(file.c_str()));
  for (auto t : d.child("submission").children("table")) {
    int ti = f.find_table(t.attribute("id").value());
    REQUIRE(ti >= 0);
    for (auto row : t.children("row")) {
      int ri = f.tables[ti].find_row(row.attribute("id").value());
      for (auto a : row.attributes()) {
        if (std::string(a.name()) == "id") continue;
        int cell = f.cell(ti, ri, f.tables[ti].find_column(a.name()));
        REQUIRE(cell >= 0);
        if (f.cells[cell].computed()) continue;
        std::int64_t raw = 0;
        REQUIRE(parse_value(a.value(), f.cells[cell].type, raw) == ParseStatus::kOk);
        sum[cell] += raw;
      }
    }
  }
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
      CHECK(file["outcome"] == "accepted");
      counted.insert(name);
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
    if (!expected.count(name) && name != "report.xml" && fs::path(name).extension() == ".xml") good.insert(name);
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
  CHECK(ignored == 4);
  CHECK(r.summary["counts"]["accepted"] == counted.size());

  // The office's report lists every file that was not used, so the agency can be told.
  std::string report_text = slurp(dir / "out" / "校验报告.txt");
  for (const auto& [name, file] : listed)
    if (file["outcome"] != "accepted") CHECK(report_text.find(file["path"].get<std::string>()) != std::string::npos);

  // The merged totals are the sum of the counted files alone.
  std::vector<std::int64_t> want(f.cell_count(), 0);
  for (const auto& name : counted) add_figures(f, in / name, want);
  for (int c : f.computed_order) {
    want[c] = 0;
    for (int k : f.cells[c].sum_of) want[c] += want[k];
  }
  pugi::xml_document merged;
  REQUIRE(merged.load_file((dir / "out" / "merged.xml").c_str()));
  int checked = 0;
  for (auto t : merged.child("submission").children("table")) {
    int ti = f.find_table(t.attribute("id").value());
    REQUIRE(ti >= 0);
    for (auto row : t.children("row")) {
      int ri = f.tables[ti].find_row(row.attribute("id").value());
      for (auto a : row.attributes()) {
        if (std::string(a.name()) == "id") continue;
        int cell = f.cell(ti, ri, f.tables[ti].find_column(a.name()));
        INFO(f.cell_path(cell));
        CHECK(a.value() == format_value(want[cell], f.cells[cell].type));
        ++checked;
      }
    }
  }
  CHECK(checked == f.cell_count());
  // By hand: the six good files give 5 + 6 + 7 + 8 + 9 + 10 new requests, fee-notices-too-few.xml 2.
  CHECK(std::string(merged.select_node("//table[@id='requests']/row[@id='new']").node().attribute("total").value()) == "47");
  fs::remove_all(dir);
}
