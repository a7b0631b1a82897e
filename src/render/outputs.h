// The machine-readable outputs (merged.xml, summary.json), the plain-Chinese validation report,
// and the file names derived from the report title.
#pragma once

#include <ctime>
#include <string>
#include <utility>
#include <vector>

#include "model/merged_report.h"

namespace nianbao {

/// merged.xml: a valid <submission> of the region (kind government) with every figure.
std::string merged_xml(const MergedReport& merged);

struct SummaryInfo {
  std::string format;
  int year = 0;
  std::string status;                // complete | partial | failed
  std::vector<std::string> outputs;  // as the user names them, e.g. "output/….xlsx"
  std::string error;                 // for failed runs: the reason, in Chinese
  std::vector<Diagnostic> run_diagnostics;  // findings not tied to a submission (report file, template)
};

/// summary.json per the spec.
std::string summary_json(const MergedReport* merged, const std::vector<FileResult>& files, const SummaryInfo& info);

/// The validation report in plain Chinese, grouped by agency: what each must fix, and under each
/// file's warnings the review of its report (is_review_finding) under a heading of its own.
std::string validation_report(const MergedReport& merged, const std::vector<FileResult>& files);

/// A file name (without extension) from the report title: no path separators, control
/// characters or characters Windows forbids; never empty, never "." or "..".
std::string safe_file_name(const std::string& title);

/// A file name as Windows and macOS compare names (ASCII letters folded to lower case): "A1.xml"
/// and "a1.xml" are one file there.
std::string file_name_key(std::string name);

/// Every name of `names` that is the same file as an earlier one (by file_name_key), as the pair
/// (index of the earlier, index of the later); empty when all are distinct.
std::vector<std::pair<std::size_t, std::size_t>> file_name_clashes(const std::vector<std::string>& names);

/// The file names (without extension) of each agency's own files, in the order given: the code and
/// the name made safe, "<code>-<name>", or the code alone made safe for agencies whose
/// "<code>-<name>" would be another's (codes A, A-B with names B-C, C). Names that clash even
/// then (codes X/1 and X_1, or a1 and A1) are the caller's to refuse (file_name_clashes).
std::vector<std::string> agency_file_names(const std::vector<const Agency*>& agencies);

/// The fixed date written into the outputs (document properties, zip members): the report's
/// publication date, or 1 January of the year after the report's. Outputs of the same inputs
/// are then byte-identical.
std::string output_date(const ReportFile& report);
/// "2026-01-20" as a time_t at 00:00 UTC.
std::time_t date_to_time(const std::string& date);

}  // namespace nianbao
