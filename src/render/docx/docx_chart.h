// Native charts for the document: a DrawingML chart part (word/charts/chartN.xml) whose data are
// literals, so Word, WPS and LibreOffice draw it without an embedded workbook, and the inline
// drawing that places it in a paragraph.
#pragma once

#include <string>
#include <vector>

#include "format/format.h"

namespace nianbao {

struct ChartSeriesData {
  std::string name;             // "本年", "上年"; empty for a single series
  std::vector<double> values;   // one per category
};

/// The chart part: title, categories and series drawn as `type`.
std::string docx_chart_part(ChartType type, const std::string& title, const std::vector<std::string>& categories,
                            const std::vector<ChartSeriesData>& series);

/// A centred paragraph holding the chart of relationship `rel_id`, `number` unique in the document.
std::string docx_chart_paragraph(const std::string& rel_id, int number, const std::string& title);

}  // namespace nianbao
