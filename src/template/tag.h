// The tags of the template language: what a {{…}} says (a value, a block, a placement or a
// comment) and where it was written. Shared by the DOCX engine and narrative text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "template/expr.h"

namespace nianbao::tmpl {

enum class TagKind { kValue, kIf, kElseIf, kElse, kEndIf, kEach, kEndEach, kTable, kSection, kBody, kChart, kComment };

struct Tag {
  TagKind kind = TagKind::kValue;
  std::string source;   // as written, "{{#if requests.new.total > 0}}"
  std::string arg;      // table id / section id / chart id
  std::optional<Expr> expr;
  std::string part;     // "word/document.xml"
  int paragraph = 0;    // 1-based, counting every paragraph of the part in order
  std::string excerpt;  // the paragraph's text around the tag
};

/// Reads the inside of {{ … }} (without the braces) into `tag`'s kind, arg and expr. Accepts the
/// full-width ＃ and ／ of a Chinese input method. Returns false and sets `error` (Chinese, no
/// final 。) when the text is not a tag.
bool parse_tag(const std::string& inner, Tag& tag, std::string& error);

/// The text around text[pos, pos + len): about 20 characters either side, "…" where cut,
/// never cutting a UTF-8 sequence.
std::string excerpt_around(const std::string& text, std::size_t pos, std::size_t len);

/// At most `chars` characters of `text` from `pos`, never cutting a UTF-8 sequence; "…" when cut.
std::string chars_from(const std::string& text, std::size_t pos, int chars);

}  // namespace nianbao::tmpl
