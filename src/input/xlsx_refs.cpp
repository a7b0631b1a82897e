#include "input/xlsx_refs.h"

#include <algorithm>
#include <cstdint>
#include <string.h>
#include <utility>
#include <vector>

#include "text/utf8.h"

namespace nianbao {

namespace {

int hex_digit(char c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

// A whole column ("$D:$D" side "$D") or a whole row ("$12").
bool is_column_or_row(std::string_view s) {
  if (!s.empty() && s.front() == '$') s.remove_prefix(1);
  if (s.empty()) return false;
  bool letters = true, digits = true;
  for (char c : s) {
    letters = letters && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    digits = digits && c >= '0' && c <= '9';
  }
  return letters || digits;
}

// Offset of `needle` in `hay` from `from`, or npos. glibc's memmem: std::string::find scans for
// the first character, and '<' or 's' are everywhere in SpreadsheetML.
std::size_t find_in(std::string_view hay, std::string_view needle, std::size_t from = 0) {
  if (from > hay.size()) return std::string_view::npos;
  const void* at = ::memmem(hay.data() + from, hay.size() - from, needle.data(), needle.size());
  return at ? static_cast<std::size_t>(static_cast<const char*>(at) - hay.data()) : std::string_view::npos;
}

// "%E4%B8%89" -> bytes; anything else as it is. A part name is UTF-8 (OPC): escapes that decode
// to anything else, or to a control character, are kept as written, so that the name can still
// be shown in a message ("缺少部件 xl/%FF.xml").
std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  bool control = false;
  if (find_invalid_utf8(out, control) != std::string::npos ||
      std::any_of(out.begin(), out.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
    return std::string(s);
  return out;
}

}  // namespace

std::string cell_ref_text(CellRef ref) {
  if (ref.row <= 0 || ref.col <= 0) return "";
  std::string letters;
  for (int c = ref.col; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(ref.row);
}

bool parse_cell_ref(std::string_view text, CellRef& ref) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == '$') ++i;
  int col = 0, letters = 0;
  for (; i < text.size() && letters < 4; ++i, ++letters) {
    char c = text[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + (c - 'A' + 1);
  }
  if (letters == 0 || col > kMaxSheetColumns) return false;
  if (i < text.size() && text[i] == '$') ++i;
  int row = 0, digits = 0;
  for (; i < text.size() && digits < 8; ++i, ++digits) {
    char c = text[i];
    if (c < '0' || c > '9') break;
    row = row * 10 + (c - '0');
  }
  if (digits == 0 || i != text.size() || row < 1 || row > kMaxSheetRows) return false;
  ref = CellRef{row, col};
  return true;
}

NameFormula parse_name_formula(std::string_view formula) {
  NameFormula out;
  std::string_view s = trim_ascii(formula);
  if (!s.empty() && s.front() == '=') s = trim_ascii(s.substr(1));
  if (s.empty()) return out;
  if (s.front() == '"') {
    std::string text;
    std::size_t i = 1;
    for (; i < s.size(); ++i) {
      if (s[i] != '"') {
        text += s[i];
      } else if (i + 1 < s.size() && s[i + 1] == '"') {
        text += '"';
        ++i;
      } else {
        break;
      }
    }
    if (i + 1 != s.size()) return out;  // unterminated, or more after the string ("a"&"b")
    out.kind = NameTargetKind::kText;
    out.text = std::move(text);
    return out;
  }
  if (is_stored_number(s)) {
    out.kind = NameTargetKind::kNumber;
    out.text = std::string(s);
    return out;
  }
  if (s.find("#REF!") != std::string_view::npos) {
    out.kind = NameTargetKind::kRefError;
    return out;
  }
  std::string_view rest;
  if (s.front() == '\'') {
    // The sheet name runs to the first single quote; a doubled one ('') is a quote in the name.
    std::size_t i = 1;
    for (;;) {
      std::size_t q = s.find('\'', i);
      if (q == std::string_view::npos) return out;
      out.sheet.append(s.substr(i, q - i));
      if (q + 1 < s.size() && s[q + 1] == '\'') {
        out.sheet += '\'';
        i = q + 2;
        continue;
      }
      i = q;
      break;
    }
    if (i + 1 >= s.size() || s[i + 1] != '!') return out;
    rest = s.substr(i + 2);
  } else {
    std::size_t bang = s.find('!');
    if (bang == std::string_view::npos) return out;  // no sheet: a formula or another name
    out.sheet = std::string(s.substr(0, bang));
    rest = s.substr(bang + 1);
  }
  if (out.sheet.find('[') != std::string::npos || out.sheet.find(']') != std::string::npos) {
    out.kind = NameTargetKind::kExternal;
    return out;
  }
  if (out.sheet.empty()) return out;
  // Several sheets (Sheet1:Sheet3!A1) or several areas (A1,Sheet!B2).
  if (out.sheet.find(':') != std::string::npos || rest.find(',') != std::string_view::npos) {
    out.kind = NameTargetKind::kRange;
    return out;
  }
  std::size_t colon = rest.find(':');
  if (colon == std::string_view::npos) {
    if (parse_cell_ref(rest, out.cell)) out.kind = NameTargetKind::kCell;
    return out;
  }
  CellRef a, b;
  if (parse_cell_ref(rest.substr(0, colon), a) && parse_cell_ref(rest.substr(colon + 1), b)) {
    out.cell = a;
    out.kind = a == b ? NameTargetKind::kCell : NameTargetKind::kRange;
  } else if (is_column_or_row(rest.substr(0, colon)) && is_column_or_row(rest.substr(colon + 1))) {
    out.kind = NameTargetKind::kRange;
  }
  return out;
}

void append_sheet_text(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    // Plain text goes in runs; only escapes, CR and control characters are looked at one by one.
    std::size_t run = i;
    while (run < s.size() && s[run] != '_' && (static_cast<unsigned char>(s[run]) >= 0x20 || s[run] == '\t' || s[run] == '\n')) ++run;
    if (run > i) {
      out.append(s.substr(i, run - i));
      i = run;
      if (i == s.size()) break;
    }
    char c = s[i];
    if (c == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      int a = hex_digit(s[i + 2]), b = hex_digit(s[i + 3]), d = hex_digit(s[i + 4]), e = hex_digit(s[i + 5]);
      if (a >= 0 && b >= 0 && d >= 0 && e >= 0) {
        std::uint32_t cp = static_cast<std::uint32_t>(a << 12 | b << 8 | d << 4 | e);
        i += 6;
        if (cp == '\r') {
          cp = '\n';
          if (i + 1 < s.size() && s[i + 1] == '\n') continue;  // _x000D_ before a real line feed
        }
        if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) continue;
        append_utf8(out, static_cast<char32_t>(cp));
        continue;
      }
    }
    if (c == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') continue;
      c = '\n';
    }
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') continue;
    out += c;
  }
}

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool is_stored_number(std::string_view s) {
  std::size_t i = 0, digits = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) ++digits;
  if (i < s.size() && s[i] == '.')
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) ++digits;
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::size_t exp = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) ++exp;
    if (exp == 0 || exp > 4) return false;
  }
  return i == s.size();
}


