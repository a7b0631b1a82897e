#include "input/form_reader.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>

#include "input/readers.h"
#include "text/ascii.h"
#include "text/utf8.h"

namespace nianbao {

namespace {

// One defined name the reader uses, and what it found there.
struct Slot {
  const DefinedName* name = nullptr;  // nullptr: the form has no such name
  int cell = -1;         // a figure: its format cell; -1 for identity, contact and narrative
  bool unread = false;   // its sheet could not be read (already reported): nothing more to say
  NameTarget target;
  CellValue value;       // a constant's value, or the cell's once read
};

std::string join(const std::vector<std::string>& items, std::size_t max_items) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < max_items; ++i) out += (i ? "、" : "") + items[i];
  if (items.size() > max_items) out += " 等 " + std::to_string(items.size()) + " 个";
  return out;
}

// "a.b.c" -> its first component and the rest ("a", "b.c"); rest is empty without a dot.
std::pair<std::string_view, std::string_view> split_first(std::string_view s) {
  std::size_t dot = s.find('.');
  if (dot == std::string_view::npos) return {s, {}};
  return {s.substr(0, dot), s.substr(dot + 1)};
}

// The value as the clerk sees it, for 实际：.
std::string shown(const CellValue& v) {
  switch (v.kind) {
    case CellKind::kBlank: return v.formula && !v.cached ? "公式，文件中没有计算结果" : "（空白）";
    case CellKind::kNumber: return stored_number_decimal(v.text);
    case CellKind::kText: return "\"" + first_chars(v.text, 40) + "\"";
    case CellKind::kBool: return v.text + "（逻辑值）";
    case CellKind::kError: return v.text + "（错误值）";
  }
  return "";
}

// Names compared as Excel does, ASCII case ignored; nearly always written alike, and memcmp
// settles that faster than folding each byte (a form has a couple of hundred names).
bool same_name(std::string_view a, std::string_view b) { return a.size() == b.size() && (a == b || equal_ascii_nocase(a, b)); }

// Every workbook-level name the reader knows, found in one pass over the workbook's names (a
// form has a couple of hundred; looking each up by its text would cost more than reading them).
struct FormNames {
  const DefinedName* identity[4] = {};  // format, year, agency code, agency name
  const DefinedName* contact[2] = {};   // name, phone
  std::vector<const DefinedName*> sections;  // text.<section id>, per format section
  const DefinedName* highlights[kMaxFormHighlights][2] = {};  // title, body
  std::vector<const DefinedName*> cells;     // <table>.<row>.<column>, per format cell
  std::vector<std::string> unknown;          // of ours by their prefix, but matching nothing
};

