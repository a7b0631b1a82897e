// How wide text is in a CJK font or terminal: one rule for the workbook's rows and the command
// line's help, from Unicode's East Asian Width (UAX #11). Standard library only.
#pragma once

#include <string_view>

namespace nianbao {

/// 2 for a wide character — East Asian Width W (CJK ideographs, kana, hangul, emoji), F
/// (full-width forms such as （，１）) or A (ambiguous: “”、—…、①、×、° and the like, which CJK
/// fonts and terminals draw a full em wide) — and 1 for any other, half-width forms (ｱ) included.
int char_width(char32_t c);

/// The sum of char_width over the characters of `text` (text/utf8.h's next_char; a malformed
/// byte is one U+FFFD, wide), line breaks not counted.
int display_width(std::string_view text);

}  // namespace nianbao
