// The sheet writers of the form (render/form_writer.h), which write_form calls in sheet order, and
// the formats they share. Each lays out its sheet whole and protects it; each returns the cells it
// placed under a defined name, for write_form to define. All throw std::runtime_error (from Book).
#pragma once

#include <string>
#include <vector>

#include "format/format.h"
#include "model/report.h"
#include "render/xlsx/book.h"
#include "render/xlsx/places.h"
#include "render/xlsx/styles.h"

namespace nianbao::xlsx {

constexpr const char* kGuideSheet = "说明";
constexpr const char* kTextSheet = "文字";
constexpr int kFormRowsAbove = 2;  // above each statutory grid: the title and the hint

/// Formats of the form, beside the workbook's Styles (owned by the workbook they were made for).
struct FormStyles {
  lxw_format* input;     // shaded and unlocked: a figure the agency types
  lxw_format* computed;  // grey: a total the form calculates
  lxw_format* text;      // shaded and unlocked, wrapped, top-left, stored as text: contact, narrative
  lxw_format* hint;      // no border, grey, wrapped: how to fill in the sheet
  lxw_format* check;     // centred, wrapped: a check's verdict
  lxw_format* check_label;
  lxw_format* line;      // no border, wrapped: a line of the 说明 sheet
  lxw_format* field;     // bordered, left, wrapped: a locked value of the 说明 sheet
  lxw_format* good;      // conditional: a verdict that passes
  lxw_format* bad;       // conditional: a verdict that does not
};

/// Adds the formats to `book`, always in the same order. Throws std::bad_alloc.
FormStyles make_form_styles(const Book& book);

/// A cell of a sheet carrying a workbook-level defined name.
struct NamedCell {
  std::string name;
  int row = 0, col = 0;
};

/// "$D$5".
std::string absolute_ref(int row, int col);

/// Protects `sheet` without a password; columns and rows may still be resized.
void protect_form_sheet(Sheet& sheet);

/// "text.<section id>", "text.highlight.<n>.title" / ".body" (n from 1).
std::string section_name(const SectionDef& s);
std::string highlight_name(int n, bool body);

/// 说明: the title, the identity block (nianbao.* names), how to fill in the form and whom to call.
/// `table_sheets` are the statutory sheets' names.
std::vector<NamedCell> write_form_guide_sheet(Sheet sheet, const Styles& st, const FormStyles& fs, const Format& f,
                                              const ReportFile& report, const Agency& agency,
                                              const std::vector<std::string>& table_sheets);

/// Table `table` as the format prints it, input cells shaded, unlocked and validated, computed
/// cells as SUM formulas (cached 0), and under the grid the checks of the table's rules
/// (form_checks.cpp). The input cells' names are not returned: they are the cells of `places`.
void write_form_table_sheet(Sheet sheet, const Styles& st, const FormStyles& fs, const Format& f, const Places& places,
                            int table);

/// The checks of table `table`'s rules that need no previous year, from row `row` down: a
/// per-column equality as one row, one verdict under each column (平衡 / 不平衡：相差N); every other
/// rule as a line (通过 / 不通过… / 请核对…), red or green by conditional formatting.
/// Adds row heights to `heights`; returns the row after the last one written.
int write_form_checks(Sheet& sheet, const FormStyles& fs, const Format& f, const Places& places, int table, int row,
                      RowHeights& heights);

/// What the checks under table `table` say when they pass, for the sheet's hint: "“平衡”",
/// "“通过”", "“平衡”或“通过”", or "" when write_form_checks writes none there.
std::string passing_verdicts(const Format& f, int table);

/// 文字: contact person and phone, the agency's own text for each section of the format, and
/// kFormHighlights highlights (小标题 + 正文), all in shaded unlocked cells.
std::vector<NamedCell> write_form_text_sheet(Sheet sheet, const Styles& st, const FormStyles& fs, const Format& f);

}  // namespace nianbao::xlsx
