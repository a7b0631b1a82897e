// Submission files: the agency's identity, its figures table by table, and its narrative. This
// is the hot path of a national run (100,000 files): per attribute, no allocation unless there
// is a finding.
#include <cctype>
#include <cstring>
#include <string_view>

#include <pugixml.hpp>

#include "input/readers.h"
#include "input/xml_nodes.h"

namespace nianbao {

namespace {

// Name comparisons on the hot path (a few hundred per file), inlined: ids are a few letters, and
// a call to strcmp cost more than the comparison.
bool same_id(const std::string& id, const char* name) {
  const char* a = id.c_str();
  while (*a != 0 && *a == *name) ++a, ++name;
  return *a == *name;
}
bool is_name(const char* name, char a, char b) { return name[0] == a && name[1] == b && name[2] == 0; }

// The format and year attributes of <submission>.
void read_root_attributes(const XmlFile& xml, const pugi::xml_node& root, Submission& sub, Diagnostics& diags) {
  sub.format = trim(root.attribute("format").value());
  if (sub.format.empty()) diags.error("E101", where(xml, root), "<submission> 缺少 format 属性。");
  if (!root.attribute("year")) {
    diags.error("E101", where(xml, root), "<submission> 缺少 year 属性。");
  } else if (!parse_year(root.attribute("year").value(), sub.year)) {
    auto& d = diags.error("E101", where(xml, root.attribute("year")), "<submission> 的 year 属性不是四位年份。");
    d.found = root.attribute("year").value();
    d.expected = "四位年份";
  }
}

// The children of <submission>, in file order, within the file's budget of findings.
class SubmissionReader {
 public:
  SubmissionReader(const XmlFile& xml, const Format& format, Submission& sub, Diagnostics& diags)
      : xml_(xml), format_(format), sub_(sub), diags_(diags), rows_seen_(format.tables.size()) {}

  void read(const pugi::xml_node& root) {
    report_text_inside(xml_, root, "submission", diags_);
    for (auto child : root.children()) {
      if (budget_.stop()) break;
      if (child.type() != pugi::node_element) continue;
      std::string name = child.name();
      if (name == "agency") {
        read_agency(child);
      } else if (name == "contact") {
        if (!once(child, contact_seen_)) continue;
        sub_.contact = read_contact(child);
        report_content_inside(xml_, child, "contact", diags_, &budget_);
      } else if (name == "submitted") {
        if (once(child, submitted_seen_)) read_submitted(child);
      } else if (name == "table") {
        read_table(child);
      } else if (name == "section") {
        read_section(child);
      } else {
        diags_.error("E108", where(xml_, child), "报送文件中不认识的元素 <" + name + ">。").expected =
            "agency、contact、submitted、table、section";
      }
    }
  }

  bool budget_spent() const { return budget_.stopped; }
  int agency_count() const { return agency_count_; }

 private:
  // <contact> and <submitted> once each: a second one would silently replace the first.
  bool once(const pugi::xml_node& node, bool& seen) {
    if (!seen) return seen = true;
    diags_.error("E101", where(xml_, node), std::string("一份报送文件只能有一个 <") + node.name() + ">，这是第二个。");
    return false;
  }

  void read_agency(const pugi::xml_node& agency) {
    if (++agency_count_ > 1) {
      diags_.error("E101", where(xml_, agency), "一份报送文件只能有一个 <agency>。");
      return;
    }
    report_content_inside(xml_, agency, "agency", diags_, &budget_);
    sub_.agency.code = trim(agency.attribute("code").value());
    sub_.agency.name = trim(agency.attribute("name").value());
    sub_.agency.where = where(xml_, agency);
    std::string kind = trim(agency.attribute("kind").value());
    if (sub_.agency.code.empty()) diags_.error("E101", sub_.agency.where, "<agency> 缺少 code 属性（单位代码）。");
    sub_.kind_given = !kind.empty();
    if (!kind.empty() && !parse_agency_kind(kind, sub_.agency.kind)) {
      auto& d = diags_.error("E101", where(xml_, agency.attribute("kind")), "<agency> 的 kind 属性无效。");
      d.found = kind;
      d.expected = "department、township 或 government";
    }
  }

