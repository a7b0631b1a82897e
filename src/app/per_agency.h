// Each agency's own annual report (--per-agency): the same template and workbook, with the
// agency's own figures and narrative, as if it were a report of one; and the review the office
// sends back to each agency that sent a file.
#pragma once

#include <string>

#include "model/merged_report.h"
#include "template/docx_template.h"

namespace nianbao {

/// Writes <dir>/<code>-<name>.docx and .xlsx for every accepted agency of `merged`; returns the
/// number of agencies written. Throws like the writers do.
std::size_t write_agency_reports(const MergedReport& merged, const tmpl::DocxTemplate& tpl, const std::string& dir,
                                 const std::string& date);

/// Writes <dir>/<code>-<name>-审核意见.docx for every roster agency with a file, accepted or sent
/// back: every finding on its file(s), where it is and what to change (render/docx/review_letter.h).
/// Returns the number written. Throws like the writers do.
std::size_t write_review_letters(const MergedReport& merged, const std::string& dir, const std::string& date);

}  // namespace nianbao
