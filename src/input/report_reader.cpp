// report.xml: the report's identity, its roster of agencies and its narrative sections.
#include <cstring>
#include <set>
#include <unordered_set>

#include <pugixml.hpp>

#include "input/readers.h"
#include "input/xml_nodes.h"

namespace nianbao {

namespace {

// format, year, title, compiler, region, website, published and contact.
void read_report_identity(const XmlFile& xml, const pugi::xml_node& root, ReportFile& r, Diagnostics& diags) {
  r.format = trim(root.attribute("format").value());
  if (r.format.empty()) diags.error("E504", where(xml, root), "报告文件 <report> 缺少 format 属性（例如 format=\"xxgk-2021\"）。");
  if (!parse_year(root.attribute("year").value(), r.year)) {
    auto& d = diags.error("E504", where(xml, root), "报告文件 <report> 的 year 属性缺失或不是四位年份。");
    d.found = root.attribute("year").value();
    d.expected = "四位年份，例如 2025";
  }
  auto text_of = [&](const char* name, bool required) {
    auto n = root.child(name);
    std::string t = n ? element_text(n) : "";
    if (required && t.empty())
      diags.error("E504", n ? where(xml, n) : where(xml, root), std::string("报告文件缺少 <") + name + "> 或其内容为空。");
    return t;
  };
  r.title = text_of("title", true);
  r.compiler = text_of("compiler", true);
  r.region_name = text_of("region", true);
  r.region_code = trim(root.child("region").attribute("code").value());
  if (root.child("region") && r.region_code.empty())
    diags.error("E504", where(xml, root.child("region")), "<region> 缺少 code 属性（行政区划代码）。");
  r.website = text_of("website", false);
  r.published = text_of("published", false);
  if (!r.published.empty() && !is_real_date(r.published)) {
    const std::string& p = r.published;
    const bool shaped = p.size() == 10 && p[4] == '-' && p[7] == '-' &&
                        p.find_first_not_of("0123456789-") == std::string::npos;
    auto& d = diags.error("E504", where(xml, root.child("published")),
                          shaped ? "<published> 的日期不存在。" : "<published> 的日期格式不对。");
    d.found = r.published;
    d.expected = "实有的日期，写作 YYYY-MM-DD，例如 2026-01-20";
  }
  r.contact = read_contact(root.child("contact"));
}

// <roster>: one <agency> per agency that must submit, each code once. `errors_before`: the
// file's error count before it was read, for telling an empty roster from a faulty one.
void read_roster(const XmlFile& xml, const pugi::xml_node& root, std::size_t errors_before, ReportFile& r,
                 Diagnostics& diags) {
  auto roster = root.child("roster");
  if (!roster) diags.error("E504", where(xml, root), "报告文件缺少 <roster>（应报送单位名单）。");
  std::size_t listed = 0;
  for (auto a = roster.first_child(); a; a = a.next_sibling()) ++listed;
  r.roster.reserve(listed);
  std::unordered_set<std::string> codes;
  codes.reserve(listed);
  for (auto a : roster.children()) {
    if (a.type() != pugi::node_element) continue;
    if (std::strcmp(a.name(), "agency") != 0) {
      diags.error("E508", where(xml, a), std::string("<roster> 中只能有 <agency>，不认识元素 <") + a.name() + ">。");
      continue;
    }
    Agency ag;
    ag.code = trim(a.attribute("code").value());
    ag.name = trim(a.attribute("name").value());
    ag.where = where(xml, a);
    std::string kind = trim(a.attribute("kind").value());
    if (ag.code.empty() || ag.name.empty()) {
      diags.error("E504", ag.where, "名单中的 <agency> 必须有 code 和 name 属性。");
      continue;
    }
    if (kind.empty()) kind = "department";
    if (!parse_agency_kind(kind, ag.kind)) {
      auto& d = diags.error("E504", where(xml, a.attribute("kind")), "名单中单位 " + ag.code + " 的 kind 属性无效。");
      d.found = kind;
      d.expected = "department（部门）、township（乡镇、街道）或 government（本级政府）";
      continue;
    }
    if (!codes.insert(ag.code).second) {
      diags.error("E506", ag.where, "名单中单位代码 " + ag.code + " 重复出现。");
      continue;
    }
    r.roster.push_back(std::move(ag));
  }
  if (roster && r.roster.empty() && diags.error_count() == errors_before)
    diags.error("E504", where(xml, roster), "<roster> 中没有任何单位。");
  r.index_roster();
}

// The report's <section>s, each id once.
void read_report_sections(const XmlFile& xml, const pugi::xml_node& root, ReportFile& r, Diagnostics& diags) {
  std::set<std::string> section_ids;
  for (auto s : root.children("section")) {
    NarrativeSection sec;
    sec.id = trim(s.attribute("id").value());
    sec.title = trim(s.attribute("title").value());
    sec.where = where(xml, s);
    if (sec.id.empty()) {
      diags.error("E504", sec.where, "<section> 缺少 id 属性。");
      continue;
    }
    if (!section_ids.insert(sec.id).second) {
      diags.error("E507", sec.where, "章节 " + sec.id + " 出现了两次。");
      continue;
    }
    sec.paragraphs = read_paragraphs(xml, s, diags);
    r.sections.push_back(std::move(sec));
  }
}

// What report.xml may hold where: each of its single elements once, text only in them, nothing
// inside a roster <agency> or the <contact>, no text directly in <report> or <roster>.
void check_report_structure(const XmlFile& xml, const pugi::xml_node& root, Diagnostics& out) {
  Diagnostics diags;
  for (const char* name : {"title", "compiler", "region", "website", "contact", "published", "roster"}) {
    auto first = root.child(name);
    if (!first) continue;
    if (auto again = first.next_sibling(name))
      diags.error("E504", where(xml, again), std::string("报告文件中 <") + name + "> 只能有一个，这是第二个。").expected =
          "删去多余的一个（第二个不会被读取）";
    bool text_only = std::strcmp(name, "contact") != 0 && std::strcmp(name, "roster") != 0;
    if (text_only) report_content_inside(xml, first, name, diags, nullptr, true);
  }
  report_content_inside(xml, root.child("contact"), "contact", diags, nullptr);
  report_text_inside(xml, root, "report", diags);
  report_text_inside(xml, root.child("roster"), "roster", diags);
  for (auto a : root.child("roster").children("agency")) report_content_inside(xml, a, "agency", diags, nullptr);
  // In the report file these are faults of the report file: E504, as its other faults.
  for (Diagnostic d : diags.items()) {
    d.code = "E504";
    out.add(std::move(d));
  }
}

}  // namespace

std::optional<ReportFile> read_report(const XmlFile& xml, Diagnostics& diags) {
  auto root = parsed(xml).document_element();
  std::size_t errors_before = diags.error_count();
  check_report_structure(xml, root, diags);
  ReportFile r;
  r.path = xml.path;
  read_report_identity(xml, root, r, diags);
  read_roster(xml, root, errors_before, r, diags);
  read_report_sections(xml, root, r, diags);
  static const std::set<std::string> known = {"title", "compiler", "region", "website", "contact",
                                              "published", "roster", "section"};
  for (auto c : root.children())
    if (c.type() == pugi::node_element && !known.count(c.name()))
      diags.warning("W509", where(xml, c), std::string("报告文件中不认识的元素 <") + c.name() + ">，已忽略。");

  if (diags.error_count() > errors_before) return std::nullopt;
  return r;
}

std::vector<SkeletonSection> read_report_skeleton(const XmlFile& xml, Diagnostics& diags) {
  auto root = parsed(xml).document_element();
  if (std::strcmp(root.name(), "new-report") != 0) {
    diags.error("E504", where(xml, root), std::string("根元素应为 <new-report>，实际为 <") + root.name() + ">。");
    return {};
  }
  ReportFile sections;
  read_report_sections(xml, root, sections, diags);
  std::vector<SkeletonSection> out;
  auto element = root.children("section").begin();
  for (auto& sec : sections.sections) {
    while (trim(element->attribute("id").value()) != sec.id) ++element;  // those without id were reported
    SkeletonSection s{sec.id, trim(element->attribute("hint").value()), {}};
    for (auto& p : sec.paragraphs) s.paragraphs.push_back(std::move(p.text));
    out.push_back(std::move(s));
  }
  return out;
}

void check_report_sections(const ReportFile& report, const Format& format, Diagnostics& diags) {
  // A statutory section the report does not write: the document would show its heading over
  // nothing, which reviewers of published reports single out.
  for (const auto& def : format.sections) {
    if (report.find_section(def.id)) continue;
    auto& d = diags.warning("W512", SourceLocation{report.path, 0, 0},
                            "报告文件没有写章节「" + def.heading + "」的正文，文档中这一节将只有标题。");
    d.found = "没有 <section id=\"" + def.id + "\">";
    d.expected = "<section id=\"" + def.id + "\"><p>……</p></section>";
  }
  for (const auto& s : report.sections)
    if (!format.find_section(s.id)) {
      std::string ids;
      for (const auto& d : format.sections) ids += (ids.empty() ? "" : "、") + d.id;
      auto& d = diags.error("E507", s.where, "格式 " + format.id + " 没有章节 " + s.id + "。");
      d.found = s.id;
      d.expected = ids;
    }
}

}  // namespace nianbao
