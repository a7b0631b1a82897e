// The statutory tables of a run's document and workbook, checked figure by figure against what
// they must show: for end-to-end tests whose expected figures are summed from the inputs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "e2e_run.h"
#include "format/format.h"

namespace nianbao::test {

/// The shipped xxgk-2021 format, loaded once.
const Format& format_2021();

/// The outputs' common path without extension ("…/丰城市2025年政府信息公开工作年度报告"), from the
/// .docx listed in the run's summary.json.
std::string output_base(const Run& r);

/// Checks (Catch CHECK/REQUIRE) that every figure of the tables 一 to 四 of an xxgk-2021 run, in
/// the document and in the workbook, equals `want`, labels and layout as the format says, and
/// that the workbook's computed cells are formulas.
void check_tables(const Run& r, const Format& f, const std::vector<std::int64_t>& want);

}  // namespace nianbao::test
