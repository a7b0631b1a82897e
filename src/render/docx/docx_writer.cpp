#include "render/docx/docx_writer.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "render/docx/placement.h"
#include "text/escape.h"
#include "zip/zip_writer.h"

namespace nianbao {

namespace fs = std::filesystem;

namespace {

std::vector<std::pair<std::string, std::string>> ordered(std::map<std::string, std::string> parts) {
  // [Content_Types].xml and the package relationships first, as Office writes them.
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* first : {"[Content_Types].xml", "_rels/.rels"}) {
    auto it = parts.find(first);
    if (it != parts.end()) {
      out.emplace_back(it->first, std::move(it->second));
      parts.erase(it);
    }
  }
  for (auto& kv : parts) out.emplace_back(kv.first, std::move(kv.second));
  return out;
}

std::string core_properties(const DocumentMeta& meta) {
  std::string date = meta.date.empty() ? "2000-01-01" : meta.date;
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
         "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
         "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
         "<dc:title>" + xml_escape(meta.title) + "</dc:title><dc:creator>" + xml_escape(meta.creator) +
         "</dc:creator><cp:lastModifiedBy>nianbao</cp:lastModifiedBy>"
         "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + date + "T00:00:00Z</dcterms:created>"
         "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + date + "T00:00:00Z</dcterms:modified></cp:coreProperties>";
}

}  // namespace

std::map<std::string, std::string> load_template_parts(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::map<std::string, std::string> parts;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      std::ifstream in(it->path(), std::ios::binary);
      if (!in) throw std::runtime_error("无法读取模板文件 " + it->path().string());
      std::ostringstream data;
      data << in.rdbuf();
      parts[fs::relative(it->path(), path).generic_string()] = data.str();
    }
    if (ec) throw std::runtime_error("无法读取模板目录 " + path + "：" + ec.message());
    if (!parts.count("word/document.xml")) throw std::runtime_error("模板目录 " + path + " 中没有 word/document.xml");
    return parts;
  }
  if (!fs::exists(path, ec)) throw std::runtime_error("找不到模板 " + path);
  auto parts = read_zip(path);
  if (!parts.count("word/document.xml")) throw std::runtime_error(path + " 不是 Word 文档（缺少 word/document.xml）");
  return parts;
}

bool prepare_template(const std::string& path, const Format& format, const ReportFile* report,
                      tmpl::DocxTemplate& out, Diagnostics& problems) {
  Diagnostics found;
  bool compiled = out.compile(load_template_parts(path), found);
  ReportNames checker(format, report, nullptr);
  DocumentPlacer placer(checker);
  bool checked = out.check(checker, placer, found);  // also after compile problems: report them all
  for (Diagnostic d : found.items()) {
    d.where.file = path;
    problems.add(std::move(d));
  }
  return compiled && checked;
}

bool write_document(const tmpl::DocxTemplate& tpl, ReportNames& names, const DocumentMeta& meta, const std::string& path,
                    Diagnostics& problems) {
  DocumentPlacer placer(names);
  std::optional<std::map<std::string, std::string>> rendered = tpl.render(names, placer, problems);
  if (!rendered) return false;
  std::map<std::string, std::string>& parts = *rendered;
  std::string& body = parts["word/document.xml"];
  if (!meta.draft_note.empty() && body.find("草稿") == std::string::npos) {
    std::size_t at = body.find("<w:body>");
    if (at != std::string::npos)
      body.insert(at + 8, "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia=\"黑体\"/><w:b/>"
                          "<w:color w:val=\"C00000\"/></w:rPr><w:t xml:space=\"preserve\">" +
                              xml_escape(meta.draft_note) + "</w:t></w:r></w:p>");
  }
  // Charts placed by {{chart id}}: their parts, relationships and content types.
  if (!placer.chart_parts().empty()) {
    std::string& rels = parts["word/_rels/document.xml.rels"];
    std::string& types = parts["[Content_Types].xml"];
    for (const auto& c : placer.chart_parts()) {
      parts[c.name] = c.xml;
      std::string rel = "<Relationship Id=\"" + c.rel_id +
                        "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart\" Target=\"" +
                        c.name.substr(5) + "\"/>";
      std::size_t at = rels.rfind("</Relationships>");
      if (at == std::string::npos) throw std::runtime_error("模板缺少 word/_rels/document.xml.rels，无法放入图表");
      rels.insert(at, rel);
      std::string over = "<Override PartName=\"/" + c.name +
                         "\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>";
      at = types.rfind("</Types>");
      if (at == std::string::npos) throw std::runtime_error("模板缺少 [Content_Types].xml，无法放入图表");
      types.insert(at, over);
    }
  }
  // Only where the template's package declares the part (a template saved by some editors has none).
  if (parts.count("docProps/core.xml")) parts["docProps/core.xml"] = core_properties(meta);
  write_zip(path, ordered(std::move(parts)));
  return true;
}

void export_template(const std::string& folder, const std::string& path) {
  write_zip(path, ordered(load_template_parts(folder)));
}

}  // namespace nianbao
