#include <cstring>
#include <map>
#include <string>

#include <pugixml.hpp>

#include "template/docx/docx_engine.h"
#include "text/escape.h"

namespace nianbao::tmpl {

void write_open(std::string& out, const pugi::xml_node& n) {
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

void write_plain(std::string& out, const pugi::xml_node& n) {
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

void mend_vertical_merges(std::string& out, std::size_t from) {
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

bool ends_with_paragraph(const std::string& out, std::size_t from) {
  std::size_t table_end = out.rfind("</w:tbl>");
  if (table_end == std::string::npos || table_end < from) table_end = from;
  for (std::size_t p = out.find("<w:p", table_end); p != std::string::npos; p = out.find("<w:p", p + 4)) {
    char next = p + 4 < out.size() ? out[p + 4] : '\0';
    if (next == '>' || next == '/' || next == ' ') return true;  // <w:p>, <w:p/>, <w:p w:rsidR=…>, not <w:pPr>
  }
  return false;
}

}  // namespace nianbao::tmpl
