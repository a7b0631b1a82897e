#include "input/report_formats.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <pugixml.hpp>

#include "input/report_text.h"
#include "text/utf8.h"

namespace nianbao {

namespace {

// Codes by the format a report used: stable, one per format, so that a summary can count them.
const char* code_for(const std::string& id) {
  if (id == "xxgk-2019") return "E809";
  if (id == "xxgk-2018") return "E810";
  if (id == "xxgk-2021") return "E811";
  return nullptr;
}

std::vector<std::string> split_labels(const std::string& s) {
  std::vector<std::string> out;
  std::size_t b = 0;
  while (b <= s.size()) {
    std::size_t e = s.find('|', b);
    if (e == std::string::npos) e = s.size();
    std::string label = report_text::bare(s.substr(b, e - b));
    if (!label.empty()) out.push_back(label);
    b = e + 1;
  }
  return out;
}

}  // namespace

WordReportRules parse_word_report_rules(const std::string& text, const std::string& path, const Format& format) {
  pugi::xml_document doc;
  auto res = doc.load_buffer(text.data(), text.size());
  if (!res) throw FormatError("读取 Word 年度报告的规则 " + path + " 不是格式正确的 XML：" + res.description());
  auto root = doc.child("word-report");
  if (!root) throw FormatError(path + " 的根元素应为 <word-report>");
  WordReportRules rules;
  rules.highlights_section = format.sections.empty() ? "" : format.sections.front().id;
  if (auto h = root.child("highlights")) {
    rules.highlights_section = h.attribute("section").value();
    if (!format.find_section(rules.highlights_section))
      throw FormatError(path + "：<highlights section=\"" + rules.highlights_section + "\"> 不是格式 " + format.id + " 的章节");
  }
  for (auto n : root.children("optional")) {
    int t = format.find_table(n.attribute("table").value());
    if (t < 0) throw FormatError(path + "：<optional table=\"" + std::string(n.attribute("table").value()) + "\"> 不是格式 " + format.id + " 的表");
    rules.optional_tables.push_back(t);
  }
  for (auto n : root.children("other-format")) {
    OtherFormat o;
    o.id = n.attribute("id").value();
    o.name = n.attribute("name").value();
    const char* code = code_for(o.id);
    if (!code || o.name.empty()) throw FormatError(path + "：<other-format id=\"" + o.id + "\"> 应有 name，id 应为 xxgk-2018、xxgk-2019 或 xxgk-2021");
    o.code = code;
    for (auto t : n.children("table")) {
      TableSignature sig;
      sig.labels = split_labels(t.attribute("labels").value());
      sig.row = report_text::bare(t.attribute("row").value());
      if (sig.labels.empty() == sig.row.empty()) throw FormatError(path + "：<table> 应有 labels 或 row 之一");
      o.tables.push_back(std::move(sig));
    }
    if (o.tables.empty()) throw FormatError(path + "：<other-format id=\"" + o.id + "\"> 没有 <table>");
    rules.others.push_back(std::move(o));
  }
  return rules;
}

WordReportRules load_word_report_rules(const Format& format) {
  const std::string path = format.dir + "/word-report.xml";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    WordReportRules none;
    if (!format.sections.empty()) none.highlights_section = format.sections.front().id;
    return none;
  }
  std::ostringstream s;
  s << in.rdbuf();
  return parse_word_report_rules(s.str(), path, format);
}

const OtherFormat* recognise_other_format(const TableLabels& labels, const WordReportRules& rules) {
  auto has_label = [&](const std::string& want) {
    return std::any_of(labels.labels.begin(), labels.labels.end(), [&](const std::string& l) {
      return l == want || (decode_utf8(want).size() >= 4 && l.find(want) != std::string::npos);
    });
  };
  for (const auto& other : rules.others)
    for (const auto& sig : other.tables) {
      bool hit = false;
      if (!sig.row.empty())
        hit = std::any_of(labels.row_keys.begin(), labels.row_keys.end(),
                          [&](const std::vector<std::string>& k) { return !k.empty() && k.back() == sig.row; });
      else
        hit = std::all_of(sig.labels.begin(), sig.labels.end(), has_label);
      if (hit) return &other;
    }
  return nullptr;
}

}  // namespace nianbao
