// Text helpers for the review of narratives: the character classes of Chinese prose (white
// space, punctuation), and quoting a sentence cut by characters (UTF-8 itself is text/utf8.h).
// Standard library only; knows nothing of formats or submissions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace nianbao::review {

/// ASCII white space, U+3000 (ideographic space), U+00A0 and the other Unicode spaces.
bool is_space(char32_t c);
/// ASCII punctuation and symbols, CJK punctuation (、。《》「」【】…), full-width forms (，：；（）),
/// general punctuation (“”‘’—…), U+FFFD.
bool is_punctuation(char32_t c);
/// 0-9 and the full-width ０-９.
inline bool is_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }
/// A CJK unified ideograph (U+4E00–U+9FFF): most characters of Chinese prose, and none of the
/// above.
inline bool is_ideograph(char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }
/// Neither white space nor punctuation: what content_length counts and the comparable text keeps
/// (less its digits). An ideograph is told at one comparison.
inline bool is_content(char32_t c) { return is_ideograph(c) || (!is_space(c) && !is_punctuation(c)); }
/// A Chinese numeral: 零〇一二两三四五六七八九十百千万亿.
bool is_numeral_char(char32_t c);
inline int digit_value(char32_t c) { return c <= U'9' ? static_cast<int>(c - U'0') : static_cast<int>(c - U'０'); }

/// Removes every `{{…}}` placeholder (an unclosed `{{` runs to the end): what the agency typed,
/// not what the template language fills in.
std::u32string strip_placeholders(std::u32string_view text);

/// Characters of `text` that are neither white space nor punctuation, placeholders not counted.
std::size_t content_length(std::u32string_view text);

/// `text` quoted for a message: whole when it has at most `max_chars` characters, else a window
/// of `max_chars` characters around [focus_begin, focus_end) with "…" on each cut side.
std::string excerpt(std::u32string_view text, std::size_t focus_begin, std::size_t focus_end, std::size_t max_chars);

}  // namespace nianbao::review
