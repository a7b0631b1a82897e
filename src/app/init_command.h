// `nianbao init`: for each roster agency, a blank submission to send out at the start of the
// year, pre-filled with the agency's code and name, every row present with 0, and each row's
// official label as a comment. Filled in, it is accepted by `build` without structural edits.
#pragma once

#include "app/options.h"

namespace nianbao {

/// Writes <output>/<code>.xml for each agency of <inputs>/report.xml; 0, or 2 on failure.
int run_init(const Options& options);

}  // namespace nianbao
