// Reads the roster an office keeps as a spreadsheet (.xlsx, its first sheet) or a CSV file
// (UTF-8 or GBK): one agency per row under a header row with the columns 单位代码, 单位名称 and
// 类型, found by their titles wherever they are. For `nianbao new`; the run reads report.xml.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/diagnostics.h"
#include "model/report.h"

namespace nianbao {

/// The column titles, and the types a clerk writes in 类型 (the English ids of report.xml are
/// taken too): 部门 department; 乡镇, 街道 township; 本级政府 government.
inline constexpr const char* kRosterCodeTitle = "单位代码";
inline constexpr const char* kRosterNameTitle = "单位名称";
inline constexpr const char* kRosterKindTitle = "类型";

/// Reads the roster at `fs_path`, shown as `display`; .csv by its extension, anything else as an
/// .xlsx workbook. Returns the agencies in file order, or nullopt when there is any fault, every
/// one a diagnostic: the file cannot be read (E001–E003, E010–E018, E701–E708, E004 for a CSV
/// in neither UTF-8 nor GBK); no header row with the three titles among the first 50 rows
/// (E520); a row without 单位代码 or 单位名称 (E521), with a code already used (E522), with a
/// 类型 that is none of the above (E523). A row's findings name it by its number as the clerk
/// sees it (the spreadsheet's row, the CSV's line), and in a spreadsheet by its cell too.
/// Rows that are blank in all three columns are skipped. Never throws for bad input.
std::optional<std::vector<Agency>> read_roster_file(const std::string& fs_path, const std::string& display,
                                                    Diagnostics& diags);

/// The same from the bytes of a CSV file.
std::optional<std::vector<Agency>> read_roster_csv(std::string bytes, const std::string& display, Diagnostics& diags);

}  // namespace nianbao
