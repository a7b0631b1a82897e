#include "app/templates_dir.h"

#include <filesystem>
#include <system_error>

namespace nianbao {

namespace fs = std::filesystem;

std::string find_templates_dir(const std::string& configured) {
  if (!configured.empty()) return configured;
  std::error_code ec;
  if (fs::is_directory("templates", ec)) return "templates";
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const char* rel : {"../templates", "../share/nianbao/templates", "../../templates"}) {
      fs::path p = exe.parent_path() / rel;
      if (fs::is_directory(p, ec)) return fs::weakly_canonical(p, ec).string();
    }
  }
  return NIANBAO_SOURCE_TEMPLATES;
}

}  // namespace nianbao
