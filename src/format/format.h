// A statutory report format, loaded from templates/<format>/format.xml: its tables, rows,
// columns and official labels, which cells are computed, its consistency rules and the printed
// layout of each table. Nothing here is specific to one format; see templates/*/format.xml.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/figure_values.h"
#include "model/value.h"

namespace nianbao {

/// What a row and a column of a table have alike.
struct HeadingDef {
  std::string id;
  std::string label;                    // official label, e.g. "自然人", "（一）予以公开"
  std::vector<std::string> group_path;  // labels of the enclosing groups
  std::string unit;
  std::optional<ValueType> type;
  std::vector<int> sum_of;              // indices of the rows (of a row) or columns (of a column) it sums
};

struct ColumnDef : HeadingDef {};

struct RowDef : HeadingDef {
  std::vector<int> columns;  // indices of the columns this row has, in table order
};

struct GroupDef {
  std::string id;
  std::string label;
};

/// One cell of a printed table layout (workbook sheet and document table alike).
struct LayoutCell {
  bool is_value = false;  // a figure; otherwise a label
  std::string text;       // label text (resolved from row/column/group references)
  std::string cls;        // "caption", "note", "label" (left aligned), or empty (centred header)
  int cell = -1;          // global cell index, for values
  int row = 0, col = 0;   // grid position (0-based), filled in by the loader
  int rowspan = 1, colspan = 1;
};

struct Layout {
  std::vector<double> widths;  // one per grid column, in spreadsheet character units
  double font_size = 10.5;     // points, for the document table
  int grid_rows = 0;
  std::vector<LayoutCell> cells;  // in reading order
  int header_rows = 0;            // leading grid rows repeated on each page: those that hold no figure, or <layout header-rows>
};

struct TableDef {
  std::string id;
  std::string title;  // e.g. "三、收到和处理政府信息公开申请情况"
  std::string sheet;  // workbook sheet name (≤ 31 characters)
  std::vector<ColumnDef> columns;
  std::vector<RowDef> rows;
  std::vector<GroupDef> row_groups, column_groups;
  Layout layout;
  /// cell_index[row][col] = global cell index, or -1 where the row has no such column.
  std::vector<std::vector<int>> cell_index;

  int find_row(const std::string& id) const;
  int find_column(const std::string& id) const;
};

struct CellDef {
  int table = 0, row = 0, col = 0;
  ValueType type = ValueType::kCount;
  std::string unit;
  std::vector<int> sum_of;  // global indices; empty unless computed
  bool computed() const { return !sum_of.empty(); }
};

/// One side of a rule: a signed sum of cell references and constants.
struct RuleTerm {
  int sign = 1;
  bool previous = false;  // last year's value (needs --previous)
  int table = -1;         // table index
  int row = -1;
  int col = -1;           // -1: the column the per-column rule is being checked for
  std::int64_t literal = 0;
  bool is_literal = false;
};

enum class RuleOp { kEqual, kLessEqual, kGreaterEqual };

struct RuleDef {
  std::string id;    // "R1"
  std::string code;  // diagnostic code, "E301"
  bool is_error = true;
  int table = -1;
  bool per_column = false;
  bool needs_previous = false;
  std::string test;  // the expression as written
  std::string text;  // the rule in words, for messages
  std::vector<RuleTerm> lhs, rhs;
  RuleOp op = RuleOp::kEqual;
};

struct SectionDef {
  std::string id;
  std::string heading;
};

/// A labelled figure: one cell, or the sum of several cells (a subtotal the tables do not print,
/// such as all the 不予公开 rows). Used for key figures and for the points of a chart.
struct FigureDef {
  std::string label;       // short, e.g. "新收申请"
  std::vector<int> cells;  // global cell indices: one for cell="…", one or more for sum="…"
  bool is_sum = false;     // written as sum="…"
  ValueType type = ValueType::kCount;  // every cell of a sum has the same type

  /// The figure's raw value in `values` (one per cell, computed cells computed).
  std::int64_t value(FigureView values) const;
};

enum class ChartType { kPie, kColumn, kBar };

/// A native spreadsheet chart described as data. Exactly one of: `points` (a chart of labelled
/// figures), or `rank_cell` (the `top` agencies with the largest value of that cell).
struct ChartDef {
  std::string id;
  ChartType type = ChartType::kColumn;
  std::string title;
  std::vector<FigureDef> points;
  int rank_cell = -1;
  int top = 10;
  /// 本年 against 上年 for every point; drawn only when last year's figures are given.
  bool previous = false;
};

class Format {
 public:
  std::string id;
  std::string name;
  std::string basis;
  std::string dir;  // templates/<id>
  std::vector<TableDef> tables;
  std::vector<CellDef> cells;
  std::vector<RuleDef> rules;
  std::vector<SectionDef> sections;
  /// The figures a reader compares across agencies (<key-figures>); may be empty.
  std::vector<FigureDef> key_figures;
  /// Charts for the workbook (<charts>), in the order given; may be empty.
  std::vector<ChartDef> charts;
  /// Computed cells in an order where each comes after every cell it sums.
  std::vector<int> computed_order;

  int find_table(const std::string& id) const;
  const SectionDef* find_section(const std::string& id) const;
  int cell_count() const { return static_cast<int>(cells.size()); }
  /// Global index of table.row.column, or -1.
  int cell(int table, int row, int col) const {
    if (table < 0 || table >= static_cast<int>(tables.size())) return -1;
    const auto& index = tables[table].cell_index;
    if (row < 0 || row >= static_cast<int>(index.size()) || col < 0 || col >= static_cast<int>(index[row].size())) return -1;
    return index[row][col];
  }
  /// "三、收到和处理政府信息公开申请情况 / 三、本年度办理结果（三）不予公开 1.属于国家秘密 / 自然人"
  std::string describe_cell(int cell) const;
  std::string row_full_label(int table, int row) const;
  std::string column_full_label(int table, int col) const;
  /// "requests.new.natural"
  std::string cell_path(int cell) const;
  /// Global index of the cell at "table.row.column", or -1.
  int find_cell(const std::string& path) const;

  /// Fills every computed cell of `values` (size cell_count()) from the cells it sums.
  /// Returns false if a sum overflowed (the overflowing cell is left at its partial value).
  bool compute(std::span<std::int64_t> values) const;
  bool compute(FigureValues& values) const { return compute(values.widen()); }
};

/// Thrown when a format definition is missing or invalid: the message names the file and the fault.
class FormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Loads templates_dir/<id>/format.xml. Throws FormatError.
Format load_format(const std::string& templates_dir, const std::string& id);
/// Loads a format definition from a file. Throws FormatError.
Format load_format_file(const std::string& path);

}  // namespace nianbao
