#include "ooxml_read.h"

#include <cstdlib>
#include <stdexcept>
#include <sys/wait.h>

#include <pugixml.hpp>

#include "zip/zip_writer.h"
#include "xlsx_parts.h"

namespace nianbao::test {

namespace {

std::string text_of(const pugi::xml_node& n) {
  std::string s;
  for (auto t : n.select_nodes(".//w:t")) s += t.node().text().get();
  return s;
}

using xlsx_read::parse;

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
  const std::vector<std::string> shared = xlsx_read::shared_strings(parts);
  for (const auto& part : xlsx_read::sheet_parts(parts)) {
    Sheet sheet;
    sheet.name = part.name;
    auto ws = parse(parts.at(part.path));
    for (auto c : ws.select_nodes("//sheetData/row/c")) {
      xlsx_read::ShownCell shown = xlsx_read::shown_cell(c.node(), shared);
      sheet.cells[c.node().attribute("r").value()] = SheetCell{shown.value, shown.formula, shown.is_string};
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
