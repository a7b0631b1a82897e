#include "app/render_outputs.h"

#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <thread>

#include "app/pdf.h"
#include "app/per_agency.h"
#include "render/agency_archive.h"
#include "render/agency_csv.h"
#include "render/docx/docx_writer.h"
#include "render/output_file.h"
#include "template/report_names.h"
#include "render/workbook_writer.h"

namespace nianbao {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

void write_file(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  out << data;
  out.close();
  if (!out) throw std::runtime_error("无法写入 " + path);
}

std::string join_display(const std::string& dir, const std::string& name) {
  std::string base = dir;
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  return base + "/" + name;
}

// The note on the first page of a partial report's workbook and document; "" when complete.
std::string draft_note(const MergedReport& merged) {
  if (merged.complete()) return "";
  return "草稿：" + std::to_string(merged.missing_count()) + "个单位未报送、" + std::to_string(merged.rejected_count()) +
         "个单位被退回" +
         (merged.unattributed_rejected_count()
              ? "、另有" + std::to_string(merged.unattributed_rejected_count()) + "个文件被退回且无法对应名单中的单位"
              : "") +
         "，数据不完整，请勿发布。";
}

}  // namespace

WrittenOutputs render_outputs(const Options& o, const Setup& s, const MergedReport& merged, const std::string& staging,
                              SummaryInfo& info, Progress& progress, Timings& timings) {
  const std::vector<FileResult>& files = *merged.files;
  const std::string base = safe_file_name(s.report.title);
  const std::string date = output_date(s.report);
  WrittenOutputs written;
  std::vector<std::string>& names = written.names;
  names = {base + ".xlsx", base + ".docx", "merged.xml", "校验报告.txt", "summary.json", base + "-各单位明细.csv",
           kAgencyArchiveFileName};
  for (const auto& n : names) info.outputs.push_back(join_display(o.output, n));
  auto staged = [&](const std::string& name) { return (fs::path(staging) / name).string(); };
  const std::string draft = draft_note(merged);
  WorkbookOptions wo;
  wo.created = date_to_time(date);
  wo.draft_note = draft;
  progress.step(o.per_agency ? "写出工作簿、文档与各单位的年度报告" : "写出工作簿与文档");
  // The outputs are independent of one another (each reads the merged report only): two threads
  // take them from one list, the longest first, so that neither waits while the other still has
  // several to write (a national run's CSV, merged.xml, 各单位数据.xml and 校验报告 together take
  // longer than its workbook). summary.json lists the outputs: with --pdf, the PDF among them,
  // so it is then written once the others are done.
  struct Task {
    const char* label;
    std::function<void()> write;
    double secs = 0;
  };
  std::string pdf_name;  // with --pdf, when one was written
  Task document{"文档", [&] {
    ReportNames report_names(s.format, &s.report, &merged);
    Diagnostics problems;
    // A tag that fails only with the real data stops the outputs, as an output error does.
    if (!write_document(s.document, report_names, DocumentMeta{s.report.title, s.report.compiler, date, draft},
                        staged(names[1]), problems))
      throw std::runtime_error(tmpl::format_problem(problems.items().front()));
    if (!o.pdf) return;
    if (!have_program("soffice"))
      written.pdf_note = "未安装 LibreOffice（soffice），未生成 PDF；安装 libreoffice-writer-nogui 后可用 --pdf。";
    else if (!convert_to_pdf(staged(names[1]), staging))
      written.pdf_note = "LibreOffice 转换 PDF 失败，未生成 PDF（其他输出不受影响）。";
    else
      pdf_name = base + ".pdf";
  }};
  auto write_summary = [&] { write_file(staged(names[4]), summary_json(&merged, files, info)); };
  std::vector<Task> tasks;
  if (o.pdf) tasks.push_back(std::move(document));  // LibreOffice takes seconds
  // Each agency's own report and workbook, and the review letters: with --per-agency the longest.
  std::size_t agency_reports = 0, review_letters = 0;
  if (o.per_agency)
    tasks.push_back({"各单位的年度报告", [&] {
      agency_reports = write_agency_reports(merged, s.document, staged("agencies"), date);
      review_letters = write_review_letters(merged, staged("agencies"), date, o.previous);
    }});
  tasks.push_back({"工作簿", [&] {
                     write_workbook(merged, staged(names[0]), wo);
                     start_writeback(staged(names[0]));  // 16 MB at national scale; OutputFile's do this themselves
                   }});
  tasks.push_back({"各单位数据.xml", [&] { write_agency_archive(s.format, s.report.year, merged.agencies, staged(names[6])); }});
  tasks.push_back({"各单位明细 CSV", [&] { write_agency_csv(merged, staged(names[5])); }});
  if (!o.pdf) tasks.push_back({"summary.json", write_summary});
  tasks.push_back({"校验报告", [&] { write_file(staged(names[3]), validation_report(merged, files)); }});
  tasks.push_back({"merged.xml", [&] { write_file(staged(names[2]), merged_xml(merged)); }});
  if (!o.pdf) tasks.push_back(std::move(document));
  // The first failure stops both threads taking more; it is thrown once both have ended.
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr errors[2];
  auto work = [&](int worker) {
    for (std::size_t i; !failed && (i = next.fetch_add(1)) < tasks.size();) {
      auto start = Clock::now();
      try {
        tasks[i].write();
      } catch (...) {
        errors[worker] = std::current_exception();
        failed = true;
      }
      tasks[i].secs = seconds_since(start);
    }
  };
  {
    std::thread helper(work, 1);
    work(0);
    helper.join();
  }
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  for (const Task& t : tasks) timings.stages.emplace_back(std::string(t.label) + "（并行）", t.secs);
  if (o.pdf) {
    if (!pdf_name.empty()) {
      names.push_back(pdf_name);
      info.outputs.push_back(join_display(o.output, pdf_name));
    }
    auto start = Clock::now();
    write_summary();
    timings.stages.emplace_back("summary.json", seconds_since(start));
  }
  timings.mark("输出合计（并行）");
  if (o.per_agency) {
    names.push_back("agencies");
    info.outputs.push_back(join_display(o.output, "agencies/"));
    written.per_agency_note = "已为 " + std::to_string(agency_reports) + " 个单位各生成一份本单位的年度报告（文档与工作簿），在 " +
                              join_display(o.output, "agencies/") + "。";
    if (review_letters > 0)
      written.per_agency_note += "\n已为报送了文件的 " + std::to_string(review_letters) +
                                 " 个单位各生成一份审核意见（<代码>-<名称>-审核意见.docx），可发回各单位。";
  }
  return written;
}

}  // namespace nianbao
