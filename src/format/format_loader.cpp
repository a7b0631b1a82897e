// format.xml as a whole: its sections, tables (rows, columns, groups, sums, cells), rules,
// key figures and charts. The <layout> of a table is read by layout_loader.cpp and the test of
// a rule parsed by rule_parser.cpp.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <functional>
#include <initializer_list>
#include <sstream>

#include <pugixml.hpp>

#include "format/format_xml.h"
#include "format/rule_parser.h"

namespace nianbao {

void FormatSource::fail(const pugi::xml_node& node, const std::string& what) const {
  std::string where = path_;
  if (node) where += "（第" + std::to_string(line_of(node)) + "行）";
  throw FormatError("格式定义 " + where + " 有误：" + what);
}

int FormatSource::line_of(const pugi::xml_node& node) const {
  auto off = node.offset_debug();
  if (off < 0) return 0;
  return 1 + static_cast<int>(std::count(text_.begin(), text_.begin() + std::min<std::ptrdiff_t>(off, text_.size()), '\n'));
}

std::string FormatSource::required(const pugi::xml_node& node, const char* attr) const {
  auto a = node.attribute(attr);
  if (!a || !*a.value()) fail(node, std::string("<") + node.name() + "> 缺少属性 " + attr);
  return a.value();
}

std::optional<ValueType> FormatSource::type_of(const pugi::xml_node& node) const {
  std::string t = node.attribute("type").value();
  if (t.empty()) return std::nullopt;
  if (t == "count") return ValueType::kCount;
  if (t == "money") return ValueType::kMoney;
  fail(node, "未知的数值类型 type=\"" + t + "\"（应为 count 或 money）");
}

std::optional<double> parse_decimal(std::string_view s) {
  double v = 0;
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, v, std::chars_format::fixed);
  if (s.empty() || ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<std::int64_t> parse_digits(std::string_view s) {
  if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  std::int64_t v = 0;
  if (std::from_chars(s.data(), s.data() + s.size(), v).ec != std::errc()) return std::nullopt;
  return v;
}

std::vector<std::string> split_ws(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

namespace {

class Loader {
 public:
  explicit Loader(const FormatSource& src) : src_(src) {}

  Format load(const pugi::xml_document& doc) {
    auto root = doc.child("format");
    if (!root) fail(doc.first_child(), "根元素应为 <format>");

    check_children(root, {"sections", "table", "rules", "key-figures", "charts"});
    for (const char* single : {"sections", "rules", "key-figures", "charts"})
      if (auto again = root.child(single).next_sibling(single)) fail(again, std::string("<") + single + "> 只能有一个");
    check_children(root.child("sections"), {"section"});
    check_children(root.child("rules"), {"rule"});
    check_children(root.child("key-figures"), {"figure"});
    check_children(root.child("charts"), {"chart"});
    for (auto c : root.child("charts").children("chart")) check_children(c, {"point"});
    for (auto t : root.children("table")) {
      check_children(t, {"columns", "rows", "layout"});
      check_groups(t.child("columns"), "column");
      check_groups(t.child("rows"), "row");
      check_children(t.child("layout"), {"tr"});
      for (auto tr : t.child("layout").children("tr")) check_children(tr, {"th", "td", "values"});
    }

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
  [[noreturn]] void fail(const pugi::xml_node& node, const std::string& what) const { src_.fail(node, what); }

  // Only the elements `allowed` and no text in `node`: anything else would be passed over.
  void check_children(const pugi::xml_node& node, std::initializer_list<const char*> allowed) const {
    for (auto c : node.children()) {
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
        if (std::string(c.value()).find_first_not_of(" \t\r\n") != std::string::npos)
          fail(node, std::string("<") + node.name() + "> 中不能有文字");
        continue;
      }
      if (c.type() != pugi::node_element) continue;
      bool known = false;
      for (const char* a : allowed) known = known || std::string(c.name()) == a;
      if (!known) fail(c, std::string("<") + node.name() + "> 中不认识的元素 <" + c.name() + ">");
    }
  }
  // <columns> and <rows>: their `item` elements, and <group>s of them nested to any depth.
  void check_groups(const pugi::xml_node& node, const char* item) const {
    check_children(node, {item, "group"});
    for (auto g : node.children("group")) check_groups(g, item);
  }
  std::string required(const pugi::xml_node& node, const char* attr) const { return src_.required(node, attr); }

  // What a <row> and a <column> have alike, in the order faults are reported.
  void load_heading(HeadingDef& h, const pugi::xml_node& node, const std::vector<std::string>& path) const {
    h.id = required(node, "id");
    h.label = required(node, "label");
    h.group_path = path;
    h.unit = node.attribute("unit").value();
    h.type = src_.type_of(node);
  }

  // The <column>s or <row>s (`item`) of a <columns> or <rows> `block`, inside nested <group>s
  // whose labels are on `path`; `load_item` reads each.
  void load_headings(const pugi::xml_node& node, const char* block, const char* item, std::vector<GroupDef>& groups,
                     std::vector<std::string>& path, const std::function<void(const pugi::xml_node&)>& load_item) {
    for (auto c : node.children()) {
      std::string name = c.name();
      if (name == "group") {
        GroupDef g{required(c, "id"), required(c, "label")};
        groups.push_back(g);
        path.push_back(g.label);
        load_headings(c, block, item, groups, path, load_item);
        path.pop_back();
      } else if (name == item) {
        load_item(c);
      } else if (c.type() == pugi::node_element) {
        fail(c, std::string("<") + block + "> 中不认识的元素 <" + name + ">");
      }
    }
  }

  // Reads <columns> and <rows>; the sums they declare are resolved once both are read.
  void load_columns_and_rows(TableDef& t, const pugi::xml_node& node, std::vector<std::pair<int, std::string>>& col_sums,
                             std::vector<std::pair<int, std::string>>& row_sums) {
    std::vector<std::string> path;
    load_headings(node.child("columns"), "columns", "column", t.column_groups, path, [&](const pugi::xml_node& c) {
      ColumnDef col;
      load_heading(col, c, path);
      if (t.find_column(col.id) >= 0) fail(c, "表 " + t.id + " 的列 id 重复：" + col.id);
      if (auto s = c.attribute("sum")) col_sums.emplace_back(static_cast<int>(t.columns.size()), s.value());
      t.columns.push_back(col);
    });
    load_headings(node.child("rows"), "rows", "row", t.row_groups, path, [&](const pugi::xml_node& r) {
      RowDef row;
      load_heading(row, r, path);
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
      if (auto s = r.attribute("sum")) row_sums.emplace_back(static_cast<int>(t.rows.size()), s.value());
      t.rows.push_back(row);
    });
  }

  void load_table(Format& f, const pugi::xml_node& node) {
    TableDef t;
    t.id = required(node, "id");
    t.title = required(node, "title");
    t.sheet = node.attribute("sheet") ? node.attribute("sheet").value() : t.title;
    if (f.find_table(t.id) >= 0) fail(node, "表 id 重复：" + t.id);
    std::vector<std::pair<int, std::string>> col_sums, row_sums;
    load_columns_and_rows(t, node, col_sums, row_sums);
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
    int table_index = static_cast<int>(f.tables.size());
    add_cells(f, t, table_index, node);
    f.tables.push_back(std::move(t));
    load_layout(src_, f, table_index, node.child("layout"));
  }

  // The cells of table t (index `table_index`), and the cells each computed one sums.
  void add_cells(Format& f, TableDef& t, int table_index, const pugi::xml_node& node) {
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
    if (std::string fault = parse_rule_test(f, rule); !fault.empty()) fail(node, fault);
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
        auto n = v.size() <= 3 ? parse_digits(v) : std::nullopt;
        ch.top = n ? static_cast<int>(*n) : 0;
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

  const FormatSource& src_;
};

// The file's bytes, for the line numbers of faults ("" when it cannot be read again).
std::string read_text(const std::string& path) {
  std::string text;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    char buf[65536];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
    std::fclose(f);
  }
  return text;
}

}  // namespace

Format load_format_file(const std::string& path) {
  pugi::xml_document doc;
  // As a fragment, so that text or a second element after the root is seen, not dropped.
  auto res = doc.load_file(path.c_str(), pugi::parse_default | pugi::parse_fragment);
  if (res.status == pugi::status_file_not_found || res.status == pugi::status_io_error)
    throw FormatError("找不到格式定义文件 " + path);
  FormatSource src(path, read_text(path));
  if (!res) throw FormatError("格式定义 " + path + " 不是格式正确的 XML：" + res.description());
  int roots = 0;
  for (auto n = doc.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_element && ++roots > 1) src.fail(n, "根元素之后还有元素 <" + std::string(n.name()) + ">");
    if (n.type() == pugi::node_pcdata && std::string(n.value()).find_first_not_of(" \t\r\n") != std::string::npos)
      src.fail(n, "根元素之外有文字");
  }
  return Loader(src).load(doc);
}

}  // namespace nianbao
