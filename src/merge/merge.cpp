#include "merge/merge.h"

#include <cassert>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/figure_values.h"
#include "model/value.h"
#include "validate/validator.h"

namespace nianbao {

namespace {

// Each roster entry's files: those read, and unreadable ones whose agency code could be told.
void attribute_files(const ReportFile& report, const std::vector<FileResult>& files, MergedReport& merged) {
  merged.roster.resize(report.roster.size());
  for (std::size_t i = 0; i < report.roster.size(); ++i) merged.roster[i].agency = &report.roster[i];
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (files[i].agency_code.empty()) continue;
    int idx = report.find_agency(files[i].agency_code);
    if (idx >= 0) merged.roster[idx].files.push_back(static_cast<int>(i));
  }
}

// Two files for one agency: both are sent back, each naming the others.
void reject_duplicates(const RosterEntryStatus& entry, std::vector<FileResult>& files,
                       const std::vector<Submission>& submissions) {
  for (int fi : entry.files) {
    std::string others;
    for (int other : entry.files)
      if (other != fi) others += (others.empty() ? "" : "、") + files[other].path;
    FileResult& file = files[fi];
    SourceLocation where = file.submission >= 0 ? submissions[file.submission].agency.where : SourceLocation{file.path, 0, 0};
    auto& d = file.diags.error("E402", where, "同一单位报送了多份文件，无法确定以哪一份为准，均予退回；请只保留一份后重新运行。");
    d.found = entry.agency->code + " 同时见于 " + file.path + " 与 " + others;
    d.expected = "每个单位一份报送文件";
    file.outcome = FileOutcome::kRejected;
  }
}

void merge_totals(MergedReport& merged) {
  const Format& f = *merged.format;
  merged.totals.assign(f.cell_count(), 0);
  // The cells given by the agencies (the others are computed from them below), listed once.
  std::vector<int> given;
  for (int c = 0; c < f.cell_count(); ++c)
    if (!f.cells[c].computed()) given.push_back(c);
  std::int64_t* totals = merged.totals.data();
  for (const Submission* s : merged.agencies) {
    const FigureView values(s->values);
    for (int c : given)
      if (!checked_add(totals[c], values[static_cast<std::size_t>(c)], totals[c]))
        throw std::overflow_error("合计溢出：" + f.cell_path(c));
  }
  if (!f.compute(merged.totals)) throw std::overflow_error("合计溢出");
}

}  // namespace

MergedReport merge_report(const ReportFile& report, const Format& format, std::vector<FileResult>& files,
                          const std::vector<Submission>& submissions, const std::vector<std::int64_t>* previous) {
  MergedReport merged;
  merged.format = &format;
  merged.report = &report;
  merged.files = &files;
  attribute_files(report, files, merged);
  for (auto& entry : merged.roster) {
    if (entry.files.size() > 1) reject_duplicates(entry, files, submissions);
    bool accepted = false, any = !entry.files.empty();
    for (int fi : entry.files)
      if (files[fi].outcome == FileOutcome::kAccepted) accepted = true;
    entry.status = accepted ? RosterStatus::kAccepted : any ? RosterStatus::kRejected : RosterStatus::kMissing;
  }
  // Accepted means exactly one file: two or more were all rejected above.
  for (auto& entry : merged.roster)
    if (entry.status == RosterStatus::kAccepted) {
      const FileResult& file = files[entry.files[0]];
      assert(file.submission >= 0 && file.submission < static_cast<int>(submissions.size()));
      entry.accepted_submission = static_cast<int>(merged.agencies.size());
      merged.agencies.push_back(&submissions[file.submission]);
    }
  merge_totals(merged);
  if (previous) {
    merged.previous = *previous;
    merged.has_previous = true;
    check_rules(format, merged.totals, &merged.previous, report.path,
                [&](int) { return SourceLocation{report.path, 0, 0}; }, merged.warnings);
  }
  return merged;
}

}  // namespace nianbao
