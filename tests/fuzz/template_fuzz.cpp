// libFuzzer target for the template language. The bytes are used twice:
//   - as word/document.xml of a DOCX template: DocxTemplate::compile, then check with a checking
//     ReportNames (as `nianbao build` does before reading any submission), and when both pass,
//     render with a merged report of one agency; every rendered part must be well-formed XML
//     (data is escaped; a template cannot inject markup);
//   - as one expression (what goes inside {{ }}): tmpl::parse_expr, and eval when it parses.
// Problems must carry a code and clean UTF-8 text.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "format/format.h"
#include "fuzz_checks.h"
#include "merge/merge.h"
#include "render/docx/placement.h"
#include "template/docx/docx_template.h"
#include "template/expr.h"
#include "text/utf8.h"

using namespace nianbao;

namespace {

struct Fixture {
  Format format = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  ReportFile report = fuzz::fengcheng_report();
  std::vector<Submission> subs;
  std::vector<FileResult> files;
  MergedReport merged;
  std::map<std::string, std::string> other_parts;  // of the shipped template, unchanged

  Fixture() {
    report.compiler = "丰城市人民政府办公室";
    report.sections.push_back(NarrativeSection{"overview", "", {{"（一）主动公开", {}}, {"全年公开信息12条。", {}}}, {}});

    Submission s;
    s.path = "inputs/fgw.xml";
    s.format = format.id;
    s.year = 2025;
    s.agency = report.roster[0];
    s.values.assign(format.cell_count(), 0);
    for (int c = 0; c < format.cell_count(); ++c)
      if (!format.cells[c].computed()) s.values.set(c, (c * 7) % 13);
    format.compute(s.values);
    s.sections.push_back(NarrativeSection{"highlights", "推进重大建设项目信息公开", {{"全年公开<项目>信息 & 批复12条。", {}}}, {}});
    subs.push_back(std::move(s));

    files.resize(1);
    files[0].path = "inputs/fgw.xml";
    files[0].outcome = FileOutcome::kAccepted;
    files[0].agency_code = "FC001";
    files[0].submission = 0;
    merged = merge_report(report, format, files, subs);

    other_parts["word/styles.xml"] = "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>";
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void check_problems(const Diagnostics& problems) {
  for (const auto& p : problems.items()) {
    fuzz::require(p.code.size() == 4 && p.code[0] == 'E' && p.code[1] == '6', "bad code", p.code);
    fuzz::require(!p.message.empty(), "empty message", p.code);
    fuzz::require_clean(p.code, {&p.message, &p.found, &p.where.part.str()});
  }
}

void fuzz_template(Fixture& fx, const std::string& document) {
  auto parts = fx.other_parts;
  parts["word/document.xml"] = document;
  tmpl::DocxTemplate tpl;
  Diagnostics problems;
  bool ok = tpl.compile(parts, problems);
  check_problems(problems);
  fuzz::require(ok == problems.empty(), "compile result and problems disagree");
  if (!ok) return;
  ReportNames checker(fx.format, &fx.report, nullptr);
  DocumentPlacer check_placer(checker);
  ok = tpl.check(checker, check_placer, problems);
  check_problems(problems);
  fuzz::require(ok == problems.empty(), "check result and problems disagree");
  if (!ok) return;
  ReportNames names(fx.format, &fx.report, &fx.merged);
  DocumentPlacer placer(names);
  auto out = tpl.render(names, placer, problems);
  check_problems(problems);
  fuzz::require(out.has_value() == problems.empty(), "render result and problems disagree");
  if (!out) return;
  pugi::xml_document d;
  auto res = d.load_string(out->at("word/document.xml").c_str());
  fuzz::require(static_cast<bool>(res), "rendered document.xml is not well-formed", res.description());
}

void fuzz_expression(Fixture& fx, const std::string& text) {
  std::string error;
  auto expr = tmpl::parse_expr(text, error);
  bool control = false;
  if (!expr) {
    fuzz::require(!error.empty(), "a failed parse must say why");
    fuzz::require(find_invalid_utf8(error, control) == std::string::npos, "parse error is not clean UTF-8", error);
    return;
  }
  for (bool checking : {true, false}) {
    ReportNames ctx(fx.format, &fx.report, checking ? nullptr : &fx.merged);
    std::string eval_error;
    auto v = tmpl::eval(*expr, ctx, eval_error);
    if (v) {
      std::string shown = tmpl::to_text(*v);
      fuzz::require(find_invalid_utf8(shown, control) == std::string::npos || find_invalid_utf8(text, control) != std::string::npos,
              "value text is not clean UTF-8", shown);
    } else {
      fuzz::require(!eval_error.empty(), "a failed eval must say why");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Fixture& fx = fixture();
  std::string bytes(reinterpret_cast<const char*>(data), size);
  fuzz_template(fx, bytes);
  fuzz_expression(fx, bytes);
  return 0;
}
