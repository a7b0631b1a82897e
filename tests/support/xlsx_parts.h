// What every test reader of .xlsx files needs first (ooxml_read.h, form_inspect.h, the workbook
// writer's tests): a part parsed, the shared strings, the sheets in order with the part each is
// stored in, and a cell as a spreadsheet shows it. Header-only, over pugixml.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <pugixml.hpp>

namespace nianbao::test::xlsx_read {

/// The XML text parsed, whitespace-only text kept; throws std::runtime_error when it is not XML.
inline pugi::xml_document parse(const std::string& xml) {
  pugi::xml_document d;
  auto r = d.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!r) throw std::runtime_error(std::string("XML 无法解析：") + r.description());
  return d;
}

/// The shared strings of the workbook in `parts` (rich-text runs joined); empty when it has none.
inline std::vector<std::string> shared_strings(const std::map<std::string, std::string>& parts) {
  std::vector<std::string> out;
  auto it = parts.find("xl/sharedStrings.xml");
  if (it == parts.end()) return out;
  auto ss = parse(it->second);
  for (auto si : ss.child("sst").children("si")) {
    std::string s;
    for (auto t : si.select_nodes(".//t")) s += t.node().text().get();
    out.push_back(s);
  }
  return out;
}

struct SheetPart {
  std::string name;  // as the tab shows it
  std::string path;  // the zip member: "xl/worksheets/sheet1.xml"
};

/// The sheets of the workbook in `parts`, in tab order; throws std::out_of_range when
/// xl/workbook.xml or its relationships are missing.
inline std::vector<SheetPart> sheet_parts(const std::map<std::string, std::string>& parts) {
  auto wb = parse(parts.at("xl/workbook.xml"));
  auto rels = parse(parts.at("xl/_rels/workbook.xml.rels"));
  std::vector<SheetPart> out;
  for (auto sh : wb.child("workbook").child("sheets").children("sheet")) {
    std::string rid = sh.attribute("r:id").value(), target;
    for (auto r : rels.child("Relationships").children("Relationship"))
      if (rid == r.attribute("Id").value()) target = r.attribute("Target").value();
    if (target.rfind("/xl/", 0) == 0) target = target.substr(4);
    out.push_back({sh.attribute("name").value(), "xl/" + target});
  }
  return out;
}

struct ShownCell {
  std::string value;    // as displayed: the string, or the number as stored
  std::string formula;  // without "=", when a formula
  bool is_string = false;
};

/// The <c> element `c` as a spreadsheet shows it: shared and inline strings resolved.
inline ShownCell shown_cell(const pugi::xml_node& c, const std::vector<std::string>& shared) {
  ShownCell cell;
  std::string type = c.attribute("t").value();
  cell.formula = c.child("f").text().get();
  if (type == "s") {
    cell.value = shared.at(c.child("v").text().as_uint());
    cell.is_string = true;
  } else if (type == "inlineStr") {
    for (auto t : c.select_nodes(".//t")) cell.value += t.node().text().get();
    cell.is_string = true;
  } else {
    cell.value = c.child("v").text().get();
    cell.is_string = type == "str";
  }
  return cell;
}

}  // namespace nianbao::test::xlsx_read
