// The review stage of a run: every accepted submission reviewed the way the level above reviews
// a published report (validate/review.h), after the roster merge, its findings added to the
// findings of its file, so that every output that lists a file's warnings lists them too.
#pragma once

#include "model/agency_archive.h"
#include "model/merged_report.h"

namespace nianbao {

/// Reviews `merged.agencies` (review_submissions, on `threads` threads, 0: all cores) against each
/// other and, with `last_year`, against each agency's own entry there; appends each one's
/// warnings (W901–W909) to the diagnostics of the file it was accepted from (in `*merged.files`).
void review_accepted(MergedReport& merged, const AgencyArchive* last_year, int threads);

}  // namespace nianbao
