// The form's 说明 and 文字 sheets: the words around the tables.
#include <algorithm>
#include <set>

#include "render/form_writer.h"
#include "render/xlsx/form_sheets.h"

namespace nianbao::xlsx {

namespace {

constexpr double kLabelWidth = 16, kValueWidth = 74;
constexpr double kSectionPoints = 150, kHighlightPoints = 100;

/// A sheet of two columns, label and value, written row by row.
class TwoColumns {
 public:
  TwoColumns(Sheet& sheet) : sheet_(sheet) {
    sheet_.width(0, kLabelWidth);
    sheet_.width(1, kValueWidth);
  }

  int row() const { return row_; }
  void skip() { ++row_; }

  /// `text` across both columns.
  void line(const std::string& text, lxw_format* style, double font_size = kFontSize) {
    sheet_.span(row_, 0, row_, 1, text, style);
    heights_.need(row_++, 1, text_height(text, kLabelWidth + kValueWidth, font_size) + kRowPadding);
  }
  /// A label and a locked text value; returns the value's row.
  int field(const std::string& label, const std::string& value, const Styles& st, const FormStyles& fs) {
    sheet_.text(row_, 0, label, st.label);
    sheet_.text(row_, 1, value, fs.field);
    heights_.need(row_, 1, std::max(text_height(label, kLabelWidth, kFontSize), text_height(value, kValueWidth, kFontSize)));
    return row_++;
  }
  /// A label and an empty input cell at least `points` tall, named `name`, with an input prompt.
  NamedCell input(const std::string& label, const std::string& name, double points, const std::string& prompt,
                  const Styles& st, const FormStyles& fs) {
    sheet_.text(row_, 0, label, st.label);
    sheet_.blank(row_, 1, fs.text);
    std::string title = "请填写", message = prompt;
    lxw_data_validation v{};
    v.validate = LXW_VALIDATION_TYPE_ANY;
    v.input_title = title.data();
    v.input_message = message.data();
    sheet_.validate(row_, 1, row_, 1, &v);
    heights_.need(row_, 1, std::max(points, text_height(label, kLabelWidth, kFontSize)));
    return NamedCell{name, row_++, 1};
  }
  void finish(bool landscape) {
    heights_.apply(sheet_);
    worksheet_gridlines(sheet_.get(), LXW_HIDE_ALL_GRIDLINES);
    sheet_.print_setup(landscape, 1, 0);
    sheet_.print_area(0, 0, row_ - 1, 1);
    protect_form_sheet(sheet_);
  }

