// `nianbao template check` and `nianbao template export`.
#pragma once

#include "app/options.h"

namespace nianbao {

/// Lists every tag of a template with its paragraph and reports problems; 0 if none, 2 otherwise.
int run_template_check(const Options& options);

/// Writes a format's shipped template as a .docx to start from; 0, or 2 on failure.
int run_template_export(const Options& options);

}  // namespace nianbao
