#include "input/report_tables.h"

#include <algorithm>
#include <map>
#include <unordered_set>

#include "input/report_text.h"
#include "text/utf8.h"

namespace nianbao {

using namespace report_text;

namespace {

enum class Kind { kLabel, kValue, kBlank };

// A cell of a table laid on a grid, from a Word table (several, when one statutory table was
// split) or from a format's layout. The same extraction runs on both, so an official Word table
// yields exactly the keys the layout does.
struct GridCell {
  std::string text;
  Kind kind = Kind::kBlank;
  int row = 0, col = 0, rowspan = 1, colspan = 1;
  int layout_cell = -1;                         // layouts: the global cell of a figure
  int doc_table = 0, doc_row = 0, doc_col = 0;  // documents: 1-based position
};

struct Grid {
  int rows = 0, cols = 0;
  std::vector<GridCell> cells;
  std::vector<int> at;
  std::vector<std::pair<int, int>> doc_rows;  // documents: per grid row, its table and 1-based row
  int origin(int r, int c) const { return at[static_cast<std::size_t>(r) * cols + c]; }
};

// Whether a cell typed in a Word table holds a figure (or something in a figure's place: a unit
// typed after it, a dash, a word where a number belongs) rather than a label.
Kind classify(const std::string& text) {
  ParsedCell p = parse_cell(text, ValueType::kMoney);
  if (p.status == CellValue::kBlank) return Kind::kBlank;
  if (p.status != CellValue::kNotNumber) return Kind::kValue;
  std::string n = normalize(text);
  bool digit_first = !n.empty() && ((n[0] >= '0' && n[0] <= '9') || n[0] == '-');
  return digit_first && enumerator(n).empty() && decode_utf8(n).size() <= 12 ? Kind::kValue : Kind::kLabel;
}

Grid grid_from_layout(const Layout& layout) {
  Grid g;
  g.rows = layout.grid_rows;
  g.cols = static_cast<int>(layout.widths.size());
  g.at.assign(static_cast<std::size_t>(g.rows) * g.cols, -1);
  for (const auto& lc : layout.cells) {
    GridCell c;
    c.text = lc.text;
    c.kind = lc.is_value ? Kind::kValue : lc.text.empty() ? Kind::kBlank : Kind::kLabel;
    c.row = lc.row, c.col = lc.col, c.rowspan = lc.rowspan, c.colspan = lc.colspan;
    c.layout_cell = lc.is_value ? lc.cell : -1;
    int index = static_cast<int>(g.cells.size());
    for (int r = lc.row; r < lc.row + lc.rowspan; ++r)
      for (int k = lc.col; k < lc.col + lc.colspan; ++k) g.at[static_cast<std::size_t>(r) * g.cols + k] = index;
    g.cells.push_back(std::move(c));
  }
  return g;
}

Grid grid_from_doc(const std::vector<const DocxTable*>& parts) {
  Grid g;
  for (const DocxTable* t : parts) g.cols = std::max(g.cols, t->cols), g.rows += t->rows;
  g.at.assign(static_cast<std::size_t>(g.rows) * g.cols, -1);
  int base = 0;
  for (const DocxTable* t : parts) {
    const int first = static_cast<int>(g.cells.size());
    for (const auto& dc : t->cells) {
      GridCell c;
      c.text = dc.text;
      c.kind = classify(dc.text);
      c.row = base + dc.row, c.col = dc.col, c.rowspan = dc.rowspan, c.colspan = dc.colspan;
      c.doc_table = t->index, c.doc_row = dc.row + 1, c.doc_col = dc.col + 1;
      g.cells.push_back(std::move(c));
    }
    for (int r = 0; r < t->rows; ++r) g.doc_rows.emplace_back(t->index, r + 1);
    for (int r = 0; r < t->rows; ++r)
      for (int k = 0; k < t->cols; ++k)
        if (int o = t->at(r, k); o >= 0) g.at[static_cast<std::size_t>(base + r) * g.cols + k] = first + o;
    base += t->rows;
  }
  return g;
}

struct FoundCell {
  int origin = -1;
  int col = 0;
  std::vector<std::string> col_parts;  // header texts above it, top down
};

struct DataRow {
  int grid_row = 0;
  std::vector<std::string> parts;  // its label cells, left to right
  std::vector<FoundCell> cells;    // what follows the labels
};

// A header row holds labels only, and no blank after a label (a data row with nothing filled in
// is a label followed by blanks); a blank corner before the labels is allowed.
bool is_header(const Grid& g, int r) {
  bool label = false;
  int last = -1;
  for (int c = 0; c < g.cols; ++c) {
    int o = g.origin(r, c);
    if (o < 0 || o == last) continue;
    last = o;
    Kind k = g.cells[o].kind;
    if (k == Kind::kValue || (k == Kind::kBlank && label)) return false;
    label = label || k == Kind::kLabel;
  }
  return label;
}

// Splits the grid into header blocks and data rows. A data row's labels are its leading label
// cells, up to the first column whose header is not the corner; its cells take the texts of the
// nearest header block above their first column. Cells under a "单位" header are left out.
std::vector<DataRow> extract(const Grid& g) {
  std::vector<DataRow> out;
  std::vector<int> block;
  bool in_header = false;
  std::vector<std::vector<std::string>> headers;  // per column, for the current block
  std::vector<bool> unit_column;
  for (int r = 0; r < g.rows; ++r) {
    if (is_header(g, r)) {
      if (!in_header) block.clear();
      block.push_back(r);
      in_header = true;
      headers.assign(g.cols, {});
      unit_column.assign(g.cols, false);
      for (int c = 0; c < g.cols; ++c) {
        int last = -1;
        for (int hr : block) {
          int o = g.origin(hr, c);
          if (o < 0 || o == last) continue;
          last = o;
          if (g.cells[o].kind == Kind::kLabel) headers[c].push_back(g.cells[o].text);
        }
        unit_column[c] = !headers[c].empty() && bare(headers[c].back()) == "单位";
      }
      continue;
    }
    in_header = false;
    if (unit_column.empty()) unit_column.assign(g.cols, false), headers.assign(g.cols, {});
    const int corner = block.empty() ? -1 : g.origin(block.back(), 0);
    DataRow row;
    row.grid_row = r;
    int c = 0, last = -1;
    while (c < g.cols) {
      int o = g.origin(r, c);
      if (o < 0) {
        ++c;
        continue;
      }
      const GridCell& cell = g.cells[o];
      auto in_corner = [&](int col) { return col == 0 || corner < 0 || g.origin(block.back(), col) == corner; };
      if (cell.kind == Kind::kBlank) {
        // A blank before a label is an empty label cell (the group column of a table's second
        // part); a blank after the labels is a figure left empty.
        int next = std::max(c + 1, cell.col + cell.colspan);
        while (next < g.cols && g.origin(r, next) < 0) ++next;
        if (next < g.cols && g.cells[g.origin(r, next)].kind == Kind::kLabel && in_corner(next)) {
          last = o;
          c = next;
          continue;
        }
        break;
      }
      if (cell.kind != Kind::kLabel || !in_corner(c)) break;
      if (o != last && !unit_column[c]) row.parts.push_back(cell.text);
      last = o;
      c = std::max(c + 1, cell.col + cell.colspan);
    }
    for (; c < g.cols; ++c) {
      int o = g.origin(r, c);
      if (o < 0 || o == last) continue;
      last = o;
      if (!unit_column[c]) row.cells.push_back(FoundCell{o, c, headers[c]});
    }
    out.push_back(std::move(row));
  }
  return out;
}

struct Keys {
  std::vector<std::string> norm, bare;
};

Keys keys_of(const std::vector<std::string>& parts) {
  Keys k;
  for (const auto& p : parts) {
    k.norm.push_back(normalize(p));
    k.bare.push_back(bare(p));
  }
  return k;
}

enum class MatchStatus { kNone, kMatched, kAmbiguous, kDuplicate };

struct Match {
  MatchStatus status = MatchStatus::kNone;
  int index = -1;
  bool loose = false;
  std::vector<int> options;
};

// Finds the official key a found key stands for, strictest comparison first: the whole key
// normalised, then its last part normalised, then bare, then loosely. Within one comparison
// several equal official labels (the 统计表's two "（二）被依法纠错数") are told apart by order:
// the first one after the key matched before. Two found keys never take one official key.
Match match_keys(const Keys& found, const std::vector<const Keys*>& official, const std::vector<bool>& used, int after) {
  for (int level = 0; level < 4; ++level) {
    if (level > 0 && found.norm.empty()) break;
    std::vector<int> hits;
    for (int i = 0; i < static_cast<int>(official.size()); ++i) {
      const Keys& o = *official[i];
      bool hit = false;
      if (level == 0) hit = o.norm == found.norm;
      else if (o.norm.empty()) hit = false;
      else if (level == 1) hit = o.norm.back() == found.norm.back();
      else if (level == 2) hit = o.bare.back() == found.bare.back();
      else hit = loosely_equal(found.bare.back(), o.bare.back());
      if (hit) hits.push_back(i);
    }
    if (hits.empty()) continue;
    Match m;
    for (int h : hits)
      if (!used[h]) m.options.push_back(h);
    if (m.options.empty()) return Match{MatchStatus::kDuplicate, hits[0], level == 3, {}};
    if (m.options.size() == 1) return Match{MatchStatus::kMatched, m.options[0], level == 3, {}};
    if (level < 3)
      for (int h : m.options)
        if (h > after) return Match{MatchStatus::kMatched, h, false, {}};
    m.status = MatchStatus::kAmbiguous;
    return m;
  }
  return {};
}

// Labels as a message shows them: on one line, each cut at 60 characters.
std::string joined(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) {
    std::string line;
    for (char ch : p) line += ch == '\n' || ch == '\t' ? ' ' : ch;
    s += (s.empty() ? "" : " | ") + first_chars(line, 60);
  }
  return s;
}

}  // namespace