  // <submitted>: text only; a date in the form YYYY-MM-DD… must exist.
  void read_submitted(const pugi::xml_node& node) {
    report_content_inside(xml_, node, "submitted", diags_, &budget_, true);
    sub_.submitted = element_text(node);
    const std::string& t = sub_.submitted;
    const bool iso = t.size() >= 10 && t[4] == '-' && t[7] == '-' && std::isdigit(static_cast<unsigned char>(t[0]));
    if (iso && !is_real_date(std::string_view(t).substr(0, 10))) {
      auto& d = diags_.error("E101", where(xml_, node), "<submitted> 的日期不存在。");
      d.found = t;
      d.expected = "实有的日期，如 2026-01-10T09:30:00+08:00";
    }
  }

  void read_table(const pugi::xml_node& node) {
    std::string tid = trim(node.attribute("id").value());
    int t = format_.find_table(tid);
    if (t < 0) {
      std::string ids;
      for (const auto& td : format_.tables) ids += (ids.empty() ? "" : "、") + td.id;
      auto& d = diags_.error("E104", where(xml_, node), "格式 " + format_.id + " 中没有这个表。");
      d.found = tid.empty() ? "（缺少 id）" : tid;
      d.expected = ids;
      return;
    }
    int row_hint = 0;
    report_text_inside(xml_, node, "table", diags_);
    for (auto row : node.children()) {
      if (budget_.stop()) break;
      if (row.type() != pugi::node_element) continue;
      read_row(t, row, row_hint);
    }
  }

  // One <row>: which row of table t it is (tried first at `row_hint`, the row after the last
  // one, as files usually list rows in the format's order), then its figures.
  void read_row(int t, const pugi::xml_node& row, int& row_hint) {
    const auto& table = format_.tables[t];
    const char* row_name = row.name();
    if (!(row_name[0] == 'r' && is_name(row_name + 1, 'o', 'w'))) {
      diags_.error("E108", where(xml_, row), "<table> 中只能有 <row>，不认识元素 <" + std::string(row.name()) + ">。");
      return;
    }
    // The id is usually the first attribute.
    auto id_attr = row.first_attribute();
    if (!id_attr || !is_name(id_attr.name(), 'i', 'd')) id_attr = row.attribute("id");
    std::string_view rid = trim_view(id_attr.value());
    int r = row_hint < static_cast<int>(table.rows.size()) && table.rows[row_hint].id == rid
                ? row_hint
                : table.find_row(std::string(rid));
    row_hint = r + 1;
    if (r < 0) {
      auto& d = diags_.error("E105", where(xml_, row), "表「" + table.title + "」（" + table.id + "）中没有这一行。");
      d.found = rid.empty() ? "（缺少 id）" : std::string(rid);
      return;
    }
    auto& seen = rows_seen_[t];
    if (seen.empty()) seen.assign(table.rows.size(), false);
    if (seen[r]) {
      auto& d = diags_.error("E107", where(xml_, row), "同一行写了两次，无法确定以哪一次为准。");
      d.place = table.title + " / " + format_.row_full_label(t, r);
      return;
    }
    seen[r] = true;
    // Nothing may hide inside a row: a <row> or figures written as text there would be lost.
    if (row.first_child()) report_content_inside(xml_, row, "row", diags_, &budget_);
    read_figures(t, r, row, id_attr ? id_attr.name() : nullptr);
  }

  // The attributes of a row other than its id (the attribute whose name is `id_name`, which
  // pugixml keeps at one address): one figure per column.
  void read_figures(int t, int r, const pugi::xml_node& row, const char* id_name) {
    const auto& table = format_.tables[t];
    const std::vector<int>& row_cells = table.cell_index[static_cast<std::size_t>(r)];
    const int columns = static_cast<int>(table.columns.size());
    int col_hint = 0;
    std::uint64_t cols_given = 0;  // a bit per column of the table (formats have far fewer than 64)
    for (auto a = row.first_attribute(); a && !budget_.stop(); a = a.next_attribute()) {
      const char* col_id = a.name();
      if (col_id == id_name) continue;
      if (is_name(col_id, 'i', 'd')) {
        auto& d = diags_.error("E008", where(xml_, a), "元素 <row> 的属性 id 出现了两次。");
        d.expected = "每个属性只写一次";
        continue;
      }
      int c = col_hint < columns && same_id(table.columns[col_hint].id, col_id) ? col_hint : table.find_column(col_id);
      col_hint = c + 1;
      int cell = c >= 0 && c < static_cast<int>(row_cells.size()) ? row_cells[c] : -1;
      if (cell < 0) {
        std::string cols;
        for (int k : table.rows[r].columns) cols += (cols.empty() ? "" : "、") + table.columns[k].id;
        auto& d = diags_.error("E106", where(xml_, a), c < 0 ? "表「" + table.title + "」中没有这一列。" : "这一行没有这一列。");
        d.place = table.title + " / " + format_.row_full_label(t, r);
        d.found = col_id;
        d.expected = cols;
        continue;
      }
      if (c < 64 && (cols_given >> c & 1)) {
        auto& d = diags_.error("E008", where(xml_, a), std::string("元素 <row> 的属性 ") + col_id + " 出现了两次，无法确定以哪一个为准。");
        d.place = format_.describe_cell(cell);
        d.expected = "每个属性只写一次";
        continue;
      }
      if (c < 64) cols_given |= std::uint64_t{1} << c;
      const auto& def = format_.cells[cell];
      std::int64_t raw = 0;
      const std::string_view value = a.value();
      // parse_value allows white space around a number; a submission may not (docs/errors.md, E201).
      const bool padded = !value.empty() && (is_xml_space(value.front()) || is_xml_space(value.back()));
      ParseStatus st = padded && !trim_view(value).empty() ? ParseStatus::kNotNumber : parse_value(value, def.type, raw);
      if (st != ParseStatus::kOk) {
        report_bad_value(st, cell, a);
        continue;
      }
      sub_.given.push_back(GivenValue{cell, raw, xml_.offset_of_name(col_id)});
      if (!def.computed()) sub_.values.set(cell, raw);
    }
  }

