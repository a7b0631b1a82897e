// libFuzzer target: any bytes as one input file, through everything the batch does with a file
// before merging. load_xml_bytes (encoding, well-formedness, DOCTYPE, duplicate attributes),
// then read_submission + validate_submission against the real xxgk-2021 format and a small
// report, or read_report + check_report_sections when the root is <report>.
// Besides the sanitizers it checks what callers rely on: a file that cannot be loaded says why;
// every finding names the file, has a code like E201 and clean UTF-8 text (summary.json and
// the workbook carry it); a submission has one value per cell; at most 100 findings plus E111.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>

#include "format/format.h"
#include "input/readers.h"
#include "input/xml_file.h"
#include "text/utf8.h"
#include "validate/validator.h"

using namespace nianbao;

namespace {

struct Fixture {
  Format format = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  ReportFile report;
  Fixture() {
    report.path = "inputs/report.xml";
    report.format = "xxgk-2021";
    report.year = 2025;
    report.title = "丰城市2025年政府信息公开工作年度报告";
    report.region_code = "360981";
    report.region_name = "丰城市";
    report.roster.push_back(Agency{"FC001", "丰城市发展和改革委员会", AgencyKind::kDepartment, {}});
    report.roster.push_back(Agency{"FC101", "剑光街道办事处", AgencyKind::kTownship, {}});
    report.index_roster();
  }
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

void require(bool ok, const char* what, const std::string& detail = "") {
  if (ok) return;
  std::fprintf(stderr, "invariant broken: %s %s\n", what, detail.c_str());
  std::abort();
}

void check_finding(const Diagnostic& d) {
  require(d.where.file == "inputs/fuzz.xml", "finding names another file", d.where.file);
  require(d.code.size() == 4 && (d.code[0] == 'E' || d.code[0] == 'W'), "bad code", d.code);
  require(!d.message.empty(), "empty message", d.code);
  require(d.where.line >= 0 && d.where.column >= 0 && (d.where.line > 0 || d.where.column == 0), "bad place", d.code);
  for (const std::string* text : {&d.message, &d.place, &d.found, &d.expected}) {
    bool control = false;
    require(find_invalid_utf8(*text, control) == std::string::npos, "text is not clean UTF-8", d.code + " " + *text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Fixture& fx = fixture();
  Diagnostics diags;
  auto xml = load_xml_bytes(std::string(reinterpret_cast<const char*>(data), size), "inputs/fuzz.xml", diags);
  if (!xml) {
    require(diags.items().size() == 1 && diags.has_errors(), "an unloadable file must give exactly one error");
  } else if (xml->root_name() == "report") {
    auto report = read_report(*xml, diags);
    if (report) check_report_sections(*report, fx.format, diags);
    else require(diags.has_errors(), "an unusable report must say why");
  } else {
    Submission sub = read_submission(*xml, fx.format, diags);
    validate_submission(sub, fx.format, fx.report, diags);
    require(static_cast<int>(sub.values.size()) == fx.format.cell_count(), "values per cell");
    std::size_t findings = 0;
    for (const auto& d : diags.items()) findings += d.code != "E111";
    // Reading stops at 100; validation may add its own (format, year, roster, totals, rules).
    require(findings <= kMaxFindingsPerFile + 200, "findings not bounded");
  }
  for (const auto& d : diags.items()) check_finding(d);
  return 0;
}
