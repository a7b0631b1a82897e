#include "app/review_stage.h"

#include "validate/review.h"

namespace nianbao {

void review_accepted(MergedReport& merged, const AgencyArchive* last_year, int threads) {
  std::vector<Diagnostics> found = review_submissions(merged.agencies, *merged.format, last_year, threads);
  std::vector<FileResult>& files = *merged.files;
  for (const RosterEntryStatus& entry : merged.roster) {
    if (entry.status != RosterStatus::kAccepted) continue;
    // Accepted means exactly one file (merge_report): the one `agencies` points into.
    files[static_cast<std::size_t>(entry.files.front())].diags.append(found[static_cast<std::size_t>(entry.accepted_submission)]);
  }
}

}  // namespace nianbao
