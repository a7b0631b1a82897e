// nianbao-form-bench XML_DIR FORM_DIR TEMPLATES [per-cell]: the cost of reading filled .xlsx forms
// against reading the same agencies as XML submissions (issue 14: at most 2×). Every <submission>
// in XML_DIR (as nianbao-gen writes them) becomes a form in FORM_DIR, laid out as `nianbao init`
// lays one out (labels, formulas for totals, data validation, protection), with the same figures,
// contact and highlights; with per-cell, every input cell has a data validation of its own (the
// largest form a generator would write). Then both sets are read, single-threaded, several
// times, and the best pass of each is printed in CPU µs per file. Built by scripts/bench-forms.sh.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <time.h>

#include "form_builder.h"
#include "input/form_reader.h"
#include "input/readers.h"
#include "input/xml_file.h"

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

formtest::FormFill fill_from(const Format& f, const Submission& sub, bool per_cell) {
  formtest::FormFill fill;
  fill.validation_per_cell = per_cell;
  fill.format_id = sub.format;
  fill.year = std::to_string(sub.year);
  fill.code = sub.agency.code;
  fill.agency = sub.agency.name;
  for (int c = 0; c < f.cell_count(); ++c)
    if (!f.cells[static_cast<std::size_t>(c)].computed())
      fill.figures[f.cell_path(c)] = formtest::number(format_value(sub.values[static_cast<std::size_t>(c)], f.cells[static_cast<std::size_t>(c)].type));
  fill.texts["contact.name"] = sub.contact.name;
  fill.texts["contact.phone"] = sub.contact.phone;
  int n = 0;
  for (const auto& s : sub.sections) {
    if (++n > kMaxFormHighlights) break;
    std::string body;
    for (const auto& p : s.paragraphs) body += (body.empty() ? "" : "\n") + p.text;
    fill.texts["text.highlight." + std::to_string(n) + ".title"] = s.title;
    fill.texts["text.highlight." + std::to_string(n) + ".body"] = body;
  }
  return fill;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "用法：nianbao-form-bench XML目录 表格目录 templates目录\n");
    return 2;
  }
  const Format f = load_format(argv[3], "xxgk-2021");
  const bool per_cell = argc > 4 && std::string(argv[4]) == "per-cell";
  std::vector<std::string> xml_files;
  for (auto& e : fs::recursive_directory_iterator(argv[1]))
    if (e.path().extension() == ".xml" && sniff_root_element(e.path().string()) == "submission") xml_files.push_back(e.path().string());
  std::sort(xml_files.begin(), xml_files.end());
  fs::create_directories(argv[2]);
  std::vector<std::string> forms;
  std::uintmax_t xml_bytes = 0, form_bytes = 0;
  for (const auto& x : xml_files) {
    fs::path out = fs::path(argv[2]) / fs::path(x).filename().replace_extension(".xlsx");
    if (!fs::exists(out)) {
      Diagnostics d;
      auto file = load_xml_file(x, x, d);
      Submission sub = read_submission(*file, f, d);
      std::ofstream(out, std::ios::binary) << formtest::make_form(f, fill_from(f, sub, per_cell)).bytes();
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
    agree += !bad && b && a.values == b->values && a.agency.code == b->agency.code && a.sections.size() == b->sections.size();
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
  std::printf("%zu 个单位，单线程，CPU 时间，5 遍取最快%s：\n", n, per_cell ? "（逐格数据有效性的表格）" : "");
  std::printf("  XML 报送文件  %8.1f µs/个（load_xml_file + read_submission），平均 %.1f KB\n", best_xml,
              static_cast<double>(xml_bytes) / 1024.0 / static_cast<double>(n));
  std::printf("  .xlsx 填报表  %8.1f µs/个（read_form_file），平均 %.1f KB\n", best_form,
              static_cast<double>(form_bytes) / 1024.0 / static_cast<double>(n));
  std::printf("  倍数 %.2f（issue 14：不超过 2）；两种读法结果一致 %zu/%zu\n", best_form / best_xml, agree, n);
  return agree == n ? 0 : 1;
}
