#include "app/publish.h"

#include <ctime>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace nianbao {

namespace fs = std::filesystem;

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

std::string OutputFolder::start_staging() {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir_, ec))
    if (e.path().filename().string().rfind(".nianbao-staging-", 0) == 0) fs::remove_all(e.path(), ec);
  staging_ = (fs::path(dir_) / (".nianbao-staging-" + std::to_string(::getpid()))).string();
  fs::remove_all(staging_, ec);
  fs::create_directory(staging_, ec);
  if (ec) throw std::runtime_error("无法创建临时文件夹 " + staging_ + "：" + ec.message());
  return staging_;
}

void OutputFolder::publish(const std::vector<std::string>& names) {
  std::error_code ec;
  for (const auto& n : names) {
    fs::path target = fs::path(dir_) / n;
    if (fs::is_directory(fs::path(staging_) / n)) {
      // A folder cannot replace a non-empty folder by rename: move the old one aside first.
      fs::path old = fs::path(staging_) / (n + ".old");
      if (fs::exists(target)) fs::rename(target, old, ec);
    }
    fs::rename(fs::path(staging_) / n, target, ec);
    if (ec) throw std::runtime_error("无法把 " + n + " 移入 " + dir_ + "：" + ec.message());
  }
  fs::remove_all(staging_, ec);
}

void OutputFolder::discard_staging() {
  std::error_code ec;
  if (!staging_.empty()) fs::remove_all(staging_, ec);
}

void OutputFolder::append_run_log(const std::string& line) const {
  std::string path = (fs::path(dir_) / "运行日志.txt").string();
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

}  // namespace nianbao
