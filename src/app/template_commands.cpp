#include "app/template_commands.h"

#include <filesystem>
#include <iostream>

#include "app/setup.h"
#include "app/templates_dir.h"
#include "render/docx/docx_writer.h"

namespace nianbao {

namespace fs = std::filesystem;

namespace {

const char* kind_label(tmpl::TagKind k) {
  switch (k) {
    case tmpl::TagKind::kValue: return "取值";
    case tmpl::TagKind::kIf: return "条件开始";
    case tmpl::TagKind::kElseIf: return "否则如果";
    case tmpl::TagKind::kElse: return "否则";
    case tmpl::TagKind::kEndIf: return "条件结束";
    case tmpl::TagKind::kEach: return "循环开始";
    case tmpl::TagKind::kEndEach: return "循环结束";
    case tmpl::TagKind::kTable: return "统计表";
    case tmpl::TagKind::kSection: return "报告章节";
    case tmpl::TagKind::kBody: return "单位文字";
    case tmpl::TagKind::kChart: return "图表";
    case tmpl::TagKind::kComment: return "注释";
  }
  return "";
}

// The format a template is checked against: --format, or the one report.xml in --inputs names.
bool resolve_format(const Options& o, std::string& format_id, std::unique_ptr<ReportFile>& report) {
  if (!o.format.empty()) {
    format_id = o.format;
    return true;
  }
  std::string path = (fs::path(o.inputs) / "report.xml").string();
  Diagnostics d;
  if (auto r = read_report_file(path, path, false, d)) {
    format_id = r->format;
    report = std::make_unique<ReportFile>(std::move(*r));
    return true;
  }
  std::cerr << "无法确定模板对应的格式：请用 --format 指明（如 --format xxgk-2021），或在 " << o.inputs
            << " 中放置 report.xml。\n";
  for (const auto& x : d.items()) std::cerr << format_diagnostic(x) << "\n";
  return false;
}

}  // namespace

int run_template_check(const Options& o) {
  std::string format_id;
  std::unique_ptr<ReportFile> report;
  if (!resolve_format(o, format_id, report)) return 2;
  std::string templates = find_templates_dir(o.templates_dir);
  Format format;
  try {
    format = load_format(templates, format_id);
  } catch (const FormatError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  std::string path = o.template_path.empty() ? format.dir + "/docx" : o.template_path;
  tmpl::DocxTemplate tpl;
  Diagnostics problems;
  try {
    prepare_template(path, format, report.get(), tpl, problems);
  } catch (const std::runtime_error& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  std::cout << "模板：" << path << "（格式 " << format.id << "）\n";
  std::cout << "共 " << tpl.tags().size() << " 个标签：\n";
  for (const auto& t : tpl.tags())
    std::cout << "  " << t.part << " 第" << t.paragraph << "段  " << t.source << "  〔" << kind_label(t.kind) << "〕\n";
  if (problems.empty()) {
    std::cout << "未发现问题。\n";
    return 0;
  }
  std::cout << "发现 " << problems.items().size() << " 个问题：\n";
  for (const auto& p : problems.items()) std::cout << "  " << tmpl::format_problem(p) << "\n";
  return 2;
}

int run_template_export(const Options& o) {
  if (o.format.empty() || o.export_path.empty()) {
    std::cerr << "用法：nianbao template export --format 格式 --output 文件.docx\n";
    return 2;
  }
  std::string folder = find_templates_dir(o.templates_dir) + "/" + o.format + "/docx";
  try {
    export_template(folder, o.export_path);
  } catch (const std::runtime_error& e) {
    std::cerr << "导出模板失败：" << e.what() << "\n";
    return 2;
  }
  std::cout << "已导出格式 " << o.format << " 的模板：" << o.export_path << "\n"
            << "可用 Word 或 WPS 修改后以 --template " << o.export_path << " 使用。\n";
  return 0;
}

}  // namespace nianbao