std::string table_position(int table, int row, int col) {
  std::string s = "第 " + std::to_string(table) + " 个表格";
  if (row > 0) s += "第 " + std::to_string(row) + " 行";
  if (col > 0) s += "第 " + std::to_string(col) + " 列";
  return s;
}

TableLabels table_labels(const DocxTable& table) {
  TableLabels out;
  Grid g = grid_from_doc({&table});
  std::unordered_set<std::string> seen;
  for (const auto& c : g.cells)
    if (c.kind == Kind::kLabel) {
      std::string b = bare(c.text);
      if (seen.insert(b).second) out.labels.push_back(std::move(b));
    }
  for (const auto& row : extract(g)) {
    std::vector<std::string> key;
    for (const auto& p : row.parts) key.push_back(bare(p));
    out.row_keys.push_back(std::move(key));
  }
  return out;
}

struct TableMatcher::Expected {
  int cell = -1;
  Keys col;
};

struct TableMatcher::Official {
  struct Row {
    Keys key;
    std::vector<int> cells;  // indices into `cells`
  };
  std::vector<Expected> cells;
  std::vector<Row> rows;
  std::unordered_set<std::string> group_keys;  // bare labels of rows without figures (统计表 "一、主动公开情况")
  std::unordered_set<std::string> labels;      // every bare label of the layout
  std::vector<std::string> long_labels;        // those of 4 characters or more, for loose matches
  std::string title;
};

