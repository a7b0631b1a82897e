// A small merged report for the render tests: three roster agencies of xxgk-2021, two
// accepted (the second with a name a spreadsheet would take for a formula), one missing, and an
// ignored file.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "format/format.h"
#include "merge/merge.h"

namespace nianbao::test {

inline const char* kNarrativeName = "=HYPERLINK(\"x\")局";  // a name a spreadsheet might take for a formula

/// A report with three roster agencies: two accepted, one missing; plus an ignored file.
struct Fixture {
  Format format = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  ReportFile report;
  std::vector<Submission> submissions;
  std::vector<FileResult> files;
  MergedReport merged;

  int cell(const std::string& table, const std::string& row, const std::string& col) const {
    int t = format.find_table(table);
    const auto& tab = format.tables[t];
    return format.cell(t, tab.find_row(row), tab.find_column(col));
  }

  Submission submission(const std::string& code, const std::string& name, std::int64_t scale) {
    Submission s;
    s.path = "inputs/" + code + ".xml";
    s.format = "xxgk-2021";
    s.year = 2024;
    s.agency = {code, name, AgencyKind::kDepartment, {}};
    s.values.assign(format.cell_count(), 0);
    s.values.set(cell("requests", "new", "natural"), 10 * scale);
    s.values.set(cell("requests", "new", "business"), 2 * scale);
    s.values.set(cell("requests", "carried_in", "natural"), 1 * scale);
    s.values.set(cell("requests", "granted", "natural"), 7 * scale);
    s.values.set(cell("requests", "denied_query", "natural"), 3 * scale);
    s.values.set(cell("requests", "other_misc", "business"), 2 * scale);
    s.values.set(cell("requests", "carried_out", "natural"), 1 * scale);
    s.values.set(cell("active", "rules", "issued"), 4 * scale);
    s.values.set(cell("active", "fees", "amount"), 183000 * scale);  // 18.3 万元
    s.values.set(cell("appeals", "review", "upheld"), 1 * scale);
    s.values.set(cell("appeals", "litigation_direct", "pending"), 2 * scale);
    REQUIRE(format.compute(s.values));
    return s;
  }

  Fixture() {
    report.format = "xxgk-2021";
    report.year = 2024;
    report.title = "某市2024年政府信息公开工作年度报告";
    report.compiler = "某市人民政府办公室";
    report.roster = {{"fgw", "某市发展和改革委员会", AgencyKind::kDepartment, {}},
                     {"jyj", kNarrativeName, AgencyKind::kDepartment, {}},
                     {"gaj", "某市公安局", AgencyKind::kDepartment, {}}};
    report.index_roster();

    submissions.push_back(submission("fgw", "某市发展和改革委员会", 1));
    submissions.push_back(submission("jyj", kNarrativeName, 2));

    FileResult a;
    a.path = "inputs/fgw.xml";
    a.outcome = FileOutcome::kAccepted;
    a.agency_code = "fgw";
    a.submission = 0;
    FileResult b = a;
    b.path = "inputs/jyj.xml";
    b.agency_code = "jyj";
    b.submission = 1;
    FileResult ignored;
    ignored.path = "inputs/说明.txt";
    ignored.outcome = FileOutcome::kIgnored;
    ignored.ignored_reason = "+不是 .xml 文件";
    files = {a, b, ignored};
    rebuild();
  }

  /// Merges again (merge_report, as a run does): call after changing the roster, the files or
  /// the submissions.
  void rebuild() {
    report.index_roster();
    merged = merge_report(report, format, files, submissions);
  }

  /// Appends a roster agency whose accepted submission has `new_natural` new requests from
  /// natural persons (and nothing else), and rebuilds the merged report.
  void add_agency(const std::string& code, const std::string& name, std::int64_t new_natural) {
    report.roster.push_back({code, name, AgencyKind::kTownship, {}});
    Submission s = submission(code, name, 0);
    s.agency.kind = AgencyKind::kTownship;
    s.values.set(cell("requests", "new", "natural"), new_natural);
    s.values.set(cell("requests", "carried_out", "natural"), new_natural);
    REQUIRE(format.compute(s.values));
    submissions.push_back(s);
    FileResult file;
    file.path = "inputs/" + code + ".xml";
    file.outcome = FileOutcome::kAccepted;
    file.agency_code = code;
    file.agency_name = name;
    file.submission = static_cast<int>(submissions.size()) - 1;
    files.push_back(file);
    rebuild();
  }
};

}  // namespace nianbao::test
