#include "validate/review_text.h"

#include <algorithm>

#include "text/utf8.h"

namespace nianbao::review {

bool is_space(char32_t c) {
  return c == U' ' || (c >= U'\t' && c <= U'\r') || c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200B) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0xFEFF;
}

bool is_punctuation(char32_t c) {
  if (c < 0x80) return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
  return (c >= 0xA1 && c <= 0xBF) || c == 0xD7 || c == 0xF7 ||  // Latin-1 punctuation, ·, ×, ÷
         (c >= 0x2010 && c <= 0x206F) ||                     // general punctuation: — … “ ” ‘ ’ ※
         (c >= 0x2190 && c <= 0x21FF) ||                     // arrows
         (c >= 0x25A0 && c <= 0x25FF) ||                     // geometric shapes: ■ ○ ● ★ (bullets)
         (c >= 0x2605 && c <= 0x2606) ||
         (c >= 0x3001 && c <= 0x303F) ||                     // CJK punctuation: 、。〈〉《》「」『』【】〔〕
         (c >= 0xFE10 && c <= 0xFE1F) || (c >= 0xFE30 && c <= 0xFE6F) ||
         (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
         (c >= 0xFF5B && c <= 0xFF65) || c == 0xFFFD;
}

bool is_numeral_char(char32_t c) {
  switch (c) {  // a comparison tree: asked of every character of many paragraphs
    case U'零': case U'〇': case U'一': case U'二': case U'两': case U'三': case U'四': case U'五': case U'六':
    case U'七': case U'八': case U'九': case U'十': case U'百': case U'千': case U'万': case U'亿':
      return true;
    default:
      return false;
  }
}

std::u32string strip_placeholders(std::u32string_view text) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t open = text.find(U"{{", i);
    if (open == std::u32string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, open - i));
    std::size_t close = text.find(U"}}", open + 2);
    if (close == std::u32string_view::npos) break;
    i = close + 2;
  }
  return out;
}

std::size_t content_length(std::u32string_view text) {
  std::u32string plain = strip_placeholders(text);
  return static_cast<std::size_t>(
      std::count_if(plain.begin(), plain.end(), is_content));
}

std::string excerpt(std::u32string_view text, std::size_t focus_begin, std::size_t focus_end, std::size_t max_chars) {
  if (text.size() <= max_chars) return encode_utf8(text);
  focus_end = std::min(std::max(focus_end, focus_begin), text.size());
  focus_begin = std::min(focus_begin, focus_end);
  const std::size_t focus = focus_end - focus_begin;
  std::size_t start = focus >= max_chars ? focus_begin : focus_begin - std::min(focus_begin, (max_chars - focus) / 2);
  start = std::min(start, text.size() - max_chars);
  std::string out = start > 0 ? "…" : "";
  out += encode_utf8(text.substr(start, max_chars));
  if (start + max_chars < text.size()) out += "…";
  return out;
}

}  // namespace nianbao::review
