#include "app/run.h"

#include "app/per_agency.h"
#include "app/progress.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <thread>
#include <dirent.h>
#include <fcntl.h>
#include <strings.h>
#include <sys/stat.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

#include "format/format.h"
#include "input/readers.h"
#include "input/xml_file.h"
#include "merge/merge.h"
#include "render/agency_csv.h"
#include "render/docx_writer.h"
#include "render/outputs.h"
#include "render/report_context.h"
#include "render/workbook_writer.h"
#include "validate/validator.h"

namespace nianbao {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

struct Timings {
  std::vector<std::pair<std::string, double>> stages;
  Clock::time_point last = Clock::now();
  void mark(const std::string& name) {
    auto now = Clock::now();
    stages.emplace_back(name, std::chrono::duration<double>(now - last).count());
    last = now;
  }
};

/// Exit status 2: nothing written. Carries the findings that caused it.
struct Fatal {
  std::vector<Diagnostic> diags;
};

[[noreturn]] void fatal(std::string code, SourceLocation where, std::string message) {
  Fatal f;
  f.diags.push_back(Diagnostic{Severity::kError, std::move(code), std::move(where), std::move(message), {}, {}, {}});
  throw f;
}

struct InputFile {
  std::string fs_path;
  std::string display;  // as the user sees it: "<inputs>/<relative>"
  bool is_xml = false;
  std::string note;     // a folder that could not be read: listed with this reason
  std::string ignore;   // not a submission by its name or folder: listed as ignored with this reason
};

// Why an entry is not a submission, whatever its extension: it is in a folder that is not for
// submissions (`inherited`, the folder's reason), or its name says so: Office's lock files (~$…),
// hidden files (._FC001.xml, which macOS writes beside every file it copies), the __MACOSX folder
// of a zip made on a Mac, hidden folders. Empty for everything else.
std::string not_a_submission(const std::string& inherited, const char* name, bool folder) {
  if (!inherited.empty()) return inherited;
  if (folder) {
    if (std::strcmp(name, "__MACOSX") == 0) return "在 macOS 压缩包附带的 __MACOSX 文件夹中";
    if (name[0] == '.') return "在隐藏文件夹中";
    return "";
  }
  if (std::strncmp(name, "~$", 2) == 0) return "Office 临时锁定文件";
  if (name[0] == '.') return "隐藏文件";
  return "";
}

// Lists a folder and its sub-folders with readdir: a hundred thousand entries through
// std::filesystem's path objects cost a third of a second.
// Files in a folder that is itself not for submissions (`ignore` says why) are listed, each as ignored.
void scan_folder(const std::string& fs_dir, const std::string& display_dir, std::vector<InputFile>& out,
                 const std::string& ignore = "") {
  DIR* d = ::opendir(fs_dir.c_str());
  if (!d) return;
  while (const dirent* e = ::readdir(d)) {
    const char* name = e->d_name;
    if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0) continue;
    InputFile f;
    f.fs_path = fs_dir + "/" + name;
    f.display = display_dir + "/" + name;
    unsigned char type = e->d_type;
    if (type == DT_UNKNOWN || type == DT_LNK) {
      struct stat st {};
      if (::lstat(f.fs_path.c_str(), &st) == 0)
        type = S_ISLNK(st.st_mode) ? DT_LNK : S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
    }
    if (type == DT_LNK) {
      struct stat st {};
      if (::stat(f.fs_path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
        // Not followed (a link can loop back), but listed so that nothing is passed over unseen.
        f.note = "指向文件夹的链接，其中的文件未读取";
        f.ignore = not_a_submission(ignore, name, true);
        out.push_back(std::move(f));
        continue;
      }
    }
    if (type == DT_DIR) {
      std::string why = not_a_submission(ignore, name, true);
      if (::access(f.fs_path.c_str(), R_OK | X_OK) == 0) {
        scan_folder(f.fs_path, f.display, out, why);
      } else {
        f.note = "无法读取的文件夹（没有权限），其中的文件未读取";
        f.ignore = why;
        out.push_back(std::move(f));
      }
      continue;
    }
    std::size_t len = std::strlen(name);
    f.ignore = not_a_submission(ignore, name, false);
    f.is_xml = f.ignore.empty() && len > 4 && ::strcasecmp(name + len - 4, ".xml") == 0;
    out.push_back(std::move(f));
  }
  ::closedir(d);
}

std::vector<InputFile> scan_inputs(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) fatal("E501", SourceLocation{dir, 0, 0}, "输入目录不存在或不是目录。");
  if (::access(dir.c_str(), R_OK | X_OK) != 0) fatal("E501", SourceLocation{dir, 0, 0}, "无法读取输入目录（没有权限）。");
  std::string base = dir;
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  std::vector<InputFile> files;
  scan_folder(base, base, files);
  std::sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) { return a.display < b.display; });
  return files;
}

