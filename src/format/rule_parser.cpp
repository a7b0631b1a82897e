#include "format/rule_parser.h"

#include <algorithm>
#include <charconv>

namespace nianbao {

namespace {

// A fault in the test: thrown inside this file only, returned by parse_rule_test.
struct RuleFault {
  std::string what;
};

// A reference: [previous:][table:]row[.column]
RuleTerm parse_ref(const Format& f, const RuleDef& rule, std::string ref) {
  RuleTerm term;
  term.table = rule.table;
  if (ref.rfind("previous:", 0) == 0) {
    term.previous = true;
    ref = ref.substr(9);
  }
  if (auto colon = ref.find(':'); colon != std::string::npos) {
    term.table = f.find_table(ref.substr(0, colon));
    if (term.table < 0) throw RuleFault{"规则 " + rule.id + " 引用了不存在的表 " + ref.substr(0, colon)};
    ref = ref.substr(colon + 1);
  }
  const auto& t = f.tables[term.table];
  std::string row_id = ref, col_id;
  if (auto dot = ref.find('.'); dot != std::string::npos) {
    row_id = ref.substr(0, dot);
    col_id = ref.substr(dot + 1);
  }
  term.row = t.find_row(row_id);
  if (term.row < 0) throw RuleFault{"规则 " + rule.id + " 引用了不存在的行 " + row_id};
  if (!col_id.empty()) {
    term.col = t.find_column(col_id);
    if (term.col < 0 || t.cell_index[term.row][term.col] < 0)
      throw RuleFault{"规则 " + rule.id + " 引用了不存在的单元格 " + ref};
  } else if (!rule.per_column || term.table != rule.table) {
    if (t.rows[term.row].columns.size() != 1) throw RuleFault{"规则 " + rule.id + " 的 " + ref + " 需要写明列"};
    term.col = t.rows[term.row].columns[0];
  }
  return term;
}

std::vector<RuleTerm> parse_side(const Format& f, const RuleDef& rule, const std::string& text) {
  const RuleFault malformed{"规则 " + rule.id + " 的表达式有误：" + rule.test};
  std::vector<RuleTerm> terms;
  int sign = 1;
  bool expect_term = true;
  std::size_t i = 0;
  while (i < text.size()) {
    char ch = text[i];
    if (ch == ' ') { ++i; continue; }
    if (ch == '+' || ch == '-') {
      if (expect_term) throw malformed;
      sign = ch == '-' ? -1 : 1;
      expect_term = true;
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '+' && text[j] != '-') ++j;
    std::string tok = text.substr(i, j - i);
    if (!expect_term) throw malformed;
    RuleTerm term;
    if (std::all_of(tok.begin(), tok.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      // Digits only (a token is never empty): the one way to fail is a number too large.
      if (std::from_chars(tok.data(), tok.data() + tok.size(), term.literal).ec != std::errc())
        throw RuleFault{"规则 " + rule.id + " 中的数 " + tok + " 过大"};
      term.is_literal = true;
    } else {
      term = parse_ref(f, rule, tok);
    }
    term.sign = sign;
    terms.push_back(term);
    expect_term = false;
    i = j;
  }
  if (terms.empty() || expect_term) throw malformed;
  return terms;
}

}  // namespace

std::string parse_rule_test(const Format& f, RuleDef& rule) {
  try {
    std::string op;
    std::size_t pos;
    if ((pos = rule.test.find("<=")) != std::string::npos) { rule.op = RuleOp::kLessEqual; op = "<="; }
    else if ((pos = rule.test.find(">=")) != std::string::npos) { rule.op = RuleOp::kGreaterEqual; op = ">="; }
    else if ((pos = rule.test.find('=')) != std::string::npos) { rule.op = RuleOp::kEqual; op = "="; }
    else return "规则 " + rule.id + " 没有比较符（=、<=、>=）";
    rule.lhs = parse_side(f, rule, rule.test.substr(0, pos));
    rule.rhs = parse_side(f, rule, rule.test.substr(pos + op.size()));
  } catch (const RuleFault& fault) {
    return fault.what;
  }
  for (const auto* side : {&rule.lhs, &rule.rhs})
    for (const auto& t : *side) rule.needs_previous = rule.needs_previous || t.previous;
  return "";
}

}  // namespace nianbao