FormNames classify_names(const Workbook& wb, const Format& f) {
  FormNames out;
  out.sections.assign(f.sections.size(), nullptr);
  out.cells.assign(static_cast<std::size_t>(f.cell_count()), nullptr);
  static constexpr std::string_view kIdentity[] = {"format", "year", "agency.code", "agency.name"};
  int t = 0, r = -1;  // the last table and row: forms list their names in the format's order
  for (const DefinedName& n : wb.names()) {
    auto [head, rest] = split_first(n.name);
    bool known = false;
    if (same_name(head, "nianbao")) {
      for (int i = 0; i < 4; ++i)
        if (same_name(rest, kIdentity[i])) out.identity[i] = &n, known = true;
    } else if (same_name(head, "contact")) {
      if (same_name(rest, "name")) out.contact[0] = &n, known = true;
      if (same_name(rest, "phone")) out.contact[1] = &n, known = true;
    } else if (same_name(head, "text")) {
      for (std::size_t i = 0; i < f.sections.size(); ++i)
        if (same_name(rest, f.sections[i].id)) out.sections[i] = &n, known = true;
      auto [word, tail] = split_first(rest);
      auto [number, part] = split_first(tail);
      int k = number.size() == 1 && number[0] >= '1' && number[0] <= '9' ? number[0] - '0' : number == "10" ? 10 : 0;
      if (k > 0 && same_name(word, "highlight") && (same_name(part, "title") || same_name(part, "body")))
        out.highlights[k - 1][same_name(part, "body")] = &n, known = true;
    } else {
      if (t >= static_cast<int>(f.tables.size()) || !same_name(head, f.tables[static_cast<std::size_t>(t)].id)) {
        t = -1;
        for (std::size_t i = 0; i < f.tables.size() && t < 0; ++i)
          if (same_name(head, f.tables[i].id)) t = static_cast<int>(i), r = -1;
        if (t < 0) {
          t = 0;
          continue;  // not a name of the form
        }
      }
      const TableDef& table = f.tables[static_cast<std::size_t>(t)];
      // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
      const std::pair<std::string_view, std::string_view> ids = split_first(rest);
      const std::string_view row_id = ids.first, col_id = ids.second;
      auto is_row = [&](int i) { return i >= 0 && i < static_cast<int>(table.rows.size()) && same_name(row_id, table.rows[static_cast<std::size_t>(i)].id); };
      if (!is_row(r) && !is_row(++r)) {
        r = -1;
        for (int i = 0; i < static_cast<int>(table.rows.size()) && r < 0; ++i)
          if (is_row(i)) r = i;
      }
      int c = -1;
      for (int i = 0; r >= 0 && i < static_cast<int>(table.columns.size()) && c < 0; ++i)
        if (same_name(col_id, table.columns[static_cast<std::size_t>(i)].id)) c = i;
      const int cell = f.cell(t, r, c);
      if (cell >= 0) {
        known = true;  // a computed cell's name is known too: totals are formulas, not read
        if (!f.cells[static_cast<std::size_t>(cell)].computed()) out.cells[static_cast<std::size_t>(cell)] = &n;
      }
      if (r < 0) r = 0;
    }
    if (!known) out.unknown.emplace_back(n.name);
  }
  return out;
}

class FormReader {
 public:
  FormReader(Workbook& wb, const Format& format, Diagnostics& diags) : wb_(wb), format_(format), diags_(diags) {}
  std::optional<Submission> run(bool& is_form);

 private:
  Workbook& wb_;
  const Format& format_;
  Diagnostics& diags_;
  const std::size_t start_ = diags_.items().size();
  bool stopped_ = false;
  FormNames names_;
  // Sheet and cell -> the name that took it, sorted: a couple of hundred, inserted in order mostly.
  std::vector<std::pair<std::uint64_t, const DefinedName*>> claimed_;

  bool full() { return stopped_ = stopped_ || diags_.items().size() - start_ >= kMaxFindingsPerFile; }
  SourceLocation where(const Slot& s) const {
    SourceLocation loc{wb_.display(), 0, 0};
    if (s.name && (s.target.kind == NameTargetKind::kCell || s.target.kind == NameTargetKind::kRange) && s.target.sheet >= 0) {
      loc.sheet = wb_.sheets()[static_cast<std::size_t>(s.target.sheet)].name;
      loc.cell = cell_ref_text(s.target.cell);
    }
    return loc;
  }
  static std::string sheet_cell(const SourceLocation& loc) { return loc.sheet.empty() ? "" : loc.sheet + "!" + loc.cell; }
  std::string labels(int cell) const;
  Slot slot(const DefinedName* name, int cell = -1) const;
  bool accept_cell(Slot& s, int required_sheet);
  void read(std::vector<Slot>& slots);
  std::string text_of(const Slot& s, bool identity);
  bool read_identity(Submission& sub);
  void read_figures(Submission& sub, std::vector<std::pair<int, CellRef>>& places);
  void report_value(const Slot& s, FormValueStatus st);
  void read_narrative(Submission& sub);
  void warn_unknown_names();
};

std::string FormReader::labels(int cell) const {
  const CellDef& c = format_.cells[static_cast<std::size_t>(cell)];
  const TableDef& t = format_.tables[static_cast<std::size_t>(c.table)];
  std::string out = format_.row_full_label(c.table, c.row);
  if (t.columns.size() > 1 || t.columns[0].id != "value") out += " / " + format_.column_full_label(c.table, c.col);
  return out;
}

