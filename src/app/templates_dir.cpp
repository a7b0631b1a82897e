#include "app/templates_dir.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

namespace nianbao {

namespace fs = std::filesystem;

namespace {

struct Candidate {
  TemplatesSource source;
  std::string dir;  // "" when the step does not apply (no option, no variable, no /proc/self/exe)
  bool exists;      // dir is a directory
  bool usable;      // what the user gave is used as given; the other steps need a directory there
};

std::vector<Candidate> candidates(const std::string& configured) {
  auto is_dir = [](const std::string& dir) {
    std::error_code ec;
    return !dir.empty() && fs::is_directory(dir, ec);
  };
  const char* env = std::getenv("NIANBAO_TEMPLATES");
  std::string from_env = env ? env : "";
  // The executable itself, not argv[0]: found the same way whether started through PATH, a
  // relative path or a symlink.
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  std::string installed;
  if (!ec) installed = (exe.parent_path().parent_path() / "share" / "nianbao" / "templates").string();
  std::string source_tree = NIANBAO_SOURCE_TEMPLATES;
  return {{TemplatesSource::kOption, configured, is_dir(configured), !configured.empty()},
          {TemplatesSource::kEnvironment, from_env, is_dir(from_env), !from_env.empty()},
          {TemplatesSource::kInstalled, installed, is_dir(installed), is_dir(installed)},
          {TemplatesSource::kSourceTree, source_tree, is_dir(source_tree), is_dir(source_tree)}};
}

std::string step_name(TemplatesSource s) {
  switch (s) {
    case TemplatesSource::kOption: return "--templates-dir 选项";
    case TemplatesSource::kEnvironment: return "环境变量 NIANBAO_TEMPLATES";
    case TemplatesSource::kInstalled: return "安装位置（程序所在目录的 ../share/nianbao/templates）";
    case TemplatesSource::kSourceTree: return "构建本程序的源码树";
    case TemplatesSource::kNotFound: return "未找到";
  }
  return "";
}

// Format folders are those holding a format.xml, as the run itself decides.
std::string formats_in(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (fs::exists(it->path() / "format.xml", ec)) names.push_back(it->path().filename().string());
  std::sort(names.begin(), names.end());
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : "、") + n;
  return out.empty() ? "无" : out;
}

}  // namespace

TemplatesLocation locate_templates_dir(const std::string& configured) {
  std::vector<Candidate> steps = candidates(configured);
  for (const auto& c : steps)
    if (c.usable) return {c.dir, c.source};
  const Candidate& installed = steps[2];
  return {installed.dir.empty() ? steps[3].dir : installed.dir, TemplatesSource::kNotFound};
}

std::string find_templates_dir(const std::string& configured) { return locate_templates_dir(configured).dir; }

std::string describe_templates_lookup(const std::string& configured) {
  TemplatesLocation used = locate_templates_dir(configured);
  std::string out;
  if (used.source == TemplatesSource::kNotFound) {
    out += "模板目录：未找到（以下各处都没有）\n";
  } else {
    out += "模板目录：" + used.dir + "\n";
    out += "  来自：" + step_name(used.source) + "\n";
    out += "  其中的格式：" + formats_in(used.dir) + "\n";
  }
  out += "查找顺序（用第一个可用的）：\n";
  int n = 0;
  for (const auto& c : candidates(configured)) {
    out += "  " + std::to_string(++n) + ". " + step_name(c.source) + "：";
    if (!c.dir.empty()) out += c.dir + (c.exists ? "" : "（不存在）");
    else if (c.source == TemplatesSource::kOption) out += "未给出";
    else if (c.source == TemplatesSource::kEnvironment) out += "未设置";
    else out += "无法确定（读不到 /proc/self/exe）";
    out += "\n";
  }
  return out;
}

}  // namespace nianbao
