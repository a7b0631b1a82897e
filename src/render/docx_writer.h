// The narrative report as DOCX: loads a template (the shipped folder under templates/<format>/docx,
// or a .docx saved by Word, WPS or LibreOffice), compiles and checks it, renders it with the
// report's data and writes it as a zip with fixed member dates and order.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "render/report_context.h"
#include "template/docx_template.h"

namespace nianbao {

/// The parts of a template: a folder (every file under it) or a .docx file.
/// Throws std::runtime_error naming the path when it cannot be read.
std::map<std::string, std::string> load_template_parts(const std::string& path);

/// Compiles and checks a template against a format. Problems (with their paragraph) are appended;
/// returns false when there is any.
bool prepare_template(const std::string& path, const Format& format, const ReportFile* report,
                      tmpl::DocxTemplate& out, std::vector<tmpl::TemplateProblem>& problems);

struct DocumentMeta {
  std::string title;
  std::string creator;
  std::string date;  // W3CDTF date used for created/modified, fixed so outputs are reproducible
  /// For a partial run: "草稿：N个单位未报送、M个单位被退回…". A template that does not print it
  /// itself gets it as the first paragraph, so nobody publishes a partial report by mistake.
  std::string draft_note;
};

/// Renders and writes the document. Throws tmpl::RenderError or std::runtime_error.
void write_document(const tmpl::DocxTemplate& tpl, ReportContext& ctx, const DocumentMeta& meta,
                    const std::string& path);

/// The parts written for a template export (the shipped folder as a .docx). Throws like load_template_parts.
void export_template(const std::string& folder, const std::string& path);

}  // namespace nianbao
