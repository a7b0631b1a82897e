#include "render/output_file.h"

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
