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

// The fixed text of every table, row and figure, made once for all agencies: per figure, what
// is left is one append of its column's ` id="` and its digits.
struct ArchiveLayout {
  struct Row {
    std::string open;  // `      <row id="…"`
    std::vector<std::pair<int, std::string>> cells;  // (cell, ` column="`): the cells written (not computed)
  };
  struct Table {
    std::string open;  // `    <table id="…">\n`
    std::vector<Row> rows;  // the rows that are not totals
  };
  std::vector<Table> tables;
  std::vector<ValueType> types;  // per cell

  explicit ArchiveLayout(const Format& f) {
    for (const auto& cell : f.cells) types.push_back(cell.type);
    for (const TableDef& table : f.tables) {
      Table t;
      t.open = "    <table id=\"" + table.id + "\">\n";
      for (std::size_t row = 0; row < table.rows.size(); ++row) {
        if (!table.rows[row].sum_of.empty()) continue;
        Row r;
        r.open = "      <row id=\"" + table.rows[row].id + '"';
        for (int c : table.rows[row].columns) {
          const int cell = table.cell_index[row][static_cast<std::size_t>(c)];
          if (!f.cells[static_cast<std::size_t>(cell)].computed()) r.cells.emplace_back(cell, ' ' + table.columns[c].id + "=\"");
        }
        t.rows.push_back(std::move(r));
      }
      tables.push_back(std::move(t));
    }
  }
};

// Appended in place: a table or row with no figure to write is taken back off the end, so that
// a hundred thousand agencies make no string of their own per row or cell. Zeros are left out.
void write_tables(std::string& x, const ArchiveLayout& layout, const Submission& sub) {
  const FigureView values(sub.values);
  for (const auto& table : layout.tables) {
    const std::size_t table_start = x.size();
    x += table.open;
    const std::size_t rows_start = x.size();
    for (const auto& row : table.rows) {
      const std::size_t row_start = x.size();
      x += row.open;
      const std::size_t cells_start = x.size();
      for (const auto& [cell, attribute] : row.cells) {
        const std::int64_t v = values[static_cast<std::size_t>(cell)];
        if (v == 0) continue;
        x += attribute;
        append_value(x, v, layout.types[static_cast<std::size_t>(cell)]);
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
  const ArchiveLayout layout(f);
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
    write_tables(x, layout, *sub);
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
