// The form's live checks: the format's <rules> as formulas over the form's cells.
#include <algorithm>
#include <cassert>
#include <cstdlib>
#include <optional>

#include "render/xlsx/form_sheets.h"

namespace nianbao::xlsx {

namespace {

constexpr double kVerdictWidth = 14;  // room for "不通过：多出1234" on one or two lines
const char* const kBalanced = "平衡";
const char* const kPassed = "通过";

/// One side of a rule over the form's cells, and its value on the empty form.
struct Side {
  std::string expr;
  std::int64_t empty = 0;
};

/// A rule's verdict as a formula, what it says on the empty form and the verdict that passes.
struct Check {
  std::string label, formula, cached, ok;
};

/// The side for table column `col` of a per-column rule (-1: a rule over fixed cells); nothing when
/// a row of the side has no such column.
std::optional<Side> side_of(const Format& f, const Places& places, const RuleDef& rule, const std::vector<RuleTerm>& terms,
                            int col) {
  Side s;
  for (const RuleTerm& t : terms) {
    assert(!t.previous);
    std::string term;
    if (t.is_literal) {
      term = std::to_string(t.literal);
      s.empty += t.sign * t.literal;
    } else {
      const int cell = f.cell(t.table, t.row, t.col >= 0 ? t.col : col);
      if (cell < 0) return std::nullopt;
      const Placed& at = places.cells[cell];
      term = (t.table == rule.table ? "" : sheet_prefix(places.table_sheets[t.table])) + cell_ref(at.row, at.col);
    }
    if (s.expr.empty()) s.expr = t.sign < 0 ? "-" + term : term;
    else s.expr += (t.sign < 0 ? "-" : "+") + term;
  }
  return s;
}

/// The verdict of `rule` on lhs vs rhs. Differences are rounded to the 4 decimals money has, so
/// that binary fractions (0.1 + 0.2) do not make a balanced column look broken; a cell holding text
/// (pasted past the validation) says so instead of showing #VALUE!.
Check make_check(const RuleDef& rule, const Side& lhs, const Side& rhs, const std::string& label) {
  const std::string d = "ROUND((" + lhs.expr + ")-(" + rhs.expr + "),4)";
  const std::int64_t empty = lhs.empty - rhs.empty;
  const std::string fail = rule.is_error ? "不通过" : "请核对";
  Check c;
  c.label = label;
  std::string verdict;
  switch (rule.op) {
    case RuleOp::kEqual:
      c.ok = kBalanced;
      verdict = "IF(" + d + "=0,\"平衡\",\"不平衡：相差\"&ABS(" + d + "))";
      c.cached = empty == 0 ? kBalanced : "不平衡：相差" + std::to_string(std::llabs(empty));
      break;
    case RuleOp::kLessEqual:
      c.ok = kPassed;
      verdict = "IF(" + d + "<=0,\"通过\",\"" + fail + "：多出\"&" + d + ")";
      c.cached = empty <= 0 ? kPassed : fail + "：多出" + std::to_string(empty);
      break;
    case RuleOp::kGreaterEqual:
      c.ok = kPassed;
      verdict = "IF(" + d + ">=0,\"通过\",\"" + fail + "：少\"&ABS(" + d + "))";
      c.cached = empty >= 0 ? kPassed : fail + "：少" + std::to_string(-empty);
      break;
  }
  c.formula = "=IFERROR(" + verdict + ",\"请检查：有单元格填的不是数字\")";
  return c;
}

/// Writes the verdict over row, c1..c2, coloured green when it says c.ok and red otherwise.
void write_verdict(Sheet& sheet, const FormStyles& fs, const Check& c, int row, int c1, int c2) {
  if (c2 > c1) sheet.span(row, c1, row, c2, "", fs.check);
  sheet.formula_text(row, c1, c.formula, c.cached, fs.check);
  const std::string ref = cell_ref(row, c1);
  std::string good = "=" + ref + "=\"" + c.ok + "\"", bad = "=" + ref + "<>\"" + c.ok + "\"";
  for (auto [formula, style] : {std::pair{&good, fs.good}, std::pair{&bad, fs.bad}}) {
    lxw_conditional_format cf{};
    cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
    cf.value_string = formula->data();
    cf.format = style;
    sheet.conditional(row, c1, row, c2, &cf);
  }
}

double width_of(const Layout& layout, int c1, int c2) {
  double w = 0;
  for (int c = c1; c <= c2 && c < static_cast<int>(layout.widths.size()); ++c) w += layout.widths[c];
  return w;
}

/// A per-column rule's verdicts as one row: each under its column's cells. Nothing when the layout
/// does not put every checked column in a grid column of its own right of the first (the appeals
/// table, say, has three table rows side by side); the verdicts are then lines.
struct ColumnCheck {
  Check check;
  int col, colspan;
};
std::optional<std::vector<ColumnCheck>> column_row(const Format& f, const Places& places, const RuleDef& rule) {
  const TableDef& t = f.tables[rule.table];
  std::vector<ColumnCheck> out;
  int next_free = 1;  // column 0 holds the label
  for (int c = 0; c < static_cast<int>(t.columns.size()); ++c) {
    auto lhs = side_of(f, places, rule, rule.lhs, c), rhs = side_of(f, places, rule, rule.rhs, c);
    if (!lhs || !rhs) continue;
    std::optional<Placed> under;
    for (const auto* side : {&rule.lhs, &rule.rhs})
      for (const RuleTerm& term : *side) {
        if (term.is_literal || term.col >= 0 || term.table != rule.table) continue;
        const Placed& at = places.cells[f.cell(term.table, term.row, c)];
        if (under && (under->col != at.col || under->colspan != at.colspan)) return std::nullopt;
        under = at;
      }
    if (!under || under->col < next_free) return std::nullopt;
    next_free = under->col + under->colspan;
    out.push_back({make_check(rule, *lhs, *rhs, ""), under->col, under->colspan});
  }
  return out;
}

/// Writes `checks` as lines from `row`: the label left, the verdict over the last columns.
int write_lines(Sheet& sheet, const FormStyles& fs, const Layout& layout, const std::vector<Check>& checks, int row,
                RowHeights& heights) {
  const int ncols = static_cast<int>(layout.widths.size());
  int vc = ncols - 1;  // the verdict's first column
  while (vc > 1 && width_of(layout, vc, ncols - 1) < kVerdictWidth) --vc;
  if (ncols == 1) vc = 1;  // a one-column layout: the verdict beside it
  const int v2 = std::max(vc, ncols - 1);
  const double label_width = width_of(layout, 0, vc - 1), verdict_width = std::max(width_of(layout, vc, v2), 8.0);
  for (const Check& c : checks) {
    sheet.span(row, 0, row, vc - 1, c.label, fs.check_label);
    write_verdict(sheet, fs, c, row, vc, v2);
    heights.need(row, 1, std::max(text_height(c.label, label_width, kFontSize),
                                  text_height("不通过：多出0000", verdict_width, kFontSize)));
    ++row;
  }
  return row;
}

}  // namespace

std::string passing_verdicts(const Format& f, int table) {
  bool balanced = false, passed = false;
  for (const RuleDef& r : f.rules)
    if (r.table == table && !r.needs_previous) (r.op == RuleOp::kEqual ? balanced : passed) = true;
  if (balanced && passed) return "“平衡”或“通过”";
  return balanced ? "“平衡”" : passed ? "“通过”" : "";
}

int write_form_checks(Sheet& sheet, const FormStyles& fs, const Format& f, const Places& places, int table, int row,
                      RowHeights& heights) {
  const TableDef& t = f.tables[table];
  std::vector<Check> lines;
  for (const RuleDef& rule : f.rules) {
    if (rule.table != table || rule.needs_previous) continue;
    const std::string label = "校验：" + (rule.text.empty() ? rule.test : rule.text);
    if (!rule.per_column) {
      auto lhs = side_of(f, places, rule, rule.lhs, -1), rhs = side_of(f, places, rule, rule.rhs, -1);
      assert(lhs && rhs);  // the loader gives every term of a rule over fixed cells its column
      lines.push_back(make_check(rule, *lhs, *rhs, label));
      continue;
    }
    auto columns = column_row(f, places, rule);
    if (columns && !columns->empty()) {
      const int first = columns->front().col;
      sheet.span(row, 0, row, first - 1, label, fs.check_label);
      double need = text_height(label, width_of(t.layout, 0, first - 1), kFontSize);
      for (const ColumnCheck& c : *columns) {
        write_verdict(sheet, fs, c.check, row, c.col, c.col + c.colspan - 1);
        need = std::max(need, text_height("不平衡：相差0000", width_of(t.layout, c.col, c.col + c.colspan - 1), kFontSize));
      }
      heights.need(row++, 1, need);
      continue;
    }
    for (int c = 0; c < static_cast<int>(t.columns.size()); ++c) {
      auto lhs = side_of(f, places, rule, rule.lhs, c), rhs = side_of(f, places, rule, rule.rhs, c);
      if (lhs && rhs) lines.push_back(make_check(rule, *lhs, *rhs, label + "（" + f.column_full_label(table, c) + "）"));
    }
  }
  return write_lines(sheet, fs, t.layout, lines, row, heights);
}

}  // namespace nianbao::xlsx
