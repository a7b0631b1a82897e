// Reads last year's 各单位数据.xml (written by render/agency_archive.h) back into an
// AgencyArchive, and finds it from what --previous names: last year's output folder, or its
// merged.xml. The file is nianbao's own output, but it is read like any input: size limit, no
// DTD, every fault a diagnostic with its line, nothing here throws for bad bytes.
#pragma once

#include <optional>
#include <string>

#include "format/format.h"
#include "model/agency_archive.h"
#include "model/diagnostics.h"

namespace nianbao {

/// What --previous names, resolved: `previous` is last year's output folder (its merged.xml and
/// 各单位数据.xml are read) or a file (its merged.xml; 各单位数据.xml is looked for beside it).
struct PreviousPaths {
  std::string merged;   // last year's merged.xml
  std::string archive;  // last year's 各单位数据.xml (may not exist: outputs of older versions)
};
PreviousPaths resolve_previous(const std::string& previous);

/// Reads an archive from `fs_path` (shown as `display_path`) for a run of `format` and `year`.
/// Returns nullopt when it cannot be used, with the reasons in `diags`: the E0xx of the XML
/// loader (unreadable, empty, over 64 MB, bad encoding, not well-formed, DOCTYPE, duplicate
/// attributes), or E901 (not an archive, another format, an unknown table/row/column/section/
/// element, a value that is not a figure, an agency without code or listed twice; at most
/// kMaxFindingsPerFile, then one E901 saying the rest was not read). A year other than
/// `year` − 1 is W911, and the archive is still used.
std::optional<AgencyArchive> read_agency_archive(const std::string& fs_path, const std::string& display_path,
                                                 const Format& format, int year, Diagnostics& diags);

/// The same from bytes in memory (tests and fuzzing).
std::optional<AgencyArchive> read_agency_archive_bytes(std::string bytes, const std::string& display_path,
                                                       const Format& format, int year, Diagnostics& diags);

/// The run's entry point: the archive of resolve_previous(previous). When there is no such file
/// (last year's outputs were made before nianbao wrote it), W910 says so and the per-agency
/// cross-year checks are not made; any other fault is as read_agency_archive.
std::optional<AgencyArchive> read_previous_agency_archive(const std::string& previous, const Format& format, int year,
                                                          Diagnostics& diags);

}  // namespace nianbao
