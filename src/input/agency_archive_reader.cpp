#include "input/agency_archive_reader.h"

#include <cstring>
#include <filesystem>
#include <set>
#include <system_error>

#include <pugixml.hpp>

#include "input/xml_file.h"
#include "input/xml_nodes.h"

namespace nianbao {

namespace fs = std::filesystem;

namespace {

constexpr const char* kRoot = "agency-archive";

class ArchiveReader {
 public:
  ArchiveReader(const XmlFile& xml, const Format& format, Diagnostics& diags) : xml_(xml), format_(format), diags_(diags) {}

  std::optional<AgencyArchive> read(int year);

 private:
  // E901 at `where`, or nothing once the limit is reached (then one last E901 says so).
  Diagnostic* fault(const SourceLocation& where, const std::string& message);
  // A child of `parent` that is neither white space nor what may stand there (`allowed`).
  void unexpected(const pugi::xml_node& child, const char* parent, const char* allowed);
  void read_agency(const pugi::xml_node& node, AgencyArchive& archive, std::set<std::string>& codes);
  void read_table(const pugi::xml_node& node, Submission& sub);
  void read_row(const pugi::xml_node& node, int table, Submission& sub);
  void read_section(const pugi::xml_node& node, Submission& sub);

  const XmlFile& xml_;
  const Format& format_;
  Diagnostics& diags_;
  std::size_t findings_ = 0;
  bool stopped_ = false;
};

Diagnostic* ArchiveReader::fault(const SourceLocation& where, const std::string& message) {
  if (stopped_) return nullptr;
  if (++findings_ > kMaxFindingsPerFile) {
    stopped_ = true;
    diags_.error("E901", xml_.whole_file(),
                 "上年各单位数据文件中的问题过多，已列出前 " + std::to_string(kMaxFindingsPerFile) + " 处，其余部分未再读取。");
    return nullptr;
  }
  return &diags_.error("E901", where, message);
}

void ArchiveReader::unexpected(const pugi::xml_node& child, const char* parent, const char* allowed) {
  const std::string head = std::string("<") + parent + "> 中只能有 " + allowed + "，";
  if (child.type() == pugi::node_element) fault(where(xml_, child), head + "不认识 <" + child.name() + ">。");
  else if ((child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) &&
           std::string_view(child.value()).find_first_not_of(" \t\r\n") != std::string_view::npos)
    fault(where(xml_, child.parent()), head + "不能有文字。");  // text has no position of its own
}

std::optional<AgencyArchive> ArchiveReader::read(int year) {
  const std::size_t errors_before = diags_.error_count();
  const pugi::xml_node root = parsed(xml_).document_element();
  if (std::strcmp(root.name(), kRoot) != 0) {
    if (auto* d = fault(where(xml_, root), "不是 nianbao 生成的各单位数据文件（根元素应为 <agency-archive>）。")) {
      d->found = std::string("<") + root.name() + ">";
      d->expected = "<agency-archive>";
    }
    return std::nullopt;
  }
  AgencyArchive archive;
  archive.path = xml_.path;
  archive.format = root.attribute("format").value();
  if (archive.format != format_.id) {
    if (auto* d = fault(where(xml_, root), "上年各单位数据的格式与本年不同，无法比较。")) {
      d->found = archive.format.empty() ? "（缺少 format）" : archive.format;
      d->expected = format_.id;
    }
    return std::nullopt;
  }
  const std::string year_text = root.attribute("year").value();
  const bool four_digits = year_text.size() == 4 && year_text.find_first_not_of("0123456789") == std::string::npos;
  if (!four_digits) {
    if (auto* d = fault(where(xml_, root), "<agency-archive> 的 year 属性不是四位年份。")) d->found = year_text;
  } else {
    archive.year = std::stoi(year_text);
    if (archive.year + 1 != year) {
      auto& w = diags_.warning("W911", xml_.whole_file(), "上年各单位数据的年度不是本年的上一年。");
      w.found = year_text;
      w.expected = std::to_string(year - 1);
    }
  }
  std::set<std::string> codes;
  for (auto child : root.children()) {
    if (stopped_) break;
    if (child.type() == pugi::node_element && std::strcmp(child.name(), "agency") == 0) read_agency(child, archive, codes);
    else unexpected(child, kRoot, "<agency>");
  }
  if (diags_.error_count() != errors_before) return std::nullopt;
  archive.index();
  return archive;
}

void ArchiveReader::read_agency(const pugi::xml_node& node, AgencyArchive& archive, std::set<std::string>& codes) {
  Submission sub;
  sub.where = where(xml_, node);
  sub.format = archive.format;
  sub.year = archive.year;
  sub.agency.code = node.attribute("code").value();
  sub.agency.name = node.attribute("name").value();
  sub.agency.where = sub.where;
  sub.path = node.attribute("file").value();
  if (sub.path.empty()) sub.path = xml_.path;
  sub.kind_given = true;
  sub.values.assign(static_cast<std::size_t>(format_.cell_count()), 0);
  if (sub.agency.code.empty()) {
    fault(sub.where, "<agency> 缺少单位代码 code。");
    return;
  }
  if (!parse_agency_kind(node.attribute("kind").value(), sub.agency.kind))
    if (auto* d = fault(sub.where, "<agency> 的 kind 属性无效。")) {
      d->found = node.attribute("kind").value();
      d->expected = "department、township 或 government";
    }
  if (!codes.insert(sub.agency.code).second)
    if (auto* d = fault(sub.where, "单位代码 " + sub.agency.code + " 出现了两次。")) d->expected = "每个单位一个 <agency>";
  for (auto child : node.children()) {
    if (stopped_) return;
    const std::string name = child.name();
    if (child.type() == pugi::node_element && name == "table") read_table(child, sub);
    else if (child.type() == pugi::node_element && name == "section") read_section(child, sub);
    else unexpected(child, "agency", "<table> 和 <section>");
  }
  if (!format_.compute(sub.values)) fault(sub.where, "单位 " + sub.agency.code + " 的合计数超出了允许的范围。");
  archive.agencies.push_back(std::move(sub));
}

void ArchiveReader::read_table(const pugi::xml_node& node, Submission& sub) {
  const int table = format_.find_table(node.attribute("id").value());
  if (table < 0) {
    if (auto* d = fault(where(xml_, node), "格式 " + format_.id + " 中没有这个表。")) d->found = node.attribute("id").value();
    return;
  }
  std::set<int> rows_seen;
  for (auto child : node.children()) {
    if (stopped_) return;
    if (child.type() != pugi::node_element || std::strcmp(child.name(), "row") != 0) {
      unexpected(child, "table", "<row>");
      continue;
    }
    const int row = format_.tables[table].find_row(child.attribute("id").value());
    if (row < 0 || !format_.tables[table].rows[row].sum_of.empty()) {
      if (auto* d = fault(where(xml_, child), "表「" + format_.tables[table].title + "」中没有这一行（或它是合计行，不应写出）。"))
        d->found = child.attribute("id").value();
      continue;
    }
    if (!rows_seen.insert(row).second) {
      fault(where(xml_, child), "同一行写了两次：" + format_.row_full_label(table, row) + "。");
      continue;
    }
    read_row(child, table, sub);
  }
}

void ArchiveReader::read_row(const pugi::xml_node& node, int table, Submission& sub) {
  const TableDef& t = format_.tables[table];
  const int row = t.find_row(node.attribute("id").value());
  std::set<int> given;
  for (auto a = node.first_attribute(); a; a = a.next_attribute()) {
    if (stopped_) return;
    if (std::strcmp(a.name(), "id") == 0) continue;
    const int col = t.find_column(a.name());
    const int cell = format_.cell(table, row, col);
    if (cell < 0 || format_.cells[cell].computed()) {
      if (auto* d = fault(where(xml_, a), "这一行没有这一列（或它是合计列，不应写出）。")) {
        d->place = format_.tables[table].title + " / " + format_.row_full_label(table, row);
        d->found = a.name();
      }
      continue;
    }
    if (!given.insert(cell).second) {
      if (auto* d = fault(where(xml_, a), std::string("属性 ") + a.name() + " 出现了两次。")) d->place = format_.describe_cell(cell);
      continue;
    }
    std::int64_t raw = 0;
    if (parse_value(a.value(), format_.cells[cell].type, raw) != ParseStatus::kOk) {
      if (auto* d = fault(where(xml_, a), "不是有效的数字。")) {
        d->place = format_.describe_cell(cell);
        d->found = std::string("\"") + a.value() + "\"";
      }
      continue;
    }
    sub.values.set(static_cast<std::size_t>(cell), raw);
  }
}

void ArchiveReader::read_section(const pugi::xml_node& node, Submission& sub) {
  NarrativeSection s;
  s.id = node.attribute("id").value();
  s.title = node.attribute("title").value();
  s.where = where(xml_, node);
  const bool highlight = s.id == "highlights";
  if (!highlight && !format_.find_section(s.id)) {
    if (auto* d = fault(s.where, "格式 " + format_.id + " 没有这个章节。")) d->found = s.id;
    return;
  }
  for (auto p : node.children()) {
    if (stopped_) return;
    if (p.type() != pugi::node_element || std::strcmp(p.name(), "p") != 0) {
      unexpected(p, "section", "<p>");
      continue;
    }
    std::string text;
    for (auto c : p.children()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) text += c.value();
      else if (c.type() == pugi::node_element) fault(where(xml_, c), std::string("段落 <p> 只能包含文字，不能包含 <") + c.name() + ">。");
    }
    s.paragraphs.push_back(Paragraph{std::move(text), where(xml_, p)});
  }
  (highlight ? sub.sections : sub.own_sections).push_back(std::move(s));
}

}  // namespace

