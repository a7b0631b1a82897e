// Last year's figures and texts of every accepted agency, as kept in the companion output file
// 各单位数据.xml beside merged.xml: what the per-agency cross-year checks and the 内容雷同 check
// against last year read. Standard library only; the file itself is render/agency_archive.h and
// input/agency_archive_reader.h.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "model/report.h"

namespace nianbao {

/// The file name of the companion output, written beside merged.xml.
inline constexpr const char* kAgencyArchiveFileName = "各单位数据.xml";

struct AgencyArchive {
  std::string path;  // as shown to the user, e.g. "上年/output/各单位数据.xml"
  std::string format;
  int year = 0;
  /// One per agency, in the order of the file (last year's roster order). Each holds the agency,
  /// `path` = the file it was read from last year, `year`, every figure (computed cells computed),
  /// its highlights (`sections`) and its own sections (`own_sections`); paragraphs are located
  /// in the archive file.
  std::vector<Submission> agencies;

  /// The agency with this code, or nullptr. Needs index() after `agencies` is filled.
  const Submission* find(const std::string& code) const;
  void index();

 private:
  std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace nianbao
