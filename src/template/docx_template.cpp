#include "template/docx_template.h"

#include <algorithm>
#include <cstring>
#include <list>
#include <unordered_map>
#include <unordered_set>

#include <pugixml.hpp>

#include "input/encoding.h"
#include "input/xml_file.h"

namespace nianbao::tmpl {

namespace {

bool is_name(const pugi::xml_node& n, const char* name) { return std::strcmp(n.name(), name) == 0; }

// Elements whose subtree holds no text of the paragraph they sit in.
bool skip_for_text(const pugi::xml_node& n) {
  static const char* kSkip[] = {"w:pPr", "w:rPr", "w:delText", "w:instrText", "w:drawing", "w:pict",
                                "w:object", "mc:AlternateContent", "w:txbxContent", "w:p", "w:tbl"};
  for (const char* s : kSkip)
    if (is_name(n, s)) return true;
  return false;
}

void collect_text_nodes(const pugi::xml_node& node, std::vector<pugi::xml_node>& out) {
  for (auto c : node.children()) {
    if (c.type() != pugi::node_element || skip_for_text(c)) continue;
    if (is_name(c, "w:t")) out.push_back(c);
    else collect_text_nodes(c, out);
  }
}

std::string paragraph_text(const pugi::xml_node& p) {
  std::vector<pugi::xml_node> ts;
  collect_text_nodes(p, ts);
  std::string s;
  for (auto t : ts) s += t.text().get();
  return s;
}

std::string excerpt_around(const std::string& text, std::size_t pos, std::size_t len) {
  // About 20 characters either side, cut on UTF-8 boundaries.
  auto back = [&](std::size_t p, int chars) {
    while (p > 0 && chars > 0) {
      --p;
      while (p > 0 && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) --p;
      --chars;
    }
    return p;
  };
  auto fwd = [&](std::size_t p, int chars) {
    while (p < text.size() && chars > 0) {
      ++p;
      while (p < text.size() && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) ++p;
      --chars;
    }
    return p;
  };
  std::size_t b = back(pos, 20), e = fwd(std::min(pos + len, text.size()), 20);
  return (b > 0 ? "…" : "") + text.substr(b, e - b) + (e < text.size() ? "…" : "");
}

// At most `chars` characters of `text` from `pos`, never cutting a UTF-8 sequence; "…" when cut.
std::string chars_from(const std::string& text, std::size_t pos, int chars) {
  std::size_t e = pos;
  for (; e < text.size() && chars > 0; --chars) {
    ++e;
    while (e < text.size() && (static_cast<unsigned char>(text[e]) & 0xC0) == 0x80) ++e;
  }
  return text.substr(pos, e - pos) + (e < text.size() ? "…" : "");
}

bool is_space_text(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') { ++i; continue; }
    if (s.compare(i, 3, "\u3000") == 0) { i += 3; continue; }
    return false;
  }
  return true;
}

// Parses the inside of {{ … }} into a tag.
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

bool is_block_kind(TagKind k) { return k != TagKind::kValue; }
bool is_placement(TagKind k) {
  return k == TagKind::kTable || k == TagKind::kSection || k == TagKind::kBody || k == TagKind::kChart;
}

enum class Level { kNone, kBlock, kTable, kRun };

Level level_of(const pugi::xml_node& n) {
  static const char* kBlock[] = {"w:body", "w:tc", "w:hdr", "w:ftr", "w:txbxContent", "w:footnote", "w:endnote", "w:comment"};
  static const char* kRun[] = {"w:p", "w:hyperlink", "w:smartTag", "w:fldSimple", "w:ins", "w:moveTo"};
  for (const char* s : kBlock)
    if (is_name(n, s)) return Level::kBlock;
  if (is_name(n, "w:tbl")) return Level::kTable;
  for (const char* s : kRun)
    if (is_name(n, s)) return Level::kRun;
  if (is_name(n, "w:sdtContent") || is_name(n, "w:customXml")) {
    for (auto c : n.children()) {
      if (is_name(c, "w:p") || is_name(c, "w:tbl")) return Level::kBlock;
      if (is_name(c, "w:tr")) return Level::kTable;
      if (is_name(c, "w:r")) return Level::kRun;
    }
  }
  return Level::kNone;
}

struct Item {
  enum class Kind { kCopy, kValue, kIf, kEach, kPlace };
  Kind kind = Kind::kCopy;
  pugi::xml_node node;
  int tag = -1;
  std::vector<std::pair<int, std::vector<Item>>> branches;  // kIf: (condition tag or -1 for else)
  std::vector<Item> body;                                    // kEach
};

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string format_problem(const TemplateProblem& p) {
  std::string out = p.part;
  if (p.paragraph > 0) out += " 第" + std::to_string(p.paragraph) + "段";
  if (!p.excerpt.empty()) out += "「" + p.excerpt + "」";
  out += "：" + p.code + " " + p.message;
  return out;
}

bool looks_like_subheading(const std::string& text) {
  if (text.rfind("（", 0) != 0) return false;
  auto close = text.find("）");
  if (close == std::string::npos || close > 3 + 3 * 3) return false;
  static const std::string kNumerals = "一二三四五六七八九十";
  for (std::size_t i = 3; i < close; i += 3)
    if (kNumerals.find(text.substr(i, 3)) == std::string::npos) return false;
  if (text.find("。") != std::string::npos) return false;
  std::size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  return chars <= 40;
}

constexpr int kMaxTemplateDepth = 1000;

struct DocxTemplate::Impl {
  struct Part {
    std::string name;
    pugi::xml_document doc;
    std::string declaration;
  };
  std::map<std::string, std::string> raw;  // parts passed through unchanged
  std::list<Part> parts;                   // parsed WordprocessingML parts
  std::vector<Tag> tags;
  std::unordered_map<const void*, int> tag_run;          // tag run → tag index
  std::unordered_map<const void*, int> marker;           // marker paragraph / row → tag index
  std::unordered_map<const void*, std::vector<Item>> lists;  // container → compiled children
  std::unordered_map<const void*, int> paragraph_no;     // paragraph → number

