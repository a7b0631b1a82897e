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

bool is_real_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  const int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

namespace {

bool has_text(const pugi::xml_node& n) {
  return (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) && !trim_view(n.value()).empty();
}

Diagnostic& text_finding(const XmlFile& xml, const pugi::xml_node& text, const char* what, Diagnostics& diags) {
  // At the text itself, not at the line break and indentation before it.
  const std::string_view value = text.value();
  const std::size_t lead = value.find_first_not_of(" \t\r\n");
  auto& d = diags.error("E113", xml.where_offset(xml.offset_of_name(text.value()) + lead),
                        std::string("<") + what + "> 中不能有文字，这些文字不会被读取" +
                            (std::strcmp(what, "row") == 0 ? "；数字应写在属性中，如 natural=\"10\"。" : "。"));
  d.found = first_chars(trim(text.value()), 30);
  return d;
}

}  // namespace

bool report_content_inside(const XmlFile& xml, const pugi::xml_node& node, const char* what, Diagnostics& diags,
                           FindingBudget* budget, bool text_allowed) {
  bool any = false, text_told = text_allowed;
  for (auto c : node.children()) {
    if (budget && budget->stop()) break;
    if (c.type() == pugi::node_element) {
      auto& d = diags.error("E108", where(xml, c),
                            std::string("<") + what + "> 中不能有元素 <" + c.name() + ">，其中的内容不会被读取。");
      if (std::strcmp(c.name(), "table") == 0) d.expected = "<table> 直接写在 <submission> 中";
      any = true;
    } else if (!text_told && has_text(c)) {
      text_finding(xml, c, what, diags);
      text_told = any = true;
    }
  }
  return any;
}

bool report_text_inside(const XmlFile& xml, const pugi::xml_node& node, const char* what, Diagnostics& diags) {
  for (auto c : node.children())
    if (has_text(c)) {
      text_finding(xml, c, what, diags);
      return true;
    }
  return false;
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
