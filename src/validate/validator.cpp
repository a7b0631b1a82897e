#include "validate/validator.h"

#include <cassert>
#include <functional>

#include "input/readers.h"
#include "template/narrative.h"
#include "template/report_names.h"

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

// The cell a term reads, for the column a per-column rule is being checked for.
int term_cell(const Format& f, const RuleTerm& t, int col) { return f.cell(t.table, t.row, t.col >= 0 ? t.col : col); }

std::int64_t side_sum(const Format& f, const std::vector<RuleTerm>& terms, int col, std::span<const std::int64_t> v,
                      const std::vector<std::int64_t>* prev, bool money) {
  std::int64_t sum = 0;
  for (const auto& t : terms) {
    std::int64_t x = t.is_literal ? (money ? t.literal * kMoneyScale : t.literal) : (t.previous ? *prev : v)[term_cell(f, t, col)];
    sum += t.sign * x;
  }
  return sum;
}

// The side spelled out with official labels, for the message of a failed rule.
SideResult describe_side(const Format& f, const std::vector<RuleTerm>& terms, int col, std::span<const std::int64_t> v,
                         const std::vector<std::int64_t>* prev, bool money) {
  SideResult r;
  r.sum = side_sum(f, terms, col, v, prev, money);
  for (const auto& t : terms) {
    std::string label;
    if (t.is_literal) {
      label = std::to_string(t.literal);
    } else {
      int cell = term_cell(f, t, col);
      label = t.previous ? "上年" : "";
      label += f.tables[t.table].rows[t.row].label;
      const auto& cols = f.tables[t.table].columns;
      if (t.col >= 0 && cols.size() > 1) {
        label += "（";
        label += cols[t.col].label;
        label += "）";
      }
      label += ' ';
      label += format_value((t.previous ? *prev : v)[cell], f.cells[cell].type);
      if (r.first_cell < 0 && !t.previous) r.first_cell = cell;
    }
    if (!r.text.empty()) r.text += t.sign > 0 ? " + " : " − ";
    else if (t.sign < 0) r.text += "− ";
    r.text += label;
  }
  return r;
}

}  // namespace

CompiledRules::CompiledRules(const Format& f) : format(&f) {
  for (int ri = 0; ri < static_cast<int>(f.rules.size()); ++ri) {
    const RuleDef& rule = f.rules[ri];
    const TableDef& table = f.tables[rule.table];
    // A per-column rule is checked for the columns where every term it reads has a cell.
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
      Check check;
      check.rule = ri;
      check.col = col;
      for (const auto* side : {&rule.lhs, &rule.rhs})
        for (const auto& t : *side)
          if (!t.is_literal && f.cells[term_cell(f, t, col)].type == ValueType::kMoney) check.money = true;
      auto add = [&](const std::vector<RuleTerm>& side) {
        for (const auto& t : side) {
          Term term;
          term.sign = t.sign;
          term.previous = t.previous;
          if (t.is_literal) {
            term.constant = check.money ? t.literal * kMoneyScale : t.literal;
          } else {
            term.cell = term_cell(f, t, col);
            assert(term.cell >= 0);
          }
          terms.push_back(term);
        }
      };
      check.lhs = static_cast<std::uint32_t>(terms.size());
      add(rule.lhs);
      check.rhs = static_cast<std::uint32_t>(terms.size());
      add(rule.rhs);
      check.end = static_cast<std::uint32_t>(terms.size());
      checks.push_back(check);
    }
  }
}