[[noreturn]] void fatal_diags(const Diagnostics& d) {
  Fatal f;
  f.diags = d.items();
  throw f;
}

// Reads, checks and loads everything a build or validate needs before any submission.
struct Setup {
  std::string templates_dir;
  std::unique_ptr<XmlFile> report_xml;
  ReportFile report;
  Format format;
  int report_file = -1;  // index into files
  std::vector<std::int64_t> previous;
  bool has_previous = false;
  tmpl::DocxTemplate document;
  Diagnostics warnings;
};

// A template problem for the run's messages: where in the template, and what (the code is the
// diagnostic's own).
std::string template_problem_text(const tmpl::TemplateProblem& p) {
  std::string out = p.part;
  if (p.paragraph > 0) out += " 第" + std::to_string(p.paragraph) + "段";
  if (!p.excerpt.empty()) out += "「" + p.excerpt + "」";
  return out + "：" + p.message;
}

// The report file when it is not inputs/report.xml: the one file whose root element is <report>.
int find_report_file(const Options& o, const std::vector<InputFile>& files) {
  std::vector<int> candidates;
  for (int i = 0; i < static_cast<int>(files.size()); ++i)
    if (files[i].is_xml && sniff_root_element(files[i].fs_path) == "report") candidates.push_back(i);
  if (candidates.empty())
    fatal("E501", SourceLocation{o.inputs, 0, 0}, "输入目录中没有报告文件（根元素为 <report> 的 report.xml）。");
  if (candidates.size() > 1)
    fatal("E502", SourceLocation{files[candidates[1]].display, 0, 0},
          "输入目录中有两个报告文件：" + files[candidates[0]].display + " 和 " + files[candidates[1]].display + "。");
  return candidates[0];
}

// Reads the report file, the format it names, last year's figures and the template.
void load_setup(const Options& o, const std::string& report_path, const std::string& report_display, Setup& s,
                bool need_template) {
  Diagnostics d;
  s.report_xml = load_xml_file(report_path, report_display, d);
  if (!s.report_xml) fatal_diags(d);
  if (s.report_xml->root_name() != "report")
    fatal("E502", s.report_xml->whole_file(), "report.xml 的根元素应为 <report>，实际为 <" + s.report_xml->root_name() + ">。");
  auto report = read_report(*s.report_xml, d);
  if (!report) fatal_diags(d);
  s.report = std::move(*report);
  s.warnings.append(d);

  s.templates_dir = find_templates_dir(o.templates_dir);
  if (!fs::is_directory(s.templates_dir + "/" + s.report.format)) {
    std::string known;
    for (auto& e : fs::directory_iterator(s.templates_dir))
      if (fs::exists(e.path() / "format.xml")) known += (known.empty() ? "" : "、") + e.path().filename().string();
    auto root = s.report_xml->doc.document_element();
    Fatal f;
    Diagnostic diag{Severity::kError, "E503", s.report_xml->where(root.attribute("format")), "未知的报告格式。", {}, {}, {}};
    diag.found = s.report.format;
    diag.expected = known;
    f.diags.push_back(diag);
    throw f;
  }
  try {
    s.format = load_format(s.templates_dir, s.report.format);
  } catch (const FormatError& e) {
    fatal("E503", SourceLocation{s.templates_dir + "/" + s.report.format + "/format.xml", 0, 0}, e.what());
  }
  Diagnostics sd;
  check_report_sections(s.report, s.format, sd);
  // Placeholders in the report's narrative must resolve to figures of the format.
  ReportContext checker(s.format, &s.report, nullptr);
  for (const auto& sec : s.report.sections)
    for (const auto& p : sec.paragraphs) {
      std::string out, error;
      if (!tmpl::render_text(p.text, checker, out, error)) sd.error("E505", p.where, error + "。");
    }
  if (sd.has_errors()) fatal_diags(sd);
  s.warnings.append(sd);

  if (!o.previous.empty()) {
    Diagnostics pd;
    auto xml = load_xml_file(o.previous, o.previous, pd);
    if (!xml) fatal_diags(pd);
    if (xml->root_name() != "submission")
      fatal("E510", xml->whole_file(), "--previous 应为上一年度生成的 merged.xml（根元素 <submission>）。");
    Submission prev = read_submission(*xml, s.format, pd);
    if (prev.format != s.format.id) pd.error("E510", xml->whole_file(), "上年数据的格式与本年不同，无法比较。").found = prev.format;
    if (prev.year != 0 && prev.year + 1 != s.report.year) {
      auto& w = pd.warning("W511", xml->whole_file(), "上年数据的年度不是本年的上一年。");
      w.found = std::to_string(prev.year);
      w.expected = std::to_string(s.report.year - 1);
    }
    if (pd.has_errors()) fatal_diags(pd);
    s.format.compute(prev.values);
    s.previous = std::move(prev.values);
    s.has_previous = true;
    s.warnings.append(pd);
  }

  if (need_template) {
    std::string path = o.template_path.empty() ? s.format.dir + "/docx" : o.template_path;
    std::vector<tmpl::TemplateProblem> problems;
    bool ok;
    try {
      ok = prepare_template(path, s.format, &s.report, s.document, problems);
    } catch (const std::runtime_error& e) {
      fatal("E600", SourceLocation{path, 0, 0}, e.what());
    }
    if (!ok) {
      Fatal f;
      for (const auto& p : problems)
        f.diags.push_back(Diagnostic{Severity::kError, p.code, SourceLocation{path, 0, 0}, template_problem_text(p), {}, {}, {}});
      throw f;
    }
  }
}

