// Rows written by nianbao itself: a one-row-per-agency block of more rows than
// WorkbookOptions::bulk_rows_from is written into the sheet's XML after libxlsxwriter has closed
// the workbook, modelled on the block's first row, and the workbook is zipped again.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/value.h"
#include "render/xlsx/book.h"

namespace nianbao::xlsx {

/// Where a row's cells go: a libxlsxwriter sheet, or the XML of a bulk block. Columns are 0-based;
/// the format only counts for the sheet (a bulk row takes its template row's styles).
class CellSink {
 public:
  virtual ~CellSink() = default;
  virtual void number(int col, std::int64_t raw, ValueType type, lxw_format* f) = 0;
  virtual void text(int col, const std::string& s, lxw_format* f) = 0;
  /// The row needs at least `points` of height.
  virtual void height(double points) = 0;
};

/// Writes the i-th row (0-based) of a one-row-per-item block. Called after the sheet writer has
/// returned for a bulk block, and from a thread of its own: it must own or outlive what it uses.
using RowWriter = std::function<void(std::size_t i, CellSink& out)>;

/// A block of rows of one sheet, written after libxlsxwriter has closed the workbook.
struct BulkRows {
  int sheet = 0;           // 1-based position of the sheet in the workbook
  int template_row = 0;    // 0-based; written by libxlsxwriter, the model for the others
  std::size_t count = 0;   // rows that follow the template row
  int columns = 0;
  RowWriter write;         // row template_row + 1 + i
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
/// rows, the first through libxlsxwriter and the rest registered with `bulk` (their heights are
/// then skipped in `heights`). Returns the row after the last.
int write_rows(Sheet& sheet, RowHeights& heights, const Bulk& bulk, int first_row, std::size_t count, int columns,
               const RowWriter& row);

/// Rewrites the workbook at `path` as libxlsxwriter left it: exact numbers (see exact_numbers.h),
/// and the bulk blocks written into their sheets, each sheet on a thread of its own.
/// Throws std::runtime_error naming `path`.
void finish_workbook(const std::string& path, const std::vector<BulkRows>& blocks);

}  // namespace nianbao::xlsx
