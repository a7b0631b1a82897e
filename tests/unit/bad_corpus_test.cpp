// Each file of the bad-input corpus (tests/data/bad) read and checked on its own, in process,
// the way the batch reads one file: the findings are exactly the ones its manifest row names,
// at the named line, and every message is clean UTF-8 (it goes into summary.json).
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>

#include <unistd.h>

#include "bad_corpus.h"
#include "format/format.h"
#include "input/readers.h"
#include "input/xml_file.h"
#include "text/utf8.h"
#include "validate/validator.h"

using namespace nianbao;
using namespace nianbao::test;
namespace fs = std::filesystem;

namespace {

const fs::path kCorpus = fs::path(NIANBAO_TEST_DATA) / "bad";
const fs::path kReport = fs::path(NIANBAO_TEST_DATA) / "mixed" / "report.xml";

bool clean_utf8(const std::string& s) {
  bool control = false;
  return find_invalid_utf8(s, control) == std::string::npos;
}

}  // namespace

TEST_CASE("every file of the bad-input corpus gives exactly its manifest's findings on its own", "[corpus]") {
  const Format format = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  Diagnostics report_diags;
  auto report_xml = load_xml_file(kReport.string(), "inputs/report.xml", report_diags);
  REQUIRE(report_xml);
  auto report = read_report(*report_xml, report_diags);
  REQUIRE(report);

  fs::path dir = fs::temp_directory_path() / ("nianbao-corpus-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  for (const auto& note : put_corpus(kCorpus, dir)) WARN(note);

  auto rows = read_manifest(kCorpus / "expected.tsv");
  std::map<std::string, std::vector<ExpectedFinding>> by_file;
  for (const auto& r : rows) by_file[r.file].push_back(r);
  for (const auto& [file, expected] : by_file) {
    INFO(file << "：" << expected[0].shows);
    Diagnostics diags;
    auto xml = load_xml_file((dir / file).string(), "inputs/" + file, diags);
    std::string root = xml ? xml->root_name() : "";
    const std::string& code = expected[0].code;
    // Findings only the batch can make: the file alone is fine, or not a submission at all.
    if (code == "E402") {
      REQUIRE(xml);
      REQUIRE(root == "submission");
    } else if (code == "W009") {
      CHECK(root != "submission");
      continue;
    } else if (code == "E502") {
      CHECK(root == "report");
      continue;
    }
    if (xml && root == "submission") {
      Submission sub = read_submission(*xml, format, diags);
      validate_submission(sub, format, *report, diags);
    }
    if (code == "E402") {
      CHECK(diags.empty());
      continue;
    }
    std::set<std::string> want, got;
    for (const auto& e : expected) want.insert(e.code);
    for (const auto& d : diags.items()) {
      got.insert(d.code);
      CHECK(d.where.file == "inputs/" + file);
      for (const std::string* text : {&d.message, &d.place, &d.found, &d.expected}) {
        INFO(d.code << " " << *text);
        CHECK(clean_utf8(*text));
      }
    }
    CHECK(got == want);
    for (const auto& e : expected) {
      bool found = false;
      for (const auto& d : diags.items()) found = found || (d.code == e.code && d.where.line == e.line);
      INFO(e.code << " 应在第 " << e.line << " 行");
      CHECK(found);
    }
    CHECK(diags.has_errors() == !expected[0].is_warning());
  }
  fs::remove_all(dir);
}
