#include "input/readers.h"

#include <cstring>
#include <set>
#include <unordered_set>
#include <string_view>

namespace nianbao {

namespace {

struct FindingBudget {
  const Diagnostics& diags;
  std::size_t start = diags.items().size();
  bool stopped = false;
  /// Called before reading each further piece: true (and remembered) once the budget is spent.
  bool stop() { return stopped = stopped || diags.items().size() - start >= kMaxFindingsPerFile; }
};

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Name comparisons on the hot path (a few hundred per file), inlined: ids are a few letters, and
// a call to strcmp cost more than the comparison.
bool same_id(const std::string& id, const char* name) {
  const char* a = id.c_str();
  while (*a != 0 && *a == *name) ++a, ++name;
  return *a == *name;
}
bool is_name(const char* name, char a, char b) { return name[0] == a && name[1] == b && name[2] == 0; }

std::string_view trim_view(std::string_view s) {
  while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  return s;
}

std::string trim(std::string s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_ws(s[b])) ++b;
  while (e > b && is_ws(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// At most `chars` characters of `s`, never cutting a UTF-8 sequence; "…" when cut.
std::string first_chars(const std::string& s, int chars) {
  std::size_t e = 0;
  for (; e < s.size() && chars > 0; --chars) {
    ++e;
    while (e < s.size() && (static_cast<unsigned char>(s[e]) & 0xC0) == 0x80) ++e;
  }
  return e < s.size() ? s.substr(0, e) + "…" : s;
}

bool parse_year(const char* text, int& year) {
  std::string s = trim(text);
  if (s.size() != 4) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  year = std::stoi(s);
  return year >= 1990 && year <= 2100;
}

bool is_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

Contact read_contact(const pugi::xml_node& node) {
  return Contact{trim(node.attribute("name").value()), trim(node.attribute("phone").value()),
                 trim(node.attribute("email").value())};
}

std::vector<Paragraph> read_paragraphs(const XmlFile& xml, const pugi::xml_node& section, Diagnostics& diags,
                                       FindingBudget* budget = nullptr) {
  std::vector<Paragraph> out;
  for (auto child : section.children()) {
    if (budget && budget->stop()) break;
    if (child.type() == pugi::node_comment) continue;
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      if (!trim(child.value()).empty())
        diags.warning("W109", xml.where(section), "<section> 中 <p> 之外的文字不会写入报告，请放在 <p> 元素中。").found =
            first_chars(trim(child.value()), 30);
      continue;
    }
    if (std::strcmp(child.name(), "p") != 0) {
      diags.error("E108", xml.where(child), std::string("<section> 中只能有 <p> 段落，不认识元素 <") + child.name() + ">。");
      continue;
    }
    for (auto inner : child.children())
      if (inner.type() == pugi::node_element && !(budget && budget->stop()))
        diags.error("E108", xml.where(inner),
                    std::string("段落 <p> 只能包含纯文本，不能包含元素 <") + inner.name() + ">。");
    std::string text = element_text(child);
    if (!text.empty()) out.push_back(Paragraph{text, xml.where(child)});
  }
  return out;
}

}  // namespace

std::string too_many_findings_message() {
  return "文件中的问题过多，已列出前 " + std::to_string(kMaxFindingsPerFile) + " 处，其余部分未再检查；请改正后重新报送。";
}

std::string element_text(const pugi::xml_node& node) {
  std::string raw;
  for (auto c : node.children())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) raw += c.value();
  std::string_view in = trim_view(raw);
  std::string out;
  out.reserve(in.size());
  while (!in.empty()) {
    // Parsing has turned every line end into '\n' (parse_eol).
    std::size_t nl = in.find('\n');
    out.append(in.substr(0, nl));
    if (nl == std::string_view::npos) break;
    // Drop the line break and the indentation around it.
    while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
    std::size_t j = nl;
    while (j < in.size() && is_ws(in[j])) ++j;
    bool ascii_before = !out.empty() && static_cast<unsigned char>(out.back()) < 0x80;
    bool ascii_after = j < in.size() && static_cast<unsigned char>(in[j]) < 0x80;
    if (ascii_before && ascii_after) out += ' ';
    in.remove_prefix(j);
  }
  return out;
}

std::optional<ReportFile> read_report(const XmlFile& xml, Diagnostics& diags) {
  auto root = xml.doc.document_element();
  std::size_t errors_before = diags.error_count();
  ReportFile r;
  r.path = xml.path;
  r.format = trim(root.attribute("format").value());
  if (r.format.empty()) diags.error("E504", xml.where(root), "报告文件 <report> 缺少 format 属性（例如 format=\"xxgk-2021\"）。");
  if (!parse_year(root.attribute("year").value(), r.year)) {
    auto& d = diags.error("E504", xml.where(root), "报告文件 <report> 的 year 属性缺失或不是四位年份。");
    d.found = root.attribute("year").value();
    d.expected = "四位年份，例如 2025";
  }
  auto text_of = [&](const char* name, bool required) {
    auto n = root.child(name);
    std::string t = n ? element_text(n) : "";
    if (required && t.empty())
      diags.error("E504", n ? xml.where(n) : xml.where(root), std::string("报告文件缺少 <") + name + "> 或其内容为空。");
    return t;
  };
  r.title = text_of("title", true);
  r.compiler = text_of("compiler", true);
  r.region_name = text_of("region", true);
  r.region_code = trim(root.child("region").attribute("code").value());
  if (root.child("region") && r.region_code.empty())
    diags.error("E504", xml.where(root.child("region")), "<region> 缺少 code 属性（行政区划代码）。");
  r.website = text_of("website", false);
  r.published = text_of("published", false);
  if (!r.published.empty() && !is_date(r.published)) {
    auto& d = diags.error("E504", xml.where(root.child("published")), "<published> 的日期格式不对。");
    d.found = r.published;
    d.expected = "YYYY-MM-DD，例如 2026-01-20";
  }
  r.contact = read_contact(root.child("contact"));

  auto roster = root.child("roster");
  if (!roster) diags.error("E504", xml.where(root), "报告文件缺少 <roster>（应报送单位名单）。");
  std::size_t listed = 0;
  for (auto a = roster.first_child(); a; a = a.next_sibling()) ++listed;
  r.roster.reserve(listed);
  std::unordered_set<std::string> codes;
  codes.reserve(listed);
  for (auto a : roster.children()) {
    if (a.type() != pugi::node_element) continue;
    if (std::strcmp(a.name(), "agency") != 0) {
      diags.error("E508", xml.where(a), std::string("<roster> 中只能有 <agency>，不认识元素 <") + a.name() + ">。");
      continue;
    }
    Agency ag;
    ag.code = trim(a.attribute("code").value());
    ag.name = trim(a.attribute("name").value());
    ag.where = xml.where(a);
    std::string kind = trim(a.attribute("kind").value());
    if (ag.code.empty() || ag.name.empty()) {
      diags.error("E504", ag.where, "名单中的 <agency> 必须有 code 和 name 属性。");
      continue;
    }
    if (kind.empty()) kind = "department";
    if (!parse_agency_kind(kind, ag.kind)) {
      auto& d = diags.error("E504", xml.where(a.attribute("kind")), "名单中单位 " + ag.code + " 的 kind 属性无效。");
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
    diags.error("E504", xml.where(roster), "<roster> 中没有任何单位。");
  r.index_roster();

  std::set<std::string> section_ids;
  for (auto s : root.children("section")) {
    NarrativeSection sec;
    sec.id = trim(s.attribute("id").value());
    sec.title = trim(s.attribute("title").value());
    sec.where = xml.where(s);
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
  static const std::set<std::string> known = {"title", "compiler", "region", "website", "contact",
                                              "published", "roster", "section"};
  for (auto c : root.children())
    if (c.type() == pugi::node_element && !known.count(c.name()))
      diags.warning("W509", xml.where(c), std::string("报告文件中不认识的元素 <") + c.name() + ">，已忽略。");

  if (diags.error_count() > errors_before) return std::nullopt;
  return r;
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

Submission read_submission(const XmlFile& xml, const Format& format, Diagnostics& diags) {
  Submission sub;
  sub.path = xml.path;
  sub.values.assign(format.cell_count(), 0);
  auto root = xml.doc.document_element();
  sub.where = xml.where(root);
  sub.format = trim(root.attribute("format").value());
  if (sub.format.empty()) diags.error("E101", xml.where(root), "<submission> 缺少 format 属性。");
  if (!root.attribute("year")) {
    diags.error("E101", xml.where(root), "<submission> 缺少 year 属性。");
  } else if (!parse_year(root.attribute("year").value(), sub.year)) {
    auto& d = diags.error("E101", xml.where(root.attribute("year")), "<submission> 的 year 属性不是四位年份。");
    d.found = root.attribute("year").value();
    d.expected = "四位年份";
  }

  int agency_count = 0;
  sub.given.reserve(static_cast<std::size_t>(format.cell_count()));
  std::vector<std::vector<bool>> rows_seen(format.tables.size());
  FindingBudget budget{diags};
  for (auto child : root.children()) {
    if (budget.stop()) break;
    if (child.type() != pugi::node_element) continue;
    std::string name = child.name();
    if (name == "agency") {
      if (++agency_count > 1) {
        diags.error("E101", xml.where(child), "一份报送文件只能有一个 <agency>。");
        continue;
      }
      sub.agency.code = trim(child.attribute("code").value());
      sub.agency.name = trim(child.attribute("name").value());
      sub.agency.where = xml.where(child);
      std::string kind = trim(child.attribute("kind").value());
      if (sub.agency.code.empty()) diags.error("E101", sub.agency.where, "<agency> 缺少 code 属性（单位代码）。");
      sub.kind_given = !kind.empty();
      if (!kind.empty() && !parse_agency_kind(kind, sub.agency.kind)) {
        auto& d = diags.error("E101", xml.where(child.attribute("kind")), "<agency> 的 kind 属性无效。");
        d.found = kind;
        d.expected = "department、township 或 government";
      }
    } else if (name == "contact") {
      sub.contact = read_contact(child);
    } else if (name == "submitted") {
      sub.submitted = element_text(child);
    } else if (name == "table") {
      std::string tid = trim(child.attribute("id").value());
      int t = format.find_table(tid);
      if (t < 0) {
        std::string ids;
        for (const auto& td : format.tables) ids += (ids.empty() ? "" : "、") + td.id;
        auto& d = diags.error("E104", xml.where(child), "格式 " + format.id + " 中没有这个表。");
        d.found = tid.empty() ? "（缺少 id）" : tid;
        d.expected = ids;
        continue;
      }
      const auto& table = format.tables[t];
      int row_hint = 0;
      for (auto row : child.children()) {
        if (budget.stop()) break;
        if (row.type() != pugi::node_element) continue;
        const char* row_name = row.name();
        if (!(row_name[0] == 'r' && is_name(row_name + 1, 'o', 'w'))) {
          diags.error("E108", xml.where(row), "<table> 中只能有 <row>，不认识元素 <" + std::string(row.name()) + ">。");
          continue;
        }
        // The id is usually the first attribute.
        auto id_attr = row.first_attribute();
        if (!id_attr || !is_name(id_attr.name(), 'i', 'd')) id_attr = row.attribute("id");
        std::string_view rid = trim_view(id_attr.value());
        // Files usually list rows in the format's order: try the next row first.
        int r = row_hint < static_cast<int>(table.rows.size()) && table.rows[row_hint].id == rid
                    ? row_hint
                    : table.find_row(std::string(rid));
        row_hint = r + 1;
        if (r < 0) {
          auto& d = diags.error("E105", xml.where(row), "表「" + table.title + "」（" + table.id + "）中没有这一行。");
          d.found = rid.empty() ? "（缺少 id）" : std::string(rid);
          continue;
        }
        auto& seen = rows_seen[t];
        if (seen.empty()) seen.assign(table.rows.size(), false);
        if (seen[r]) {
          auto& d = diags.error("E107", xml.where(row), "同一行写了两次，无法确定以哪一次为准。");
          d.place = table.title + " / " + format.row_full_label(t, r);
          continue;
        }
        seen[r] = true;
        int col_hint = 0;
        std::uint64_t cols_given = 0;  // a bit per column of the table (formats have far fewer than 64)
        for (auto a = row.first_attribute(); a && !budget.stop(); a = a.next_attribute()) {
          const char* col_id = a.name();
          if (a == id_attr) continue;
          if (is_name(col_id, 'i', 'd')) {
            auto& d = diags.error("E008", xml.where(a), "元素 <row> 的属性 id 出现了两次。");
            d.expected = "每个属性只写一次";
            continue;
          }
          int c = col_hint < static_cast<int>(table.columns.size()) && same_id(table.columns[col_hint].id, col_id)
                      ? col_hint
                      : table.find_column(col_id);
          col_hint = c + 1;
          int cell = format.cell(t, r, c);
          if (cell < 0) {
            std::string cols;
            for (int k : table.rows[r].columns) cols += (cols.empty() ? "" : "、") + table.columns[k].id;
            auto& d = diags.error("E106", xml.where(a),
                                  c < 0 ? "表「" + table.title + "」中没有这一列。" : "这一行没有这一列。");
            d.place = table.title + " / " + format.row_full_label(t, r);
            d.found = col_id;
            d.expected = cols;
            continue;
          }
          if (c < 64 && (cols_given >> c & 1)) {
            auto& d = diags.error("E008", xml.where(a), std::string("元素 <row> 的属性 ") + col_id + " 出现了两次，无法确定以哪一个为准。");
            d.place = format.describe_cell(cell);
            d.expected = "每个属性只写一次";
            continue;
          }
          if (c < 64) cols_given |= std::uint64_t{1} << c;
          const auto& def = format.cells[cell];
          std::int64_t raw = 0;
          ParseStatus st = parse_value(a.value(), def.type, raw);
          if (st != ParseStatus::kOk) {
            static const char* kCodes[] = {"", "E201", "E201", "E202", "E203", "E204", "E205"};
            std::string what;
            switch (st) {
              case ParseStatus::kEmpty: what = "数值为空；没有数据请填 0。"; break;
              case ParseStatus::kNotNumber: what = "不是数字（请用半角阿拉伯数字，不加千位分隔符、单位或空格）。"; break;
              case ParseStatus::kNegative: what = "不能为负数。"; break;
              case ParseStatus::kFraction: what = "件数、人数等计数必须是整数。"; break;
              case ParseStatus::kTooManyDecimals: what = "金额最多保留 4 位小数。"; break;
              case ParseStatus::kTooLarge: what = "数值过大，超出了允许的范围。"; break;
              default: break;
            }
            auto& d = diags.error(kCodes[static_cast<int>(st)], xml.where(a), what);
            d.place = format.describe_cell(cell);
            d.found = std::string("\"") + a.value() + "\"";
            d.expected = def.type == ValueType::kMoney ? "不小于 0 的金额，最多 4 位小数（单位：" + def.unit + "）"
                                                       : "不小于 0 的整数";
            if (st == ParseStatus::kTooLarge)
              d.expected = def.type == ValueType::kMoney ? "不超过 1000000000000" : "不超过 1000000000000";
            continue;
          }
          sub.given.push_back(GivenValue{cell, raw, xml.offset_of_name(col_id)});
          if (!def.computed()) sub.values[cell] = raw;
        }
      }
    } else if (name == "section") {
      NarrativeSection sec;
      sec.id = trim(child.attribute("id").value());
      sec.title = trim(child.attribute("title").value());
      sec.where = xml.where(child);
      sec.paragraphs = read_paragraphs(xml, child, diags, &budget);
      if (sec.id == "highlights") {
        sub.sections.push_back(std::move(sec));
      } else if (format.find_section(sec.id)) {
        // The agency's own narrative for that section: used in its own report (--per-agency).
        sub.own_sections.push_back(std::move(sec));
      } else {
        std::string ids = "highlights";
        for (const auto& fs : format.sections) ids += "、" + fs.id;
        auto& d = diags.warning("W110", sec.where, "报送文件中不认识的章节，未使用。");
        d.found = sec.id;
        d.expected = ids;
      }
    } else {
      diags.error("E108", xml.where(child), "报送文件中不认识的元素 <" + name + ">。").expected =
          "agency、contact、submitted、table、section";
    }
  }
  if (budget.stopped) {
    diags.error("E111", xml.whole_file(), too_many_findings_message());
    return sub;
  }
  if (agency_count == 0) diags.error("E101", xml.where(root), "报送文件缺少 <agency>（报送单位的代码和名称）。");
  sub.locate = [&xml](std::uint32_t offset) { return xml.where_offset(offset); };
  return sub;
}

}  // namespace nianbao
