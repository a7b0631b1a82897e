#include "format/format.h"

#include <algorithm>
#include <functional>
#include <set>
#include <sstream>

#include <pugixml.hpp>

namespace nianbao {

namespace {

std::vector<std::string> split_ws(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

class Loader {
 public:
  explicit Loader(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const pugi::xml_node& node, const std::string& what) const {
    std::string where = path_;
    if (node) where += "（第" + std::to_string(line_of(node)) + "行）";
    throw FormatError("格式定义 " + where + " 有误：" + what);
  }

  int line_of(const pugi::xml_node& node) const {
    auto off = node.offset_debug();
    if (off < 0) return 0;
    return 1 + static_cast<int>(std::count(text_.begin(), text_.begin() + std::min<std::ptrdiff_t>(off, text_.size()), '\n'));
  }

  std::string required(const pugi::xml_node& node, const char* attr) const {
    auto a = node.attribute(attr);
    if (!a || !*a.value()) fail(node, std::string("<") + node.name() + "> 缺少属性 " + attr);
    return a.value();
  }

  std::optional<ValueType> type_of(const pugi::xml_node& node) const {
    std::string t = node.attribute("type").value();
    if (t.empty()) return std::nullopt;
    if (t == "count") return ValueType::kCount;
    if (t == "money") return ValueType::kMoney;
    fail(node, "未知的数值类型 type=\"" + t + "\"（应为 count 或 money）");
  }

  Format load() {
    pugi::xml_document doc;
    auto res = doc.load_file(path_.c_str());
    if (res.status == pugi::status_file_not_found || res.status == pugi::status_io_error)
      throw FormatError("找不到格式定义文件 " + path_);
    {
      // Keep the text for line numbers.
      FILE* f = std::fopen(path_.c_str(), "rb");
      if (f) {
        char buf[65536];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text_.append(buf, n);
        std::fclose(f);
      }
    }
    if (!res) throw FormatError("格式定义 " + path_ + " 不是格式正确的 XML：" + res.description());
    auto root = doc.child("format");
    if (!root) fail(doc.first_child(), "根元素应为 <format>");

    Format f;
    f.id = required(root, "id");
    f.name = root.attribute("name").value();
    f.basis = root.attribute("basis").value();

    for (auto s : root.child("sections").children("section")) {
      SectionDef sd{required(s, "id"), required(s, "heading")};
      if (f.find_section(sd.id)) fail(s, "章节 id 重复：" + sd.id);
      f.sections.push_back(sd);
    }
    for (auto t : root.children("table")) load_table(f, t);
    if (f.tables.empty()) fail(root, "没有任何表");
    for (auto r : root.child("rules").children("rule")) load_rule(f, r);
    order_computed(f, root);
    load_key_figures(f, root.child("key-figures"));
    load_charts(f, root.child("charts"));
    return f;
  }

 private:
  void load_columns(TableDef& t, const pugi::xml_node& node, std::vector<std::string>& path,
                    std::vector<std::pair<int, std::string>>& sums) {
    for (auto c : node.children()) {
      std::string name = c.name();
      if (name == "group") {
        GroupDef g{required(c, "id"), required(c, "label")};
        t.column_groups.push_back(g);
        path.push_back(g.label);
        load_columns(t, c, path, sums);
        path.pop_back();
      } else if (name == "column") {
        ColumnDef col;
        col.id = required(c, "id");
        col.label = required(c, "label");
        col.group_path = path;
        col.unit = c.attribute("unit").value();
        col.type = type_of(c);
        if (t.find_column(col.id) >= 0) fail(c, "表 " + t.id + " 的列 id 重复：" + col.id);
        if (auto s = c.attribute("sum")) sums.emplace_back(static_cast<int>(t.columns.size()), s.value());
        t.columns.push_back(col);
      } else if (c.type() == pugi::node_element) {
        fail(c, "<columns> 中不认识的元素 <" + name + ">");
      }
    }
  }

  void load_rows(TableDef& t, const pugi::xml_node& node, std::vector<std::string>& path,
                 std::vector<std::pair<int, std::string>>& sums) {
    for (auto r : node.children()) {
      std::string name = r.name();
      if (name == "group") {
        GroupDef g{required(r, "id"), required(r, "label")};
        t.row_groups.push_back(g);
        path.push_back(g.label);
        load_rows(t, r, path, sums);
        path.pop_back();
      } else if (name == "row") {
        RowDef row;
        row.id = required(r, "id");
        row.label = required(r, "label");
        row.group_path = path;
        row.unit = r.attribute("unit").value();
        row.type = type_of(r);
        if (t.find_row(row.id) >= 0) fail(r, "表 " + t.id + " 的行 id 重复：" + row.id);
        if (auto cols = r.attribute("columns")) {
          for (const auto& id : split_ws(cols.value())) {
            int ci = t.find_column(id);
            if (ci < 0) fail(r, "行 " + row.id + " 引用了不存在的列 " + id);
            row.columns.push_back(ci);
          }
          std::sort(row.columns.begin(), row.columns.end());
        } else {
          for (int i = 0; i < static_cast<int>(t.columns.size()); ++i) row.columns.push_back(i);
        }
        if (auto s = r.attribute("sum")) sums.emplace_back(static_cast<int>(t.rows.size()), s.value());
        t.rows.push_back(row);
      } else if (r.type() == pugi::node_element) {
        fail(r, "<rows> 中不认识的元素 <" + name + ">");
      }
    }
  }

  void load_table(Format& f, const pugi::xml_node& node) {
    TableDef t;
    t.id = required(node, "id");
    t.title = required(node, "title");
    t.sheet = node.attribute("sheet") ? node.attribute("sheet").value() : t.title;
    if (f.find_table(t.id) >= 0) fail(node, "表 id 重复：" + t.id);
    std::vector<std::string> path;
    std::vector<std::pair<int, std::string>> col_sums, row_sums;
    load_columns(t, node.child("columns"), path, col_sums);
    load_rows(t, node.child("rows"), path, row_sums);
    if (t.columns.empty() || t.rows.empty()) fail(node, "表 " + t.id + " 没有列或没有行");
    for (auto& [ci, list] : col_sums)
      for (const auto& id : split_ws(list)) {
        int k = t.find_column(id);
        if (k < 0 || k == ci) fail(node, "列 " + t.columns[ci].id + " 的 sum 引用了无效的列 " + id);
        t.columns[ci].sum_of.push_back(k);
      }
    for (auto& [ri, list] : row_sums)
      for (const auto& id : split_ws(list)) {
        int k = t.find_row(id);
        if (k < 0 || k == ri) fail(node, "行 " + t.rows[ri].id + " 的 sum 引用了无效的行 " + id);
        t.rows[ri].sum_of.push_back(k);
      }

    // Enumerate the cells of this table.
    int table_index = static_cast<int>(f.tables.size());
    t.cell_index.assign(t.rows.size(), std::vector<int>(t.columns.size(), -1));
    for (int r = 0; r < static_cast<int>(t.rows.size()); ++r)
      for (int c : t.rows[r].columns) {
        CellDef cd;
        cd.table = table_index;
        cd.row = r;
        cd.col = c;
        const auto& row = t.rows[r];
        const auto& col = t.columns[c];
        cd.type = row.type ? *row.type : col.type ? *col.type : ValueType::kCount;
        cd.unit = !row.unit.empty() ? row.unit : col.unit;
        t.cell_index[r][c] = static_cast<int>(f.cells.size());
        f.cells.push_back(cd);
      }
    // Sums: a computed column applies to every row; a computed row to every column.
    // Where both apply (the corner), the column sum is used; both give the same total.
    for (int r = 0; r < static_cast<int>(t.rows.size()); ++r)
      for (int c : t.rows[r].columns) {
        auto& cd = f.cells[t.cell_index[r][c]];
        if (!t.columns[c].sum_of.empty()) {
          for (int k : t.columns[c].sum_of) {
            int idx = t.cell_index[r][k];
            if (idx < 0) fail(node, "行 " + t.rows[r].id + " 没有列 " + t.columns[k].id + "，无法计算 " + t.columns[c].id);
            cd.sum_of.push_back(idx);
          }
        } else if (!t.rows[r].sum_of.empty()) {
          for (int k : t.rows[r].sum_of) {
            int idx = t.cell_index[k][c];
            if (idx < 0) fail(node, "行 " + t.rows[k].id + " 没有列 " + t.columns[c].id + "，无法计算 " + t.rows[r].id);
            cd.sum_of.push_back(idx);
          }
        }
        for (int k : cd.sum_of)
          if (f.cells[k].type != cd.type) fail(node, "计算单元格 " + t.rows[r].id + "." + t.columns[c].id + " 混合了计数与金额");
      }

    f.tables.push_back(std::move(t));
    load_layout(f, table_index, node.child("layout"));
  }

  std::string label_for(const TableDef& t, const pugi::xml_node& th) {
    if (auto a = th.attribute("row")) {
      int r = t.find_row(a.value());
      if (r < 0) fail(th, "布局引用了不存在的行 " + std::string(a.value()));
      // show="unit": the row's unit (统计表的“单位”列).
      if (std::string(th.attribute("show").value()) == "unit") return t.rows[r].unit;
      return t.rows[r].label;
    }
    if (auto a = th.attribute("column")) {
      int c = t.find_column(a.value());
      if (c < 0) fail(th, "布局引用了不存在的列 " + std::string(a.value()));
      return t.columns[c].label;
    }
    if (auto a = th.attribute("group")) {
      for (const auto& g : t.row_groups)
        if (g.id == a.value()) return g.label;
      for (const auto& g : t.column_groups)
        if (g.id == a.value()) return g.label;
      fail(th, "布局引用了不存在的分组 " + std::string(a.value()));
    }
    return th.text().get();  // may be empty: a blank cell of the printed table
  }

  int value_cell(const Format& f, int table, const pugi::xml_node& td, const std::string& row_id,
                 const std::string& col_id) {
    const auto& t = f.tables[table];
    int r = t.find_row(row_id), c = t.find_column(col_id);
    if (r < 0 || c < 0) fail(td, "布局引用了不存在的单元格 " + row_id + "." + col_id);
    int idx = f.cell(table, r, c);
    if (idx < 0) fail(td, "行 " + row_id + " 没有列 " + col_id);
    return idx;
  }

  void load_layout(Format& f, int table, const pugi::xml_node& node) {
    auto& t = f.tables[table];
    if (!node) fail(node, "表 " + t.id + " 没有 <layout>");
    for (const auto& w : split_ws(node.attribute("widths").value())) t.layout.widths.push_back(std::stod(w));
    if (t.layout.widths.empty()) fail(node, "表 " + t.id + " 的布局缺少 widths");
    if (auto fs = node.attribute("font-size")) t.layout.font_size = fs.as_double(10.5);
    const int ncols = static_cast<int>(t.layout.widths.size());

    std::vector<std::vector<bool>> used;  // occupancy grid
    auto occupy = [&](LayoutCell& cell, const pugi::xml_node& where, int grid_row, int& grid_col) {
      while (grid_col < ncols && used[grid_row][grid_col]) ++grid_col;
      if (grid_col + cell.colspan > ncols) fail(where, "表 " + t.id + " 布局第" + std::to_string(grid_row + 1) + "行超出 " + std::to_string(ncols) + " 列");
      if (static_cast<int>(used.size()) < grid_row + cell.rowspan)
        used.resize(grid_row + cell.rowspan, std::vector<bool>(ncols, false));
      for (int r = grid_row; r < grid_row + cell.rowspan; ++r)
        for (int c = grid_col; c < grid_col + cell.colspan; ++c) {
          if (used[r][c]) fail(where, "表 " + t.id + " 布局的单元格重叠");
          used[r][c] = true;
        }
      cell.row = grid_row;
      cell.col = grid_col;
      grid_col += cell.colspan;
      t.layout.cells.push_back(cell);
    };

    int grid_row = 0;
    std::set<int> placed;
    for (auto tr : node.children("tr")) {
      if (static_cast<int>(used.size()) <= grid_row) used.resize(grid_row + 1, std::vector<bool>(ncols, false));
      int grid_col = 0;
      for (auto el : tr.children()) {
        if (el.type() != pugi::node_element) continue;
        std::string name = el.name();
        LayoutCell cell;
        cell.rowspan = el.attribute("rowspan").as_int(1);
        cell.colspan = el.attribute("colspan").as_int(1);
        cell.cls = el.attribute("class").value();
        if (cell.rowspan < 1 || cell.colspan < 1) fail(el, "rowspan/colspan 必须为正整数");
        if (name == "th") {
          cell.text = label_for(t, el);
          occupy(cell, el, grid_row, grid_col);
        } else if (name == "td") {
          cell.is_value = true;
          cell.cell = value_cell(f, table, el, required(el, "row"), required(el, "column"));
          if (!placed.insert(cell.cell).second) fail(el, "同一单元格在布局中出现两次");
          occupy(cell, el, grid_row, grid_col);
        } else if (name == "values") {
          std::string row_id = required(el, "row");
          int r = t.find_row(row_id);
          if (r < 0) fail(el, "布局引用了不存在的行 " + row_id);
          for (int c : t.rows[r].columns) {
            LayoutCell v;
            v.is_value = true;
            v.cell = f.cell(table, r, c);
            if (!placed.insert(v.cell).second) fail(el, "同一单元格在布局中出现两次");
            occupy(v, el, grid_row, grid_col);
          }
        } else {
          fail(el, "<tr> 中不认识的元素 <" + name + ">");
        }
      }
      ++grid_row;
    }
    t.layout.grid_rows = static_cast<int>(used.size());
    for (int r = 0; r < t.layout.grid_rows; ++r)
      for (int c = 0; c < ncols; ++c)
        if (!used[r][c]) fail(node, "表 " + t.id + " 布局第" + std::to_string(r + 1) + "行第" + std::to_string(c + 1) + "列没有单元格");
    for (int r = 0; r < static_cast<int>(t.rows.size()); ++r)
      for (int c : t.rows[r].columns)
        if (!placed.count(t.cell_index[r][c]))
          fail(node, "表 " + t.id + " 的单元格 " + t.rows[r].id + "." + t.columns[c].id + " 没有出现在布局中");
    int first_value_row = t.layout.grid_rows;
    for (const auto& c : t.layout.cells)
      if (c.is_value) first_value_row = std::min(first_value_row, c.row);
    t.layout.header_rows = first_value_row;
    // By default every leading row without a figure is header (repeated on each printed page).
    // A table whose body opens with a label-only line (统计表: "一、主动公开情况 | —— |") says
    // how many rows its header really has.
    if (auto hr = node.attribute("header-rows")) {
      std::string v = hr.value();
      bool digits = !v.empty() && v.size() < 4 && std::all_of(v.begin(), v.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      int n = digits ? std::stoi(v) : -1;
      if (n < 0 || n > first_value_row)
        fail(node, "表 " + t.id + " 布局的 header-rows=\"" + v + "\" 无效：应为 0 到 " + std::to_string(first_value_row) +
                       " 之间的整数（表头行不能含有数值）");
      t.layout.header_rows = n;
    }
  }

  // A reference: [previous:][table:]row[.column]
  RuleTerm parse_ref(const Format& f, const RuleDef& rule, std::string ref, const pugi::xml_node& node) {
    RuleTerm term;
    term.table = rule.table;
    if (ref.rfind("previous:", 0) == 0) {
      term.previous = true;
      ref = ref.substr(9);
    }
    if (auto colon = ref.find(':'); colon != std::string::npos) {
      term.table = f.find_table(ref.substr(0, colon));
      if (term.table < 0) fail(node, "规则 " + rule.id + " 引用了不存在的表 " + ref.substr(0, colon));
      ref = ref.substr(colon + 1);
    }
    const auto& t = f.tables[term.table];
    std::string row_id = ref, col_id;
    if (auto dot = ref.find('.'); dot != std::string::npos) {
      row_id = ref.substr(0, dot);
      col_id = ref.substr(dot + 1);
    }
    term.row = t.find_row(row_id);
    if (term.row < 0) fail(node, "规则 " + rule.id + " 引用了不存在的行 " + row_id);
    if (!col_id.empty()) {
      term.col = t.find_column(col_id);
      if (term.col < 0 || t.cell_index[term.row][term.col] < 0)
        fail(node, "规则 " + rule.id + " 引用了不存在的单元格 " + ref);
    } else if (!rule.per_column || term.table != rule.table) {
      if (t.rows[term.row].columns.size() != 1)
        fail(node, "规则 " + rule.id + " 的 " + ref + " 需要写明列");
      term.col = t.rows[term.row].columns[0];
    }
    return term;
  }

  std::vector<RuleTerm> parse_side(const Format& f, const RuleDef& rule, const std::string& text,
                                   const pugi::xml_node& node) {
    std::vector<RuleTerm> terms;
    int sign = 1;
    bool expect_term = true;
    std::size_t i = 0;
    while (i < text.size()) {
      char ch = text[i];
      if (ch == ' ') { ++i; continue; }
      if (ch == '+' || ch == '-') {
        if (expect_term) fail(node, "规则 " + rule.id + " 的表达式有误：" + rule.test);
        sign = ch == '-' ? -1 : 1;
        expect_term = true;
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < text.size() && text[j] != ' ' && text[j] != '+' && text[j] != '-') ++j;
      std::string tok = text.substr(i, j - i);
      if (!expect_term) fail(node, "规则 " + rule.id + " 的表达式有误：" + rule.test);
      RuleTerm term;
      if (std::all_of(tok.begin(), tok.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        term.is_literal = true;
        term.literal = std::stoll(tok);
      } else {
        term = parse_ref(f, rule, tok, node);
      }
      term.sign = sign;
      terms.push_back(term);
      expect_term = false;
      i = j;
    }
    if (terms.empty() || expect_term) fail(node, "规则 " + rule.id + " 的表达式有误：" + rule.test);
    return terms;
  }

  void load_rule(Format& f, const pugi::xml_node& node) {
    RuleDef rule;
    rule.id = required(node, "id");
    rule.code = required(node, "code");
    std::string sev = required(node, "severity");
    if (sev != "error" && sev != "warning") fail(node, "severity 应为 error 或 warning");
    rule.is_error = sev == "error";
    rule.table = f.find_table(required(node, "table"));
    if (rule.table < 0) fail(node, "规则 " + rule.id + " 引用了不存在的表");
    rule.per_column = std::string(node.attribute("per").value()) == "column";
    rule.test = required(node, "test");
    rule.text = node.attribute("text").value();
    std::string op;
    std::size_t pos;
    if ((pos = rule.test.find("<=")) != std::string::npos) { rule.op = RuleOp::kLessEqual; op = "<="; }
    else if ((pos = rule.test.find(">=")) != std::string::npos) { rule.op = RuleOp::kGreaterEqual; op = ">="; }
    else if ((pos = rule.test.find('=')) != std::string::npos) { rule.op = RuleOp::kEqual; op = "="; }
    else fail(node, "规则 " + rule.id + " 没有比较符（=、<=、>=）");
    rule.lhs = parse_side(f, rule, rule.test.substr(0, pos), node);
    rule.rhs = parse_side(f, rule, rule.test.substr(pos + op.size()), node);
    for (const auto* side : {&rule.lhs, &rule.rhs})
      for (const auto& t : *side) rule.needs_previous = rule.needs_previous || t.previous;
    f.rules.push_back(rule);
  }

  void order_computed(Format& f, const pugi::xml_node& root) {
    std::vector<int> state(f.cells.size(), 0);  // 0 new, 1 visiting, 2 done
    std::function<void(int)> visit = [&](int c) {
      if (state[c] == 2) return;
      if (state[c] == 1) fail(root, "计算单元格之间存在循环：" + f.cell_path(c));
      state[c] = 1;
      for (int k : f.cells[c].sum_of) visit(k);
      state[c] = 2;
      if (f.cells[c].computed()) f.computed_order.push_back(c);
    };
    for (int c = 0; c < f.cell_count(); ++c) visit(c);
  }

  /// <figure> and <point>: label plus cell="table.row.column" or sum="path path …".
  FigureDef load_figure(const Format& f, const pugi::xml_node& node, const std::string& what) {
    FigureDef fig;
    fig.label = required(node, "label");
    const std::string name = what + "“" + fig.label + "”";
    auto cell = node.attribute("cell"), sum = node.attribute("sum");
    if (static_cast<bool>(cell) == static_cast<bool>(sum)) fail(node, name + "应有 cell 或 sum 两个属性之一");
    fig.is_sum = static_cast<bool>(sum);
    std::vector<std::string> paths = cell ? std::vector<std::string>{cell.value()} : split_ws(sum.value());
    if (paths.empty()) fail(node, name + "的 sum 为空");
    for (const auto& path : paths) {
      int idx = f.find_cell(path);
      if (idx < 0) fail(node, name + "引用了不存在的单元格 " + path + "（应写作 表.行.列）");
      if (std::find(fig.cells.begin(), fig.cells.end(), idx) != fig.cells.end())
        fail(node, name + "重复引用了单元格 " + path);
      fig.cells.push_back(idx);
    }
    fig.type = f.cells[fig.cells[0]].type;
    for (int c : fig.cells)
      if (f.cells[c].type != fig.type) fail(node, name + "混合了计数与金额");
    return fig;
  }

  void load_key_figures(Format& f, const pugi::xml_node& node) {
    for (auto c : node.children()) {
      if (c.type() != pugi::node_element) continue;
      if (std::string(c.name()) != "figure") fail(c, "<key-figures> 中不认识的元素 <" + std::string(c.name()) + ">");
      FigureDef fig = load_figure(f, c, "关键指标");
      for (const auto& other : f.key_figures)
        if (other.label == fig.label) fail(c, "关键指标名称重复：" + fig.label);
      f.key_figures.push_back(std::move(fig));
    }
  }

  bool flag(const pugi::xml_node& node, const char* attr, const std::string& what) const {
    auto a = node.attribute(attr);
    if (!a) return false;
    std::string v = a.value();
    if (v == "true") return true;
    if (v == "false") return false;
    fail(node, what + " 的 " + attr + "=\"" + v + "\" 无效（应为 true 或 false）");
  }

  void load_charts(Format& f, const pugi::xml_node& node) {
    for (auto c : node.children()) {
      if (c.type() != pugi::node_element) continue;
      if (std::string(c.name()) != "chart") fail(c, "<charts> 中不认识的元素 <" + std::string(c.name()) + ">");
      f.charts.push_back(load_chart(f, c));
    }
  }

  ChartDef load_chart(const Format& f, const pugi::xml_node& node) {
    ChartDef ch;
    ch.id = required(node, "id");
    const std::string name = "图表 " + ch.id;
    for (const auto& other : f.charts)
      if (other.id == ch.id) fail(node, "图表 id 重复：" + ch.id);
    const std::string type = required(node, "type");
    if (type == "pie") ch.type = ChartType::kPie;
    else if (type == "column") ch.type = ChartType::kColumn;
    else if (type == "bar") ch.type = ChartType::kBar;
    else fail(node, name + " 的类型 type=\"" + type + "\" 无效（应为 pie、column 或 bar）");
    ch.title = required(node, "title");
    ch.previous = flag(node, "previous", name);

    if (auto rank = node.attribute("rank")) {
      ch.rank_cell = f.find_cell(rank.value());
      if (ch.rank_cell < 0) fail(node, name + " 的 rank 引用了不存在的单元格 " + std::string(rank.value()) + "（应写作 表.行.列）");
      if (ch.type == ChartType::kPie) fail(node, "排名图表 " + ch.id + " 应为条形图或柱形图（bar 或 column）");
      if (ch.previous) fail(node, "排名图表 " + ch.id + " 不能与上年对比（previous）");
      if (auto top = node.attribute("top")) {
        std::string v = top.value();
        bool digits = !v.empty() && v.size() <= 3 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
        ch.top = digits ? std::stoi(v) : 0;
        if (ch.top < 1 || ch.top > 100) fail(node, name + " 的 top=\"" + v + "\" 无效（应为 1 到 100 之间的整数）");
      }
      for (auto p : node.children())
        if (p.type() == pugi::node_element) fail(p, "排名图表 " + ch.id + " 不能有 <" + std::string(p.name()) + ">");
      return ch;
    }
    if (node.attribute("top")) fail(node, name + " 的 top 只用于排名图表（rank）");
    for (auto p : node.children()) {
      if (p.type() != pugi::node_element) continue;
      if (std::string(p.name()) != "point") fail(p, "<chart> 中不认识的元素 <" + std::string(p.name()) + ">");
      ch.points.push_back(load_figure(f, p, name + " 的数据点"));
    }
    if (ch.points.empty()) fail(node, name + " 既没有数据点（<point>），也没有 rank");
    for (const auto& p : ch.points)
      if (p.type != ch.points[0].type) fail(node, name + " 混合了计数与金额");
    if (ch.type == ChartType::kPie && ch.previous) fail(node, "饼图 " + ch.id + " 不能与上年对比（previous）");
    return ch;
  }

  std::string path_;
  std::string text_;
};

std::string join_path(const std::vector<std::string>& path, const std::string& label) {
  std::string out;
  for (const auto& p : path) out += p;
  return out.empty() ? label : out + " " + label;
}

}  // namespace

int TableDef::find_row(const std::string& id) const {
  for (int i = 0; i < static_cast<int>(rows.size()); ++i)
    if (rows[i].id == id) return i;
  return -1;
}

int TableDef::find_column(const std::string& id) const {
  for (int i = 0; i < static_cast<int>(columns.size()); ++i)
    if (columns[i].id == id) return i;
  return -1;
}

int Format::find_table(const std::string& table_id) const {
  for (int i = 0; i < static_cast<int>(tables.size()); ++i)
    if (tables[i].id == table_id) return i;
  return -1;
}

const SectionDef* Format::find_section(const std::string& section_id) const {
  for (const auto& s : sections)
    if (s.id == section_id) return &s;
  return nullptr;
}

std::string Format::row_full_label(int table, int row) const {
  const auto& r = tables[table].rows[row];
  return join_path(r.group_path, r.label);
}

std::string Format::column_full_label(int table, int col) const {
  const auto& c = tables[table].columns[col];
  return join_path(c.group_path, c.label);
}

std::string Format::describe_cell(int cell_index) const {
  const auto& c = cells[cell_index];
  const auto& t = tables[c.table];
  std::string out = t.title + " / " + row_full_label(c.table, c.row);
  if (t.columns.size() > 1 || t.columns[0].id != "value") out += " / " + column_full_label(c.table, c.col);
  return out;
}

std::string Format::cell_path(int cell_index) const {
  const auto& c = cells[cell_index];
  const auto& t = tables[c.table];
  return t.id + "." + t.rows[c.row].id + "." + t.columns[c.col].id;
}

int Format::find_cell(const std::string& path) const {
  const std::size_t a = path.find('.'), b = a == std::string::npos ? a : path.find('.', a + 1);
  if (b == std::string::npos || path.find('.', b + 1) != std::string::npos) return -1;
  int t = find_table(path.substr(0, a));
  if (t < 0) return -1;
  return cell(t, tables[t].find_row(path.substr(a + 1, b - a - 1)), tables[t].find_column(path.substr(b + 1)));
}

std::int64_t FigureDef::value(const std::vector<std::int64_t>& values) const {
  std::int64_t sum = 0;
  for (int c : cells) sum += values[c];
  return sum;
}

bool Format::compute(std::vector<std::int64_t>& values) const {
  bool ok = true;
  for (int c : computed_order) {
    std::int64_t sum = 0;
    for (int k : cells[c].sum_of)
      if (!checked_add(sum, values[k], sum)) ok = false;
    values[c] = sum;
  }
  return ok;
}

Format load_format_file(const std::string& path) { return Loader(path).load(); }

Format load_format(const std::string& templates_dir, const std::string& id) {
  Format f = load_format_file(templates_dir + "/" + id + "/format.xml");
  if (f.id != id) throw FormatError("格式定义 " + templates_dir + "/" + id + "/format.xml 的 id 为 " + f.id + "，与目录名不符");
  f.dir = templates_dir + "/" + id;
  return f;
}

}  // namespace nianbao
