#include "render/workbook_writer.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cassert>
#include <charconv>
#include <thread>
#include <functional>
#include <cmath>
#include <cstdlib>
#include <new>
#include <set>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <vector>

#include "input/encoding.h"
#include "render/zip.h"

namespace nianbao {

namespace {

constexpr const char* kFontName = "宋体";
constexpr double kFontSize = 11;
constexpr double kTitleFontSize = 14;
constexpr double kDraftFontSize = 12;
constexpr double kLinePoints = 15;          // one line of 11 pt text
constexpr double kRowPadding = 3;           // points of air around the text of a row
constexpr double kMaxRowPoints = 409;       // Excel's limit
constexpr std::time_t kDefaultCreated = 946684800;  // 2000-01-01 00:00:00 UTC
constexpr std::size_t kMaxCellChars = 32767;        // Excel's limit for the text of one cell
constexpr int kSheetNameMax = 31;

constexpr const char* kChartsSheet = "图表";
constexpr const char* kYearOnYearSheet = "同比";
constexpr const char* kAgenciesSheet = "各单位数据";
constexpr const char* kStatusSheet = "报送情况";
constexpr const char* kDiagnosticsSheet = "校验结果";
constexpr std::size_t kMaxDiagnosticRows = 2000;  // beyond this the sheet is no help; 校验报告.txt has all

// ---------------------------------------------------------------------------------------------
// Text measurement

/// Decodes the code point at s[i] and advances i; a malformed byte counts as one U+FFFD.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
  if (extra < 0 || i + extra >= s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += extra + 1;
  return cp;
}

// In a CJK font, everything from Hangul Jamo up (CJK, full-width forms, and the curly quotes and
// dashes of General Punctuation) takes a full em; only half-width forms are narrow.
int char_width(char32_t cp) {
  if (cp < 0x1100) return 1;
  if (cp >= 0xFF61 && cp <= 0xFFDC) return 1;
  return 2;
}

/// Lines `text` needs when wrapped in a cell `width` character units wide at `font_size` points.
/// Wraps character by character, as Excel does for Chinese; explicit newlines start a new line.
int lines_needed(std::string_view text, double width, double font_size) {
  // Column widths count '0's of the default 11 pt font; a 10.5 pt CJK character is about two.
  const double scale = font_size / 10.5;
  const double avail = std::max(1.0, width - 1.0);  // Excel keeps a little padding in each cell
  int lines = 1;
  double used = 0;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = next_code_point(text, i);
    if (cp == '\n') {
      ++lines;
      used = 0;
      continue;
    }
    double w = char_width(cp) * scale;
    if (used > 0 && used + w > avail) {
      ++lines;
      used = 0;
    }
    used += w;
  }
  return lines;
}

double text_height(std::string_view text, double width, double font_size) {
  int lines = lines_needed(text, width, font_size);
  return std::min(kMaxRowPoints, lines * kLinePoints * font_size / kFontSize + kRowPadding);
}

/// `text` with each byte that is not part of well-formed UTF-8, and each character XML forbids (C0
/// controls but tab and line breaks), replaced by U+FFFD. Text read from inputs has been checked,
/// but file names are bytes: a GBK name from a Windows zip would otherwise make the part invalid
/// XML, which Excel refuses ("unreadable content") and LibreOffice silently reads.
std::string xml_safe_text(const std::string& text) {
  bool control = false;
  std::size_t bad = find_invalid_utf8(text, control);
  if (bad == std::string::npos) return text;
  std::string out;
  std::size_t from = 0;
  while (bad != std::string::npos) {
    out.append(text, from, bad - from).append("\xEF\xBF\xBD");
    from = bad + 1;
    bad = find_invalid_utf8(std::string_view(text).substr(from), control);
    if (bad != std::string::npos) bad += from;
  }
  return out.append(text, from, std::string::npos);
}

/// `text` made safe for XML and cut to Excel's cell limit on a code point boundary.
std::string clip_cell_text(const std::string& raw) {
  std::string text = xml_safe_text(raw);
  if (text.size() <= kMaxCellChars) return text;  // bytes ≥ code points
  std::size_t i = 0, count = 0;
  while (i < text.size() && count < kMaxCellChars - 1) {
    next_code_point(text, i);
    ++count;
  }
  return text.substr(0, i) + "…";
}

std::string column_name(int col) {
  std::string name;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
  return name;
}

std::string cell_ref(int row, int col) { return column_name(col) + std::to_string(row + 1); }

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

// ---------------------------------------------------------------------------------------------
// libxlsxwriter, every call checked

class Book {
 public:
  explicit Book(const std::string& path) : path_(path), wb_(workbook_new(path.c_str())) {
    if (!wb_) fail("workbook_new", LXW_ERROR_MEMORY_MALLOC_FAILED);
  }
  ~Book() {
    if (wb_) lxw_workbook_free(wb_);
  }
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;

  lxw_workbook* get() const { return wb_; }

  void check(lxw_error err, const char* operation) const {
    if (err != LXW_NO_ERROR) fail(operation, err);
  }

  [[noreturn]] void fail(const char* operation, lxw_error err) const {
    throw std::runtime_error("无法写入工作簿 " + path_ + "：" + operation + " 失败：" + lxw_strerror(err));
  }

  lxw_worksheet* add_sheet(const std::string& name) {
    check(workbook_validate_sheet_name(wb_, name.c_str()), "workbook_validate_sheet_name");
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
    if (!ws) fail("workbook_add_worksheet", LXW_ERROR_MEMORY_MALLOC_FAILED);
    ++sheets_;
    return ws;
  }
  /// 1-based position of the sheet added last (libxlsxwriter names it xl/worksheets/sheetN.xml).
  int last_sheet() const { return sheets_; }

  /// Writes the file. The workbook is freed whatever the outcome.
  void close() {
    lxw_workbook* wb = wb_;
    wb_ = nullptr;
    check(workbook_close(wb), "workbook_close");
  }

 private:
  std::string path_;
  lxw_workbook* wb_;
  int sheets_ = 0;
};

class Sheet {
 public:
  Sheet(const Book& book, lxw_worksheet* ws) : book_(book), ws_(ws) {}

  lxw_worksheet* get() const { return ws_; }

