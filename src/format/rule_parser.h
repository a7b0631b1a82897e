// Parses the test of a consistency rule ("granted + partial <= new", "previous:active:r.c") into
// the signed terms validate/ evaluates. Knows nothing of XML: format_loader.cpp reads <rule>.
#pragma once

#include <string>

#include "format/format.h"

namespace nianbao {

/// Fills rule.op, rule.lhs, rule.rhs and rule.needs_previous from rule.test, resolving references
/// against the tables of `f`; rule.id, rule.table and rule.per_column must be set. Returns "" or
/// the fault in words ("规则 R1 引用了不存在的行 x").
std::string parse_rule_test(const Format& f, RuleDef& rule);

}  // namespace nianbao
