// What a command reads before any submission: the report file (inputs/report.xml, or the one
// file of the inputs whose root element is <report>), the format it names, last year's figures
// (--previous) and the document template. Findings that stop a build or validate throw Fatal.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/options.h"
#include "app/scan_inputs.h"
#include "format/format.h"
#include "input/docx_report.h"
#include "model/agency_archive.h"
#include "model/diagnostics.h"
#include "model/report.h"
#include "template/docx/docx_template.h"

namespace nianbao {

class XmlFile;

/// Everything a build or validate needs before it reads any submission.
struct Setup {
  std::string templates_dir;
  ReportFile report;
  Format format;
  int report_file = -1;                 // index into the inputs of the report file
  std::vector<std::int64_t> previous;   // last year's figures, computed cells computed (--previous)
  bool has_previous = false;
  /// Last year's figures and texts of each agency (各单位数据.xml beside last year's merged.xml),
  /// when --previous was given and the file is there.
  std::optional<AgencyArchive> last_year;
  /// The reader of agencies' Word reports, made when the inputs hold a .docx (it keeps a
  /// reference to `format`: a Setup is not moved once it is loaded).
  std::shared_ptr<const ReportReader> word_reports;
  tmpl::DocxTemplate document;          // prepared for the report; empty for validate
  Diagnostics warnings;                 // findings on the report file and last year's figures that do not stop the run
};

/// Loads the file at `fs_path` (shown to the user as `display`) and reads it as a report file.
/// With `require_report_root`, a file whose root element is not <report> is E502 and not read.
/// Returns nullopt when it cannot be used; every finding, warnings too, goes to `diags`. The
/// loaded XML is handed to `xml` when given (for locating its attributes in later findings).
std::optional<ReportFile> read_report_file(const std::string& fs_path, const std::string& display,
                                           bool require_report_root, Diagnostics& diags,
                                           std::unique_ptr<XmlFile>* xml = nullptr);

/// Lists --inputs (scan_inputs, while the rest is read) and loads the setup of a build or
/// validate: the report file (inputs/report.xml, else the one file whose root is <report>:
/// E501 when there is none, E502 when there are two), its format (E503), the placeholders of
/// its narrative (E505), --previous (a folder or its merged.xml: E510, W511; its 各单位数据.xml:
/// E901, W910, W911), the rules for reading Word reports when there is a .docx (E503) and, with
/// `need_template`, the template (E6xx).
/// Returns the inputs, sorted by path; `s.report_file` indexes them. Throws Fatal.
std::vector<InputFile> scan_and_set_up(const Options& o, bool need_template, Setup& s);

}  // namespace nianbao
