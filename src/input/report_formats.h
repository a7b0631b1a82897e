// What reading an agency's own Word report needs beyond format.xml, from
// templates/<format>/word-report.xml: the format tables a report may leave out, and how to
// recognise a table drawn in another format (last years' layouts, or a newer one), so that such
// a report is rejected with a code that names the format it used.
#pragma once

#include <string>
#include <vector>

#include "format/format.h"
#include "input/report_tables.h"

namespace nianbao {

/// A table of another format, told by labels only that format prints.
struct TableSignature {
  std::vector<std::string> labels;  // all of these label cells (bare; a longer label holding one counts)
  std::string row;                  // or: a data row whose last label is this (bare)
};

struct OtherFormat {
  std::string id;    // "xxgk-2019", "xxgk-2018" or "xxgk-2021"
  std::string name;  // as the message names it
  std::string code;  // E809 (2019 trial format), E810 (pre-2019 统计表), E811 (a newer format)
  std::vector<TableSignature> tables;
};

struct WordReportRules {
  std::vector<int> optional_tables;  // format table indices a report need not print
  std::vector<OtherFormat> others;
  /// The section whose sub-headed parts are the agency's highlights (<highlights section="…">;
  /// default the format's first section).
  std::string highlights_section;
};

/// Reads templates/<format>/word-report.xml (Format::dir); no such file: every table is
/// required and no other format is recognised. Throws FormatError naming the file and the fault.
WordReportRules load_word_report_rules(const Format& format);
/// The same from the file's text (tests); `path` names it in messages.
WordReportRules parse_word_report_rules(const std::string& text, const std::string& path, const Format& format);

/// The other format whose signature the table's labels show, or nullptr.
const OtherFormat* recognise_other_format(const TableLabels& labels, const WordReportRules& rules);

}  // namespace nianbao
