// merge_report: which file is which roster agency's, two files for one agency (E402), missing and
// returned agencies, the run's status, and the totals over the accepted submissions only.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "format/format.h"
#include "merge/merge.h"

using namespace nianbao;

namespace {

const char* kE402 = "同一单位报送了多份文件，无法确定以哪一份为准，均予退回；请只保留一份后重新运行。";

// A run's files as the read stage leaves them, for a roster of three agencies: fgw, jyj, gaj.
// The report file comes first, accepted, naming no agency, as in a run.
struct Inputs {
  Format format = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  ReportFile report;
  std::vector<FileResult> files;
  std::vector<Submission> submissions;

  Inputs() {
    report.path = "inputs/report.xml";
    report.format = format.id;
    report.year = 2024;
    report.title = "某市2024年政府信息公开工作年度报告";
    report.roster = {{"fgw", "某市发展和改革委员会", AgencyKind::kDepartment, {}},
                     {"jyj", "某市教育局", AgencyKind::kDepartment, {}},
                     {"gaj", "某市公安局", AgencyKind::kDepartment, {}}};
    report.index_roster();
    FileResult r;
    r.path = report.path;
    r.outcome = FileOutcome::kAccepted;
    files.push_back(r);
  }

  int cell(const std::string& table, const std::string& row, const std::string& col) const {
    int t = format.find_table(table);
    return format.cell(t, format.tables[t].find_row(row), format.tables[t].find_column(col));
  }

  /// A file read as a submission of `code` with `new_natural` new requests from natural persons;
  /// rejected with an E201 when `rejected`. Returns its index in files.
  int read(const std::string& path, const std::string& code, std::int64_t new_natural, bool rejected = false) {
    Submission s;
    s.path = path;
    s.format = format.id;
    s.year = report.year;
    s.agency = {code, "", AgencyKind::kDepartment, SourceLocation{path, 3, 3}};
    s.values.assign(format.cell_count(), 0);
    s.values.set(cell("requests", "new", "natural"), new_natural);
    s.values.set(cell("requests", "carried_out", "natural"), new_natural);
    REQUIRE(format.compute(s.values));
    submissions.push_back(s);
    FileResult f;
    f.path = path;
    f.agency_code = code;
    f.submission = static_cast<int>(submissions.size()) - 1;
    f.outcome = rejected ? FileOutcome::kRejected : FileOutcome::kAccepted;
    if (rejected) f.diags.error("E201", {path, 14, 7}, "“自然人”的值“12件”不是数字。");
    files.push_back(f);
    return static_cast<int>(files.size()) - 1;
  }

  /// A file that could not be read (E004); `sniffed` is the agency code told from its top, or "".
  int unreadable(const std::string& path, const std::string& sniffed) {
    FileResult f;
    f.path = path;
    f.outcome = FileOutcome::kRejected;
    f.agency_code = sniffed;
    f.diags.error("E004", {path, 20, 1}, "XML 不完整。");
    files.push_back(f);
    return static_cast<int>(files.size()) - 1;
  }

  int ignored(const std::string& path, const std::string& reason) {
    FileResult f;
    f.path = path;
    f.outcome = FileOutcome::kIgnored;
    f.ignored_reason = reason;
    files.push_back(f);
    return static_cast<int>(files.size()) - 1;
  }

  MergedReport merge(const std::vector<std::int64_t>* previous = nullptr) {
    return merge_report(report, format, files, submissions, previous);
  }
};

std::vector<std::string> codes_of(const FileResult& f) {
  std::vector<std::string> codes;
  for (const auto& d : f.diags.items()) codes.push_back(d.code);
  return codes;
}

}  // namespace

TEST_CASE("every roster agency with one accepted file: all 已报送, in roster order, and the run complete", "[merge]") {
  Inputs in;
  int gaj = in.read("inputs/a-gaj.xml", "gaj", 3);  // files are in path order, not roster order
  int fgw = in.read("inputs/b-fgw.xml", "fgw", 10);
  int jyj = in.read("inputs/c-jyj.xml", "jyj", 20);
  MergedReport m = in.merge();
  REQUIRE(m.roster.size() == 3);
  CHECK(m.roster[0].agency == &in.report.roster[0]);
  for (const auto& e : m.roster) CHECK(e.status == RosterStatus::kAccepted);
  CHECK(m.roster[0].files == std::vector<int>{fgw});
  CHECK(m.roster[1].files == std::vector<int>{jyj});
  CHECK(m.roster[2].files == std::vector<int>{gaj});
  REQUIRE(m.agencies.size() == 3);
  CHECK(m.agencies[0]->agency.code == "fgw");
  CHECK(m.agencies[1]->agency.code == "jyj");
  CHECK(m.agencies[2]->agency.code == "gaj");
  for (std::size_t i = 0; i < m.roster.size(); ++i) CHECK(m.roster[i].accepted_submission == static_cast<int>(i));
  CHECK(m.missing_count() == 0);
  CHECK(m.rejected_count() == 0);
  CHECK(m.unattributed_rejected_count() == 0);
  CHECK(m.complete());
  CHECK(m.files == &in.files);
  CHECK(m.report == &in.report);
  CHECK(m.format == &in.format);
  CHECK_FALSE(m.has_previous);
  CHECK(m.warnings.empty());
}

