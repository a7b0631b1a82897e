// Where the format definitions and document templates are found. Nothing here reads them.
#pragma once

#include <string>

namespace nianbao {

/// The templates directory: options.templates_dir, else ./templates, else next to the
/// executable (../templates, ../share/nianbao/templates), else the source tree's.
std::string find_templates_dir(const std::string& configured);

}  // namespace nianbao