  void text(int row, int col, const std::string& s, lxw_format* f) {
    book_.check(worksheet_write_string(ws_, row, col, clip_cell_text(s).c_str(), f), "worksheet_write_string");
  }
  /// Text over rows r1..r2 and columns c1..c2 (inclusive), merged when that is more than one cell.
  void span(int r1, int c1, int r2, int c2, const std::string& s, lxw_format* f) {
    if (r1 == r2 && c1 == c2) return text(r1, c1, s, f);
    book_.check(worksheet_merge_range(ws_, r1, c1, r2, c2, clip_cell_text(s).c_str(), f), "worksheet_merge_range");
  }
  void number(int row, int col, double v, lxw_format* f) {
    book_.check(worksheet_write_number(ws_, row, col, v, f), "worksheet_write_number");
  }
  void formula(int row, int col, const std::string& formula, double cached, lxw_format* f) {
    book_.check(worksheet_write_formula_num(ws_, row, col, formula.c_str(), f, cached), "worksheet_write_formula_num");
  }
  /// A formula whose cached result is text (e.g. "—"), for viewers that do not recalculate.
  void formula_text(int row, int col, const std::string& formula, const std::string& cached, lxw_format* f) {
    book_.check(worksheet_write_formula_str(ws_, row, col, formula.c_str(), f, cached.c_str()), "worksheet_write_formula_str");
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

  /// A4, centred; scaled to fit `pages_wide` × `pages_tall` pages (0: as many as needed) unless
  /// both are 0.
  void print_setup(bool landscape, int pages_wide, int pages_tall) {
    worksheet_set_paper(ws_, 9);
    if (landscape) worksheet_set_landscape(ws_);
    else worksheet_set_portrait(ws_);
    if (pages_wide > 0 || pages_tall > 0) worksheet_fit_to_pages(ws_, pages_wide, pages_tall);
    worksheet_center_horizontally(ws_);
    worksheet_set_margins(ws_, 0.6, 0.6, 0.75, 0.75);
  }

 private:
  const Book& book_;
  lxw_worksheet* ws_;
};

/// Collects the height each row needs and sets them all at the end. A cell spanning several
/// rows shares out what its own rows lack, so tall merged labels are not cut off.
class RowHeights {
 public:
  void need(int row, int rowspan, double points) { needs_.push_back({row, rowspan, points}); }
  /// Rows first..last are written elsewhere (BulkRows) with their own heights.
  void skip(int first, int last) {
    skip_first_ = first;
    skip_last_ = last;
  }

  void apply(Sheet& sheet) {
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

 private:
  int skip_first_ = -1, skip_last_ = -2;
  struct Need {
    int row, rowspan;
    double points;
  };
  std::vector<Need> needs_;
};


// ---------------------------------------------------------------------------------------------
// Rows written by nianbao itself
//
// libxlsxwriter prints and compresses every cell, at about 4 µs a cell on a two-core office
// machine: the 2.6 million cells of the one-row-per-agency sheets of 100,000 agencies would
// take ten seconds. For a block of more rows than WorkbookOptions::bulk_rows_from, the library
// writes the header, the block's first row (so that it decides every cell's style) and all that
// follows the block at its true row numbers; the block's other rows are then written here into
// the sheet's XML, modelled cell by cell on that first row (numbers as their exact decimal text,
// text as inline strings), and the workbook is zipped again, its large members at zlib's
// fastest level.

/// Where a row's cells go: a libxlsxwriter sheet, or the XML of a bulk block.
class CellSink {
 public:
  virtual ~CellSink() = default;
  virtual void number(int col, std::int64_t raw, ValueType type, lxw_format* f) = 0;
  virtual void text(int col, const std::string& s, lxw_format* f) = 0;
  virtual void height(double points) = 0;
};

class SheetSink : public CellSink {
 public:
  SheetSink(Sheet& sheet, RowHeights& heights, int row) : sheet_(sheet), heights_(heights), row_(row) {}
  void number(int col, std::int64_t raw, ValueType type, lxw_format* f) override {
    sheet_.number(row_, col, to_double(raw, type), f);
  }
  void text(int col, const std::string& s, lxw_format* f) override { sheet_.text(row_, col, s, f); }
  void height(double points) override { heights_.need(row_, 1, points); }

 private:
  Sheet& sheet_;
  RowHeights& heights_;
  int row_;
};

class XmlRowSink : public CellSink {
 public:
  XmlRowSink(std::string& out, std::vector<std::string> styles, std::string spans)
      : out_(out), styles_(std::move(styles)), spans_(std::move(spans)) {
    for (std::size_t c = 0; c < styles_.size(); ++c) columns_.push_back(column_name(static_cast<int>(c)));
  }
  void begin(int row) {
    row_text_ = std::to_string(row + 1);
    cells_.clear();
    height_ = 0;
  }
  void end() {
    out_ += "<row r=\"" + row_text_ + "\" " + spans_;
    if (height_ > 0) {
      char buf[64];
      std::snprintf(buf, sizeof buf, " ht=\"%g\" customHeight=\"1\"", std::min(kMaxRowPoints, std::ceil(height_ * 4) / 4));
      out_ += buf;
    }
    out_ += '>';
    out_ += cells_;
    out_ += "</row>";
  }
  void number(int col, std::int64_t raw, ValueType type, lxw_format*) override {
    open(col);
    cells_ += "><v>";
    if (type == ValueType::kCount) {
      char buf[24];
      auto r = std::to_chars(buf, buf + sizeof buf, raw);
      cells_.append(buf, r.ptr);
    } else {
      cells_ += format_value(raw, type);
    }
    cells_ += "</v></c>";
  }
  void text(int col, const std::string& s, lxw_format*) override {
    open(col);
    if (s.empty()) {
      cells_ += "/>";
      return;
    }
    cells_ += " t=\"inlineStr\"><is><t xml:space=\"preserve\">";
    for (char ch : clip_cell_text(s)) {
      switch (ch) {
        case '&': cells_ += "&amp;"; break;
        case '<': cells_ += "&lt;"; break;
        case '>': cells_ += "&gt;"; break;
        default: cells_ += ch;
      }
    }
    cells_ += "</t></is></c>";
  }
  void height(double points) override { height_ = std::max(height_, points); }

 private:
  void open(int col) {
    cells_ += "<c r=\"";
    cells_ += columns_[col];
    cells_ += row_text_;
    cells_ += '"';
    if (!styles_[col].empty()) cells_ += " s=\"" + styles_[col] + "\"";
  }

  std::string& out_;
  std::vector<std::string> styles_, columns_;
  std::string spans_, row_text_, cells_;
  double height_ = 0;
};

/// A block of rows of one sheet, written after libxlsxwriter has closed the workbook.
struct BulkRows {
  int sheet = 0;           // 1-based position of the sheet in the workbook
  int template_row = 0;    // 0-based; written by libxlsxwriter, the model for the others
  std::size_t count = 0;   // rows that follow the template row
  int columns = 0;
  std::function<void(std::size_t i, CellSink& out)> write;  // row template_row + 1 + i
};

/// Where a sheet writer registers a block: the blocks of the workbook, the size from which a block
/// is written in bulk, and the sheet being written.
struct Bulk {
  std::vector<BulkRows>* blocks = nullptr;
  std::size_t from = 0;
  int sheet = 0;

