#include "model/value.h"

#include <charconv>
#include <cstdlib>

namespace nianbao {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

ParseStatus parse_value(std::string_view text, ValueType type, std::int64_t& raw) {
  // Fast path: a whole number of up to 12 digits with nothing around it, as nearly every figure
  // is (a count, or money in whole units).
  if (!text.empty() && text.size() <= 12 && text.front() != '0') {
    std::int64_t v = 0;
    std::size_t i = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) v = v * 10 + (text[i] - '0');
    if (i == text.size()) {
      raw = type == ValueType::kMoney ? v * kMoneyScale : v;
      return ParseStatus::kOk;
    }
  }
  if (text == "0") {
    raw = 0;
    return ParseStatus::kOk;
  }
  std::string_view s = trim(text);
  if (s.empty()) return ParseStatus::kEmpty;
  bool negative = false;
  if (s.front() == '-' || s.front() == '+') {
    negative = s.front() == '-';
    s.remove_prefix(1);
    if (s.empty()) return ParseStatus::kNotNumber;
  }
  std::string_view whole = s, frac;
  if (auto dot = s.find('.'); dot != std::string_view::npos) {
    whole = s.substr(0, dot);
    frac = s.substr(dot + 1);
    if (frac.empty()) return ParseStatus::kNotNumber;  // "12." is a typing slip, not a number
  }
  if (whole.empty()) return ParseStatus::kNotNumber;
  for (char c : whole)
    if (c < '0' || c > '9') return ParseStatus::kNotNumber;
  for (char c : frac)
    if (c < '0' || c > '9') return ParseStatus::kNotNumber;
  if (negative) {
    // "-0" is still zero; anything else negative is reported as negative.
    bool all_zero = true;
    for (char c : whole) all_zero = all_zero && c == '0';
    for (char c : frac) all_zero = all_zero && c == '0';
    if (!all_zero) return ParseStatus::kNegative;
  }
  if (type == ValueType::kCount && !frac.empty()) return ParseStatus::kFraction;
  if (frac.size() > static_cast<std::size_t>(kMoneyDecimals)) return ParseStatus::kTooManyDecimals;

  // Skip leading zeros, then bound the number of digits before multiplying.
  while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
  if (whole.size() > 13) return ParseStatus::kTooLarge;
  std::int64_t w = 0;
  for (char c : whole) w = w * 10 + (c - '0');
  if (type == ValueType::kCount) {
    if (w > kMaxCount) return ParseStatus::kTooLarge;
    raw = w;
    return ParseStatus::kOk;
  }
  std::int64_t f = 0;
  for (std::size_t i = 0; i < static_cast<std::size_t>(kMoneyDecimals); ++i)
    f = f * 10 + (i < frac.size() ? frac[i] - '0' : 0);
  std::int64_t r = w * kMoneyScale + f;
  if (r > kMaxMoneyRaw) return ParseStatus::kTooLarge;
  raw = r;
  return ParseStatus::kOk;
}

std::string format_value(std::int64_t raw, ValueType type) {
  std::string out;
  append_value(out, raw, type);
  return out;
}

void append_value(std::string& out, std::int64_t raw, ValueType type) {
  char buf[32];
  if (type == ValueType::kCount) {
    auto r = std::to_chars(buf, buf + sizeof buf, raw);
    out.append(buf, r.ptr);
    return;
  }
  if (raw < 0) out += '-';
  const std::uint64_t mag = raw < 0 ? static_cast<std::uint64_t>(-(raw + 1)) + 1 : static_cast<std::uint64_t>(raw);
  auto r = std::to_chars(buf, buf + sizeof buf, mag / kMoneyScale);
  out.append(buf, r.ptr);
  std::uint64_t frac = mag % kMoneyScale;
  if (frac == 0) return;
  char digits[kMoneyDecimals];
  for (int i = kMoneyDecimals - 1; i >= 0; --i, frac /= 10) digits[i] = static_cast<char>('0' + frac % 10);
  int n = kMoneyDecimals;
  while (digits[n - 1] == '0') --n;
  out += '.';
  out.append(digits, static_cast<std::size_t>(n));
}

std::string format_money_fixed(std::int64_t raw, int decimals) {
  // Round half away from zero to the requested number of decimals.
  std::int64_t div = 1;
  for (int i = decimals; i < kMoneyDecimals; ++i) div *= 10;
  std::int64_t mag = raw < 0 ? -raw : raw;
  std::int64_t rounded = (mag + div / 2) / div;  // in units of 10^-decimals
  std::int64_t unit = 1;
  for (int i = 0; i < decimals; ++i) unit *= 10;
  std::string out = (raw < 0 && rounded != 0) ? "-" : "";
  out += std::to_string(rounded / unit);
  if (decimals > 0) {
    std::string digits = std::to_string(rounded % unit + unit).substr(1);
    out += '.' + digits;
  }
  return out;
}

double to_double(std::int64_t raw, ValueType type) {
  if (type == ValueType::kCount) return static_cast<double>(raw);
  // Through the decimal text so that 18.3 becomes the double nearest 18.3, as Excel would read it.
  return std::strtod(format_value(raw, type).c_str(), nullptr);
}

}  // namespace nianbao
