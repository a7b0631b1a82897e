// The narrative of an agency's own Word report: its title (which agency, which year), the
// statutory headings (一、总体情况 … 六、其他需要报告的事项) with the variants real reports print,
// the text under each, and the highlights taken from 一、总体情况. No tables (report_tables.h).
#pragma once

#include <string>
#include <vector>

#include "format/format.h"
#include "input/docx_body.h"
#include "model/report.h"

namespace nianbao {

/// A heading the format prescribes: a narrative section or a numbered table's title.
struct ReportHeading {
  std::string id;       // section id, or the table id
  bool is_table = false;
  std::string heading;  // as the format prints it
  std::string parent;   // for "六、存在的问题及下步工作建议（一）存在的问题": the part before "（一）"
};

/// The format's headings in the order a report prints them: its sections and its numbered tables
/// ("二、主动公开政府信息情况"), ordered by their numbers; unnumbered tables are no heading.
std::vector<ReportHeading> heading_defs(const Format& format);

/// Whether a paragraph is the heading `def`: its number, when it has one, is the heading's; the
/// rest, without punctuation, brackets or white space, holds at least 80 % of the heading's
/// characters in order and is not much longer ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
/// is 四、政府信息公开行政复议、行政诉讼情况); a sentence (ending in "。") is no heading.
bool is_heading(const std::string& paragraph, const ReportHeading& def);

/// For each def, the index into body.paragraphs of its heading, or -1. Headings are taken in
/// order, each the first match after the one before.
std::vector<int> find_headings(const DocxBody& body, const std::vector<ReportHeading>& defs);

/// The title: the first non-empty paragraphs (at most three) before the first heading and the
/// first table, joined.
std::string report_title(const DocxBody& body, const std::vector<int>& headings);

/// The year a title names ("2025年", "２０２５年", "二〇二五年" → 2025), or 0.
int year_in(const std::string& text);

/// The roster agencies whose full name (white space ignored) is in `text`; a name inside a longer
/// matched name ("某某市人民政府" in "某某市人民政府办公室") does not count. Indices into roster.
std::vector<int> agencies_named(const std::string& text, const std::vector<Agency>& roster);

/// The text of each format section (between its heading and the next one, tables left out),
/// one Paragraph per line, as own_sections: id and title from the format.
std::vector<NarrativeSection> section_texts(const DocxBody& body, const Format& format, const std::vector<ReportHeading>& defs,
                                            const std::vector<int>& headings, const std::string& file);

/// The highlights for the government's report, from the overview section: each sub-headed part
/// ("（一）主动公开情况", or a paragraph opening with such a heading followed by "。" or "：") is one
/// highlight titled with the heading without its number; an overview without sub-headings is one
/// highlight titled with the agency's name. Empty when there is no overview text.
std::vector<NarrativeSection> overview_highlights(const NarrativeSection& overview, const std::string& agency_name);

}  // namespace nianbao
