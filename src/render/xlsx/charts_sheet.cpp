// 图表: native charts, each beside a small table of its data whose values are formulas on the
// statutory sheets (上年: on 同比; a ranking: on 各单位数据) with true cached values.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "render/xlsx/sheets.h"

namespace nianbao::xlsx {

namespace {

constexpr double kChartFontSize = 10;
constexpr int kDefaultRowPixels = 20;  // a 15 pt row
constexpr int kLabelCol = 0, kChartCol = 3;
constexpr double kWidths[] = {32, 10, 10};  // the label column, 本年 / 数值, 上年

uint8_t chart_type(ChartType t) {
  switch (t) {
    case ChartType::kPie: return LXW_CHART_PIE;
    case ChartType::kColumn: return LXW_CHART_COLUMN;
    case ChartType::kBar: return LXW_CHART_BAR;
  }
  return LXW_CHART_COLUMN;
}

/// Gives a series its cached values. libxlsxwriter fills the cache from the cells of the range
/// but reads a formula cell as 0 (it keeps no number for formulas); our data cells are formulas,
/// so without this every viewer that does not recalculate (LibreOffice by default, previews,
/// a chart pasted into a document) would draw zeros. The points are freed with the chart.
void set_value_cache(const Book& book, lxw_series_range* range, const std::vector<double>& values) {
  for (double v : values) {
    auto* point = static_cast<lxw_series_data_point*>(std::calloc(1, sizeof(lxw_series_data_point)));
    if (!point) book.fail("chart cache", LXW_ERROR_MEMORY_MALLOC_FAILED);
    point->number = v;
    STAILQ_INSERT_TAIL(range->data_cache, point, list_pointers);
  }
  range->num_data_points = static_cast<uint16_t>(values.size());
  range->ignore_cache = LXW_TRUE;  // keep ours: do not read the cells again at close
}

/// The parts of a chart that are the same for every kind: fonts that show Chinese, a title,
/// axes from zero.
class ChartBuilder {
 public:
  ChartBuilder(const Book& book, ChartType type, const std::string& title)
      : book_(book), type_(type), title_(title), font_name_(kFontName) {
    chart_ = workbook_add_chart(book.get(), chart_type(type));
    if (!chart_) book.fail("workbook_add_chart", LXW_ERROR_MEMORY_MALLOC_FAILED);
    title_font_ = font(12, true);
    text_font_ = font(kChartFontSize, false);
    chart_title_set_name(chart_, title_.c_str());
    chart_title_set_name_font(chart_, &title_font_);
    chart_legend_set_font(chart_, &text_font_);
    if (type != ChartType::kPie) {
      chart_axis_set_num_font(chart_->x_axis, &text_font_);
      chart_axis_set_num_font(chart_->y_axis, &text_font_);
      // In a bar chart libxlsxwriter's x axis is the horizontal value axis.
      chart_axis_set_min(value_axis(), 0);
    }
  }

  lxw_chart* get() const { return chart_; }
  lxw_chart_axis* value_axis() const { return type_ == ChartType::kBar ? chart_->x_axis : chart_->y_axis; }
  lxw_chart_axis* category_axis() const { return type_ == ChartType::kBar ? chart_->y_axis : chart_->x_axis; }

  /// A series over rows first..last of the table: labels in `label_col`, values in `value_col`,
  /// its name in the header cell above the values.
  lxw_chart_series* add_series(const std::string& sheet, int header_row, int first, int last, int label_col, int value_col,
                               const std::vector<double>& values) {
    lxw_chart_series* series = chart_add_series(chart_, nullptr, nullptr);
    if (!series) book_.fail("chart_add_series", LXW_ERROR_MEMORY_MALLOC_FAILED);
    chart_series_set_categories(series, sheet.c_str(), first, label_col, last, label_col);
    chart_series_set_values(series, sheet.c_str(), first, value_col, last, value_col);
    chart_series_set_name_range(series, sheet.c_str(), header_row, value_col);
    set_value_cache(book_, series->values, values);
    chart_series_set_labels(series);
    chart_series_set_labels_font(series, &text_font_);
    return series;
  }

 private:
  lxw_chart_font font(double size, bool bold) {
    lxw_chart_font f{};
    f.name = font_name_.data();
    f.size = size;
    f.bold = bold;
    return f;
  }

