// `nianbao init` handing out .xlsx forms: one per roster agency, each keeping the form contract;
// file names that cannot collide; nothing written through a planted link; and, with LibreOffice,
// the live check row of a form filled by another program.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "e2e_run.h"
#include "form_inspect.h"
#include "format/format.h"
#include "input/form_reader.h"
#include "ooxml_read.h"

using namespace nianbao;
using namespace nianbao::test;
namespace fs = std::filesystem;

namespace {

const char* const kRequests = "三、收到和处理政府信息公开申请情况";

/// inputs/report.xml of format xxgk-2021 for 2025 with `agencies` (code, name) on the roster.

std::vector<std::string> listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string init(const fs::path& in, const fs::path& out, const std::string& extra = "") {
  return "init --inputs '" + in.string() + "' --output '" + out.string() + "'" + extra;
}

}  // namespace

TEST_CASE("init on a roster of 30 writes 30 forms, each keeping the form contract", "[e2e][init][form]") {
  fs::path dir = temp_dir("form30");
  std::vector<std::pair<std::string, std::string>> agencies;
  for (int i = 1; i <= 30; ++i) agencies.emplace_back("F" + std::to_string(100 + i), "测试市第" + std::to_string(i) + "局");
  fs::path in = report_with(dir, agencies);
  REQUIRE(run_nianbao(init(in, dir / "下发"), dir / "init") == 0);
  CHECK(slurp(dir / "init.out") == "已为 30 个单位生成报送表（.xlsx），放在 " + (dir / "下发").string() + "。\n");
  std::vector<std::string> expected;
  for (const auto& [code, name] : agencies) expected.push_back(code + "-" + name + ".xlsx");
  std::sort(expected.begin(), expected.end());
  REQUIRE(listing(dir / "下发") == expected);  // and no temporary folder left behind

  const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  for (const auto& [code, name] : agencies) {
    INFO(code);
    const FormBook book = inspect_form((dir / "下发" / (code + "-" + name + ".xlsx")).string());
    const auto problems = form_problems(book, f, code, name, 2025);
    for (const auto& p : problems) UNSCOPED_INFO(p);
    CHECK(problems.empty());
  }
}

TEST_CASE("init on the shipped 丰城市 2018 roster writes 76 forms of the 2018 table", "[e2e][init][form][demo]") {
  fs::path dir = temp_dir("form2018");
  fs::path in = fs::path(NIANBAO_SOURCE_DIR) / "inputs";
  REQUIRE(run_nianbao(init(in, dir / "下发"), dir / "init") == 0);
  const std::vector<std::string> files = listing(dir / "下发");
  REQUIRE(files.size() == 76);
  CHECK(files.front() == "FC001-丰城市人民政府办公室.xlsx");
  const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2018");
  for (const auto& file : files) {
    INFO(file);
    const FormBook book = inspect_form((dir / "下发" / file).string());
    const std::string code = file.substr(0, file.find('-'));
    const std::string name = file.substr(code.size() + 1, file.size() - code.size() - 1 - 5);
    const auto problems = form_problems(book, f, code, name, 2018);
    for (const auto& p : problems) UNSCOPED_INFO(p);
    CHECK(problems.empty());
  }
}

TEST_CASE("two agencies whose hand-outs would share a file name: init writes nothing and names both", "[e2e][init]") {
  fs::path dir = temp_dir("form-clash");
  // "/" is not allowed in a file name and becomes "_": X/1 and X_1 would both be X_1.
  fs::path in = report_with(dir, {{"X/1", "测试局"}, {"X_1", "测试局"}, {"a1", "甲局"}, {"A1", "乙局"}});
  CHECK(run_nianbao(init(in, dir / "下发"), dir / "xlsx") == 2);
  CHECK(slurp(dir / "xlsx.err") == "下列单位的下发文件重名，未生成任何文件；请修改 " + (in / "report.xml").string() +
                                       " 中的单位代码或名称：\n"
                                       "  单位 X/1（测试局）与 X_1（测试局）的下发文件都会是 X_1-测试局.xlsx\n");
  CHECK_FALSE(fs::exists(dir / "下发"));
  // The XML hand-outs are named by the code alone; a1 and A1 are one file on Windows and macOS.
  CHECK(run_nianbao(init(in, dir / "下发", " --form xml"), dir / "xml") == 2);
  CHECK(slurp(dir / "xml.err") == "下列单位的下发文件重名，未生成任何文件；请修改 " + (in / "report.xml").string() +
                                      " 中的单位代码或名称：\n"
                                      "  单位 X/1（测试局）与 X_1（测试局）的下发文件都会是 X_1.xml\n"
                                      "  单位 a1（甲局）与 A1（乙局）的下发文件都会是 A1.xml\n");
  CHECK_FALSE(fs::exists(dir / "下发"));
}

