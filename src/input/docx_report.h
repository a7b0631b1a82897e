// An agency's own annual report (a .docx made in Word or WPS, not from nianbao's template) read
// as its submission: agency and year from the title, figures from the statutory tables by their
// official labels, the narrative by its headings. Takes the main document part's XML; the zip
// layer (finding word/document.xml through _rels/.rels) is the caller's. The reading contract
// for users is docs/reports.md.
#pragma once

#include <string>

#include "format/format.h"
#include "input/report_formats.h"
#include "input/report_tables.h"
#include "model/diagnostics.h"
#include "model/report.h"

namespace nianbao {

enum class ReportDocKind {
  kReport,     // an annual report: accepted or rejected by the diagnostics it got
  kNotAReport, // no statutory heading, no table, no report title: the caller ignores the file (W828 given)
};

struct ReportReadResult {
  ReportDocKind kind = ReportDocKind::kReport;
  /// As read_submission would give it: path, format (the report's when its tables are the
  /// format's; empty when they are another format's), year from the title, the roster agency,
  /// values and given figures (computed cells kept as given, for the validator to check),
  /// own_sections by the format's section ids and highlights from 一、总体情况. `locate` turns a
  /// GivenValue offset into the table / row / col of the figure.
  Submission submission;
};

/// What reading reports of one format needs, prepared once for a run.
class ReportReader {
 public:
  /// Throws FormatError when templates/<format>/word-report.xml is malformed. `format` must
  /// outlive the reader.
  explicit ReportReader(const Format& format);
  ReportReader(const Format& format, WordReportRules rules);

  /// Reads one report. Every fault is a diagnostic in `diags` (E801–E826, W823–W829, E111 after
  /// kMaxFindingsPerFile findings); nothing throws for bad input. Thread-safe: const.
  ReportReadResult read(const std::string& document_xml, const std::string& display_path, const std::string& file_name,
                        const ReportFile& report, Diagnostics& diags) const;

 private:
  const Format& format_;
  WordReportRules rules_;
  TableMatcher matcher_;
};

/// One report with a reader made for it (tests, fuzzing; a run makes one ReportReader).
ReportReadResult read_report_docx(const std::string& document_xml, const std::string& display_path,
                                  const std::string& file_name, const Format& format, const ReportFile& report,
                                  Diagnostics& diags);

}  // namespace nianbao
