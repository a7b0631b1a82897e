// UTF-8 text: walking it character by character, encoding code points, cutting it on character
// boundaries, and finding the first byte that is not well-formed UTF-8 or is a control character
// XML forbids. Standard library only; knows nothing of where the text comes from.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace nianbao {

/// The character at s[i]; advances i past it. A byte that does not start a well-formed sequence
/// (a stray continuation byte, a truncated sequence, an overlong form, a surrogate, a value past
/// U+10FFFF) is one U+FFFD, and i advances by that one byte. Precondition: i < s.size().
char32_t next_char(std::string_view s, std::size_t& i);

/// The characters of `s`, read with next_char (each malformed byte one U+FFFD).
std::u32string decode_utf8(std::string_view s);

/// Appends the UTF-8 form of `c` (a Unicode scalar value) to `out`.
void append_utf8(std::string& out, char32_t c);
std::string encode_utf8(std::u32string_view s);

/// The number of characters of well-formed `s` (the bytes that are not continuation bytes).
std::size_t count_chars(std::string_view s);

/// The offset `n` characters after offset `from` (on a character boundary), at most s.size().
std::size_t skip_chars(std::string_view s, std::size_t from, std::size_t n);
/// The offset `n` characters before offset `from` (on a character boundary), at least 0.
std::size_t back_chars(std::string_view s, std::size_t from, std::size_t n);
/// The start of the character that byte `at` belongs to: where to cut `s` to at most `at` bytes
/// without splitting a character. Precondition: at <= s.size().
std::size_t char_start(std::string_view s, std::size_t at);

/// The first `n` characters of `s`, followed by "…" when anything was cut off.
std::string first_chars(std::string_view s, std::size_t n);

/// Offset of the first byte of a sequence that is not well-formed UTF-8 or is U+FFFE / U+FFFF,
/// or of a C0 control character other than tab, line feed and carriage return (XML 1.0 forbids
/// them all; `is_control` is set for the controls); npos when the text is clean. Sixteen bytes of
/// ASCII at a time with SSE2 (x86-64) or NEON (arm64).
std::size_t find_invalid_utf8(std::string_view text, bool& is_control);

}  // namespace nianbao