// Time spent parsing files and checking them, summed over the worker threads.
struct StageClock {
  std::atomic<std::int64_t> parse_ns{0}, check_ns{0};
};

// Reads and checks one input file (runs on worker threads; touches nothing shared but the clock).
void process_file(const InputFile& in, const Setup& s, FileResult& result, std::optional<Submission>& out,
                  StageClock& clock) {
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
  if (!in.is_xml) {
    result.outcome = FileOutcome::kIgnored;
    result.ignored_reason = "不是 .xml 文件";
    return;
  }
  auto t0 = Clock::now();
  auto xml = load_xml_file(in.fs_path, in.display, result.diags);
  auto t1 = Clock::now();
  clock.parse_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count();
  if (!xml) {
    result.outcome = FileOutcome::kRejected;
    // Which agency's file it is, when its top can still be read: the agency is then 被退回 (and
    // a second file of it is not taken silently), rather than 未报送.
    result.agency_code = sniff_agency_code(in.fs_path);
    return;
  }
  struct CheckTime {
    StageClock& clock;
    Clock::time_point start = Clock::now();
    ~CheckTime() { clock.check_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count(); }
  } check_time{clock};
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
    auto& d = result.diags.warning("W009", xml->where(xml->doc.document_element()),
                                   "不是报送文件（根元素不是 <submission>），已忽略；如果这是某单位的报送文件，请按格式改正后重新报送。");
    d.found = "<" + root + ">";
    d.expected = "<submission>";
    return;
  }
  Submission sub = read_submission(*xml, s.format, result.diags);
  validate_submission(sub, s.format, s.report, result.diags);
  // Positions are only needed while checking; the file and its text go now.
  sub.locate = nullptr;
  xml.reset();
  sub.given.clear();
  sub.given.shrink_to_fit();
  result.agency_code = sub.agency.code;
  result.agency_name = sub.agency.name;
  result.outcome = result.diags.has_errors() ? FileOutcome::kRejected : FileOutcome::kAccepted;
  out = std::move(sub);
}



void write_file(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  out << data;
  out.close();
  if (!out) throw std::runtime_error("无法写入 " + path);
}

