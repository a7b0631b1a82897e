#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "template/docx/docx_engine.h"

namespace nianbao::tmpl {

namespace {

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

// Gathers every tag of a paragraph into the text node where it begins.
bool normalize(const std::string& part, pugi::xml_node p, int number, Diagnostics& problems) {
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
      add_problem(problems, "E601", part, number, excerpt_around(full, i, 2), "标签缺少结束的 }}。");
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
void split_runs(DocxTemplate::Impl& impl, const std::string& part, pugi::xml_node container, int number,
                const std::string& ptext, Diagnostics& problems) {
  std::vector<pugi::xml_node> runs;
  for (auto c : container.children()) {
    if (is_name(c, "w:r")) runs.push_back(c);
    // A paragraph nested in this one (not valid WordprocessingML, but parseable) is compiled on
    // its own, and only if its own tags are well formed.
    else if (level_of(c) == Level::kRun && !is_name(c, "w:p")) split_runs(impl, part, c, number, ptext, problems);
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
        tag.part = part;
        tag.paragraph = number;
        auto at = ptext.find(source);
        tag.excerpt = excerpt_around(ptext, at == std::string::npos ? 0 : at, source.size());
        std::string error;
        if (!parse_tag(source.substr(2, source.size() - 4), tag, error)) {
          add_problem(problems, "E603", part, number, tag.excerpt, "标签 " + source + " 有误：" + error + "。");
        }
        auto r = new_run();
        auto t = r.append_child("w:t");
        t.append_attribute("xml:space") = "preserve";
        t.text().set(source.c_str());
        impl.tag_run[r.internal_object()] = static_cast<int>(impl.tags.size());
        impl.tags.push_back(std::move(tag));
        current = pugi::xml_node();
        pos = e + 2;
      }
    }
    parent.remove_child(run);
  }
}

}  // namespace

void lex_paragraph(DocxTemplate::Impl& impl, const std::string& part, const pugi::xml_node& p, int number,
                   Diagnostics& problems) {
  if (!normalize(part, p, number, problems)) return;
  std::string text = paragraph_text(p);
  if (text.find("{{") != std::string::npos) split_runs(impl, part, p, number, text, problems);
}

}  // namespace nianbao::tmpl