  bool applies(std::size_t rows) const { return blocks && rows > from && rows > 1; }
};

/// Writes rows first_row.. of a one-row-per-item sheet: through libxlsxwriter, or, for many
/// rows, the first through libxlsxwriter and the rest in bulk. Returns the row after the last.
int write_rows(Sheet& sheet, RowHeights& heights, const Bulk& bulk, int first_row, std::size_t count, int columns,
               const std::function<void(std::size_t, CellSink&)>& row) {
  if (count == 0) return first_row;
  if (!bulk.applies(count)) {
    for (std::size_t i = 0; i < count; ++i) {
      SheetSink sink(sheet, heights, first_row + static_cast<int>(i));
      row(i, sink);
    }
    return first_row + static_cast<int>(count);
  }
  SheetSink sink(sheet, heights, first_row);
  row(0, sink);
  BulkRows b;
  b.sheet = bulk.sheet;
  b.template_row = first_row;
  b.count = count - 1;
  b.columns = columns;
  b.write = [row](std::size_t i, CellSink& out) { row(i + 1, out); };
  bulk.blocks->push_back(std::move(b));
  heights.skip(first_row + 1, first_row + static_cast<int>(count) - 1);
  return first_row + static_cast<int>(count);
}

/// The workbook member of block b's sheet.
std::string sheet_member(const BulkRows& b) { return "xl/worksheets/sheet" + std::to_string(b.sheet) + ".xml"; }

/// Writes block b's rows into its sheet's XML among `entries` (the workbook's members) and returns
/// the sheet compressed as it was produced: the sheet XML of 100,000 rows (about a hundred
/// megabytes) is never held whole. The sheet's text in `entries` is released.
DeflatedMember write_block(const std::string& path, const BulkRows& b, std::vector<std::pair<std::string, std::string>>& entries) {
  {
    std::string name = sheet_member(b);
    auto it = std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.first == name; });
    if (it == entries.end()) throw std::runtime_error("无法写入工作簿 " + path + "：找不到 " + name);
    std::string& xml = it->second;
    const std::string open = "<row r=\"" + std::to_string(b.template_row + 1) + "\"";
    std::size_t start = xml.find(open), end = start == std::string::npos ? start : xml.find("</row>", start);
    if (end == std::string::npos) throw std::runtime_error("无法写入工作簿 " + path + "：" + name + " 中没有第 " + std::to_string(b.template_row + 1) + " 行");
    end += 6;
    // The template row's spans and each column's style.
    std::string_view row(xml.data() + start, end - start);
    std::string spans;
    if (auto sp = row.find("spans=\""); sp != std::string_view::npos && sp < row.find('>'))
      spans = std::string(row.substr(sp, row.find('"', sp + 7) + 1 - sp));
    std::vector<std::string> styles(b.columns);
    for (std::size_t c = row.find("<c r=\""); c != std::string_view::npos; c = row.find("<c r=\"", c + 1)) {
      std::size_t letters = c + 6, digits = letters;
      while (digits < row.size() && row[digits] >= 'A' && row[digits] <= 'Z') ++digits;
      int col = 0;
      for (std::size_t k = letters; k < digits; ++k) col = col * 26 + (row[k] - 'A' + 1);
      --col;
      std::size_t tag_end = row.find('>', c), sa = row.find(" s=\"", c);
      if (col >= 0 && col < b.columns && sa != std::string_view::npos && sa < tag_end)
        styles[col] = std::string(row.substr(sa + 4, row.find('"', sa + 4) - sa - 4));
    }
    DeflateStream z;
    z.append(std::string_view(xml).substr(0, end));
    std::string chunk;
    constexpr std::size_t kChunk = 1u << 20;
    chunk.reserve(kChunk + (1u << 16));
    XmlRowSink sink(chunk, styles, spans);
    for (std::size_t i = 0; i < b.count; ++i) {
      sink.begin(b.template_row + 1 + static_cast<int>(i));
      b.write(i, sink);
      sink.end();
      if (chunk.size() >= kChunk) {
        z.append(chunk);
        chunk.clear();
      }
    }
    z.append(chunk);
    z.append(std::string_view(xml).substr(end));
    std::string().swap(xml);
    return z.finish();
  }
}

/// A number as libxlsxwriter wrote it (printf's %.16G of a double: 578.733 comes out as
/// 578.7329999999999) rewritten as the shortest decimal that is the same double (578.733), so that
/// a reader of the file sees the amount that was entered. The value Excel reads does not change.
bool shortest_number(std::string_view text, std::string& out) {
  if (text.find_first_of(".eE") == std::string_view::npos) return false;  // integers are exact already
  double v = 0;
  auto parsed = std::from_chars(text.data(), text.data() + text.size(), v);
  if (parsed.ec != std::errc() || parsed.ptr != text.data() + text.size() || !std::isfinite(v)) return false;
  char buf[400];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  if (r.ec != std::errc()) return false;
  out.assign(buf, r.ptr);
  return out != text;
}

/// Applies shortest_number to the numeric values of a worksheet (<c> without a t= other than
/// "n") or to the number caches of a chart (<c:numCache>).
void exact_numbers(std::string& xml, bool chart) {
  std::string result, number;
  std::size_t copied = 0;
  auto replace = [&](std::size_t from, std::size_t to) {
    if (!shortest_number(std::string_view(xml).substr(from, to - from), number)) return;
    result.append(xml, copied, from - copied);
    result += number;
    copied = to;
  };
  if (chart) {
    for (std::size_t cache = xml.find("<c:numCache>"); cache != std::string::npos; cache = xml.find("<c:numCache>", cache + 1)) {
      std::size_t cache_end = xml.find("</c:numCache>", cache);
      if (cache_end == std::string::npos) break;
      for (std::size_t v = xml.find("<c:v>", cache); v != std::string::npos && v < cache_end; v = xml.find("<c:v>", v + 1)) {
        std::size_t end = xml.find("</c:v>", v);
        if (end == std::string::npos || end > cache_end) break;
        replace(v + 5, end);
      }
    }
  } else {
    for (std::size_t c = xml.find("<c "); c != std::string::npos; c = xml.find("<c ", c + 1)) {
      std::size_t tag_end = xml.find('>', c);
      if (tag_end == std::string::npos) break;
      if (xml[tag_end - 1] == '/') continue;
      std::string_view tag(xml.data() + c, tag_end - c);
      std::size_t t = tag.find(" t=\"");
      if (t != std::string_view::npos && tag.compare(t, 7, " t=\"n\"") != 0) continue;
      std::size_t cell_end = xml.find("</c>", tag_end);
      std::size_t v = xml.find("<v>", tag_end);
      if (v == std::string::npos || cell_end == std::string::npos || v > cell_end) continue;
      std::size_t end = xml.find("</v>", v);
      if (end == std::string::npos || end > cell_end) continue;
      replace(v + 3, end);
    }
  }
  if (copied == 0) return;
  result.append(xml, copied, std::string::npos);
  xml = std::move(result);
}

/// Rewrites the workbook at `path` as libxlsxwriter left it: exact numbers, and the bulk blocks
/// written into their sheets. Throws std::runtime_error naming `path`.
void finish_workbook(const std::string& path, const std::vector<BulkRows>& blocks) {
  auto entries = read_zip_entries(path);
  for (auto& [name, xml] : entries) {
    if (name.rfind("xl/worksheets/sheet", 0) == 0) exact_numbers(xml, false);
    else if (name.rfind("xl/charts/chart", 0) == 0) exact_numbers(xml, true);
  }
  // Each block is a different sheet: they are written on threads of their own.
  std::vector<std::string> errors(blocks.size());
  std::vector<DeflatedMember> members(blocks.size());
  std::vector<std::thread> workers;
  for (std::size_t k = 0; k < blocks.size(); ++k)
    workers.emplace_back([&, k] {
      try {
        members[k] = write_block(path, blocks[k], entries);
      } catch (const std::exception& e) {
        errors[k] = e.what();
      }
    });
  for (auto& w : workers) w.join();
  for (const auto& e : errors)
    if (!e.empty()) throw std::runtime_error(e);
  std::map<std::string, DeflatedMember> ready;
  for (std::size_t k = 0; k < blocks.size(); ++k) ready[sheet_member(blocks[k])] = std::move(members[k]);
  write_zip(path, entries, std::size_t{1} << 20, &ready);
}

// ---------------------------------------------------------------------------------------------
// Formats

struct Styles {
  lxw_format* title;    // table title above the grid
  lxw_format* draft;    // the draft warning
  lxw_format* header;   // centred header text
  lxw_format* label;    // left-aligned row label
  lxw_format* caption;  // left-aligned bold caption row
  lxw_format* note;     // the 勾稽 note in the corner
  lxw_format* value;    // a figure
  lxw_format* total;    // bold: the 合计 row
  lxw_format* text;     // left-aligned text in a list
  lxw_format* centred;  // centred text in a list
  lxw_format* heading;  // bold, no border: a heading above a list
  lxw_format* plain;    // no border: a line of text below a list
  lxw_format* percent;  // a ratio shown as a percentage
};

lxw_format* new_format(lxw_workbook* wb, uint8_t align, bool bold, bool border, bool wrap, double size) {
  lxw_format* f = workbook_add_format(wb);
  if (!f) throw std::bad_alloc();
  format_set_font_name(f, kFontName);
  format_set_font_family(f, 3);  // as Excel itself describes 宋体
  format_set_font_size(f, size);
  format_set_align(f, align);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  if (bold) format_set_bold(f);
  if (border) format_set_border(f, LXW_BORDER_THIN);
  if (wrap) format_set_text_wrap(f);
  return f;
}

Styles make_styles(lxw_workbook* wb) {
  Styles s{};
  s.title = new_format(wb, LXW_ALIGN_CENTER, true, false, true, kTitleFontSize);
  s.draft = new_format(wb, LXW_ALIGN_CENTER, true, true, true, kDraftFontSize);
  format_set_font_color(s.draft, LXW_COLOR_RED);
  format_set_bg_color(s.draft, 0xFFF2CC);
  s.header = new_format(wb, LXW_ALIGN_CENTER, false, true, true, kFontSize);
  s.label = new_format(wb, LXW_ALIGN_LEFT, false, true, true, kFontSize);
  s.caption = new_format(wb, LXW_ALIGN_LEFT, true, true, true, kFontSize);
  s.note = new_format(wb, LXW_ALIGN_CENTER, false, true, true, kFontSize);
  // General shows counts as integers and money with only the decimals it has ("18.3", "77").
  s.value = new_format(wb, LXW_ALIGN_CENTER, false, true, false, kFontSize);
  s.total = new_format(wb, LXW_ALIGN_CENTER, true, true, false, kFontSize);
  s.text = new_format(wb, LXW_ALIGN_LEFT, false, true, true, kFontSize);
  s.centred = new_format(wb, LXW_ALIGN_CENTER, false, true, true, kFontSize);
  s.heading = new_format(wb, LXW_ALIGN_LEFT, true, false, false, kFontSize);
  s.plain = new_format(wb, LXW_ALIGN_LEFT, false, false, true, kFontSize);
  s.percent = new_format(wb, LXW_ALIGN_CENTER, false, true, false, kFontSize);
  format_set_num_format(s.percent, "0.0%");
  return s;
}

// ---------------------------------------------------------------------------------------------
// Statutory table sheets

struct Placed {
  int row = -1, col = -1, rowspan = 1, colspan = 1;
};

/// The terms of a SUM over the cells at `parts`, runs of neighbouring cells written as ranges,
/// each prefixed with `sheet` ("" or "'名称'!"). Both directions are tried and the shorter list
/// kept: a total column sums along its row, a total row down its column.
std::vector<std::string> sum_terms(std::vector<Placed> parts, const std::string& sheet) {
  auto terms = [&](bool vertical) {
    std::sort(parts.begin(), parts.end(), [&](const Placed& a, const Placed& b) {
      return vertical ? std::tie(a.col, a.row) < std::tie(b.col, b.row) : std::tie(a.row, a.col) < std::tie(b.row, b.col);
    });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < parts.size();) {
      std::size_t j = i;
      // Neighbours: the next cell starts where this one's merged range ends, so the range
      // covers nothing but the summed cells and the empty rest of their merges.
      while (j + 1 < parts.size() &&
             (vertical ? parts[j + 1].col == parts[j].col && parts[j + 1].row == parts[j].row + parts[j].rowspan
                       : parts[j + 1].row == parts[j].row && parts[j + 1].col == parts[j].col + parts[j].colspan))
        ++j;
      std::string term = sheet + cell_ref(parts[i].row, parts[i].col);
      if (j > i) term.append(":").append(cell_ref(parts[j].row, parts[j].col));
      out.push_back(term);
      i = j + 1;
    }
    return out;
  };
  std::vector<std::string> across = terms(false), down = terms(true);
  return down.size() < across.size() ? down : across;
}

