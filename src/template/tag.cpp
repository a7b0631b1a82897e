#include "template/tag.h"

#include <algorithm>
#include <cstring>

#include "text/utf8.h"

namespace nianbao::tmpl {

std::string excerpt_around(const std::string& text, std::size_t pos, std::size_t len) {
  std::size_t b = back_chars(text, pos, 20), e = skip_chars(text, std::min(pos + len, text.size()), 20);
  return (b > 0 ? "…" : "") + text.substr(b, e - b) + (e < text.size() ? "…" : "");
}

std::string chars_from(const std::string& text, std::size_t pos, int chars) {
  const std::size_t e = skip_chars(text, pos, static_cast<std::size_t>(std::max(chars, 0)));
  return text.substr(pos, e - pos) + (e < text.size() ? "…" : "");
}

bool parse_tag(const std::string& inner_raw, Tag& tag, std::string& error) {
  std::string inner = inner_raw;
  auto trim = [](std::string s) {
    std::size_t b = s.find_first_not_of(" \t\u00A0"), e = s.find_last_not_of(" \t\u00A0");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  inner = trim(inner);
  // Full-width ＃ and ／ as typed with a Chinese input method.
  if (inner.rfind("＃", 0) == 0) inner = "#" + inner.substr(3);
  if (inner.rfind("／", 0) == 0) inner = "/" + inner.substr(3);
  auto word_after = [&](std::size_t n) { return trim(inner.substr(n)); };
  auto starts = [&](const char* p) {
    std::size_t n = std::strlen(p);
    return inner.compare(0, n, p) == 0 && (inner.size() == n || inner[n] == ' ' || inner[n] == '\t');
  };
  std::string expr_text;
  if (inner.empty()) { error = "标签为空"; return false; }
  if (inner[0] == '!') { tag.kind = TagKind::kComment; return true; }
  if (starts("#if")) { tag.kind = TagKind::kIf; expr_text = word_after(3); }
  else if (starts("else if")) { tag.kind = TagKind::kElseIf; expr_text = word_after(7); }
  else if (starts("#elif")) { tag.kind = TagKind::kElseIf; expr_text = word_after(5); }
  else if (inner == "else" || inner == "#else") { tag.kind = TagKind::kElse; return true; }
  else if (inner == "/if") { tag.kind = TagKind::kEndIf; return true; }
  else if (starts("#each")) { tag.kind = TagKind::kEach; expr_text = word_after(5); }
  else if (inner == "/each") { tag.kind = TagKind::kEndEach; return true; }
  else if (starts("table")) { tag.kind = TagKind::kTable; tag.arg = word_after(5); }
  else if (starts("section")) { tag.kind = TagKind::kSection; tag.arg = word_after(7); }
  else if (starts("chart")) { tag.kind = TagKind::kChart; tag.arg = word_after(5); }
  else if (inner == "body") { tag.kind = TagKind::kBody; return true; }
  else if (inner[0] == '#' || inner[0] == '/') {
    error = "不认识的块标签（可用：#if、else if、else、/if、#each、/each）";
    return false;
  } else { tag.kind = TagKind::kValue; expr_text = inner; }
  if (tag.kind == TagKind::kTable || tag.kind == TagKind::kSection || tag.kind == TagKind::kChart) {
    if (tag.arg.empty() || tag.arg.find(' ') != std::string::npos) {
      error = tag.kind == TagKind::kTable   ? "table 后应写一个表的 id，如 {{table requests}}"
              : tag.kind == TagKind::kChart ? "chart 后应写一个图表的 id，如 {{chart outcomes}}"
                                            : "section 后应写一个章节的 id，如 {{section overview}}";
      return false;
    }
    return true;
  }
  if (expr_text.empty()) { error = "缺少条件或列表"; return false; }
  tag.expr = parse_expr(expr_text, error);
  return tag.expr.has_value();
}

}  // namespace nianbao::tmpl
