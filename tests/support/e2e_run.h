// Runs the real nianbao binary for end-to-end tests: a fresh folder per test, the exit status,
// what it printed and the summary.json it wrote. Reading the outputs is ooxml_read.h's job.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace nianbao::test {

/// The whole file, bytes as they are ("" if it cannot be read).
std::string slurp(const std::filesystem::path& p);

/// An empty folder under the system temp dir, named for the test and this process.
std::filesystem::path temp_dir(const std::string& name);

/// `dir`/inputs holding a report.xml of 测试市 (xxgk-2021, 2025, region 360999, contact 王某) whose
/// roster is `agencies` (code, name), all departments, with the three narrative sections; the folder.
std::filesystem::path report_with(const std::filesystem::path& dir, const std::vector<std::pair<std::string, std::string>>& agencies);

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

/// What a user sees in an output folder: every file by its path under `out` ("merged.xml",
/// "agencies/T001-….docx") and its bytes, links followed (a dangling link shows nothing). Hidden
/// names, the `current` link and 运行日志.txt (which only grows) are left out.
std::map<std::string, std::string> visible_outputs(const std::filesystem::path& out);

/// A copy of the folder `from` at `to` (which must not exist), symbolic links copied as links.
void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to);

/// A folder holding a stand-in `soffice` that writes "<docx name>.pdf" (a few bytes naming the
/// document) where --outdir says: put it first on PATH to run --pdf without LibreOffice.
std::filesystem::path fake_soffice(const std::filesystem::path& dir);

}  // namespace nianbao::test
