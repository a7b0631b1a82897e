// The batch: scan → read → validate → merge → review → render → publish. Returns the exit status
// of the spec: 0 everything accepted and nothing missing; 1 outputs written, but some submissions
// were rejected or roster agencies are missing; 2 nothing written.
#pragma once

#include "app/options.h"
#include "app/templates_dir.h"

namespace nianbao {

/// Runs build or validate (options.command) to the end; prints what the clerk reads.
int run(const Options& options);

}  // namespace nianbao