PreviousPaths resolve_previous(const std::string& previous) {
  std::error_code ec;
  if (fs::is_directory(previous, ec))
    return {(fs::path(previous) / "merged.xml").string(), (fs::path(previous) / kAgencyArchiveFileName).string()};
  return {previous, (fs::path(previous).parent_path() / kAgencyArchiveFileName).string()};
}

std::optional<AgencyArchive> read_agency_archive(const std::string& fs_path, const std::string& display_path,
                                                 const Format& format, int year, Diagnostics& diags) {
  auto xml = load_xml_file(fs_path, display_path, diags);
  if (!xml) return std::nullopt;
  return ArchiveReader(*xml, format, diags).read(year);
}

std::optional<AgencyArchive> read_agency_archive_bytes(std::string bytes, const std::string& display_path,
                                                       const Format& format, int year, Diagnostics& diags) {
  auto xml = load_xml_bytes(std::move(bytes), display_path, diags);
  if (!xml) return std::nullopt;
  return ArchiveReader(*xml, format, diags).read(year);
}

std::optional<AgencyArchive> read_previous_agency_archive(const std::string& previous, const Format& format, int year,
                                                          Diagnostics& diags) {
  const PreviousPaths paths = resolve_previous(previous);
  std::error_code ec;
  if (fs::symlink_status(paths.archive, ec).type() == fs::file_type::not_found) {
    auto& w = diags.warning("W910", SourceLocation{paths.archive, 0, 0},
                            "上年的输出中没有各单位数据文件（" + std::string(kAgencyArchiveFileName) +
                                "），未核对各单位的上年结转、现行有效件数，也未核对与上年的内容雷同。");
    w.expected = "上年运行生成的 output/" + std::string(kAgencyArchiveFileName);
    return std::nullopt;
  }
  return read_agency_archive(paths.archive, paths.archive, format, year, diags);
}

}  // namespace nianbao