  const Book& book_;
  ChartType type_;
  std::string title_;
  std::string font_name_;
  lxw_chart_font title_font_{}, text_font_{};
  lxw_chart* chart_ = nullptr;
};

/// The label of the rank cell's column: its key figure's label when it has one.
std::string rank_label(const Format& f, int cell) {
  for (const FigureDef& fig : f.key_figures)
    if (!fig.is_sum && fig.cells.size() == 1 && fig.cells[0] == cell) return fig.label;
  return "数值";
}

/// Indices into merged.agencies of the `top` agencies with the largest non-zero value of
/// `cell`, largest first; equal values keep roster order.
std::vector<std::size_t> ranked_agencies(const MergedReport& merged, int cell, int top) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < merged.agencies.size(); ++i)
    if (merged.agencies[i]->values[cell] > 0) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return merged.agencies[a]->values[cell] > merged.agencies[b]->values[cell];
  });
  if (order.size() > static_cast<std::size_t>(top)) order.resize(top);
  return order;
}

/// What a chart's table holds, row by row: the labels, this year's values and (for a chart with
/// previous="true") last year's.
struct ChartData {
  std::vector<std::string> labels;
  std::vector<double> current, previous;
};

/// Where one chart goes on the sheet: its title row, the header row of its table, and the table's
/// first data row.
struct ChartRows {
  int title, header, first;
};

/// The table of a ranking chart: the value column's header, then the ranked agencies, each value
/// a formula on 各单位数据 when that sheet shows the cell by itself.
ChartData write_ranking_table(Sheet& sheet, RowHeights& heights, const Styles& st, const MergedReport& merged,
                              const Places& places, const ChartDef& ch, const ChartRows& at) {
  const Format& f = *merged.format;
  const CellDef& def = f.cells[ch.rank_cell];
  const int col = Places::agency_column(f, ch.rank_cell);
  sheet.text(at.header, 1, rank_label(f, ch.rank_cell), st.header);
  ChartData data;
  int r = at.first;
  for (std::size_t i : ranked_agencies(merged, ch.rank_cell, ch.top)) {
    const Submission& s = *merged.agencies[i];
    const double v = to_double(s.values[ch.rank_cell], def.type);
    sheet.text(r, kLabelCol, s.agency.name, st.text);
    heights.need(r, 1, text_height(s.agency.name, kWidths[0], kFontSize));
    if (col >= 0)
      sheet.formula(r, 1, "=" + sheet_prefix(places.agencies_sheet) + cell_ref(Places::agency_row(f, i), col), v, st.value);
    else
      sheet.number(r, 1, v, st.value);
    data.labels.push_back(s.agency.name);
    data.current.push_back(v);
    ++r;
  }
  return data;
}

/// The table of a chart of figures: the value columns' headers, then each point's label and
/// formulas (上年 on 同比).
ChartData write_points_table(Sheet& sheet, RowHeights& heights, const Styles& st, const MergedReport& merged,
                             const Places& places, const ChartDef& ch, const ChartRows& at) {
  const Format& f = *merged.format;
  sheet.text(at.header, 1, ch.previous ? "本年" : "数值", st.header);
  if (ch.previous) sheet.text(at.header, 2, "上年", st.header);
  ChartData data;
  int r = at.first;
  for (const FigureDef& p : ch.points) {
    const double v = to_double(p.value(merged.totals), p.type);
    sheet.text(r, kLabelCol, p.label, st.text);
    heights.need(r, 1, text_height(p.label, kWidths[0], kFontSize));
    sheet.formula(r, 1, places.formula(f, p, false), v, st.value);
    data.current.push_back(v);
    if (ch.previous) {
      const double pv = to_double(p.value(merged.previous), p.type);
      sheet.formula(r, 2, places.formula(f, p, true), pv, st.value);
      data.previous.push_back(pv);
    }
    data.labels.push_back(p.label);
    ++r;
  }
  return data;
}