Slot FormReader::slot(const DefinedName* name, int cell) const {
  Slot s;
  s.name = name;
  s.cell = cell;
  if (!name) return s;
  s.target = wb_.resolve(*name);
  if (s.target.kind == NameTargetKind::kText) {
    s.value.kind = CellKind::kText;
    s.value.text = s.target.text;
  } else if (s.target.kind == NameTargetKind::kNumber) {
    s.value.kind = CellKind::kNumber;
    s.value.text = s.target.text;
  }
  return s;
}

// Whether a present name may be read: one cell (on `required_sheet` when that is >= 0), not
// claimed by another name; a constant where any sheet will do. Reports why not.
bool FormReader::accept_cell(Slot& s, int required_sheet) {
  const NameTarget& t = s.target;
  const bool constant = t.kind == NameTargetKind::kText || t.kind == NameTargetKind::kNumber;
  if (constant && required_sheet < 0) return true;
  const bool chart = t.kind == NameTargetKind::kCell && wb_.sheets()[static_cast<std::size_t>(t.sheet)].part.empty();
  if (t.kind == NameTargetKind::kCell && !chart && (required_sheet < 0 || t.sheet == required_sheet)) {
    const std::uint64_t key = static_cast<std::uint64_t>(t.sheet) << 40 | static_cast<std::uint64_t>(t.cell.row) << 16 |
                              static_cast<std::uint64_t>(t.cell.col);
    auto it = std::lower_bound(claimed_.begin(), claimed_.end(), std::make_pair(key, static_cast<const DefinedName*>(nullptr)),
                               [](const auto& x, const auto& y) { return x.first < y.first; });
    if (it == claimed_.end() || it->first != key) {
      claimed_.insert(it, {key, s.name});
      return true;
    }
    if (full()) return false;
    const std::string name(s.name->name);
    const SourceLocation at = where(s);
    const std::string other(it->second->name);
    auto& d = diags_.error("E724", at, "名称 " + other + " 和 " + name + " 指向同一个单元格，无法确定这个数字属于哪一格。");
    if (s.cell >= 0) d.place = labels(s.cell);
    d.found = other + " 与 " + name + " 都指向 " + sheet_cell(at);
    d.expected = "每个单元格只有一个名称";
    return false;
  }
  if (full()) return false;
  const std::string name(s.name->name);
  const SourceLocation at = where(s);
  std::string what;
  switch (t.kind) {
    case NameTargetKind::kCell:
      what = chart ? "指向图表工作表「" + at.sheet + "」"
                   : "指向工作表「" + at.sheet + "」的单元格 " + at.cell + "（工作表是否被改名，或单元格被移到了别的工作表？）";
      break;
    case NameTargetKind::kRange: what = "指向一个区域，而不是一个单元格"; break;
    case NameTargetKind::kText:
    case NameTargetKind::kNumber: what = "是一个常量，而不是单元格"; break;
    case NameTargetKind::kRefError: what = "是 #REF!（它所指的单元格已被删除）"; break;
    case NameTargetKind::kExternal: what = "指向另一个工作簿"; break;
    case NameTargetKind::kUnknownSheet: what = "指向不存在的工作表「" + t.text + "」"; break;
    case NameTargetKind::kOther: what = "不是单元格引用"; break;
  }
  const std::string sheet = required_sheet >= 0 ? wb_.sheets()[static_cast<std::size_t>(required_sheet)].name : "";
  auto& d = diags_.error("E723", at, "名称 " + name + " 应指向" + (sheet.empty() ? "一个单元格或一个常量" : "工作表「" + sheet + "」中的一个单元格") +
                                         "，实际" + what + "。");
  if (s.cell >= 0) d.place = labels(s.cell);
  d.found = first_chars(s.name->formula, 80);
  d.expected = !sheet.empty() ? "'" + sheet + "'!$D$12 这样指向一个单元格的引用" : "'说明'!$B$3 这样的单元格引用，或 \"xxgk-2021\" 这样的常量";
  return false;
}

