// ASCII letter case, as Excel, Windows file names, zip member names and XML attribute values
// compare it: A-Z and a-z are one letter, every other byte (UTF-8 included) is itself.
// Standard library only.
#pragma once

#include <string>
#include <string_view>

namespace nianbao {

/// `c` lower-cased when it is A-Z; any other byte unchanged.
constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// `s` with A-Z lower-cased.
std::string ascii_lower(std::string_view s);

/// Whether `a` and `b` are the same but for the case of ASCII letters.
bool equal_ascii_nocase(std::string_view a, std::string_view b);

/// Whether `a` sorts before `b` with ASCII letters compared without case (bytewise otherwise).
bool less_ascii_nocase(std::string_view a, std::string_view b);

}  // namespace nianbao
