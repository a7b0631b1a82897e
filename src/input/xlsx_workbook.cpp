#include "input/xlsx_workbook.h"

#include <algorithm>
#include <cstring>
#include <deque>

#include <pugixml.hpp>

#include "input/encoding.h"
#include "input/sheet_scan.h"
#include "text/ascii.h"
#include "text/utf8.h"

namespace nianbao {

namespace {

// Local name of an element or attribute: SpreadsheetML may come with any prefix (x:c, r:id).
const char* local_name(const char* name) {
  const char* colon = std::strchr(name, ':');
  return colon ? colon + 1 : name;
}

bool is_local(const char* name, const char* want) {
  const char* a = name;
  const char* b = want;
  while (*a != 0 && *a == *b) ++a, ++b;
  if (*a == 0 && *b == 0) return true;  // the usual case: no prefix
  const char* colon = std::strchr(name, ':');
  return colon != nullptr && std::strcmp(colon + 1, want) == 0;
}

pugi::xml_node child_local(const pugi::xml_node& parent, const char* want) {
  for (auto c = parent.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && is_local(c.name(), want)) return c;
  return {};
}

// The text of an element as stored: its text and CDATA children joined.
std::string element_text_raw(const pugi::xml_node& node) {
  std::string out;
  for (auto c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  return out;
}

struct XmlPart {
  std::string name;
  std::string buffer;  // parsed in place: the document points into it
  pugi::xml_document doc;
};

SourceLocation part_location(const std::string& display, const std::string& part) {
  SourceLocation loc{display, 0, 0};
  loc.part = part;
  return loc;
}

// The line of a byte offset, for messages about a part (the part is not a file the user can
// open, so the line goes in the message, not in the location).
int line_at(const std::string& text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size())), '\n'));
}

// Inflates and parses one part under the rules every input file of the project follows:
// bounded size, valid UTF-8 (or UTF-16 with a BOM) without forbidden characters, well-formed,
// no DOCTYPE. With `only`, just that element is parsed (a worksheet's sheetData: what follows it,
// data validation, conditional formats, is often most of the part and never read). The whole
// part is still inflated, so its checksum is verified. One diagnostic and false on failure.
// The text of a part as load_xml_part checks it, not parsed: `range` is the element `only` (or
// the whole text). One diagnostic and false on failure.
bool load_part_text(ZipArchive& zip, const std::string& display, const std::string& name, XmlPart& part, Diagnostics& diags,
                    const char* only, std::pair<std::size_t, std::size_t>& range) {
  part.name = name;
  const SourceLocation where = part_location(display, name);
  ZipStatus st = zip.read(name, part.buffer);
  if (!st.ok()) {
    if (st.code == "E018") {
      diags.error("E701", where, "不是完整的 Excel 工作簿：缺少部件 " + name + "。").expected = "用 WPS 或 Excel 保存的 .xlsx 工作簿";
    } else {
      diags.error(st.code, where, st.message);
    }
    return false;
  }
  const std::string prefix = "工作簿中的部件 " + name;
  const char* resave = "文件可能已损坏，或由不规范的程序生成；请用 WPS 或 Excel 打开后重新保存。";
  const std::string declared = ascii_lower(declared_encoding(part.buffer));
  if (part.buffer.compare(0, 2, "\xFF\xFE") == 0 || part.buffer.compare(0, 2, "\xFE\xFF") == 0 ||
      part.buffer.compare(0, 3, "\xEF\xBB\xBF") == 0 || (!declared.empty() && declared != "utf-8")) {
    DecodedText text = decode_to_utf8(std::move(part.buffer));
    if (!text.ok) {
      diags.error("E702", where, prefix + " 的编码有误（第 " + std::to_string(text.line) + " 行）：" + text.message);
      return false;
    }
    part.buffer = std::move(text.text);
  }
  // The checks cover what is parsed: with `only`, bytes outside the element never reach a reader.
  range = only ? find_element_range(part.buffer, only) : std::pair<std::size_t, std::size_t>{0, part.buffer.size()};
  const auto [start, end] = range;
  const std::string_view text = std::string_view(part.buffer).substr(start, end - start);
  bool control = false;
  if (std::size_t bad = find_invalid_utf8(text, control); bad != std::string_view::npos) {
    diags.error("E702", where, prefix + (control ? " 含有 XML 不允许的控制字符" : " 含有不是 UTF-8 的字节") + "（第 " +
                                   std::to_string(line_at(part.buffer, start + bad)) + " 行）；" + resave);
    return false;
  }
  if (std::size_t ref = find_forbidden_char_reference(text); ref != std::string_view::npos) {
    diags.error("E702", where, prefix + " 中的字符引用代表 XML 不允许的字符（第 " + std::to_string(line_at(part.buffer, start + ref)) + " 行）；" + resave)
        .found = std::string(text.substr(ref, text.find(';', ref) + 1 - ref));
    return false;
  }
  // Every tag is at least three bytes: a part this small cannot hold too many.
  if (text.size() > kMaxPartTags && static_cast<std::size_t>(std::count(text.begin(), text.end(), '<')) > kMaxPartTags) {
    diags.error("E704", where, prefix + " 的元素过多（超过 " + std::to_string(kMaxPartTags) + " 个），不予读取。");
    return false;
  }
  return true;
}