  // ---- compile ------------------------------------------------------------------------------

  // Gathers every tag of a paragraph into the text node where it begins.
  bool normalize(Part& part, pugi::xml_node p, int number, std::vector<TemplateProblem>& problems) {
    std::vector<pugi::xml_node> ts;
    collect_text_nodes(p, ts);
    std::string full;
    std::vector<std::size_t> starts;
    for (auto t : ts) {
      starts.push_back(full.size());
      full += t.text().get();
    }
    if (full.find("{{") == std::string::npos) return true;
    struct Span { std::size_t b, e; };
    std::vector<Span> spans;
    for (std::size_t i = full.find("{{"); i != std::string::npos; i = full.find("{{", i)) {
      std::size_t close = full.find("}}", i + 2);
      std::size_t next_open = full.find("{{", i + 2);
      if (close == std::string::npos || (next_open != std::string::npos && next_open < close)) {
        problems.push_back({"E601", part.name, number, excerpt_around(full, i, 2), "标签缺少结束的 }}。"});
        return false;
      }
      spans.push_back({i, close + 2});
      i = close + 2;
    }
    auto seg_of = [&](std::size_t pos) {
      return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), pos) - starts.begin()) - 1;
    };
    std::vector<std::string> texts(ts.size());
    std::size_t s = 0;
    for (std::size_t pos = 0; pos < full.size();) {
      if (s < spans.size() && pos == spans[s].b) {
        texts[seg_of(pos)] += full.substr(spans[s].b, spans[s].e - spans[s].b);
        pos = spans[s].e;
        ++s;
        continue;
      }
      texts[seg_of(pos)] += full[pos];
      ++pos;
    }
    std::vector<pugi::xml_node> emptied;
    for (std::size_t i = 0; i < ts.size(); ++i) {
      if (texts[i] == ts[i].text().get()) continue;
      ts[i].text().set(texts[i].c_str());
      if (!ts[i].attribute("xml:space")) ts[i].append_attribute("xml:space") = "preserve";
      if (texts[i].empty()) emptied.push_back(ts[i]);
    }
    // Runs left with nothing but formatting are removed; so are spell-check marks inside tags.
    for (auto t : emptied) {
      auto run = t.parent();
      run.remove_child(t);
      bool has_content = false;
      for (auto c : run.children())
        if (!is_name(c, "w:rPr")) has_content = true;
      if (!has_content && is_name(run, "w:r")) run.parent().remove_child(run);
    }
    std::vector<pugi::xml_node> proof;
    for (auto c : p.children())
      if (is_name(c, "w:proofErr")) proof.push_back(c);
    for (auto c : proof) p.remove_child(c);
    return true;
  }

  // Splits runs so that every tag stands alone in a run of its own, formatted as before.
  void split_runs(Part& part, pugi::xml_node container, int number, const std::string& ptext,
                  std::vector<TemplateProblem>& problems) {
    std::vector<pugi::xml_node> runs;
    for (auto c : container.children()) {
      if (is_name(c, "w:r")) runs.push_back(c);
      // A paragraph nested in this one (not valid WordprocessingML, but parseable) is compiled on
      // its own, and only if its own tags are well formed.
      else if (level_of(c) == Level::kRun && !is_name(c, "w:p")) split_runs(part, c, number, ptext, problems);
    }
    for (auto run : runs) {
      bool has_tag = false;
      for (auto c : run.children("w:t"))
        if (std::strstr(c.text().get(), "{{")) has_tag = true;
      if (!has_tag) continue;
      auto rpr = run.child("w:rPr");
      auto parent = run.parent();
      pugi::xml_node current;
      auto new_run = [&]() {
        auto r = parent.insert_child_before("w:r", run);
        for (auto a : run.attributes()) r.append_attribute(a.name()) = a.value();
        if (rpr) r.append_copy(rpr);
        return r;
      };
      auto add_text = [&](const std::string& text) {
        if (text.empty()) return;
        if (!current) current = new_run();
        auto t = current.append_child("w:t");
        t.append_attribute("xml:space") = "preserve";
        t.text().set(text.c_str());
      };
      for (auto c : run.children()) {
        if (is_name(c, "w:rPr")) continue;
        if (!is_name(c, "w:t") || !std::strstr(c.text().get(), "{{")) {
          if (!current) current = new_run();
          current.append_copy(c);
          continue;
        }
        std::string text = c.text().get();
        std::size_t pos = 0;
        while (pos < text.size()) {
          std::size_t b = text.find("{{", pos);
          if (b == std::string::npos) { add_text(text.substr(pos)); break; }
          add_text(text.substr(pos, b - pos));
          std::size_t e = text.find("}}", b);
          if (e == std::string::npos) {  // normalize() reports unclosed tags; never read past the end
            add_text(text.substr(b));
            break;
          }
          std::string source = text.substr(b, e + 2 - b);
          Tag tag;
          tag.source = source;
          tag.part = part.name;
          tag.paragraph = number;
          auto at = ptext.find(source);
          tag.excerpt = excerpt_around(ptext, at == std::string::npos ? 0 : at, source.size());
          std::string error;
          if (!parse_tag(source.substr(2, source.size() - 4), tag, error)) {
            problems.push_back({"E603", part.name, number, tag.excerpt, "标签 " + source + " 有误：" + error + "。"});
          }
          auto r = new_run();
          auto t = r.append_child("w:t");
          t.append_attribute("xml:space") = "preserve";
          t.text().set(source.c_str());
          tag_run[r.internal_object()] = static_cast<int>(tags.size());
          tags.push_back(std::move(tag));
          current = pugi::xml_node();
          pos = e + 2;
        }
      }
      parent.remove_child(run);
    }
  }

  // The single tag of a paragraph or row whose text is only that tag (and white space), or -1.
  int lone_tag(const pugi::xml_node& node) const {
    int found = -1;
    bool other_text = false;
    std::vector<pugi::xml_node> stack{node};
    while (!stack.empty()) {
      auto n = stack.back();
      stack.pop_back();
      for (auto c : n.children()) {
        if (c.type() != pugi::node_element) continue;
        auto it = tag_run.find(c.internal_object());
        if (it != tag_run.end()) {
          if (found >= 0) return -1;
          found = it->second;
          continue;
        }
        if (is_name(c, "w:t")) {
          if (!is_space_text(c.text().get())) other_text = true;
          continue;
        }
        if (!is_name(c, "w:pPr") && !is_name(c, "w:rPr") && !is_name(c, "w:tcPr") && !is_name(c, "w:trPr"))
          stack.push_back(c);
      }
    }
    return other_text ? -1 : found;
  }

  void problem(std::vector<TemplateProblem>& problems, const char* code, int tag, const std::string& msg) const {
    const Tag& t = tags[tag];
    problems.push_back({code, t.part, t.paragraph, t.excerpt, msg});
  }

  // Builds the block structure of one sibling list.
  std::vector<Item> build(const std::vector<std::pair<pugi::xml_node, int>>& flat, Level level,
                          std::vector<TemplateProblem>& problems) {
    std::vector<Item> root;
    std::vector<Item> stack;
    std::vector<int> open_tag;
    auto target = [&]() -> std::vector<Item>& {
      if (stack.empty()) return root;
      Item& top = stack.back();
      return top.kind == Item::Kind::kIf ? top.branches.back().second : top.body;
    };
    for (const auto& [node, tag] : flat) {
      if (tag < 0) {
        Item it;
        it.node = node;
        target().push_back(std::move(it));
        continue;
      }
      const Tag& t = tags[tag];
      if (!t.expr && (t.kind == TagKind::kValue || t.kind == TagKind::kIf || t.kind == TagKind::kElseIf ||
                      t.kind == TagKind::kEach))
        continue;  // a parse error, already reported
      switch (t.kind) {
        case TagKind::kComment: break;
        case TagKind::kValue: {
          Item it;
          it.kind = Item::Kind::kValue;
          it.node = node;
          it.tag = tag;
          target().push_back(std::move(it));
          break;
        }
        case TagKind::kTable:
        case TagKind::kSection:
        case TagKind::kBody:
        case TagKind::kChart: {
          if (level != Level::kBlock) {
            problem(problems, "E604", tag, "标签 " + t.source + " 必须单独占一个段落（该段不能有其他文字）。");
            break;
          }
          Item it;
          it.kind = Item::Kind::kPlace;
          it.node = node;
          it.tag = tag;
          target().push_back(std::move(it));
          break;
        }
        case TagKind::kIf:
        case TagKind::kEach: {
          Item it;
          it.kind = t.kind == TagKind::kIf ? Item::Kind::kIf : Item::Kind::kEach;
          it.tag = tag;
          if (it.kind == Item::Kind::kIf) it.branches.push_back({tag, {}});
          stack.push_back(std::move(it));
          open_tag.push_back(tag);
          break;
        }
        case TagKind::kElseIf:
        case TagKind::kElse: {
          if (stack.empty() || stack.back().kind != Item::Kind::kIf) {
            problem(problems, "E602", tag, "标签 " + t.source + " 前面没有对应的 {{#if …}}。");
            break;
          }
          if (stack.back().branches.back().first < 0) {
            problem(problems, "E602", tag, "标签 " + t.source + " 不能出现在 {{else}} 之后。");
            break;
          }
          stack.back().branches.push_back({t.kind == TagKind::kElse ? -1 : tag, {}});
          break;
        }
        case TagKind::kEndIf:
        case TagKind::kEndEach: {
          Item::Kind want = t.kind == TagKind::kEndIf ? Item::Kind::kIf : Item::Kind::kEach;
          if (stack.empty() || stack.back().kind != want) {
            std::string msg = "标签 " + t.source + " 没有对应的 " + (want == Item::Kind::kIf ? "{{#if …}}" : "{{#each …}}");
            if (!stack.empty()) {
              const Tag& o = tags[open_tag.back()];
              msg += "；最近未闭合的是第" + std::to_string(o.paragraph) + "段的 " + o.source;
            }
            problem(problems, "E602", tag, msg + "。");
            break;
          }
          Item done = std::move(stack.back());
          stack.pop_back();
          open_tag.pop_back();
          target().push_back(std::move(done));
          break;
        }
      }
    }
    for (int t : open_tag) {
      const char* close = tags[t].kind == TagKind::kIf ? "{{/if}}" : "{{/each}}";
      std::string where = level == Level::kRun ? "同一段落中" : level == Level::kTable ? "同一表格中" : "同一层级中";
      problem(problems, "E602", t, "标签 " + tags[t].source + " 没有闭合：" + where + "找不到对应的 " + close + "。");
    }
    // Unclosed blocks stay in the tree (as if closed at the end), so that checking still reaches
    // the tags inside them and reports every problem at once.
    while (!stack.empty()) {
      Item done = std::move(stack.back());
      stack.pop_back();
      target().push_back(std::move(done));
    }
    return root;
  }

  // Compiles a node's children (and their descendants).
  void compile_node(pugi::xml_node node, std::vector<TemplateProblem>& problems) {
    Level level = level_of(node);
    std::vector<std::pair<pugi::xml_node, int>> flat;
    for (auto c : node.children()) {
      if (c.type() != pugi::node_element) {
        flat.push_back({c, -1});
        continue;
      }
      int tag = -1;
      if (level == Level::kRun) {
        auto it = tag_run.find(c.internal_object());
        if (it != tag_run.end()) tag = it->second;
      } else if (level == Level::kBlock && is_name(c, "w:p")) {
        int t = lone_tag(c);
        if (t >= 0 && is_block_kind(tags[t].kind)) tag = t;
      } else if (level == Level::kTable && is_name(c, "w:tr")) {
        int t = lone_tag(c);
        if (t >= 0 && is_block_kind(tags[t].kind) && !is_placement(tags[t].kind)) tag = t;
      }
      if (tag >= 0) {
        marker[c.internal_object()] = tag;
      } else {
        compile_node(c, problems);
      }
      flat.push_back({c, tag});
    }
    if (level != Level::kNone) lists[node.internal_object()] = build(flat, level, problems);
  }

  bool compile(std::map<std::string, std::string> input, std::vector<TemplateProblem>& problems) {
    std::size_t before = problems.size();
    for (auto& [name, data] : input) {
      bool wordml = name == "word/document.xml" ||
                    (name.rfind("word/header", 0) == 0 && name.size() > 4 && name.compare(name.size() - 4, 4, ".xml") == 0) ||
                    (name.rfind("word/footer", 0) == 0 && name.size() > 4 && name.compare(name.size() - 4, 4, ".xml") == 0);
      if (!wordml) {
        raw[name] = std::move(data);
        continue;
      }
      // pugixml does not check the encoding: a stray byte would end up in the document and in messages.
      bool control = false;
      if (std::size_t bad = find_invalid_utf8(data, control); bad != std::string::npos) {
        int line = 1 + static_cast<int>(std::count(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
        problems.push_back({"E605", name, 0, "",
                            std::string("模板部件第 ") + std::to_string(line) + " 行" +
                                (control ? "有 XML 不允许的控制字符。" : "有不是 UTF-8 的字节；模板部件须以 UTF-8 保存。")});
        continue;
      }
      Part& part = parts.emplace_back();
      part.name = name;
      auto res = part.doc.load_buffer(data.data(), data.size(), pugi::parse_default | pugi::parse_declaration | pugi::parse_ws_pcdata_single,
                                      pugi::encoding_utf8);
      if (!res) {
        auto at = static_cast<std::ptrdiff_t>(std::min<std::size_t>(static_cast<std::size_t>(std::max<std::ptrdiff_t>(res.offset, 0)), data.size()));
        int line = 1 + static_cast<int>(std::count(data.begin(), data.begin() + at, '\n'));
        problems.push_back({"E605", name, 0, "",
                            "模板部件第 " + std::to_string(line) + " 行不是格式正确的 XML：" + describe_xml_error(res.status) + "。"});
        parts.pop_back();
        continue;
      }
      std::vector<pugi::xml_node> paragraphs;
      std::vector<std::pair<pugi::xml_node, int>> stack{{part.doc.document_element(), 1}};
      // Document order: depth first, children in order. The passes below recurse over the
      // element tree, so its depth is bounded (Word nests a few dozen levels at most).
      bool too_deep = false;
      while (!stack.empty() && !too_deep) {
        auto [n, depth] = stack.back();
        stack.pop_back();
        if (is_name(n, "w:p")) paragraphs.push_back(n);
        if (depth > kMaxTemplateDepth) too_deep = true;
        for (auto c = n.last_child(); c; c = c.previous_sibling())
          if (c.type() == pugi::node_element) stack.push_back({c, depth + 1});
      }
      if (too_deep) {
        problems.push_back({"E605", name, 0, "", "模板部件的元素嵌套超过 " + std::to_string(kMaxTemplateDepth) + " 层，不是 Word 文档的结构。"});
        parts.pop_back();
        continue;
      }
      int number = 0;
      for (auto p : paragraphs) {
        paragraph_no[p.internal_object()] = ++number;
        if (!normalize(part, p, number, problems)) continue;
        std::string text = paragraph_text(p);
        if (text.find("{{") != std::string::npos) split_runs(part, p, number, text, problems);
      }
      compile_node(part.doc.document_element(), problems);
    }
    return problems.size() == before;
  }

  // ---- render -------------------------------------------------------------------------------

  struct Run {
    Context& ctx;
    Placer& placer;
    std::vector<TemplateProblem>* problems;  // checking when non-null
    std::string out;
    // While a one-row loop repeats its row: the row, whose vertical merges carry on (see kEach).
    pugi::xml_node merge_row;

    bool checking() const { return problems != nullptr; }
  };

  void fail(Run& r, int tag, const std::string& msg) const {
    const Tag& t = tags[tag];
    if (r.checking()) {
      r.problems->push_back({"E606", t.part, t.paragraph, t.excerpt, msg});
      return;
    }
    throw RenderError(format_problem({"E606", t.part, t.paragraph, t.excerpt, msg}));
  }

  std::optional<Value> evaluate(Run& r, int tag) const {
    std::string error;
    auto v = eval(*tags[tag].expr, r.ctx, error);
    if (!v) fail(r, tag, "标签 " + tags[tag].source + "：" + error + "。");
    return v;
  }

  static void write_open(std::string& out, const pugi::xml_node& n) {
    out += '<';
    out += n.name();
    for (auto a : n.attributes()) {
      out += ' ';
      out += a.name();
      out += "=\"";
      out += xml_escape(a.value());
      out += '"';
    }
  }

  // Serialises a subtree as it is (formatting properties, no tags inside).
  static void write_plain(std::string& out, const pugi::xml_node& n) {
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
      out += xml_escape(n.value());
      return;
    }
    if (n.type() != pugi::node_element) return;
    write_open(out, n);
    if (!n.first_child()) {
      out += "/>";
      return;
    }
    out += '>';
    for (auto c : n.children()) write_plain(out, c);
    out += "</";
    out += n.name();
    out += '>';
  }

  void write_node(Run& r, const pugi::xml_node& n) const {
    switch (n.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata: r.out += xml_escape(n.value()); return;
      case pugi::node_element: break;
      default: return;  // comments, processing instructions
    }
    auto list = lists.find(n.internal_object());
    if (r.merge_row && is_name(n, "w:vMerge") && n.parent().parent().parent() == r.merge_row &&
        std::strcmp(n.attribute("w:val").value(), "restart") == 0) {
      r.out += "<w:vMerge/>";
      return;
    }
    if (list == lists.end() && !n.first_child()) {
      write_open(r.out, n);
      r.out += "/>";
      return;
    }
    std::size_t start = r.out.size();
    write_open(r.out, n);
    r.out += '>';
    std::size_t inner = r.out.size();
    if (list != lists.end()) {
      write_items(r, list->second, n);
    } else {
      for (auto c : n.children()) write_node(r, c);
    }
    // Word refuses a table without rows, and a cell that does not end with a paragraph (one
    // left empty, or whose paragraphs after a nested table were left out by a condition).
    if (is_name(n, "w:tbl") && r.out.find("<w:tr", inner) == std::string::npos) {
      r.out.resize(start);
      return;
    }
    if (is_name(n, "w:tc") && !ends_with_paragraph(r.out, inner)) r.out += "<w:p/>";
    r.out += "</";
    r.out += n.name();
    r.out += '>';
    if (is_name(n, "w:tbl") && list != lists.end() && !r.checking() && has_row_blocks(list->second))
      mend_vertical_merges(r.out, start);
  }

  static bool has_row_blocks(const std::vector<Item>& items) {
    for (const auto& it : items)
      if (it.kind == Item::Kind::kIf || it.kind == Item::Kind::kEach) return true;
    return false;
  }

  /// The single table row a loop body consists of, if it is one (whitespace aside).
  static pugi::xml_node single_row(const std::vector<Item>& body) {
    pugi::xml_node row;
    for (const auto& it : body) {
      if (it.kind == Item::Kind::kCopy && it.node.type() != pugi::node_element) continue;
      if (it.kind != Item::Kind::kCopy || !is_name(it.node, "w:tr") || row) return {};
      row = it.node;
    }
    return row;
  }

  /// Rows left out by a condition or an empty loop can leave a cell that continues a vertical
  /// merge with nothing above it to continue (Word then merges it into an unrelated cell, or
  /// reports the file as damaged): such a cell starts the merge instead. The table is
  /// out[from..]; cells are matched by their grid column (w:gridBefore, w:gridSpan).
  static void mend_vertical_merges(std::string& out, std::size_t from) {
    if (out.find("w:vMerge", from) == std::string::npos) return;
    pugi::xml_document d;
    if (!d.load_buffer(out.data() + from, out.size() - from, pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8))
      return;
    pugi::xml_node tbl = d.first_child();
    auto grid_val = [](pugi::xml_node parent, const char* name) {
      int v = parent.child(name).attribute("w:val").as_int(1);
      return v > 0 ? v : 1;
    };
    std::map<int, bool> above;  // grid column where a cell starts -> whether it is in a vertical merge
    bool changed = false;
    for (auto tr : tbl.children("w:tr")) {
      std::map<int, bool> here;
      int col = tr.child("w:trPr").child("w:gridBefore") ? grid_val(tr.child("w:trPr"), "w:gridBefore") : 0;
      for (auto tc : tr.children("w:tc")) {
        pugi::xml_node pr = tc.child("w:tcPr");
        pugi::xml_node vm = pr.child("w:vMerge");
        bool merged = vm;
        if (vm && std::strcmp(vm.attribute("w:val").value(), "restart") != 0) {
          auto it = above.find(col);
          if (it == above.end() || !it->second) {
            vm.remove_attributes();
            vm.append_attribute("w:val") = "restart";
            changed = true;
          }
        }
        here[col] = merged;
        col += pr.child("w:gridSpan") ? grid_val(pr, "w:gridSpan") : 1;
      }
      above = std::move(here);
    }
    if (!changed) return;
    std::string fixed;
    write_plain(fixed, tbl);
    out.replace(from, std::string::npos, fixed);
  }

  /// Whether the content of a cell, out[from..], has a paragraph after its last nested table.
  static bool ends_with_paragraph(const std::string& out, std::size_t from) {
    std::size_t table_end = out.rfind("</w:tbl>");
    if (table_end == std::string::npos || table_end < from) table_end = from;
    for (std::size_t p = out.find("<w:p", table_end); p != std::string::npos; p = out.find("<w:p", p + 4)) {
      char next = p + 4 < out.size() ? out[p + 4] : '\0';
      if (next == '>' || next == '/' || next == ' ') return true;  // <w:p>, <w:p/>, <w:p w:rsidR=…>, not <w:pPr>
    }
    return false;
  }

  std::string run_properties(const pugi::xml_node& tag_run_node, bool subheading) const {
    auto rpr = tag_run_node.child("w:rPr");
    pugi::xml_document tmp;
    auto copy = rpr ? tmp.append_copy(rpr) : tmp.append_child("w:rPr");
    if (subheading) {
      copy.remove_child("w:rFonts");
      copy.remove_child("w:b");
      copy.remove_child("w:bCs");
      auto style = copy.child("w:rStyle");
      auto fonts = style ? copy.insert_child_after("w:rFonts", style) : copy.prepend_child("w:rFonts");
      for (const char* a : {"w:ascii", "w:eastAsia", "w:hAnsi"}) fonts.append_attribute(a) = "楷体_GB2312";
      fonts.append_attribute("w:hint") = "eastAsia";
    }
    if (!copy.first_child()) return "";
    std::string out;
    write_plain(out, copy);
    return out;
  }

  void place(Run& r, const Item& item, const pugi::xml_node& container) const {
    const Tag& t = tags[item.tag];
    if (t.kind == TagKind::kTable) {
      if (!r.placer.knows_table(t.arg)) return fail(r, item.tag, "格式中没有表 " + t.arg + "。");
      if (r.checking()) return;
      r.out += r.placer.table_xml(t.arg);
      if (is_name(container, "w:tc")) r.out += "<w:p/>";
      return;
    }
    if (t.kind == TagKind::kChart) {
      if (!r.placer.knows_chart(t.arg)) return fail(r, item.tag, "格式中没有图表 " + t.arg + "。");
      if (!r.checking()) r.out += r.placer.chart_xml(t.arg);
      return;
    }
    if (t.kind == TagKind::kSection && !r.placer.knows_section(t.arg))
      return fail(r, item.tag, "报告中没有章节 " + t.arg + "（可用的章节见格式定义）。");
    std::vector<PlacedParagraph> paras;
    try {
      paras = r.placer.paragraphs(t, r.ctx);
    } catch (const RenderError& e) {
      return fail(r, item.tag, e.what());
    }
    if (r.checking()) return;
    // The placement paragraph lends its paragraph properties, the tag's run its run properties.
    pugi::xml_node p = item.node;
    std::string ppr;
    if (auto node = p.child("w:pPr")) write_plain(ppr, node);
    pugi::xml_node run;
    for (auto c : p.children())
      if (tag_run.count(c.internal_object())) run = c;
    std::string rpr_body = run_properties(run, false), rpr_head = run_properties(run, true);
    for (const auto& para : paras) {
      r.out += "<w:p>" + ppr + "<w:r>" + (para.subheading ? rpr_head : rpr_body) + "<w:t xml:space=\"preserve\">";
      r.out += xml_escape(para.text);
      r.out += "</w:t></w:r></w:p>";
    }
  }

  void write_items(Run& r, const std::vector<Item>& items, const pugi::xml_node& container) const {
    for (const auto& item : items) {
      switch (item.kind) {
        case Item::Kind::kCopy: write_node(r, item.node); break;
        case Item::Kind::kValue: {
          auto v = evaluate(r, item.tag);
          if (!v) break;
          std::string text = to_text(*v);
          if (text.empty() || r.checking()) break;
          write_open(r.out, item.node);
          r.out += '>';
          if (auto rpr = item.node.child("w:rPr")) write_plain(r.out, rpr);
          r.out += "<w:t xml:space=\"preserve\">" + xml_escape(text) + "</w:t></w:r>";
          break;
        }
        case Item::Kind::kIf: {
          bool done = false;
          for (const auto& [cond, body] : item.branches) {
            if (r.checking()) {
              if (cond >= 0) evaluate(r, cond);
              write_items(r, body, container);
              continue;
            }
            if (done) break;
            bool take = true;
            if (cond >= 0) {
              auto v = evaluate(r, cond);
              take = v && v->truthy();
            }
            if (take) {
              write_items(r, body, container);
              done = true;
            }
          }
          break;
        }
        case Item::Kind::kEach: {
          auto v = evaluate(r, item.tag);
          if (!v) break;
          if (v->kind != Value::Kind::kList) {
            fail(r, item.tag, "标签 " + tags[item.tag].source + " 的 #each 需要一个列表（如 agencies、highlights）。");
            break;
          }
          std::size_t n = r.checking() ? 1 : v->list_size;
          // A loop over one table row: a cell of that row that starts a vertical merge spans
          // every row the loop writes (a merge within one row would mean nothing), so the
          // copies after the first continue it. A loop over several rows repeats their merges
          // as they are, one per pass.
          pugi::xml_node row = single_row(item.body), outer = r.merge_row;
          for (std::size_t i = 0; i < n; ++i) {
            r.ctx.push_item(*v, i);
            r.merge_row = i > 0 ? row : pugi::xml_node();
            write_items(r, item.body, container);
            r.ctx.pop_item();
          }
          r.merge_row = outer;
          break;
        }
        case Item::Kind::kPlace: place(r, item, container); break;
      }
    }
  }
};

