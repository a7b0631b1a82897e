#include "e2e_run.h"

#include <fstream>
#include <sstream>

#include <unistd.h>

#include "ooxml_read.h"

namespace nianbao::test {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path temp_dir(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("nianbao-e2e-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

Run build(const fs::path& inputs, const fs::path& out, const std::string& extra) {
  Run r;
  r.out = out;
  fs::path log = out.parent_path() / (out.filename().string() + ".log");
  r.status = run_command(std::string(NIANBAO_BIN) + " build --inputs '" + inputs.string() + "' --output '" + out.string() +
                         "' " + extra + " >'" + log.string() + ".out' 2>'" + log.string() + ".err'");
  r.stdout_text = slurp(log.string() + ".out");
  r.stderr_text = slurp(log.string() + ".err");
  if (fs::exists(out / "summary.json")) r.summary = nlohmann::json::parse(slurp(out / "summary.json"));
  return r;
}

int run_nianbao(const std::string& args, const std::filesystem::path& log) {
  return run_command(std::string(NIANBAO_BIN) + " " + args + " >'" + log.string() + ".out' 2>'" + log.string() + ".err'");
}

namespace {

void add_visible(const fs::path& dir, const std::string& prefix, std::map<std::string, std::string>& out) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (prefix.empty() && (name == "current" || name == "运行日志.txt")) continue;
    if (name[0] == '.') continue;
    std::error_code sec;
    auto st = fs::status(e.path(), sec);  // follows links
    if (sec || st.type() == fs::file_type::not_found) continue;
    if (st.type() == fs::file_type::directory) add_visible(e.path(), prefix + name + "/", out);
    else out[prefix + name] = slurp(e.path());
  }
}

}  // namespace

std::map<std::string, std::string> visible_outputs(const fs::path& out) {
  std::map<std::string, std::string> files;
  add_visible(out, "", files);
  return files;
}

void copy_tree(const fs::path& from, const fs::path& to) {
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
}

fs::path fake_soffice(const fs::path& dir) {
  fs::path bin = dir / "fake-bin";
  fs::create_directories(bin);
  std::ofstream(bin / "soffice") << "#!/bin/sh\n"
                                    "while [ $# -gt 1 ]; do [ \"$1\" = --outdir ] && out=\"$2\"; shift; done\n"
                                    "b=$(basename \"$1\" .docx)\n"
                                    "printf 'PDF of %s\\n' \"$b\" > \"$out/$b.pdf\"\n";
  fs::permissions(bin / "soffice", fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                       fs::perms::others_read | fs::perms::others_exec);
  return bin;
}

std::filesystem::path report_with(const std::filesystem::path& dir, const std::vector<std::pair<std::string, std::string>>& agencies) {
  std::filesystem::path in = dir / "inputs";
  fs::create_directories(in);
  std::ofstream x(in / "report.xml");
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report format=\"xxgk-2021\" year=\"2025\">\n"
       "  <title>测试市2025年政府信息公开工作年度报告</title>\n  <compiler>测试市人民政府办公室</compiler>\n"
       "  <region code=\"360999\">测试市</region>\n  <contact name=\"王某\" phone=\"0795-1234567\" email=\"xxgk@example.cn\"/>\n"
       "  <roster>\n";
  for (const auto& [code, name] : agencies)
    x << "    <agency code=\"" << code << "\" name=\"" << name << "\" kind=\"department\"/>\n";
  x << "  </roster>\n  <section id=\"overview\"><p>概述。</p></section>\n  <section id=\"problems\"><p>问题。</p></section>\n"
       "  <section id=\"other\"><p>其他。</p></section>\n</report>\n";
  return in;
}

}  // namespace nianbao::test