namespace {

// The finding of a rule that does not hold for `col`: both sides spelled out with official labels.
void report_failed_rule(const Format& f, const RuleDef& rule, int col, bool money, std::span<const std::int64_t> values,
                        const std::vector<std::int64_t>* previous, const std::string& file,
                        const std::function<SourceLocation(int)>& where_of, Diagnostics& diags) {
  const TableDef& table = f.tables[rule.table];
  SideResult l = describe_side(f, rule.lhs, col, values, previous, money);
  SideResult r = describe_side(f, rule.rhs, col, values, previous, money);
  ValueType type = money ? ValueType::kMoney : ValueType::kCount;
  auto known = [](const SourceLocation& at) { return at.line > 0 || !at.cell.empty(); };
  SourceLocation at = l.first_cell >= 0 ? where_of(l.first_cell) : SourceLocation{file, 0, 0};
  if (!known(at) && r.first_cell >= 0) at = where_of(r.first_cell);
  if (!known(at)) at = SourceLocation{file, 0, 0};
  std::string msg = rule.is_error ? "不符合勾稽关系：" + rule.text
                                  : (rule.text.find("请核对") == std::string::npos ? "请核对：" + rule.text : rule.text);
  msg += "（规则 " + rule.id + "）。";
  Diagnostic d{rule.is_error ? Severity::kError : Severity::kWarning, rule.code, std::move(at), msg, {}, {}, {}};
  d.place = table.title + (col >= 0 ? " / " + f.column_full_label(rule.table, col) + "列" : "");
  const char* op = rule.op == RuleOp::kEqual ? "等于" : rule.op == RuleOp::kLessEqual ? "不大于" : "不小于";
  auto total = [&](const SideResult& side, const std::vector<RuleTerm>& terms) {
    return terms.size() > 1 ? side.text + " = " + format_value(side.sum, type) : side.text;
  };
  const bool constant = rule.rhs.size() == 1 && rule.rhs[0].is_literal;
  d.found = constant ? total(l, rule.lhs) : total(l, rule.lhs) + "，而 " + total(r, rule.rhs);
  d.expected = constant ? std::string(op) + " " + r.text : "前者" + std::string(op) + "后者";
  diags.add(std::move(d));
}

}  // namespace

void check_rules(const CompiledRules& rules, std::span<const std::int64_t> values,
                 const std::vector<std::int64_t>* previous, const std::string& file,
                 const std::function<SourceLocation(int)>& where_of, Diagnostics& diags) {
  const Format& f = *rules.format;
  const std::int64_t* now = values.data();
  const std::int64_t* before = previous ? previous->data() : nullptr;
  const CompiledRules::Term* terms = rules.terms.data();
  auto sum = [&](std::uint32_t from, std::uint32_t to) {
    std::int64_t s = 0;
    for (std::uint32_t i = from; i < to; ++i) {
      const CompiledRules::Term& t = terms[i];
      s += t.sign * (t.cell < 0 ? t.constant : (t.previous ? before : now)[t.cell]);
    }
    return s;
  };
  for (const auto& check : rules.checks) {
    const RuleDef& rule = f.rules[check.rule];
    if (rule.needs_previous != (previous != nullptr)) continue;
    const std::int64_t ls = sum(check.lhs, check.rhs), rs = sum(check.rhs, check.end);
    const bool ok = rule.op == RuleOp::kEqual ? ls == rs : rule.op == RuleOp::kLessEqual ? ls <= rs : ls >= rs;
    if (!ok) report_failed_rule(f, rule, check.col, check.money, values, previous, file, where_of, diags);
  }
}

void check_rules(const Format& f, std::span<const std::int64_t> values, const std::vector<std::int64_t>* previous,
                 const std::string& file, const std::function<SourceLocation(int)>& where_of, Diagnostics& diags) {
  check_rules(CompiledRules(f), values, previous, file, where_of, diags);
}

void validate_submission(Submission& sub, const Format& f, const ReportFile& report, Diagnostics& diags) {
  validate_submission(sub, CompiledRules(f), report, diags);
}

