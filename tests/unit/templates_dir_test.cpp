// The templates lookup order: --templates-dir, NIANBAO_TEMPLATES, the installed location, the
// source tree; and what `nianbao --version --verbose` says about it. (An installed layout and a
// decoy templates/ in the working folder are checked end to end in tests/e2e/install_test.cpp.)
#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>
#include <string>

#include "app/templates_dir.h"

using namespace nianbao;

namespace {

// Sets (or, with nullopt, unsets) NIANBAO_TEMPLATES for one test and puts it back after.
class TemplatesVariable {
 public:
  explicit TemplatesVariable(const std::optional<std::string>& value) {
    if (const char* old = std::getenv("NIANBAO_TEMPLATES")) old_ = old;
    if (value) ::setenv("NIANBAO_TEMPLATES", value->c_str(), 1);
    else ::unsetenv("NIANBAO_TEMPLATES");
  }
  ~TemplatesVariable() {
    if (old_) ::setenv("NIANBAO_TEMPLATES", old_->c_str(), 1);
    else ::unsetenv("NIANBAO_TEMPLATES");
  }
  TemplatesVariable(const TemplatesVariable&) = delete;
  TemplatesVariable& operator=(const TemplatesVariable&) = delete;

 private:
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("NIANBAO_TEMPLATES names the templates directory when --templates-dir is not given", "[templates_dir]") {
  TemplatesVariable env(std::string("/srv/年报/模板"));
  TemplatesLocation found = locate_templates_dir("");
  CHECK(found.dir == "/srv/年报/模板");
  CHECK(found.source == TemplatesSource::kEnvironment);
  CHECK(find_templates_dir("") == "/srv/年报/模板");
}

TEST_CASE("the --templates-dir option comes before NIANBAO_TEMPLATES", "[templates_dir]") {
  TemplatesVariable env(std::string("/srv/年报/模板"));
  TemplatesLocation found = locate_templates_dir("/opt/格式");
  CHECK(found.dir == "/opt/格式");
  CHECK(found.source == TemplatesSource::kOption);
}

TEST_CASE("without option or variable a build-tree program uses its source tree's templates", "[templates_dir]") {
  // This test program lives in the build tree, which has no share/nianbao/templates beside it.
  for (const std::optional<std::string>& value : {std::optional<std::string>{}, std::optional<std::string>{""}}) {
    TemplatesVariable env(value);
    TemplatesLocation found = locate_templates_dir("");
    CHECK(found.dir == NIANBAO_SOURCE_TEMPLATES);
    CHECK(found.source == TemplatesSource::kSourceTree);
  }
}

TEST_CASE("the --version --verbose report names the directory used, the step that chose it and every step", "[templates_dir]") {
  TemplatesVariable env(std::string(NIANBAO_SOURCE_TEMPLATES));
  std::string text = describe_templates_lookup("");
  CHECK_THAT(text, Catch::StartsWith("模板目录：" + std::string(NIANBAO_SOURCE_TEMPLATES) + "\n"
                                     "  来自：环境变量 NIANBAO_TEMPLATES\n"
                                     "  其中的格式：xxgk-2018、xxgk-2021\n"
                                     "查找顺序（用第一个可用的）：\n"
                                     "  1. --templates-dir 选项：未给出\n"
                                     "  2. 环境变量 NIANBAO_TEMPLATES：" + std::string(NIANBAO_SOURCE_TEMPLATES) + "\n"
                                     "  3. 安装位置（程序所在目录的 ../share/nianbao/templates）："));
  CHECK_THAT(text, Catch::Contains("/share/nianbao/templates（不存在）\n"));
  CHECK_THAT(text, Catch::EndsWith("  4. 构建本程序的源码树：" + std::string(NIANBAO_SOURCE_TEMPLATES) + "\n"));
}

TEST_CASE("a --templates-dir that does not exist is still used, and --verbose says it does not exist", "[templates_dir]") {
  TemplatesVariable env(std::nullopt);
  std::string text = describe_templates_lookup("/没有/这个目录");
  CHECK_THAT(text, Catch::StartsWith("模板目录：/没有/这个目录\n"
                                     "  来自：--templates-dir 选项\n"
                                     "  其中的格式：无\n"));
  CHECK_THAT(text, Catch::Contains("  1. --templates-dir 选项：/没有/这个目录（不存在）\n"
                                   "  2. 环境变量 NIANBAO_TEMPLATES：未设置\n"));
}