TableMatcher::~TableMatcher() = default;
TableMatcher::TableMatcher(TableMatcher&&) noexcept = default;

TableMatcher::TableMatcher(const Format& format) : format_(format) {
  for (const auto& td : format.tables) {
    Official off;
    off.title = bare(td.title);
    Grid g = grid_from_layout(td.layout);
    for (const auto& c : g.cells)
      if (c.kind == Kind::kLabel && off.labels.insert(bare(c.text)).second && decode_utf8(bare(c.text)).size() >= 4)
        off.long_labels.push_back(bare(c.text));
    for (const auto& gr : td.row_groups) off.group_keys.insert(bare(gr.label));
    for (const auto& row : extract(g)) {
      Official::Row r;
      r.key = keys_of(row.parts);
      for (const auto& fc : row.cells)
        if (g.cells[fc.origin].layout_cell >= 0) {
          r.cells.push_back(static_cast<int>(off.cells.size()));
          off.cells.push_back(Expected{g.cells[fc.origin].layout_cell, keys_of(fc.col_parts)});
        }
      if (r.cells.empty()) {
        if (!r.key.bare.empty()) off.group_keys.insert(r.key.bare.back());
      } else {
        off.rows.push_back(std::move(r));
      }
    }
    tables_.push_back(std::move(off));
  }
}