bool load_xml_part(ZipArchive& zip, const std::string& display, const std::string& name, XmlPart& part, Diagnostics& diags,
                   const char* only = nullptr) {
  std::pair<std::size_t, std::size_t> range;
  if (!load_part_text(zip, display, name, part, diags, only, range)) return false;
  const auto [start, end] = range;
  const SourceLocation where = part_location(display, name);
  const std::string prefix = "工作簿中的部件 " + name;
  const char* resave = "文件可能已损坏，或由不规范的程序生成；请用 WPS 或 Excel 打开后重新保存。";
  const unsigned flags = pugi::parse_default | pugi::parse_ws_pcdata_single | pugi::parse_doctype;
  auto res = part.doc.load_buffer_inplace(part.buffer.data() + start, end - start, flags, pugi::encoding_utf8);
  if (!res) {
    diags.error("E702", where, prefix + " 不是格式正确的 XML（第 " + std::to_string(line_at(part.buffer, start + static_cast<std::size_t>(std::max<std::ptrdiff_t>(res.offset, 0)))) +
                                   " 行）；" + resave);
    return false;
  }
  for (auto n = part.doc.first_child(); n; n = n.next_sibling())
    if (n.type() == pugi::node_doctype) {
      diags.error("E703", where, prefix + " 含有 DOCTYPE（文档类型或实体声明），出于安全原因不予读取。").expected =
          "用 WPS 或 Excel 保存的 .xlsx 工作簿（它们不写 DOCTYPE）";
      return false;
    }
  if (!part.doc.document_element()) {
    diags.error("E702", where, prefix + " 中没有任何 XML 元素；" + resave);
    return false;
  }
  return true;
}

// An element whose attribute appears twice (pugixml keeps both; which one a reader takes is
// how two programs come to disagree about a value). Checked on the elements that are used.
bool check_attributes(const XmlPart& part, const pugi::xml_node& node, const std::string& display, Diagnostics& diags) {
  int count = 0;
  for (auto a = node.first_attribute(); a; a = a.next_attribute()) {
    if (++count > 64) break;
    for (auto b = a.next_attribute(); b; b = b.next_attribute())
      if (std::strcmp(a.name(), b.name()) == 0) {
        auto& d = diags.error("E702", part_location(display, part.name), "工作簿中的部件 " + part.name + " 有误：元素 <" + std::string(node.name()) + "> 的属性 " +
                                               a.name() + " 出现了两次。");
        d.found = std::string(a.name()) + "=\"" + a.value() + "\" 与 " + b.name() + "=\"" + b.value() + "\"";
        d.expected = "每个属性只写一次";
        return false;
      }
  }
  return true;
}

struct Relationship {
  std::string id, type, target;  // type: the last segment ("worksheet"); target: a part name
  bool external = false;
};