TEST_CASE("a roster agency without a file is 未报送 and the run partial", "[merge]") {
  Inputs in;
  in.read("inputs/fgw.xml", "fgw", 10);
  in.read("inputs/jyj.xml", "jyj", 20);
  MergedReport m = in.merge();
  CHECK(m.roster[2].status == RosterStatus::kMissing);
  CHECK(m.roster[2].files.empty());
  CHECK(m.roster[2].accepted_submission == -1);
  CHECK(std::string(roster_status_label(m.roster[2].status)) == "未报送");
  CHECK(m.missing_count() == 1);
  CHECK(m.agencies.size() == 2);
  CHECK_FALSE(m.complete());
}

TEST_CASE("an agency whose one file is rejected is 被退回, and its figures stay out of the totals", "[merge]") {
  Inputs in;
  in.read("inputs/fgw.xml", "fgw", 10);
  in.read("inputs/gaj.xml", "gaj", 3);
  int bad = in.read("inputs/jyj.xml", "jyj", 20, true);
  MergedReport m = in.merge();
  CHECK(m.roster[1].status == RosterStatus::kRejected);
  CHECK(std::string(roster_status_label(m.roster[1].status)) == "被退回");
  CHECK(m.roster[1].files == std::vector<int>{bad});
  CHECK(m.roster[1].accepted_submission == -1);
  CHECK(codes_of(in.files[bad]) == std::vector<std::string>{"E201"});  // nothing added
  CHECK(m.rejected_count() == 1);
  CHECK(m.unattributed_rejected_count() == 0);
  CHECK_FALSE(m.complete());
  CHECK(m.totals[in.cell("requests", "new", "natural")] == 13);
}

TEST_CASE("two files for one agency: both are sent back with E402, each naming the other", "[merge]") {
  Inputs in;
  int first = in.read("inputs/fgw.xml", "fgw", 10);
  int second = in.read("inputs/fgw-更正.xml", "fgw", 11);
  in.read("inputs/jyj.xml", "jyj", 20);
  in.read("inputs/gaj.xml", "gaj", 3);
  MergedReport m = in.merge();
  CHECK(m.roster[0].status == RosterStatus::kRejected);
  CHECK(m.roster[0].files == std::vector<int>{first, second});
  for (int fi : {first, second}) {
    const FileResult& f = in.files[fi];
    INFO(f.path);
    CHECK(f.outcome == FileOutcome::kRejected);
    REQUIRE(f.diags.items().size() == 1);
    const Diagnostic& d = f.diags.items()[0];
    CHECK(d.is_error());
    CHECK(d.code == "E402");
    CHECK(d.message == kE402);
    CHECK(d.where.file == f.path);  // at the file's <agency>
    CHECK(d.where.line == 3);
    CHECK(d.where.column == 3);
    CHECK(d.expected == "每个单位一份报送文件");
  }
  CHECK(in.files[first].diags.items()[0].found == "fgw 同时见于 inputs/fgw.xml 与 inputs/fgw-更正.xml");
  CHECK(in.files[second].diags.items()[0].found == "fgw 同时见于 inputs/fgw-更正.xml 与 inputs/fgw.xml");
  CHECK(m.agencies.size() == 2);
  CHECK(m.totals[in.cell("requests", "new", "natural")] == 23);  // neither file of fgw counts
  CHECK(m.rejected_count() == 1);
  CHECK_FALSE(m.complete());
}

TEST_CASE("three files for one agency, one of them unreadable: each E402 names the two others", "[merge]") {
  Inputs in;
  int a = in.read("inputs/a.xml", "jyj", 1);
  int b = in.unreadable("inputs/b.xml", "jyj");
  int c = in.read("inputs/c.xml", "jyj", 2, true);
  MergedReport m = in.merge();
  CHECK(m.roster[1].status == RosterStatus::kRejected);
  CHECK(codes_of(in.files[a]) == std::vector<std::string>{"E402"});
  CHECK(codes_of(in.files[b]) == std::vector<std::string>{"E004", "E402"});
  CHECK(codes_of(in.files[c]) == std::vector<std::string>{"E201", "E402"});
  CHECK(in.files[a].diags.items()[0].found == "jyj 同时见于 inputs/a.xml 与 inputs/b.xml、inputs/c.xml");
  const Diagnostic& unreadable = in.files[b].diags.items()[1];
  CHECK(unreadable.found == "jyj 同时见于 inputs/b.xml 与 inputs/a.xml、inputs/c.xml");
  // A file that was not read has no <agency> to point at: the whole file.
  CHECK(unreadable.where.file == "inputs/b.xml");
  CHECK(unreadable.where.line == 0);
  CHECK(in.files[a].outcome == FileOutcome::kRejected);
  CHECK(m.agencies.empty());
}

