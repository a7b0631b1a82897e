// libFuzzer target: any bytes as one input file, through everything the batch does with a file
// before merging. load_xml_bytes (encoding, well-formedness, DOCTYPE, duplicate attributes),
// then read_submission + validate_submission against the real xxgk-2021 format and a small
// report, or read_report + check_report_sections when the root is <report>.
// Besides the sanitizers it checks what callers rely on: a file that cannot be loaded says why;
// every finding names the file, has a code like E201 and clean UTF-8 text (summary.json and
// the workbook carry it); a submission has one value per cell; at most 100 findings plus E111.
#include <cstddef>
#include <cstdint>
#include <string>

#include "format/format.h"
#include "fuzz_checks.h"
#include "input/readers.h"
#include "input/xml_file.h"
#include "validate/validator.h"

using namespace nianbao;

namespace {

struct Fixture {
  Format format = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  ReportFile report = fuzz::fengcheng_report();
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

void check_finding(const Diagnostic& d) {
  fuzz::check_finding(d, "inputs/fuzz.xml");
  fuzz::require(d.where.line >= 0 && d.where.column >= 0 && (d.where.line > 0 || d.where.column == 0), "bad place", d.code);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Fixture& fx = fixture();
  Diagnostics diags;
  auto xml = load_xml_bytes(std::string(reinterpret_cast<const char*>(data), size), "inputs/fuzz.xml", diags);
  if (!xml) {
    fuzz::require(diags.items().size() == 1 && diags.has_errors(), "an unloadable file must give exactly one error");
  } else if (xml->root_name() == "report") {
    auto report = read_report(*xml, diags);
    if (report) check_report_sections(*report, fx.format, diags);
    else fuzz::require(diags.has_errors(), "an unusable report must say why");
  } else {
    Submission sub = read_submission(*xml, fx.format, diags);
    validate_submission(sub, fx.format, fx.report, diags);
    fuzz::require(static_cast<int>(sub.values.size()) == fx.format.cell_count(), "values per cell");
    // Reading stops at 100; validation may add its own (format, year, roster, totals, rules).
    fuzz::require_bounded(diags, kMaxFindingsPerFile + 200, "findings not bounded");
  }
  for (const auto& d : diags.items()) check_finding(d);
  return 0;
}
