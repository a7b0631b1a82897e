// 各单位数据.xml: every accepted agency's figures (by cell id) and narrative texts, written beside
// merged.xml so that next year's run can check each agency against its own last year
// (--previous; read back by input/agency_archive_reader.h). merged.xml stays a plain <submission>.
// The layout of the file is documented in docs/operations.md (上年数据).
#pragma once

#include <string>
#include <vector>

#include "format/format.h"
#include "model/report.h"

namespace nianbao {

/// The archive as UTF-8 XML text, for `year`, one <agency> per submission in the order given
/// (the accepted submissions in roster order; validated, computed cells filled). Holds every
/// non-zero figure that is not computed, the agency's own sections and its highlights, and the
/// file each came from. The same submissions give the same bytes.
std::string agency_archive_xml(const Format& format, int year, const std::vector<const Submission*>& agencies);

/// The same bytes written to the file at `path`, a megabyte at a time: the archive of a national
/// run (some 240 MB) is never held whole. Throws std::runtime_error naming `path` and the system's
/// reason when it cannot be written.
void write_agency_archive(const Format& format, int year, const std::vector<const Submission*>& agencies,
                          const std::string& path);

}  // namespace nianbao
