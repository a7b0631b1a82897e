// Reads .docx and .xlsx files back the way a reader's office suite shows them, for tests:
// Word tables expanded to their grid (gridSpan, vMerge), sheet cells by reference with shared
// strings resolved, paragraphs as text.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace nianbao::test {

struct DocxTable {
  /// grid[row][col]: the text shown at that grid position; a merged area repeats its text.
  std::vector<std::vector<std::string>> grid;
  int width_twips = 0;             // w:tblW
  std::vector<int> grid_cols;      // w:gridCol widths
};

struct Docx {
  std::vector<std::string> paragraphs;  // body paragraphs outside tables, in order
  std::vector<std::string> styles;      // the pStyle of each of those paragraphs ("" if none)
  std::vector<DocxTable> tables;        // top-level tables, in order
  std::map<std::string, std::string> parts;
};

Docx read_docx(const std::string& path);

struct SheetCell {
  std::string value;    // as displayed (number text or string)
  std::string formula;  // without "=", when a formula
  bool is_string = false;
};

struct Sheet {
  std::string name;
  std::map<std::string, SheetCell> cells;  // "D5" → cell
  std::vector<std::string> merges;         // "A1:C3"
};

struct Xlsx {
  std::vector<Sheet> sheets;  // in workbook order
  const Sheet* find(const std::string& name) const;
};

Xlsx read_xlsx(const std::string& path);

/// "A1" style reference for 0-based row and column.
std::string cell_ref(int row, int col);

/// Runs a command through the shell; returns its exit status.
int run_command(const std::string& command);

}  // namespace nianbao::test