// Reads every accepted cell slot, one pass per sheet.
void FormReader::read(std::vector<Slot>& slots) {
  std::map<int, std::vector<Slot*>> by_sheet;
  for (auto& s : slots)
    if (s.name && s.target.kind == NameTargetKind::kCell) by_sheet[s.target.sheet].push_back(&s);
  std::vector<CellRef> refs;
  std::vector<CellValue> values;
  for (auto& [sheet, list] : by_sheet) {
    if (full()) return;
    refs.clear();
    for (const Slot* s : list) refs.push_back(s->target.cell);
    const bool ok = wb_.read_cells(sheet, refs, values, diags_);
    for (std::size_t i = 0; i < list.size(); ++i) {
      list[i]->value = std::move(values[i]);
      list[i]->unread = !ok;
    }
  }
}

// A text cell's value: a number as Excel shows it, a formula by its cached value. Faults are
// errors (E721 for identity names, E730 / E734 otherwise); "" then.
std::string FormReader::text_of(const Slot& s, bool identity) {
  const CellValue& v = s.value;
  if (v.formula && !v.cached) {
    if (!full()) {
      const SourceLocation at = where(s);
      diags_.error("E730", at, "名称 " + std::string(s.name->name) + " 所指的单元格是公式，但文件中没有公式的计算结果（文件可能由不计算公式的程序生成）；请用 WPS 或 Excel 打开这个文件，保存后重新报送。");
    }
    return "";
  }
  switch (v.kind) {
    case CellKind::kBlank: return "";
    case CellKind::kNumber: return stored_number_decimal(v.text);
    case CellKind::kText:
    case CellKind::kBool: return v.text;
    case CellKind::kError:
      if (!full()) {
        const SourceLocation at = where(s);
        auto& d = diags_.error(identity ? "E721" : "E734", at, "名称 " + std::string(s.name->name) + " 所指的单元格显示错误值，无法读取。");
        d.found = v.text;
        d.expected = "文字或数字";
      }
      return "";
  }
  return "";
}

bool FormReader::read_identity(Submission& sub) {
  static const char* const kNames[] = {kFormFormatName, kFormYearName, kFormAgencyCodeName, kFormAgencyNameName};
  std::vector<Slot> ids;
  for (const DefinedName* n : names_.identity) ids.push_back(slot(n));
  for (auto& s : ids)
    if (s.name && !accept_cell(s, -1)) s.name = nullptr, s.unread = true;
  read(ids);
  auto value = [&](std::size_t i, const char* what, bool required) {
    const Slot& s = ids[i];
    std::string text = s.name ? std::string(trim_wide(text_of(s, true))) : "";
    if (text.empty() && required && !s.unread && !full()) {
      const SourceLocation at = where(s);
      auto& d = diags_.error("E721", at, s.name ? "报表的基本信息缺失：名称 " + std::string(kNames[i]) + " 所指的单元格是空的（" + what + "）。"
                                                : "报表缺少名称 " + std::string(kNames[i]) + "（" + what + "）。");
      d.expected = std::string(what) + "；请改用编制办公室下发的报表填写";
    }
    return text;
  };
  sub.format = value(0, "报表格式，例如 xxgk-2021", true);
  sub.where = where(ids[0]);
  std::string year = value(1, "四位年份，例如 2025", true);
  if (!year.empty()) {
    bool ok = year.size() == 4 && std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; });
    sub.year = ok ? std::atoi(year.c_str()) : 0;
    if ((!ok || sub.year < 1990 || sub.year > 2100) && !full()) {
      sub.year = 0;
      const SourceLocation at = where(ids[1]);
      auto& d = diags_.error("E721", at, "报表的年度不是四位年份。");
      d.found = "\"" + first_chars(year, 20) + "\"";
      d.expected = "四位年份，例如 2025";
    }
  }
  sub.agency.code = value(2, "单位代码", true);
  sub.agency.where = where(ids[2]);
  sub.agency.name = value(3, "单位名称", false);
  return !sub.format.empty();
}

