// Private to format/: reading a format.xml with pugixml — its path and text, so that every fault
// names the file and the line, the attribute readers the loaders share, and the layout loader.
// Only format/*.cpp include this; they include the pugixml header themselves, so no header does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "format/format.h"

namespace pugi {
class xml_node;
}  // namespace pugi

namespace nianbao {

/// The format.xml being read. Every fault throws FormatError:
/// "格式定义 <path>（第<line>行） 有误：<what>".
class FormatSource {
 public:
  /// `text`: the file's bytes, for the line numbers of faults.
  FormatSource(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {}

  const std::string& path() const { return path_; }

  [[noreturn]] void fail(const pugi::xml_node& node, const std::string& what) const;
  /// The value of a non-empty attribute; a fault naming the element and the attribute otherwise.
  std::string required(const pugi::xml_node& node, const char* attr) const;
  /// type="count" or "money"; nullopt when the attribute is absent or empty.
  std::optional<ValueType> type_of(const pugi::xml_node& node) const;

 private:
  int line_of(const pugi::xml_node& node) const;

  std::string path_;
  std::string text_;
};

/// `s` as a number written wholly in decimal ("10.5", "12"; not "12x", "大", "1e3", "inf", " 1"), or
/// nullopt.
std::optional<double> parse_decimal(std::string_view s);
/// `s` as a whole number of digits only ("12"; not "+1", "1.0", " 1") that fits, or nullopt.
std::optional<std::int64_t> parse_digits(std::string_view s);

/// The words of `s` between white space.
std::vector<std::string> split_ws(const std::string& s);

/// Reads the <layout> of f.tables[table] (`node`, null when missing): widths, font size, the
/// grid of th/td/values cells, which rows are header. Every fault throws through `source`.
void load_layout(const FormatSource& source, Format& f, int table, const pugi::xml_node& node);

}  // namespace nianbao
