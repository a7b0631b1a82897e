// An agency's figures, one per format cell, and a read-only view of figures held either way.
//
// A submission's figures are read and validated as 64-bit integers. Once validated they are kept
// as 32-bit integers when every one of them fits (counts up to 2,147,483,647, money up to
// 214,748.3647 in its unit: every real agency's), which halves the largest thing a national run
// holds: 100,000 agencies of about 200 cells are 160 MB as int64 and 80 MB as int32. A submission with a figure that does not fit keeps
// all of them as int64. Either way a figure reads back as the same int64.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace nianbao {

class FigureValues;

/// Figures as read: a submission's (either width) or a merged report's totals (int64). Does not
/// own them. A default view holds no figures (size 0).
class FigureView {
 public:
  FigureView() = default;
  FigureView(const std::vector<std::int64_t>& values) : wide_(values.data()), size_(values.size()) {}  // NOLINT: implicit by design
  FigureView(const FigureValues& values);  // NOLINT: implicit by design

  std::int64_t operator[](std::size_t i) const {
    assert(i < size_);
    return narrow_ ? narrow_[i] : wide_[i];
  }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  const std::int64_t* wide_ = nullptr;
  const std::int32_t* narrow_ = nullptr;  // set when the figures are held as int32
  std::size_t size_ = 0;
};

/// Element by element (views of different widths compare by value).
bool operator==(FigureView a, FigureView b);

class FigureValues {
 public:
  FigureValues() = default;
  explicit FigureValues(std::vector<std::int64_t> values) : wide_(std::move(values)) {}

  /// `n` figures of `value`, held as int64 (as while reading).
  void assign(std::size_t n, std::int64_t value) {
    std::vector<std::int32_t>().swap(narrow_);
    wide_.assign(n, value);
  }
  std::size_t size() const { return narrow_.empty() ? wide_.size() : narrow_.size(); }
  std::int64_t operator[](std::size_t i) const {
    assert(i < size());
    return narrow_.empty() ? wide_[i] : narrow_[i];
  }
  /// Sets figure `i`; figures held as int32 are widened first when `value` does not fit.
  void set(std::size_t i, std::int64_t value) {
    assert(i < size());
    if (narrow_.empty()) {
      wide_[i] = value;
    } else if (fits(value)) {
      narrow_[i] = static_cast<std::int32_t>(value);
    } else {
      widen()[i] = value;
    }
  }

  /// The figures as int64, to compute or check them: held so from now on.
  std::span<std::int64_t> widen();
  /// The figures as int64, while they are held so (read and not yet compacted).
  std::span<const std::int64_t> wide() const {
    assert(narrow_.empty());
    return wide_;
  }
  bool narrow() const { return !narrow_.empty(); }
  /// Holds the figures as int32 when every one of them fits; otherwise leaves them as they are.
  void compact();
  std::vector<std::int64_t> to_vector() const;

 private:
  friend class FigureView;
  static bool fits(std::int64_t v) {
    return v >= std::numeric_limits<std::int32_t>::min() && v <= std::numeric_limits<std::int32_t>::max();
  }

  std::vector<std::int64_t> wide_;   // while read, or when a figure does not fit in int32
  std::vector<std::int32_t> narrow_;  // after compact(), when every figure fits; wide_ is then empty
};

inline FigureView::FigureView(const FigureValues& values)
    : wide_(values.wide_.data()),
      narrow_(values.narrow_.empty() ? nullptr : values.narrow_.data()),
      size_(values.size()) {}

}  // namespace nianbao
