// The libxlsxwriter workbook and its sheets behind a small interface in which every call is
// checked: an lxw_error becomes a std::runtime_error naming the workbook's path and the failed
// call. Also the row heights a sheet collects and sets at the end.
#pragma once

#include <xlsxwriter.h>

#include <ctime>
#include <string>
#include <vector>

namespace nianbao::xlsx {

/// Owns an lxw_workbook being written to one path.
class Book {
 public:
  /// Throws std::runtime_error when libxlsxwriter cannot start the workbook. Error messages name
  /// `shown` when it is not empty: the file the user will look for, when `path` is a temp file.
  explicit Book(const std::string& path, const std::string& shown = "");
  ~Book();
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;

  lxw_workbook* get() const { return wb_; }

  /// Throws unless `err` is LXW_NO_ERROR.
  void check(lxw_error err, const char* operation) const {
    if (err != LXW_NO_ERROR) fail(operation, err);
  }

  /// Throws std::runtime_error: "无法写入工作簿 <path or shown>：<operation> 失败：<libxlsxwriter's message>".
  [[noreturn]] void fail(const char* operation, lxw_error err) const;

  /// A new sheet named `name`, which must be a name Excel accepts and not yet used (throws if not).
  lxw_worksheet* add_sheet(const std::string& name);
  /// 1-based position of the sheet added last (libxlsxwriter names it xl/worksheets/sheetN.xml).
  int last_sheet() const { return sheets_; }

  /// A workbook-level defined name for `formula` ("='Sheet'!$A$1"). libxlsxwriter does not check
  /// the name: the caller makes sure Excel accepts it.
  void define_name(const std::string& name, const std::string& formula) {
    check(workbook_define_name(wb_, name.c_str(), formula.c_str()), "workbook_define_name");
  }

  /// Sets the document properties: `title`, `subject`, `compiler` as author and company, and
  /// `created` (0: 2000-01-01 00:00 UTC). libxlsxwriter stamps the zip members and
  /// docProps/core.xml with `created`; a fixed time makes the same inputs give the same bytes.
  void set_properties(const std::string& title, const std::string& subject, const std::string& compiler,
                      std::time_t created) const;

  /// Writes the file. The workbook is freed whatever the outcome; throws on any error.
  void close();

 private:
  std::string path_;
  lxw_workbook* wb_;
  int sheets_ = 0;
};

/// One sheet of a Book; rows and columns are 0-based. Texts are stored through clip_cell_text,
/// always as text (a leading "=" does not make a formula).
class Sheet {
 public:
  Sheet(const Book& book, lxw_worksheet* ws) : book_(book), ws_(ws) {}

  lxw_worksheet* get() const { return ws_; }

  void text(int row, int col, const std::string& s, lxw_format* f);
  /// Text over rows r1..r2 and columns c1..c2 (inclusive), merged when that is more than one cell.
  void span(int r1, int c1, int r2, int c2, const std::string& s, lxw_format* f);
  /// An empty cell that has format `f` (a shaded input cell).
  void blank(int row, int col, lxw_format* f) {
    book_.check(worksheet_write_blank(ws_, row, col, f), "worksheet_write_blank");
  }
  void number(int row, int col, double v, lxw_format* f) {
    book_.check(worksheet_write_number(ws_, row, col, v, f), "worksheet_write_number");
  }
  /// A formula with its cached result, which viewers that do not recalculate show.
  void formula(int row, int col, const std::string& formula, double cached, lxw_format* f) {
    book_.check(worksheet_write_formula_num(ws_, row, col, formula.c_str(), f, cached), "worksheet_write_formula_num");
  }
  /// A formula whose cached result is text (e.g. "—"), for viewers that do not recalculate.
  void formula_text(int row, int col, const std::string& formula, const std::string& cached, lxw_format* f) {
    book_.check(worksheet_write_formula_str(ws_, row, col, formula.c_str(), f, cached.c_str()), "worksheet_write_formula_str");
  }
  void validate(int r1, int c1, int r2, int c2, lxw_data_validation* v) {
    book_.check(worksheet_data_validation_range(ws_, r1, c1, r2, c2, v), "worksheet_data_validation_range");
  }
  void conditional(int r1, int c1, int r2, int c2, lxw_conditional_format* cf) {
    book_.check(worksheet_conditional_format_range(ws_, r1, c1, r2, c2, cf), "worksheet_conditional_format_range");
  }
  void print_area(int r1, int c1, int r2, int c2) {
    book_.check(worksheet_print_area(ws_, r1, c1, r2, c2), "worksheet_print_area");
  }
  void autofilter(int r1, int c1, int r2, int c2) {
    book_.check(worksheet_autofilter(ws_, r1, c1, r2, c2), "worksheet_autofilter");
  }
  void freeze(int rows, int cols) { worksheet_freeze_panes(ws_, rows, cols); }
  void width(int col, double w) { book_.check(worksheet_set_column(ws_, col, col, w, nullptr), "worksheet_set_column"); }
  void height(int row, double h) { book_.check(worksheet_set_row(ws_, row, h, nullptr), "worksheet_set_row"); }
  void repeat_rows(int first, int last) {
    book_.check(worksheet_repeat_rows(ws_, first, last), "worksheet_repeat_rows");
  }
  void repeat_columns(int first, int last) {
    book_.check(worksheet_repeat_columns(ws_, first, last), "worksheet_repeat_columns");
  }

  /// Sets the width of each column 0.. from `widths` and writes `labels` (no more than widths) as
  /// header cells, each over rows row..row+rows-1 (merged when rows > 1).
  void headers(int row, int rows, const std::vector<std::string>& labels, const std::vector<double>& widths, lxw_format* f);

  /// A4, centred; scaled to fit `pages_wide` × `pages_tall` pages (0: as many as needed) unless
  /// both are 0.
  void print_setup(bool landscape, int pages_wide, int pages_tall);

 private:
  const Book& book_;
  lxw_worksheet* ws_;
};

/// Collects the height each row needs and sets them all at the end. A cell spanning several
/// rows shares out what its own rows lack, so tall merged labels are not cut off.
class RowHeights {
 public:
  /// Rows row..row+rowspan-1 together need `points`.
  void need(int row, int rowspan, double points) { needs_.push_back({row, rowspan, points}); }
  /// Rows first..last are written elsewhere (BulkRows) with their own heights.
  void skip(int first, int last) {
    skip_first_ = first;
    skip_last_ = last;
  }

  /// Sets the height of every row up to the last one needing any: at least one line, rounded up
  /// to a quarter point, at most Excel's limit.
  void apply(Sheet& sheet);

 private:
  int skip_first_ = -1, skip_last_ = -2;
  struct Need {
    int row, rowspan;
    double points;
  };
  std::vector<Need> needs_;
};

}  // namespace nianbao::xlsx
