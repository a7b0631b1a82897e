// nianbao-form-bench XML_DIR FORM_DIR TEMPLATES: the cost of reading filled .xlsx forms against
// reading the same agencies as XML submissions (issue 14: at most 2×). XML_DIR is an input folder
// as nianbao-gen writes it (report.xml and one <submission> per agency). For each agency, the
// form `nianbao init` hands out (render/form_writer.h, the real generator) is filled through its
// defined names with the agency's figures, contact and highlights, zeros left blank as clerks
// leave them, and written to FORM_DIR with a copy of report.xml: FORM_DIR is then the same run as
// XML_DIR, every agency a form. Both sets are read single-threaded several times, and the best
// pass of each is printed in CPU µs per file. scripts/bench-forms.sh builds it and times the whole
// `nianbao build` on both folders.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <time.h>

#include "app/setup.h"
#include "cli/malloc_tuning.h"
#include "input/form_reader.h"
#include "input/readers.h"
#include "input/xlsx_workbook.h"
#include "input/xml_file.h"
#include "render/form_writer.h"
#include "zip/zip_writer.h"
#include "text/escape.h"

namespace fs = std::filesystem;
using namespace nianbao;

namespace {

// CPU time of this process, in µs: the machine may be shared, and wall time would measure the
// neighbours as well.
double cpu_us() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

// Sets cell `ref` of a worksheet's XML to `value` (a number, or an inline string), keeping its
// style, as a program filling the form by name would.
void set_cell(std::string& sheet, const std::string& ref, const std::string& value, bool is_text) {
  const std::string open = "<c r=\"" + ref + "\"";
  const std::size_t at = sheet.find(open);
  if (at == std::string::npos) throw std::runtime_error("no cell " + ref);
  const std::size_t gt = sheet.find('>', at);
  const bool empty = sheet[gt - 1] == '/';
  const std::size_t end = empty ? gt + 1 : sheet.find("</c>", gt) + 4;
  std::string attrs = sheet.substr(at + open.size(), (empty ? gt - 1 : gt) - at - open.size());
  std::string cell = open + attrs;
  cell += is_text ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">" + xml_escape(value) + "</t></is></c>"
                  : "><v>" + value + "</v></c>";
  sheet.replace(at, end - at, cell);
}

// The agency's form, filled by name with what its submission holds.
void write_filled_form(const Format& f, const ReportFile& report, const Submission& sub, const fs::path& out) {
  const fs::path blank = out.string() + ".blank";
  write_form(f, report, report.roster[static_cast<std::size_t>(report.find_agency(sub.agency.code))], blank.string(),
             FormOptions{});
  std::map<std::string, std::pair<std::string, bool>> values;  // name -> value, is text
  for (int c = 0; c < f.cell_count(); ++c) {
    const auto& def = f.cells[static_cast<std::size_t>(c)];
    if (!def.computed() && sub.values[static_cast<std::size_t>(c)] != 0)
      values[f.cell_path(c)] = {format_value(sub.values[static_cast<std::size_t>(c)], def.type), false};
  }
  values["contact.name"] = {sub.contact.name, true};
  values["contact.phone"] = {sub.contact.phone, true};
  int n = 0;
  for (const auto& s : sub.sections) {
    if (++n > kMaxFormHighlights) break;
    std::string body;
    for (const auto& p : s.paragraphs) body += (body.empty() ? "" : "\n") + p.text;
    values["text.highlight." + std::to_string(n) + ".title"] = {s.title, true};
    values["text.highlight." + std::to_string(n) + ".body"] = {body, true};
  }
  // Where each name is, by the reader's own account of the blank form.
  Diagnostics d;
  ZipStatus st;
  auto wb = open_workbook(open_zip_file(blank.string(), st), blank.string(), d);
  if (!wb) throw std::runtime_error("cannot open " + blank.string());
  auto members = read_zip_entries(blank.string());
  for (const auto& [name, value] : values) {
    const NameTarget t = wb->resolve(*wb->find_name(name));
    const std::string part = wb->sheets()[static_cast<std::size_t>(t.sheet)].part;
    for (auto& [member, data] : members)
      if (member == part) set_cell(data, cell_ref_text(t.cell), value.first, value.second);
  }
  write_zip(out.string(), members);
  fs::remove(blank);
}

}  // namespace

