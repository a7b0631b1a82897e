#include "input/encoding.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iconv.h>

#include "text/utf8.h"

namespace nianbao {

namespace {

// An encoding name as written in a declaration, safe to quote: the file's bytes are not yet known
// to be text, so anything but printable ASCII is shown as \xNN.
std::string printable(std::string_view name) {
  std::string out;
  for (unsigned char c : name.substr(0, 40)) {
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    }
  }
  return name.size() > 40 ? out + "…" : out;
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

void locate(std::string_view bytes, std::size_t offset, int& line, int& column) {
  line = 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + std::min(offset, bytes.size()), '\n'));
  std::size_t start = bytes.rfind('\n', offset == 0 ? 0 : offset - 1);
  start = (start == std::string_view::npos || offset == 0) ? 0 : start + 1;
  column = 1 + static_cast<int>(count_chars(bytes.substr(start, std::min(offset, bytes.size()) - start)));
}

DecodedText fail(std::string code, std::string message, int line = 0, int column = 0) {
  DecodedText d;
  d.code = std::move(code);
  d.message = std::move(message);
  d.line = line;
  d.column = column;
  return d;
}

DecodedText decode_utf16(std::string_view bytes, bool little) {
  DecodedText d;
  d.encoding = little ? "UTF-16LE" : "UTF-16BE";
  if (bytes.size() % 2 != 0) {
    // Name the place where the file ends: that is where the half character is.
    DecodedText whole = decode_utf16(bytes.substr(0, bytes.size() - 1), little);
    if (!whole.ok) return whole;
    int line, column;
    locate(whole.text, whole.text.size(), line, column);
    return fail("E004", "UTF-16 文件的字节数为奇数：文件在末尾少了半个字符，不完整或已损坏。", line, column);
  }
  d.text.reserve(bytes.size());
  int line = 1, column = 1;
  auto unit = [&](std::size_t i) -> char16_t {
    auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return little ? static_cast<char16_t>(a | (b << 8)) : static_cast<char16_t>((a << 8) | b);
  };
  for (std::size_t i = 0; i < bytes.size(); i += 2) {
    char32_t cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 2 >= bytes.size() || unit(i + 2) < 0xDC00 || unit(i + 2) > 0xDFFF)
        return fail("E004", "UTF-16 编码无效：有不成对的代理项。", line, column);
      cp = 0x10000 + ((cp - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return fail("E004", "UTF-16 编码无效：有不成对的代理项。", line, column);
    }
    append_utf8(d.text, cp);
    if (cp == '\n') { ++line; column = 1; } else { ++column; }
  }
  d.ok = true;
  return d;
}

DecodedText decode_gb18030(std::string_view bytes, const std::string& declared) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1))
    return fail("E005", "本机不支持 GB18030 转换（iconv），无法读取声明为 " + declared + " 的文件。");
  DecodedText d;
  d.encoding = declared;
  d.text.resize(bytes.size() * 2 + 16);
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char* out = d.text.data();
  std::size_t out_left = d.text.size();
  while (in_left > 0) {
    std::size_t r = iconv(cd, &in, &in_left, &out, &out_left);
    if (r != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      std::size_t used = out - d.text.data();
      d.text.resize(d.text.size() * 2);
      out = d.text.data() + used;
      out_left = d.text.size() - used;
      continue;
    }
    std::size_t offset = in - bytes.data();
    iconv_close(cd);
    int line, column;
    locate(bytes, offset, line, column);
    std::string what = errno == EINVAL ? "文件在一个多字节字符中间结束" : "有不属于该编码的字节";
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[offset]));
    return fail("E004", "文件声明的编码为 " + declared + "，但" + what + "（" + hex + "）。", line, column);
  }
  iconv_close(cd);
  d.text.resize(out - d.text.data());
  d.ok = true;
  return d;
}

}  // namespace

std::string declared_encoding(std::string_view text) {
  if (text.substr(0, 5) != "<?xml") return "";
  auto end = text.find("?>");
  std::string_view decl = text.substr(0, end == std::string_view::npos ? std::min<std::size_t>(text.size(), 200) : end);
  auto pos = decl.find("encoding");
  if (pos == std::string_view::npos) return "";
  pos = decl.find_first_of("\"'", pos);
  if (pos == std::string_view::npos) return "";
  char q = decl[pos];
  auto close = decl.find(q, pos + 1);
  if (close == std::string_view::npos) return "";
  return std::string(decl.substr(pos + 1, close - pos - 1));
}

DecodedText decode_to_utf8(std::string owned) {
  std::string_view bytes = owned;
  DecodedText d;
  bool declared_utf8 = true;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    owned.erase(0, 3);
    d.text = std::move(owned);
    d.encoding = "UTF-8 (BOM)";
    std::string decl = upper(declared_encoding(d.text));
    if (!decl.empty() && decl != "UTF-8" && decl != "UTF8")
      return fail("E005", "文件以 UTF-8 BOM 开头，却声明编码为 " + printable(declared_encoding(d.text)) + "，两者矛盾。", 1, 1);
  } else if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
    d = decode_utf16(bytes.substr(2), bytes[0] == '\xFF');
    if (!d.ok) return d;
  } else {
    if (bytes.size() >= 2 && ((bytes[0] == '<' && bytes[1] == '\0') || (bytes[0] == '\0' && bytes[1] == '<')))
      return fail("E005", "文件是没有 BOM 的 UTF-16；UTF-16 文件必须带 BOM，请另存为 UTF-8。", 1, 1);
    std::string decl = declared_encoding(bytes);
    std::string u = upper(decl);
    if (u == "GB18030" || u == "GBK" || u == "GB2312" || u == "CP936" || u == "GB_2312-80") {
      d = decode_gb18030(bytes, decl);
      if (!d.ok) return d;
    } else if (!u.empty() && u != "UTF-8" && u != "UTF8" && u != "US-ASCII" && u != "ASCII") {
      return fail("E005", "不支持文件声明的编码 " + printable(decl) + "；请使用 UTF-8（也可用 GBK、GB18030 或带 BOM 的 UTF-16）。", 1, 1);
    } else {
      d.text = std::move(owned);
      d.encoding = "UTF-8";
      declared_utf8 = !decl.empty();
    }
  }
  bool control = false;
  std::size_t bad = find_invalid_utf8(d.text, control);
  if (bad != std::string_view::npos) {
    int line, column;
    locate(d.text, bad, line, column);
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(d.text[bad]));
    if (control) return fail("E004", std::string("文件含有 XML 不允许的控制字符（") + hex + "）。", line, column);
    std::string hint = declared_utf8 ? "文件声明为 UTF-8，但" : "文件未声明编码，按 UTF-8 读取，但";
    return fail("E004", hint + "有不是 UTF-8 的字节（" + hex + "）；若文件实为 GBK，请在 XML 声明中写 encoding=\"GBK\"。",
                line, column);
  }
  d.ok = true;
  return d;
}

}  // namespace nianbao
