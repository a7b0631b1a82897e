#include "app/progress.h"

#include <cstdio>
#include <unistd.h>

namespace nianbao {

Progress::Progress(bool enabled) : enabled_(enabled && ::isatty(STDERR_FILENO)) {
  if (enabled_) thread_ = std::thread([this] { loop(); });
}

Progress::~Progress() { finish(); }

void Progress::count(const std::string& what, std::size_t total) {
  std::lock_guard<std::mutex> lock(mu_);
  what_ = what;
  total_ = total;
  done_ = 0;
}

void Progress::step(const std::string& what) { count(what, 0); }

void Progress::finish() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stop_) return;
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (drawn_) std::fputs("\r\033[K", stderr);
}

void Progress::draw() {
  std::string line;
  {
    std::lock_guard<std::mutex> lock(mu_);
    line = what_;
    if (total_ > 0) {
      line += ' ';
      line += std::to_string(done_.load(std::memory_order_relaxed));
      line += '/';
      line += std::to_string(total_);
    }
  }
  std::fprintf(stderr, "\r\033[K%s…", line.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    cv_.wait_for(lock, std::chrono::milliseconds(200));
    if (stop_) break;
    // Quick runs print nothing: only after the first second.
    if (std::chrono::steady_clock::now() - start_ < std::chrono::seconds(1)) continue;
    lock.unlock();
    draw();
    lock.lock();
  }
}

}  // namespace nianbao
