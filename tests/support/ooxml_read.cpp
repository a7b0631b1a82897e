#include "ooxml_read.h"

#include <cstdlib>
#include <stdexcept>
#include <sys/wait.h>

#include <pugixml.hpp>

#include "zip/zip_writer.h"

namespace nianbao::test {

namespace {

std::string text_of(const pugi::xml_node& n) {
  std::string s;
  for (auto t : n.select_nodes(".//w:t")) s += t.node().text().get();
  return s;
}

pugi::xml_document parse(const std::string& xml) {
  pugi::xml_document d;
  auto r = d.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!r) throw std::runtime_error(std::string("XML 无法解析：") + r.description());
  return d;
}

}  // namespace

Docx read_docx(const std::string& path) {
  Docx out;
  out.parts = read_zip(path);
  auto doc = parse(out.parts.at("word/document.xml"));
  auto body = doc.child("w:document").child("w:body");
  for (auto n : body.children()) {
    if (std::string(n.name()) == "w:p") {
      out.paragraphs.push_back(text_of(n));
      out.styles.push_back(n.child("w:pPr").child("w:pStyle").attribute("w:val").value());
    } else if (std::string(n.name()) == "w:tbl") {
      DocxTable t;
      t.width_twips = n.child("w:tblPr").child("w:tblW").attribute("w:w").as_int();
      for (auto g : n.child("w:tblGrid").children("w:gridCol")) t.grid_cols.push_back(g.attribute("w:w").as_int());
      for (auto tr : n.children("w:tr")) {
        std::vector<std::string> row;
        for (auto tc : tr.children("w:tc")) {
          int span = tc.child("w:tcPr").child("w:gridSpan").attribute("w:val").as_int(1);
          auto vm = tc.child("w:tcPr").child("w:vMerge");
          std::string text = text_of(tc);
          if (vm && std::string(vm.attribute("w:val").value()) != "restart") {
            std::size_t col = row.size();
            text = t.grid.empty() || col >= t.grid.back().size() ? "" : t.grid.back()[col];
          }
          for (int i = 0; i < span; ++i) row.push_back(text);
        }
        t.grid.push_back(row);
      }
      out.tables.push_back(std::move(t));
    }
  }
  return out;
}

const Sheet* Xlsx::find(const std::string& name) const {
  for (const auto& s : sheets)
    if (s.name == name) return &s;
  return nullptr;
}

Xlsx read_xlsx(const std::string& path) {
  auto parts = read_zip(path);
  Xlsx out;
  std::vector<std::string> shared;
  if (parts.count("xl/sharedStrings.xml")) {
    auto ss = parse(parts["xl/sharedStrings.xml"]);
    for (auto si : ss.child("sst").children("si")) {
      std::string s;
      for (auto t : si.select_nodes(".//t")) s += t.node().text().get();
      shared.push_back(s);
    }
  }
  auto wb = parse(parts.at("xl/workbook.xml"));
  auto rels = parse(parts.at("xl/_rels/workbook.xml.rels"));
  for (auto sh : wb.child("workbook").child("sheets").children("sheet")) {
    Sheet sheet;
    sheet.name = sh.attribute("name").value();
    std::string rid = sh.attribute("r:id").value();
    std::string target;
    for (auto r : rels.child("Relationships").children("Relationship"))
      if (rid == r.attribute("Id").value()) target = r.attribute("Target").value();
    if (target.rfind("/xl/", 0) == 0) target = target.substr(4);
    auto ws = parse(parts.at("xl/" + target));
    for (auto c : ws.select_nodes("//sheetData/row/c")) {
      auto n = c.node();
      SheetCell cell;
      std::string type = n.attribute("t").value();
      cell.formula = n.child("f").text().get();
      if (type == "s") {
        cell.value = shared.at(n.child("v").text().as_uint());
        cell.is_string = true;
      } else if (type == "inlineStr") {
        cell.value = text_of(n.child("is"));
        for (auto t : n.select_nodes(".//t")) cell.value = t.node().text().get();
        cell.is_string = true;
      } else if (type == "str") {
        cell.value = n.child("v").text().get();
        cell.is_string = true;
      } else {
        cell.value = n.child("v").text().get();
      }
      sheet.cells[n.attribute("r").value()] = cell;
    }
    for (auto m : ws.select_nodes("//mergeCells/mergeCell")) sheet.merges.push_back(m.node().attribute("ref").value());
    out.sheets.push_back(std::move(sheet));
  }
  return out;
}

std::string cell_ref(int row, int col) {
  std::string letters;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row + 1);
}

int run_command(const std::string& command) {
  int rc = std::system(command.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

}  // namespace nianbao::test
