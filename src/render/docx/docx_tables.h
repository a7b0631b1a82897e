// Statutory tables as Word tables, laid out from the format's <layout>: what {{table id}} puts in
// the document.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "format/format.h"
#include "model/figure_values.h"

namespace nianbao {

/// Table `table` of the format as a Word table (w:tbl): merged headers (gridSpan / vMerge), every
/// value shown (0, not blank), both w:tblW and every w:gridCol set so Word and WPS agree on
/// widths. `values` holds one value per format cell; `width_twips` is the width of the text block.
std::string docx_table_xml(const Format& format, int table, FigureView values,
                           int width_twips = 8845);

}  // namespace nianbao