// Holds an exclusive lock on the output folder for the whole build, so that two runs never
// interleave their outputs. The lock is on the folder itself (flock), so nothing is created in
// it, and the system releases it when the process ends, however it ends.
class OutputLock {
 public:
  explicit OutputLock(const std::string& dir) {
    fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0) return;
    held_ = ::flock(fd_, LOCK_EX | LOCK_NB) == 0;
  }
  ~OutputLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool held() const { return held_; }

 private:
  int fd_ = -1;
  bool held_ = false;
};

// Runs a program without a shell (paths may hold any character); returns its exit status, or
// -1 when it could not be started.
int run_program(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool have_program(const char* name) {
  const char* path = std::getenv("PATH");
  if (!path) return false;
  std::string p = path;
  for (std::size_t b = 0; b <= p.size();) {
    std::size_t e = p.find(':', b);
    if (e == std::string::npos) e = p.size();
    std::string dir = p.substr(b, e - b);
    if (!dir.empty() && ::access((dir + "/" + name).c_str(), X_OK) == 0) return true;
    b = e + 1;
  }
  return false;
}

// Converts a .docx to PDF beside it with LibreOffice; false if that failed.
bool convert_to_pdf(const std::string& docx, const std::string& dir) {
  std::string profile = dir + "/.lo-profile";
  int rc = run_program({"soffice", "-env:UserInstallation=file://" + fs::absolute(profile).string(), "--headless",
                        "--convert-to", "pdf", "--outdir", dir, docx});
  std::error_code ec;
  fs::remove_all(profile, ec);
  return rc == 0;
}

void append_run_log(const std::string& dir, const std::string& line) {
  std::string path = (fs::path(dir) / "运行日志.txt").string();
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return;
  // One write call: lines of concurrent runs (which the lock prevents anyway) never interleave.
  ssize_t n = ::write(fd, line.data(), line.size());
  (void)n;
  ::close(fd);
}

std::string local_time_text() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::localtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

std::string join_display(const std::string& dir, const std::string& name) {
  std::string base = dir;
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  return base + "/" + name;
}

void print_timings(const Timings& t) {
  std::cerr << "各阶段用时：\n";
  for (const auto& [name, secs] : t.stages) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", secs);
    std::cerr << "  " << name << "  " << buf << " 秒\n";
  }
}

void print_fatal(const Fatal& f) {
  std::cerr << "未生成任何输出（退出状态 2）：\n";
  for (const auto& d : f.diags) std::cerr << format_diagnostic(d) << "\n";
}

// Everything a run reads and builds. At national scale it is a hundred thousand submissions,
// and freeing them one by one takes half a second; the process ends right after run(), so the
// state is left for the system to reclaim (kept reachable, so leak checkers stay quiet).
struct RunState {
  Setup setup;
  std::vector<InputFile> inputs;
  std::vector<FileResult> files;
  std::vector<std::optional<Submission>> subs;
  std::vector<Submission> submissions;
  MergedReport merged;
};

struct LeaveToSystem {
  void operator()(RunState* state) const { kept = state; }
  static inline RunState* volatile kept = nullptr;  // volatile: the store must stay for leak checkers to see
};

}  // namespace

