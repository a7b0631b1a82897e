#include "text/escape.h"

#include <cstdio>

#include "text/utf8.h"

namespace nianbao {

namespace {

// Which bytes may need a reference, by table: text is copied in runs between them, not byte by
// byte (a national run writes a quarter of a gigabyte of escaped text).
struct Specials {
  bool of[256] = {};
  constexpr Specials() {
    for (unsigned char c : {'&', '<', '>', '"', '\t', '\n', '\r'}) of[c] = true;
  }
};
constexpr Specials kSpecials;

void append_xml(std::string& out, std::string_view text, bool quotes, bool breaks) {
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const char* run = p;
    while (p < end && !kSpecials.of[static_cast<unsigned char>(*p)]) ++p;
    out.append(run, static_cast<std::size_t>(p - run));
    if (p == end) break;
    switch (*p) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += quotes ? "&quot;" : "\""; break;
      case '\t': out += breaks ? "&#9;" : "\t"; break;
      case '\n': out += breaks ? "&#10;" : "\n"; break;
      case '\r': out += breaks ? "&#13;" : "\r"; break;
    }
    ++p;
  }
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  append_xml(out, text, true, false);
  return out;
}

std::string xml_escape_keep_breaks(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  append_xml(out, text, true, true);
  return out;
}

void append_xml_keep_breaks(std::string& out, std::string_view text) { append_xml(out, text, true, true); }

void append_xml_content(std::string& out, std::string_view text) { append_xml(out, text, false, false); }

std::string json_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t start = i;
      next_char(text, i);
      // next_char reads a malformed byte as U+FFFD and moves one byte; a real U+FFFD is three.
      if (i - start == 1) out += "\\ufffd";
      else out.append(text, start, i - start);
      continue;
    }
    ++i;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

}  // namespace nianbao
