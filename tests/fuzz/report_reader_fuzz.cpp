// libFuzzer target: any bytes as the word/document.xml of an agency's own Word report, through
// read_report_docx (body model, table identification and label matching, other formats,
// narrative, agency and year) and validate_submission, against the real xxgk-2021 format.
// Besides the sanitizers it checks what callers rely on: every finding names the file, has a
// code like E801 and clean UTF-8 text; a submission has one value per cell and a location for
// every given figure; findings are bounded; a file ignored as no report carries W828.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "format/format.h"
#include "input/docx_report.h"
#include "text/utf8.h"
#include "validate/validator.h"

using namespace nianbao;

namespace {

struct Fixture {
  Format format = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  ReportReader reader{format};
  ReportFile report;
  Fixture() {
    report.path = "inputs/report.xml";
    report.format = "xxgk-2021";
    report.year = 2025;
    report.title = "丰城市2025年政府信息公开工作年度报告";
    report.roster.push_back(Agency{"FC001", "丰城市发展和改革委员会", AgencyKind::kDepartment, {}});
    report.roster.push_back(Agency{"FC002", "丰城市财政局", AgencyKind::kDepartment, {}});
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
  require(d.where.file == "inputs/fuzz.docx", "finding names another file", d.where.file);
  require(d.code.size() == 4 && (d.code[0] == 'E' || d.code[0] == 'W'), "bad code", d.code);
  require(!d.message.empty(), "empty message", d.code);
  require(d.where.table >= 0 && d.where.row >= 0 && d.where.col >= 0, "bad place", d.code);
  for (const std::string* text : {&d.message, &d.place, &d.found, &d.expected}) {
    bool control = false;
    require(find_invalid_utf8(*text, control) == std::string::npos, "text is not clean UTF-8", d.code + " " + *text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Fixture& fx = fixture();
  Diagnostics diags;
  std::string xml(reinterpret_cast<const char*>(data), size);
  ReportReadResult r = fx.reader.read(xml, "inputs/fuzz.docx", "fuzz.docx", fx.report, diags);
  if (r.kind == ReportDocKind::kNotAReport) {
    require(diags.items().size() == 1 && diags.items()[0].code == "W828", "an ignored file says why, once");
  } else {
    Submission& sub = r.submission;
    require(static_cast<int>(sub.values.size()) == fx.format.cell_count(), "values per cell");
    for (const auto& g : sub.given) {
      require(g.cell >= 0 && g.cell < fx.format.cell_count(), "given cell out of range");
      require(sub.locate && sub.locate(g.offset).table > 0, "a given figure without its table");
    }
    require(diags.items().size() <= kMaxFindingsPerFile + 20, "findings not bounded");
    validate_submission(sub, fx.format, fx.report, diags);
  }
  for (const auto& d : diags.items()) check_finding(d);
  return 0;
}
