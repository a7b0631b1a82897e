// Where the format folders (templates/<format>/) are found.
#pragma once

#include <string>

namespace nianbao {

/// The templates directory: options.templates_dir, else ./templates, else next to the
/// executable (../templates, ../share/nianbao/templates), else the source tree's.
std::string find_templates_dir(const std::string& configured);

}  // namespace nianbao
