#include "cli/cli.h"

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "app/options.h"
#include "app/run.h"
#include "app/init_command.h"
#include "app/new_command.h"
#include "app/template_commands.h"
#include "app/templates_dir.h"
#include "text/width.h"
#include "text/printable.h"

namespace nianbao {

namespace po = boost::program_options;

namespace {

// The options table, aligned by display width (Boost aligns by bytes, which skews Chinese).
std::string options_help(const boost::program_options::options_description& desc) {
  std::vector<std::pair<std::string, std::string>> rows;
  int width = 0;
  for (const auto& opt : desc.options()) {
    std::string name = opt->format_name();
    std::string param = opt->format_parameter();
    if (!param.empty()) name += " " + param;
    width = std::max(width, display_width(name));
    rows.emplace_back(name, opt->description());
  }
  std::string out = "选项：\n";
  for (const auto& [name, text] : rows)
    out += "  " + name + std::string(static_cast<std::size_t>(width - display_width(name) + 2), ' ') + text + "\n";
  return out;
}

const char* kUsage =
    "nianbao：政府信息公开工作年度报告汇总生成工具\n"
    "\n"
    "用法：\n"
    "  nianbao                          等同于 nianbao build --inputs inputs --output output\n"
    "  nianbao build    [选项]          读取、校验、汇总报送文件，生成工作簿、文档、merged.xml 与 summary.json\n"
    "  nianbao validate [选项]          只校验，不写任何文件；汇总结果（JSON）输出到标准输出\n"
    "  nianbao template check  [选项]   列出模板中的全部标签并检查问题\n"
    "  nianbao template export --format 格式 --output 文件.docx   导出内置模板，供 Word/WPS 修改\n"
    "  nianbao new      [选项]          年初：按格式、年度、地区和名单（.xlsx 或 .csv）写出报告文件 report.xml\n"
    "  nianbao init --inputs 目录 --output 目录   按名单为每个单位生成 Excel 报送表（年初下发；--form xml 生成 XML）\n"
    "\n"
    "退出状态：0 全部采用且无缺报；1 已生成输出，但有文件被退回或有单位未报送；2 未生成任何输出。\n";

std::string translate(const po::error& e) {
  if (auto* u = dynamic_cast<const po::unknown_option*>(&e)) return "不认识的选项 " + u->get_option_name();
  if (auto* r = dynamic_cast<const po::required_option*>(&e)) return "缺少必需的选项 " + r->get_option_name();
  if (auto* m = dynamic_cast<const po::multiple_occurrences*>(&e)) return "选项 " + m->get_option_name() + " 只能写一次";
  if (auto* v = dynamic_cast<const po::invalid_option_value*>(&e)) return "选项 " + v->get_option_name() + " 的值无效";
  if (auto* a = dynamic_cast<const po::invalid_command_line_syntax*>(&e)) {
    if (a->kind() == po::invalid_syntax::missing_parameter) return "选项 " + a->get_option_name() + " 后缺少参数";
    return "选项 " + a->get_option_name() + " 写法有误";
  }
  if (dynamic_cast<const po::too_many_positional_options_error*>(&e)) return "多余的参数";
  return "命令行参数有误";
}

}  // namespace

int main_with_args(int argc, char** argv) {
  // Whatever is printed passes printable(): a file name with control characters in it cannot
  // drive the terminal.
  PrintableStandardStreams printable_streams;
  std::vector<std::string> args(argv + 1, argv + argc);
  Options o;
  std::size_t first = 0;
  if (!args.empty() && !args[0].empty() && args[0][0] != '-') {
    const std::string& cmd = args[0];
    first = 1;
    if (cmd == "build") o.command = Command::kBuild;
    else if (cmd == "validate") o.command = Command::kValidate;
    else if (cmd == "init") o.command = Command::kInit;
    else if (cmd == "new") o.command = Command::kNew;
    else if (cmd == "template") {
      std::string sub = args.size() > 1 ? args[1] : "";
      if (sub == "check") o.command = Command::kTemplateCheck;
      else if (sub == "export") o.command = Command::kTemplateExport;
      else {
        std::cerr << "template 后应为 check 或 export。\n\n" << kUsage;
        return 2;
      }
      first = 2;
    } else {
      std::cerr << "不认识的命令 " << cmd << "。\n\n" << kUsage;
      return 2;
    }
  }

  // Not printed by Boost: it wraps descriptions at a byte count, which can cut a Chinese
  // character in two.
  po::options_description desc;  // printed by options_help
  bool verbose = false;
  desc.add_options()("help,h", "显示帮助")("version", "显示版本")(
      "verbose", po::bool_switch(&verbose), "与 --version 同用：另外显示所用的模板目录及其查找顺序");
  if (o.command == Command::kBuild || o.command == Command::kValidate || o.command == Command::kTemplateCheck ||
      o.command == Command::kInit)
    desc.add_options()("inputs", po::value(&o.inputs)->value_name("目录"), "报送文件所在目录（默认 inputs）");
  if (o.command == Command::kInit)
    desc.add_options()("output", po::value(&o.output)->value_name("目录")->required(), "下发文件写到的目录")(
        "form", po::value(&o.form)->value_name("xlsx|xml"), "下发 Excel 报送表（xlsx，默认）或 XML 报送文件（xml）");
  if (o.command == Command::kNew) {
    o.output = "inputs";
    desc.add_options()("format", po::value(&o.format)->value_name("格式")->required(), "报告格式：xxgk-2021（现行）或 xxgk-2018")(
        "year", po::value(&o.year)->value_name("年度")->required(), "报告年度，如 2025")(
        "region", po::value(&o.region)->value_name("代码:名称")->required(), "行政区划代码和地区名称，如 360981:丰城市")(
        "roster", po::value(&o.roster)->value_name("文件")->required(),
        "应报送单位名单：.xlsx（第一张工作表）或 .csv（UTF-8 或 GBK），列为 单位代码、单位名称、类型（部门、乡镇、街道、本级政府）")(
        "output", po::value(&o.output)->value_name("目录"), "report.xml 写到的目录（默认 inputs；已有 report.xml 时不覆盖）");
  }
  if (o.command == Command::kBuild)
    desc.add_options()("output", po::value(&o.output)->value_name("目录"), "输出目录（默认 output）")(
        "strict", po::bool_switch(&o.strict), "有任何单位未报送、任何文件被退回时不生成输出")(
        "pdf", po::bool_switch(&o.pdf), "同时生成文档的 PDF（需安装 LibreOffice）")(
        "per-agency", po::bool_switch(&o.per_agency), "同时为每个已报送单位生成本单位的年度报告，为每个报送了文件的单位生成审核意见（output/agencies/）")(
        "threads", po::value(&o.threads)->value_name("个数"), "读取、审核文件的线程数（默认全部核心）");
  if (o.command == Command::kBuild || o.command == Command::kValidate)
    desc.add_options()("previous", po::value(&o.previous)->value_name("目录或文件"),
                       "上一年度的输出目录（或其中的 merged.xml），用于同比、跨年度校验和各单位的跨年审核")(
        "timings", po::bool_switch(&o.timings), "在标准错误输出各阶段用时");
  if (o.command == Command::kBuild || o.command == Command::kTemplateCheck)
    desc.add_options()("template", po::value(&o.template_path)->value_name("文件或目录"), "文档模板：Word/WPS 保存的 .docx，或模板目录");
  if (o.command == Command::kTemplateCheck || o.command == Command::kTemplateExport)
    desc.add_options()("format", po::value(&o.format)->value_name("格式"), "格式（如 xxgk-2021）");
  if (o.command == Command::kTemplateExport)
    desc.add_options()("output", po::value(&o.export_path)->value_name("文件"), "导出的 .docx 文件");
  desc.add_options()("templates-dir", po::value(&o.templates_dir)->value_name("目录"),
                     "格式与模板所在目录（默认依次查找环境变量 NIANBAO_TEMPLATES、安装位置、源码树，"
                     "见 --version --verbose）");

  po::variables_map vm;
  try {
    std::vector<std::string> rest(args.begin() + static_cast<long>(first), args.end());
    auto parsed = po::command_line_parser(rest).options(desc).run();
    // Boost ignores words that are not options; a stray word is a mistake worth stopping for
    // (a build with it would run on the default folders).
    for (const auto& word : po::collect_unrecognized(parsed.options, po::include_positional)) {
      std::cerr << "多余的参数 " << word << "（选项应写作 --名称 值）。\n\n" << kUsage << "\n" << options_help(desc);
      return 2;
    }
    po::store(parsed, vm);
    // --help works even when a required option is not given.
    if (!vm.count("help")) po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << translate(e) << "。\n\n" << kUsage << "\n" << options_help(desc);
    return 2;
  }
  if (vm.count("help")) {
    std::cout << kUsage << "\n" << options_help(desc);
    return 0;
  }
  if (o.command == Command::kInit && o.form != "xlsx" && o.form != "xml") {
    std::cerr << "选项 --form 的值应为 xlsx 或 xml。\n\n" << kUsage << "\n" << options_help(desc);
    return 2;
  }
  if (vm.count("version")) {
    std::cout << "nianbao " << NIANBAO_VERSION << "\n";
    if (verbose) std::cout << describe_templates_lookup(o.templates_dir);
    return 0;
  }
  if (verbose) {
    std::cerr << "--verbose 只与 --version 一起使用（nianbao --version --verbose）。\n";
    return 2;
  }
  try {
    switch (o.command) {
      case Command::kBuild:
      case Command::kValidate: return run(o);
      case Command::kTemplateCheck: return run_template_check(o);
      case Command::kTemplateExport: return run_template_export(o);
      case Command::kInit: return run_init(o);
      case Command::kNew: return run_new(o);
    }
  } catch (const std::exception& e) {
    std::cerr << "运行失败：" << e.what() << "（退出状态 2）\n";
    return 2;
  }
  return 2;
}

}  // namespace nianbao
