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

}  // namespace nianbao::test
