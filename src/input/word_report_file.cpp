#include "input/word_report_file.h"

#include <cstring>
#include <memory>

#include <pugixml.hpp>

#include "input/docx_body.h"
#include "input/report_narrative.h"
#include "input/xlsx_refs.h"
#include "zip/zip_reader.h"

namespace nianbao {

namespace {

const char* kResave = "用 Word 或 WPS 保存的 .docx 文档";

const char* local_name(const char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon ? colon + 1 : name;
}

std::string base_name(const std::string& path) {
  std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

class PackageReader {
 public:
  PackageReader(ZipArchive& zip, const std::string& display, Diagnostics& diags) : zip_(zip), display_(display), diags_(diags) {}

  // The main document part named by _rels/.rels, read into `out`; false with one finding.
  bool read_main_document(std::string& out) {
    std::string part;
    if (!main_part(part)) return false;
    const ZipMember* m = zip_.find(part);
    if (m->declared_size > kMaxDocumentXmlBytes) {
      // Refused on the header's word, before inflating hundreds of megabytes; a header that
      // understates is caught by the size of what is really inflated (zip reader, body reader).
      auto& d = diags_.error("E801", where(part), "文档正文（" + part + "）过大，不像年度报告，未读取。");
      d.found = std::to_string(m->declared_size >> 20) + " MiB";
      d.expected = "不超过 " + std::to_string(kMaxDocumentXmlBytes >> 20) + " MiB";
      return false;
    }
    return read_member(part, out);
  }

 private:
  SourceLocation where(const std::string& part = "") const {
    SourceLocation at{display_, 0, 0};
    at.part = part;
    return at;
  }

  bool broken(const std::string& part, const std::string& why) {
    diags_.error("E830", where(part), "不是完整的 Word 文档：" + why + "。").expected = kResave;
    return false;
  }

  bool read_member(const std::string& name, std::string& out) {
    ZipStatus st = zip_.read(name, out);
    if (st.ok()) return true;
    diags_.error(st.code, where(st.member.empty() ? name : st.member), st.message);
    return false;
  }

  bool main_part(std::string& part) {
    const std::string rels_name = "_rels/.rels";
    const ZipMember* rels_member = zip_.find(rels_name);
    if (!rels_member) return broken(rels_name, "缺少部件 _rels/.rels（压缩包不是 Office 文档）");
    if (rels_member->declared_size > kMaxPackageRelsBytes) return broken(rels_name, "部件 _rels/.rels 过大");
    std::string rels;
    if (!read_member(rels_name, rels)) return false;
    if (rels.size() > kMaxPackageRelsBytes) return broken(rels_name, "部件 _rels/.rels 过大");
    pugi::xml_document doc;
    const unsigned flags = pugi::parse_default | pugi::parse_doctype;
    if (!doc.load_buffer(rels.data(), rels.size(), flags, pugi::encoding_auto))
      return broken(rels_name, "部件 _rels/.rels 不是格式正确的 XML");
    for (auto n : doc.children())
      if (n.type() == pugi::node_doctype) return broken(rels_name, "部件 _rels/.rels 含有 DOCTYPE（文档类型或实体声明）");
    for (auto r : doc.document_element().children()) {
      if (r.type() != pugi::node_element || std::strcmp(local_name(r.name()), "Relationship") != 0) continue;
      std::string_view type = r.attribute("Type").value();
      const std::size_t slash = type.rfind('/');
      if (type.substr(slash == std::string_view::npos ? 0 : slash + 1) != "officeDocument") continue;
      if (std::string_view(r.attribute("TargetMode").value()) == "External") continue;
      part = resolve_part_name("", r.attribute("Target").value());
      break;
    }
    if (part.empty()) return broken(rels_name, "_rels/.rels 中没有指向主文档（officeDocument）的关系");
    if (part.rfind("xl/", 0) == 0) return broken(part, "这是 Excel 工作簿（.xlsx），不是 Word 文档");
    if (part.rfind("ppt/", 0) == 0) return broken(part, "这是 PowerPoint 演示文稿，不是 Word 文档");
    if (!zip_.find(part)) return broken(part, "缺少主文档部件 " + part);
    return true;
  }

  ZipArchive& zip_;
  const std::string& display_;
  Diagnostics& diags_;
};

}  // namespace

WordReportFile read_word_report_file(const std::string& fs_path, const std::string& display, const ReportReader& reader,
                                     const ReportFile& report, Diagnostics& diags) {
  WordReportFile out;
  out.submission.path = display;
  out.submission.where = SourceLocation{display, 0, 0};
  const std::string file_name = base_name(display);
  std::string document;
  {
    ZipStatus st;
    std::unique_ptr<ZipArchive> zip = open_zip_file(fs_path, st);
    if (!zip) {
      diags.error(st.code, SourceLocation{display, 0, 0}, st.message);
    } else {
      out.opened = PackageReader(*zip, display, diags).read_main_document(document);
    }
  }  // the archive's bytes go before the document is parsed
  if (out.opened) {
    ReportReadResult read = reader.read(document, display, file_name, report, diags);
    out.kind = read.kind;
    out.submission = std::move(read.submission);
  }
  if (out.kind == ReportDocKind::kReport && out.submission.agency.code.empty() && diags.has_errors()) {
    std::vector<int> named = agencies_named(file_name, report.roster);
    if (named.size() == 1) {
      out.submission.agency = report.roster[static_cast<std::size_t>(named[0])];
      out.submission.agency.where = out.submission.where;
    }
  }
  return out;
}

}  // namespace nianbao