  void report_bad_value(ParseStatus st, int cell, const pugi::xml_attribute& a) {
    static const char* kCodes[] = {"", "E201", "E201", "E202", "E203", "E204", "E205"};
    const auto& def = format_.cells[cell];
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
    auto& d = diags_.error(kCodes[static_cast<int>(st)], where(xml_, a), what);
    d.place = format_.describe_cell(cell);
    d.found = std::string("\"") + a.value() + "\"";
    d.expected = def.type == ValueType::kMoney ? "不小于 0 的金额，最多 4 位小数（单位：" + def.unit + "）"
                                               : "不小于 0 的整数";
    if (st == ParseStatus::kTooLarge) d.expected = "不超过 1000000000000";
  }

  // A narrative section: highlights, the agency's own text for a section of the format, or W110.
  void read_section(const pugi::xml_node& node) {
    NarrativeSection sec;
    sec.id = trim(node.attribute("id").value());
    sec.title = trim(node.attribute("title").value());
    sec.where = where(xml_, node);
    sec.paragraphs = read_paragraphs(xml_, node, diags_, &budget_);
    if (sec.id == "highlights") {
      sub_.sections.push_back(std::move(sec));
    } else if (format_.find_section(sec.id)) {
      // The agency's own narrative for that section: used in its own report (--per-agency).
      sub_.own_sections.push_back(std::move(sec));
    } else {
      std::string ids = "highlights";
      for (const auto& fs : format_.sections) ids += "、" + fs.id;
      auto& d = diags_.warning("W110", sec.where, "报送文件中不认识的章节，未使用。");
      d.found = sec.id;
      d.expected = ids;
    }
  }

  const XmlFile& xml_;
  const Format& format_;
  Submission& sub_;
  Diagnostics& diags_;
  FindingBudget budget_{diags_};  // counts from here: the root's own findings are not in it
  int agency_count_ = 0;
  bool contact_seen_ = false, submitted_seen_ = false;
  std::vector<std::vector<bool>> rows_seen_;  // per table, per row; filled when a table is first read
};

}  // namespace

std::string too_many_findings_message() {
  return "文件中的问题过多，已列出前 " + std::to_string(kMaxFindingsPerFile) + " 处，其余部分未再检查；请改正后重新报送。";
}

Submission read_submission(const XmlFile& xml, const Format& format, Diagnostics& diags) {
  Submission sub;
  sub.path = xml.path;
  sub.values.assign(format.cell_count(), 0);
  auto root = parsed(xml).document_element();
  sub.where = where(xml, root);
  read_root_attributes(xml, root, sub, diags);

  sub.given.reserve(static_cast<std::size_t>(format.cell_count()));
  SubmissionReader reader(xml, format, sub, diags);
  reader.read(root);
  if (reader.budget_spent()) {
    diags.error("E111", xml.whole_file(), too_many_findings_message());
    return sub;
  }
  if (reader.agency_count() == 0) diags.error("E101", where(xml, root), "报送文件缺少 <agency>（报送单位的代码和名称）。");
  sub.locate = [&xml](std::uint32_t offset) { return xml.where_offset(offset); };
  return sub;
}

}  // namespace nianbao
