// Checks of one submission that need the format and the report but no other file: format and
// year, roster membership, computed cells given in the file, the format's consistency rules,
// and the placeholders of its narrative. Also the rules over any set of values (the merged
// totals; last year's figures for the cross-year rules).
#pragma once

#include <functional>

#include "format/format.h"
#include "model/diagnostics.h"
#include "model/report.h"

namespace nianbao {

/// Validates `sub` (as read by read_submission) and fills its computed cells. Findings go to diags.
void validate_submission(Submission& sub, const Format& format, const ReportFile& report, Diagnostics& diags);

/// Evaluates the format's rules over `values`. With `previous` null only the rules that do not
/// need last year's figures run; otherwise only those that do. `where_of(cell)` gives where a
/// cell is in the file (its line, or a form's sheet and cell; only the file if unknown); a
/// finding is placed at the first of the rule's cells that is known there, else at `file`.
void check_rules(const Format& format, const std::vector<std::int64_t>& values, const std::vector<std::int64_t>* previous,
                 const std::string& file, const std::function<SourceLocation(int)>& where_of, Diagnostics& diags);

}  // namespace nianbao
