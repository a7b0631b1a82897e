// Statutory tables of an agency's own Word report read by their official labels, not by
// position: which format table a Word table shows, and the figure of every format cell, found by
// matching each cell's row labels and column headers with those of the format's printed layout.
// Knows no particular format; reads no narrative (report_narrative.h) and no zip.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "format/format.h"
#include "input/docx_body.h"
#include "model/diagnostics.h"
#include "model/report.h"

namespace nianbao {

/// The labels of a table as the reader sees them, shared with the recognition of other formats.
struct TableLabels {
  /// Every distinct label cell's text, bare (report_text::bare), in reading order.
  std::vector<std::string> labels;
  /// Per data row (a row holding figures or blanks after its labels): its label parts, bare.
  std::vector<std::vector<std::string>> row_keys;
};
TableLabels table_labels(const DocxTable& table);

/// The figures read from a report's tables.
struct TableFigures {
  std::vector<std::int64_t> values;  // one per format cell; computed cells 0
  /// Every figure printed, computed cells included; GivenValue::offset indexes `where`.
  std::vector<GivenValue> given;
  std::vector<SourceLocation> where;  // file + table / row / col of each given figure
};

class TableMatcher {
 public:
  /// Prepares the official row and column labels of every table from the format's layouts.
  /// `format` must outlive the matcher.
  explicit TableMatcher(const Format& format);
  ~TableMatcher();
  TableMatcher(TableMatcher&&) noexcept;
  TableMatcher(const TableMatcher&) = delete;
  TableMatcher& operator=(const TableMatcher&) = delete;

  const Format& format() const { return format_; }

  /// The format table a Word table shows (its table_labels()), by how many of its labels are that table's official
  /// labels (at least `min_labels`), or -1. `heading` (the paragraph before the table, may be
  /// empty) breaks a tie.
  int identify(const TableLabels& labels, const std::string& heading, int min_labels = 3) const;

  /// How many of the table's labels (the first 300) are official labels of format table `t`.
  int label_score(const TableLabels& labels, int t) const;

  /// Reads format table `t` from the Word table `parts` (one, or a table split into several
  /// whose later parts repeat the header or have none). Every figure goes to `out`; each cell
  /// that cannot be placed (a row or column label not in the format, an ambiguous label, a cell
  /// given twice), each value that is not a figure and each official cell missing from the
  /// table is an error naming the table, the label found and its position (E812–E822);
  /// "/", "—", "无" are read as 0 with one warning per table (W823), loosely matched labels
  /// give one warning per table (W824). Stops after kMaxFindingsPerFile findings in `diags`
  /// since `findings_start` and returns false.
  bool read(int t, const std::vector<const DocxTable*>& parts, const std::string& file, TableFigures& out,
            Diagnostics& diags, std::size_t findings_start) const;

  struct Expected;
  struct Official;

 private:
  const Format& format_;
  std::vector<Official> tables_;
};

/// "第 2 个表格第 5 行第 4 列" (positions 1-based in the document; row / col 0 left out).
std::string table_position(int table, int row, int col);

}  // namespace nianbao