TEST_CASE("an unreadable file whose agency code was sniffed sends that agency back, not to 未报送", "[merge]") {
  Inputs in;
  in.read("inputs/fgw.xml", "fgw", 10);
  in.read("inputs/jyj.xml", "jyj", 20);
  int bad = in.unreadable("inputs/gaj.xml", "gaj");
  MergedReport m = in.merge();
  CHECK(m.roster[2].status == RosterStatus::kRejected);
  CHECK(m.roster[2].files == std::vector<int>{bad});
  CHECK(m.missing_count() == 0);
  CHECK(m.rejected_count() == 1);
  CHECK(m.unattributed_rejected_count() == 0);
  CHECK(codes_of(in.files[bad]) == std::vector<std::string>{"E004"});
}

TEST_CASE("a rejected file that names no roster agency leaves the run incomplete though every agency is accepted",
          "[merge]") {
  Inputs in;
  in.read("inputs/fgw.xml", "fgw", 10);
  in.read("inputs/jyj.xml", "jyj", 20);
  in.read("inputs/gaj.xml", "gaj", 3);
  SECTION("a code not on the roster") {
    int stray = in.read("inputs/xyz.xml", "xyz", 5, true);  // validate_submission's E401
    MergedReport m = in.merge();
    for (const auto& e : m.roster) CHECK(std::find(e.files.begin(), e.files.end(), stray) == e.files.end());
    CHECK(m.unattributed_rejected_count() == 1);
    CHECK_FALSE(m.complete());
    CHECK(m.totals[in.cell("requests", "new", "natural")] == 33);
  }
  SECTION("no code could be told") {
    in.unreadable("inputs/乱码.xml", "");
    MergedReport m = in.merge();
    CHECK(m.unattributed_rejected_count() == 1);
    CHECK(m.missing_count() == 0);
    CHECK(m.rejected_count() == 0);
    CHECK_FALSE(m.complete());
  }
}

TEST_CASE("ignored files belong to no agency and leave the status as it is", "[merge]") {
  Inputs in;
  in.read("inputs/fgw.xml", "fgw", 10);
  in.read("inputs/jyj.xml", "jyj", 20);
  in.read("inputs/gaj.xml", "gaj", 3);
  int note = in.ignored("inputs/说明.txt", "不是 .xml 文件");
  int lock = in.ignored("inputs/~$fgw.xml", "Office 临时锁定文件");
  MergedReport m = in.merge();
  CHECK(m.complete());
  for (const auto& e : m.roster) CHECK(e.files.size() == 1);
  for (int fi : {note, lock}) {
    CHECK(in.files[fi].outcome == FileOutcome::kIgnored);
    CHECK(in.files[fi].diags.empty());
  }
  CHECK(in.files[0].outcome == FileOutcome::kAccepted);  // the report file, claimed by no agency
}

TEST_CASE("the totals are the sum over the accepted submissions only, computed cells computed", "[merge]") {
  Inputs in;
  in.read("inputs/fgw.xml", "fgw", 10);
  in.read("inputs/gaj.xml", "gaj", 3);
  in.read("inputs/jyj.xml", "jyj", 1000, true);
  in.unreadable("inputs/other.xml", "");
  MergedReport m = in.merge();
  REQUIRE(m.totals.size() == static_cast<std::size_t>(in.format.cell_count()));
  std::vector<std::int64_t> expected(in.format.cell_count(), 0);
  for (const Submission* s : m.agencies)
    for (int c = 0; c < in.format.cell_count(); ++c)
      if (!in.format.cells[c].computed()) expected[c] += s->values[c];
  REQUIRE(in.format.compute(expected));
  CHECK(m.totals == expected);
  CHECK(m.totals[in.cell("requests", "new", "natural")] == 13);
  CHECK(m.totals[in.cell("requests", "new", "total")] == 13);  // a computed cell
}

TEST_CASE("with last year's figures the cross-year rules run over the totals, located at the report file", "[merge]") {
  Inputs in;
  in.read("inputs/fgw.xml", "fgw", 10);
  in.read("inputs/jyj.xml", "jyj", 20);
  in.read("inputs/gaj.xml", "gaj", 3);
  std::vector<std::int64_t> previous(in.format.cell_count(), 0);
  previous[in.cell("requests", "carried_out", "natural")] = 5;  // this year carries in 0
  REQUIRE(in.format.compute(previous));
  MergedReport m = in.merge(&previous);
  CHECK(m.has_previous);
  CHECK(m.previous == previous);
  REQUIRE_FALSE(m.warnings.empty());
  for (const auto& w : m.warnings.items()) {
    CHECK_FALSE(w.is_error());
    CHECK(w.code == "W304");
    CHECK(w.where.file == "inputs/report.xml");
  }
  CHECK(m.complete());  // warnings do not make a report partial

  std::vector<std::int64_t> same = m.totals;  // last year carried out nothing, as this year carries in nothing
  std::fill(same.begin(), same.end(), 0);
  REQUIRE(in.format.compute(same));
  CHECK(in.merge(&same).warnings.empty());
}
