// `nianbao new`: starts the year with a ready-to-edit report file, <output>/report.xml, for a
// format, a year and a region: title and compiler from the region, contact placeholders, the
// roster from the office's spreadsheet or CSV (input/roster_file.h), and each section of the
// format with the placeholder sentences of templates/<format>/new-report.xml.
#pragma once

#include "app/options.h"

namespace nianbao {

/// Writes <output>/report.xml from --format, --year, --region CODE:NAME and --roster; the file
/// passes `nianbao validate` as written. Writes nothing, and returns 2, when an option is wrong,
/// the roster has any bad row (each named by its row number), or <output>/report.xml exists
/// (never overwritten). Returns 0 when written.
int run_new(const Options& options);

}  // namespace nianbao
