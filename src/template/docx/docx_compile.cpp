#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "input/xml_file.h"
#include "template/docx/docx_engine.h"
#include "text/utf8.h"

namespace nianbao::tmpl {

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

namespace {

// Elements nest at most this deep in a template part: the passes recurse over the tree.
constexpr int kMaxTemplateDepth = 1000;

bool is_space_text(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') { ++i; continue; }
    if (s.compare(i, 3, "\u3000") == 0) { i += 3; continue; }
    return false;
  }
  return true;
}

bool is_block_kind(TagKind k) { return k != TagKind::kValue; }
bool is_placement(TagKind k) {
  return k == TagKind::kTable || k == TagKind::kSection || k == TagKind::kBody || k == TagKind::kChart;
}

// The passes over one parsed part: tags into runs of their own, then the block structure of
// every container.
class Compiler {
 public:
  explicit Compiler(DocxTemplate::Impl& impl) : impl_(impl) {}

  /// Returns false (and reports E605) when the part nests too deep to be a Word document.
  bool compile_part(const std::string& name, pugi::xml_node root, Diagnostics& problems) {
    // Document order: depth first, children in order. The passes below recurse over the
    // element tree, so its depth is bounded (Word nests a few dozen levels at most).
    std::vector<pugi::xml_node> paragraphs;
    std::vector<std::pair<pugi::xml_node, int>> stack{{root, 1}};
    while (!stack.empty()) {
      auto [n, depth] = stack.back();
      stack.pop_back();
      if (is_name(n, "w:p")) paragraphs.push_back(n);
      if (depth > kMaxTemplateDepth) {
        add_problem(problems, "E605", name, 0, "",
                    "模板部件的元素嵌套超过 " + std::to_string(kMaxTemplateDepth) + " 层，不是 Word 文档的结构。");
        return false;
      }
      for (auto c = n.last_child(); c; c = c.previous_sibling())
        if (c.type() == pugi::node_element) stack.push_back({c, depth + 1});
    }
    int number = 0;
    for (auto p : paragraphs) lex_paragraph(impl_, name, p, ++number, problems);
    compile_node(root, problems);
    return true;
  }

 private:
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
        auto it = impl_.tag_run.find(c.internal_object());
        if (it != impl_.tag_run.end()) {
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

  void problem(Diagnostics& problems, const char* code, int tag, const std::string& msg) const {
    const Tag& t = impl_.tags[tag];
    add_problem(problems, code, t.part, t.paragraph, t.excerpt, msg);
  }

  // Builds the block structure of one sibling list.
  std::vector<Item> build(const std::vector<std::pair<pugi::xml_node, int>>& flat, Level level,
                          Diagnostics& problems) {
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
        it.node = node.internal_object();
        target().push_back(std::move(it));
        continue;
      }
      const Tag& t = impl_.tags[tag];
      if (!t.expr && (t.kind == TagKind::kValue || t.kind == TagKind::kIf || t.kind == TagKind::kElseIf ||
                      t.kind == TagKind::kEach))
        continue;  // a parse error, already reported
      switch (t.kind) {
        case TagKind::kComment: break;
        case TagKind::kValue: {
          Item it;
          it.kind = Item::Kind::kValue;
          it.node = node.internal_object();
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
          it.node = node.internal_object();
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
              const Tag& o = impl_.tags[open_tag.back()];
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
      const char* close = impl_.tags[t].kind == TagKind::kIf ? "{{/if}}" : "{{/each}}";
      std::string where = level == Level::kRun ? "同一段落中" : level == Level::kTable ? "同一表格中" : "同一层级中";
      problem(problems, "E602", t, "标签 " + impl_.tags[t].source + " 没有闭合：" + where + "找不到对应的 " + close + "。");
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
  void compile_node(pugi::xml_node node, Diagnostics& problems) {
    Level level = level_of(node);
    std::vector<std::pair<pugi::xml_node, int>> flat;
    for (auto c : node.children()) {
      if (c.type() != pugi::node_element) {
        flat.push_back({c, -1});
        continue;
      }
      int tag = -1;
      if (level == Level::kRun) {
        auto it = impl_.tag_run.find(c.internal_object());
        if (it != impl_.tag_run.end()) tag = it->second;
      } else if (level == Level::kBlock && is_name(c, "w:p")) {
        int t = lone_tag(c);
        if (t >= 0 && is_block_kind(impl_.tags[t].kind)) tag = t;
      } else if (level == Level::kTable && is_name(c, "w:tr")) {
        int t = lone_tag(c);
        if (t >= 0 && is_block_kind(impl_.tags[t].kind) && !is_placement(impl_.tags[t].kind)) tag = t;
      }
      if (tag < 0) compile_node(c, problems);
      flat.push_back({c, tag});
    }
    if (level != Level::kNone) impl_.lists[node.internal_object()] = build(flat, level, problems);
  }

  DocxTemplate::Impl& impl_;
};

bool is_wordml_part(const std::string& name) {
  auto xml_under = [&](const char* folder) {
    return name.rfind(folder, 0) == 0 && name.size() > 4 && name.compare(name.size() - 4, 4, ".xml") == 0;
  };
  return name == "word/document.xml" || xml_under("word/header") || xml_under("word/footer");
}

int line_at(const std::string& data, std::size_t offset) {
  auto end = data.begin() + static_cast<std::ptrdiff_t>(std::min(offset, data.size()));
  return 1 + static_cast<int>(std::count(data.begin(), end, '\n'));
}

}  // namespace

bool DocxTemplate::compile(std::map<std::string, std::string> input, Diagnostics& problems) {
  impl_ = std::make_unique<Impl>();
  const std::size_t before = problems.items().size();
  Compiler compiler(*impl_);
  for (auto& [name, data] : input) {
    if (!is_wordml_part(name)) {
      impl_->raw[name] = std::move(data);
      continue;
    }
    // pugixml does not check the encoding: a stray byte would end up in the document and in messages.
    bool control = false;
    if (std::size_t bad = find_invalid_utf8(data, control); bad != std::string::npos) {
      add_problem(problems, "E605", name, 0, "",
                  std::string("模板部件第 ") + std::to_string(line_at(data, bad)) + " 行" +
                      (control ? "有 XML 不允许的控制字符。" : "有不是 UTF-8 的字节；模板部件须以 UTF-8 保存。"));
      continue;
    }
    Impl::Part& part = impl_->parts.emplace_back();
    part.name = name;
    part.doc = std::make_unique<pugi::xml_document>();
    auto res = part.doc->load_buffer(data.data(), data.size(),
                                     pugi::parse_default | pugi::parse_declaration | pugi::parse_ws_pcdata_single,
                                     pugi::encoding_utf8);
    if (!res) {
      const std::size_t at = static_cast<std::size_t>(std::max<std::ptrdiff_t>(res.offset, 0));
      add_problem(problems, "E605", name, 0, "",
                  "模板部件第 " + std::to_string(line_at(data, at)) + " 行不是格式正确的 XML：" +
                      describe_xml_error(res.status) + "。");
      impl_->parts.pop_back();
      continue;
    }
    if (!compiler.compile_part(name, part.doc->document_element(), problems)) impl_->parts.pop_back();
  }
  return problems.items().size() == before;
}

}  // namespace nianbao::tmpl