std::string dir_of(const std::string& part) {
  std::size_t slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

std::string rels_of(const std::string& part) {
  return dir_of(part) + "_rels/" + part.substr(dir_of(part).size()) + ".rels";
}

}  // namespace

struct Workbook::Impl {
  std::unique_ptr<ZipArchive> zip;
  std::string display;
  std::string workbook_part;
  std::vector<SheetInfo> sheets;
  std::vector<DefinedName> names, local_names;
  XmlPart workbook;                  // kept: the names point into it
  std::deque<std::string> owned;     // name texts that had to be joined from several text nodes
  std::string shared_part;  // "" when the workbook has no shared strings
  // Loaded on first use, kept for every sheet.
  bool shared_tried = false, shared_ok = false;
  XmlPart shared;
  std::vector<pugi::xml_node> shared_items;

  SourceLocation where(const std::string& part = "") const { return part_location(display, part); }
  bool load_shared(Diagnostics& diags);
  std::string shared_text(std::size_t index) const;
};

Workbook::Workbook() : impl_(std::make_unique<Impl>()) {}
Workbook::~Workbook() = default;
const std::string& Workbook::display() const { return impl_->display; }
const std::vector<SheetInfo>& Workbook::sheets() const { return impl_->sheets; }
const std::vector<DefinedName>& Workbook::names() const { return impl_->names; }
const std::vector<DefinedName>& Workbook::local_names() const { return impl_->local_names; }

namespace {

// Names as Excel compares them, ASCII case ignored. Asked for a couple of hundred times per
// form, and nearly always written alike: memcmp settles that faster than folding each byte.
bool same_name(std::string_view a, std::string_view b) { return a.size() == b.size() && (a == b || equal_ascii_nocase(a, b)); }

}  // namespace

int Workbook::find_sheet(std::string_view name) const {
  for (std::size_t i = 0; i < impl_->sheets.size(); ++i)
    if (same_name(impl_->sheets[i].name, name)) return static_cast<int>(i);
  return -1;
}

const DefinedName* Workbook::find_name(std::string_view name) const {
  for (const auto& n : impl_->names)
    if (same_name(n.name, name)) return &n;
  return nullptr;
}

NameTarget Workbook::resolve(const DefinedName& name) const {
  NameFormula f = parse_name_formula(name.formula);
  NameTarget t;
  t.kind = f.kind;
  t.cell = f.cell;
  t.text = std::move(f.text);
  if (f.kind == NameTargetKind::kCell || f.kind == NameTargetKind::kRange) {
    t.sheet = find_sheet(f.sheet);
    if (t.sheet < 0 && !f.sheet.empty()) {
      t.kind = NameTargetKind::kUnknownSheet;
      t.text = std::move(f.sheet);
    }
  }
  return t;
}

namespace {

// Reads a .rels part; a missing one is an empty list when `optional`.
bool read_rels(ZipArchive& zip, const std::string& display, const std::string& rels_part, const std::string& base_dir,
               bool optional, std::vector<Relationship>& out, Diagnostics& diags) {
  XmlPart part;
  if (optional && !zip.find(rels_part)) return true;
  if (!load_xml_part(zip, display, rels_part, part, diags)) return false;
  for (auto r = part.doc.document_element().first_child(); r; r = r.next_sibling()) {
    if (r.type() != pugi::node_element || !is_local(r.name(), "Relationship")) continue;
    if (!check_attributes(part, r, display, diags)) return false;
    Relationship rel;
    rel.id = r.attribute("Id").value();
    std::string_view type = r.attribute("Type").value();
    rel.type = std::string(type.substr(type.rfind('/') == std::string_view::npos ? 0 : type.rfind('/') + 1));
    rel.external = equal_ascii_nocase(r.attribute("TargetMode").value(), "External");
    rel.target = rel.external ? r.attribute("Target").value() : resolve_part_name(base_dir, r.attribute("Target").value());
    out.push_back(std::move(rel));
  }
  return true;
}

}  // namespace

