// Where the format definitions and document templates are found, and why there: the lookup
// order an installed program and a source build share. Nothing here reads the templates.
#pragma once

#include <string>

namespace nianbao {

/// Which step of the lookup order chose the templates directory.
enum class TemplatesSource {
  kOption,       // --templates-dir
  kEnvironment,  // the environment variable NIANBAO_TEMPLATES
  kInstalled,    // ../share/nianbao/templates beside the executable (/usr/bin → /usr/share/nianbao/templates)
  kSourceTree,   // templates/ of the source tree the program was built from
  kNotFound,     // none of the above: dir is the installed location (or the source tree's), for errors to name
};

struct TemplatesLocation {
  std::string dir;
  TemplatesSource source = TemplatesSource::kNotFound;
};

/// The templates directory, first of: `configured` (--templates-dir) if not empty; the
/// environment variable NIANBAO_TEMPLATES if set and not empty (both taken as given, existing or
/// not, so that loading a format then names the path the user gave); ../share/nianbao/templates
/// beside the running executable, if it is a directory; the source tree's templates/, if it is a
/// directory. A templates/ in the working folder is not looked at: an installed program must not
/// pick up whatever folder it runs in, and in the source tree the last step finds that one anyway.
TemplatesLocation locate_templates_dir(const std::string& configured);

/// locate_templates_dir(configured).dir.
std::string find_templates_dir(const std::string& configured);

/// What `nianbao --version --verbose` prints after the version: the directory used, which step
/// chose it, the formats in it, and every step of the order with the path it stands for.
std::string describe_templates_lookup(const std::string& configured);

}  // namespace nianbao
