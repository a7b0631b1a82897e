#include "render/agency_csv.h"

#include <cassert>
#include <string_view>
#include <vector>

#include "format/format.h"
#include "render/output_file.h"

namespace nianbao {

namespace {

/// Appends `text` as one field.
///
/// A CSV has no cell types, so Excel and WPS evaluate a field that begins with = + - or @ as a
/// formula ("=HYPERLINK(…)" in an agency name would become a live link); a leading tab or CR
/// is treated the same way by some versions. Such text gets a leading apostrophe. We prefer the
/// apostrophe to the other common guard, a leading tab, because it stays visible: whoever reads
/// the file, a clerk or a program, sees that the value was guarded instead of receiving a name
/// silently changed by invisible white space (which some readers trim, bringing the formula back).
void append_text(std::string& line, std::string_view text) {
  const bool guard = !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
  const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (quote) line += '"';
  if (guard) line += '\'';
  for (char c : text) {
    if (c == '"') line += '"';
    line += c;
  }
  if (quote) line += '"';
}

void append_values(std::string& line, const Format& f, FigureView values) {
  assert(static_cast<int>(values.size()) == f.cell_count());
  for (int c = 0; c < f.cell_count(); ++c) {
    line += ',';
    append_value(line, values[c], f.cells[c].type);
  }
}

}  // namespace

void write_agency_csv(const MergedReport& merged, const std::string& path) {
  assert(merged.format);
  const Format& f = *merged.format;
  OutputFile out("各单位明细", path);

  std::string line = "\xEF\xBB\xBF";  // the BOM: without it Excel reads the file as the local ANSI code page
  line += "单位代码,单位名称,单位类型";
  for (int c = 0; c < f.cell_count(); ++c) {
    const CellDef& cell = f.cells[c];
    const TableDef& t = f.tables[cell.table];
    std::string label = t.title + "/" + f.row_full_label(cell.table, cell.row);
    if (t.columns.size() > 1) label.append("/").append(f.column_full_label(cell.table, cell.col));
    line += ',';
    append_text(line, label);
  }
  line += "\r\n";
  out.write(line);

  for (const Submission* s : merged.agencies) {
    line.clear();  // keeps its capacity: one allocation for the whole file
    append_text(line, s->agency.code);
    line += ',';
    append_text(line, s->agency.name);
    line += ',';
    append_text(line, agency_kind_label(s->agency.kind));
    append_values(line, f, s->values);
    line += "\r\n";
    out.write(line);
  }

  line.clear();
  line += "合计,,";
  append_values(line, f, merged.totals);
  line += "\r\n";
  out.write(line);
  out.close();
}

}  // namespace nianbao