std::unique_ptr<Workbook> open_workbook(std::unique_ptr<ZipArchive> zip, const std::string& display, Diagnostics& diags) {
  std::unique_ptr<Workbook> wb(new Workbook());
  Workbook::Impl& w = *wb->impl_;
  w.zip = std::move(zip);
  w.display = display;
  auto missing = [&](const std::string& part, const std::string& why) {
    auto& d = diags.error("E701", w.where(part), "不是完整的 Excel 工作簿：" + why + "。");
    d.expected = "用 WPS 或 Excel 保存的 .xlsx 工作簿";
    return nullptr;
  };
  std::vector<Relationship> package_rels;
  if (!w.zip->find("_rels/.rels")) return missing("_rels/.rels", "缺少部件 _rels/.rels（压缩包不是 Office 文档）");
  if (!read_rels(*w.zip, display, "_rels/.rels", "", false, package_rels, diags)) return nullptr;
  for (const auto& r : package_rels)
    if (r.type == "officeDocument" && !r.external) {
      w.workbook_part = r.target;
      break;
    }
  if (w.workbook_part.empty()) return missing("_rels/.rels", "_rels/.rels 中没有指向主文档（officeDocument）的关系");
  if (!w.zip->find(w.workbook_part)) return missing(w.workbook_part, "缺少主文档部件 " + w.workbook_part);

  std::vector<Relationship> rels;
  if (!read_rels(*w.zip, display, rels_of(w.workbook_part), dir_of(w.workbook_part), true, rels, diags)) return nullptr;
  XmlPart& part = w.workbook;
  if (!load_xml_part(*w.zip, display, w.workbook_part, part, diags)) return nullptr;
  auto root = part.doc.document_element();
  if (!is_local(root.name(), "workbook")) {
    const char* n = local_name(root.name());
    std::string what = std::strcmp(n, "document") == 0       ? "这是 Word 文档（.docx），不是 Excel 工作簿"
                       : std::strcmp(n, "presentation") == 0 ? "这是 PowerPoint 演示文稿，不是 Excel 工作簿"
                                                             : "主文档不是工作簿（根元素为 <" + std::string(root.name()) + ">）";
    return missing(w.workbook_part, what);
  }
  for (const auto& r : rels)
    if (r.type == "sharedStrings" && !r.external) w.shared_part = r.target;

  auto sheets = child_local(root, "sheets");
  for (auto s = sheets.first_child(); s; s = s.next_sibling()) {
    if (s.type() != pugi::node_element || !is_local(s.name(), "sheet")) continue;
    if (!check_attributes(part, s, display, diags)) return nullptr;
    if (w.sheets.size() >= kMaxSheets) {
      diags.error("E704", w.where(w.workbook_part), "工作簿中的工作表过多（超过 " + std::to_string(kMaxSheets) + " 个），不予读取。");
      return nullptr;
    }
    SheetInfo info;
    info.name = s.attribute("name").value();
    std::string rid;
    for (auto a = s.first_attribute(); a; a = a.next_attribute())
      if (std::strchr(a.name(), ':') && is_local(a.name(), "id")) rid = a.value();
    for (const auto& r : rels)
      if (r.id == rid && !r.external && r.type == "worksheet") info.part = r.target;
    if (info.name.empty()) return missing(w.workbook_part, "有一个工作表没有名称");
    if (!info.part.empty() && !w.zip->find(info.part))
      return missing(info.part, "缺少工作表「" + info.name + "」的部件 " + info.part);
    for (const auto& other : w.sheets)
      if (equal_ascii_nocase(other.name, info.name)) {
        auto& d = diags.error("E708", w.where(w.workbook_part), "工作簿中有两个同名的工作表「" + info.name + "」。");
        d.expected = "每个工作表的名称各不相同";
        return nullptr;
      }
    w.sheets.push_back(std::move(info));
  }

  auto defined = child_local(root, "definedNames");
  for (auto n = defined.first_child(); n; n = n.next_sibling()) {
    if (n.type() != pugi::node_element || !is_local(n.name(), "definedName")) continue;
    if (!check_attributes(part, n, display, diags)) return nullptr;
    if (w.names.size() + w.local_names.size() >= kMaxDefinedNames) {
      diags.error("E704", w.where(w.workbook_part),
                  "工作簿中定义的名称过多（超过 " + std::to_string(kMaxDefinedNames) + " 个），不予读取。");
      return nullptr;
    }
    DefinedName dn;
    dn.name = n.attribute("name").value();
    auto text = n.first_child();
    if (text && !text.next_sibling() && text.type() == pugi::node_pcdata) {
      dn.formula = text.value();
    } else if (text) {
      dn.formula = w.owned.emplace_back(element_text_raw(n));
    }
    auto local = n.attribute("localSheetId");
    if (local) {
      dn.local_sheet = local.as_int(-2);
      if (dn.local_sheet < 0) dn.local_sheet = static_cast<int>(kMaxSheets);  // no such sheet
      w.local_names.push_back(dn);
      continue;
    }
    w.names.push_back(dn);
  }
  // Two definitions of one name: a hash of each name, so that 20,000 names cost little (names are
  // compared only when their hashes meet). Eight bytes at a time, each with bit 5 set: names
  // that differ only in ASCII case hash alike (a few others do too, and the compare tells them).
  std::vector<std::pair<std::uint64_t, std::size_t>> hashes;
  hashes.reserve(w.names.size());
  for (std::size_t i = 0; i < w.names.size(); ++i) {
    const std::string_view name = w.names[i].name;
    std::uint64_t h = 1469598103934665603ull ^ name.size();
    for (std::size_t at = 0; at < name.size(); at += 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, name.data() + at, std::min<std::size_t>(8, name.size() - at));
      h = (h ^ (word | 0x2020202020202020ull)) * 1099511628211ull;
      h ^= h >> 29;
    }
    hashes.emplace_back(h, i);
  }
  std::sort(hashes.begin(), hashes.end());
  for (std::size_t i = 1; i < hashes.size(); ++i)
    for (std::size_t j = i; j-- > 0 && hashes[j].first == hashes[i].first;) {
      const DefinedName& first = w.names[hashes[j].second];
      const DefinedName& again = w.names[hashes[i].second];
      if (!equal_ascii_nocase(first.name, again.name)) continue;
      auto& d = diags.error("E708", w.where(w.workbook_part), "工作簿中名称「" + std::string(again.name) + "」定义了两次，无法确定以哪一个为准。");
      d.found = std::string(first.formula) + " 与 " + std::string(again.formula);
      d.expected = "每个名称只定义一次";
      return nullptr;
    }
  return wb;
}

