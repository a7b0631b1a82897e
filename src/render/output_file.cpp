#include "render/output_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace nianbao {

OutputFile::OutputFile(std::string what, const std::string& path, std::size_t buffer_bytes)
    : what_(std::move(what)), path_(path), buffer_(buffer_bytes), f_(std::fopen(path.c_str(), "wb")) {
  if (!f_) fail("打开");
  if (buffer_.empty()) std::setvbuf(f_, nullptr, _IONBF, 0);
  else std::setvbuf(f_, buffer_.data(), _IOFBF, buffer_.size());
}

OutputFile::~OutputFile() {
  if (f_) std::fclose(f_);
}

namespace {

// Starts writing bytes [from, from + count) of `fd` to disk (count 0: to the end); a request only.
void request_writeback(int fd, std::size_t from, std::size_t count) {
  ::sync_file_range(fd, static_cast<off_t>(from), static_cast<off_t>(count), SYNC_FILE_RANGE_WRITE);
}

}  // namespace

void start_writeback(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return;
  request_writeback(fd, 0, 0);
  ::close(fd);
}

void OutputFile::write(std::string_view s) {
  if (std::fwrite(s.data(), 1, s.size(), f_) != s.size()) fail("写入");
  written_ += s.size();
  if (written_ - handed_to_disk_ >= kHandToDiskEvery) hand_to_disk();
}

void OutputFile::hand_to_disk() {
  // What has been written so far goes to the disk while the rest is made: the run's outputs are
  // made durable before they are published, and a national run's largest output is 236 MB, which
  // would otherwise all be waited for then.
  if (std::fflush(f_) != 0) fail("写入");
  request_writeback(::fileno(f_), handed_to_disk_, written_ - handed_to_disk_);
  handed_to_disk_ = written_;
}

void OutputFile::close() {
  if (written_ > handed_to_disk_) hand_to_disk();
  std::FILE* f = f_;
  f_ = nullptr;
  if (std::fclose(f) != 0) fail("写入");
}

void OutputFile::fail(const char* operation) const {
  const int err = errno;
  throw std::runtime_error("无法写入" + what_ + " " + path_ + "：" + operation + "失败：" + std::strerror(err));
}

}  // namespace nianbao
