#include "merge/merge.h"

#include <stdexcept>

namespace nianbao {

const char* roster_status_label(RosterStatus s) {
  switch (s) {
    case RosterStatus::kAccepted: return "已报送";
    case RosterStatus::kMissing: return "未报送";
    case RosterStatus::kRejected: return "被退回";
  }
  return "";
}

std::size_t MergedReport::missing_count() const {
  std::size_t n = 0;
  for (const auto& r : roster) n += r.status == RosterStatus::kMissing;
  return n;
}

std::size_t MergedReport::rejected_count() const {
  std::size_t n = 0;
  for (const auto& r : roster) n += r.status == RosterStatus::kRejected;
  return n;
}

std::size_t MergedReport::unattributed_rejected_count() const {
  if (!files || !report) return 0;
  std::size_t n = 0;
  for (const auto& f : *files)
    n += f.outcome == FileOutcome::kRejected && (f.agency_code.empty() || report->find_agency(f.agency_code) < 0);
  return n;
}

void merge_totals(MergedReport& merged, const std::vector<Submission>& submissions) {
  (void)submissions;
  const Format& f = *merged.format;
  merged.totals.assign(f.cell_count(), 0);
  for (const Submission* s : merged.agencies)
    for (int c = 0; c < f.cell_count(); ++c) {
      if (f.cells[c].computed()) continue;
      if (!checked_add(merged.totals[c], s->values[c], merged.totals[c]))
        throw std::overflow_error("合计溢出：" + f.cell_path(c));
    }
  if (!f.compute(merged.totals)) throw std::overflow_error("合计溢出");
}

}  // namespace nianbao