namespace {

// The text of a shared string or inline string: direct <t>, the <t> of each rich-text run <r>;
// phonetic runs (<rPh>, the furigana Excel keeps for Japanese) are not part of the text.
std::string string_item_text(const pugi::xml_node& item) {
  std::string out;
  for (auto c = item.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const char* n = local_name(c.name());
    if (std::strcmp(n, "t") == 0) {
      append_sheet_text(out, element_text_raw(c));
    } else if (std::strcmp(n, "r") == 0) {
      for (auto t = c.first_child(); t; t = t.next_sibling())
        if (t.type() == pugi::node_element && is_local(t.name(), "t")) append_sheet_text(out, element_text_raw(t));
    }
  }
  return out;
}

}  // namespace

bool Workbook::Impl::load_shared(Diagnostics& diags) {
  if (shared_tried) return shared_ok;
  shared_tried = true;
  const ZipMember* m = shared_part.empty() ? nullptr : zip->find(shared_part);
  if (!m) {
    diags.error("E701", where(shared_part.empty() ? workbook_part : shared_part),
                "不是完整的 Excel 工作簿：单元格引用了共享字符串，但工作簿中没有共享字符串部件（sharedStrings）。")
        .expected = "用 WPS 或 Excel 保存的 .xlsx 工作簿";
    return false;
  }
  auto too_big = [&](const std::string& what) {
    diags.error("E704", where(shared_part), "工作簿的共享字符串表过大（" + what + "），不予读取。");
    return false;
  };
  const std::string limit = "上限 " + std::to_string(kMaxSharedStringsBytes >> 20) + " MiB";
  if (m->declared_size > kMaxSharedStringsBytes) return too_big("解压后声明为 " + std::to_string(m->declared_size) + " 字节，" + limit);
  if (!load_xml_part(*zip, display, shared_part, shared, diags)) return false;
  if (shared.buffer.size() > kMaxSharedStringsBytes) return too_big(std::to_string(shared.buffer.size()) + " 字节，" + limit);
  for (auto si = shared.doc.document_element().first_child(); si; si = si.next_sibling()) {
    if (si.type() != pugi::node_element || !is_local(si.name(), "si")) continue;
    if (shared_items.size() >= kMaxSharedStrings)
      return too_big("超过 " + std::to_string(kMaxSharedStrings) + " 条");
    shared_items.push_back(si);
  }
  shared_ok = true;
  return true;
}