void FormReader::report_value(const Slot& s, FormValueStatus st) {
  if (full()) return;
  const CellDef& def = format_.cells[static_cast<std::size_t>(s.cell)];
  const char* code = "E725";
  std::string what;
  switch (st) {
    case FormValueStatus::kNotNumber: what = "不是数字：请只填阿拉伯数字，不加单位、文字或千位分隔符；没有数据请填 0 或留空。"; break;
    case FormValueStatus::kErrorValue: what = "单元格显示错误值，不是数字；请改填数字。"; break;
    case FormValueStatus::kNegative: code = "E726", what = "不能为负数。"; break;
    case FormValueStatus::kFraction: code = "E727", what = "件数、人数等计数必须是整数。"; break;
    case FormValueStatus::kTooManyDecimals: code = "E728", what = "金额最多保留 4 位小数。"; break;
    case FormValueStatus::kTooLarge: code = "E729", what = "数值过大，超出了允许的范围。"; break;
    case FormValueStatus::kNoCachedValue:
      code = "E730";
      what = "单元格中是公式，但文件中没有公式的计算结果（文件可能由不计算公式的程序生成）；请用 WPS 或 Excel 打开这个文件，保存后重新报送。";
      break;
    default: return;
  }
  const SourceLocation at = where(s);
  auto& d = diags_.error(code, at, what);
  d.place = labels(s.cell);
  d.found = shown(s.value);
  d.expected = def.type == ValueType::kMoney ? "不小于 0 的金额，最多 4 位小数（单位：" + def.unit + "）" : "不小于 0 的整数";
  if (st == FormValueStatus::kTooLarge) d.expected = "不超过 1000000000000";
  if (st == FormValueStatus::kNoCachedValue) d.expected = "用 WPS 或 Excel 保存过的文件（公式带有计算结果），或直接填写数字";
}

