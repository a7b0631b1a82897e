// 各单位数据 (every cell, or the key figures) and 报送情况: the one-row-per-agency sheets, whose
// agency rows go through write_rows so that a national roster is written in bulk.
#include <algorithm>
#include <cassert>

#include "render/xlsx/sheets.h"

namespace nianbao::xlsx {

namespace {

const std::vector<std::string> kAgencyLabels = {"序号", "单位代码", "单位名称", "单位类型"};

/// Columns 序号, 单位代码, 单位名称 and 单位类型 of the agency in row i (0-based) of a list.
void write_agency_columns(CellSink& out, std::size_t i, const Agency& agency, const Styles& st) {
  out.number(0, static_cast<std::int64_t>(i + 1), ValueType::kCount, st.value);
  out.text(1, agency.code, st.centred);
  out.text(2, agency.name, st.text);
  out.text(3, agency_kind_label(agency.kind), st.centred);
}

/// The 合计 row at `row`, below the agency rows first_row..row-1: its label over the fixed
/// columns, then totals[k] in column kAgencyFixedColumns + k, as the SUM of the agency rows with
/// the total cached (the bare total when there are no agency rows).
void write_total_row(Sheet& sheet, const Styles& st, int first_row, int row, const std::vector<double>& totals) {
  sheet.span(row, 0, row, kAgencyFixedColumns - 1, "合计", st.total);
  for (std::size_t k = 0; k < totals.size(); ++k) {
    const int col = kAgencyFixedColumns + static_cast<int>(k);
    if (row == first_row)
      sheet.number(row, col, totals[k], st.total);
    else
      sheet.formula(row, col, "=SUM(" + cell_ref(first_row, col) + ":" + cell_ref(row - 1, col) + ")", totals[k], st.total);
  }
}

const char* outcome_label(FileOutcome o) {
  switch (o) {
    case FileOutcome::kAccepted: return "已采用";
    case FileOutcome::kRejected: return "被退回";
    case FileOutcome::kIgnored: return "已忽略";
  }
  return "";
}

/// "E201 第14行：…" for each error of the file; prefixed with the file when several files are listed.
void append_errors(const FileResult& file, bool name_file, std::vector<std::string>& out) {
  for (const Diagnostic& d : file.diags.items()) {
    if (!d.is_error()) continue;
    std::string line = name_file ? file.path + " " : "";
    line += d.code;
    if (d.where.line > 0) line += " 第" + std::to_string(d.where.line) + "行";
    out.push_back(line + "：" + d.message);
  }
}

/// The files of 报送情况 not shown against a roster agency (unreadable, ignored, or naming an
/// agency that is not on the roster), under a heading at `row`.
void write_other_files(Sheet& sheet, RowHeights& heights, const Styles& st, const std::vector<FileResult>& files,
                      const std::vector<bool>& listed, const std::vector<double>& widths, int row) {
  const int ncols = static_cast<int>(widths.size());
  sheet.text(row++, 0, "其他文件", st.heading);
  sheet.text(row, 0, "序号", st.header);
  sheet.span(row, 1, row, 3, "文件", st.header);
  sheet.text(row, 4, "处理结果", st.header);
  sheet.span(row, 5, row, 6, "原因", st.header);
  ++row;
  int others = 0;
  for (std::size_t k = 0; k < files.size(); ++k) {
    if (listed[k]) continue;
    const FileResult& file = files[k];
    std::vector<std::string> reasons;
    if (!file.ignored_reason.empty()) reasons.push_back(file.ignored_reason);
    append_errors(file, false, reasons);
    std::string reason_text = join(reasons, "\n");
    sheet.number(row, 0, ++others, st.value);
    sheet.span(row, 1, row, 3, file.path, st.text);
    sheet.text(row, 4, outcome_label(file.outcome), st.centred);
    sheet.span(row, 5, row, 6, reason_text, st.text);
    heights.need(row, 1, std::max(text_height(file.path, widths[1] + widths[2] + widths[3], kFontSize),
                                  text_height(reason_text, widths[5] + widths[6], kFontSize)));
    ++row;
  }
  if (others == 0) sheet.span(row, 0, row, ncols - 1, "无", st.centred);
}

}  // namespace

void write_agencies_sheet(Sheet sheet, const Styles& st, const MergedReport& merged, const Bulk& bulk) {
  const Format& f = *merged.format;
  constexpr int kFixed = kAgencyFixedColumns;
  constexpr int kHeaderRows = kAllCellsHeaderRows;
  constexpr double kValueWidth = 11;
  const std::vector<double> fixed_widths = {6, 14, 30, 10};

  RowHeights heights;
  sheet.headers(0, kHeaderRows, kAgencyLabels, fixed_widths, st.header);
  for (int c = 0; c < f.cell_count(); ++c) sheet.width(kFixed + c, kValueWidth);

  // Cells are numbered table by table and, within a table, row by row, so each table's cells and
  // each row's cells are contiguous columns.
  for (int ti = 0; ti < static_cast<int>(f.tables.size()); ++ti) {
    const TableDef& t = f.tables[ti];
    const bool value_only = is_value_only(t);
    int first = -1, last = -1;
    for (int r = 0; r < static_cast<int>(t.rows.size()); ++r) {
      const auto& cols = t.rows[r].columns;
      if (cols.empty()) continue;
      int a = t.cell_index[r][cols.front()], b = t.cell_index[r][cols.back()];
      first = first < 0 ? a : std::min(first, a);
      last = std::max(last, b);
      std::string row_label = f.row_full_label(ti, r);
      sheet.span(1, kFixed + a, 1, kFixed + b, row_label, st.header);
      heights.need(1, 1, text_height(row_label, kValueWidth * (b - a + 1), kFontSize));
      for (int c : cols) {
        int idx = t.cell_index[r][c];
        std::string label = value_only ? (f.cells[idx].unit.empty() ? "数值" : f.cells[idx].unit) : f.column_full_label(ti, c);
        sheet.text(2, kFixed + idx, label, st.header);
        heights.need(2, 1, text_height(label, kValueWidth, kFontSize));
      }
    }
    if (first < 0) continue;
    // Left-aligned: centred in a merge a hundred columns wide, the title would sit off screen.
    sheet.span(0, kFixed + first, 0, kFixed + last, t.title, st.caption);
    heights.need(0, 1, text_height(t.title, kValueWidth * (last - first + 1), kFontSize));
  }

  const double name_width = fixed_widths[2];
  auto agency_row = [&merged, &f, st, name_width](std::size_t i, CellSink& out) {
    const Submission& s = *merged.agencies[i];
    assert(static_cast<int>(s.values.size()) == f.cell_count());
    write_agency_columns(out, i, s.agency, st);
    out.height(text_height(s.agency.name, name_width, kFontSize));
    for (int c = 0; c < f.cell_count(); ++c) out.number(kFixed + c, s.values[c], f.cells[c].type, st.value);
  };
  int row = write_rows(sheet, heights, bulk, kHeaderRows, merged.agencies.size(), kFixed + f.cell_count(), agency_row);

  std::vector<double> totals;
  for (int c = 0; c < f.cell_count(); ++c) totals.push_back(to_double(merged.totals[c], f.cells[c].type));
  write_total_row(sheet, st, kHeaderRows, row, totals);
  heights.apply(sheet);

  worksheet_freeze_panes(sheet.get(), kHeaderRows, 3);
  sheet.print_setup(/*landscape=*/true, 0, 0);
  sheet.repeat_rows(0, kHeaderRows - 1);
  sheet.repeat_columns(0, 2);
}

void write_key_figures_sheet(Sheet sheet, const Styles& st, const MergedReport& merged, const Bulk& bulk) {
  const Format& f = *merged.format;
  constexpr double kValueWidth = 10;
  const std::vector<double> fixed_widths = {6, 12, 30, 12};
  const int nfig = static_cast<int>(f.key_figures.size());
  const int last_col = kAgencyFixedColumns + nfig - 1;

  RowHeights heights;
  sheet.headers(0, 1, kAgencyLabels, fixed_widths, st.header);
  for (int i = 0; i < nfig; ++i) {
    const std::string& label = f.key_figures[i].label;
    sheet.width(kAgencyFixedColumns + i, kValueWidth);
    sheet.text(0, kAgencyFixedColumns + i, label, st.header);
    heights.need(0, 1, text_height(label, kValueWidth, kFontSize));
  }

  const double name_width = fixed_widths[2];
  auto agency_row = [&merged, &f, st, nfig, name_width](std::size_t i, CellSink& out) {
    const Submission& s = *merged.agencies[i];
    assert(static_cast<int>(s.values.size()) == f.cell_count());
    write_agency_columns(out, i, s.agency, st);
    out.height(text_height(s.agency.name, name_width, kFontSize));
    for (int k = 0; k < nfig; ++k) {
      const FigureDef& fig = f.key_figures[k];
      out.number(kAgencyFixedColumns + k, fig.value(s.values), fig.type, st.value);
    }
  };
  const int first_row = Places::agency_row(f, 0);
  int row = write_rows(sheet, heights, bulk, first_row, merged.agencies.size(), last_col + 1, agency_row);
  const int last_agency_row = row - 1;

  std::vector<double> totals;
  for (const FigureDef& fig : f.key_figures) totals.push_back(to_double(fig.value(merged.totals), fig.type));
  write_total_row(sheet, st, first_row, row, totals);
  row += 2;
  const std::string note = "注：本表列出各单位的主要数据；各单位的全部数据见与本工作簿一同生成的“各单位明细”CSV 文件。";
  sheet.span(row, 0, row, std::max(last_col, 8), note, st.plain);
  heights.apply(sheet);

  sheet.freeze(1, 3);
  // Sorting by a figure is what a reader comparing agencies does first; the 合计 row stays out.
  if (!merged.agencies.empty()) sheet.autofilter(0, 0, last_agency_row, last_col);
  // Two pages wide keeps the figures legible; the names are repeated on the second.
  sheet.print_setup(/*landscape=*/true, 2, 0);
  sheet.repeat_rows(0, 0);
  sheet.repeat_columns(0, 2);
}

void write_status_sheet(Sheet sheet, const Styles& st, const MergedReport& merged, const Bulk& bulk) {
  static const std::vector<std::string> kLabels = {"序号", "单位代码", "单位名称", "单位类型", "状态", "文件", "原因"};
  static const std::vector<double> kWidths = {6, 14, 30, 10, 9, 28, 60};
  const int ncols = static_cast<int>(kLabels.size());
  const std::vector<FileResult>& files = input_files(merged);

  RowHeights heights;
  sheet.headers(0, 1, kLabels, kWidths, st.header);

  std::vector<bool> listed(files.size(), false);
  std::size_t accepted = 0;
  for (const RosterEntryStatus& entry : merged.roster) {
    assert(entry.agency);
    accepted += entry.status == RosterStatus::kAccepted;
    for (int k : entry.files) {
      assert(k >= 0 && static_cast<std::size_t>(k) < files.size());
      listed[k] = true;
    }
  }
  const std::vector<double> widths = kWidths;
  auto roster_row = [&merged, &files, st, widths](std::size_t i, CellSink& out) {
    const RosterEntryStatus& entry = merged.roster[i];
    std::vector<std::string> paths, reasons;
    for (int k : entry.files) {
      paths.push_back(files[k].path);
      if (entry.status == RosterStatus::kRejected) append_errors(files[k], entry.files.size() > 1, reasons);
    }
    std::string path_text = join(paths, "；"), reason_text = join(reasons, "\n");
    write_agency_columns(out, i, *entry.agency, st);
    out.text(4, roster_status_label(entry.status), st.centred);
    out.text(5, path_text, st.text);
    out.text(6, reason_text, st.text);
    out.height(std::max({text_height(entry.agency->name, widths[2], kFontSize), text_height(path_text, widths[5], kFontSize),
                         text_height(reason_text, widths[6], kFontSize)}));
  };
  int row = write_rows(sheet, heights, bulk, 1, merged.roster.size(), ncols, roster_row);

  ++row;
  std::string counts = "应报送 " + std::to_string(merged.roster.size()) + " 个，已报送 " + std::to_string(accepted) +
                       " 个，未报送 " + std::to_string(merged.missing_count()) + " 个，被退回 " +
                       std::to_string(merged.rejected_count()) + " 个";
  if (std::size_t other = merged.unattributed_rejected_count())
    counts += "；另有 " + std::to_string(other) + " 个文件被退回且无法对应名单中的单位（见“校验结果”）";
  sheet.span(row, 0, row, ncols - 1, counts, st.plain);
  row += 2;

  // Together with the roster rows above, this list accounts for every input file.
  write_other_files(sheet, heights, st, files, listed, kWidths, row);
  heights.apply(sheet);

  worksheet_freeze_panes(sheet.get(), 1, 0);
  sheet.print_setup(/*landscape=*/true, 1, 0);
  sheet.repeat_rows(0, 0);
}

}  // namespace nianbao::xlsx