TEST_CASE("init never writes through a link planted in the target folder, nor over a filled-in form", "[e2e][init]") {
  fs::path dir = temp_dir("form-link");
  fs::path in = report_with(dir, {{"T001", "甲局"}, {"T002", "乙局"}, {"T003", "丙局"}});
  fs::create_directories(dir / "elsewhere");
  for (const char* kind : {"xlsx", "xml"}) {
    INFO(kind);
    const std::string ext = kind;
    const fs::path out = dir / ("下发-" + ext);
    fs::create_directories(out);
    const std::string first = ext == "xlsx" ? "T001-甲局.xlsx" : "T001.xml", second = ext == "xlsx" ? "T002-乙局.xlsx" : "T002.xml";
    fs::create_symlink(dir / "elsewhere" / ("planted." + ext), out / first);
    std::ofstream(out / second) << "已填好的文件";
    REQUIRE(run_nianbao(init(in, out, " --form " + ext), dir / ext) == 0);
    CHECK_FALSE(fs::exists(dir / "elsewhere" / ("planted." + ext)));
    CHECK(fs::is_symlink(out / first));
    CHECK(slurp(out / second) == "已填好的文件");
    CHECK(slurp(dir / (ext + ".err")) == "未写入 " + (out / first).string() + "：那里是一个符号链接。\n");
    CHECK(slurp(dir / (ext + ".out")).find("已为 1 个单位生成") != std::string::npos);
    CHECK(slurp(dir / (ext + ".out")).find("另有 2 个已存在的文件未覆盖。") != std::string::npos);
    CHECK(listing(out).size() == 3);
  }
  CHECK(listing(dir / "elsewhere").empty());
}

TEST_CASE("init asked for another kind of hand-out stops and says which there are", "[e2e][init]") {
  fs::path dir = temp_dir("form-kind");
  fs::path in = report_with(dir, {{"T001", "甲局"}});
  CHECK(run_nianbao(init(in, dir / "下发", " --form docx"), dir / "init") == 2);
  CHECK(slurp(dir / "init.err").rfind("选项 --form 的值应为 xlsx 或 xml。", 0) == 0);
  CHECK_FALSE(fs::exists(dir / "下发"));
}

TEST_CASE("init on the same inputs gives byte-identical forms", "[e2e][init][form]") {
  fs::path dir = temp_dir("form-same");
  fs::path in = report_with(dir, {{"T001", "甲局"}, {"T002", "乙局"}});
  REQUIRE(run_nianbao(init(in, dir / "a"), dir / "a") == 0);
  REQUIRE(run_nianbao(init(in, dir / "b"), dir / "b") == 0);
  REQUIRE(listing(dir / "a") == listing(dir / "b"));
  for (const auto& name : listing(dir / "a")) CHECK(slurp(dir / "a" / name) == slurp(dir / "b" / name));
}

