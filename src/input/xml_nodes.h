// Private to input/: the parsed nodes of a loaded XmlFile and what the readers here share over
// them (places, element text, contacts, paragraphs, the finding budget). Only input/*.cpp include
// this; they include the pugixml header themselves, so no header does.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "input/xml_file.h"
#include "model/report.h"

namespace pugi {
class xml_document;
class xml_node;
class xml_attribute;
}  // namespace pugi

namespace nianbao {

struct FindingBudget;

/// The parsed document of `xml`; it lives as long as `xml`.
const pugi::xml_document& parsed(const XmlFile& xml);

/// Line and column of an element (its '<') or an attribute of `xml`'s document; the whole file
/// for a null node.
SourceLocation where(const XmlFile& xml, const pugi::xml_node& node);
SourceLocation where(const XmlFile& xml, const pugi::xml_attribute& attr);

inline bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// `s` without the XML white space around it.
inline std::string_view trim_view(std::string_view s) {
  while (!s.empty() && is_xml_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_xml_space(s.back())) s.remove_suffix(1);
  return s;
}
inline std::string trim(std::string_view s) { return std::string(trim_view(s)); }

/// Whether `text` (white space around it allowed) is a four-digit year from 1990 to 2100; sets
/// `year` when it is four digits.
bool parse_year(const char* text, int& year);

/// Whether `text` is a date "YYYY-MM-DD" that exists (2026-02-30 does not; leap years counted).
bool is_real_date(std::string_view text);

/// Reports what is inside `node` although it may hold nothing but attributes (an <agency>, a
/// <contact>, a <row>): each element E108, the first piece of text E113 ("<agency> 中…", with
/// `what` naming the element). When `text_allowed`, only elements are reported (for <submitted>).
/// Returns whether anything was reported; `budget` as for read_paragraphs.
bool report_content_inside(const XmlFile& xml, const pugi::xml_node& node, const char* what, Diagnostics& diags,
                           FindingBudget* budget, bool text_allowed = false);

/// The first piece of text directly in `node` (an element that holds elements only: a <table>,
/// the <submission>) as E113; returns whether there was one.
bool report_text_inside(const XmlFile& xml, const pugi::xml_node& node, const char* what, Diagnostics& diags);

/// The plain text of an element: its text nodes joined, line breaks of the XML source (with
/// their indentation) removed between Chinese characters and folded to one space otherwise.
std::string element_text(const pugi::xml_node& node);

/// The name, phone and email attributes of a <contact> (a null node gives an empty contact).
Contact read_contact(const pugi::xml_node& node);

/// Counts the findings of one file: a reader asks stop() before each further piece it reads.
struct FindingBudget {
  const Diagnostics& diags;
  std::size_t start = diags.items().size();
  bool stopped = false;
  /// True (and remembered) once kMaxFindingsPerFile findings have been added since the start.
  bool stop() { return stopped = stopped || diags.items().size() - start >= kMaxFindingsPerFile; }
};

/// The <p> paragraphs of a <section>: text outside them is W109, other elements E108. With a
/// budget, stops when it is spent.
std::vector<Paragraph> read_paragraphs(const XmlFile& xml, const pugi::xml_node& section, Diagnostics& diags,
                                       FindingBudget* budget = nullptr);

}  // namespace nianbao