std::string Workbook::Impl::shared_text(std::size_t index) const { return string_item_text(shared_items[index]); }

namespace {

// Reads the cells of one sheet from its text (input/sheet_scan.h) and tells its faults.
struct SheetReader {
  Workbook::Impl& w;
  const XmlPart& part;
  const std::string& sheet;
  Diagnostics& diags;

  // A cell in the clerk's terms, sheet and cell; a fault of no one cell by the part.
  SourceLocation at(const std::string& cell) const {
    if (cell.empty()) return part_location(w.display, part.name);
    SourceLocation loc{w.display, 0, 0};
    loc.sheet = sheet;
    loc.cell = cell;
    return loc;
  }
  bool invalid(const std::string& cell, const std::string& what, const std::string& found) {
    auto& d = diags.error("E707", at(cell), "工作表「" + sheet + "」的单元格 " + cell + " 的内容无效：" + what + "；请用 WPS 或 Excel 打开后重新保存。");
    d.found = found;
    return false;
  }
  bool stored_twice(const std::string& name) {
    auto& d = diags.error("E706", at(name), "工作表「" + sheet + "」中单元格 " + name + " 出现了两次，无法确定以哪一个为准。");
    d.expected = "每个单元格只写一次；请用 WPS 或 Excel 打开后重新保存";
    return false;
  }
  bool read_value(const ScannedCell& c, const std::string& cell, CellValue& value);
  bool scan(std::size_t start, std::size_t end, const std::vector<CellRef>* wanted,
            const std::function<bool(const ScannedCell&)>& on_cell);
};

bool SheetReader::read_value(const ScannedCell& c, const std::string& cell, CellValue& value) {
  if (!c.duplicate.empty()) {
    auto& d = diags.error("E702", at(cell), "工作簿中的部件 " + part.name + " 有误：元素 <c> 的属性 " + c.duplicate + " 出现了两次。");
    d.found = c.duplicate_values;
    d.expected = "每个属性只写一次";
    return false;
  }
  const std::string_view type = c.type;
  value = CellValue{};
  value.formula = c.formula;
  if (type == "inlineStr") {
    if (c.has_inline || c.has_value) {
      value.kind = CellKind::kText;
      if (c.has_inline) value.text = c.inline_text;
      else append_sheet_text(value.text, c.value);
    }
    return true;
  }
  const std::string& raw = c.value;
  // A formula's <v> is its cached result; tools that do not calculate leave it out or empty
  // (openpyxl writes <v></v>). Only a string result may really be empty.
  if (!c.has_value || (raw.empty() && type != "str")) {
    value.cached = !c.formula;
    return true;
  }
  if (type.empty() || type == "n") {
    std::string_view number = trim_ascii(raw);
    if (!is_stored_number(number)) return invalid(cell, "数值单元格中不是数字", first_chars(raw, 40));
    value.kind = CellKind::kNumber;
    value.text = std::string(number);
  } else if (type == "s") {
    std::string_view digits = trim_ascii(raw);
    std::size_t index = 0;
    bool ok = !digits.empty() && digits.size() <= 9;
    for (char ch : digits) {
      ok = ok && ch >= '0' && ch <= '9';
      index = index * 10 + static_cast<std::size_t>(ch - '0');
    }
    if (!ok) return invalid(cell, "共享字符串的序号不是数字", first_chars(raw, 40));
    if (!w.load_shared(diags)) return false;
    if (index >= w.shared_items.size())
      return invalid(cell, "引用了不存在的共享字符串（共 " + std::to_string(w.shared_items.size()) + " 条）", first_chars(raw, 40));
    value.kind = CellKind::kText;
    value.text = w.shared_text(index);
  } else if (type == "str" || type == "d") {
    value.kind = CellKind::kText;
    append_sheet_text(value.text, raw);
  } else if (type == "b") {
    std::string_view b = trim_ascii(raw);
    if (b != "0" && b != "1" && b != "true" && b != "false") return invalid(cell, "逻辑值单元格中不是 0 或 1", first_chars(raw, 40));
    value.kind = CellKind::kBool;
    value.text = b == "1" || b == "true" ? "TRUE" : "FALSE";
  } else if (type == "e") {
    value.kind = CellKind::kError;
    append_sheet_text(value.text, trim_ascii(raw));
  } else {
    const std::string shown = first_chars(type, 20);
    return invalid(cell, "未知的单元格类型 t=\"" + shown + "\"", shown);
  }
  return true;
}

// Scans the sheet's text between `start` and `end`; a fault of the text or of the grid is one
// diagnostic (a damaged sheet gets one finding, not one per cell). Returns whether it went
// through and on_cell did not stop it.
bool SheetReader::scan(std::size_t start, std::size_t end, const std::vector<CellRef>* wanted,
                       const std::function<bool(const ScannedCell&)>& on_cell) {
  bool stopped = false;
  auto cell = [&](const ScannedCell& c) { return on_cell(c) || (stopped = true, false); };
  const ScanResult r = scan_sheet_data(std::string_view(part.buffer).substr(start, end - start), wanted, cell);
  const std::string prefix = "工作簿中的部件 " + part.name;
  auto grid = [&](const std::string& what) {
    auto& d = diags.error("E705", at(""), "工作表「" + sheet + "」中" + what + "，超出了 Excel 的表格范围或写法有误。");
    d.found = r.found;
    d.expected = "行号 1–1048576，列 A–XFD";
    return false;
  };
  switch (r.fault) {
    case ScanFault::kNone: return !stopped;
    case ScanFault::kMalformed:
      diags.error("E702", at(""), prefix + " 不是格式正确的 XML（第 " + std::to_string(line_at(part.buffer, start + r.offset)) +
                                      " 行）；文件可能已损坏，或由不规范的程序生成；请用 WPS 或 Excel 打开后重新保存。");
      return false;
    case ScanFault::kDoctype:
      diags.error("E703", at(""), prefix + " 含有 DOCTYPE（文档类型或实体声明），出于安全原因不予读取。").expected =
          "用 WPS 或 Excel 保存的 .xlsx 工作簿（它们不写 DOCTYPE）";
      return false;
    case ScanFault::kBadRow: return grid("有一行的行号无效");
    case ScanFault::kTooManyRows: return grid("的行数超过了 1048576");
    case ScanFault::kBadCell: return grid("第 " + std::to_string(r.row) + " 行有一个单元格的引用无效");
    case ScanFault::kWideRow: return grid("第 " + std::to_string(r.row) + " 行的单元格超过了 XFD 列");
  }
  return false;
}

std::uint64_t cell_key(CellRef r) { return static_cast<std::uint64_t>(r.row) << 16 | static_cast<std::uint64_t>(r.col); }

}  // namespace

