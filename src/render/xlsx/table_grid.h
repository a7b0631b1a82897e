// A statutory table laid out on its sheet as the format prints it (<layout>), shared by the output
// workbook's table sheets and the form's: column widths, the title and an optional note above the
// grid, every label, each figure cell merged over its span. What a figure cell holds is the caller's.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "format/format.h"
#include "render/xlsx/book.h"
#include "render/xlsx/places.h"
#include "render/xlsx/styles.h"

namespace nianbao::xlsx {

/// How the figure cells of a grid are written.
struct FigureCells {
  /// The format of figure `cell` (a global cell index), also given to its merged span.
  std::function<lxw_format*(int cell)> style;
  /// Writes figure `cell` at row, col: the first cell of its span, already merged when it spans
  /// more than one cell.
  std::function<void(int cell, int row, int col, lxw_format* style)> write;
};

/// A note line between the title and the grid (the output's draft warning, the form's hint).
struct GridNote {
  std::string text;  // no line when empty
  lxw_format* style = nullptr;
  double font_size = kFontSize;
};

/// Sets the widths of table `table`'s layout columns, writes its title and `note` across them and
/// then every cell of the layout, figures through `figures` at `where` (one Placed per format cell;
/// asserted to be where the layout puts them). Adds the height each row needs to `heights`, which
/// the caller applies (finish_table_sheet) once it has added rows of its own below the grid.
/// Returns the first row of the grid. Throws std::runtime_error (from Book) on a libxlsxwriter failure.
int write_table_grid(Sheet& sheet, const Styles& st, const Format& f, int table, const GridNote& note,
                     const std::vector<Placed>& where, const FigureCells& figures, RowHeights& heights);

/// Applies `heights`, hides the gridlines and sets up A4 printing, landscape when the layout has more
/// than four columns, one page wide and `pages_tall` pages tall (0: as many as needed), the rows down
/// to the grid's header (`grid_top` + the layout's header rows) repeated on every page.
void finish_table_sheet(Sheet& sheet, const TableDef& t, int grid_top, int pages_tall, RowHeights& heights);

}  // namespace nianbao::xlsx
