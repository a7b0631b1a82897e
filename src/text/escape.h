// Escaping text for the XML and JSON the program writes: one function for each form those files
// need. Standard library only; the text is UTF-8 (JSON's escaper also copes when it is not).
#pragma once

#include <string>
#include <string_view>

namespace nianbao {

/// `text` for XML element content or an attribute value in double quotes: & < > " as entity
/// references, everything else unchanged.
std::string xml_escape(std::string_view text);

/// xml_escape, and tab, line feed and carriage return as character references (&#9; &#10;
/// &#13;): a parser then reads them back exactly, even in an attribute value (where it would
/// turn a raw one into a space), and each value stays on one line of the file.
std::string xml_escape_keep_breaks(std::string_view text);

/// Appends what xml_escape_keep_breaks returns for `text`, without a string of its own.
void append_xml_keep_breaks(std::string& out, std::string_view text);

/// Appends `text` for XML element content only: & < > as entity references, quotes unchanged.
void append_xml_content(std::string& out, std::string_view text);

/// `text` for the inside of a JSON string: " and \ escaped, \n \r \t by name, other control
/// characters as \u00XX. A byte that does not belong to well-formed UTF-8 (text/utf8.h's
/// next_char) becomes \ufffd, so a JSON file stays readable whatever it is given.
std::string json_escape(std::string_view text);

}  // namespace nianbao
