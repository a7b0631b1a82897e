// Each agency's own annual report (--per-agency): the same template and workbook, with the
// agency's own figures and narrative, as if it were a report of one; and the review the office
// sends back to each agency that sent a file.
#pragma once

#include <string>
#include <vector>

#include "model/diagnostics.h"
#include "model/merged_report.h"
#include "template/docx/docx_template.h"

namespace nianbao {

/// One agency's own report: the roster entry, and the file name (without extension) of its
/// .docx and .xlsx under agencies/ (agency_file_names, render/outputs.h).
struct AgencyReportFile {
  const RosterEntryStatus* entry = nullptr;
  std::string name;
};

/// The agency reports of `merged`: every accepted agency, in roster order, named by its code and
/// name as its submission gives them.
std::vector<AgencyReportFile> agency_report_files(const MergedReport& merged);

/// E514 for every two agencies whose reports would share a file (as Windows compares names),
/// located at the later one's roster entry; empty when there is none.
Diagnostics agency_report_clashes(const MergedReport& merged);

/// Writes <dir>/<name>.docx and .xlsx for every agency of agency_report_files(merged); returns
/// the number of agencies written. Throws like the writers do.
std::size_t write_agency_reports(const MergedReport& merged, const tmpl::DocxTemplate& tpl, const std::string& dir,
                                 const std::string& date);

/// Writes <dir>/<code>-<name>-审核意见.docx for every roster agency with a file, accepted or sent
/// back: every finding on its file(s), where it is and what to change (render/docx/review_letter.h).
/// `previous` is --previous as given (last year's output folder or its merged.xml, or empty): the
/// letters name its files, like the inputs', without the office's folders.
/// Returns the number written. Throws like the writers do.
std::size_t write_review_letters(const MergedReport& merged, const std::string& dir, const std::string& date,
                                 const std::string& previous);

}  // namespace nianbao
