#include "render/xlsx/book.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "render/xlsx/cell_text.h"

namespace nianbao::xlsx {

Book::Book(const std::string& path, const std::string& shown)
    : path_(shown.empty() ? path : shown), wb_(workbook_new(path.c_str())) {
  if (!wb_) fail("workbook_new", LXW_ERROR_MEMORY_MALLOC_FAILED);
}

Book::~Book() {
  if (wb_) lxw_workbook_free(wb_);
}

void Book::fail(const char* operation, lxw_error err) const {
  throw std::runtime_error("无法写入工作簿 " + path_ + "：" + operation + " 失败：" + lxw_strerror(err));
}

lxw_worksheet* Book::add_sheet(const std::string& name) {
  check(workbook_validate_sheet_name(wb_, name.c_str()), "workbook_validate_sheet_name");
  lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
  if (!ws) fail("workbook_add_worksheet", LXW_ERROR_MEMORY_MALLOC_FAILED);
  ++sheets_;
  return ws;
}

void Book::set_properties(const std::string& title, const std::string& subject, const std::string& compiler,
                          std::time_t created) const {
  constexpr std::time_t kDefaultCreated = 946684800;  // 2000-01-01 00:00:00 UTC
  // libxlsxwriter takes char*, not const char*: copies it may point into.
  std::string t = title, s = subject, c = compiler;
  lxw_doc_properties props{};
  props.title = t.data();
  props.subject = s.data();
  props.author = c.data();
  props.company = c.data();
  props.created = created != 0 ? created : kDefaultCreated;
  check(workbook_set_properties(wb_, &props), "workbook_set_properties");
}

void Book::close() {
  lxw_workbook* wb = wb_;
  wb_ = nullptr;
  check(workbook_close(wb), "workbook_close");
}

void Sheet::text(int row, int col, const std::string& s, lxw_format* f) {
  book_.check(worksheet_write_string(ws_, row, col, clip_cell_text(s).c_str(), f), "worksheet_write_string");
}

void Sheet::span(int r1, int c1, int r2, int c2, const std::string& s, lxw_format* f) {
  if (r1 == r2 && c1 == c2) return text(r1, c1, s, f);
  book_.check(worksheet_merge_range(ws_, r1, c1, r2, c2, clip_cell_text(s).c_str(), f), "worksheet_merge_range");
}

void Sheet::headers(int row, int rows, const std::vector<std::string>& labels, const std::vector<double>& widths,
                    lxw_format* f) {
  for (std::size_t c = 0; c < labels.size(); ++c) {
    const int col = static_cast<int>(c);
    width(col, widths[c]);
    span(row, col, row + rows - 1, col, labels[c], f);
  }
}

void Sheet::print_setup(bool landscape, int pages_wide, int pages_tall) {
  worksheet_set_paper(ws_, 9);
  if (landscape) worksheet_set_landscape(ws_);
  else worksheet_set_portrait(ws_);
  if (pages_wide > 0 || pages_tall > 0) worksheet_fit_to_pages(ws_, pages_wide, pages_tall);
  worksheet_center_horizontally(ws_);
  worksheet_set_margins(ws_, 0.6, 0.6, 0.75, 0.75);
}

void RowHeights::apply(Sheet& sheet) {
  int rows = 0;
  for (const auto& n : needs_) rows = std::max(rows, n.row + n.rowspan);
  std::vector<double> h(rows, kLinePoints + kRowPadding);
  for (const auto& n : needs_)
    if (n.rowspan == 1) h[n.row] = std::max(h[n.row], n.points);
  auto spans = needs_;
  std::stable_sort(spans.begin(), spans.end(), [](const Need& a, const Need& b) { return a.rowspan < b.rowspan; });
  for (const auto& n : spans) {
    if (n.rowspan == 1) continue;
    double have = 0;
    for (int r = n.row; r < n.row + n.rowspan; ++r) have += h[r];
    if (have < n.points)
      for (int r = n.row; r < n.row + n.rowspan; ++r) h[r] += (n.points - have) / n.rowspan;
  }
  for (int r = 0; r < rows; ++r)
    if (r < skip_first_ || r > skip_last_) sheet.height(r, std::min(kMaxRowPoints, std::ceil(h[r] * 4) / 4));
}

}  // namespace nianbao::xlsx