std::size_t find_forbidden_char_reference(std::string_view t) {
  for (std::size_t i = t.find("&#"); i != std::string_view::npos; i = t.find("&#", i + 2)) {
    std::size_t j = i + 2;
    bool hex = j < t.size() && t[j] == 'x';
    if (hex) ++j;
    std::uint32_t cp = 0;
    std::size_t digits = 0;
    for (; j < t.size(); ++j, ++digits) {
      char c = t[j];
      int d = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) break;
      cp = std::min<std::uint32_t>(cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d), 0x110000);
    }
    if (digits == 0 || j >= t.size() || t[j] != ';') continue;
    bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
                   (cp >= 0x10000 && cp <= 0x10FFFF);
    if (!allowed) return i;
  }
  return std::string_view::npos;
}

bool decode_char_reference(std::string_view ref, std::string& out) {
  if (ref.size() < 2 || ref[0] != '#') return false;
  const bool hex = ref[1] == 'x';
  std::string_view digits = ref.substr(hex ? 2 : 1);
  if (digits.empty() || digits.size() > 8) return false;
  std::uint32_t cp = 0;
  for (char c : digits) {
    const int d = hex ? hex_digit(c) : c >= '0' && c <= '9' ? c - '0' : -1;
    if (d < 0) return false;
    cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
    if (cp > 0x10FFFF) return false;
  }
  if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF) return false;
  append_utf8(out, cp);
  return true;
}

std::pair<std::size_t, std::size_t> find_element_range(std::string_view b, std::string_view only) {
  const std::pair<std::size_t, std::size_t> whole{0, b.size()};
  for (std::size_t at = find_in(b, only); at != std::string_view::npos; at = find_in(b, only, at + only.size())) {
    std::size_t lt = at;
    while (lt > 0 && b[lt - 1] != '<' && b[lt - 1] != '>' && at - lt < 16) --lt;
    if (lt == 0 || b[lt - 1] != '<' || at + only.size() >= b.size()) continue;
    const char after = b[at + only.size()];
    if (after != '>' && after != '/' && after != ' ' && after != '\t' && after != '\r' && after != '\n') continue;
    const std::string prefix(b.substr(lt, at - lt));  // "" or "x:"
    if (!prefix.empty() && prefix.back() != ':') continue;
    const std::size_t start = lt - 1;
    std::size_t end;
    const std::size_t gt = b.find('>', at);
    if (gt == std::string_view::npos) return whole;
    if (b[gt - 1] == '/') {
      end = gt + 1;
    } else {
      const std::string close = "</" + prefix + std::string(only) + ">";
      end = find_in(b, close, gt);
      if (end == std::string_view::npos) return whole;
      end += close.size();
    }
    // Before the element, a comment or CDATA section could hide a second one, and a DOCTYPE must
    // be seen (all begin with "<!"; a worksheet from Excel has none): then the whole part is
    // parsed. Inside it the parser sees them itself, and a cut in the middle of one fails to parse.
    if (find_in(b.substr(0, start), "<!") != std::string_view::npos) return whole;
    return {start, end};
  }
  return whole;
}

std::string resolve_part_name(const std::string& base_dir, std::string_view target) {
  std::string t = percent_decode(target);
  std::string path = !t.empty() && t.front() == '/' ? t.substr(1) : base_dir + t;
  std::vector<std::string_view> parts;
  std::string_view rest = path;
  while (!rest.empty()) {
    std::size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (parts.empty()) return "";
      parts.pop_back();
      continue;
    }
    parts.push_back(seg);
  }
  std::string out;
  for (auto p : parts) out += (out.empty() ? "" : "/") + std::string(p);
  return out;
}

}  // namespace nianbao
