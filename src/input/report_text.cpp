#include "input/report_text.h"

#include <algorithm>
#include <array>

#include "text/utf8.h"

namespace nianbao::report_text {

namespace {

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0xA0 || c == 0x3000 ||
         (c >= 0x2000 && c <= 0x200D) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0xFEFF;
}

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

bool is_cn_numeral(char32_t c) {
  static const std::u32string kNumerals = U"一二三四五六七八九十";
  return kNumerals.find(c) != std::u32string::npos;
}

// Full-width forms and the look-alikes Word's autocorrect and IMEs produce, one code point each.
char32_t fold(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
  switch (c) {
    case 0x201C: case 0x201D: case 0x201E: case 0x2033: case 0x301D: case 0x301E: case 0x301F: return '"';
    case 0x2018: case 0x2019: case 0x2032: return '\'';
    case 0x2212: return '-';
    case 0xFE50: return ',';
    case 0xFE52: return '.';
    case 0xFE55: return ':';
    default: return c;
  }
}

std::size_t leading_cn_numerals(const std::u32string& s, std::size_t from) {
  std::size_t i = from;
  while (i < s.size() && is_cn_numeral(s[i])) ++i;
  return i - from;
}

// Where the enumerator at the front of a normalised label ends, or 0.
std::size_t enumerator_end(const std::u32string& s) {
  if (s.empty()) return 0;
  if (s[0] >= 0x2460 && s[0] <= 0x2473) return 1;  // ①…⑳
  if (std::size_t n = leading_cn_numerals(s, 0); n > 0 && n < s.size() && s[n] == U'、') return n + 1;
  std::size_t i = 0;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i > 0 && i < s.size() && s[i] == '.' && !(i + 1 < s.size() && is_digit(s[i + 1]))) return i + 1;
  if (s[0] == '(') {
    std::size_t j = 1 + leading_cn_numerals(s, 1);
    if (j == 1)
      while (j < s.size() && is_digit(s[j])) ++j;
    if (j > 1 && j < s.size() && s[j] == ')') return j + 1;
  }
  return 0;
}

}  // namespace

std::string normalize(std::string_view label) {
  std::u32string s;
  for (char32_t c : decode_utf8(label))
    if (!is_space(c)) s.push_back(fold(c));
  // The punctuation after a leading number: "1．" "1、" "1。" are all "1."; "一." and "一，" are "一、".
  std::size_t i = 0;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i > 0 && i < s.size() && (s[i] == U'、' || s[i] == U'。')) s[i] = '.';
  std::size_t n = leading_cn_numerals(s, 0);
  if (n > 0 && n < s.size() && (s[n] == '.' || s[n] == ',' || s[n] == U'，')) s[n] = U'、';
  // "(一)、" and "(一)." : the bracket already ends the enumerator.
  if (s.size() > 2 && s[0] == '(') {
    std::size_t close = s.find(')');
    if (close != std::u32string::npos && close + 1 < s.size() && close < 6 && (s[close + 1] == U'、' || s[close + 1] == '.'))
      s.erase(close + 1, 1);
  }
  return encode_utf8(s);
}

std::string enumerator(std::string_view normalized) {
  std::u32string s = decode_utf8(normalized);
  std::size_t end = enumerator_end(s);
  if (end == 0) return "";
  if (s[end - 1] == U'、' || s[end - 1] == '.') --end;
  return encode_utf8(s.substr(0, end));
}

std::string bare(std::string_view label) {
  std::u32string s = decode_utf8(normalize(label));
  const std::u32string original = s;
  for (int guard = 0; guard < 4; ++guard) {
    std::size_t end = enumerator_end(s);
    if (end == 0 || end >= s.size()) break;
    s.erase(0, end);
  }
  for (const std::u32string prefix : {U"其中:", U"其中"})
    if (s.size() > prefix.size() && s.compare(0, prefix.size(), prefix) == 0) {
      s.erase(0, prefix.size());
      break;
    }
  while (!s.empty() && (s.back() == ':' || s.back() == U'。')) s.pop_back();
  if (s.size() > 2 && s.back() == ')') {
    int depth = 0;
    for (std::size_t k = s.size(); k-- > 0;) {
      if (s[k] == ')') ++depth;
      if (s[k] == '(' && --depth == 0) {
        if (k > 0) s.erase(k);
        break;
      }
    }
  }
  return s.empty() ? encode_utf8(original) : encode_utf8(s);
}

