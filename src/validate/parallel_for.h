// Runs a loop's iterations on several threads, for the review's checks of many submissions: each
// index once, in no particular order; the body writes only what belongs to its index (or to its
// worker's own state).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace nianbao {

/// How many workers to run `n` iterations on: `threads` (0: all cores), fewer when there are
/// under `per_thread` iterations for each (a thread costs more than it saves); at least 1.
inline unsigned worker_count(std::size_t n, int threads, std::size_t per_thread) {
  unsigned k = threads > 0 ? static_cast<unsigned>(threads) : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::min<std::size_t>(k, std::max<std::size_t>(n / std::max<std::size_t>(per_thread, 1), 1)));
}

/// Calls body(worker, i) for every i in [0, n) on `workers` threads, the calling one included
/// (worker 0); `worker` < `workers` names the thread, for state of its own. Returns when all are
/// done. `body` must be safe to call concurrently for distinct i and distinct workers.
template <typename Body>
void parallel_for(std::size_t n, unsigned workers, const Body& body) {
  std::atomic<std::size_t> next{0};
  auto work = [&](unsigned worker) {
    for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;) body(worker, i);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < workers; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& t : pool) t.join();
}

}  // namespace nianbao
