// The cell formats of the workbook (宋体 throughout, thin borders around table cells), created
// once per workbook and shared by every sheet writer.
#pragma once

#include "render/xlsx/book.h"
#include "render/xlsx/cell_text.h"

namespace nianbao::xlsx {

constexpr const char* kFontName = "宋体";
constexpr double kTitleFontSize = 14;
constexpr double kDraftFontSize = 12;

/// Formats owned by the workbook they were made for (freed with it).
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

/// Adds the formats to `book`, always in the same order (their indices end up in the file).
/// Throws std::bad_alloc when libxlsxwriter cannot allocate one.
Styles make_styles(const Book& book);

}  // namespace nianbao::xlsx