void FormReader::read_figures(Submission& sub, std::vector<std::pair<int, CellRef>>& places) {
  std::vector<Slot> slots;
  slots.reserve(static_cast<std::size_t>(format_.cell_count()));
  for (int t = 0; t < static_cast<int>(format_.tables.size()) && !full(); ++t) {
    const TableDef& table = format_.tables[static_cast<std::size_t>(t)];
    const int sheet = wb_.find_sheet(table.sheet);
    if (sheet < 0) {
      auto& d = diags_.error("E722", SourceLocation{wb_.display(), 0, 0}, "报表中没有工作表「" + table.sheet + "」（表「" + table.title + "」），无法读取这张表（工作表是否被改名或删除？）。");
      d.expected = "编制办公室下发的报表中的工作表「" + table.sheet + "」";
      continue;
    }
    std::vector<std::string> missing;
    const std::size_t first = slots.size();
    for (int r = 0; r < static_cast<int>(table.rows.size()); ++r)
      for (int c : table.rows[static_cast<std::size_t>(r)].columns) {
        const int cell = format_.cell(t, r, c);
        if (format_.cells[static_cast<std::size_t>(cell)].computed()) continue;
        const DefinedName* n = names_.cells[static_cast<std::size_t>(cell)];
        if (!n) missing.push_back(format_.cell_path(cell));
        else slots.push_back(slot(n, cell));
      }
    if (!missing.empty() && !full()) {
      std::size_t local = 0;
      for (const auto& n : missing)
        for (const auto& ln : wb_.local_names()) local += equal_ascii_nocase(ln.name, n);
      auto& d = diags_.error("E722", SourceLocation{wb_.display(), 0, 0}, "报表缺少表「" + table.title + "」中 " + std::to_string(missing.size()) +
                                                                             " 个单元格的名称，无法确定这些数字填在哪里" +
                                                                             (local ? "（工作簿中有同名的工作表级名称，但报表的名称须为工作簿级）" : "") +
                                                                             "；请改用编制办公室下发的报表填写。");
      d.place = table.sheet;
      d.found = "缺少 " + join(missing, 10);
      d.expected = "每个填报单元格都有名称“表.行.列”（见 docs/forms.md）";
    }
    for (std::size_t i = first; i < slots.size(); ++i)
      if (!accept_cell(slots[i], sheet)) slots[i].name = nullptr;
  }
  read(slots);
  std::vector<std::string> placeholders;
  SourceLocation first_placeholder;
  for (const auto& s : slots) {
    if (!s.name || s.unread) continue;
    std::int64_t raw = 0;
    const FormValueStatus st = parse_form_value(s.value, format_.cells[static_cast<std::size_t>(s.cell)].type, raw);
    if (st != FormValueStatus::kOk && st != FormValueStatus::kPlaceholder) {
      report_value(s, st);
      continue;
    }
    const bool blank = s.value.kind == CellKind::kBlank || (s.value.kind == CellKind::kText && trim_wide(s.value.text).empty());
    if (st == FormValueStatus::kPlaceholder) {
      if (placeholders.empty()) first_placeholder = where(s);
      placeholders.push_back(sheet_cell(where(s)));
    }
    sub.values.set(static_cast<std::size_t>(s.cell), raw);
    if (blank) continue;
    sub.given.push_back(GivenValue{s.cell, raw, static_cast<std::uint32_t>(places.size())});
    places.emplace_back(s.target.sheet, s.target.cell);
  }
  if (!placeholders.empty() && !full()) {
    auto& d = diags_.warning("W731", first_placeholder, "有 " + std::to_string(placeholders.size()) +
                                                            " 个单元格填的是“/”“—”“-”或“无”，已按 0 计入；请核对这些格子确实没有数据（没有数据可填 0 或留空）。");
    d.place = join(placeholders, 20);
    d.expected = "数字，或 0，或留空";
  }
}

void FormReader::read_narrative(Submission& sub) {
  std::vector<Slot> slots;
  slots.push_back(slot(names_.contact[0]));
  slots.push_back(slot(names_.contact[1]));
  for (const DefinedName* n : names_.sections) slots.push_back(slot(n));
  const std::size_t highlights = slots.size();
  for (const auto& h : names_.highlights) {
    slots.push_back(slot(h[0]));
    slots.push_back(slot(h[1]));
  }
  for (auto& s : slots)
    if (s.name && !accept_cell(s, -1)) s.name = nullptr;
  read(slots);
  auto line = [&](const Slot& s) {
    std::string t = s.name ? std::string(trim_wide(text_of(s, false))) : "";
    std::replace(t.begin(), t.end(), '\n', ' ');
    return t;
  };
  auto paragraphs = [&](const Slot& s) {
    std::vector<Paragraph> out;
    const std::string text = s.name ? text_of(s, false) : "";
    std::string_view rest = text;
    while (!rest.empty()) {
      std::size_t nl = rest.find('\n');
      std::string_view p = trim_wide(rest.substr(0, nl));
      if (!p.empty()) out.push_back(Paragraph{std::string(p), where(s)});
      rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    }
    return out;
  };
  sub.contact.name = line(slots[0]);
  sub.contact.phone = line(slots[1]);
  for (std::size_t i = 0; i < format_.sections.size(); ++i) {
    NarrativeSection sec{format_.sections[i].id, "", paragraphs(slots[2 + i]), where(slots[2 + i])};
    if (!sec.paragraphs.empty()) sub.own_sections.push_back(std::move(sec));
  }
  for (std::size_t i = highlights; i + 1 < slots.size(); i += 2) {
    NarrativeSection sec{"highlights", line(slots[i]), paragraphs(slots[i + 1]), where(slots[i + 1])};
    if (sec.title.empty() == sec.paragraphs.empty()) {
      if (!sec.title.empty()) sub.sections.push_back(std::move(sec));
      continue;
    }
    if (full()) continue;
    const Slot& filled = sec.title.empty() ? slots[i + 1] : slots[i];
    const std::string n = std::to_string((i - highlights) / 2 + 1);
    auto& d = diags_.warning("W732", where(filled), sec.title.empty() ? "这条工作亮点只填了正文，没有标题；报告中将没有小标题。"
                                                                     : "这条工作亮点只填了标题，没有正文，未使用。");
    d.expected = "标题（text.highlight." + n + ".title）和正文（text.highlight." + n + ".body）都填写";
    if (sec.title.empty()) sub.sections.push_back(std::move(sec));
  }
}

