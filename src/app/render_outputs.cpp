#include "app/render_outputs.h"

#include <chrono>
#include <exception>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "app/pdf.h"
#include "app/per_agency.h"
#include "render/agency_archive.h"
#include "render/agency_csv.h"
#include "render/docx/docx_writer.h"
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
  // The workbook is the longest output: it is written on a thread of its own while the
  // others are written here.
  progress.step("写出工作簿与文档");
  std::exception_ptr workbook_error;
  double workbook_secs = 0;
  const std::string workbook_path = staged(names[0]);  // names grows below
  std::thread workbook([&, workbook_path] {
    auto start = Clock::now();
    try {
      write_workbook(merged, workbook_path, wo);
    } catch (...) {
      workbook_error = std::current_exception();
    }
    workbook_secs = seconds_since(start);
  });
  try {
    auto start = Clock::now();
    ReportNames report_names(s.format, &s.report, &merged);
    Diagnostics problems;
    // A tag that fails only with the real data stops the outputs, as an output error does.
    if (!write_document(s.document, report_names, DocumentMeta{s.report.title, s.report.compiler, date, draft},
                        staged(names[1]), problems))
      throw std::runtime_error(tmpl::format_problem(problems.items().front()));
    if (o.pdf) {
      if (!have_program("soffice")) {
        written.pdf_note = "未安装 LibreOffice（soffice），未生成 PDF；安装 libreoffice-writer-nogui 后可用 --pdf。";
      } else if (!convert_to_pdf(staged(names[1]), staging)) {
        written.pdf_note = "LibreOffice 转换 PDF 失败，未生成 PDF（其他输出不受影响）。";
      } else {
        names.push_back(base + ".pdf");
        info.outputs.push_back(join_display(o.output, base + ".pdf"));
      }
    }
    double doc_secs = seconds_since(start);
    start = Clock::now();
    write_agency_csv(merged, staged(names[5]));
    write_file(staged(names[2]), merged_xml(merged));
    write_agency_archive(s.format, s.report.year, merged.agencies, staged(names[6]));
    write_file(staged(names[3]), validation_report(merged, files));
    write_file(staged(names[4]), summary_json(&merged, files, info));
    double other_secs = seconds_since(start);
    if (o.per_agency) {
      progress.step("写出各单位的年度报告");
      auto t = Clock::now();
      std::size_t n = write_agency_reports(merged, s.document, staged("agencies"), date);
      std::size_t letters = write_review_letters(merged, staged("agencies"), date, o.previous);
      names.push_back("agencies");
      info.outputs.push_back(join_display(o.output, "agencies/"));
      written.per_agency_note = "已为 " + std::to_string(n) + " 个单位各生成一份本单位的年度报告（文档与工作簿），在 " +
                                join_display(o.output, "agencies/") + "。";
      if (letters > 0)
        written.per_agency_note += "\n已为报送了文件的 " + std::to_string(letters) +
                                   " 个单位各生成一份审核意见（<代码>-<名称>-审核意见.docx），可发回各单位。";
      timings.stages.emplace_back("各单位的年度报告", seconds_since(t));
    }
    workbook.join();
    if (workbook_error) std::rethrow_exception(workbook_error);
    timings.stages.emplace_back("工作簿（与下两项同时进行）", workbook_secs);
    timings.stages.emplace_back("文档", doc_secs);
    timings.stages.emplace_back("各单位明细 CSV、merged.xml、各单位数据.xml、summary.json、校验报告", other_secs);
    timings.mark("输出合计（并行）");
  } catch (...) {
    if (workbook.joinable()) workbook.join();
    throw;
  }
  return written;
}

}  // namespace nianbao
