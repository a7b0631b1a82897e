// libFuzzer target: any bytes as the word/document.xml of an agency's own Word report, through
// read_report_docx (body model, table identification and label matching, other formats,
// narrative, agency and year) and validate_submission, against the real xxgk-2021 format.
// Besides the sanitizers it checks what callers rely on: every finding names the file, has a
// code like E801 and clean UTF-8 text; a submission has one value per cell and a location for
// every given figure; findings are bounded; a file ignored as no report carries W828.
#include <cstddef>
#include <cstdint>
#include <string>

#include "format/format.h"
#include "fuzz_checks.h"
#include "input/docx_report.h"
#include "validate/validator.h"

using namespace nianbao;

namespace {

struct Fixture {
  Format format = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  ReportReader reader{format};
  ReportFile report = fuzz::fengcheng_report({Agency{"FC001", "丰城市发展和改革委员会", AgencyKind::kDepartment, {}},
                                              Agency{"FC002", "丰城市财政局", AgencyKind::kDepartment, {}}});
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

void check_finding(const Diagnostic& d) {
  fuzz::check_finding(d, "inputs/fuzz.docx");
  fuzz::require(d.where.table >= 0 && d.where.row >= 0 && d.where.col >= 0, "bad place", d.code);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Fixture& fx = fixture();
  Diagnostics diags;
  std::string xml(reinterpret_cast<const char*>(data), size);
  ReportReadResult r = fx.reader.read(xml, "inputs/fuzz.docx", "fuzz.docx", fx.report, diags);
  if (r.kind == ReportDocKind::kNotAReport) {
    fuzz::require(diags.items().size() == 1 && diags.items()[0].code == "W828", "an ignored file says why, once", diags.items().empty() ? "" : diags.items()[0].code + " " + std::to_string(diags.items().size()) + (diags.items().size() > 1 ? " " + diags.items()[1].code + " " + diags.items()[1].message : ""));
  } else {
    Submission& sub = r.submission;
    fuzz::require(static_cast<int>(sub.values.size()) == fx.format.cell_count(), "values per cell");
    for (const auto& g : sub.given) {
      fuzz::require(g.cell >= 0 && g.cell < fx.format.cell_count(), "given cell out of range");
      fuzz::require(sub.locate && sub.locate(g.offset).table > 0, "a given figure without its table");
    }
    fuzz::require(diags.items().size() <= kMaxFindingsPerFile + 20, "findings not bounded");
    validate_submission(sub, fx.format, fx.report, diags);
  }
  for (const auto& d : diags.items()) check_finding(d);
  return 0;
}
