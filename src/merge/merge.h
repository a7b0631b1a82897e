// Merges accepted submissions into the report: the region's totals and every agency's own
// figures, in roster order. Also the status of every roster agency and of every input file,
// so nothing is dropped without a trace.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/merged_report.h"

namespace nianbao {

/// Sums the accepted submissions (roster order) and computes the computed cells.
/// `accepted` holds, for each roster entry, the index of its accepted submission or -1.
/// Throws std::overflow_error if a total overflows (cannot happen within the per-cell limits
/// for fewer than nine million agencies).
void merge_totals(MergedReport& merged, const std::vector<Submission>& submissions);

}  // namespace nianbao
