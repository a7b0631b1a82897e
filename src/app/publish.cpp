#include "app/publish.h"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <set>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text/utf8.h"

namespace nianbao {

namespace fs = std::filesystem;

namespace {

constexpr const char* kStore = ".nianbao";
constexpr const char* kCurrent = "current";
constexpr const char* kRunLog = "运行日志.txt";
constexpr const char* kAgencies = "agencies";
constexpr const char* kTempPrefix = ".nianbao-tmp-";

std::string link_to_current(const std::string& name) { return std::string(kCurrent) + "/" + name; }

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }
bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The number of "gen-<N>", or 0 for any other name.
int generation_number(const std::string& name) {
  if (!starts_with(name, "gen-") || name.size() == 4 || name.size() > 13) return 0;
  int n = 0;
  for (std::size_t i = 4; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return 0;
    n = n * 10 + (name[i] - '0');
  }
  return n;
}

}  // namespace

std::vector<std::string> summary_output_list(const std::string& json) {
  std::vector<std::string> out;
  std::size_t at = json.rfind("\"outputs\"");
  if (at == std::string::npos || (at = json.find('[', at)) == std::string::npos) return out;
  auto hex4 = [&](std::size_t i, unsigned& v) {
    if (i + 4 > json.size()) return false;
    v = 0;
    for (std::size_t k = i; k < i + 4; ++k) {
      char c = json[k];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return false;
      v = v * 16 + static_cast<unsigned>(d);
    }
    return true;
  };
  for (std::size_t i = at + 1; i < json.size() && json[i] != ']'; ++i) {
    if (json[i] != '"') continue;
    std::string s;
    for (++i; i < json.size() && json[i] != '"'; ++i) {
      if (json[i] != '\\') {
        s += json[i];
        continue;
      }
      if (++i >= json.size()) return out;
      switch (json[i]) {
        case 'n': s += '\n'; break;
        case 't': s += '\t'; break;
        case 'r': s += '\r'; break;
        case 'b': s += '\b'; break;
        case 'f': s += '\f'; break;
        case 'u': {
          unsigned cp = 0, low = 0;
          if (!hex4(i + 1, cp)) return out;
          i += 4;
          if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 < json.size() && json[i + 1] == '\\' && json[i + 2] == 'u' &&
              hex4(i + 3, low) && low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
          append_utf8(s, static_cast<char32_t>(cp));
          break;
        }
        default: s += json[i];
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

OutputFolder::OutputFolder(std::string dir) : dir_(std::move(dir)) {}

OutputFolder::~OutputFolder() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

bool OutputFolder::lock_if_exists() {
  std::error_code ec;
  if (locked_ || !fs::is_directory(dir_, ec)) return true;
  lock_fd_ = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  locked_ = lock_fd_ >= 0 && ::flock(lock_fd_, LOCK_EX | LOCK_NB) == 0;
  if (locked_) return true;
  std::cerr << "另一个 nianbao 正在向输出目录 " << dir_ << " 写入（输出目录锁，flock 于 " << dir_
            << "），本次未运行，未写入任何文件（退出状态 2）。请等它结束后再运行。\n";
  return false;
}

bool OutputFolder::create_and_lock() {
  if (locked_) return true;
  std::error_code ec, is_dir_ec;
  fs::create_directories(dir_, ec);
  if (ec || !fs::is_directory(dir_, is_dir_ec)) {
    std::cerr << "无法创建输出目录 " << dir_ << "：" << (ec ? ec.message() : "已有同名的文件") << "（退出状态 2）\n";
    return false;
  }
  return lock_if_exists();
}

std::string OutputFolder::temp_name() { return kTempPrefix + std::to_string(::getpid()) + "-" + std::to_string(++temp_count_); }

std::string OutputFolder::start_generation() {
  assert(locked_ && lock_fd_ >= 0);
  steps_ = std::make_unique<PublishSteps>(lock_fd_, dir_);
  PublishSteps& s = *steps_;
  using Kind = PublishSteps::Kind;
  const Kind store = s.kind_of(kStore);
  if (store != Kind::kNone && store != Kind::kFolder)
    throw PublishError(s.shown(kStore) + " 已存在，但不是本程序存放输出的文件夹；请移走它后再运行");
  const Kind current = s.kind_of(kCurrent);
  if (current == Kind::kLink) {
    std::string text = s.link_text(kCurrent);
    std::string gen = starts_with(text, ".nianbao/") ? text.substr(9) : "";
    if (gen.empty() || gen.find('/') != std::string::npos || gen == "." || gen == "..")
      throw PublishError(s.shown(kCurrent) + " 是一个链接，但不是本程序建立的（指向 " + text + "）；请移走它后再运行");
    if (s.kind_of(text) == Kind::kFolder) current_generation_ = text;
  } else if (current != Kind::kNone) {
    throw PublishError(s.shown(kCurrent) + " 已存在，但不是本程序建立的链接；请移走它后再运行");
  }
  // What runs killed while writing or publishing left: their generations, temporary links and
  // the staging folders of earlier versions. The lock guarantees none of them is running.
  std::string cause;
  for (const auto& name : s.names_in("."))
    if (starts_with(name, ".nianbao-staging-") || starts_with(name, kTempPrefix)) s.remove_tree(name, cause);
  if (store == Kind::kNone) s.make_folder(kStore);
  for (const auto& name : s.names_in(kStore)) {
    const std::string path = std::string(kStore) + "/" + name;
    next_gen_ = std::max(next_gen_, generation_number(name) + 1);
    if (path != current_generation_) s.remove_tree(path, cause);
  }
  generation_ = std::string(kStore) + "/gen-" + std::to_string(next_gen_++);
  s.make_folder(generation_);
  return s.shown(generation_);
}

void OutputFolder::discard_generation() {
  std::string cause;
  if (steps_ && !generation_.empty()) steps_->remove_tree(generation_, cause);
}

// The one atomic step: a new link renamed over `current`.
void OutputFolder::point_current_at(const std::string& generation) {
  const std::string temp = temp_name();
  steps_->make_link(generation, temp);
  steps_->rename(temp, kCurrent);
  current_generation_ = generation;
}

// Names an earlier version of the program wrote as files (and agencies/ as a folder): what the
// summary.json there lists, and the PDF beside each document.
std::vector<std::string> OutputFolder::earlier_output_names() const {
  std::vector<std::string> names{kAgencies};
  // Through our own link too: a run killed while taking files over left some names as files.
  std::string summary = "summary.json";
  if (steps_->link_text(summary) == link_to_current(summary)) summary = link_to_current(summary);
  else if (steps_->kind_of(summary) != PublishSteps::Kind::kFile) return names;
  int fd = ::openat(lock_fd_, summary.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return names;
  // "outputs" is the last member: the end of the file is enough.
  std::string tail(1 << 16, '\0');
  off_t size = ::lseek(fd, 0, SEEK_END);
  off_t from = size > static_cast<off_t>(tail.size()) ? size - static_cast<off_t>(tail.size()) : 0;
  ssize_t n = size > 0 ? ::pread(fd, tail.data(), tail.size(), from) : 0;
  ::close(fd);
  tail.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  for (std::string path : summary_output_list(tail)) {
    while (!path.empty() && path.back() == '/') path.pop_back();
    std::string name = path.substr(path.find_last_of('/') + 1);
    if (name.empty() || name == "." || name == ".." || name[0] == '.') continue;
    names.push_back(name);
    if (ends_with(name, ".docx")) names.push_back(name.substr(0, name.size() - 5) + ".pdf");
  }
  return names;
}

// Takes over the files and folders an earlier version wrote in place: a generation of hard links
// to them (and to what `current` shows), `current` switched to it, then each replaced by its
// link. What each name shows stays the same bytes throughout.
void OutputFolder::adopt_earlier_outputs(const std::vector<std::string>& entries, std::vector<std::string>& notes) {
  PublishSteps& s = *steps_;
  const std::string before = current_generation_;
  std::string adopted = std::string(kStore) + "/gen-old";
  if (s.kind_of(adopted) != PublishSteps::Kind::kNone) adopted += "-" + std::to_string(next_gen_++);
  s.make_folder(adopted);
  if (!before.empty())
    for (const auto& name : s.names_in(before))
      if (std::find(entries.begin(), entries.end(), name) == entries.end())
        s.link_tree(before + "/" + name, adopted + "/" + name);
  for (const auto& name : entries) s.link_tree(name, adopted + "/" + name);
  s.sync_all();
  point_current_at(adopted);
  std::string cause;
  for (const auto& name : entries) {
    const std::string temp = temp_name();
    s.make_link(link_to_current(name), temp);
    if (s.kind_of(name) != PublishSteps::Kind::kFolder) {
      s.rename(temp, name);
      continue;
    }
    // A folder cannot be renamed over: exchanged with its link, then removed under the temporary
    // name (its files live on in the adopted generation). Without RENAME_EXCHANGE the folder is
    // moved aside first: for that instant the name shows nothing, never other bytes.
    std::string old = temp;
    if (!s.exchange(temp, name)) {
      old = temp_name();
      s.rename(name, old);
      s.rename(temp, name);
    }
    if (!s.remove_tree(old, cause)) notes.push_back("未能删除旧的 " + s.shown(name) + "（其文件已保留在新的输出中）：" + cause);
  }
  if (!before.empty() && !s.remove_tree(before, cause)) notes.push_back("未能删除上一代输出：" + cause);
}

std::vector<std::string> OutputFolder::publish(const std::vector<std::string>& names) {
  assert(steps_ && !generation_.empty());
  PublishSteps& s = *steps_;
  using Kind = PublishSteps::Kind;
  std::vector<std::string> notes;
  assert(std::all_of(names.begin(), names.end(), [](const std::string& n) {
    return !n.empty() && n[0] != '.' && n != kCurrent && n != kRunLog && n.find('/') == std::string::npos;
  }));
  s.sync_all();
  // Anything that is not ours to replace stops the run here, before anything changes.
  for (const auto& name : names) {
    const Kind now = s.kind_of(name);
    const bool folder = s.kind_of(generation_ + "/" + name) == Kind::kFolder;
    if ((now == Kind::kFolder && !folder) || now == Kind::kOther)
      throw PublishError(s.shown(name) + " 是一个" + (now == Kind::kFolder ? "文件夹" : "特殊文件") +
                         "，不是本程序写的文件，无法替换；请移走它后再运行");
  }
  std::vector<std::string> candidates = names, earlier = earlier_output_names();
  candidates.insert(candidates.end(), earlier.begin(), earlier.end());
  std::set<std::string> seen;
  std::vector<std::string> adopt;
  for (const auto& name : candidates) {
    if (name == kCurrent || name == kRunLog || name == kStore || !seen.insert(name).second) continue;
    const Kind now = s.kind_of(name);
    if (now == Kind::kFile || now == Kind::kFolder) adopt.push_back(name);
  }
  if (!adopt.empty()) adopt_earlier_outputs(adopt, notes);

  // A link for every name, then the switch. Links made for names that show nothing yet dangle
  // until the switch; they are removed again if anything fails before it.
  std::vector<std::string> made;
  try {
    for (const auto& name : names) {
      if (s.link_text(name) == link_to_current(name)) continue;
      const bool absent = s.kind_of(name) == Kind::kNone;
      const std::string temp = temp_name();
      s.make_link(link_to_current(name), temp);
      s.rename(temp, name);
      if (absent) made.push_back(name);
    }
    s.sync_folder(".");
    point_current_at(generation_);
  } catch (...) {
    std::string cause;
    for (const auto& name : made) s.remove_tree(name, cause);
    for (const auto& name : s.names_in("."))
      if (starts_with(name, kTempPrefix)) s.remove_tree(name, cause);
    throw;
  }

  // Switched: everything shown is new. What follows only tidies up.
  try {
    s.sync_folder(".");
  } catch (const PublishError& e) {
    notes.push_back(e.what());
  }
  for (const auto& name : s.names_in(".")) {
    if (std::find(names.begin(), names.end(), name) != names.end() || s.link_text(name) != link_to_current(name))
      continue;
    try {
      s.remove_entry(name);
    } catch (const PublishError& e) {
      notes.push_back(std::string(e.what()) + "（这个链接已不指向任何文件）");
    }
  }
  std::string cause;
  for (const auto& name : s.names_in(kStore)) {
    const std::string path = std::string(kStore) + "/" + name;
    if (path != generation_ && !s.remove_tree(path, cause)) notes.push_back("未能删除上一代输出：" + cause);
  }
  return notes;
}

std::string OutputFolder::append_run_log(const std::string& line) const {
  const std::string shown = (fs::path(dir_) / kRunLog).string();
  int fd = lock_fd_ >= 0 ? ::openat(lock_fd_, kRunLog, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644)
                         : -1;
  if (fd < 0) {
    if (lock_fd_ >= 0 && errno == ELOOP) return shown + " 是一个符号链接，运行日志未写入（不写到链接指向的地方）。";
    return "无法写入运行日志 " + shown + "：" + std::strerror(lock_fd_ >= 0 ? errno : EBADF) + "。";
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return shown + " 不是普通文件，运行日志未写入。";
  }
  // One write call: lines of concurrent runs (which the lock prevents anyway) never interleave.
  ssize_t n = ::write(fd, line.data(), line.size());
  int err = errno;
  ::close(fd);
  if (n != static_cast<ssize_t>(line.size())) return "无法写入运行日志 " + shown + "：" + std::strerror(n < 0 ? err : ENOSPC) + "。";
  return "";
}

std::string local_time_text() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::localtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

}  // namespace nianbao
