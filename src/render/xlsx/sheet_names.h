// The names of the workbook's sheets: the fixed ones, and each table's <sheet> made acceptable to
// Excel (sanitize_sheet_name in workbook_writer.h) and unique, as Excel compares names.
#pragma once

#include <string>
#include <vector>

#include "format/format.h"

namespace nianbao::xlsx {

constexpr const char* kChartsSheet = "图表";
constexpr const char* kYearOnYearSheet = "同比";
constexpr const char* kAgenciesSheet = "各单位数据";
constexpr const char* kStatusSheet = "报送情况";
constexpr const char* kDiagnosticsSheet = "校验结果";

/// The sheet name of each table of `f`, in order: its <sheet> sanitized, then "(2)", "(3)" …
/// appended (within 31 units) while the name equals, ignoring ASCII case, a fixed sheet's, an
/// earlier table's, or "History", which Excel reserves.
std::vector<std::string> table_sheet_names(const Format& f);

}  // namespace nianbao::xlsx