int edit_distance(std::u32string_view a, std::u32string_view b, int bound) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > bound) return bound + 1;
  // Only the band |i - j| <= bound can hold a distance within bound: O(n * bound), not O(n * m).
  const int kFar = bound + 1;
  std::vector<int> prev(m + 1, kFar), cur(m + 1, kFar);
  for (int j = 0; j <= std::min(m, bound); ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    std::fill(cur.begin(), cur.end(), kFar);
    if (i <= bound) cur[0] = i;
    int best = cur[0];
    for (int j = std::max(1, i - bound); j <= std::min(m, i + bound); ++j) {
      int x = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      cur[j] = std::min(x, kFar);
      best = std::min(best, cur[j]);
    }
    if (best > bound) return kFar;
    std::swap(prev, cur);
  }
  return std::min(prev[m], kFar);
}

int common_subsequence(std::u32string_view a, std::u32string_view b) {
  a = a.substr(0, std::min<std::size_t>(a.size(), 256));
  b = b.substr(0, std::min<std::size_t>(b.size(), 256));
  std::vector<int> prev(b.size() + 1, 0), cur(b.size() + 1, 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

bool loosely_equal(std::string_view found_bare, std::string_view official_bare) {
  std::u32string a = decode_utf8(found_bare), b = decode_utf8(official_bare);
  if (a == b) return true;
  const std::u32string& shorter = a.size() <= b.size() ? a : b;
  const std::u32string& longer = a.size() <= b.size() ? b : a;
  if (shorter.size() >= 4 && shorter.size() * 10 >= longer.size() * 6 &&
      (longer.compare(0, shorter.size(), shorter) == 0 ||
       longer.compare(longer.size() - shorter.size(), shorter.size(), shorter) == 0))
    return true;
  if (shorter.size() >= 8) return edit_distance(a, b, 2) <= 2;
  if (shorter.size() >= 4) return edit_distance(a, b, 1) <= 1;
  return false;
}

ParsedCell parse_cell(std::string_view text, ValueType type) {
  ParsedCell out;
  std::u32string s;
  for (char32_t c : decode_utf8(text)) {
    if (is_space(c)) continue;
    c = fold(c);
    if (c == U'，') c = ',';
    s.push_back(c);
  }
  out.cleaned = encode_utf8(s);
  if (s.empty()) return out;
  static const std::u32string kDashes = U"/\\-—–―─_";
  if (s == U"无" || std::all_of(s.begin(), s.end(), [](char32_t c) { return kDashes.find(c) != std::u32string::npos; })) {
    out.status = CellValue::kPlaceholder;
    return out;
  }
  // The number at the front, with thousands separators only between groups of three digits.
  std::size_t i = s[0] == '-' ? 1 : 0;
  std::size_t first_digit = i;
  std::u32string number = s.substr(0, i);
  int group = 0;
  bool grouped = false, separators_ok = true;
  for (; i < s.size() && (is_digit(s[i]) || s[i] == ','); ++i) {
    if (s[i] == ',') {
      separators_ok = separators_ok && (grouped ? group == 3 : group >= 1 && group <= 3);
      grouped = true;
      group = 0;
    } else {
      number.push_back(s[i]);
      ++group;
    }
  }
  if (grouped && group != 3) separators_ok = false;
  if (i < s.size() && s[i] == '.')
    for (number.push_back(s[i++]); i < s.size() && is_digit(s[i]); ++i) number.push_back(s[i]);
  const bool has_digits = i > first_digit && is_digit(s[first_digit]);
  std::u32string rest = s.substr(i);
  if (!has_digits || !separators_ok) {
    out.status = CellValue::kNotNumber;
    return out;
  }
  static const std::array<std::u32string, 15> kUnits = {U"元", U"万元", U"千元", U"亿元", U"万", U"件", U"个", U"人",
                                                        U"人次", U"条", U"次", U"篇", U"项", U"份", U"家"};
  std::string num = encode_utf8(number);
  if (!rest.empty()) {
    if (std::find(kUnits.begin(), kUnits.end(), rest) == kUnits.end()) {
      out.status = CellValue::kNotNumber;
      return out;
    }
    out.status = CellValue::kUnit;
    out.unit = encode_utf8(rest);
    if (parse_value(num, ValueType::kMoney, out.raw) != ParseStatus::kOk) out.raw = -1;
    return out;
  }
  out.cleaned = num;
  switch (parse_value(num, type, out.raw)) {
    case ParseStatus::kOk: out.status = CellValue::kNumber; break;
    case ParseStatus::kNegative: out.status = CellValue::kNegative; break;
    case ParseStatus::kFraction: out.status = CellValue::kFraction; break;
    case ParseStatus::kTooManyDecimals: out.status = CellValue::kTooManyDecimals; break;
    case ParseStatus::kTooLarge: out.status = CellValue::kTooLarge; break;
    default: out.status = CellValue::kNotNumber; break;
  }
  return out;
}

}  // namespace nianbao::report_text
