// A file an output is streamed to: a FILE* with a large buffer, every failure (opening, writing,
// the final flush, where a full disk is often found) thrown naming the output and the system's
// reason; what is written goes to the disk as it accumulates (see write). For the outputs written
// without a library: 各单位明细.csv, 各单位数据.xml.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao {

/// Asks the system to start writing the finished file at `path` to disk now, without waiting for
/// it, so that making the run's outputs durable before publishing waits only for what is still
/// being written (for files written by a library; OutputFile does it itself). A request only:
/// anything that fails shows in that later sync.
void start_writeback(const std::string& path);

class OutputFile {
 public:
  /// Opens `path` for writing, replacing any file there. `what` names the output in messages:
  /// "无法写入<what> <path>：写入失败：No space left on device". Writes are gathered in a buffer
  /// of `buffer_bytes`; a caller that writes large chunks of its own passes 0 (unbuffered).
  OutputFile(std::string what, const std::string& path, std::size_t buffer_bytes = 1 << 20);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void write(std::string_view s);
  /// Flushes, hands what is not yet on its way to the disk, and closes. Without it the destructor
  /// closes the file and any failure is lost.
  void close();

 private:
  [[noreturn]] void fail(const char* operation) const;
  void hand_to_disk();

  std::string what_, path_;
  std::vector<char> buffer_;  // must outlive f_
  std::FILE* f_ = nullptr;
  static constexpr std::size_t kHandToDiskEvery = 16 << 20;
  std::size_t written_ = 0, handed_to_disk_ = 0;
};

}  // namespace nianbao