bool Workbook::read_cells(int sheet, const std::vector<CellRef>& wanted, std::vector<CellValue>& out, Diagnostics& diags) {
  Impl& w = *impl_;
  out.assign(wanted.size(), CellValue{});
  const SheetInfo& info = w.sheets.at(static_cast<std::size_t>(sheet));
  if (info.part.empty() || wanted.empty()) return true;  // a chart sheet has no cells
  XmlPart part;
  std::pair<std::size_t, std::size_t> range;
  if (!load_part_text(*w.zip, w.display, info.part, part, diags, "sheetData", range)) return false;
  SheetReader reader{w, part, info.name, diags};
  // Only the wanted cells are looked at: sorted, so that each row and cell is one binary search.
  std::vector<std::pair<std::uint64_t, std::size_t>> order;
  order.reserve(wanted.size());
  for (std::size_t i = 0; i < wanted.size(); ++i) order.emplace_back(cell_key(wanted[i]), i);
  std::sort(order.begin(), order.end());
  std::vector<CellRef> sorted;
  sorted.reserve(order.size());
  for (const auto& [key, i] : order) sorted.push_back(wanted[i]);
  std::vector<char> seen(wanted.size(), 0);
  auto on_cell = [&](const ScannedCell& c) {
    auto it = std::lower_bound(order.begin(), order.end(), std::make_pair(cell_key(c.ref), std::size_t{0}));
    for (; it != order.end() && it->first == cell_key(c.ref); ++it) {
      const std::size_t i = it->second;
      const std::string name = cell_ref_text(c.ref);
      if (seen[i]) return reader.stored_twice(name);
      seen[i] = 1;
      if (!reader.read_value(c, name, out[i])) return false;
    }
    return true;
  };
  const bool ok = reader.scan(range.first, range.second, &sorted, on_cell);
  if (!ok) out.assign(wanted.size(), CellValue{});
  return ok;
}