int TableMatcher::label_score(const TableLabels& found, int t) const {
  const Official& off = tables_[t];
  int score = 0, looked = 0;
  for (const auto& l : found.labels) {
    if (++looked > 300) break;
    if (off.labels.count(l)) {
      ++score;
      continue;
    }
    if (decode_utf8(l).size() < 4) continue;
    for (const auto& o : off.long_labels)
      if (loosely_equal(l, o)) {
        ++score;
        break;
      }
  }
  return score;
}

int TableMatcher::identify(const TableLabels& labels, const std::string& heading, int min_labels) const {
  std::vector<int> scores;
  for (int t = 0; t < static_cast<int>(tables_.size()); ++t) scores.push_back(label_score(labels, t));
  const int top = scores.empty() ? 0 : *std::max_element(scores.begin(), scores.end());
  if (top < min_labels) return -1;
  std::vector<int> best;
  for (int t = 0; t < static_cast<int>(scores.size()); ++t)
    if (scores[t] == top) best.push_back(t);
  if (best.size() == 1) return best[0];
  // Equal scores: the heading printed above the table decides, or nothing does.
  const std::u32string h = decode_utf8(bare(heading));
  std::vector<int> named;
  for (int t : best) {
    std::u32string title = decode_utf8(tables_[t].title);
    if (!h.empty() && common_subsequence(h, title) * 10 >= static_cast<int>(title.size()) * 8) named.push_back(t);
  }
  return named.size() == 1 ? named[0] : -1;
}

namespace {

// One statutory table being read: the findings it makes and the figures it yields.
class FigureReader {
 public:
  FigureReader(const Format& f, int t, const TableMatcher::Official& off, const Grid& g, const std::string& file,
               TableFigures& out, Diagnostics& diags, std::size_t start)
      : f_(f), t_(t), def_(f.tables[t]), off_(off), g_(g), file_(file), out_(out), diags_(diags), start_(start),
        row_used_(off.rows.size(), false), cell_used_(off.cells.size(), false) {}

  bool spent() const { return diags_.items().size() - start_ >= kMaxFindingsPerFile; }

  void row(const DataRow& dr) {
    bool all_blank = true;
    for (const auto& fc : dr.cells) {
      ParsedCell p = parse_cell(g_.cells[fc.origin].text, ValueType::kCount);
      all_blank = all_blank && (p.status == CellValue::kBlank || p.status == CellValue::kPlaceholder);
    }
    if (dr.parts.empty() && all_blank) return;
    Keys key = keys_of(dr.parts);
    std::vector<const Keys*> official;
    for (const auto& r : off_.rows) official.push_back(&r.key);
    Match m = match_keys(key, official, row_used_, last_row_);
    SourceLocation at = where(g_.doc_rows[dr.grid_row].first, g_.doc_rows[dr.grid_row].second, 0);
    const std::string found = dr.parts.empty() ? "（没有行标签）" : joined(dr.parts);
    if (m.status == MatchStatus::kNone) {
      if (all_blank && (key.bare.empty() || off_.group_keys.count(key.bare.back()))) return;
      auto& d = diags_.error("E812", at, "这一行的标签在「" + def_.title + "」中没有对应的行，无法读取这一行的数字；请使用统计表的正式行名称，不要增删行。");
      d.place = def_.title + " / " + table_position(at.table, at.row, 0);
      d.found = found;
      return;
    }
    if (m.status != MatchStatus::kMatched) {
      bool dup = m.status == MatchStatus::kDuplicate;
      auto& d = diags_.error(dup ? "E814" : "E813", at,
                             dup ? "这一行与表中另一行对应格式中的同一行，无法确定以哪一行为准。"
                                 : "这一行的标签可以对应格式中的不止一行，无法确定是哪一行；请使用完整的正式行名称。");
      d.place = def_.title + " / " + table_position(at.table, at.row, 0);
      d.found = found;
      d.expected = dup ? f_.row_full_label(t_, row_of(off_.rows[m.index])) : options_text(m.options);
      return;
    }
    const auto& official_row = off_.rows[m.index];
    row_used_[m.index] = true;
    last_row_ = m.index;
    if (m.loose) note_loose(first_chars(dr.parts.back(), 30) + " → " + f_.tables[t_].rows[row_of(official_row)].label);
    int last_cell = -1;
    for (const auto& fc : dr.cells) {
      if (spent()) return;
      cell(dr, fc, official_row, last_cell);
    }
  }

