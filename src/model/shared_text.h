// A string that the copies made of it share. Places of findings and of narrative text name their
// file (and sheet, cell or part): at 100,000 submissions a run holds over a million places, and
// with a std::string each they held a million copies of the same hundred thousand paths, and
// 160 bytes per place where 64 do. Immutable: a copy takes a reference (counted atomically,
// since places are made in the reading threads and read on the main one); assigning replaces.
#pragma once

#include <atomic>
#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace nianbao {

class SharedText {
 public:
  SharedText() noexcept = default;
  // Implicit, as the std::string it stands for: `loc.cell = "D12"`, `SourceLocation{path, 1, 1}`.
  SharedText(const std::string& s) : rep_(s.empty() ? nullptr : new Rep{s}) {}
  SharedText(std::string&& s) : rep_(s.empty() ? nullptr : new Rep{std::move(s)}) {}
  SharedText(const char* s) : SharedText(std::string(s)) {}
  SharedText(std::string_view s) : SharedText(std::string(s)) {}
  SharedText(const SharedText& other) noexcept : rep_(other.rep_) {
    if (rep_) rep_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  SharedText(SharedText&& other) noexcept : rep_(std::exchange(other.rep_, nullptr)) {}
  SharedText& operator=(SharedText other) noexcept {
    std::swap(rep_, other.rep_);
    return *this;
  }
  ~SharedText() {
    if (rep_ && rep_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete rep_;
  }

  const std::string& str() const noexcept { return rep_ ? rep_->text : empty_string(); }
  operator const std::string&() const noexcept { return str(); }
  operator std::string_view() const noexcept { return str(); }
  bool empty() const noexcept { return rep_ == nullptr; }
  void clear() noexcept { *this = SharedText(); }
  std::size_t size() const noexcept { return str().size(); }
  const char* c_str() const noexcept { return str().c_str(); }

  // The overloads of two SharedTexts are templates, so that a string literal or std::string on
  // one side converts only one way (to std::string_view) and no call is ambiguous.
  template <class T>
    requires std::same_as<T, SharedText>
  friend bool operator==(const SharedText& a, const T& b) noexcept {
    return a.rep_ == b.rep_ || a.str() == b.str();
  }
  friend bool operator==(const SharedText& a, std::string_view b) noexcept { return a.str() == b; }
  template <class T>
    requires std::same_as<T, SharedText>
  friend std::strong_ordering operator<=>(const SharedText& a, const T& b) noexcept {
    return a.str().compare(b.str()) <=> 0;
  }
  friend std::string operator+(const SharedText& a, std::string_view b) { return std::string(a.str()).append(b); }
  friend std::string operator+(std::string_view a, const SharedText& b) { return std::string(a).append(b.str()); }
  template <class T>
    requires std::same_as<T, SharedText>
  friend std::string operator+(const SharedText& a, const T& b) {
    return std::string(a.str()).append(b.str());
  }
  friend std::ostream& operator<<(std::ostream& out, const SharedText& t) { return out << t.str(); }

 private:
  struct Rep {
    explicit Rep(std::string t) : text(std::move(t)) {}
    std::atomic<std::uint32_t> refs{1};
    std::string text;
  };
  static const std::string& empty_string() noexcept {
    static const std::string empty;
    return empty;
  }
  Rep* rep_ = nullptr;
};

}  // namespace nianbao
