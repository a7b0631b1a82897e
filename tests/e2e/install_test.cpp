// nianbao laid out as the package installs it (<prefix>/bin/nianbao beside
// <prefix>/share/nianbao/templates) and run from an office's working folder: it takes the
// installed templates, never a templates/ that happens to be in the folder it runs in, and
// NIANBAO_TEMPLATES and --templates-dir come first, as `--version --verbose` reports. The man
// page the package installs documents every command and option.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "e2e_run.h"
#include "ooxml_read.h"

using namespace nianbao::test;
namespace fs = std::filesystem;

namespace {

const fs::path kExample = fs::path(NIANBAO_SOURCE_DIR) / "examples" / "fengcheng-2025";
const std::string kTitle = "丰城市2025年政府信息公开工作年度报告";

struct Installed {
  fs::path prefix, bin, templates, work, decoy;
};

// A copy of the program and the shipped templates under <root>/usr, and a working folder with the
// example's inputs and a templates/ whose format definition is broken.
Installed install_into(const fs::path& root) {
  Installed i;
  i.prefix = root / "usr";
  i.bin = i.prefix / "bin" / "nianbao";
  i.templates = i.prefix / "share" / "nianbao" / "templates";
  fs::create_directories(i.bin.parent_path());
  fs::copy_file(NIANBAO_BIN, i.bin);
  fs::create_directories(i.templates.parent_path());
  fs::copy(NIANBAO_TEMPLATES, i.templates, fs::copy_options::recursive);
  i.work = root / "office";
  fs::create_directories(i.work);
  fs::copy(kExample, i.work / "inputs", fs::copy_options::recursive);
  i.decoy = i.work / "templates";
  fs::create_directories(i.decoy / "xxgk-2021");
  std::ofstream(i.decoy / "xxgk-2021" / "format.xml") << "<format id=\"xxgk-2021\"><broken";
  return i;
}

struct Result {
  int status;
  std::string out, err;
};

Result run_in(const fs::path& dir, const std::string& command) {
  Result r;
  r.status = run_command("cd '" + dir.string() + "' && " + command + " >run.out 2>run.err");
  r.out = slurp(dir / "run.out");
  r.err = slurp(dir / "run.err");
  return r;
}

}  // namespace

TEST_CASE("an installed nianbao builds from an office folder with the installed templates, not the folder's templates/", "[e2e][install]") {
  Installed i = install_into(temp_dir("install-prefix"));
  Result version = run_in(i.work, "env -u NIANBAO_TEMPLATES '" + i.bin.string() + "' --version --verbose");
  CHECK(version.status == 0);
  CHECK_THAT(version.out, Catch::StartsWith("nianbao " NIANBAO_VERSION "\n"
                                            "模板目录：" + i.templates.string() + "\n"
                                            "  来自：安装位置（程序所在目录的 ../share/nianbao/templates）\n"
                                            "  其中的格式：xxgk-2018、xxgk-2021\n"));

  Result built = run_in(i.work, "env -u NIANBAO_TEMPLATES '" + i.bin.string() + "' build --inputs inputs --output output");
  INFO(built.err);
  CHECK(built.status == 0);
  CHECK(fs::exists(i.work / "output" / (kTitle + ".xlsx")));
  CHECK(fs::exists(i.work / "output" / (kTitle + ".docx")));
}

TEST_CASE("NIANBAO_TEMPLATES comes before the installed templates, and --templates-dir before both", "[e2e][install]") {
  Installed i = install_into(temp_dir("install-env"));
  const std::string env = "NIANBAO_TEMPLATES='" + i.decoy.string() + "' ";
  Result version = run_in(i.work, env + "'" + i.bin.string() + "' --version --verbose");
  CHECK_THAT(version.out, Catch::Contains("模板目录：" + i.decoy.string() + "\n  来自：环境变量 NIANBAO_TEMPLATES\n"));
  CHECK_THAT(version.out, Catch::Contains("  3. 安装位置（程序所在目录的 ../share/nianbao/templates）：" + i.templates.string() + "\n"));

  // The variable's broken format definition is what the run reads, and nothing is written.
  Result from_env = run_in(i.work, env + "'" + i.bin.string() + "' build --inputs inputs --output output");
  CHECK(from_env.status == 2);
  CHECK_THAT(from_env.err, Catch::Contains(i.decoy.string() + "/xxgk-2021/format.xml"));
  CHECK_THAT(from_env.err, Catch::Contains("E503"));
  CHECK_FALSE(fs::exists(i.work / "output"));

  Result from_option = run_in(i.work, env + "'" + i.bin.string() + "' build --inputs inputs --output output --templates-dir '" +
                                          i.templates.string() + "'");
  INFO(from_option.err);
  CHECK(from_option.status == 0);
  CHECK(fs::exists(i.work / "output" / (kTitle + ".docx")));
}

TEST_CASE("the program in the build tree uses its source tree's templates", "[e2e][install]") {
  fs::path dir = temp_dir("install-source-tree");
  Result version = run_in(dir, "env -u NIANBAO_TEMPLATES '" + std::string(NIANBAO_BIN) + "' --version --verbose");
  CHECK(version.status == 0);
  CHECK_THAT(version.out, Catch::Contains("模板目录：" + std::string(NIANBAO_SOURCE_TEMPLATES) + "\n  来自：构建本程序的源码树\n"));
}

TEST_CASE("the --verbose option without --version is a command-line error", "[e2e][install]") {
  fs::path dir = temp_dir("install-verbose");
  Result r = run_in(dir, "'" + std::string(NIANBAO_BIN) + "' build --verbose");
  CHECK(r.status == 2);
  CHECK(r.err == "--verbose 只与 --version 一起使用（nianbao --version --verbose）。\n");
  CHECK_FALSE(fs::exists(dir / "output"));
}

TEST_CASE("the man page documents every command and every option --help lists", "[e2e][install]") {
  const std::string page = slurp(fs::path(NIANBAO_SOURCE_DIR) / "docs" / "nianbao.1");
  fs::path dir = temp_dir("install-man");
  const std::regex option("--([a-z][a-z-]*)");
  for (const std::string command : {"", "build", "validate", "template check", "template export", "init", "new"}) {
    Result help = run_in(dir, "'" + std::string(NIANBAO_BIN) + "' " + command + " --help");
    REQUIRE(help.status == 0);
    if (!command.empty()) CHECK_THAT(page, Catch::Contains("\n.B " + command + "\n"));
    std::string options = help.out.substr(help.out.find("选项："));
    for (auto it = std::sregex_iterator(options.begin(), options.end(), option); it != std::sregex_iterator(); ++it) {
      std::string roff = "\\-\\-" + std::regex_replace((*it)[1].str(), std::regex("-"), "\\-");
      INFO("nianbao " << command << " --help lists --" << (*it)[1].str());
      CHECK_THAT(page, Catch::Contains(roff));
    }
  }
}
