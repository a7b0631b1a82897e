// The bad-input corpus for tests: tests/data/bad/expected.tsv read into rows (the diagnostic
// each file must produce), and the few files that are made at test time instead of committed.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace nianbao::test {

/// One row of expected.tsv.
struct ExpectedFinding {
  std::string file;   // name in tests/data/bad
  std::string code;   // "E201"; a W code means the file is accepted with that warning
  int line = 0;       // 0: the file as a whole
  std::string shows;  // what the file shows, in Chinese
  bool is_warning() const { return !code.empty() && code[0] == 'W'; }
};

/// Reads the manifest; FAILs the running test on a malformed row.
std::vector<ExpectedFinding> read_manifest(const std::filesystem::path& tsv);

/// The distinct file names of the manifest, in manifest order.
std::vector<std::string> manifest_files(const std::vector<ExpectedFinding>& rows);

/// True for the corpus files made at test time (unreadable.xml, pipe.xml, too-large.xml).
bool is_generated(const std::string& name);

/// Copies every committed corpus file (not the manifest) into `dir` and makes the generated
/// ones there. Returns notes on what could not be made as meant (running as root, chmod 000
/// does not stop reading: unreadable.xml is then a dead link), for the test log.
std::vector<std::string> put_corpus(const std::filesystem::path& corpus, const std::filesystem::path& dir);

}  // namespace nianbao::test
