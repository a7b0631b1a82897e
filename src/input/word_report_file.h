// Reads an agency's Word report (.docx) from disk as a submission: the file through the bounded
// zip reader, its main document found through the package relationships (_rels/.rels), then the
// report reader (docx_report.h). Every fault of the file is a diagnostic; nothing throws for bad input.
#pragma once

#include <cstdint>
#include <string>

#include "input/docx_report.h"
#include "model/diagnostics.h"
#include "model/report.h"

namespace nianbao {

/// _rels/.rels above this size is refused (E830): it holds a handful of relationships.
inline constexpr std::uint64_t kMaxPackageRelsBytes = 1u << 20;

struct WordReportFile {
  /// kNotAReport: a readable Word document that is no annual report (W828 in diags): the caller
  /// lists the file as ignored. kReport otherwise, including a file that could not be read.
  ReportDocKind kind = ReportDocKind::kReport;
  /// False when the file is no readable Word package: zip faults (E001–E003, E010–E018, with the
  /// member in SourceLocation::part), a missing or malformed package part (E830), a main document
  /// over kMaxDocumentXmlBytes (E801, refused before inflating when its header says so).
  bool opened = false;
  /// As ReportReader::read gives it. When the report names no agency it could read (it could not
  /// be opened, or its body not parsed), the agency is the roster agency whose full name the file
  /// name holds, if exactly one does: the agency is then 被退回 rather than 未报送.
  Submission submission;
};

/// Reads the .docx at `fs_path`, shown to the user as `display`, with `reader` (the run's, for
/// `report`'s format). Thread-safe for distinct files.
WordReportFile read_word_report_file(const std::string& fs_path, const std::string& display, const ReportReader& reader,
                                     const ReportFile& report, Diagnostics& diags);

}  // namespace nianbao
