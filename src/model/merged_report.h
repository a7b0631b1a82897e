// The merged report as the renderers read it: what happened to every input file, the status of
// every roster agency, the accepted submissions and the region's totals. Plain data; merge/
// decides what goes in (merge_report), render/ and the template names only read it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/diagnostics.h"
#include "model/report.h"

namespace nianbao {

class Format;

enum class FileOutcome { kAccepted, kRejected, kIgnored };

/// What happened to one file of inputs/.
struct FileResult {
  std::string path;         // as shown to the user, e.g. "inputs/fgw.xml"
  FileOutcome outcome = FileOutcome::kIgnored;
  std::string agency_code;  // when it could be read, or told from the top of an unreadable file
  std::string agency_name;
  std::string ignored_reason;  // for ignored files, in Chinese
  Diagnostics diags;        // errors (when rejected) and warnings
  int submission = -1;      // index into the submissions given to merge_report, when the file was read as one
};

enum class RosterStatus { kAccepted, kMissing, kRejected };

const char* roster_status_label(RosterStatus s);  // 已报送 / 未报送 / 被退回

struct RosterEntryStatus {
  const Agency* agency = nullptr;    // the roster entry
  RosterStatus status = RosterStatus::kMissing;
  std::vector<int> files;            // indices into MergedReport::files of the files that name this agency
  int accepted_submission = -1;      // index into MergedReport::agencies when accepted
};

/// The merged report: what every output is written from. It owns none of what it points to
/// (see merge_report for who does).
struct MergedReport {
  const Format* format = nullptr;
  const ReportFile* report = nullptr;
  std::vector<std::int64_t> totals;            // one per cell, computed cells computed
  std::vector<const Submission*> agencies;     // accepted submissions, in roster order
  std::vector<RosterEntryStatus> roster;       // one per roster entry, in roster order
  std::vector<FileResult>* files = nullptr;    // every input file, sorted by path
  std::vector<std::int64_t> previous;          // last year's totals when --previous was given
  bool has_previous = false;
  Diagnostics warnings;                        // run-level findings on the merged totals

  std::size_t missing_count() const;
  std::size_t rejected_count() const;
  /// Rejected files that name no agency of the roster (unreadable, no agency code, or a code not
  /// on the roster): the run is not complete while there are any, since the figures they hold
  /// may belong to an agency whose older file was taken instead.
  std::size_t unattributed_rejected_count() const;
  bool complete() const { return missing_count() == 0 && rejected_count() == 0 && unattributed_rejected_count() == 0; }
};

}  // namespace nianbao
