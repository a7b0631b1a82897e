#include "render/output_file.h"

#include <fcntl.h>

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

void OutputFile::write(std::string_view s) {
  if (std::fwrite(s.data(), 1, s.size(), f_) != s.size()) fail("写入");
  written_ += s.size();
  if (written_ - handed_to_disk_ < kHandToDiskEvery) return;
  // What has been written so far goes to the disk while the rest is made: the run's outputs are
  // made durable before they are published, and a national run's largest output is 236 MB, which
  // would otherwise all be waited for then. Only a request: a failure shows in that later sync.
  if (std::fflush(f_) != 0) fail("写入");
  ::sync_file_range(::fileno(f_), static_cast<off_t>(handed_to_disk_), static_cast<off_t>(written_ - handed_to_disk_),
                    SYNC_FILE_RANGE_WRITE);
  handed_to_disk_ = written_;
}

void OutputFile::close() {
  std::FILE* f = f_;
  f_ = nullptr;
  if (std::fclose(f) != 0) fail("写入");
}

void OutputFile::fail(const char* operation) const {
  const int err = errno;
  throw std::runtime_error("无法写入" + what_ + " " + path_ + "：" + operation + "失败：" + std::strerror(err));
}

}  // namespace nianbao