  void finish() {
    for (const auto& [pos, header] : bad_columns_) {
      SourceLocation at = where(pos.first, 0, pos.second);
      auto& d = diags_.error("E815", at, "这一列的列标题在「" + def_.title + "」中没有对应的列，无法读取这一列的数字；请使用统计表的正式列名称，不要增删列。");
      d.place = def_.title + " / " + table_position(pos.first, 0, pos.second);
      d.found = header.empty() ? "（没有列标题）" : header;
    }
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < off_.cells.size(); ++i)
      if (!cell_used_[i] && !f_.cells[off_.cells[i].cell].computed()) missing.push_back(f_.describe_cell(off_.cells[i].cell));
    if (!missing.empty()) {
      auto& d = diags_.error("E825", where(first_table_, 0, 0), "统计表「" + def_.title + "」中缺少格式规定的 " +
                                                                 std::to_string(missing.size()) + " 个格子，表格可能被删改；请使用完整的统计表。");
      d.place = def_.title;
      d.expected = list_text(missing, 5, "；");
    }
    if (!placeholders_.empty()) {
      auto& d = diags_.warning("W823", where(first_table_, 0, 0), "统计表「" + def_.title + "」中有 " + std::to_string(placeholders_.size()) +
                                                                  " 个格子填的是“/”“—”或“无”，已按 0 计算；没有数据的格子请填 0。");
      d.place = list_text(placeholders_, 6, "；");
    }
    if (!loose_.empty()) {
      auto& d = diags_.warning("W824", where(first_table_, 0, 0), "统计表「" + def_.title + "」中有标签与正式名称不完全一致，已按最接近的正式名称读取；请核对是否改动了统计表。");
      d.place = def_.title;
      d.found = list_text(loose_, 6, "；");
    }
  }

  void set_first_table(int t) { first_table_ = t; }

 private:
  SourceLocation where(int table, int row, int col) const {
    SourceLocation at{file_, 0, 0};
    at.table = table, at.row = row, at.col = col;
    return at;
  }

  // A loose column header is met once per row: noted once.
  void note_loose(std::string what) {
    if (std::find(loose_.begin(), loose_.end(), what) == loose_.end()) loose_.push_back(std::move(what));
  }

  int row_of(const TableMatcher::Official::Row& r) const { return f_.cells[off_.cells[r.cells[0]].cell].row; }

  std::string options_text(const std::vector<int>& rows) const {
    std::vector<std::string> labels;
    for (int i : rows) labels.push_back(f_.row_full_label(t_, row_of(off_.rows[i])));
    return list_text(labels, 4, "；或 ");
  }

  static std::string list_text(const std::vector<std::string>& items, std::size_t shown, const char* sep) {
    std::string s;
    for (std::size_t i = 0; i < items.size() && i < shown; ++i) s += (i ? sep : "") + items[i];
    if (items.size() > shown) s += std::string(sep) + "等共 " + std::to_string(items.size()) + " 处";
    return s;
  }

  void cell(const DataRow& dr, const FoundCell& fc, const TableMatcher::Official::Row& official_row, int& last) {
    const GridCell& gc = g_.cells[fc.origin];
    std::vector<const Keys*> official;
    std::vector<bool> used;
    for (int i : official_row.cells) {
      official.push_back(&off_.cells[i].col);
      used.push_back(cell_used_[i]);
    }
    Keys key = keys_of(fc.col_parts);
    Match m = match_keys(key, official, used, last);
    // A one-figure row under no header (the 统计表 without its header line) has one place to go.
    if (m.status == MatchStatus::kNone && fc.col_parts.empty() && dr.cells.size() == 1 && official.size() == 1 && !used[0])
      m = Match{MatchStatus::kMatched, 0, false, {}};
    SourceLocation at = where(gc.doc_table, gc.doc_row, gc.doc_col);
    if (m.status == MatchStatus::kNone) {
      ParsedCell p = parse_cell(gc.text, ValueType::kCount);
      if (p.status != CellValue::kBlank || !fc.col_parts.empty())
        bad_columns_.emplace(std::make_pair(gc.doc_table, gc.doc_col), fc.col_parts.empty() ? "" : joined(fc.col_parts));
      return;
    }
    if (m.status != MatchStatus::kMatched) {
      bool dup = m.status == MatchStatus::kDuplicate;
      auto& d = diags_.error("E816", at, dup ? "这个格子与同一行的另一个格子对应格式中的同一格，无法确定以哪一个为准。"
                                             : "这个格子的列标题可以对应格式中的不止一列，无法确定是哪一列。");
      d.place = def_.title + " / " + table_position(at.table, at.row, at.col);
      d.found = fc.col_parts.empty() ? "（没有列标题）" : joined(fc.col_parts);
      return;
    }
    last = m.index;
    int exp = official_row.cells[m.index];
    cell_used_[exp] = true;
    if (m.loose) note_loose(first_chars(fc.col_parts.back(), 30) + " → " + f_.tables[t_].columns[f_.cells[off_.cells[exp].cell].col].label);
    value(gc, off_.cells[exp].cell, at);
  }

