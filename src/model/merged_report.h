// The merged report and the fate of every input file and roster agency: what the merge
// yields and every output is written from. Plain data; merge/merge.h computes it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "format/format.h"
#include "model/diagnostics.h"
#include "model/report.h"

namespace nianbao {

enum class FileOutcome { kAccepted, kRejected, kIgnored };

/// What happened to one file of inputs/.
struct FileResult {
  std::string path;         // as shown to the user, e.g. "inputs/fgw.xml"
  FileOutcome outcome = FileOutcome::kIgnored;
  std::string agency_code;  // when it could be read
  std::string agency_name;
  std::string ignored_reason;  // for ignored files, in Chinese
  Diagnostics diags;        // errors (when rejected) and warnings
  int submission = -1;      // index into Run::submissions when the file was read as a submission
};

enum class RosterStatus { kAccepted, kMissing, kRejected };

const char* roster_status_label(RosterStatus s);  // 已报送 / 未报送 / 被退回

struct RosterEntryStatus {
  const Agency* agency = nullptr;    // the roster entry
  RosterStatus status = RosterStatus::kMissing;
  std::vector<int> files;            // indices into files that named this agency
  int accepted_submission = -1;      // index into MergedReport::agencies when accepted
};

/// The merged report: what every output is written from.
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
