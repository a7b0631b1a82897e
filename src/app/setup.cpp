#include "app/setup.h"

#include <filesystem>
#include <future>
#include <stdexcept>
#include <string_view>

#include "app/fatal.h"
#include "app/templates_dir.h"
#include "input/agency_archive_reader.h"
#include "input/readers.h"
#include "input/xml_file.h"
#include "render/docx/docx_writer.h"
#include "template/narrative.h"
#include "template/report_names.h"

namespace nianbao {

namespace fs = std::filesystem;

namespace {

// The report file when it is not inputs/report.xml: the one file whose root element is <report>.
int find_report_file(const Options& o, const std::vector<InputFile>& files) {
  std::vector<int> candidates;
  for (int i = 0; i < static_cast<int>(files.size()); ++i)
    if (files[i].kind == InputKind::kXml && sniff_root_element(files[i].fs_path) == "report") candidates.push_back(i);
  if (candidates.empty())
    fatal("E501", SourceLocation{o.inputs, 0, 0}, "输入目录中没有报告文件（根元素为 <report> 的 report.xml）。");
  if (candidates.size() > 1)
    fatal("E502", SourceLocation{files[candidates[1]].display, 0, 0},
          "输入目录中有两个报告文件：" + files[candidates[0]].display + " 和 " + files[candidates[1]].display + "。");
  return candidates[0];
}

// The report file and the format it names, its sections and the placeholders of its narrative.
void load_report_and_format(const Options& o, const std::string& report_path, const std::string& report_display,
                            Setup& s) {
  Diagnostics d;
  std::unique_ptr<XmlFile> report_xml;
  auto report = read_report_file(report_path, report_display, true, d, &report_xml);
  if (!report) fatal_diags(d);
  s.report = std::move(*report);
  s.warnings.append(d);

  s.templates_dir = find_templates_dir(o.templates_dir);
  if (!fs::is_directory(s.templates_dir + "/" + s.report.format)) {
    std::string known;
    for (auto& e : fs::directory_iterator(s.templates_dir))
      if (fs::exists(e.path() / "format.xml")) known += (known.empty() ? "" : "、") + e.path().filename().string();
    Diagnostic diag{Severity::kError, "E503", report_xml->where_root_attribute("format"), "未知的报告格式。", {}, {}, {}};
    diag.found = s.report.format;
    diag.expected = known;
    fatal(std::move(diag));
  }
  try {
    s.format = load_format(s.templates_dir, s.report.format);
  } catch (const FormatError& e) {
    fatal("E503", SourceLocation{s.templates_dir + "/" + s.report.format + "/format.xml", 0, 0}, e.what());
  }
  Diagnostics sd;
  check_report_sections(s.report, s.format, sd);
  // Placeholders in the report's narrative must resolve to figures of the format.
  ReportNames checker(s.format, &s.report, nullptr);
  for (const auto& sec : s.report.sections)
    for (const auto& p : sec.paragraphs) tmpl::check_narrative(p.text, checker, "E505", p.where, sd);
  if (sd.has_errors()) fatal_diags(sd);
  s.warnings.append(sd);
}

// Last year's merged.xml (--previous, or the one in the folder it names): the same format, last
// year's; and each agency's figures and texts beside it (各单位数据.xml), for the review.
void load_previous(const Options& o, Setup& s) {
  Diagnostics pd;
  const PreviousPaths paths = resolve_previous(o.previous);
  auto xml = load_xml_file(paths.merged, paths.merged, pd);
  if (!xml) fatal_diags(pd);
  if (xml->root_name() != "submission")
    fatal("E510", xml->whole_file(), "--previous 应为上一年度生成的 merged.xml（根元素 <submission>）。");
  Submission prev = read_submission(*xml, s.format, pd);
  if (prev.format != s.format.id) {
    auto& e = pd.error("E510", xml->whole_file(), "上年数据的格式（" + prev.format + "）与本年（" + s.format.id + "）不同，无法比较。");
    e.found = prev.format;
    e.expected = s.format.id;
  }
  if (prev.year != 0 && prev.year + 1 != s.report.year) {
    auto& w = pd.warning("W511", xml->whole_file(),
                         "上年数据的年度（" + std::to_string(prev.year) + "年）不是本年（" + std::to_string(s.report.year) +
                             "年）的上一年。");
    w.found = std::to_string(prev.year);
    w.expected = std::to_string(s.report.year - 1);
  }
  // Another region's totals compared with ours would print a growth rate that means nothing.
  if (!prev.agency.code.empty() && prev.agency.code != s.report.region_code) {
    auto& w = pd.warning("W513", prev.agency.where,
                         "上年数据是另一个地区的：" + prev.agency.name + "（" + prev.agency.code + "），本年报告的地区是 " +
                             s.report.region_name + "（" + s.report.region_code + "）；同比和跨年度核对将拿两个地区的数字相比。");
    w.found = prev.agency.name + "（" + prev.agency.code + "）";
    w.expected = s.report.region_name + "（" + s.report.region_code + "）";
  }
  if (pd.has_errors()) fatal_diags(pd);
  s.format.compute(prev.values);
  s.previous = prev.values.to_vector();
  s.has_previous = true;
  s.last_year = read_previous_agency_archive(o.previous, s.format, s.report.year, pd);
  if (pd.has_errors()) fatal_diags(pd);
  s.warnings.append(pd);
}

// The rules for reading agencies' Word reports (templates/<format>/word-report.xml), when any
// input may be one: a run of XML submissions does not need them.
void load_word_report_rules(const std::vector<InputFile>& inputs, Setup& s) {
  bool any = false;
  for (const auto& in : inputs) any = any || in.kind == InputKind::kWordReport;
  if (!any) return;
  try {
    s.word_reports = std::make_shared<const ReportReader>(s.format);
  } catch (const FormatError& e) {
    fatal("E503", SourceLocation{s.format.dir + "/word-report.xml", 0, 0}, e.what());
  }
}

// The document template: --template, or the format's shipped one.
void load_template(const Options& o, Setup& s) {
  std::string path = o.template_path.empty() ? s.format.dir + "/docx" : o.template_path;
  Diagnostics problems;
  bool ok;
  try {
    ok = prepare_template(path, s.format, &s.report, s.document, problems);
  } catch (const std::runtime_error& e) {
    fatal("E600", SourceLocation{path, 0, 0}, e.what());
  }
  if (!ok) throw Fatal{problems.items()};
}

void load_setup(const Options& o, const std::string& report_path, const std::string& report_display, Setup& s,
                bool need_template) {
  load_report_and_format(o, report_path, report_display, s);
  if (!o.previous.empty()) load_previous(o, s);
  if (need_template) load_template(o, s);
}

}  // namespace

std::optional<ReportFile> read_report_file(const std::string& fs_path, const std::string& display,
                                           bool require_report_root, Diagnostics& diags, std::unique_ptr<XmlFile>* xml) {
  std::unique_ptr<XmlFile> loaded = load_xml_file(fs_path, display, diags);
  if (!loaded) return std::nullopt;
  if (require_report_root && loaded->root_name() != "report") {
    diags.error("E502", loaded->whole_file(), "report.xml 的根元素应为 <report>，实际为 <" + loaded->root_name() + ">。");
    return std::nullopt;
  }
  auto report = read_report(*loaded, diags);
  if (xml) *xml = std::move(loaded);
  return report;
}

std::vector<InputFile> scan_and_set_up(const Options& o, bool need_template, Setup& s) {
  // Listing a folder of 100,000 files takes a while: it goes on while inputs/report.xml, the
  // format and the template are read.
  // A build writing into its own inputs would read its outputs back next time (merged.xml is a
  // submission): refused. An output folder inside the inputs is passed over by the scan.
  if (need_template && same_folder(o.inputs, o.output))
    fatal("E513", SourceLocation{o.output, 0, 0},
          "输出目录就是输入目录；生成的 merged.xml 会在下一次运行时被当作报送文件读入，数字重复计算。请用另一个目录作为 --output。");
  auto scan = std::async(std::launch::async, scan_inputs, o.inputs, o.output);
  const fs::path direct = fs::path(o.inputs) / "report.xml";
  std::error_code ec;
  std::vector<InputFile> inputs;
  if (fs::is_regular_file(direct, ec)) {
    std::string base = o.inputs;
    while (base.size() > 1 && base.back() == '/') base.pop_back();
    load_setup(o, direct.string(), base + "/report.xml", s, need_template);
    inputs = scan.get();
    // Only a path ending in report.xml can be it: normalising 100,000 paths took most of the preparation.
    const fs::path report_path = direct.lexically_normal();
    for (int i = 0; i < static_cast<int>(inputs.size()); ++i) {
      const std::string_view p = inputs[i].fs_path;
      if ((p == "report.xml" || p.ends_with("/report.xml")) && fs::path(p).lexically_normal() == report_path) s.report_file = i;
    }
    if (s.report_file < 0) fatal("E501", SourceLocation{direct.string(), 0, 0}, "报告文件在读取时被移走。");
  } else {
    inputs = scan.get();
    s.report_file = find_report_file(o, inputs);
    load_setup(o, inputs[s.report_file].fs_path, inputs[s.report_file].display, s, need_template);
  }
  load_word_report_rules(inputs, s);
  return inputs;
}

}  // namespace nianbao