/// Draws the chart of `data` (already written at `at`) to the right of its table. Returns the
/// number of default-height rows the chart covers from its title row.
int insert_chart(const Book& book, Sheet& sheet, const std::string& sheet_name, const ChartDef& ch, const ChartRows& at,
                 const ChartData& data) {
  const int last = at.first + static_cast<int>(data.labels.size()) - 1;
  ChartBuilder chart(book, ch.type, ch.title);
  lxw_chart_series* series = chart.add_series(sheet_name, at.header, at.first, last, kLabelCol, 1, data.current);
  lxw_chart_options opts{};
  opts.x_offset = 16;
  opts.y_offset = 4;
  double width_px = 560, height_px = 320;
  if (ch.type == ChartType::kPie) {
    // Position first: libxlsxwriter turns the value back on when the position is set.
    chart_series_set_labels_position(series, LXW_CHART_LABEL_POSITION_BEST_FIT);
    // "自然人 81.0%": the table beside the chart has the numbers.
    chart_series_set_labels_options(series, LXW_FALSE, LXW_TRUE, LXW_FALSE);
    chart_series_set_labels_percentage(series);
    chart_series_set_labels_separator(series, LXW_CHART_LABEL_SEPARATOR_SPACE);
    chart_series_set_labels_num_format(series, "0.0%");
    // The small slices end up at the right, where their labels stack one above the other
    // instead of crowding side by side over the top.
    chart_set_rotation(chart.get(), 90);
    chart_series_set_labels_leader_line(series);
    chart_legend_set_position(chart.get(), LXW_CHART_LEGEND_NONE);
    // A zero slice has no width: its label would sit on top of its neighbour's.
    std::vector<lxw_chart_data_label> custom(data.current.size());
    std::vector<lxw_chart_data_label*> pointers;
    for (std::size_t i = 0; i < data.current.size(); ++i) {
      custom[i].hide = data.current[i] == 0;
      pointers.push_back(&custom[i]);
    }
    pointers.push_back(nullptr);
    book.check(chart_series_set_labels_custom(series, pointers.data()), "chart_series_set_labels_custom");
    width_px = 520;
  } else if (ch.previous) {
    chart.add_series(sheet_name, at.header, at.first, last, kLabelCol, 2, data.previous);
    chart_legend_set_position(chart.get(), LXW_CHART_LEGEND_BOTTOM);
    width_px = 600;
  } else {
    chart_legend_set_position(chart.get(), LXW_CHART_LEGEND_NONE);
  }
  if (ch.rank_cell >= 0 && ch.type == ChartType::kBar) {
    // Largest at the top: a bar chart draws its first category at the bottom.
    chart_axis_set_reverse(chart.category_axis());
    chart_axis_set_crossing_max(chart.category_axis());
    height_px = std::max(240.0, 80 + 30.0 * data.labels.size());
  }
  opts.x_scale = width_px / 480;  // libxlsxwriter's default chart is 480 × 288 pixels
  opts.y_scale = height_px / 288;
  book.check(worksheet_insert_chart_opt(sheet.get(), at.title, kChartCol, chart.get(), &opts), "worksheet_insert_chart_opt");
  return static_cast<int>(std::ceil((height_px + opts.y_offset) / kDefaultRowPixels));
}

}  // namespace

void write_charts_sheet(const Book& book, Sheet sheet, const Styles& st, const MergedReport& merged, const Places& places,
                        const std::string& sheet_name) {
  for (int c = 0; c < 3; ++c) sheet.width(c, kWidths[c]);

  RowHeights heights;
  std::vector<lxw_row_t> page_breaks;  // one chart a page: a break between table and chart would part them
  int row = 0;
  for (const ChartDef& ch : merged.format->charts) {
    if (ch.previous && !merged.has_previous) continue;
    if (row > 0) page_breaks.push_back(row);
    const bool rank = ch.rank_cell >= 0;
    const int ncols = ch.previous ? 3 : 2;
    const ChartRows at{row, row + 1, row + 2};
    sheet.span(at.title, 0, at.title, ncols - 1, ch.title, st.heading);
    sheet.text(at.header, 0, rank ? "单位" : "项目", st.header);
    const ChartData data = rank ? write_ranking_table(sheet, heights, st, merged, places, ch, at)
                                : write_points_table(sheet, heights, st, merged, places, ch, at);
    if (rank && data.labels.empty()) {
      sheet.span(at.first, 0, at.first, 1, "无（没有单位的该项数据大于 0）", st.centred);
      row = at.first + 3;
      continue;
    }
    const int last = at.first + static_cast<int>(data.labels.size()) - 1;
    const int chart_rows = insert_chart(book, sheet, sheet_name, ch, at, data);
    row = std::max(last + 1, at.title + chart_rows) + 2;
  }
  heights.apply(sheet);

  worksheet_gridlines(sheet.get(), LXW_HIDE_ALL_GRIDLINES);
  // Scaled, not fitted: spreadsheets ignore manual page breaks on a sheet fitted to pages.
  sheet.print_setup(/*landscape=*/true, 0, 0);
  worksheet_set_print_scale(sheet.get(), 70);
  if (!page_breaks.empty()) {
    page_breaks.push_back(0);  // the list ends with 0
    book.check(worksheet_set_h_pagebreaks(sheet.get(), page_breaks.data()), "worksheet_set_h_pagebreaks");
  }
}

}  // namespace nianbao::xlsx