void FormReader::warn_unknown_names() {
  if (names_.unknown.empty() || full()) return;
  auto& d = diags_.warning("W733", SourceLocation{wb_.display(), 0, 0}, "报表中有 " + std::to_string(names_.unknown.size()) +
                                                                          " 个名称不对应格式 " + format_.id + " 的任何填报单元格，其中的内容未读取。");
  d.found = join(names_.unknown, 10);
  d.expected = "docs/forms.md 中列出的名称";
}

std::optional<Submission> FormReader::run(bool& is_form) {
  is_form = false;
  for (const auto* list : {&wb_.names(), &wb_.local_names()})
    for (const auto& n : *list) is_form = is_form || equal_ascii_nocase(split_first(n.name).first, "nianbao");
  if (!is_form) {
    auto& d = diags_.warning("W720", SourceLocation{wb_.display(), 0, 0},
                             "不是 nianbao 报表（工作簿中没有名称 nianbao.format 等），已忽略；如果这是某单位填写的报表，请改用编制办公室下发的报表填写。");
    d.found = "没有名称 nianbao.format、nianbao.year、nianbao.agency.code";
    d.expected = "编制办公室下发的 .xlsx 报表（nianbao init 生成）";
    return std::nullopt;
  }
  names_ = classify_names(wb_, format_);
  Submission sub;
  sub.path = wb_.display();
  sub.values.assign(static_cast<std::size_t>(format_.cell_count()), 0);
  // Where each given value is, kept compact: most forms are never asked.
  struct Places {
    std::string file;
    std::vector<std::string> sheets;
    std::vector<std::pair<int, CellRef>> cells;
  };
  auto places = std::make_shared<Places>();
  if (read_identity(sub) && sub.format == format_.id) {
    read_figures(sub, places->cells);
    read_narrative(sub);
    warn_unknown_names();
  }
  if (stopped_) diags_.error("E111", SourceLocation{wb_.display(), 0, 0}, too_many_findings_message());
  places->file = wb_.display();
  for (const auto& s : wb_.sheets()) places->sheets.push_back(s.name);
  sub.locate = [places](std::uint32_t i) {
    SourceLocation loc{places->file, 0, 0};
    if (i < places->cells.size()) {
      loc.sheet = places->sheets[static_cast<std::size_t>(places->cells[i].first)];
      loc.cell = cell_ref_text(places->cells[i].second);
    }
    return loc;
  };
  return sub;
}

}  // namespace

std::optional<Submission> read_form(Workbook& workbook, const Format& format, Diagnostics& diags, bool& is_form) {
  return FormReader(workbook, format, diags).run(is_form);
}

std::optional<Submission> read_form_bytes(std::string bytes, const std::string& display, const Format& format,
                                          Diagnostics& diags, bool& is_form) {
  is_form = true;
  auto wb = open_workbook_bytes(std::move(bytes), display, diags);
  if (!wb) return std::nullopt;
  return read_form(*wb, format, diags, is_form);
}

std::optional<Submission> read_form_file(const std::string& fs_path, const std::string& display, const Format& format,
                                         Diagnostics& diags, bool& is_form) {
  is_form = true;
  auto wb = open_workbook_file(fs_path, display, diags);
  if (!wb) return std::nullopt;
  return read_form(*wb, format, diags, is_form);
}

}  // namespace nianbao
