// Reads report.xml and submission files (already loaded by xml_file.h) into model types,
// exactly per ../shared/spec/submissions.md. Structural faults become diagnostics with the line
// and column; nothing here throws for bad input. Checks that need the whole run (roster,
// duplicates, rules) belong to validate/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "format/format.h"
#include "input/xml_file.h"
#include "model/report.h"

namespace nianbao {

/// Reads a report file. Returns nullopt when it cannot be used (errors are in diags).
std::optional<ReportFile> read_report(const XmlFile& xml, Diagnostics& diags);

/// Checks the report's sections against the format (unknown section ids are errors).
void check_report_sections(const ReportFile& report, const Format& format, Diagnostics& diags);

/// A section `nianbao new` writes into a new report file: its paragraphs, and a hint for the
/// office written above it as an XML comment.
struct SkeletonSection {
  std::string id, hint;
  std::vector<std::string> paragraphs;
};

/// Reads a format's templates/<format>/new-report.xml (root <new-report>): its <section id
/// hint> elements of <p> paragraphs, in file order. Faults (another root, a section without id
/// or given twice, a paragraph with markup) are E504 diagnostics, as in a report file.
std::vector<SkeletonSection> read_report_skeleton(const XmlFile& xml, Diagnostics& diags);

/// Reads a submission's identity, figures and narrative. Every fault is a diagnostic; the
/// returned submission holds whatever could be read (its agency code is used in the summary).
/// After kMaxFindingsPerFile findings it stops reading and adds E111.
Submission read_submission(const XmlFile& xml, const Format& format, Diagnostics& diags);

/// The message of E111 (too many findings in one file).
std::string too_many_findings_message();

}  // namespace nianbao
