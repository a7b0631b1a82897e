// Each agency's own annual report (--per-agency): the same template and workbook, with the
// agency's own figures and narrative, as if it were a report of one.
#pragma once

#include <string>

#include "model/merged_report.h"
#include "template/docx/docx_template.h"

namespace nianbao {

/// Writes <dir>/<code>-<name>.docx and .xlsx for every accepted agency of `merged`; returns the
/// number of agencies written. Throws like the writers do.
std::size_t write_agency_reports(const MergedReport& merged, const tmpl::DocxTemplate& tpl, const std::string& dir,
                                 const std::string& date);

}  // namespace nianbao
