#include "bad_corpus.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>

#include "input/xml_file.h"

namespace fs = std::filesystem;

namespace nianbao::test {

std::vector<ExpectedFinding> read_manifest(const fs::path& tsv) {
  std::ifstream in(tsv);
  REQUIRE(in);
  std::vector<ExpectedFinding> rows;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream s(line);
    for (std::string col; std::getline(s, col, '\t');) cols.push_back(col);
    INFO(tsv.string() << ":" << n << ": " << line);
    REQUIRE(cols.size() == 4);
    REQUIRE(cols[1].size() == 4);
    rows.push_back(ExpectedFinding{cols[0], cols[1], std::stoi(cols[2]), cols[3]});
  }
  return rows;
}

std::vector<std::string> manifest_files(const std::vector<ExpectedFinding>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows)
    if (out.empty() || out.back() != r.file) out.push_back(r.file);
  return out;
}

bool is_generated(const std::string& name) {
  return name == "unreadable.xml" || name == "pipe.xml" || name == "too-large.xml";
}

std::vector<std::string> put_corpus(const fs::path& corpus, const fs::path& dir) {
  std::vector<std::string> notes;
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(corpus))
    if (e.path().filename() != "expected.tsv") fs::copy(e.path(), dir / e.path().filename());

  // Without read permission. root reads it all the same: then a link to nowhere, which no
  // user can read, stands in for it.
  fs::path unreadable = dir / "unreadable.xml";
  std::ofstream(unreadable) << "<?xml version=\"1.0\"?>\n<submission format=\"xxgk-2021\" year=\"2025\"/>\n";
  fs::permissions(unreadable, fs::perms::none);
  if (std::FILE* f = std::fopen(unreadable.c_str(), "rb")) {
    std::fclose(f);
    fs::remove(unreadable);
    fs::create_symlink(dir / "no-such-file", unreadable);
    notes.push_back("以 root 运行：chmod 000 挡不住 root 读取，unreadable.xml 改为失效链接（同样无法读取）。");
  }
  // A named pipe must be rejected, not waited on.
  REQUIRE(::mkfifo((dir / "pipe.xml").c_str(), 0644) == 0);
  // One byte over the limit; sparse, so it costs no disk.
  std::ofstream(dir / "too-large.xml") << "<";
  fs::resize_file(dir / "too-large.xml", kMaxInputBytes + 1);
  return notes;
}

}  // namespace nianbao::test
