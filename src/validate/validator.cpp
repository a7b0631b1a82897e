#include "validate/validator.h"

#include <map>
#include <unordered_map>

#include "input/readers.h"
#include "render/report_context.h"
#include "template/docx_template.h"

namespace nianbao {

namespace {

std::string value_text(std::int64_t raw, ValueType type, const std::string& unit) {
  std::string s = format_value(raw, type);
  return unit.empty() ? s : s + unit;
}

struct SideResult {
  std::int64_t sum = 0;
  std::string text;  // "一、本年新收… 10 + 二、上年结转… 2"
  int first_cell = -1;
};

SideResult evaluate_side(const Format& f, const std::vector<RuleTerm>& terms, int col, const std::vector<std::int64_t>& v,
                         const std::vector<std::int64_t>* prev, bool money) {
  SideResult r;
  for (const auto& t : terms) {
    std::int64_t x = 0;
    std::string label;
    if (t.is_literal) {
      x = money ? t.literal * kMoneyScale : t.literal;
      label = std::to_string(t.literal);
    } else {
      int cell = f.cell(t.table, t.row, t.col >= 0 ? t.col : col);
      const auto& values = t.previous ? *prev : v;
      x = values[cell];
      label = t.previous ? "上年" : "";
      label += f.tables[t.table].rows[t.row].label;
      const auto& cols = f.tables[t.table].columns;
      if (t.col >= 0 && cols.size() > 1) {
        label += "（";
        label += cols[t.col].label;
        label += "）";
      }
      label += ' ';
      label += format_value(x, f.cells[cell].type);
      if (r.first_cell < 0 && !t.previous) r.first_cell = cell;
    }
    r.sum += t.sign * x;
    if (!r.text.empty()) r.text += t.sign > 0 ? " + " : " − ";
    else if (t.sign < 0) r.text += "− ";
    r.text += label;
  }
  return r;
}

}  // namespace

void check_rules(const Format& f, const std::vector<std::int64_t>& values, const std::vector<std::int64_t>* previous,
                 const std::string& file, const std::function<int(int)>& line_of, Diagnostics& diags) {
  for (const auto& rule : f.rules) {
    if (rule.needs_previous != (previous != nullptr)) continue;
    const TableDef& table = f.tables[rule.table];
    std::vector<int> cols;
    if (rule.per_column) {
      for (int c = 0; c < static_cast<int>(table.columns.size()); ++c) {
        bool all = true;
        for (const auto* side : {&rule.lhs, &rule.rhs})
          for (const auto& t : *side)
            if (!t.is_literal && t.col < 0 && f.cell(t.table, t.row, c) < 0) all = false;
        if (all) cols.push_back(c);
      }
    } else {
      cols.push_back(-1);
    }
    for (int col : cols) {
      bool money = false;
      for (const auto* side : {&rule.lhs, &rule.rhs})
        for (const auto& t : *side)
          if (!t.is_literal && f.cells[f.cell(t.table, t.row, t.col >= 0 ? t.col : col)].type == ValueType::kMoney)
            money = true;
      SideResult l = evaluate_side(f, rule.lhs, col, values, previous, money);
      SideResult r = evaluate_side(f, rule.rhs, col, values, previous, money);
      bool ok = rule.op == RuleOp::kEqual ? l.sum == r.sum : rule.op == RuleOp::kLessEqual ? l.sum <= r.sum : l.sum >= r.sum;
      if (ok) continue;
      ValueType type = money ? ValueType::kMoney : ValueType::kCount;
      int line = l.first_cell >= 0 ? line_of(l.first_cell) : 0;
      if (line == 0 && r.first_cell >= 0) line = line_of(r.first_cell);
      std::string msg = (rule.is_error ? "不符合勾稽关系：" : "请核对：") + rule.text + "（规则 " + rule.id + "）。";
      Diagnostic d{rule.is_error ? Severity::kError : Severity::kWarning, rule.code, SourceLocation{file, line, 0}, msg, {}, {}, {}};
      d.place = table.title + (col >= 0 ? " / " + f.column_full_label(rule.table, col) + "列" : "");
      const char* op = rule.op == RuleOp::kEqual ? "等于" : rule.op == RuleOp::kLessEqual ? "不大于" : "不小于";
      d.found = l.text + " = " + format_value(l.sum, type) + "，而 " + r.text + " = " + format_value(r.sum, type);
      d.expected = "前者" + std::string(op) + "后者";
      diags.add(std::move(d));
    }
  }
}

void validate_submission(Submission& sub, const Format& f, const ReportFile& report, Diagnostics& diags) {
  SourceLocation file{sub.path, 0, 0};
  // The <submission> element carries format and year; a submission built in code may lack it.
  const SourceLocation& root = sub.where.file.empty() ? file : sub.where;
  if (!sub.format.empty() && sub.format != report.format) {
    auto& d = diags.error("E102", root, "报送文件的格式与报告不一致。");
    d.found = sub.format;
    d.expected = report.format;
  }
  if (sub.year != 0 && sub.year != report.year) {
    auto& d = diags.error("E103", root, "报送文件的年度与报告不一致。");
    d.found = std::to_string(sub.year);
    d.expected = std::to_string(report.year);
  }
  if (!sub.agency.code.empty()) {
    int idx = report.find_agency(sub.agency.code);
    if (idx < 0) {
      auto& d = diags.error("E401", sub.agency.where, "单位代码不在本次报告的应报送单位名单中。");
      d.found = sub.agency.code + (sub.agency.name.empty() ? "" : "（" + sub.agency.name + "）");
      d.expected = "名单中的单位代码（见 report.xml 的 <roster>）";
    } else {
      const Agency& a = report.roster[idx];
      if (!sub.agency.name.empty() && sub.agency.name != a.name) {
        auto& d = diags.warning("W403", sub.agency.where, "单位名称与名单不一致，报告中使用名单上的名称。");
        d.found = sub.agency.name;
        d.expected = a.name;
      }
      sub.agency.name = a.name;
      sub.agency.kind = a.kind;
    }
  }

  // Computed cells: given values must equal the sum of their parts.
  if (!f.compute(sub.values)) diags.error("E205", file, "合计数值过大，超出了允许的范围。");
  std::unordered_map<int, const GivenValue*> given;
  for (const auto& g : sub.given) given.emplace(g.cell, &g);
  for (const auto& g : sub.given) {
    const CellDef& def = f.cells[g.cell];
    if (!def.computed() || g.raw == sub.values[g.cell]) continue;
    std::string parts;
    for (int k : def.sum_of)
      if (sub.values[k] != 0) parts += (parts.empty() ? "" : " + ") + format_value(sub.values[k], def.type);
    auto& d = diags.error("E206", SourceLocation{sub.path, g.line, g.column}, "填报的合计数与各项之和不符。");
    d.place = f.describe_cell(g.cell);
    d.found = value_text(g.raw, def.type, def.unit);
    d.expected = value_text(sub.values[g.cell], def.type, def.unit) + (parts.empty() ? "（各项均为 0）" : "（" + parts + "）");
  }
  // A rule names cells that may not be written (computed totals, omitted zeros): then the
  // line of the row they belong to, if any of its cells is written, says where to look.
  std::map<std::pair<int, int>, int> row_lines;
  for (const auto& g : sub.given) row_lines.emplace(std::pair{f.cells[g.cell].table, f.cells[g.cell].row}, g.line);
  auto line_of = [&](int cell) {
    if (auto it = given.find(cell); it != given.end()) return it->second->line;
    auto row = row_lines.find({f.cells[cell].table, f.cells[cell].row});
    return row == row_lines.end() ? 0 : row->second;
  };
  check_rules(f, sub.values, nullptr, sub.path, line_of, diags);

  // Placeholders in the narrative resolve to the agency's own figures.
  if (!sub.sections.empty()) {
    ReportContext ctx = ReportContext::for_submission(f, &report, &sub);
    ctx.enter_own_agency();
    std::size_t found = 0;
    for (const auto& sec : sub.sections)
      for (const auto& p : sec.paragraphs) {
        std::string out, error;
        if (tmpl::render_text(p.text, ctx, out, error)) continue;
        if (++found > kMaxFindingsPerFile) {
          diags.error("E111", file, too_many_findings_message());
          return;
        }
        diags.error("E112", p.where, error + "。");
      }
  }
}

}  // namespace nianbao
