#include "input/xlsx_refs.h"

#include <cstdint>

namespace nianbao {

namespace {

int hex_digit(char c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
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
        append_utf8(out, cp);
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


}  // namespace nianbao