int run(const Options& o) {
  std::unique_ptr<RunState, LeaveToSystem> state(new RunState);
  Timings timings;
  Progress progress(true);
  Setup& s = state->setup;
  std::vector<InputFile>& inputs = state->inputs;
  const bool validate_only = o.command == Command::kValidate;
  // The output folder is locked for the whole run when it exists; a folder that does not exist
  // yet is created (and locked) only when there is something to write, so that a run that
  // writes nothing leaves no trace.
  std::unique_ptr<OutputLock> lock;
  auto take_lock = [&]() {
    lock = std::make_unique<OutputLock>(o.output);
    if (lock->held()) return true;
    std::cerr << "另一个 nianbao 正在向输出目录 " << o.output << " 写入（输出目录锁，flock 于 " << o.output
              << "），本次未运行，未写入任何文件（退出状态 2）。请等它结束后再运行。\n";
    return false;
  };
  if (!validate_only) {
    std::error_code ec;
    if (fs::is_directory(o.output, ec) && !take_lock()) return 2;
  }
  try {
    // Listing a folder of 100,000 files takes a while: it goes on while inputs/report.xml, the
    // format and the template are read.
    auto scan = std::async(std::launch::async, scan_inputs, o.inputs);
    const fs::path direct = fs::path(o.inputs) / "report.xml";
    std::error_code ec;
    if (fs::is_regular_file(direct, ec)) {
      std::string base = o.inputs;
      while (base.size() > 1 && base.back() == '/') base.pop_back();
      load_setup(o, direct.string(), base + "/report.xml", s, !validate_only);
      inputs = scan.get();
      for (int i = 0; i < static_cast<int>(inputs.size()); ++i)
        if (fs::path(inputs[i].fs_path).lexically_normal() == direct.lexically_normal()) s.report_file = i;
      if (s.report_file < 0) fatal("E501", SourceLocation{direct.string(), 0, 0}, "报告文件在读取时被移走。");
    } else {
      inputs = scan.get();
      s.report_file = find_report_file(o, inputs);
      load_setup(o, inputs[s.report_file].fs_path, inputs[s.report_file].display, s, !validate_only);
    }
  } catch (const Fatal& f) {
    print_fatal(f);
    if (validate_only) {
      SummaryInfo info;
      info.status = "failed";
      info.run_diagnostics = f.diags;
      info.error = f.diags.empty() ? "" : f.diags[0].message;
      std::cout << summary_json(nullptr, {}, info);
    }
    return 2;
  }
  timings.mark("准备（报告文件、格式、模板）");

  // Read and check every file on all cores; results land in slots in path order.
  std::vector<FileResult>& files = state->files;
  std::vector<std::optional<Submission>>& subs = state->subs;
  files.resize(inputs.size());
  subs.resize(inputs.size());
  StageClock clock;
  progress.count("读取报送文件", inputs.size());
  {
    std::atomic<std::size_t> next{0};
    unsigned n = o.threads > 0 ? static_cast<unsigned>(o.threads) : std::max(1u, std::thread::hardware_concurrency());
    n = static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(inputs.size(), 1)));
    auto work = [&]() {
      for (std::size_t i; (i = next.fetch_add(1)) < inputs.size(); progress.tick()) {
        if (static_cast<int>(i) == s.report_file) continue;
        process_file(inputs[i], s, files[i], subs[i], clock);
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
  }

  // The report file itself is accounted for as accepted.
  files[s.report_file].path = inputs[s.report_file].display;
  files[s.report_file].outcome = FileOutcome::kAccepted;
  files[s.report_file].diags = s.warnings;

  // Roster: each agency's files. Two files for one agency: both are sent back (never choose silently).
  std::vector<Submission>& submissions = state->submissions;
  submissions.reserve(inputs.size());
  MergedReport& merged = state->merged;
  merged.format = &s.format;
  merged.report = &s.report;
  merged.files = &files;
  merged.roster.resize(s.report.roster.size());
  for (std::size_t i = 0; i < s.report.roster.size(); ++i) merged.roster[i].agency = &s.report.roster[i];
  for (std::size_t i = 0; i < files.size(); ++i) {
    // Files that were read, and unreadable ones whose agency code could be told.
    if (files[i].agency_code.empty()) continue;
    int idx = s.report.find_agency(files[i].agency_code);
    if (idx >= 0) merged.roster[idx].files.push_back(static_cast<int>(i));
  }
  for (auto& entry : merged.roster) {
    if (entry.files.size() > 1) {
      for (int fi : entry.files) {
        std::string others;
        for (int other : entry.files)
          if (other != fi) others += (others.empty() ? "" : "、") + files[other].path;
        auto& d = files[fi].diags.error("E402", subs[fi] ? subs[fi]->agency.where : SourceLocation{files[fi].path, 0, 0},
                                        "同一单位报送了多份文件，无法确定以哪一份为准，均予退回；请只保留一份后重新运行。");
        d.found = entry.agency->code + " 同时见于 " + files[fi].path + " 与 " + others;
        d.expected = "每个单位一份报送文件";
        files[fi].outcome = FileOutcome::kRejected;
      }
    }
    bool accepted = false, any = !entry.files.empty();
    for (int fi : entry.files)
      if (files[fi].outcome == FileOutcome::kAccepted) accepted = true;
    entry.status = accepted ? RosterStatus::kAccepted : any ? RosterStatus::kRejected : RosterStatus::kMissing;
  }
  for (std::size_t i = 0; i < files.size(); ++i)
    if (subs[i]) {
      files[i].submission = static_cast<int>(submissions.size());
      submissions.push_back(std::move(*subs[i]));
      subs[i].reset();
    }
  for (auto& entry : merged.roster)
    if (entry.status == RosterStatus::kAccepted) {
      entry.accepted_submission = static_cast<int>(merged.agencies.size());
      merged.agencies.push_back(&submissions[files[entry.files[0]].submission]);
    }
  merge_totals(merged, submissions);
  if (s.has_previous) {
    merged.previous = s.previous;
    merged.has_previous = true;
    check_rules(s.format, merged.totals, &merged.previous, files[s.report_file].path, [](int) { return 0; },
                merged.warnings);
  }
  timings.mark("汇总");

  // Every file is accounted for.
  std::size_t accepted = 0, rejected = 0, ignored = 0;
  for (const auto& f : files) {
    accepted += f.outcome == FileOutcome::kAccepted;
    rejected += f.outcome == FileOutcome::kRejected;
    ignored += f.outcome == FileOutcome::kIgnored;
  }
  if (accepted + rejected + ignored != inputs.size()) {
    std::cerr << "内部错误：有文件没有处理结果。\n";
    return 2;
  }

  const bool complete = merged.complete();
  const int status = complete ? 0 : 1;
  SummaryInfo info;
  info.format = s.format.id;
  info.year = s.report.year;
  info.status = complete ? "complete" : "partial";

  if (validate_only) {
    std::cerr << validation_report(merged, files);
    std::cout << summary_json(&merged, files, info);
    timings.mark("输出校验结果");
    if (o.timings) print_timings(timings);
    return status;
  }
  if (o.strict && !complete) {
    std::cerr << validation_report(merged, files);
    std::cerr << "\n--strict：有单位未报送或被退回，未生成任何输出（退出状态 2）。\n";
    return 2;
  }

  // Write everything into a staging folder inside output/, then move each file into place:
  // a run that fails or is killed leaves the previous outputs as they were.
  std::error_code ec;
  if (!lock) {
    fs::create_directories(o.output, ec);
    if (!fs::is_directory(o.output, ec)) {
      std::cerr << "无法创建输出目录 " << o.output << "（退出状态 2）\n";
      return 2;
    }
    if (!take_lock()) return 2;
  }
  // Leftovers of runs that were killed while writing (the lock guarantees none is running).
  for (const auto& e : fs::directory_iterator(o.output, ec))
    if (e.path().filename().string().rfind(".nianbao-staging-", 0) == 0) fs::remove_all(e.path(), ec);
  const std::string staging = (fs::path(o.output) / (".nianbao-staging-" + std::to_string(::getpid()))).string();
  fs::remove_all(staging, ec);
  fs::create_directory(staging, ec);
  const std::string base = safe_file_name(s.report.title);
  const std::string date = output_date(s.report);
  std::vector<std::string> names = {base + ".xlsx", base + ".docx", "merged.xml", "校验报告.txt", "summary.json",
                                    base + "-各单位明细.csv"};
  for (const auto& n : names) info.outputs.push_back(join_display(o.output, n));
  std::string pdf_note, per_agency_note;
  try {
    std::string draft;
    if (!complete)
      draft = "草稿：" + std::to_string(merged.missing_count()) + "个单位未报送、" + std::to_string(merged.rejected_count()) +
              "个单位被退回" +
              (merged.unattributed_rejected_count() ? "、另有" + std::to_string(merged.unattributed_rejected_count()) +
                                                          "个文件被退回且无法对应名单中的单位"
                                                    : "") +
              "，数据不完整，请勿发布。";
    WorkbookOptions wo;
    wo.created = date_to_time(date);
    wo.draft_note = draft;
    // The workbook is the longest output: it is written on a thread of its own while the
    // others are written here.
    progress.step("写出工作簿与文档");
    std::exception_ptr workbook_error;
    double workbook_secs = 0;
    const std::string workbook_path = (fs::path(staging) / names[0]).string();  // names grows below
    const std::string csv_path = (fs::path(staging) / names[5]).string();
    std::thread workbook([&, workbook_path] {
      auto start = Clock::now();
      try {
        write_workbook(merged, workbook_path, wo);
      } catch (...) {
        workbook_error = std::current_exception();
      }
      workbook_secs = std::chrono::duration<double>(Clock::now() - start).count();
    });
    auto start = Clock::now();
    try {
      ReportContext ctx(s.format, &s.report, &merged);
      write_document(s.document, ctx, DocumentMeta{s.report.title, s.report.compiler, date, draft},
                     (fs::path(staging) / names[1]).string());
      if (o.pdf) {
        if (!have_program("soffice")) {
          pdf_note = "未安装 LibreOffice（soffice），未生成 PDF；安装 libreoffice-writer-nogui 后可用 --pdf。";
        } else if (!convert_to_pdf((fs::path(staging) / names[1]).string(), staging)) {
          pdf_note = "LibreOffice 转换 PDF 失败，未生成 PDF（其他输出不受影响）。";
        } else {
          names.push_back(base + ".pdf");
          info.outputs.push_back(join_display(o.output, base + ".pdf"));
        }
      }
      double doc_secs = std::chrono::duration<double>(Clock::now() - start).count();
      start = Clock::now();
      write_agency_csv(merged, csv_path);
      write_file((fs::path(staging) / names[2]).string(), merged_xml(merged));
      write_file((fs::path(staging) / names[3]).string(), validation_report(merged, files));
      write_file((fs::path(staging) / names[4]).string(), summary_json(&merged, files, info));
      double other_secs = std::chrono::duration<double>(Clock::now() - start).count();
      if (o.per_agency) {
        progress.step("写出各单位的年度报告");
        auto t = Clock::now();
        std::size_t n = write_agency_reports(merged, s.document, (fs::path(staging) / "agencies").string(), date);
        names.push_back("agencies");
        info.outputs.push_back(join_display(o.output, "agencies/"));
        per_agency_note = "已为 " + std::to_string(n) + " 个单位各生成一份本单位的年度报告（文档与工作簿），在 " +
                          join_display(o.output, "agencies/") + "。";
        timings.stages.emplace_back("各单位的年度报告", std::chrono::duration<double>(Clock::now() - t).count());
      }
      workbook.join();
      if (workbook_error) std::rethrow_exception(workbook_error);
      timings.stages.emplace_back("工作簿（与下两项同时进行）", workbook_secs);
      timings.stages.emplace_back("文档", doc_secs);
      timings.stages.emplace_back("各单位明细 CSV、merged.xml、summary.json、校验报告", other_secs);
      timings.mark("输出合计（并行）");
    } catch (...) {
      if (workbook.joinable()) workbook.join();
      throw;
    }
    for (const auto& n : names) {
      fs::path target = fs::path(o.output) / n;
      if (fs::is_directory(fs::path(staging) / n)) {
        // A folder cannot replace a non-empty folder by rename: move the old one aside first.
        fs::path old = fs::path(staging) / (n + ".old");
        if (fs::exists(target)) fs::rename(target, old, ec);
      }
      fs::rename(fs::path(staging) / n, target, ec);
      if (ec) throw std::runtime_error("无法把 " + n + " 移入 " + o.output + "：" + ec.message());
    }
    fs::remove_all(staging, ec);
    timings.mark("移入输出目录");
  } catch (const std::exception& e) {
    fs::remove_all(staging, ec);
    std::cerr << "生成输出时出错：" << e.what() << "\n之前的输出未被改动（退出状态 2）。\n";
    return 2;
  }

  progress.finish();
  // What the clerk reads on the terminal.
  std::cout << s.report.title << "\n";
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
  std::cout << "输出：\n";
  for (const auto& p : info.outputs) std::cout << "  " << p << "\n";
  if (!complete) std::cout << "数据不完整：文档和工作簿首页已标注“草稿”。详见 " << info.outputs[3] << "。\n";
  if (!pdf_note.empty()) std::cout << pdf_note << "\n";
  if (!per_agency_note.empty()) std::cout << per_agency_note << "\n";
  append_run_log(o.output, local_time_text() + "  " + (complete ? "完成" : "部分") + "  应报送 " +
                               std::to_string(merged.roster.size()) + "，已报送 " + std::to_string(merged.agencies.size()) +
                               "，被退回 " + std::to_string(merged.rejected_count()) + "，未报送 " +
                               std::to_string(merged.missing_count()) + "  输入 " + o.inputs + "  退出状态 " +
                               std::to_string(status) + "\n");
  if (o.timings) print_timings(timings);
  return status;
}

}  // namespace nianbao
