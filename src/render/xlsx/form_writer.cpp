// write_form: the form's names, checked before anything is written; its sheets in order; the
// defined names that make it readable whatever a clerk's office suite does to its layout.
#include "render/form_writer.h"

#include <cassert>
#include <map>

#include "render/xlsx/form_sheets.h"
#include "render/xlsx/sheet_names.h"
#include "text/ascii.h"

namespace nianbao {

namespace {

constexpr std::size_t kMaxNameLength = 255;

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Why Excel would refuse `name`, or "" when it accepts it.
std::string name_fault(const std::string& name) {
  if (name.empty() || name.size() > kMaxNameLength) return "名称为空或超过 255 个字符";
  if (!is_letter(name[0]) && name[0] != '_') return "名称须以英文字母或下划线开头";
  for (char c : name)
    if (!is_letter(c) && !is_digit(c) && c != '_' && c != '.') return "名称只能含英文字母、数字、下划线和点";
  std::size_t letters = 0;
  while (letters < name.size() && is_letter(name[letters])) ++letters;
  if (letters >= 1 && letters <= 3 && letters < name.size() && is_digit(name[letters]))
    return "名称以字母加数字开头，Excel 会把它当作单元格引用（如 A1、R1C1）";
  const std::string first = ascii_lower(name.substr(0, name.find('.')));
  if (first == "r" || first == "c" || first == "rc") return "名称的第一部分是 r、c 或 rc，Excel 会把它当作 R1C1 引用";
  return "";
}

void define(xlsx::Book& book, const std::string& sheet, const std::vector<xlsx::NamedCell>& cells) {
  for (const auto& c : cells) {
    assert(is_form_name(c.name));
    book.define_name(c.name, "=" + xlsx::sheet_prefix(sheet) + xlsx::absolute_ref(c.row, c.col));
  }
}

}  // namespace

bool is_form_name(const std::string& name) { return name_fault(name).empty(); }

std::vector<std::string> form_names(const Format& f) {
  std::vector<std::string> names = {"nianbao.format", "nianbao.year", "nianbao.agency.code", "nianbao.agency.name"};
  for (int c = 0; c < f.cell_count(); ++c)
    if (!f.cells[c].computed()) names.push_back(f.cell_path(c));
  names.push_back("contact.name");
  names.push_back("contact.phone");
  for (const SectionDef& s : f.sections) names.push_back(xlsx::section_name(s));
  for (int n = 1; n <= kFormHighlights; ++n) {
    names.push_back(xlsx::highlight_name(n, false));
    names.push_back(xlsx::highlight_name(n, true));
  }
  std::map<std::string, std::string> seen;  // as Excel compares names: ASCII case folded
  for (const std::string& name : names) {
    if (std::string fault = name_fault(name); !fault.empty())
      throw FormatError("格式 " + f.id + " 无法生成报送表：单元格名称 " + name + " 不能用作 Excel 名称（" + fault +
                        "）；请修改格式定义中的 id");
    if (auto [it, added] = seen.emplace(ascii_lower(name), name); !added)
      throw FormatError("格式 " + f.id + " 无法生成报送表：单元格名称 " + it->second + " 与 " + name +
                        " 在 Excel 中是同一个名称（不区分大小写）；请修改格式定义中的 id");
  }
  return names;
}

void write_form(const Format& f, const ReportFile& report, const Agency& agency, const std::string& path,
                const FormOptions& options) {
  using namespace xlsx;
  form_names(f);  // throws before the file is started
  const std::vector<std::string> table_sheets = table_sheet_names(f);
  for (std::size_t t = 0; t < table_sheets.size(); ++t)
    if (table_sheets[t] == kGuideSheet || table_sheets[t] == kTextSheet)
      throw FormatError("格式 " + f.id + " 无法生成报送表：表 " + f.tables[t].id + " 的工作表名“" + table_sheets[t] +
                        "”与报送表自带的工作表重名");

  Book book(path, options.shown_path);
  const Styles st = make_styles(book);
  const FormStyles fs = make_form_styles(book);
  book.set_properties(agency.name + std::to_string(report.year) + "年政府信息公开工作年度报告 报送表", f.name,
                      report.compiler, options.created);
  const Places places = place(f, table_sheets, kFormRowsAbove);

  const auto identity = write_form_guide_sheet(Sheet(book, book.add_sheet(kGuideSheet)), st, fs, f, report, agency, table_sheets);
  for (int t = 0; t < static_cast<int>(f.tables.size()); ++t)
    write_form_table_sheet(Sheet(book, book.add_sheet(table_sheets[t])), st, fs, f, places, t);
  const auto text = write_form_text_sheet(Sheet(book, book.add_sheet(kTextSheet)), st, fs, f);

  define(book, kGuideSheet, identity);
  for (int c = 0; c < f.cell_count(); ++c) {
    if (f.cells[c].computed()) continue;
    const Placed& at = places.cells[c];
    define(book, table_sheets[f.cells[c].table], {{f.cell_path(c), at.row, at.col}});
  }
  define(book, kTextSheet, text);
  book.close();
}

}  // namespace nianbao
