// Runs the real nianbao binary for end-to-end tests: a fresh folder per test, the exit status,
// what it printed and the summary.json it wrote. Reading the outputs is ooxml_read.h's job.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace nianbao::test {

/// The whole file, bytes as they are ("" if it cannot be read).
std::string slurp(const std::filesystem::path& p);

/// An empty folder under the system temp dir, named for the test and this process.
std::filesystem::path temp_dir(const std::string& name);

struct Run {
  int status = -1;
  std::filesystem::path out;
  std::string stdout_text, stderr_text;
  nlohmann::json summary;  // null if the run wrote no summary.json
};

/// nianbao `args` (any command); what it prints goes to `log`.out and `log`.err. Returns the exit status.
int run_nianbao(const std::string& args, const std::filesystem::path& log);

/// nianbao build --inputs `inputs` --output `out` `extra`.
Run build(const std::filesystem::path& inputs, const std::filesystem::path& out, const std::string& extra = "");

}  // namespace nianbao::test
