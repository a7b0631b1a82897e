#include "app/terminal_summary.h"

#include <iostream>

#include "app/publish.h"
#include "text/printable.h"

namespace nianbao {

std::size_t ignored_count(const std::vector<FileResult>& files) {
  std::size_t n = 0;
  for (const auto& f : files) n += f.outcome == FileOutcome::kIgnored;
  return n;
}

namespace {

constexpr std::size_t kReviewedAgenciesShown = 10;  // the rest are in 校验报告.txt

// The review's findings on accepted reports, agency by agency, the first few in full.
void print_review(const MergedReport& merged, const std::string& report_path) {
  const std::vector<FileResult>& files = *merged.files;
  std::size_t agencies = 0;
  for (const auto& e : merged.roster) {
    if (e.status != RosterStatus::kAccepted) continue;
    const FileResult& f = files[static_cast<std::size_t>(e.files.front())];
    std::string shown;
    for (const auto& d : f.diags.items())
      if (is_review_finding(d)) shown += "  " + format_diagnostic(d) + "\n";
    if (shown.empty()) continue;
    if (++agencies <= kReviewedAgenciesShown) std::cout << "审核意见：" << e.agency->name << "（" << f.path << "）\n" << shown;
  }
  if (agencies > kReviewedAgenciesShown)
    std::cout << "另有 " << agencies - kReviewedAgenciesShown << " 个单位有审核意见，见 " << report_path << "。\n";
}

}  // namespace

void print_terminal_summary(const MergedReport& merged, const SummaryInfo& info, const WrittenOutputs& written) {
  const std::vector<FileResult>& files = *merged.files;
  const std::size_t ignored = ignored_count(files);
  std::cout << merged.report->title << "\n";
  std::cout << "应报送 " << merged.roster.size() << " 个单位：已报送 " << merged.agencies.size() << " 个，未报送 "
            << merged.missing_count() << " 个，被退回 " << merged.rejected_count() << " 个";
  if (merged.unattributed_rejected_count())
    std::cout << "；另有 " << merged.unattributed_rejected_count() << " 个文件被退回且无法对应名单中的单位";
  if (ignored) std::cout << "；另有 " << ignored << " 个文件已忽略";
  std::cout << "。\n";
  for (const auto& f : files)
    if (f.outcome == FileOutcome::kRejected) {
      std::cout << "被退回：" << f.path << "\n";
      for (const auto& d : f.diags.items())
        if (d.is_error()) std::cout << "  " << format_diagnostic(d) << "\n";
    }
  for (const auto& e : merged.roster)
    if (e.status == RosterStatus::kMissing) std::cout << "未报送：" << e.agency->name << "（" << e.agency->code << "）\n";
  print_review(merged, info.outputs[3]);
  std::cout << "输出：\n";
  for (const auto& p : info.outputs) std::cout << "  " << p << "\n";
  if (!merged.complete()) std::cout << "数据不完整：文档和工作簿首页已标注“草稿”。详见 " << info.outputs[3] << "。\n";
  if (!written.pdf_note.empty()) std::cout << written.pdf_note << "\n";
  if (!written.per_agency_note.empty()) std::cout << written.per_agency_note << "\n";
}

void print_stopped_run(const Fatal& f, bool validate_only) {
  print_fatal(f);
  if (!validate_only) return;
  SummaryInfo info;
  info.status = "failed";
  info.run_diagnostics = f.diags;
  info.error = f.diags.empty() ? "" : f.diags[0].message;
  std::cout << summary_json(nullptr, {}, info);
}

std::string run_log_line(const MergedReport& merged, const std::string& inputs, int status) {
  return local_time_text() + "  " + (merged.complete() ? "完成" : "部分") + "  应报送 " +
         std::to_string(merged.roster.size()) + "，已报送 " + std::to_string(merged.agencies.size()) + "，被退回 " +
         std::to_string(merged.rejected_count()) + "，未报送 " + std::to_string(merged.missing_count()) + "  输入 " +
         printable(inputs) + "  退出状态 " + std::to_string(status) + "\n";
}

}  // namespace nianbao
