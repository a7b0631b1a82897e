#include "input/form_values.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace nianbao {

std::string_view trim_wide(std::string_view s) {
  for (;;) {
    std::string_view before = s;
    s = trim_ascii(s);
    if (s.substr(0, 3) == "\xE3\x80\x80") s.remove_prefix(3);
    if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") s.remove_suffix(3);
    if (s.substr(0, 2) == "\xC2\xA0") s.remove_prefix(2);
    if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") s.remove_suffix(2);
    if (s.size() == before.size()) return s;
  }
}

namespace {

bool is_placeholder(std::string_view s) {
  static constexpr std::string_view kDashes[] = {"/", "\xEF\xBC\x8F", "-", "\xEF\xBC\x8D", "\xE2\x80\x94",
                                                 "\xE2\x80\x94\xE2\x80\x94", "\xE2\x80\x93", "\xE6\x97\xA0"};
  for (auto d : kDashes)
    if (s == d) return true;
  return false;
}

// Full-width digits, point and minus (what a Chinese input method types) as ASCII.
std::string narrow_digits(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i + 2 < s.size() && s[i] == '\xEF' && (s[i + 1] == '\xBC')) {
      unsigned char c = static_cast<unsigned char>(s[i + 2]);
      if (c >= 0x90 && c <= 0x99) {
        out += static_cast<char>('0' + (c - 0x90));
        i += 2;
        continue;
      }
      if (c == 0x8E || c == 0x8D) {
        out += c == 0x8E ? '.' : '-';
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// "1.2345e+20" (from %.15g) as plain digits.
std::string expand_exponent(std::string_view s) {
  std::string out;
  if (!s.empty() && s.front() == '-') {
    out = "-";
    s.remove_prefix(1);
  }
  std::size_t e = s.find_first_of("eE");
  int exp = e == std::string_view::npos ? 0 : std::atoi(std::string(s.substr(e + 1)).c_str());
  std::string_view mantissa = s.substr(0, e);
  std::string digits;
  int point = static_cast<int>(mantissa.size());
  for (char c : mantissa) {
    if (c == '.') point = static_cast<int>(digits.size());
    else digits += c;
  }
  point += exp;
  if (point <= 0) return out + "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  if (point >= static_cast<int>(digits.size())) return out + digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0');
  return out + digits.substr(0, static_cast<std::size_t>(point)) + "." + digits.substr(static_cast<std::size_t>(point));
}

// Leading zeros of the whole part and trailing zeros of the fraction removed; "-0" is "0".
std::string tidy_decimal(std::string s) {
  bool negative = !s.empty() && s.front() == '-';
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.erase(0, 1);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  std::size_t lead = 0;
  while (lead + 1 < s.size() && s[lead] == '0' && s[lead + 1] != '.') ++lead;
  s.erase(0, lead);
  if (s.empty() || s.front() == '.') s.insert(0, "0");
  if (negative && s != "0") s.insert(0, "-");
  return s;
}

}  // namespace

std::string stored_number_decimal(std::string_view stored) {
  std::string_view s = trim_ascii(stored);
  if (!is_stored_number(s)) return "";
  std::size_t significant = 0;
  bool leading = true;
  for (char c : s) {
    if (c == 'e' || c == 'E') break;
    if (c < '0' || c > '9') continue;
    if (leading && c == '0') continue;
    leading = false;
    ++significant;
  }
  if (s.find_first_of("eE") == std::string_view::npos && significant <= 15) return tidy_decimal(std::string(s));
  // More digits than Excel keeps: the number is a double's full expansion (12.000000000000002)
  // or an exponent form. Excel shows, and the clerk typed, its first 15 significant digits.
  double d = std::strtod(std::string(s).c_str(), nullptr);
  if (!std::isfinite(d)) return "";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", d);
  return tidy_decimal(expand_exponent(buf));
}

FormValueStatus parse_form_value(const CellValue& value, ValueType type, std::int64_t& raw) {
  raw = 0;
  if (value.formula && !value.cached) return FormValueStatus::kNoCachedValue;
  std::string decimal;
  switch (value.kind) {
    case CellKind::kBlank: return FormValueStatus::kOk;
    case CellKind::kBool: return FormValueStatus::kNotNumber;
    case CellKind::kError: return FormValueStatus::kErrorValue;
    case CellKind::kNumber: decimal = stored_number_decimal(value.text); break;
    case CellKind::kText: {
      std::string_view t = trim_wide(value.text);
      if (t.empty()) return FormValueStatus::kOk;
      if (is_placeholder(t)) return FormValueStatus::kPlaceholder;
      decimal = narrow_digits(t);
      // Only plain decimals: "1e3", "1,234", "+5" are not how a clerk writes a figure.
      for (char c : decimal)
        if (!((c >= '0' && c <= '9') || c == '.' || c == '-')) return FormValueStatus::kNotNumber;
      if (decimal.find('-', 1) != std::string::npos || std::count(decimal.begin(), decimal.end(), '.') > 1)
        return FormValueStatus::kNotNumber;
      break;
    }
  }
  if (decimal.empty()) return FormValueStatus::kNotNumber;
  if (decimal.find('.') != std::string::npos) decimal = tidy_decimal(decimal);
  switch (parse_value(decimal, type, raw)) {
    case ParseStatus::kOk: return FormValueStatus::kOk;
    case ParseStatus::kNegative: return FormValueStatus::kNegative;
    case ParseStatus::kFraction: return FormValueStatus::kFraction;
    case ParseStatus::kTooManyDecimals: return FormValueStatus::kTooManyDecimals;
    case ParseStatus::kTooLarge: return FormValueStatus::kTooLarge;
    default: return FormValueStatus::kNotNumber;
  }
}

}  // namespace nianbao
