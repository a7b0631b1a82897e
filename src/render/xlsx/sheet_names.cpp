#include "render/xlsx/sheet_names.h"

#include <set>
#include <string_view>

#include "render/workbook_writer.h"
#include "text/ascii.h"
#include "text/utf8.h"

namespace nianbao::xlsx {

namespace {

constexpr int kSheetNameMax = 31;

/// The longest prefix of `s` of at most `max_units` UTF-16 units (Excel's measure of sheet names).
std::string truncate_units(const std::string& s, int max_units) {
  int units = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t next = i;
    int u = next_char(s, next) > 0xFFFF ? 2 : 1;
    if (units + u > max_units) break;
    units += u;
    i = next;
  }
  return s.substr(0, i);
}

/// Lower-cased ASCII, as Excel compares sheet names.
std::string sheet_key(const std::string& name) {
  return ascii_lower(name);
}

/// `wanted`, sanitized, with "(2)", "(3)" … appended until no sheet in `used` has the name.
std::string unique_sheet_name(const std::string& wanted, std::set<std::string>& used) {
  const std::string base = sanitize_sheet_name(wanted);
  std::string name = base;
  for (int n = 2; used.count(sheet_key(name)) || sheet_key(name) == "history"; ++n) {
    std::string suffix = std::string("(").append(std::to_string(n)).append(")");
    name = truncate_units(base, kSheetNameMax - static_cast<int>(suffix.size())) + suffix;
  }
  used.insert(sheet_key(name));
  return name;
}

}  // namespace

std::vector<std::string> table_sheet_names(const Format& f) {
  std::set<std::string> used;
  for (const char* name : {kChartsSheet, kYearOnYearSheet, kAgenciesSheet, kStatusSheet, kDiagnosticsSheet})
    used.insert(sheet_key(name));
  std::vector<std::string> names;
  for (const TableDef& t : f.tables) names.push_back(unique_sheet_name(t.sheet, used));
  return names;
}

}  // namespace nianbao::xlsx

namespace nianbao {

std::string sanitize_sheet_name(const std::string& wanted) {
  std::string out;
  const std::string cut = xlsx::truncate_units(wanted, xlsx::kSheetNameMax);
  for (std::size_t i = 0; i < cut.size();) {
    std::size_t start = i;
    char32_t cp = next_char(cut, i);
    if (std::u32string_view(U"[]:*?/\\").find(cp) != std::u32string_view::npos || cp < 0x20 || cp == 0xFFFD)
      out += '_';
    else
      out.append(cut, start, i - start);
  }
  while (!out.empty() && out.front() == '\'') out.erase(0, 1);
  while (!out.empty() && out.back() == '\'') out.pop_back();
  return out.empty() ? "表" : out;
}

}  // namespace nianbao
