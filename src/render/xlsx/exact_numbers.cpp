#include "render/xlsx/exact_numbers.h"

#include <charconv>
#include <cmath>
#include <string_view>
#include <system_error>

namespace nianbao::xlsx {

namespace {

/// The shortest decimal that is the same double as `text`, in `out`; false when that is `text`
/// itself or `text` is not a finite number.
bool shortest_number(std::string_view text, std::string& out) {
  if (text.find_first_of(".eE") == std::string_view::npos) return false;  // integers are exact already
  double v = 0;
  auto parsed = std::from_chars(text.data(), text.data() + text.size(), v);
  if (parsed.ec != std::errc() || parsed.ptr != text.data() + text.size() || !std::isfinite(v)) return false;
  char buf[400];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  if (r.ec != std::errc()) return false;
  out.assign(buf, r.ptr);
  return out != text;
}

}  // namespace

void exact_numbers(std::string& xml, bool chart) {
  std::string result, number;
  std::size_t copied = 0;
  auto replace = [&](std::size_t from, std::size_t to) {
    if (!shortest_number(std::string_view(xml).substr(from, to - from), number)) return;
    result.append(xml, copied, from - copied);
    result += number;
    copied = to;
  };
  if (chart) {
    for (std::size_t cache = xml.find("<c:numCache>"); cache != std::string::npos; cache = xml.find("<c:numCache>", cache + 1)) {
      std::size_t cache_end = xml.find("</c:numCache>", cache);
      if (cache_end == std::string::npos) break;
      for (std::size_t v = xml.find("<c:v>", cache); v != std::string::npos && v < cache_end; v = xml.find("<c:v>", v + 1)) {
        std::size_t end = xml.find("</c:v>", v);
        if (end == std::string::npos || end > cache_end) break;
        replace(v + 5, end);
      }
    }
  } else {
    for (std::size_t c = xml.find("<c "); c != std::string::npos; c = xml.find("<c ", c + 1)) {
      std::size_t tag_end = xml.find('>', c);
      if (tag_end == std::string::npos) break;
      if (xml[tag_end - 1] == '/') continue;
      std::string_view tag(xml.data() + c, tag_end - c);
      std::size_t t = tag.find(" t=\"");
      if (t != std::string_view::npos && tag.compare(t, 7, " t=\"n\"") != 0) continue;
      std::size_t cell_end = xml.find("</c>", tag_end);
      std::size_t v = xml.find("<v>", tag_end);
      if (v == std::string::npos || cell_end == std::string::npos || v > cell_end) continue;
      std::size_t end = xml.find("</v>", v);
      if (end == std::string::npos || end > cell_end) continue;
      replace(v + 3, end);
    }
  }
  if (copied == 0) return;
  result.append(xml, copied, std::string::npos);
  xml = std::move(result);
}

}  // namespace nianbao::xlsx
