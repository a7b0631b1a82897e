// scan_inputs and the read stage on folders that cannot be listed: nothing in inputs/ is passed
// over unseen.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "app/fatal.h"
#include "app/read_inputs.h"
#include "app/scan_inputs.h"

using namespace nianbao;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("nianbao-scan-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

// Lowers the limit on open files so that only `free_fds` more can be opened, for as long as it
// lives: opendir then fails as it does when a deep tree or a busy process runs out of them.
class FewFileDescriptors {
 public:
  explicit FewFileDescriptors(int free_fds) {
    REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved_) == 0);
    int lowest = ::open("/dev/null", O_RDONLY);  // the lowest free descriptor
    REQUIRE(lowest >= 0);
    ::close(lowest);
    rlimit few = saved_;
    few.rlim_cur = static_cast<rlim_t>(lowest + free_fds);
    REQUIRE(::setrlimit(RLIMIT_NOFILE, &few) == 0);
  }
  ~FewFileDescriptors() { ::setrlimit(RLIMIT_NOFILE, &saved_); }

 private:
  rlimit saved_{};
};

}  // namespace

TEST_CASE("sub-folders are walked and every entry is listed in path order, hidden and lock files as ignored", "[scan]") {
  fs::path dir = fresh_dir("walk");
  fs::create_directories(dir / "乡镇" / ".git");
  std::ofstream(dir / "report.xml") << "<report/>";
  std::ofstream(dir / "乡镇" / "z01.XML") << "<submission/>";
  std::ofstream(dir / "乡镇" / "~$z01.xml") << "";
  std::ofstream(dir / "乡镇" / ".git" / "config.xml") << "";
  std::ofstream(dir / "说明.txt") << "";
  auto files = scan_inputs(dir.string());
  std::vector<std::string> shown;
  for (const auto& f : files) shown.push_back(fs::relative(f.display, dir).generic_string());
  CHECK(shown == std::vector<std::string>{"report.xml", "乡镇/.git/config.xml", "乡镇/z01.XML", "乡镇/~$z01.xml", "说明.txt"});
  REQUIRE(files.size() == 5);
  CHECK(files[0].kind == InputKind::kXml);
  CHECK(files[1].ignore == "在隐藏文件夹中");
  CHECK(files[2].kind == InputKind::kXml);
  CHECK(files[3].ignore == "Office 临时锁定文件");
  CHECK(files[4].kind == InputKind::kOther);
  for (const auto& f : files) CHECK(f.note.empty());
  fs::remove_all(dir);
}

TEST_CASE("a folder that cannot be opened is listed and rejected with the reason (E001), not skipped", "[scan]") {
  fs::path dir = fresh_dir("open");
  fs::create_directories(dir / "乡镇");
  std::ofstream(dir / "report.xml") << "<report/>";
  std::ofstream(dir / "乡镇" / "z01.xml") << "<submission/>";
  std::vector<InputFile> inputs;
  {
    FewFileDescriptors one(1);  // the inputs folder opens; the sub-folder inside it cannot
    inputs = scan_inputs(dir.string());
  }
  REQUIRE(inputs.size() == 2);
  CHECK(inputs[0].display == dir.string() + "/report.xml");
  CHECK(inputs[1].display == dir.string() + "/乡镇");
  CHECK(inputs[1].note == "无法打开的文件夹（Too many open files），其中的文件未读取");

  // The read stage sends it back with that reason, the way it does an unreadable folder.
  Setup setup;
  setup.report_file = 0;
  Progress progress(false);
  Timings timings;
  ReadInputs read = read_inputs(inputs, setup, 1, progress, timings);
  REQUIRE(read.files.size() == 2);
  const FileResult& folder = read.files[1];
  CHECK(folder.path == dir.string() + "/乡镇");
  CHECK(folder.outcome == FileOutcome::kRejected);
  REQUIRE(folder.diags.items().size() == 1);
  CHECK(folder.diags.items()[0].code == "E001");
  CHECK(folder.diags.items()[0].message == "无法打开的文件夹（Too many open files），其中的文件未读取。");
  CHECK(read.files[0].outcome == FileOutcome::kAccepted);  // the report file
  fs::remove_all(dir);
}

TEST_CASE("an inputs folder that cannot be opened stops the run with E501 and the reason", "[scan]") {
  fs::path dir = fresh_dir("top");
  std::ofstream(dir / "report.xml") << "<report/>";
  try {
    FewFileDescriptors none(0);
    scan_inputs(dir.string());
    FAIL("scan_inputs returned");
  } catch (const Fatal& f) {
    REQUIRE(f.diags.size() == 1);
    CHECK(f.diags[0].code == "E501");
    CHECK(f.diags[0].where.file == dir.string());
    CHECK(f.diags[0].message == "无法打开输入目录（Too many open files）。");
  }
  fs::remove_all(dir);
}
