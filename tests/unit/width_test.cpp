#include <catch2/catch.hpp>

#include "text/width.h"

using namespace nianbao;

TEST_CASE("Chinese characters count double in the display width", "[text]") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("自然人") == 6);
  CHECK(display_width("1.危及“三安全一稳定”") == 2 + 20);
  CHECK(display_width("（一）") == 6);
}

TEST_CASE("wide are East Asian wide, full-width and ambiguous characters, half-width forms are narrow", "[text]") {
  CHECK(char_width(U'a') == 1);
  CHECK(char_width(U'é') == 2);    // ambiguous: a CJK font draws it a full em wide
  CHECK(char_width(U'×') == 2);    // ambiguous
  CHECK(char_width(U'—') == 2);    // ambiguous
  CHECK(char_width(U'①') == 2);    // ambiguous
  CHECK(char_width(U'、') == 2);   // wide
  CHECK(char_width(U'１') == 2);   // full-width
  CHECK(char_width(U'ｱ') == 1);    // half-width katakana
  CHECK(char_width(U'\u2212') == 1);  // the minus sign is neutral
  CHECK(char_width(U'Ж') == 2);    // Cyrillic is ambiguous
  CHECK(char_width(U'\u0E01') == 1);  // Thai: neutral
  CHECK(char_width(U'😀') == 2);
  CHECK(char_width(U'\U00020000') == 2);  // CJK extension B
  CHECK(char_width(U'\U0002A6E0') == 2);  // unassigned in plane 2: wide by default
  CHECK(display_width("第一行\n第二") == 10);  // the line break takes no room
}
