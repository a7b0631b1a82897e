// write_workbook: the sheets in order, then the pass over the closed file (bulk rows, exact numbers).
#include <algorithm>
#include <cassert>

#include "render/workbook_writer.h"
#include "render/xlsx/sheet_names.h"
#include "render/xlsx/sheets.h"

namespace nianbao {

void write_workbook(const MergedReport& merged, const std::string& path, const WorkbookOptions& options) {
  using namespace xlsx;
  assert(merged.format && merged.report);
  const Format& f = *merged.format;
  assert(static_cast<int>(merged.totals.size()) == f.cell_count());

  Book book(path);
  const Styles styles = make_styles(book);
  book.set_properties(merged.report->title, merged.format->name, merged.report->compiler, options.created);

  const std::vector<std::string> table_sheets = table_sheet_names(f);
  const Places places = place(f, table_sheets, options.draft_note.empty() ? 1 : 2);

  for (int t = 0; t < static_cast<int>(f.tables.size()); ++t)
    write_table_sheet(Sheet(book, book.add_sheet(table_sheets[t])), styles, merged, places, t, options.draft_note);
  const bool any_chart = std::any_of(f.charts.begin(), f.charts.end(),
                                     [&](const ChartDef& c) { return !c.previous || merged.has_previous; });
  if (any_chart) write_charts_sheet(book, Sheet(book, book.add_sheet(kChartsSheet)), styles, merged, places, kChartsSheet);
  if (merged.has_previous) write_year_on_year_sheet(Sheet(book, book.add_sheet(kYearOnYearSheet)), styles, merged, places);
  std::vector<BulkRows> bulk;
  {
    Sheet agencies(book, book.add_sheet(kAgenciesSheet));
    Bulk b{&bulk, options.bulk_rows_from, book.last_sheet()};
    if (f.key_figures.empty()) write_agencies_sheet(agencies, styles, merged, b);
    else write_key_figures_sheet(agencies, styles, merged, b);
  }
  {
    Sheet status(book, book.add_sheet(kStatusSheet));
    write_status_sheet(status, styles, merged, Bulk{&bulk, options.bulk_rows_from, book.last_sheet()});
  }
  write_diagnostics_sheet(Sheet(book, book.add_sheet(kDiagnosticsSheet)), styles, merged);
  book.close();
  finish_workbook(path, bulk);
}

}  // namespace nianbao
