#include "app/read_inputs.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <chrono>
#include <optional>
#include <thread>

#include "input/form_reader.h"
#include "input/readers.h"
#include "input/word_report_file.h"
#include "input/xml_file.h"
#include "validate/validator.h"

namespace nianbao {

namespace {

using Clock = std::chrono::steady_clock;

// Time spent parsing files and checking them, summed over the worker threads.
struct StageClock {
  std::atomic<std::int64_t> parse_ns{0}, check_ns{0};
};

// Adds the time since `start` to `counter` when it goes out of scope.
struct Stopwatch {
  std::atomic<std::int64_t>& counter;
  Clock::time_point start = Clock::now();
  ~Stopwatch() { counter += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count(); }
};

// Where a file's submission goes: its own place in ReadInputs::submissions (the file's index).
struct SubmissionSlot {
  Submission& sub;
  int index;
};

// What every reader's submission goes through: the checks of validate/, then the parts needed
// only while checking (positions, figures as written) are dropped, the figures are kept as int32
// when they fit (half the memory of a national run's largest part), and the file is accepted or
// rejected by its findings.
void accept_or_reject(Submission sub, const Setup& s, const CompiledRules& rules, FileResult& result,
                      SubmissionSlot out) {
  validate_submission(sub, rules, s.report, result.diags);
  sub.locate = nullptr;
  sub.given.clear();
  sub.given.shrink_to_fit();
  sub.values.compact();
  result.agency_code = sub.agency.code;
  result.agency_name = sub.agency.name;
  result.outcome = result.diags.has_errors() ? FileOutcome::kRejected : FileOutcome::kAccepted;
  out.sub = std::move(sub);
  result.submission = out.index;
}

// An .xml file: a submission, a second report file (E502), or ignored by its root element (W009).
void read_xml_input(const InputFile& in, const Setup& s, const CompiledRules& rules, FileResult& result,
                    SubmissionSlot out, StageClock& clock) {
  auto t0 = Clock::now();
  auto xml = load_xml_file(in.fs_path, in.display, result.diags);
  clock.parse_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
  if (!xml) {
    result.outcome = FileOutcome::kRejected;
    // Which agency's file it is, when its top can still be read: the agency is then 被退回 (and
    // a second file of it is not taken silently), rather than 未报送.
    result.agency_code = sniff_agency_code(in.fs_path);
    return;
  }
  Stopwatch check_time{clock.check_ns};
  std::string root = xml->root_name();
  if (root == "report") {
    result.outcome = FileOutcome::kRejected;
    result.diags.error("E502", xml->whole_file(), "这是第二个报告文件（根元素 <report>）；一次只能有一个报告文件。");
    return;
  }
  if (root != "submission") {
    // Files are told apart by their root element (the spec): anything else is listed as ignored,
    // with a warning, since an agency's file with a wrong root leaves the agency missing.
    result.outcome = FileOutcome::kIgnored;
    result.ignored_reason = "根元素是 <" + root + ">，不是报送文件";
    auto& d = result.diags.warning("W009", xml->where_root(),
                                   "不是报送文件（根元素不是 <submission>），已忽略；如果这是某单位的报送文件，请按格式改正后重新报送。");
    d.found = "<" + root + ">";
    d.expected = "<submission>";
    return;
  }
  Submission sub = read_submission(*xml, s.format, result.diags);
  if (!s.report.region_code.empty() && sub.agency.code == s.report.region_code && is_generated_merged_xml(in.fs_path)) {
    // This report's own totals: taken as the region's submission they would count every figure twice.
    result.outcome = FileOutcome::kIgnored;
    result.ignored_reason = "本地区自己的汇总数据（nianbao 生成的 merged.xml），不是报送文件";
    result.diags = Diagnostics();
    auto& d = result.diags.warning("W405", sub.agency.where,
                                   "这是本地区自己的汇总数据（nianbao 生成的 merged.xml），已忽略：把它作为报送读入，每个数字都会计入两次。");
    d.found = "<agency code=\"" + sub.agency.code + "\">，由 nianbao 生成";
    d.expected = "各单位自己的报送文件";
    return;
  }
  // The file stays loaded while the submission is checked: its `locate` reads positions from it.
  accept_or_reject(std::move(sub), s, rules, result, out);
}

// The roster agency a spreadsheet's file name says it belongs to: the hand-out's name
// "<code>-<name>.xlsx" (any extension), or "<code>.xls"; "" when no roster code fits. Used only
// for files that cannot be read, so that the agency is 被退回 (and a second file of it is not
// taken silently) rather than 未报送.
std::string agency_of_file_name(const std::string& display, const ReportFile& report) {
  const std::size_t slash = display.rfind('/');
  std::string stem = display.substr(slash == std::string::npos ? 0 : slash + 1);
  stem = stem.substr(0, stem.rfind('.'));
  std::string found = report.find_agency(stem) >= 0 ? stem : "";
  for (std::size_t dash = stem.find('-'); found.empty() && dash != std::string::npos; dash = stem.find('-', dash + 1))
    if (report.find_agency(stem.substr(0, dash)) >= 0) found = stem.substr(0, dash);
  return found;
}

// An .xlsx file: a filled form, a workbook that is no form (ignored, W720), or one that cannot be
// read (rejected, E0xx/E70x).
void read_form_input(const InputFile& in, const Setup& s, const CompiledRules& rules, FileResult& result,
                     SubmissionSlot out, StageClock& clock) {
  bool is_form = false;
  std::optional<Submission> sub;
  {
    Stopwatch parse_time{clock.parse_ns};
    sub = read_form_file(in.fs_path, in.display, s.format, result.diags, is_form);
  }
  Stopwatch check_time{clock.check_ns};
  if (!is_form) {
    result.outcome = FileOutcome::kIgnored;
    result.ignored_reason = "不是 nianbao 填报表（工作簿中没有 nianbao. 开头的名称）";
    return;
  }
  if (!sub) {
    result.outcome = FileOutcome::kRejected;
    result.agency_code = agency_of_file_name(in.display, s.report);
    return;
  }
  accept_or_reject(std::move(*sub), s, rules, result, out);
}

// .xls, .xlsm, .xlsb, .et, .ods: not read, but most likely a clerk's form saved in another
// format, so rejected (the run is then partial), never passed over.
void read_spreadsheet_input(const InputFile& in, const Setup& s, FileResult& result) {
  result.outcome = FileOutcome::kRejected;
  result.agency_code = agency_of_file_name(in.display, s.report);
  const std::size_t dot = in.display.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : in.display.substr(dot);
  auto& d = result.diags.error("E735", SourceLocation{in.display, 0, 0},
                               "这是 " + ext + " 格式的表格文件，程序只读取 .xlsx 填报表；请在 WPS 或 Excel 中打开，"
                               "另存为 Excel 工作簿（.xlsx）后重新报送。");
  d.found = ext + " 文件";
  d.expected = "编制办公室下发的 .xlsx 填报表（文件 → 另存为 → Excel 工作簿（.xlsx））";
}

// A .docx file: an agency's own annual report, or ignored when it is no report (W828).
void read_word_report_input(const InputFile& in, const Setup& s, const CompiledRules& rules, FileResult& result,
                            SubmissionSlot out, StageClock& clock) {
  assert(s.word_reports);  // made by the setup whenever an input is a .docx
  WordReportFile read;
  {
    Stopwatch parse_time{clock.parse_ns};
    read = read_word_report_file(in.fs_path, in.display, *s.word_reports, s.report, result.diags);
  }
  Stopwatch check_time{clock.check_ns};
  if (read.kind == ReportDocKind::kNotAReport) {
    result.outcome = FileOutcome::kIgnored;
    result.ignored_reason = "不是政府信息公开工作年度报告的 Word 文件";
    return;
  }
  if (!read.opened) {
    result.outcome = FileOutcome::kRejected;
    result.agency_code = read.submission.agency.code;
    result.agency_name = read.submission.agency.name;
    return;
  }
  accept_or_reject(std::move(read.submission), s, rules, result, out);
}

// Reads and checks one input file (runs on worker threads; touches nothing shared but the clock).
void process_file(const InputFile& in, const Setup& s, const CompiledRules& rules, FileResult& result,
                  SubmissionSlot out, StageClock& clock) {
  result.path = in.display;
  if (!in.ignore.empty()) {
    result.outcome = FileOutcome::kIgnored;
    result.ignored_reason = in.ignore;
    return;
  }
  if (!in.note.empty()) {
    result.outcome = FileOutcome::kRejected;
    result.diags.error("E001", SourceLocation{in.display, 0, 0}, in.note + "。");
    return;
  }
  switch (in.kind) {
    case InputKind::kXml:
      read_xml_input(in, s, rules, result, out, clock);
      return;
    case InputKind::kForm:
      read_form_input(in, s, rules, result, out, clock);
      return;
    case InputKind::kSpreadsheet:
      read_spreadsheet_input(in, s, result);
      return;
    case InputKind::kWordReport:
      read_word_report_input(in, s, rules, result, out, clock);
      return;
    case InputKind::kOther:
      result.outcome = FileOutcome::kIgnored;
      result.ignored_reason = "不是 .xml 文件";
      return;
  }
}

}  // namespace

ReadInputs read_inputs(const std::vector<InputFile>& inputs, const Setup& s, int threads, Progress& progress,
                       Timings& timings) {
  // Read and check every file on all cores; results land in path order, each file's submission
  // in its own place (no second copy of them all to gather them: at national scale that was
  // a twentieth of a second on one core, with the other waiting).
  ReadInputs read;
  read.files.resize(inputs.size());
  read.submissions.resize(inputs.size());
  StageClock clock;
  const CompiledRules rules(s.format);
  progress.count("读取报送文件", inputs.size());
  std::atomic<std::size_t> next{0};
  unsigned n = threads > 0 ? static_cast<unsigned>(threads) : std::max(1u, std::thread::hardware_concurrency());
  n = static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(inputs.size(), 1)));
  auto work = [&]() {
    for (std::size_t i; (i = next.fetch_add(1)) < inputs.size(); progress.tick()) {
      if (static_cast<int>(i) == s.report_file) continue;
      process_file(inputs[i], s, rules, read.files[i], SubmissionSlot{read.submissions[i], static_cast<int>(i)}, clock);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < n; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  // Reading and checking overlap on the workers: split the phase's wall time by their shares.
  double wall = std::chrono::duration<double>(Clock::now() - timings.last).count();
  double parse = static_cast<double>(clock.parse_ns.load()), check = static_cast<double>(clock.check_ns.load());
  double share = parse + check > 0 ? parse / (parse + check) : 1.0;
  timings.stages.emplace_back("读取（文件与 XML 解析）", wall * share);
  timings.stages.emplace_back("校验", wall * (1 - share));
  timings.last = Clock::now();

  // The report file itself is accounted for as accepted.
  FileResult& report = read.files[s.report_file];
  report.path = inputs[s.report_file].display;
  report.outcome = FileOutcome::kAccepted;
  report.diags = s.warnings;

  return read;
}

}  // namespace nianbao
