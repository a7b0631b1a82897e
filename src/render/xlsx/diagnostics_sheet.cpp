// 校验结果: the findings of the run, as a filterable list.
#include <algorithm>

#include "render/xlsx/sheets.h"

namespace nianbao::xlsx {

namespace {

constexpr std::size_t kMaxDiagnosticRows = 2000;  // beyond this the sheet is no help; 校验报告.txt has all

/// A finding to list, with the agency it is shown under and the file it came from.
struct Entry {
  std::string unit;
  const std::string* file;
  const Diagnostic* diag;
};

/// The findings of the run, the first kMaxDiagnosticRows kept.
struct Findings {
  std::vector<Entry> entries;
  std::size_t errors = 0, warnings = 0;

  std::size_t total() const { return errors + warnings; }
};

/// Every finding, grouped by agency: roster order, then files that name no roster agency, then
/// the findings on the merged totals. All are counted; only the rows shown are kept.
Findings collect_findings(const MergedReport& merged) {
  const std::vector<FileResult>& files = input_files(merged);
  Findings out;
  std::vector<bool> listed(files.size(), false);
  auto add = [&](const std::string& unit, const std::string& file, const Diagnostic& d) {
    (d.is_error() ? out.errors : out.warnings) += 1;
    if (out.entries.size() < kMaxDiagnosticRows) out.entries.push_back({unit, &file, &d});
  };
  auto add_file = [&](const std::string& unit, std::size_t k) {
    listed[k] = true;
    for (const Diagnostic& d : files[k].diags.items()) add(unit, files[k].path, d);
  };
  for (const RosterEntryStatus& entry : merged.roster)
    for (int k : entry.files)
      if (!files[k].diags.empty()) add_file(entry.agency->name + "（" + entry.agency->code + "）", k);
  for (std::size_t k = 0; k < files.size(); ++k) {
    const FileResult& file = files[k];
    if (listed[k] || file.diags.empty()) continue;
    std::string unit = file.agency_code.empty()   ? "—"
                       : file.agency_name.empty() ? file.agency_code
                                                  : file.agency_name + "（" + file.agency_code + "）";
    add_file(unit, k);
  }
  const std::string region = merged.report && !merged.report->region_name.empty() ? merged.report->region_name + "（汇总）" : "汇总";
  for (const Diagnostic& d : merged.warnings.items()) add(region, d.where.file, d);
  return out;
}

}  // namespace

void write_diagnostics_sheet(Sheet sheet, const Styles& st, const MergedReport& merged) {
  static const std::vector<std::string> kLabels = {"单位", "文件", "类别", "代码", "行", "位置", "说明", "实际", "应为"};
  static const std::vector<double> kWidths = {22, 22, 6, 7, 6, 28, 40, 28, 14};
  const int ncols = static_cast<int>(kLabels.size());
  const Findings findings = collect_findings(merged);
  const std::vector<Entry>& entries = findings.entries;

  RowHeights heights;
  sheet.span(0, 0, 0, ncols - 1,
             "错误 " + std::to_string(findings.errors) + " 条，警告 " + std::to_string(findings.warnings) + " 条", st.heading);
  sheet.headers(1, 1, kLabels, kWidths, st.header);

  int row = 2;
  for (std::size_t i = 0; i < entries.size(); ++i, ++row) {
    const Entry& e = entries[i];
    const Diagnostic& d = *e.diag;
    const std::string& file = d.where.file.empty() ? *e.file : d.where.file.str();
    // A form's finding is placed by its cell, then the official labels: "三、…!D12（一、本年新收… / 自然人）".
    const std::string cell = d.where.cell.empty() ? "" : (d.where.sheet.empty() ? "" : d.where.sheet + "!") + d.where.cell;
    const std::string place = cell.empty() ? d.place : d.place.empty() ? cell : cell + "（" + d.place + "）";
    const std::string* wrapped[] = {&e.unit, &file, nullptr, nullptr, nullptr, &place, &d.message, &d.found, &d.expected};
    sheet.text(row, 0, e.unit, st.text);
    sheet.text(row, 1, file, st.text);
    // 审核: the review of an accepted report, for the filter to pick out what goes back to the agency.
    sheet.text(row, 2, d.is_error() ? "错误" : is_review_finding(d) ? "审核" : "警告", st.centred);
    sheet.text(row, 3, d.code, st.centred);
    if (d.where.line > 0) sheet.number(row, 4, d.where.line, st.value);
    else if (d.where.paragraph > 0 && d.where.part.empty()) sheet.text(row, 4, "第" + std::to_string(d.where.paragraph) + "段", st.value);
    else sheet.text(row, 4, "", st.value);
    sheet.text(row, 5, place, st.text);
    sheet.text(row, 6, d.message, st.text);
    sheet.text(row, 7, d.found, st.text);
    sheet.text(row, 8, d.expected, st.text);
    double h = 0;
    for (int c = 0; c < ncols; ++c)
      if (wrapped[c]) h = std::max(h, text_height(*wrapped[c], kWidths[c], kFontSize));
    heights.need(row, 1, h);
  }
  const int last_listed = row - 1;
  if (entries.empty()) {
    sheet.span(row, 0, row, ncols - 1, "无", st.centred);
    ++row;
  }
  if (entries.size() < findings.total()) {
    ++row;
    sheet.span(row, 0, row, ncols - 1,
               "另有 " + std::to_string(findings.total() - entries.size()) + " 条未列出（本表最多列出 " +
                   std::to_string(kMaxDiagnosticRows) + " 条）；校验报告.txt 列有全部问题。",
               st.plain);
  }
  heights.apply(sheet);

  sheet.freeze(2, 0);
  if (!entries.empty()) sheet.autofilter(1, 0, last_listed, ncols - 1);
  sheet.print_setup(/*landscape=*/true, 1, 0);
  sheet.repeat_rows(1, 1);
}

}  // namespace nianbao::xlsx
