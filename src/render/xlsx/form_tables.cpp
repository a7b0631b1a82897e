// The form's statutory sheets: the output workbook's layout walker with input cells instead of
// figures, and the formats and protection every sheet of the form shares.
#include <algorithm>
#include <cassert>
#include <new>

#include "model/value.h"
#include "render/xlsx/form_sheets.h"
#include "render/xlsx/table_grid.h"
#include "text/utf8.h"

namespace nianbao::xlsx {

namespace {

constexpr lxw_color_t kInputFill = 0xFFF2CC;     // light yellow: type here
constexpr lxw_color_t kComputedFill = 0xEDEDED;  // light grey: calculated
constexpr double kHintFontSize = 10;
constexpr int kTitleUnits = 32, kMessageUnits = 255;  // Excel's limits for validation texts

const char* const kTableHint = "请在浅黄色单元格中填写本单位的数据，没有请填 0 或留空；灰色单元格是自动计算的合计，不必填写。";

lxw_format* new_format(const Book& book) {
  lxw_format* f = workbook_add_format(book.get());
  if (!f) throw std::bad_alloc();
  format_set_font_name(f, kFontName);
  format_set_font_family(f, 3);
  format_set_font_size(f, kFontSize);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  return f;
}

lxw_format* bordered(const Book& book, uint8_t align, bool wrap) {
  lxw_format* f = new_format(book);
  format_set_align(f, align);
  format_set_border(f, LXW_BORDER_THIN);
  if (wrap) format_set_text_wrap(f);
  return f;
}

/// Length in UTF-16 units, as Excel measures the texts of a validation.
int utf16_units(const std::string& s) {
  int units = 0;
  for (std::size_t i = 0; i < s.size();) units += next_char(s, i) > 0xFFFF ? 2 : 1;
  return units;
}

/// The validation of the input cells r1..r2 × c1..c2 of type `type` in `unit`: a whole number in 0..kMaxCount, or an
/// amount in 0..10^12 with at most four decimals (a custom formula on the range's first cell, as
/// Excel reads relative references in a validation).
void validate_inputs(Sheet& sheet, ValueType type, const std::string& unit, int r1, int r2, int c1, int c2) {
  const bool money = type == ValueType::kMoney;
  const std::string in_unit = unit.empty() ? "" : "（单位：" + unit + "）";
  std::string title = std::string(money ? "请填金额" : "请填整数") + in_unit;
  if (utf16_units(title) > kTitleUnits) title = money ? "请填金额" : "请填整数";
  std::string message = money ? "填不小于 0 的金额" + in_unit + "，最多 4 位小数；" : "填不小于 0 的整数" + in_unit + "；";
  message += "只填阿拉伯数字，不带单位、文字或空格。没有请填 0 或留空。";
  std::string error_title = money ? "金额填写有误" : "这里只能填整数";
  std::string error = money ? "这里只能填不小于 0 的金额" + in_unit + "，最多 4 位小数，"
                            : "这里只能填不小于 0 的整数" + in_unit + "，";
  error += "不带单位、文字或空格。没有请填 0 或留空。";
  if (utf16_units(message) > kMessageUnits || utf16_units(error) > kMessageUnits) {
    message = money ? "填不小于 0 的金额，最多 4 位小数。没有请填 0 或留空。" : "填不小于 0 的整数。没有请填 0 或留空。";
    error = message;
  }
  const std::string first = cell_ref(r1, c1);
  std::string formula = "=AND(ISNUMBER(" + first + ")," + first + ">=0," + first + "<=1000000000000,ROUND(" + first +
                        ",4)=" + first + ")";
  lxw_data_validation v{};
  if (money) {
    v.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
    v.value_formula = formula.data();
  } else {
    v.validate = LXW_VALIDATION_TYPE_INTEGER;
    v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    v.minimum_number = 0;
    v.maximum_number = static_cast<double>(kMaxCount);
  }
  v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  v.input_title = title.data();
  v.input_message = message.data();
  v.error_title = error_title.data();
  v.error_message = error.data();
  sheet.validate(r1, c1, r2, c2, &v);
}

/// One validation per block of single count cells of one unit: neighbours in a grid row make a
/// run, and runs over the same columns in consecutive rows one rectangle (the requests table's
/// 23 rows of six input cells are one validation, not 23: the form is smaller to send and to
/// read). One per money cell, so that its formula names its own cell.
void validate_table_inputs(Sheet& sheet, const Format& f, const Places& places, int table) {
  struct Block {
    int cell, r1, r2, c1, c2;
    bool single;
  };
  auto joins = [&](const Block& a, const Block& b) {
    const CellDef &x = f.cells[a.cell], &y = f.cells[b.cell];
    return a.single && b.single && x.type == ValueType::kCount && y.type == ValueType::kCount && x.unit == y.unit;
  };
  std::vector<Block> runs;
  for (const LayoutCell& lc : f.tables[table].layout.cells) {
    if (!lc.is_value || f.cells[lc.cell].computed()) continue;
    const Placed& at = places.cells[lc.cell];
    const Block b{lc.cell, at.row, at.row, at.col, at.col, at.rowspan == 1 && at.colspan == 1};
    if (!runs.empty() && runs.back().r1 == at.row && runs.back().c2 + 1 == at.col && joins(runs.back(), b)) {
      runs.back().c2 = at.col;
      continue;
    }
    runs.push_back(b);
  }
  std::vector<Block> blocks;
  for (const Block& r : runs) {
    auto above = std::find_if(blocks.begin(), blocks.end(), [&](const Block& b) {
      return b.r2 + 1 == r.r1 && b.c1 == r.c1 && b.c2 == r.c2 && joins(b, r);
    });
    if (above != blocks.end()) above->r2 = r.r1;
    else blocks.push_back(r);
  }
  for (const Block& b : blocks) validate_inputs(sheet, f.cells[b.cell].type, f.cells[b.cell].unit, b.r1, b.r2, b.c1, b.c2);
}

}  // namespace

FormStyles make_form_styles(const Book& book) {
  FormStyles s{};
  s.input = bordered(book, LXW_ALIGN_CENTER, false);
  format_set_bg_color(s.input, kInputFill);
  format_set_unlocked(s.input);
  s.computed = bordered(book, LXW_ALIGN_CENTER, false);
  format_set_bg_color(s.computed, kComputedFill);
  s.text = bordered(book, LXW_ALIGN_LEFT, true);
  format_set_align(s.text, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color(s.text, kInputFill);
  format_set_num_format(s.text, "@");
  format_set_unlocked(s.text);
  s.hint = new_format(book);
  format_set_font_size(s.hint, kHintFontSize);
  format_set_font_color(s.hint, 0x595959);
  format_set_text_wrap(s.hint);
  s.check = bordered(book, LXW_ALIGN_CENTER, true);
  s.check_label = bordered(book, LXW_ALIGN_LEFT, true);
  format_set_bold(s.check_label);
  s.line = new_format(book);
  format_set_text_wrap(s.line);
  s.field = bordered(book, LXW_ALIGN_LEFT, true);
  s.good = workbook_add_format(book.get());
  s.bad = workbook_add_format(book.get());
  if (!s.good || !s.bad) throw std::bad_alloc();
  format_set_font_color(s.good, 0x006100);
  format_set_bg_color(s.good, 0xC6EFCE);
  format_set_font_color(s.bad, 0x9C0006);
  format_set_bg_color(s.bad, 0xFFC7CE);
  format_set_bold(s.bad);
  return s;
}

std::string absolute_ref(int row, int col) { return "$" + column_name(col) + "$" + std::to_string(row + 1); }

void protect_form_sheet(Sheet& sheet) {
  lxw_protection p{};
  p.format_columns = 1;  // 1 = allowed: a clerk may widen a column or heighten a row to read
  p.format_rows = 1;
  worksheet_protect(sheet.get(), nullptr, &p);
}

std::string section_name(const SectionDef& s) { return "text." + s.id; }

std::string highlight_name(int n, bool body) {
  return "text.highlight." + std::to_string(n) + (body ? ".body" : ".title");
}

void write_form_table_sheet(Sheet sheet, const Styles& st, const FormStyles& fs, const Format& f, const Places& places,
                            int table) {
  const TableDef& t = f.tables[table];
  FigureCells figures;
  figures.style = [&](int cell) { return f.cells[cell].computed() ? fs.computed : fs.input; };
  figures.write = [&](int cell, int row, int col, lxw_format* style) {
    const CellDef& def = f.cells[cell];
    if (!def.computed()) return sheet.blank(row, col, style);
    std::vector<Placed> parts;
    for (int k : def.sum_of) parts.push_back(places.cells[k]);
    sheet.formula(row, col, sum_formula(parts), 0, style);  // 0 is the total of an empty form
  };
  RowHeights heights;
  const std::string verdicts = passing_verdicts(f, table);
  const std::string hint = kTableHint + (verdicts.empty() ? "" : "表下方的校验显示" + verdicts + "即为填对。");
  const int top = write_table_grid(sheet, st, f, table, GridNote{hint, fs.hint, kHintFontSize}, places.cells, figures,
                                   heights);
  assert(top == kFormRowsAbove);
  validate_table_inputs(sheet, f, places, table);
  const int end = write_form_checks(sheet, fs, f, places, table, top + t.layout.grid_rows, heights);
  for (const LayoutCell& lc : t.layout.cells)
    if (lc.is_value && !f.cells[lc.cell].computed()) {
      worksheet_set_selection(sheet.get(), top + lc.row, lc.col, top + lc.row, lc.col);
      break;
    }
  // As many pages tall as it takes, the header on each (a 70-row table squeezed onto one page is
  // too small to check on paper), unless a label spans body rows: split by a page break, it would
  // show its text on one page only, as the output workbook's sheets say.
  const bool spanning = std::any_of(t.layout.cells.begin(), t.layout.cells.end(), [&](const LayoutCell& c) {
    return !c.is_value && c.rowspan > 1 && c.row >= t.layout.header_rows;
  });
  finish_table_sheet(sheet, t, top, spanning ? 1 : 0, heights);
  sheet.print_area(0, 0, end - 1, std::max(static_cast<int>(t.layout.widths.size()) - 1, 1));
  protect_form_sheet(sheet);
}

}  // namespace nianbao::xlsx
