// Merges a run's files into the report: which file is which roster agency's, the agencies sent
// back for two files (E402), the missing ones and the run's status, the region's totals over the
// accepted submissions, and the cross-year rules on them. Reads and validates nothing itself.
#pragma once

#include <cstdint>
#include <vector>

#include "format/format.h"
#include "model/diagnostics.h"
#include "model/merged_report.h"
#include "model/report.h"

namespace nianbao {

/// Decides the roster and merges.
///
/// `files` holds one result per input file, sorted by path, as the read stage left them:
/// accepted, rejected or ignored, with the agency code when it could be read or told from the
/// top of an unreadable file; `files[i].submission` indexes `submissions` when the file was read
/// as a submission (accepted or not). `report` has its roster indexed (ReportFile::index_roster).
///
/// The roster rules, in this order:
///  - a file whose agency code is on the roster is that agency's, unreadable files included;
///  - an agency with two or more files: every one of them is rejected with E402, its `found`
///    naming the other files (never choose one silently);
///  - an agency with an accepted file is 已报送, with only rejected files 被退回, with none 未报送;
///  - a rejected file that names no roster agency stays unattributed, and the report is then not
///    complete (MergedReport::complete), like one with a missing or a rejected agency.
/// The totals are the sum over the accepted submissions, in roster order, computed cells
/// computed. With `previous` (last year's figures, computed cells computed) the cross-year rules
/// run over the totals; their findings go to MergedReport::warnings, located at report.path.
///
/// Changes `files`: E402 findings and the outcome of the files they reject.
/// Ownership: the caller owns `report`, `format`, `files` and `submissions`; the returned report
/// points into all four (MergedReport::agencies into `submissions`), so they must outlive it and
/// neither vector may be resized while it is used. A run at national scale deliberately keeps
/// them and the report until the process ends (app/run.cpp).
/// Throws std::overflow_error if a total overflows (cannot happen within the per-cell limits for
/// fewer than nine million agencies).
MergedReport merge_report(const ReportFile& report, const Format& format, std::vector<FileResult>& files,
                          const std::vector<Submission>& submissions, const std::vector<std::int64_t>* previous = nullptr);

}  // namespace nianbao
