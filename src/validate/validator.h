// Checks of one submission that need the format and the report but no other file: format and
// year, roster membership, computed cells given in the file, the format's consistency rules,
// and the placeholders of its narrative. Also the rules over any set of values (the merged
// totals; last year's figures for the cross-year rules).
#pragma once

#include <functional>
#include <span>

#include "format/format.h"
#include "model/diagnostics.h"
#include "model/report.h"

namespace nianbao {

/// The format's rules compiled once for checking many submissions: each rule, for each column it
/// is checked for, as flat arrays of signed cell indices (constants already scaled to the cells'
/// type), so that checking a submission is additions over its values, with no label, lookup or
/// allocation; only a check that fails goes back to the format to say why. Refers to `format`,
/// which must outlive it.
struct CompiledRules {
  struct Term {
    int cell = -1;              // -1: a constant
    std::int64_t constant = 0;  // its value, in the unit of the check's cells (money scaled)
    int sign = 1;
    bool previous = false;  // last year's value
  };
  struct Check {
    int rule = 0;  // index into Format::rules
    int col = -1;  // the column a per-column rule is checked for; -1 for the others
    bool money = false;
    std::uint32_t lhs = 0, rhs = 0, end = 0;  // terms[lhs, rhs) and terms[rhs, end)
  };
  const Format* format = nullptr;
  std::vector<Check> checks;  // in the order the rules and their columns are listed
  std::vector<Term> terms;

  explicit CompiledRules(const Format& format);
};

/// Validates `sub` (as read by read_submission) and fills its computed cells. Findings go to diags.
void validate_submission(Submission& sub, const Format& format, const ReportFile& report, Diagnostics& diags);
/// The same, with the format's rules compiled once by the caller (`rules.format` is the format).
void validate_submission(Submission& sub, const CompiledRules& rules, const ReportFile& report, Diagnostics& diags);

/// Evaluates the format's rules over `values`. With `previous` null only the rules that do not
/// need last year's figures run; otherwise only those that do. `where_of(cell)` gives where a
/// cell is in the file (its line, or a form's sheet and cell; only the file if unknown); a
/// finding is placed at the first of the rule's cells that is known there, else at `file`.
void check_rules(const Format& format, std::span<const std::int64_t> values, const std::vector<std::int64_t>* previous,
                 const std::string& file, const std::function<SourceLocation(int)>& where_of, Diagnostics& diags);
/// The same with the rules compiled once (`rules.format` is the format).
void check_rules(const CompiledRules& rules, std::span<const std::int64_t> values, const std::vector<std::int64_t>* previous,
                 const std::string& file, const std::function<SourceLocation(int)>& where_of, Diagnostics& diags);

}  // namespace nianbao
