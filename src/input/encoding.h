// Turns the bytes of an input file into UTF-8 text: UTF-8 with or without BOM, UTF-16 with BOM,
// and files that declare GB18030 / GBK / GB2312 (transcoded with iconv). Bytes that are invalid
// in the file's encoding are reported with the line and column where they occur.
#pragma once

#include <string>
#include <string_view>

namespace nianbao {

struct DecodedText {
  bool ok = false;
  std::string text;      // UTF-8, without BOM, when ok
  std::string encoding;  // what was read: "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "GB18030", …
  // When !ok:
  std::string code;      // "E004" invalid bytes, "E005" unsupported encoding
  std::string message;   // Chinese, complete sentence
  int line = 0, column = 0;
};

/// Decodes `bytes` (moved from when they are already UTF-8). Never throws; a failure is
/// described in the result.
DecodedText decode_to_utf8(std::string bytes);

/// The value of encoding="…" in an XML declaration at the start of ASCII-compatible text, or "".
std::string declared_encoding(std::string_view text);

}  // namespace nianbao