void validate_submission(Submission& sub, const CompiledRules& rules, const ReportFile& report, Diagnostics& diags) {
  const Format& f = *rules.format;
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
      if (sub.kind_given && sub.agency.kind != a.kind) {
        auto& d = diags.warning("W404", sub.agency.where, "单位类型与名单不一致，报告中使用名单上的类型。");
        d.found = std::string(agency_kind_id(sub.agency.kind)) + "（" + agency_kind_label(sub.agency.kind) + "）";
        d.expected = std::string(agency_kind_id(a.kind)) + "（" + agency_kind_label(a.kind) + "）";
      }
      sub.agency.name = a.name;
      sub.agency.kind = a.kind;
    }
  }

  // Computed cells: given values must equal the sum of their parts.
  if (!f.compute(sub.values)) diags.error("E205", file, "合计数值过大，超出了允许的范围。");
  auto locate = [&](const GivenValue& g) {
    return sub.locate ? sub.locate(g.offset) : SourceLocation{sub.path, 0, 0};
  };
  for (const auto& g : sub.given) {
    const CellDef& def = f.cells[g.cell];
    if (!def.computed() || g.raw == sub.values[g.cell]) continue;
    // The parts by their official labels: the columns when the total sums its row, the rows
    // when it sums its column. Parts that are 0 are left out of the sum but named as such.
    std::string parts;
    std::size_t zeros = 0;
    for (int k : def.sum_of) {
      if (sub.values[k] == 0) {
        ++zeros;
        continue;
      }
      const CellDef& part = f.cells[k];
      std::string label = part.row == def.row && part.table == def.table ? f.tables[part.table].columns[part.col].label
                                                                         : f.tables[part.table].rows[part.row].label;
      parts += (parts.empty() ? "" : " + ") + label + " " + format_value(sub.values[k], def.type);
    }
    const std::string label = f.describe_cell(g.cell);
    auto& d = diags.error("E206", locate(g),
                          "填报的合计数与各项之和不符：合计填报为 " + value_text(g.raw, def.type, def.unit) + "，各项之和为 " +
                              value_text(sub.values[g.cell], def.type, def.unit) +
                              "。请核对各项数字和合计数，改正后重新报送（合计数也可以不填，由程序计算）。");
    d.place = label;
    d.found = value_text(g.raw, def.type, def.unit);
    d.expected = value_text(sub.values[g.cell], def.type, def.unit) +
                 (parts.empty() ? "（各项均为 0）"
                                : "（" + parts + (zeros ? "；其余 " + std::to_string(zeros) + " 项为 0" : "") + "）");
  }
  // A rule's finding is placed at the line of a cell, or the cell of a form, it names.
  const bool form = !sub.given.empty() && !locate(sub.given.front()).cell.empty();
  std::function<SourceLocation(int)> where_of = [&](int cell) {
    for (const auto& g : sub.given)
      if (g.cell == cell) {
        SourceLocation at = locate(g);
        at.column = 0;
        return at;
      }
    // A rule names cells that may not be written (computed totals, omitted zeros). In a form a
    // total is a formula: the first of its parts that was filled in is the cell to look at.
    if (form) {
      for (int part : f.cells[cell].sum_of)
        if (SourceLocation at = where_of(part); !at.cell.empty()) return at;
      return SourceLocation{sub.path, 0, 0};
    }
    // In an XML file the line of the row they belong to, if any of its cells is written, says
    // where to look.
    for (const auto& g : sub.given)
      if (f.cells[g.cell].table == f.cells[cell].table && f.cells[g.cell].row == f.cells[cell].row)
        return SourceLocation{sub.path, locate(g).line, 0};
    return SourceLocation{sub.path, 0, 0};
  };
  check_rules(rules, sub.values.wide(), nullptr, sub.path, where_of, diags);

  // Placeholders in the narrative resolve to the agency's own figures.
  if (!sub.sections.empty() || !sub.own_sections.empty()) {
    ReportNames names = ReportNames::for_submission(f, &report, &sub);
    names.enter_own_agency();
    std::size_t found = 0;
    for (const auto* list : {&sub.sections, &sub.own_sections})
      for (const auto& sec : *list)
        for (const auto& p : sec.paragraphs) {
          Diagnostics unresolved;
          if (tmpl::check_narrative(p.text, names, "E112", p.where, unresolved)) continue;
          if (++found > kMaxFindingsPerFile) {
            diags.error("E111", file, too_many_findings_message());
            return;
          }
          diags.append(unresolved);
        }
  }
}

}  // namespace nianbao
