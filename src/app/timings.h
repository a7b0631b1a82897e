// Wall time of each stage of a run, for --timings. Stages are named in Chinese, as printed.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace nianbao {

struct Timings {
  using Clock = std::chrono::steady_clock;
  std::vector<std::pair<std::string, double>> stages;  // name, seconds; in the order printed
  Clock::time_point last = Clock::now();               // the end of the last stage marked

  /// Ends a stage named `name` now: it lasted since the last mark.
  void mark(const std::string& name) {
    auto now = Clock::now();
    stages.emplace_back(name, std::chrono::duration<double>(now - last).count());
    last = now;
  }
};

/// "各阶段用时：" and each stage with its seconds (three decimals), on standard error.
void print_timings(const Timings& t);

}  // namespace nianbao