 private:
  Sheet& sheet_;
  RowHeights heights_;
  int row_ = 0;
};

/// "万元、元": the units of the format's money cells, in cell order.
std::string money_units(const Format& f) {
  std::vector<std::string> units;
  for (const CellDef& c : f.cells)
    if (c.type == ValueType::kMoney && !c.unit.empty() && std::find(units.begin(), units.end(), c.unit) == units.end())
      units.push_back(c.unit);
  return join(units, "、");
}

/// How to fill in the form, one numbered line each; the checks and units are the format's.
std::vector<std::string> instructions(const Format& f, const ReportFile& report, const std::vector<std::string>& table_sheets) {
  std::vector<std::string> out;
  std::vector<std::string> quoted;
  for (const auto& s : table_sheets) quoted.push_back("“" + s + "”");
  out.push_back("只在浅黄色单元格中填写。其他单元格已锁定，不能修改；灰色单元格是自动计算的合计，不必填写。");
  out.push_back("在" + join(quoted, "、") + "表中逐项填写本单位" + std::to_string(report.year) +
                "年度的数据。没有的填 0 或留空，留空即为 0。");
  out.push_back("只填阿拉伯数字，不带单位、文字或空格；件数、人数等填整数。填得不对时，表格会提示并拒绝。");
  if (const std::string units = money_units(f); !units.empty())
    out.push_back("金额按表中注明的单位（" + units + "）填写，最多 4 位小数。");
  std::set<std::string> balanced, passed;
  for (const RuleDef& r : f.rules) {
    if (r.needs_previous) continue;
    (r.per_column && r.op == RuleOp::kEqual ? balanced : passed).insert("“" + table_sheets[r.table] + "”");
  }
  if (!balanced.empty())
    out.push_back(join({balanced.begin(), balanced.end()}, "、") +
                  "表下方的校验行须每列都显示“平衡”，才能报送；显示“不平衡：相差N”的列，请核对该列的数据。");
  if (!passed.empty())
    out.push_back(join({passed.begin(), passed.end()}, "、") +
                  "表下方的校验显示“不通过”的必须改正；显示“请核对”的请核实，确实如此的可以报送。");
  out.push_back("在“文字”表中填写联系人和联系电话；本单位年度报告的文字和重点工作亮点可选填。");
  out.push_back("填好后用 Excel 或 WPS 直接保存，保持 Excel 工作簿（.xlsx）格式，不要另存为 .xls 或 .et；"
                "不要修改本页的单位代码、单位名称、格式和年度。");
  std::string send = "填好后请将本文件报送" + (report.compiler.empty() ? std::string("编制单位") : report.compiler) + "。";
  out.push_back(send);
  return out;
}

/// A placeholder the narrative may use, from the format: its first total, else its first cell.
std::string example_tag(const Format& f) {
  int cell = 0;
  for (int c = 0; c < f.cell_count(); ++c)
    if (f.cells[c].computed()) {
      cell = c;
      break;
    }
  const CellDef& def = f.cells[cell];
  const TableDef& t = f.tables[def.table];
  std::string tag = t.id + "." + t.rows[def.row].id;
  if (t.columns.size() > 1) tag += "." + t.columns[def.col].id;
  return "{{" + tag + "}}";
}

}  // namespace

std::vector<NamedCell> write_form_guide_sheet(Sheet sheet, const Styles& st, const FormStyles& fs, const Format& f,
                                              const ReportFile& report, const Agency& agency,
                                              const std::vector<std::string>& table_sheets) {
  TwoColumns page(sheet);
  page.line(agency.name + std::to_string(report.year) + "年政府信息公开工作年度报告 报送表", st.title, kTitleFontSize);
  page.line("汇总到：" + report.title, fs.hint, 10);
  page.skip();
  std::vector<NamedCell> names;
  names.push_back({"nianbao.agency.code", page.field("单位代码", agency.code, st, fs), 1});
  names.push_back({"nianbao.agency.name", page.field("单位名称", agency.name, st, fs), 1});
  names.push_back({"nianbao.format", page.field("格式", f.id, st, fs), 1});
  const int year = page.field("年度", "", st, fs);
  sheet.number(year, 1, report.year, fs.field);  // a number, as a clerk's Excel would store a year
  names.push_back({"nianbao.year", year, 1});
  page.field("格式名称", f.name + (f.basis.empty() ? "" : "（" + f.basis + "）"), st, fs);
  page.line("以上内容由编制单位填好，请勿修改：程序据此认出是哪个单位的报送表。", fs.hint, 10);
  page.skip();

  page.line("填写说明", st.heading);
  const std::vector<std::string> steps = instructions(f, report, table_sheets);
  for (std::size_t i = 0; i < steps.size(); ++i) page.line(std::to_string(i + 1) + ". " + steps[i], fs.line);
  page.skip();

  page.line("有问题请联系", st.heading);
  if (!report.compiler.empty()) page.field("编制单位", report.compiler, st, fs);
  if (!report.contact.name.empty()) page.field("联系人", report.contact.name, st, fs);
  if (!report.contact.phone.empty()) page.field("联系电话", report.contact.phone, st, fs);
  if (!report.contact.email.empty()) page.field("电子邮箱", report.contact.email, st, fs);
  page.finish(/*landscape=*/false);
  worksheet_activate(sheet.get());
  return names;
}

std::vector<NamedCell> write_form_text_sheet(Sheet sheet, const Styles& st, const FormStyles& fs, const Format& f) {
  TwoColumns page(sheet);
  page.line("文字材料", st.title, kTitleFontSize);
  page.line("联系人和联系电话请务必填写，其余可选：用于本单位自己的年度报告和汇总报告。一个单元格写一部分文字；"
            "分段时在单元格内按 Alt+Enter 换行，每行为一段。",
            fs.hint, 10);
  std::vector<NamedCell> names;
  names.push_back(page.input("联系人", "contact.name", 0, "填写本表的联系人姓名。", st, fs));
  names.push_back(page.input("联系电话", "contact.phone", 0, "联系人的电话，如 0795-6600000。", st, fs));
  page.skip();
  const std::string paragraphs =
      "可选。每段一行：在单元格内按 Alt+Enter 换行分段。文字中可用 " + example_tag(f) + " 这样的标签引用本单位的数据。";
  page.line("本单位年度报告的文字（可选）", st.heading);
  for (const SectionDef& s : f.sections) names.push_back(page.input(s.heading, section_name(s), kSectionPoints, paragraphs, st, fs));
  page.skip();
  page.line("重点工作亮点（可选，最多 " + std::to_string(kFormHighlights) + " 条，每条一个小标题和一段或几段正文）", st.heading);
  for (int n = 1; n <= kFormHighlights; ++n) {
    const std::string k = std::to_string(n);
    names.push_back(page.input("亮点" + k + " 小标题", highlight_name(n, false), 0, "亮点的小标题，如“推进财政资金信息公开”。", st, fs));
    names.push_back(page.input("亮点" + k + " 正文", highlight_name(n, true), kHighlightPoints, paragraphs, st, fs));
  }
  page.finish(/*landscape=*/false);
  return names;
}

}  // namespace nianbao::xlsx