std::string sum_formula(const std::vector<Placed>& parts) { return "=SUM(" + join(sum_terms(parts, ""), ",") + ")"; }

/// 'name'!, as a formula names another sheet (quotes doubled).
std::string sheet_prefix(const std::string& name) {
  std::string out = "'";
  for (char c : name) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'!";
}

// ---------------------------------------------------------------------------------------------
// Where things are: decided before any sheet is written, so that the 图表 sheet can refer to
// figures on sheets written before and after it.

constexpr int kAgencyFixedColumns = 4;  // 序号, 单位代码, 单位名称, 单位类型
constexpr int kAllCellsHeaderRows = 3;  // 各单位数据 without key figures: table / row / column
constexpr int kYearOnYearCurrentColumn = 3, kYearOnYearPreviousColumn = 4;

struct Places {
  std::vector<std::string> table_sheets;  // the sheet of each table
  std::vector<Placed> cells;              // each cell's figure on its table's sheet
  std::string yoy_sheet, agencies_sheet;

  /// The figure's formula on the statutory sheets (`previous`: on the 同比 sheet's 上年 column).
  std::string formula(const Format& f, const FigureDef& fig, bool previous) const {
    std::vector<std::string> terms;
    if (previous) {
      std::vector<Placed> parts;
      for (int c : fig.cells) parts.push_back({yoy_row(c), kYearOnYearPreviousColumn, 1, 1});
      terms = sum_terms(parts, sheet_prefix(yoy_sheet));
    } else {
      // Grouped by table, in the order the figure names them.
      std::vector<int> tables;
      for (int c : fig.cells)
        if (std::find(tables.begin(), tables.end(), f.cells[c].table) == tables.end()) tables.push_back(f.cells[c].table);
      for (int t : tables) {
        std::vector<Placed> parts;
        for (int c : fig.cells)
          if (f.cells[c].table == t) parts.push_back(cells[c]);
        for (auto& term : sum_terms(parts, sheet_prefix(table_sheets[t]))) terms.push_back(std::move(term));
      }
    }
    if (!fig.is_sum && terms.size() == 1 && terms[0].find(':') == std::string::npos) return "=" + terms[0];
    return "=SUM(" + join(terms, ",") + ")";
  }

