#include "render/agency_archive.h"

#include "text/escape.h"

namespace nianbao {

namespace {

void write_section(std::string& x, const NarrativeSection& s) {
  x += "    <section id=\"" + xml_escape_keep_breaks(s.id) + "\"";
  if (!s.title.empty()) x += " title=\"" + xml_escape_keep_breaks(s.title) + "\"";
  x += ">\n";
  for (const auto& p : s.paragraphs) x += "      <p>" + xml_escape_keep_breaks(p.text) + "</p>\n";
  x += "    </section>\n";
}

void write_tables(std::string& x, const Format& f, const Submission& sub) {
  for (int t = 0; t < static_cast<int>(f.tables.size()); ++t) {
    const TableDef& table = f.tables[t];
    std::string rows;
    for (int row = 0; row < static_cast<int>(table.rows.size()); ++row) {
      if (!table.rows[row].sum_of.empty()) continue;
      std::string cells;
      for (int c : table.rows[row].columns) {
        int cell = table.cell_index[row][c];
        if (f.cells[cell].computed() || sub.values[cell] == 0) continue;
        cells += " " + table.columns[c].id + "=\"" + format_value(sub.values[cell], f.cells[cell].type) + "\"";
      }
      if (!cells.empty()) rows += "      <row id=\"" + table.rows[row].id + "\"" + cells + "/>\n";
    }
    if (!rows.empty()) x += "    <table id=\"" + table.id + "\">\n" + rows + "    </table>\n";
  }
}

}  // namespace

std::string agency_archive_xml(const Format& f, int year, const std::vector<const Submission*>& agencies) {
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<!-- 各单位数据：" + std::to_string(year) + "年 " + std::to_string(agencies.size()) +
       " 个单位的数字和正文，由 nianbao 生成，供下一年度运行时作为上年数据（previous）核对各单位的上年结转、现行有效件数和内容雷同。"
       "这不是报送文件，请勿放入 inputs/。 -->\n";
  x += "<agency-archive format=\"" + xml_escape_keep_breaks(f.id) + "\" year=\"" + std::to_string(year) + "\">\n";
  for (const Submission* sub : agencies) {
    x += "  <agency code=\"" + xml_escape_keep_breaks(sub->agency.code) + "\" name=\"" + xml_escape_keep_breaks(sub->agency.name) + "\" kind=\"" +
         agency_kind_id(sub->agency.kind) + "\" file=\"" + xml_escape_keep_breaks(sub->path) + "\">\n";
    write_tables(x, f, *sub);
    for (const auto& s : sub->own_sections) write_section(x, s);
    for (const auto& s : sub->sections) write_section(x, s);
    x += "  </agency>\n";
  }
  return x + "</agency-archive>\n";
}

}  // namespace nianbao