TEST_CASE("LibreOffice recalculates a form filled by name: its check row says 不平衡：相差2 or 平衡", "[e2e][office][form]") {
  if (run_command("command -v soffice >/dev/null && /usr/bin/python3 -c 'import openpyxl' 2>/dev/null") != 0) {
    WARN("LibreOffice (soffice) 或 python3-openpyxl 未安装，跳过：scripts/setup.sh --test 会安装它们");
    return;
  }
  fs::path dir = temp_dir("form-office");
  fs::path in = report_with(dir, {{"T001", "甲局"}, {"T002", "乙局"}});
  REQUIRE(run_nianbao(init(in, dir / "下发"), dir / "init") == 0);
  // Another program fills the cells by their defined names, as openpyxl stores numbers (no cached
  // values for the formulas, which LibreOffice then calculates).
  std::ofstream(dir / "fill.py") << "import sys, openpyxl\n"
                                    "wb = openpyxl.load_workbook(sys.argv[1])\n"
                                    "for arg in sys.argv[3:]:\n"
                                    "    name, value = arg.split('=')\n"
                                    "    (title, coord), = list(wb.defined_names[name].destinations)\n"
                                    "    wb[title][coord.replace('$', '')].value = int(value)\n"
                                    "wb.save(sys.argv[2])\n";
  fs::create_directories(dir / "filled");
  auto fill = [&](const std::string& form, const std::string& figures) {
    return run_command("/usr/bin/python3 '" + (dir / "fill.py").string() + "' '" + (dir / "下发" / form).string() + "' '" +
                       (dir / "filled" / form).string() + "' " + figures);
  };
  // 甲局: 5 + 2 new and carried in, 4 + 1 closed and carried out: 2 requests unaccounted for.
  REQUIRE(fill("T001-甲局.xlsx", "requests.new.natural=5 requests.carried_in.natural=2 requests.granted.natural=4 "
                                 "requests.carried_out.natural=1 requests.new.business=3 requests.granted.business=3") == 0);
  REQUIRE(fill("T002-乙局.xlsx", "requests.new.natural=5 requests.carried_in.natural=2 requests.granted.natural=6 "
                                 "requests.carried_out.natural=1") == 0);
  fs::create_directories(dir / "recalculated");
  REQUIRE(run_command("cd '" + (dir / "filled").string() + "' && soffice -env:UserInstallation=file://" +
                      (dir / "profile").string() + " --headless --convert-to xlsx --outdir '" +
                      (dir / "recalculated").string() + "' T001-甲局.xlsx T002-乙局.xlsx >/dev/null 2>&1") == 0);

  const FormBook broken = inspect_form((dir / "recalculated" / "T001-甲局.xlsx").string());
  const FormSheet* s = broken.find(kRequests);
  REQUIRE(s);
  CHECK(s->cells.at("D31").value == "不平衡：相差2");  // 自然人
  CHECK(s->cells.at("E31").value == "平衡");           // 商业企业: 3 in, 3 out
  CHECK(s->cells.at("F31").value == "平衡");
  CHECK(s->cells.at("J31").value == "不平衡：相差2");  // 总计
  CHECK(s->cells.at("J6").value == "8");               // 新收 总计 = 5 + 3
  // Re-saved by LibreOffice, the form still names its cells and says whose it is.
  CHECK(broken.cell("requests.new.natural").value == "5");
  CHECK(broken.cell("nianbao.agency.code").value == "T001");
  CHECK(broken.cell("nianbao.format").value == "xxgk-2021");

  // And the form reader takes exactly what was typed from it.
  Diagnostics diags;
  bool is_form = false;
  const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  auto sub = read_form_file((dir / "recalculated" / "T001-甲局.xlsx").string(), "T001-甲局.xlsx", f, diags, is_form);
  REQUIRE(sub);
  CHECK(diags.error_count() == 0);
  CHECK(sub->agency.code == "T001");
  CHECK(sub->values[f.find_cell("requests.new.natural")] == 5);
  CHECK(sub->values[f.find_cell("requests.carried_out.natural")] == 1);
  CHECK(sub->values[f.find_cell("requests.new.business")] == 3);
  CHECK(sub->given.size() == 6);

  const FormBook balanced = inspect_form((dir / "recalculated" / "T002-乙局.xlsx").string());
  const FormSheet* t = balanced.find(kRequests);
  REQUIRE(t);
  for (const char* ref : {"D31", "E31", "F31", "G31", "H31", "I31", "J31"}) {
    INFO(ref);
    CHECK(t->cells.at(ref).value == "平衡");
  }
}