  static int yoy_row(int cell) { return 1 + cell; }

  /// The column of `cell` on 各单位数据, or -1 when that sheet does not show it by itself.
  static int agency_column(const Format& f, int cell) {
    if (f.key_figures.empty()) return kAgencyFixedColumns + cell;
    for (std::size_t i = 0; i < f.key_figures.size(); ++i) {
      const FigureDef& fig = f.key_figures[i];
      if (!fig.is_sum && fig.cells.size() == 1 && fig.cells[0] == cell) return kAgencyFixedColumns + static_cast<int>(i);
    }
    return -1;
  }
  /// The row of the i-th accepted agency on 各单位数据.
  static int agency_row(const Format& f, std::size_t i) {
    return (f.key_figures.empty() ? kAllCellsHeaderRows : 1) + static_cast<int>(i);
  }
};

Places place(const Format& f, std::vector<std::string> table_sheets, bool draft) {
  Places p;
  p.table_sheets = std::move(table_sheets);
  p.cells.resize(f.cell_count());
  const int top = draft ? 2 : 1;  // the title, and the draft note when there is one
  for (const TableDef& t : f.tables)
    for (const LayoutCell& cell : t.layout.cells)
      if (cell.is_value) p.cells[cell.cell] = {top + cell.row, cell.col, cell.rowspan, cell.colspan};
  return p;
}

lxw_format* style_for(const Styles& st, const LayoutCell& cell) {
  if (cell.is_value) return st.value;
  if (cell.cls == "caption") return st.caption;
  if (cell.cls == "label") return st.label;
  if (cell.cls == "note") return st.note;
  return st.header;
}

void write_table_sheet(Sheet sheet, const Styles& st, const MergedReport& merged, const Places& places, int table,
                       const std::string& draft_note) {
  const Format& f = *merged.format;
  const TableDef& t = f.tables[table];
  const Layout& layout = t.layout;
  const int ncols = static_cast<int>(layout.widths.size());
  double total_width = 0;
  for (int c = 0; c < ncols; ++c) {
    sheet.width(c, layout.widths[c]);
    total_width += layout.widths[c];
  }
  auto span_width = [&](int col, int colspan) {
    double w = 0;
    for (int c = col; c < col + colspan; ++c) w += layout.widths[c];
    return w;
  };

  RowHeights heights;
  int top = 0;
  sheet.span(top, 0, top, ncols - 1, t.title, st.title);
  heights.need(top, 1, text_height(t.title, total_width, kTitleFontSize) + kRowPadding);
  ++top;
  if (!draft_note.empty()) {
    sheet.span(top, 0, top, ncols - 1, draft_note, st.draft);
    heights.need(top, 1, text_height(draft_note, total_width, kDraftFontSize) + kRowPadding);
    ++top;
  }

  const std::vector<Placed>& where = places.cells;
  for (const LayoutCell& cell : layout.cells) {
    const int r1 = top + cell.row, c1 = cell.col;
    const int r2 = r1 + cell.rowspan - 1, c2 = c1 + cell.colspan - 1;
    assert(!cell.is_value || (where[cell.cell].row == r1 && where[cell.cell].col == c1));
    lxw_format* style = style_for(st, cell);
    if (!cell.is_value) {
      sheet.span(r1, c1, r2, c2, cell.text, style);
      heights.need(r1, cell.rowspan, text_height(cell.text, span_width(c1, cell.colspan), kFontSize));
      continue;
    }
    // A merged value: merge first (it writes an empty string), then put the figure in its first cell.
    if (r2 > r1 || c2 > c1) sheet.span(r1, c1, r2, c2, "", style);
    const CellDef& def = f.cells[cell.cell];
    const double value = to_double(merged.totals[cell.cell], def.type);
    if (!def.computed()) {
      sheet.number(r1, c1, value, style);
      continue;
    }
    std::vector<Placed> parts;
    for (int k : def.sum_of) {
      assert(f.cells[k].table == table && where[k].row >= 0);
      parts.push_back(where[k]);
    }
    sheet.formula(r1, c1, sum_formula(parts), value, style);
  }
  heights.apply(sheet);

  worksheet_gridlines(sheet.get(), LXW_HIDE_ALL_GRIDLINES);
  // One page: a merged label split by a page break (三、本年度办理结果 spans 22 rows) would show
  // its text on one page only.
  sheet.print_setup(/*landscape=*/ncols > 4, 1, 1);
  sheet.repeat_rows(0, top + std::max(layout.header_rows, 1) - 1);
}

// ---------------------------------------------------------------------------------------------
// 各单位数据

void write_agencies_sheet(Sheet sheet, const Styles& st, const MergedReport& merged, const Bulk& bulk) {
  const Format& f = *merged.format;
  constexpr int kFixed = kAgencyFixedColumns;
  constexpr int kHeaderRows = kAllCellsHeaderRows;
  constexpr double kValueWidth = 11;
  const double fixed_widths[kFixed] = {6, 14, 30, 10};
  const char* fixed_labels[kFixed] = {"序号", "单位代码", "单位名称", "单位类型"};

  RowHeights heights;
  for (int c = 0; c < kFixed; ++c) {
    sheet.width(c, fixed_widths[c]);
    sheet.span(0, c, kHeaderRows - 1, c, fixed_labels[c], st.header);
  }
  for (int c = 0; c < f.cell_count(); ++c) sheet.width(kFixed + c, kValueWidth);

  // Cells are numbered table by table and, within a table, row by row, so each table's cells and
  // each row's cells are contiguous columns.
  for (int ti = 0; ti < static_cast<int>(f.tables.size()); ++ti) {
    const TableDef& t = f.tables[ti];
    const bool value_only = t.columns.size() == 1 && t.columns[0].id == "value";
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
    out.number(0, static_cast<std::int64_t>(i + 1), ValueType::kCount, st.value);
    out.text(1, s.agency.code, st.centred);
    out.text(2, s.agency.name, st.text);
    out.text(3, agency_kind_label(s.agency.kind), st.centred);
    out.height(text_height(s.agency.name, name_width, kFontSize));
    for (int c = 0; c < f.cell_count(); ++c) out.number(kAgencyFixedColumns + c, s.values[c], f.cells[c].type, st.value);
  };
  int row = write_rows(sheet, heights, bulk, kHeaderRows, merged.agencies.size(), kFixed + f.cell_count(), agency_row);

  sheet.span(row, 0, row, kFixed - 1, "合计", st.total);
  for (int c = 0; c < f.cell_count(); ++c) {
    const double total = to_double(merged.totals[c], f.cells[c].type);
    if (merged.agencies.empty()) {
      sheet.number(row, kFixed + c, total, st.total);
      continue;
    }
    std::string col = column_name(kFixed + c);
    std::string formula = "=SUM(" + col + std::to_string(kHeaderRows + 1) + ":" + col + std::to_string(row) + ")";
    sheet.formula(row, kFixed + c, formula, total, st.total);
  }
  heights.apply(sheet);

  worksheet_freeze_panes(sheet.get(), kHeaderRows, 3);
  sheet.print_setup(/*landscape=*/true, 0, 0);
  sheet.repeat_rows(0, kHeaderRows - 1);
  sheet.repeat_columns(0, 2);
}

