#include "app/per_agency.h"

#include <algorithm>
#include <ctime>
#include <filesystem>

#include "format/format.h"
#include "render/docx/docx_writer.h"
#include "render/docx/review_letter.h"
#include "render/outputs.h"
#include "render/workbook_writer.h"

namespace nianbao {

namespace fs = std::filesystem;

namespace {

// The report file of a report of one agency: its own title, compiler, contact and narrative.
ReportFile agency_report(const ReportFile& region, const Submission& sub) {
  ReportFile r;
  r.path = sub.path;
  r.format = region.format;
  r.year = region.year;
  r.title = sub.agency.name + std::to_string(region.year) + "年政府信息公开工作年度报告";
  r.compiler = sub.agency.name;
  r.region_code = sub.agency.code;
  r.region_name = sub.agency.name;
  r.website = region.website;
  r.published = region.published;
  r.contact = sub.contact;
  r.roster.push_back(sub.agency);
  r.index_roster();
  r.sections = sub.own_sections;
  // Without an overview of its own, the agency's highlights serve as one: each title a heading.
  if (!r.find_section("overview") && !sub.sections.empty()) {
    NarrativeSection overview;
    overview.id = "overview";
    int n = 0;
    static const char* kNumerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    for (const auto& h : sub.sections) {
      if (!h.title.empty() && n < 10) overview.paragraphs.push_back(Paragraph{std::string("（") + kNumerals[n++] + "）" + h.title, h.where});
      overview.paragraphs.insert(overview.paragraphs.end(), h.paragraphs.begin(), h.paragraphs.end());
    }
    r.sections.push_back(std::move(overview));
  }
  if (!r.find_section("overview")) {
    NarrativeSection overview;
    overview.id = "overview";
    overview.paragraphs.push_back(Paragraph{"（本单位的报送文件中没有总体情况的文字，请补充。）", SourceLocation{sub.path, 0, 0}});
    r.sections.push_back(std::move(overview));
  }
  return r;
}


}  // namespace

std::vector<AgencyReportFile> agency_report_files(const MergedReport& merged) {
  std::vector<AgencyReportFile> files;
  std::vector<const Agency*> agencies;
  for (const auto& entry : merged.roster) {
    if (entry.status != RosterStatus::kAccepted) continue;
    files.push_back(AgencyReportFile{&entry, {}});
    agencies.push_back(&merged.agencies[entry.accepted_submission]->agency);
  }
  std::vector<std::string> names = agency_file_names(agencies);
  for (std::size_t i = 0; i < files.size(); ++i) files[i].name = std::move(names[i]);
  return files;
}

Diagnostics agency_report_clashes(const MergedReport& merged) {
  const std::vector<AgencyReportFile> files = agency_report_files(merged);
  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(f.name);
  Diagnostics d;
  for (auto [earlier, later] : file_name_clashes(names)) {
    const Agency &a = *files[earlier].entry->agency, &b = *files[later].entry->agency;
    auto& diag = d.error("E514", b.where,
                         "单位 " + b.code + "（" + b.name + "）与 " + a.code + "（" + a.name +
                             "）的本单位年报（--per-agency）会是同一个文件，Windows 和 macOS 不区分文件名的大小写。");
    diag.found = "agencies/" + files[earlier].name + ".docx 与 agencies/" + files[later].name + ".docx";
    diag.expected = "两个单位的代码在去掉 / \\ : * ? \" < > | 等字符、不区分大小写后仍不相同";
  }
  return d;
}

std::size_t write_agency_reports(const MergedReport& merged, const tmpl::DocxTemplate& tpl, const std::string& dir,
                                 const std::string& date) {
  fs::create_directories(dir);
  std::size_t written = 0;
  for (const AgencyReportFile& file : agency_report_files(merged)) {
    const RosterEntryStatus& entry = *file.entry;
    const Submission& sub = *merged.agencies[entry.accepted_submission];
    ReportFile report = agency_report(*merged.report, sub);
    std::vector<FileResult> files;
    for (int fi : entry.files) files.push_back((*merged.files)[fi]);
    MergedReport one;
    one.format = merged.format;
    one.report = &report;
    one.totals = sub.values.to_vector();
    one.agencies.push_back(&sub);
    one.files = &files;
    one.roster.push_back(RosterEntryStatus{&report.roster[0], RosterStatus::kAccepted, {}, 0});
    for (std::size_t i = 0; i < files.size(); ++i) one.roster[0].files.push_back(static_cast<int>(i));
    std::string base = (fs::path(dir) / file.name).string();
    ReportNames names(*merged.format, &report, &one);
    Diagnostics problems;
    if (!write_document(tpl, names, DocumentMeta{report.title, report.compiler, date, {}}, base + ".docx", problems))
      throw std::runtime_error(tmpl::format_problem(problems.items().front()));
    WorkbookOptions wo;
    wo.created = date_to_time(date);
    write_workbook(one, base + ".xlsx", wo);
    ++written;
  }
  return written;
}

std::size_t write_review_letters(const MergedReport& merged, const std::string& dir, const std::string& date,
                                 const std::string& previous) {
  fs::create_directories(dir);
  const ReportFile& region = *merged.report;
  // The office's folders mean nothing to the agency: the letter names files by their names.
  std::vector<std::string> folders;
  auto add_folder = [&folders](const std::string& path) {
    const std::string folder = fs::path(path).parent_path().string();
    if (!folder.empty() && std::find(folders.begin(), folders.end(), folder) == folders.end()) folders.push_back(folder);
  };
  add_folder(region.path);
  if (!previous.empty()) {
    std::error_code ec;
    add_folder(fs::is_directory(previous, ec) ? (fs::path(previous) / "merged.xml").string() : previous);
  }
  for (const auto& file : *merged.files) add_folder(file.path);
  std::sort(folders.begin(), folders.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  std::size_t written = 0;
  for (const auto& entry : merged.roster) {
    if (entry.files.empty()) continue;
    ReviewLetter letter;
    letter.agency = entry.agency->name;
    letter.year = region.year;
    letter.compiler = region.compiler;
    letter.date = date;
    if (!region.contact.name.empty() || !region.contact.phone.empty())
      letter.contact = "联系人：" + (region.contact.name.empty() ? std::string("—") : region.contact.name) +
                       (region.contact.phone.empty() ? "" : "，联系电话：" + region.contact.phone) + "。";
    letter.accepted = entry.status == RosterStatus::kAccepted;
    letter.folders = folders;
    for (int fi : entry.files) {
      const FileResult& file = (*merged.files)[static_cast<std::size_t>(fi)];
      letter.files += (letter.files.empty() ? "" : "、") + fs::path(file.path).filename().string();
      letter.findings.insert(letter.findings.end(), file.diags.items().begin(), file.diags.items().end());
    }
    const std::string name = safe_file_name(entry.agency->code + "-" + entry.agency->name + "-审核意见");
    write_review_letter(letter, (fs::path(dir) / (name + ".docx")).string());
    ++written;
  }
  return written;
}

}  // namespace nianbao
