#include "app/publish_steps.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

namespace nianbao {

namespace {

std::string cause_of(int err) { return std::strerror(err); }

// Closes a descriptor when it goes out of scope.
struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

bool write_all(int fd, const char* data, std::size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, data, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    data += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

}  // namespace

PublishSteps::PublishSteps(int dir_fd, std::string shown) : dir_(dir_fd), shown_(std::move(shown)) {
  while (shown_.size() > 1 && shown_.back() == '/') shown_.pop_back();
  // The test hook: publish:N, publish:kill:N, publish:trace (anything else is ignored).
  const char* hook = std::getenv("NIANBAO_FAULT");
  if (!hook || std::strncmp(hook, "publish:", 8) != 0) return;
  std::string spec = hook + 8;
  if (spec == "trace") {
    trace_ = true;
    return;
  }
  if (spec.rfind("kill:", 0) == 0) {
    kill_ = true;
    spec.erase(0, 5);
  }
  fail_at_ = std::atoi(spec.c_str());
}

std::string PublishSteps::shown(const std::string& path) const { return path == "." ? shown_ : shown_ + "/" + path; }

bool PublishSteps::go(const char* what, const std::string& path) {
  ++count_;
  if (trace_) std::fprintf(stderr, "nianbao publish step %d: %s %s\n", count_, what, path.c_str());
  if (count_ != fail_at_) return true;
  if (kill_) {
    std::fflush(nullptr);
    ::kill(::getpid(), SIGKILL);
  }
  errno = EIO;
  return false;
}

void PublishSteps::fail(const char* what, const std::string& path, int err) const {
  throw PublishError(std::string("无法") + what + " " + shown(path) + "：" + cause_of(err));
}

PublishSteps::Kind PublishSteps::kind_of(const std::string& path) const {
  struct stat st {};
  if (::fstatat(dir_, path.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return Kind::kNone;
  if (S_ISLNK(st.st_mode)) return Kind::kLink;
  if (S_ISDIR(st.st_mode)) return Kind::kFolder;
  if (S_ISREG(st.st_mode)) return Kind::kFile;
  return Kind::kOther;
}

std::string PublishSteps::link_text(const std::string& path) const {
  char buf[4096];
  ssize_t n = ::readlinkat(dir_, path.c_str(), buf, sizeof buf);
  return n > 0 && static_cast<std::size_t>(n) < sizeof buf ? std::string(buf, static_cast<std::size_t>(n)) : "";
}

std::vector<std::string> PublishSteps::names_in(const std::string& path) const {
  std::vector<std::string> out;
  int fd = ::openat(dir_, path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return out;
  DIR* d = ::fdopendir(fd);
  if (!d) {
    ::close(fd);
    return out;
  }
  while (const dirent* e = ::readdir(d))
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) out.emplace_back(e->d_name);
  ::closedir(d);
  return out;
}

void PublishSteps::make_folder(const std::string& path) {
  if (!go("mkdir", path) || ::mkdirat(dir_, path.c_str(), 0755) != 0) fail("创建文件夹", path, errno);
}

void PublishSteps::make_link(const std::string& text, const std::string& path) {
  if (!go("symlink", path) || ::symlinkat(text.c_str(), dir_, path.c_str()) != 0) fail("创建链接", path, errno);
}

void PublishSteps::rename(const std::string& from, const std::string& to) {
  if (!go("rename", from + " -> " + to) || ::renameat(dir_, from.c_str(), dir_, to.c_str()) != 0)
    fail("替换", to, errno);
}

bool PublishSteps::exchange(const std::string& a, const std::string& b) {
  if (!go("exchange", a + " <-> " + b)) fail("替换", b, errno);
  if (::renameat2(dir_, a.c_str(), dir_, b.c_str(), RENAME_EXCHANGE) == 0) return true;
  if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) return false;
  fail("替换", b, errno);
}

void PublishSteps::link_tree(const std::string& from, const std::string& to) {
  switch (kind_of(from)) {
    case Kind::kFolder:
      make_folder(to);
      for (const auto& name : names_in(from)) link_tree(from + "/" + name, to + "/" + name);
      return;
    case Kind::kLink: {
      std::string text = link_text(from);
      if (text.empty()) fail("读取链接", from, errno ? errno : EINVAL);
      make_link(text, to);
      return;
    }
    case Kind::kFile: break;
    default: fail("保留", from, ENOENT);
  }
  if (!go("link", from + " -> " + to)) fail("保留", from, errno);
  if (::linkat(dir_, from.c_str(), dir_, to.c_str(), 0) == 0) return;
  const int err = errno;
  if (err != EPERM && err != EMLINK && err != ENOTSUP && err != EXDEV) fail("保留", from, err);
  // A file system without hard links (some network shares): the same bytes under the new name.
  Fd in(::openat(dir_, from.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  Fd out(in.fd < 0 ? -1 : ::openat(dir_, to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (in.fd < 0 || out.fd < 0) fail("保留", from, errno);
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(in.fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("保留", from, errno);
    if (n == 0) break;
    if (!write_all(out.fd, buf, static_cast<std::size_t>(n))) fail("保留", to, errno);
  }
}

void PublishSteps::remove_entry(const std::string& path) {
  if (!go("unlink", path) || ::unlinkat(dir_, path.c_str(), 0) != 0) fail("删除", path, errno);
}

bool PublishSteps::remove_tree(const std::string& path, std::string& cause) {
  if (!go("remove", path)) {
    cause = shown(path) + "：" + cause_of(errno);
    return false;
  }
  return remove_at(dir_, path, path, cause);
}

bool PublishSteps::remove_at(int parent, const std::string& name, const std::string& path, std::string& cause) {
  struct stat st {};
  if (::fstatat(parent, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return errno == ENOENT;
  if (!S_ISDIR(st.st_mode)) {
    if (::unlinkat(parent, name.c_str(), 0) == 0 || errno == ENOENT) return true;
    cause = shown(path) + "：" + cause_of(errno);
    return false;
  }
  // A folder of ours made read-only (chmod a-w agencies) is made writable again to empty it.
  if ((st.st_mode & 0700) != 0700 && ::fchmodat(parent, name.c_str(), st.st_mode | 0700, 0) != 0) {
    // Not a fault of its own: removing the folder's entries below then fails, and says why.
  }
  int fd = ::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    cause = shown(path) + "：" + cause_of(errno);
    return false;
  }
  DIR* d = ::fdopendir(fd);
  if (!d) {
    cause = shown(path) + "：" + cause_of(errno);
    ::close(fd);
    return false;
  }
  std::vector<std::string> children;
  while (const dirent* e = ::readdir(d))
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) children.emplace_back(e->d_name);
  bool ok = true;
  for (const auto& c : children) ok = remove_at(::dirfd(d), c, path + "/" + c, cause) && ok;
  ::closedir(d);
  if (ok && ::unlinkat(parent, name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT) {
    cause = shown(path) + "：" + cause_of(errno);
    ok = false;
  }
  return ok;
}

void PublishSteps::sync_all() {
  if (::syncfs(dir_) != 0) fail("写入磁盘", ".", errno);
}

void PublishSteps::sync_folder(const std::string& path) {
  Fd fd(::openat(dir_, path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.fd < 0 || ::fsync(fd.fd) != 0) fail("写入磁盘", path, errno);
}

}  // namespace nianbao