// ---------------------------------------------------------------------------------------------
// 报送情况

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

void write_status_sheet(Sheet sheet, const Styles& st, const MergedReport& merged, const Bulk& bulk) {
  static const std::vector<std::string> kLabels = {"序号", "单位代码", "单位名称", "单位类型", "状态", "文件", "原因"};
  static const std::vector<double> kWidths = {6, 14, 30, 10, 9, 28, 60};
  const int ncols = static_cast<int>(kLabels.size());
  static const std::vector<FileResult> kNoFiles;
  const std::vector<FileResult>& files = merged.files ? *merged.files : kNoFiles;

  RowHeights heights;
  for (int c = 0; c < ncols; ++c) {
    sheet.width(c, kWidths[c]);
    sheet.text(0, c, kLabels[c], st.header);
  }

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
    out.number(0, static_cast<std::int64_t>(i + 1), ValueType::kCount, st.value);
    out.text(1, entry.agency->code, st.centred);
    out.text(2, entry.agency->name, st.text);
    out.text(3, agency_kind_label(entry.agency->kind), st.centred);
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

  // Every file not shown against a roster agency above: unreadable, ignored, or naming an agency
  // that is not on the roster. Together the two lists account for every input file.
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
    heights.need(row, 1, std::max(text_height(file.path, kWidths[1] + kWidths[2] + kWidths[3], kFontSize),
                                  text_height(reason_text, kWidths[5] + kWidths[6], kFontSize)));
    ++row;
  }
  if (others == 0) sheet.span(row, 0, row, ncols - 1, "无", st.centred);
  heights.apply(sheet);

  worksheet_freeze_panes(sheet.get(), 1, 0);
  sheet.print_setup(/*landscape=*/true, 1, 0);
  sheet.repeat_rows(0, 0);
}

// ---------------------------------------------------------------------------------------------
// 各单位数据 with the key figures only

void write_key_figures_sheet(Sheet sheet, const Styles& st, const MergedReport& merged, const Bulk& bulk) {
  const Format& f = *merged.format;
  constexpr double kValueWidth = 10;
  const double fixed_widths[kAgencyFixedColumns] = {6, 12, 30, 12};
  const char* fixed_labels[kAgencyFixedColumns] = {"序号", "单位代码", "单位名称", "单位类型"};
  const int nfig = static_cast<int>(f.key_figures.size());
  const int last_col = kAgencyFixedColumns + nfig - 1;

  RowHeights heights;
  for (int c = 0; c < kAgencyFixedColumns; ++c) {
    sheet.width(c, fixed_widths[c]);
    sheet.text(0, c, fixed_labels[c], st.header);
  }
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
    out.number(0, static_cast<std::int64_t>(i + 1), ValueType::kCount, st.value);
    out.text(1, s.agency.code, st.centred);
    out.text(2, s.agency.name, st.text);
    out.text(3, agency_kind_label(s.agency.kind), st.centred);
    out.height(text_height(s.agency.name, name_width, kFontSize));
    for (int k = 0; k < nfig; ++k) {
      const FigureDef& fig = f.key_figures[k];
      out.number(kAgencyFixedColumns + k, fig.value(s.values), fig.type, st.value);
    }
  };
  int row = write_rows(sheet, heights, bulk, Places::agency_row(f, 0), merged.agencies.size(), last_col + 1, agency_row);
  const int last_agency_row = row - 1;

  sheet.span(row, 0, row, kAgencyFixedColumns - 1, "合计", st.total);
  for (int k = 0; k < nfig; ++k) {
    const FigureDef& fig = f.key_figures[k];
    const double total = to_double(fig.value(merged.totals), fig.type);
    const int col = kAgencyFixedColumns + k;
    if (merged.agencies.empty()) {
      sheet.number(row, col, total, st.total);
      continue;
    }
    sheet.formula(row, col, "=SUM(" + cell_ref(Places::agency_row(f, 0), col) + ":" + cell_ref(last_agency_row, col) + ")",
                  total, st.total);
  }
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

// ---------------------------------------------------------------------------------------------
// 同比

void write_year_on_year_sheet(Sheet sheet, const Styles& st, const MergedReport& merged, const Places& places) {
  const Format& f = *merged.format;
  assert(merged.has_previous && static_cast<int>(merged.previous.size()) == f.cell_count());
  static const std::vector<std::string> kLabels = {"表", "项目", "列", "本年", "上年", "增减", "增减率"};
  static const std::vector<double> kWidths = {38, 50, 30, 11, 11, 11, 10};
  const int ncols = static_cast<int>(kLabels.size());

  RowHeights heights;
  for (int c = 0; c < ncols; ++c) {
    sheet.width(c, kWidths[c]);
    sheet.text(0, c, kLabels[c], st.header);
  }
  for (int c = 0; c < f.cell_count(); ++c) {
    const CellDef& def = f.cells[c];
    const TableDef& t = f.tables[def.table];
    const int row = Places::yoy_row(c);
    const std::string excel_row = std::to_string(row + 1);
    const bool value_only = t.columns.size() == 1 && t.columns[0].id == "value";
    const std::string item = f.row_full_label(def.table, def.row);
    const std::string column = value_only ? "" : f.column_full_label(def.table, def.col);
    sheet.text(row, 0, t.title, st.text);
    sheet.text(row, 1, item, st.text);
    sheet.text(row, 2, column, st.text);
    heights.need(row, 1, std::max({text_height(t.title, kWidths[0], kFontSize), text_height(item, kWidths[1], kFontSize),
                                   text_height(column, kWidths[2], kFontSize)}));

    const std::int64_t current = merged.totals[c], previous = merged.previous[c];
    FigureDef self{"", {c}, false, def.type};
    sheet.formula(row, kYearOnYearCurrentColumn, places.formula(f, self, false), to_double(current, def.type), st.value);
    sheet.number(row, kYearOnYearPreviousColumn, to_double(previous, def.type), st.value);
    sheet.formula(row, 5, "=D" + excel_row + "-E" + excel_row, to_double(current - previous, def.type), st.value);
    const std::string rate = "=IF(E" + excel_row + "=0,\"—\",F" + excel_row + "/E" + excel_row + ")";
    if (previous == 0)
      sheet.formula_text(row, 6, rate, "—", st.percent);
    else
      sheet.formula(row, 6, rate, static_cast<double>(current - previous) / static_cast<double>(previous), st.percent);
  }
  heights.apply(sheet);

  sheet.freeze(1, 0);
  sheet.autofilter(0, 0, f.cell_count(), ncols - 1);
  sheet.print_setup(/*landscape=*/true, 1, 0);
  sheet.repeat_rows(0, 0);
}