  void value(const GridCell& gc, int cell, const SourceLocation& at) {
    const CellDef& def = f_.cells[cell];
    ParsedCell p = parse_cell(gc.text, def.type);
    const std::string place = f_.describe_cell(cell) + "（" + table_position(at.table, at.row, at.col) + "）";
    if (p.status == CellValue::kBlank) return;
    if (p.status == CellValue::kPlaceholder) {
      placeholders_.push_back(table_position(at.table, at.row, at.col) + "“" + p.cleaned + "”");
      return;
    }
    if (p.status == CellValue::kNumber) {
      out_.given.push_back(GivenValue{cell, p.raw, static_cast<std::uint32_t>(out_.where.size())});
      out_.where.push_back(at);
      if (!def.computed()) out_.values[cell] = p.raw;
      return;
    }
    const bool money = def.type == ValueType::kMoney;
    std::string message, expected = money ? "不小于 0 的金额，最多 4 位小数（单位：" + def.unit + "）" : "不小于 0 的整数";
    const char* code = "E818";
    switch (p.status) {
      case CellValue::kUnit:
        code = "E817";
        message = money ? "金额中带了单位；这一格的单位是" + def.unit + "，请只填以" + def.unit + "为单位的数字。"
                        : "数字后带了单位；请只填数字。";
        if (money && p.unit == "元" && def.unit == "万元" && p.raw >= 0)
          expected = format_value(p.raw / kMoneyScale, ValueType::kMoney) + "（即 " + p.cleaned + " 折合万元，不带单位）";
        else if (!money && p.raw >= 0 && p.raw % kMoneyScale == 0)
          expected = format_value(p.raw / kMoneyScale, ValueType::kCount);
        break;
      case CellValue::kNegative: code = "E819"; message = "不能为负数。"; break;
      case CellValue::kFraction: code = "E820"; message = "件数等计数必须是整数。"; break;
      case CellValue::kTooManyDecimals: code = "E821"; message = "金额最多保留 4 位小数。"; break;
      case CellValue::kTooLarge: code = "E822"; message = "数值过大，超出了允许的范围。"; expected = "不超过 1000000000000"; break;
      default: message = "不是数字；请填阿拉伯数字，没有数据填 0。"; break;
    }
    auto& d = diags_.error(code, at, message);
    d.place = place;
    d.found = "“" + first_chars(gc.text, 40) + "”";
    d.expected = expected;
  }

  const Format& f_;
  const int t_;
  const TableDef& def_;
  const TableMatcher::Official& off_;
  const Grid& g_;
  const std::string& file_;
  TableFigures& out_;
  Diagnostics& diags_;
  const std::size_t start_;
  std::vector<bool> row_used_, cell_used_;
  int last_row_ = -1;
  int first_table_ = 0;
  std::map<std::pair<int, int>, std::string> bad_columns_;  // (table, column) → header found
  std::vector<std::string> placeholders_, loose_;
};

}  // namespace

bool TableMatcher::read(int t, const std::vector<const DocxTable*>& parts, const std::string& file, TableFigures& out,
                        Diagnostics& diags, std::size_t findings_start) const {
  if (out.values.size() != static_cast<std::size_t>(format_.cell_count())) out.values.assign(format_.cell_count(), 0);
  Grid g = grid_from_doc(parts);
  FigureReader reader(format_, t, tables_[t], g, file, out, diags, findings_start);
  reader.set_first_table(parts.empty() ? 0 : parts.front()->index);
  for (const auto& row : extract(g)) {
    if (reader.spent()) return false;
    reader.row(row);
  }
  if (reader.spent()) return false;
  reader.finish();
  return true;
}

}  // namespace nianbao
