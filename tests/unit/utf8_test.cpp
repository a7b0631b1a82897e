#include <catch2/catch.hpp>

#include <cstdint>
#include <iterator>
#include <string>

#include "text/utf8.h"

using namespace nianbao;

TEST_CASE("UTF-8 decodes to its characters, and each malformed byte to one U+FFFD", "[text]") {
  CHECK(decode_utf8("年报 A€😀") == U"年报 A€😀");
  CHECK(decode_utf8("\xE5\xB9") == U"\uFFFD\uFFFD");                // cut short
  CHECK(decode_utf8("\x80" "a") == U"\uFFFDa");                     // a stray continuation byte
  CHECK(decode_utf8("\xC0\xAF") == U"\uFFFD\uFFFD");                // overlong "/"
  CHECK(decode_utf8("\xE0\x80\xAF") == U"\uFFFD\uFFFD\uFFFD");      // overlong "/"
  CHECK(decode_utf8("\xED\xA0\x80") == U"\uFFFD\uFFFD\uFFFD");      // a surrogate
  CHECK(decode_utf8("\xF4\x90\x80\x80") == U"\uFFFD\uFFFD\uFFFD\uFFFD");  // past U+10FFFF
  CHECK(decode_utf8("\xE5" "年") == U"\uFFFD年");                   // the next character survives
  CHECK(decode_utf8("\xEF\xBF\xBD") == U"\uFFFD");                  // a real U+FFFD is one character
}

TEST_CASE("decoding a text reads every three-byte sequence as next_char does, well-formed or not", "[text]") {
  // decode_utf8 takes Chinese characters by a shorter path: every lead byte of a three-byte
  // sequence, with each kind of second and third byte, at the end of the text and before more.
  const unsigned char seconds[] = {0x80, 0x9F, 0xA0, 0xBF, 0x41, 0xC0};
  const unsigned char thirds[] = {0x80, 0xBF, 0x41, 0xE5};
  std::size_t compared = 0;
  for (unsigned lead = 0xE0; lead <= 0xEF; ++lead)
    for (unsigned char b1 : seconds)
      for (unsigned char b2 : thirds)
        for (const char* tail : {"", "年", "x"})
          for (std::size_t cut = 1; cut <= 3; ++cut) {
            std::string text = std::string{static_cast<char>(lead), static_cast<char>(b1), static_cast<char>(b2)}.substr(0, cut) + tail;
            std::u32string expected;
            for (std::size_t i = 0; i < text.size();) expected.push_back(next_char(text, i));
            CHECK(decode_utf8(text) == expected);
            ++compared;
          }
  CHECK(compared == 16 * 6 * 4 * 3 * 3);
  CHECK(decode_utf8("\xE4\xB8\x80\xE9\xBE\xA5\xE1\x80\x80\xEC\xBF\xBF") == U"\u4E00\u9FA5\u1000\uCFFF");
}

TEST_CASE("next_char moves past the character it reads, or past one bad byte", "[text]") {
  std::string s = "年\xFF" "a";
  std::size_t i = 0;
  CHECK(next_char(s, i) == U'年');
  CHECK(i == 3);
  CHECK(next_char(s, i) == U'\uFFFD');
  CHECK(i == 4);
  CHECK(next_char(s, i) == U'a');
  CHECK(i == 5);
}

TEST_CASE("characters encode to the same bytes they were decoded from", "[text]") {
  const std::string text = "政府信息公开 $ ¢ € 𝄞";
  CHECK(encode_utf8(decode_utf8(text)) == text);
  std::string out;
  append_utf8(out, U'A');
  append_utf8(out, 0xA2);
  append_utf8(out, 0x4E2D);
  append_utf8(out, 0x1D11E);
  CHECK(out == "A\xC2\xA2\xE4\xB8\xAD\xF0\x9D\x84\x9E");
}

TEST_CASE("text is counted and cut by characters, never inside one", "[text]") {
  const std::string s = "ab年报c";  // bytes: a b 年(2..4) 报(5..7) c(8)
  CHECK(count_chars(s) == 5);
  CHECK(count_chars("") == 0);
  CHECK(skip_chars(s, 0, 3) == 5);
  CHECK(skip_chars(s, 2, 1) == 5);
  CHECK(skip_chars(s, 0, 99) == s.size());
  CHECK(back_chars(s, 8, 2) == 2);
  CHECK(back_chars(s, 8, 99) == 0);
  CHECK(char_start(s, 3) == 2);
  CHECK(char_start(s, 4) == 2);
  CHECK(char_start(s, 5) == 5);
  CHECK(char_start(s, s.size()) == s.size());
  CHECK(first_chars(s, 3) == "ab年…");
  CHECK(first_chars(s, 5) == s);
  CHECK(first_chars(s, 0) == "…");
  CHECK(first_chars("", 0).empty());
}

TEST_CASE("find_invalid_utf8 finds the first fault wherever it falls in the sixteen-byte steps", "[text]") {
  // What it must say, one character at a time through next_char.
  auto expected = [](std::string_view s, bool& control) {
    control = false;
    for (std::size_t i = 0; i < s.size();) {
      const std::size_t at = i;
      const char32_t c = next_char(s, i);
      if ((c == 0xFFFD && s.substr(at, 3) != "\xEF\xBF\xBD") || c == 0xFFFE || c == 0xFFFF) return at;
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return control = true, at;
    }
    return std::string_view::npos;
  };
  // Mostly well-formed text of the kinds the inputs hold (ASCII markup, Chinese, full-width
  // punctuation), so that long runs go the fast ways, with every kind of fault among them.
  const char* const good[] = {"a", "<row id=\"x\"/>", "\t", "\n", "\r", "\x7f", "年", "报", "，", "€", "é", "😀",
                              "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEF\xBF\xBD", "\xEE\x80\x80"};
  const char* const bad[] = {"\x01", "\x1f", "\xEF\xBF\xBE", "\xEF\xBF\xBF", "\xED\xA0\x80", "\xE0\x80\xAF", "\xE0\x9F\xBF",
                             "\x80", "\xBF", "\xE5", "\xE5\xB9", "\xC0\xAF", "\xC1\xBF", "\xF5\x80\x80\x80", "\xF4\x90\x80\x80",
                             "\xFF", "\xE5\x41", "\xE5\xB9\x41"};
  std::uint32_t seed = 12345;
  auto next = [&](std::uint32_t below) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % below;
  };
  std::size_t faults = 0, clean = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const std::uint32_t pieces = next(80);
    for (std::uint32_t k = 0; k < pieces; ++k) s += next(60) == 0 ? bad[next(std::size(bad))] : good[next(std::size(good))];
    bool control = false, want_control = false;
    const std::size_t got = find_invalid_utf8(s, control);
    const std::size_t want = expected(s, want_control);
    INFO("round " << round << ", " << s.size() << " bytes");
    REQUIRE(got == want);
    REQUIRE(control == want_control);
    (want == std::string_view::npos ? clean : faults) += 1;
  }
  CHECK(faults > 5000);
  CHECK(clean > 5000);
}
