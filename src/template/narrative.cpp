#include "template/narrative.h"

#include <unordered_map>

#include "template/tag.h"
#include "text/utf8.h"

namespace nianbao::tmpl {

bool render_text(const std::string& text, Context& ctx, std::string& out, std::string& error) {
  out.clear();
  // Open {{#if}} blocks: whether the text around the block is written, whether a branch has been
  // taken, whether the current branch is written, and whether {{else}} was seen.
  struct Block {
    bool outer, taken, active, after_else;
  };
  std::vector<Block> blocks;
  auto writing = [&]() { return blocks.empty() || blocks.back().active; };
  // A condition is evaluated only where its block is reached, as a guard like
  // {{#if b > 0}}{{percent(a, b, 1)}}{{/if}} expects.
  auto condition = [&](const Tag& tag, const std::string& quoted, bool& result) {
    std::string err;
    auto v = eval(*tag.expr, ctx, err);
    if (!v) {
      error = "条件 " + quoted + "：" + err;
      return false;
    }
    result = v->truthy();
    return true;
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t b = text.find("{{", pos);
    if (b == std::string::npos) {
      if (writing()) out += text.substr(pos);
      break;
    }
    if (writing()) out += text.substr(pos, b - pos);
    std::size_t e = text.find("}}", b + 2);
    if (e == std::string::npos) {
      error = "占位符 " + chars_from(text, b, 30) + " 缺少结束的 }}";
      return false;
    }
    std::string source = text.substr(b, e + 2 - b);
    const std::string quoted = chars_from(source, 0, 60);  // a placeholder can be any length
    pos = e + 2;
    // Every agency's narrative repeats the same few placeholders: parse each once per thread.
    thread_local std::unordered_map<std::string, Tag> parsed;
    if (parsed.size() > 4096) parsed.clear();
    auto cached = parsed.find(source);
    if (cached == parsed.end()) {
      Tag fresh;
      std::string err;
      if (!parse_tag(source.substr(2, source.size() - 4), fresh, err)) {
        error = "占位符 " + quoted + " 有误：" + err;
        return false;
      }
      cached = parsed.emplace(source, std::move(fresh)).first;
    }
    const Tag& tag = cached->second;
    switch (tag.kind) {
      case TagKind::kComment: continue;
      case TagKind::kValue: {
        if (!writing()) continue;
        std::string err;
        auto v = eval(*tag.expr, ctx, err);
        if (!v) {
          error = "占位符 " + quoted + "：" + err;
          return false;
        }
        out += to_text(*v);
        continue;
      }
      case TagKind::kIf: {
        Block block{writing(), false, false, false};
        if (block.outer && !condition(tag, quoted, block.active)) return false;
        block.taken = block.active;
        blocks.push_back(block);
        continue;
      }
      case TagKind::kElseIf:
      case TagKind::kElse: {
        if (blocks.empty()) {
          error = quoted + " 前面没有对应的 {{#if …}}";
          return false;
        }
        Block& block = blocks.back();
        if (block.after_else) {
          error = quoted + " 不能写在同一个 {{#if}} 的 {{else}} 之后";
          return false;
        }
        block.active = false;
        if (tag.kind == TagKind::kElse) {
          block.after_else = true;
          block.active = block.outer && !block.taken;
        } else if (block.outer && !block.taken) {
          if (!condition(tag, quoted, block.active)) return false;
        }
        block.taken = block.taken || block.active;
        continue;
      }
      case TagKind::kEndIf:
        if (blocks.empty()) {
          error = "{{/if}} 前面没有对应的 {{#if …}}";
          return false;
        }
        blocks.pop_back();
        continue;
      default:
        error = "段落文字中只能用取值占位符和 {{#if}}…{{else}}…{{/if}}，不能用 " + quoted;
        return false;
    }
  }
  if (!blocks.empty()) {
    error = "{{#if …}} 没有闭合：这一段中找不到对应的 {{/if}}";
    return false;
  }
  return true;
}

bool check_narrative(const std::string& text, Context& ctx, const std::string& code, const SourceLocation& where,
                     Diagnostics& diags) {
  std::string out, error;
  if (render_text(text, ctx, out, error)) return true;
  diags.error(code, where, error + "。");
  return false;
}

bool looks_like_subheading(const std::string& text) {
  if (text.rfind("（", 0) != 0) return false;
  auto close = text.find("）");
  if (close == std::string::npos || close > 3 + 3 * 3) return false;
  static const std::string kNumerals = "一二三四五六七八九十";
  for (std::size_t i = 3; i < close; i += 3)
    if (kNumerals.find(text.substr(i, 3)) == std::string::npos) return false;
  if (text.find("。") != std::string::npos) return false;
  return count_chars(text) <= 40;
}

}  // namespace nianbao::tmpl
