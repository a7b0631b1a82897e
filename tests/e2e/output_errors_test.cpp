// Output that cannot be written: a build or init that cannot create a folder, or write a file,
// says which and why, exits 2 and leaves what was there as it was.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "e2e_run.h"
#include "ooxml_read.h"

using namespace nianbao::test;
namespace fs = std::filesystem;

namespace {

const fs::path kBasic = fs::path(NIANBAO_TEST_DATA) / "e2e" / "basic";

}  // namespace

TEST_CASE("a build whose output folder cannot be created names the folder and the cause and writes nothing", "[e2e][output]") {
  fs::path dir = temp_dir("output-create");
  std::ofstream(dir / "file") << "不是文件夹";
  fs::path out = dir / "file" / "out";  // under a file: no folder can be made there
  int status = run_nianbao("build --inputs '" + kBasic.string() + "' --output '" + out.string() + "'", dir / "build");
  CHECK(status == 2);
  CHECK(slurp(dir / "build.err") == "无法创建输出目录 " + out.string() + "：Not a directory（退出状态 2）\n");
  CHECK(slurp(dir / "file") == "不是文件夹");
  fs::remove_all(dir);
}

TEST_CASE("a build that cannot create its generation folder names it and the cause, and leaves output as it was",
          "[e2e][output]") {
  // Nothing can be created in /proc/self, not even by root, yet it is a folder that can be
  // opened and locked like an output folder.
  fs::path dir = temp_dir("output-staging");
  int status = run_nianbao("build --inputs '" + kBasic.string() + "' --output /proc/self", dir / "build");
  CHECK(status == 2);
  std::string err = slurp(dir / "build.err");
  CHECK(err.find("生成输出时出错：无法创建文件夹 /proc/self/.nianbao：") != std::string::npos);
  CHECK(err.find("之前的输出未被改动（退出状态 2）") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("init whose output folder cannot be created names the folder and the cause", "[e2e][init][output]") {
  fs::path dir = temp_dir("init-create");
  std::ofstream(dir / "file") << "不是文件夹";
  fs::path out = dir / "file" / "handout";
  int status = run_nianbao("init --inputs '" + kBasic.string() + "' --output '" + out.string() + "'", dir / "init");
  CHECK(status == 2);
  CHECK(slurp(dir / "init.err") == "无法创建目录 " + out.string() + "：Not a directory，未生成任何文件。\n");
  CHECK(slurp(dir / "init.out").empty());
  fs::remove_all(dir);
}

TEST_CASE("init that cannot write a hand-out file names it and exits 2", "[e2e][init][output]") {
  // Files may not grow past two blocks of the shell's ulimit (1 or 2 KiB; SIGXFSZ ignored, so the
  // write fails with EFBIG rather than killing the process): no hand-out file can be written whole.
  for (const char* form : {"xml", "xlsx"}) {
    INFO(form);
    fs::path dir = temp_dir(std::string("init-write-") + form);
    fs::path out = dir / "handout";
    int status = run_command("trap '' XFSZ; ulimit -f 2; " + std::string(NIANBAO_BIN) + " init --form " + form +
                             " --inputs '" + kBasic.string() + "' --output '" + out.string() + "' >'" +
                             (dir / "init.out").string() + "' 2>'" + (dir / "init.err").string() + "'");
    CHECK(status == 2);
    std::string err = slurp(dir / "init.err");
    // The message names the file the user asked for, not the temp file it was written to first
    // (libxlsxwriter prints lines of its own before ours, naming that temp file).
    const std::size_t last = err.rfind('\n', err.size() - 2);
    const std::string ours = last == std::string::npos ? err : err.substr(last + 1);
    if (std::string(form) == "xml") CHECK(ours == "无法写入 " + (out / "T001.xml").string() + "：File too large\n");
    else CHECK(ours.rfind("无法写入工作簿 " + (out / "T001-测试市发展和改革委员会.xlsx").string() + "：workbook_close 失败：", 0) == 0);
    CHECK(slurp(dir / "init.out").empty());
    CHECK(std::vector<fs::path>(fs::directory_iterator(out), {}).empty());  // nothing half-written, no temp folder left
    fs::remove_all(dir);
  }
}
