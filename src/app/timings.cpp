#include "app/timings.h"

#include <cstdio>
#include <iostream>

namespace nianbao {

void print_timings(const Timings& t) {
  std::cerr << "各阶段用时：\n";
  for (const auto& [name, secs] : t.stages) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", secs);
    std::cerr << "  " << name << "  " << buf << " 秒\n";
  }
}

}  // namespace nianbao