bool Workbook::read_sheet(int sheet, std::size_t max_cells, std::vector<SheetCell>& out, Diagnostics& diags) {
  Impl& w = *impl_;
  out.clear();
  const SheetInfo& info = w.sheets.at(static_cast<std::size_t>(sheet));
  if (info.part.empty()) return true;
  XmlPart part;
  std::pair<std::size_t, std::size_t> range;
  if (!load_part_text(*w.zip, w.display, info.part, part, diags, "sheetData", range)) return false;
  SheetReader reader{w, part, info.name, diags};
  auto on_cell = [&](const ScannedCell& c) {
    SheetCell cell{c.ref, {}};
    if (!reader.read_value(c, cell_ref_text(c.ref), cell.value)) return false;
    if (cell.value.kind == CellKind::kBlank && !cell.value.formula) return true;  // formatting only
    if (out.size() >= max_cells) {
      diags.error("E704", reader.at(""), "工作表「" + info.name + "」的单元格过多（超过 " + std::to_string(max_cells) + " 个），不予读取。");
      return false;
    }
    out.push_back(std::move(cell));
    return true;
  };
  bool ok = reader.scan(range.first, range.second, nullptr, on_cell);
  // Excel writes rows and cells in order; a file that does not is put in order, and a cell
  // stored twice is a fault as in read_cells.
  auto before = [](const SheetCell& a, const SheetCell& b) { return cell_key(a.ref) < cell_key(b.ref); };
  std::stable_sort(out.begin(), out.end(), before);
  for (std::size_t i = 1; ok && i < out.size(); ++i)
    if (out[i].ref == out[i - 1].ref) ok = reader.stored_twice(cell_ref_text(out[i].ref));
  if (!ok) out.clear();
  return ok;
}

namespace {

std::unique_ptr<Workbook> open_opened_zip(std::unique_ptr<ZipArchive> zip, const ZipStatus& status, const std::string& display,
                                          Diagnostics& diags) {
  if (!zip) {
    diags.error(status.code, SourceLocation{display, 0, 0}, status.message);
    return nullptr;
  }
  return open_workbook(std::move(zip), display, diags);
}

}  // namespace

std::unique_ptr<Workbook> open_workbook_file(const std::string& fs_path, const std::string& display, Diagnostics& diags) {
  ZipStatus status;
  auto zip = open_zip_file(fs_path, status);
  return open_opened_zip(std::move(zip), status, display, diags);
}

std::unique_ptr<Workbook> open_workbook_bytes(std::string bytes, const std::string& display, Diagnostics& diags) {
  ZipStatus status;
  auto zip = open_zip_bytes(std::move(bytes), status);
  return open_opened_zip(std::move(zip), status, display, diags);
}

}  // namespace nianbao