// ---------------------------------------------------------------------------------------------
// 图表

constexpr double kChartFontSize = 10;
constexpr int kDefaultRowPixels = 20;  // a 15 pt row

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

void write_charts_sheet(const Book& book, Sheet sheet, const Styles& st, const MergedReport& merged, const Places& places,
                        const std::string& sheet_name) {
  const Format& f = *merged.format;
  constexpr int kLabelCol = 0, kChartCol = 3;
  const double widths[] = {32, 10, 10};
  for (int c = 0; c < 3; ++c) sheet.width(c, widths[c]);

  RowHeights heights;
  std::vector<lxw_row_t> page_breaks;  // one chart a page: a break between table and chart would part them
  int row = 0;
  for (const ChartDef& ch : f.charts) {
    if (ch.previous && !merged.has_previous) continue;
    if (row > 0) page_breaks.push_back(row);
    const bool rank = ch.rank_cell >= 0;
    const int ncols = ch.previous ? 3 : 2;
    const int title_row = row, header_row = row + 1, first = row + 2;
    sheet.span(title_row, 0, title_row, ncols - 1, ch.title, st.heading);

    std::vector<std::string> labels;
    std::vector<double> current, previous;
    sheet.text(header_row, 0, rank ? "单位" : "项目", st.header);
    if (rank) {
      const CellDef& def = f.cells[ch.rank_cell];
      const int col = Places::agency_column(f, ch.rank_cell);
      sheet.text(header_row, 1, rank_label(f, ch.rank_cell), st.header);
      int r = first;
      for (std::size_t i : ranked_agencies(merged, ch.rank_cell, ch.top)) {
        const Submission& s = *merged.agencies[i];
        const double v = to_double(s.values[ch.rank_cell], def.type);
        sheet.text(r, kLabelCol, s.agency.name, st.text);
        heights.need(r, 1, text_height(s.agency.name, widths[0], kFontSize));
        if (col >= 0)
          sheet.formula(r, 1, "=" + sheet_prefix(places.agencies_sheet) + cell_ref(Places::agency_row(f, i), col), v, st.value);
        else
          sheet.number(r, 1, v, st.value);
        labels.push_back(s.agency.name);
        current.push_back(v);
        ++r;
      }
      if (labels.empty()) {
        sheet.span(first, 0, first, 1, "无（没有单位的该项数据大于 0）", st.centred);
        row = first + 3;
        continue;
      }
    } else {
      sheet.text(header_row, 1, ch.previous ? "本年" : "数值", st.header);
      if (ch.previous) sheet.text(header_row, 2, "上年", st.header);
      int r = first;
      for (const FigureDef& p : ch.points) {
        const double v = to_double(p.value(merged.totals), p.type);
        sheet.text(r, kLabelCol, p.label, st.text);
        heights.need(r, 1, text_height(p.label, widths[0], kFontSize));
        sheet.formula(r, 1, places.formula(f, p, false), v, st.value);
        current.push_back(v);
        if (ch.previous) {
          const double pv = to_double(p.value(merged.previous), p.type);
          sheet.formula(r, 2, places.formula(f, p, true), pv, st.value);
          previous.push_back(pv);
        }
        labels.push_back(p.label);
        ++r;
      }
    }
    const int last = first + static_cast<int>(labels.size()) - 1;

    ChartBuilder chart(book, ch.type, ch.title);
    lxw_chart_series* series = chart.add_series(sheet_name, header_row, first, last, kLabelCol, 1, current);
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
      std::vector<lxw_chart_data_label> custom(current.size());
      std::vector<lxw_chart_data_label*> pointers;
      for (std::size_t i = 0; i < current.size(); ++i) {
        custom[i].hide = current[i] == 0;
        pointers.push_back(&custom[i]);
      }
      pointers.push_back(nullptr);
      book.check(chart_series_set_labels_custom(series, pointers.data()), "chart_series_set_labels_custom");
      width_px = 520;
    } else if (ch.previous) {
      chart.add_series(sheet_name, header_row, first, last, kLabelCol, 2, previous);
      chart_legend_set_position(chart.get(), LXW_CHART_LEGEND_BOTTOM);
      width_px = 600;
    } else {
      chart_legend_set_position(chart.get(), LXW_CHART_LEGEND_NONE);
    }
    if (rank && ch.type == ChartType::kBar) {
      // Largest at the top: a bar chart draws its first category at the bottom.
      chart_axis_set_reverse(chart.category_axis());
      chart_axis_set_crossing_max(chart.category_axis());
      height_px = std::max(240.0, 80 + 30.0 * labels.size());
    }
    opts.x_scale = width_px / 480;  // libxlsxwriter's default chart is 480 × 288 pixels
    opts.y_scale = height_px / 288;
    book.check(worksheet_insert_chart_opt(sheet.get(), title_row, kChartCol, chart.get(), &opts),
               "worksheet_insert_chart_opt");

    const int chart_rows = static_cast<int>(std::ceil((height_px + opts.y_offset) / kDefaultRowPixels));
    row = std::max(last + 1, title_row + chart_rows) + 2;
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

// ---------------------------------------------------------------------------------------------
// 校验结果

void write_diagnostics_sheet(Sheet sheet, const Styles& st, const MergedReport& merged) {
  static const std::vector<std::string> kLabels = {"单位", "文件", "类别", "代码", "行", "位置", "说明", "实际", "应为"};
  static const std::vector<double> kWidths = {22, 22, 6, 7, 6, 28, 40, 28, 14};
  const int ncols = static_cast<int>(kLabels.size());
  static const std::vector<FileResult> kNoFiles;
  const std::vector<FileResult>& files = merged.files ? *merged.files : kNoFiles;

  // Every finding, grouped by agency: roster order, then files that name no roster agency, then
  // the findings on the merged totals. All are counted; only the rows shown are kept.
  struct Entry {
    std::string unit;
    const std::string* file;
    const Diagnostic* diag;
  };
  std::vector<Entry> entries;
  std::vector<bool> listed(files.size(), false);
  std::size_t errors = 0, warnings = 0;
  auto add = [&](const std::string& unit, const std::string& file, const Diagnostic& d) {
    (d.is_error() ? errors : warnings) += 1;
    if (entries.size() < kMaxDiagnosticRows) entries.push_back({unit, &file, &d});
  };
  auto add_file = [&](const std::string& unit, std::size_t k) {
    listed[k] = true;
    for (const Diagnostic& d : files[k].diags.items()) add(unit, files[k].path, d);
  };
  for (const RosterEntryStatus& entry : merged.roster)
    for (int k : entry.files)
      if (!files[k].diags.empty()) add_file(entry.agency->name + "（" + entry.agency->code + "）", k);
  for (std::size_t k = 0; k < files.size(); ++k) {
    const FileResult& file = files[k];
    if (listed[k] || file.diags.empty()) continue;
    std::string unit = file.agency_code.empty()   ? "—"
                       : file.agency_name.empty() ? file.agency_code
                                                  : file.agency_name + "（" + file.agency_code + "）";
    add_file(unit, k);
  }
  const std::string region = merged.report && !merged.report->region_name.empty() ? merged.report->region_name + "（汇总）" : "汇总";
  for (const Diagnostic& d : merged.warnings.items()) add(region, d.where.file, d);
  const std::size_t total = errors + warnings;

  RowHeights heights;
  for (int c = 0; c < ncols; ++c) sheet.width(c, kWidths[c]);
  sheet.span(0, 0, 0, ncols - 1, "错误 " + std::to_string(errors) + " 条，警告 " + std::to_string(warnings) + " 条", st.heading);
  for (int c = 0; c < ncols; ++c) sheet.text(1, c, kLabels[c], st.header);

  int row = 2;
  for (std::size_t i = 0; i < entries.size(); ++i, ++row) {
    const Entry& e = entries[i];
    const Diagnostic& d = *e.diag;
    const std::string& file = d.where.file.empty() ? *e.file : d.where.file;
    const std::string* wrapped[] = {&e.unit, &file, nullptr, nullptr, nullptr, &d.place, &d.message, &d.found, &d.expected};
    sheet.text(row, 0, e.unit, st.text);
    sheet.text(row, 1, file, st.text);
    sheet.text(row, 2, d.is_error() ? "错误" : "警告", st.centred);
    sheet.text(row, 3, d.code, st.centred);
    if (d.where.line > 0) sheet.number(row, 4, d.where.line, st.value);
    else sheet.text(row, 4, "", st.value);
    sheet.text(row, 5, d.place, st.text);
    sheet.text(row, 6, d.message, st.text);
    sheet.text(row, 7, d.found, st.text);
    sheet.text(row, 8, d.expected, st.text);
    double h = 0;
    for (int c = 0; c < ncols; ++c)
      if (wrapped[c]) h = std::max(h, text_height(*wrapped[c], kWidths[c], kFontSize));
    heights.need(row, 1, h);
  }
  const int last_listed = row - 1;
  if (entries.empty()) {
    sheet.span(row, 0, row, ncols - 1, "无", st.centred);
    ++row;
  }
  if (entries.size() < total) {
    ++row;
    sheet.span(row, 0, row, ncols - 1,
               "另有 " + std::to_string(total - entries.size()) + " 条未列出（本表最多列出 " + std::to_string(kMaxDiagnosticRows) +
                   " 条）；校验报告.txt 列有全部问题。",
               st.plain);
  }
  heights.apply(sheet);

  sheet.freeze(2, 0);
  if (!entries.empty()) sheet.autofilter(1, 0, last_listed, ncols - 1);
  sheet.print_setup(/*landscape=*/true, 1, 0);
  sheet.repeat_rows(1, 1);
}

/// The longest prefix of `s` of at most `max_units` UTF-16 units (Excel's measure of sheet names).
std::string truncate_units(const std::string& s, int max_units) {
  int units = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t next = i;
    int u = next_code_point(s, next) > 0xFFFF ? 2 : 1;
    if (units + u > max_units) break;
    units += u;
    i = next;
  }
  return s.substr(0, i);
}

