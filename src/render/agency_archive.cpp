#include "render/agency_archive.h"

#include <limits>

#include "render/output_file.h"
#include "text/escape.h"

namespace nianbao {

namespace {

void write_section(std::string& x, const NarrativeSection& s) {
  x += "    <section id=\"";
  append_xml_keep_breaks(x, s.id);
  x += '"';
  if (!s.title.empty()) {
    x += " title=\"";
    append_xml_keep_breaks(x, s.title);
    x += '"';
  }
  x += ">\n";
  for (const auto& p : s.paragraphs) {
    x += "      <p>";
    append_xml_keep_breaks(x, p.text);
    x += "</p>\n";
  }
  x += "    </section>\n";
}

// Appended in place: a table or row with no figure to write is taken back off the end, so that
// a hundred thousand agencies make no string of their own per row or cell.
void write_tables(std::string& x, const Format& f, const Submission& sub) {
  for (int t = 0; t < static_cast<int>(f.tables.size()); ++t) {
    const TableDef& table = f.tables[t];
    const std::size_t table_start = x.size();
    x += "    <table id=\"";
    x += table.id;
    x += "\">\n";
    const std::size_t rows_start = x.size();
    for (int row = 0; row < static_cast<int>(table.rows.size()); ++row) {
      if (!table.rows[row].sum_of.empty()) continue;
      const std::size_t row_start = x.size();
      x += "      <row id=\"";
      x += table.rows[row].id;
      x += '"';
      const std::size_t cells_start = x.size();
      for (int c : table.rows[row].columns) {
        int cell = table.cell_index[row][c];
        if (f.cells[cell].computed() || sub.values[cell] == 0) continue;
        x += ' ';
        x += table.columns[c].id;
        x += "=\"";
        x += format_value(sub.values[cell], f.cells[cell].type);
        x += '"';
      }
      if (x.size() == cells_start) x.resize(row_start);
      else x += "/>\n";
    }
    if (x.size() == rows_start) x.resize(table_start);
    else x += "    </table>\n";
  }
}

// The archive, appended to `x` agency by agency; `flush(x)` (which empties it) is called whenever
// x holds `chunk` bytes or more, and once at the end.
template <typename Flush>
void generate(const Format& f, int year, const std::vector<const Submission*>& agencies, std::size_t chunk,
              std::string& x, const Flush& flush) {
  x += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<!-- 各单位数据：" + std::to_string(year) + "年 " + std::to_string(agencies.size()) +
       " 个单位的数字和正文，由 nianbao 生成，供下一年度运行时作为上年数据（previous）核对各单位的上年结转、现行有效件数和内容雷同。"
       "这不是报送文件，请勿放入 inputs/。 -->\n";
  x += "<agency-archive format=\"" + xml_escape_keep_breaks(f.id) + "\" year=\"" + std::to_string(year) + "\">\n";
  for (const Submission* sub : agencies) {
    x += "  <agency code=\"";
    append_xml_keep_breaks(x, sub->agency.code);
    x += "\" name=\"";
    append_xml_keep_breaks(x, sub->agency.name);
    x += "\" kind=\"";
    x += agency_kind_id(sub->agency.kind);
    x += "\" file=\"";
    append_xml_keep_breaks(x, sub->path);
    x += "\">\n";
    write_tables(x, f, *sub);
    for (const auto& s : sub->own_sections) write_section(x, s);
    for (const auto& s : sub->sections) write_section(x, s);
    x += "  </agency>\n";
    if (x.size() >= chunk) flush(x);
  }
  x += "</agency-archive>\n";
  flush(x);
}

}  // namespace

std::string agency_archive_xml(const Format& f, int year, const std::vector<const Submission*>& agencies) {
  std::string x;
  generate(f, year, agencies, std::numeric_limits<std::size_t>::max(), x, [](std::string&) {});
  return x;
}

void write_agency_archive(const Format& f, int year, const std::vector<const Submission*>& agencies,
                          const std::string& path) {
  OutputFile out("各单位数据", path, 0);  // unbuffered: the chunks below are the buffer
  constexpr std::size_t kChunk = 1 << 20;
  std::string x;
  x.reserve(kChunk + (64 << 10));
  generate(f, year, agencies, kChunk, x, [&](std::string& chunk) {
    out.write(chunk);
    chunk.clear();
  });
  out.close();
}

}  // namespace nianbao
