// The batch: read → validate → merge → write. Returns the exit status of the spec:
// 0 everything accepted and nothing missing; 1 outputs written, but some submissions were
// rejected or roster agencies are missing; 2 nothing written.
#pragma once

#include "app/options.h"

namespace nianbao {

int run(const Options& options);

/// The templates directory: options.templates_dir, else ./templates, else next to the
/// executable (../templates, ../share/nianbao/templates), else the source tree's.
std::string find_templates_dir(const std::string& configured);

}  // namespace nianbao
