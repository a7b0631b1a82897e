#include "model/merged_report.h"

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

}  // namespace nianbao