DocxTemplate::DocxTemplate() : impl_(std::make_unique<Impl>()) {}
DocxTemplate::~DocxTemplate() = default;
DocxTemplate::DocxTemplate(DocxTemplate&&) noexcept = default;
DocxTemplate& DocxTemplate::operator=(DocxTemplate&&) noexcept = default;

bool DocxTemplate::compile(std::map<std::string, std::string> parts, std::vector<TemplateProblem>& problems) {
  impl_ = std::make_unique<Impl>();
  return impl_->compile(std::move(parts), problems);
}

const std::vector<Tag>& DocxTemplate::tags() const { return impl_->tags; }

bool DocxTemplate::check(Context& ctx, Placer& placer, std::vector<TemplateProblem>& problems) const {
  std::size_t before = problems.size();
  for (const auto& part : impl_->parts) {
    Impl::Run r{ctx, placer, &problems, {}, {}};
    impl_->write_node(r, part.doc.document_element());
  }
  return problems.size() == before;
}

std::map<std::string, std::string> DocxTemplate::render(Context& ctx, Placer& placer) const {
  std::map<std::string, std::string> out = impl_->raw;
  for (const auto& part : impl_->parts) {
    Impl::Run r{ctx, placer, nullptr, {}, {}};
    r.out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";
    impl_->write_node(r, part.doc.document_element());
    out[part.name] = std::move(r.out);
  }
  return out;
}

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

}  // namespace nianbao::tmpl
