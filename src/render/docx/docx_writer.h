// The narrative report as DOCX: loads a template (the shipped folder under templates/<format>/docx,
// or a .docx saved by Word, WPS or LibreOffice), compiles and checks it, renders it with the
// report's data and writes it as a zip with fixed member dates and order.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "format/format.h"
#include "model/diagnostics.h"
#include "model/report.h"
#include "template/docx/docx_template.h"
#include "template/report_names.h"

namespace nianbao {

/// The parts of a template: a folder (every file under it) or a .docx file.
/// Throws std::runtime_error naming the path when it cannot be read.
std::map<std::string, std::string> load_template_parts(const std::string& path);

/// Compiles and checks a template against a format. Problems (E601–E606, each with `path` as its
/// file and its part and paragraph) are appended; returns false when there is any. Throws like
/// load_template_parts.
bool prepare_template(const std::string& path, const Format& format, const ReportFile* report,
                      tmpl::DocxTemplate& out, Diagnostics& problems);

struct DocumentMeta {
  std::string title;
  std::string creator;
  std::string date;  // W3CDTF date used for created/modified, fixed so outputs are reproducible
  /// For a partial run: "草稿：N个单位未报送、M个单位被退回…". A template that does not print it
  /// itself gets it as the first paragraph, so nobody publishes a partial report by mistake.
  std::string draft_note;
};

/// Renders the document with `names` and writes it. When a tag cannot be rendered with this
/// data, appends its E606 to `problems`, writes nothing and returns false. Throws
/// std::runtime_error when the file cannot be written, or a chart has nowhere to go (the
/// template has no document relationships or content types).
bool write_document(const tmpl::DocxTemplate& tpl, ReportNames& names, const DocumentMeta& meta, const std::string& path,
                    Diagnostics& problems);

/// The parts written for a template export (the shipped folder as a .docx). Throws like load_template_parts.
void export_template(const std::string& folder, const std::string& path);

}  // namespace nianbao
