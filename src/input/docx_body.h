// The body of a WordprocessingML document (word/document.xml) as plain blocks in reading order:
// paragraphs as the reader sees them (tracked deletions and field codes left out) and tables
// resolved to a grid of merged cells. Knows nothing about annual reports; reads no zip.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/diagnostics.h"

namespace nianbao {

/// document.xml above this size is refused before it is parsed (E801): real reports hold a few
/// megabytes of XML; pictures live in other parts.
inline constexpr std::size_t kMaxDocumentXmlBytes = 32u << 20;
/// A table with more rows, or a grid wider than this, is refused (E803).
inline constexpr int kMaxTableRows = 10000;
inline constexpr int kMaxTableColumns = 64;
/// Elements nested deeper than this in the body are refused (E802).
inline constexpr int kMaxBodyDepth = 128;

struct DocxParagraph {
  std::string text;     // runs joined; w:tab as '\t', w:br / w:cr as '\n'
  int index = 0;        // 1-based among the body's paragraphs outside tables
  bool numbered = false;  // w:numPr: Word prints a number ("一、", "1.") the text does not hold
  int num_level = 0;    // w:ilvl when numbered
  std::string style;    // w:pStyle, e.g. "1" or "Heading1"
};

/// One cell of a table after merging: the origin of a gridSpan / vMerge region.
struct DocxCell {
  std::string text;  // the cell's paragraphs joined with '\n'
  int row = 0, col = 0;  // 0-based grid position of its top-left corner
  int rowspan = 1, colspan = 1;
  bool nested_table = false;  // the cell holds a table of its own (its text is not in `text`)
};

struct DocxTable {
  int index = 0;  // 1-based among the body's top-level tables
  int rows = 0, cols = 0;
  std::vector<DocxCell> cells;
  std::vector<int> grid;            // rows × cols: index into cells, -1 where no cell covers it
  std::vector<bool> repeat_header;  // per row: w:tblHeader (repeated at the top of each page)
  int paragraphs_before = 0;        // body paragraphs before the table (DocxParagraph::index ≤ this)

  int at(int row, int col) const { return grid[static_cast<std::size_t>(row) * cols + col]; }
};

struct DocxBlock {
  bool is_table = false;
  int index = 0;  // into DocxBody::paragraphs or DocxBody::tables
};

struct DocxBody {
  std::vector<DocxParagraph> paragraphs;
  std::vector<DocxTable> tables;
  std::vector<DocxBlock> blocks;  // reading order
};

/// Reads the body of document.xml. A part over kMaxDocumentXmlBytes (E801), not well-formed or
/// with a DOCTYPE or nested beyond kMaxBodyDepth (E802) gives an empty body and one error; a
/// table over the limits (E803) is left out with an error; a table inside a table cell (E804)
/// is reported and its cell marked. `where` names the file for the diagnostics. Never throws
/// for bad input.
DocxBody read_docx_body(const std::string& document_xml, const SourceLocation& where, Diagnostics& diags);

}  // namespace nianbao
