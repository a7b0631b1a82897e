// Progress on a terminal for runs longer than about a second: files read / total, then each
// output as it is written. Prints nothing when standard error is not a terminal (scheduled runs,
// logs, tests), and nothing at all for quick runs.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace nianbao {

class Progress {
 public:
  /// Enabled when `enabled` and standard error is a terminal.
  explicit Progress(bool enabled);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// Starts counting `total` items of `what` ("读取报送文件").
  void count(const std::string& what, std::size_t total);
  /// One more item done (thread-safe, lock-free).
  void tick() { done_.fetch_add(1, std::memory_order_relaxed); }
  /// A step without a count ("写出工作簿").
  void step(const std::string& what);
  /// Clears the line; nothing more is printed.
  void finish();

 private:
  void loop();
  void draw();

  bool enabled_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::mutex mu_;
  std::condition_variable cv_;
  std::string what_;
  std::size_t total_ = 0;
  std::atomic<std::size_t> done_{0};
  bool stop_ = false;
  bool drawn_ = false;
  std::thread thread_;
};

}  // namespace nianbao
