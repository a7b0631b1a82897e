#include "input/xml_nodes.h"

#include <cstring>

#include <pugixml.hpp>

#include "text/utf8.h"

namespace nianbao {

namespace {


}  // namespace

bool parse_year(const char* text, int& year) {
  std::string s = trim(text);
  if (s.size() != 4) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  year = std::stoi(s);
  return year >= 1990 && year <= 2100;
}

std::string element_text(const pugi::xml_node& node) {
  std::string raw;
  for (auto c : node.children())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) raw += c.value();
  std::string_view in = trim_view(raw);
  std::string out;
  out.reserve(in.size());
  while (!in.empty()) {
    // Parsing has turned every line end into '\n' (parse_eol).
    std::size_t nl = in.find('\n');
    out.append(in.substr(0, nl));
    if (nl == std::string_view::npos) break;
    // Drop the line break and the indentation around it.
    while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
    std::size_t j = nl;
    while (j < in.size() && is_xml_space(in[j])) ++j;
    bool ascii_before = !out.empty() && static_cast<unsigned char>(out.back()) < 0x80;
    bool ascii_after = j < in.size() && static_cast<unsigned char>(in[j]) < 0x80;
    if (ascii_before && ascii_after) out += ' ';
    in.remove_prefix(j);
  }
  return out;
}

Contact read_contact(const pugi::xml_node& node) {
  return Contact{trim(node.attribute("name").value()), trim(node.attribute("phone").value()),
                 trim(node.attribute("email").value())};
}

std::vector<Paragraph> read_paragraphs(const XmlFile& xml, const pugi::xml_node& section, Diagnostics& diags,
                                       FindingBudget* budget) {
  std::vector<Paragraph> out;
  for (auto child : section.children()) {
    if (budget && budget->stop()) break;
    if (child.type() == pugi::node_comment) continue;
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      if (!trim(child.value()).empty())
        diags.warning("W109", where(xml, section), "<section> 中 <p> 之外的文字不会写入报告，请放在 <p> 元素中。").found =
            first_chars(trim(child.value()), 30);
      continue;
    }
    if (std::strcmp(child.name(), "p") != 0) {
      diags.error("E108", where(xml, child), std::string("<section> 中只能有 <p> 段落，不认识元素 <") + child.name() + ">。");
      continue;
    }
    for (auto inner : child.children())
      if (inner.type() == pugi::node_element && !(budget && budget->stop()))
        diags.error("E108", where(xml, inner),
                    std::string("段落 <p> 只能包含纯文本，不能包含元素 <") + inner.name() + ">。");
    std::string text = element_text(child);
    if (!text.empty()) out.push_back(Paragraph{text, where(xml, child)});
  }
  return out;
}

}  // namespace nianbao
