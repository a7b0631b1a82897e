#include "model/figure_values.h"

namespace nianbao {

bool operator==(FigureView a, FigureView b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

std::span<std::int64_t> FigureValues::widen() {
  if (!narrow_.empty()) {
    wide_.assign(narrow_.begin(), narrow_.end());
    std::vector<std::int32_t>().swap(narrow_);
  }
  return wide_;
}

void FigureValues::compact() {
  if (wide_.empty()) return;
  for (std::int64_t v : wide_)
    if (!fits(v)) return;
  narrow_.assign(wide_.begin(), wide_.end());
  std::vector<std::int64_t>().swap(wide_);
}

std::vector<std::int64_t> FigureValues::to_vector() const {
  if (narrow_.empty()) return wide_;
  return {narrow_.begin(), narrow_.end()};
}

}  // namespace nianbao
