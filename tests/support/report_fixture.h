// The report.xml most tests and fuzz targets read submissions against: 丰城市, 2025, xxgk-2021,
// a roster of their choosing. Header-only.
#pragma once

#include <vector>

#include "model/report.h"

namespace nianbao::test {

/// 丰城市's report.xml for 2025 in xxgk-2021 at inputs/report.xml with `roster` (by default a
/// department and a township), indexed.
inline ReportFile fengcheng_report(std::vector<Agency> roster = {
                                       Agency{"FC001", "丰城市发展和改革委员会", AgencyKind::kDepartment, {}},
                                       Agency{"FC101", "剑光街道办事处", AgencyKind::kTownship, {}}}) {
  ReportFile report;
  report.path = "inputs/report.xml";
  report.format = "xxgk-2021";
  report.year = 2025;
  report.title = "丰城市2025年政府信息公开工作年度报告";
  report.region_code = "360981";
  report.region_name = "丰城市";
  report.roster = std::move(roster);
  report.index_roster();
  return report;
}

/// The roster of one agency, 丰城市发展和改革委员会 (FC001).
inline std::vector<Agency> fgw_only() { return {Agency{"FC001", "丰城市发展和改革委员会", AgencyKind::kDepartment, {}}}; }

}  // namespace nianbao::test