/// Lower-cased ASCII, as Excel compares sheet names.
std::string sheet_key(const std::string& name) {
  std::string key = name;
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return key;
}

/// `wanted`, sanitized, with "(2)", "(3)" … appended until no sheet in `used` has the name.
std::string unique_sheet_name(const std::string& wanted, std::set<std::string>& used) {
  const std::string base = sanitize_sheet_name(wanted);
  std::string name = base;
  for (int n = 2; used.count(sheet_key(name)) || sheet_key(name) == "history"; ++n) {
    std::string suffix = std::string("(").append(std::to_string(n)).append(")");
    name = truncate_units(base, kSheetNameMax - static_cast<int>(suffix.size())) + suffix;
  }
  used.insert(sheet_key(name));
  return name;
}

}  // namespace

std::string sanitize_sheet_name(const std::string& wanted) {
  std::string out;
  const std::string cut = truncate_units(wanted, kSheetNameMax);
  for (std::size_t i = 0; i < cut.size();) {
    std::size_t start = i;
    char32_t cp = next_code_point(cut, i);
    if (std::u32string_view(U"[]:*?/\\").find(cp) != std::u32string_view::npos || cp < 0x20 || cp == 0xFFFD)
      out += '_';
    else
      out.append(cut, start, i - start);
  }
  while (!out.empty() && out.front() == '\'') out.erase(0, 1);
  while (!out.empty() && out.back() == '\'') out.pop_back();
  return out.empty() ? "表" : out;
}

int display_width(const std::string& text) {
  int w = 0;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = next_code_point(text, i);
    if (cp != '\n') w += char_width(cp);
  }
  return w;
}

void write_workbook(const MergedReport& merged, const std::string& path, const WorkbookOptions& options) {
  assert(merged.format && merged.report);
  const Format& f = *merged.format;
  assert(static_cast<int>(merged.totals.size()) == f.cell_count());

  Book book(path);
  const Styles styles = make_styles(book.get());

  // libxlsxwriter stamps the zip members and docProps/core.xml with `created`; fixing it makes
  // the same inputs give the same bytes.
  std::string title = merged.report->title, compiler = merged.report->compiler, subject = f.name;
  lxw_doc_properties props{};
  props.title = title.data();
  props.subject = subject.data();
  props.author = compiler.data();
  props.company = compiler.data();
  props.created = options.created != 0 ? options.created : kDefaultCreated;
  book.check(workbook_set_properties(book.get(), &props), "workbook_set_properties");

  std::set<std::string> used;
  for (const char* name : {kChartsSheet, kYearOnYearSheet, kAgenciesSheet, kStatusSheet, kDiagnosticsSheet})
    used.insert(sheet_key(name));
  std::vector<std::string> table_sheets;
  for (const TableDef& t : f.tables) table_sheets.push_back(unique_sheet_name(t.sheet, used));
  Places places = place(f, table_sheets, !options.draft_note.empty());
  places.yoy_sheet = kYearOnYearSheet;
  places.agencies_sheet = kAgenciesSheet;

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