int main(int argc, char** argv) {
  start_with_malloc_tuning(argv);  // the readers measured as a run uses them
  if (argc < 4) {
    std::fprintf(stderr, "用法：nianbao-form-bench XML目录 表格目录 templates目录\n");
    return 2;
  }
  const Format f = load_format(argv[3], "xxgk-2021");
  Diagnostics rd;
  auto report = read_report_file((fs::path(argv[1]) / "report.xml").string(), "report.xml", true, rd);
  if (!report) {
    std::fprintf(stderr, "%s 中没有可用的 report.xml\n", argv[1]);
    return 2;
  }
  std::vector<std::string> xml_files;
  for (auto& e : fs::recursive_directory_iterator(argv[1]))
    if (e.path().extension() == ".xml" && sniff_root_element(e.path().string()) == "submission") xml_files.push_back(e.path().string());
  std::sort(xml_files.begin(), xml_files.end());
  fs::create_directories(argv[2]);
  fs::copy_file(fs::path(argv[1]) / "report.xml", fs::path(argv[2]) / "report.xml", fs::copy_options::overwrite_existing);
  std::vector<std::string> forms;
  std::uintmax_t xml_bytes = 0, form_bytes = 0;
  for (const auto& x : xml_files) {
    fs::path out = fs::path(argv[2]) / fs::path(x).filename().replace_extension(".xlsx");
    if (!fs::exists(out)) {
      Diagnostics d;
      auto file = load_xml_file(x, x, d);
      write_filled_form(f, *report, read_submission(*file, f, d), out);
    }
    forms.push_back(out.string());
    xml_bytes += fs::file_size(x);
    form_bytes += fs::file_size(out);
  }
  const std::size_t n = xml_files.size();
  if (n == 0) {
    std::fprintf(stderr, "%s 中没有报送文件\n", argv[1]);
    return 2;
  }
  // Both readers must agree before their times mean anything.
  std::size_t agree = 0;
  auto read_xml = [&](std::size_t i, Submission* keep) {
    Diagnostics d;
    auto file = load_xml_file(xml_files[i], xml_files[i], d);
    Submission sub = read_submission(*file, f, d);
    if (keep) *keep = std::move(sub);
    return d.has_errors();
  };
  auto read_xlsx = [&](std::size_t i, std::optional<Submission>* keep) {
    Diagnostics d;
    bool is_form = false;
    auto sub = read_form_file(forms[i], forms[i], f, d, is_form);
    if (keep) *keep = std::move(sub);
    return d.has_errors();
  };
  for (std::size_t i = 0; i < n; ++i) {
    Submission a;
    std::optional<Submission> b;
    bool bad = read_xml(i, &a) | read_xlsx(i, &b);
    agree += !bad && b && a.values == b->values && a.agency.code == b->agency.code && a.sections.size() == b->sections.size() &&
             a.contact.name == b->contact.name;
  }
  double best_xml = 1e18, best_form = 1e18;
  for (int pass = 0; pass < 5; ++pass) {
    double t0 = cpu_us();
    for (std::size_t i = 0; i < n; ++i) read_xml(i, nullptr);
    double t1 = cpu_us();
    for (std::size_t i = 0; i < n; ++i) read_xlsx(i, nullptr);
    double t2 = cpu_us();
    best_xml = std::min(best_xml, (t1 - t0) / static_cast<double>(n));
    best_form = std::min(best_form, (t2 - t1) / static_cast<double>(n));
  }
  std::printf("%zu 个单位，单线程读一个文件的 CPU 时间（5 遍取最快）：\n", n);
  std::printf("  XML 报送文件  %8.1f µs/个（load_xml_file + read_submission），平均 %.1f KB\n", best_xml,
              static_cast<double>(xml_bytes) / 1024.0 / static_cast<double>(n));
  std::printf("  .xlsx 填报表  %8.1f µs/个（read_form_file），平均 %.1f KB（nianbao init 生成、按名称填写）\n", best_form,
              static_cast<double>(form_bytes) / 1024.0 / static_cast<double>(n));
  std::printf("  每个文件 %.2f 倍；两种读法结果一致 %zu/%zu\n", best_form / best_xml, agree, n);
  return agree == n ? 0 : 1;
}
