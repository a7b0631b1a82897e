#include "render/xlsx/cell_text.h"

#include <algorithm>

#include "text/utf8.h"
#include "text/width.h"

namespace nianbao::xlsx {

namespace {

constexpr std::size_t kMaxCellChars = 32767;  // Excel's limit for the text of one cell

/// Lines `text` needs when wrapped in a cell `width` character units wide at `font_size` points.
int lines_needed(std::string_view text, double width, double font_size) {
  // Column widths count '0's of the default 11 pt font; a 10.5 pt CJK character is about two.
  const double scale = font_size / 10.5;
  const double avail = std::max(1.0, width - 1.0);  // Excel keeps a little padding in each cell
  int lines = 1;
  double used = 0;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = next_char(text, i);
    if (cp == '\n') {
      ++lines;
      used = 0;
      continue;
    }
    double w = char_width(cp) * scale;
    if (used > 0 && used + w > avail) {
      ++lines;
      used = 0;
    }
    used += w;
  }
  return lines;
}

/// `text` with each byte that is not part of well-formed UTF-8, and each character XML forbids (C0
/// controls but tab and line breaks), replaced by U+FFFD. Text read from inputs has been checked,
/// but file names are bytes: a GBK name from a Windows zip would otherwise make the part invalid
/// XML, which Excel refuses ("unreadable content") and LibreOffice silently reads.
std::string xml_safe_text(const std::string& text) {
  bool control = false;
  std::size_t bad = find_invalid_utf8(text, control);
  if (bad == std::string::npos) return text;
  std::string out;
  std::size_t from = 0;
  while (bad != std::string::npos) {
    out.append(text, from, bad - from).append("\xEF\xBF\xBD");
    from = bad + 1;
    bad = find_invalid_utf8(std::string_view(text).substr(from), control);
    if (bad != std::string::npos) bad += from;
  }
  return out.append(text, from, std::string::npos);
}

}  // namespace

double text_height(std::string_view text, double width, double font_size) {
  int lines = lines_needed(text, width, font_size);
  return std::min(kMaxRowPoints, lines * kLinePoints * font_size / kFontSize + kRowPadding);
}

std::string clip_cell_text(const std::string& raw) {
  std::string text = xml_safe_text(raw);
  if (text.size() <= kMaxCellChars) return text;  // bytes ≥ code points
  std::size_t i = 0, count = 0;
  while (i < text.size() && count < kMaxCellChars - 1) {
    next_char(text, i);
    ++count;
  }
  return text.substr(0, i) + "…";
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

}  // namespace nianbao::xlsx
