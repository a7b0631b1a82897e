#include "render/xlsx/bulk_rows.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "render/xlsx/cell_text.h"
#include "render/xlsx/exact_numbers.h"
#include "render/xlsx/places.h"
#include "text/escape.h"
#include "zip/zip_writer.h"

// libxlsxwriter prints and compresses every cell, at about 4 µs a cell on a two-core office
// machine: the 2.6 million cells of the one-row-per-agency sheets of 100,000 agencies would take
// ten seconds. So the library writes the header, the block's first row (so that it decides every
// cell's style) and all that follows the block at its true row numbers; the block's other rows are
// written here, cell by cell like that first row (numbers as their exact decimal text, text as
// inline strings), and the large members are zipped again at zlib's fastest level.

namespace nianbao::xlsx {

namespace {

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
    append_xml_content(cells_, clip_cell_text(s));
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

/// The workbook member of block b's sheet.
std::string sheet_member(const BulkRows& b) { return "xl/worksheets/sheet" + std::to_string(b.sheet) + ".xml"; }

/// Writes block b's rows into its sheet's XML among `entries` (the workbook's members) and returns
/// the sheet compressed as it was produced: the sheet XML of 100,000 rows (about a hundred
/// megabytes) is never held whole. The sheet's text in `entries` is released.
DeflatedMember write_block(const std::string& path, const BulkRows& b, std::vector<std::pair<std::string, std::string>>& entries) {
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

}  // namespace

int write_rows(Sheet& sheet, RowHeights& heights, const Bulk& bulk, int first_row, std::size_t count, int columns,
               const RowWriter& row) {
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

}  // namespace nianbao::xlsx
