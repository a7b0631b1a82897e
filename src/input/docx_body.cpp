#include "input/docx_body.h"

#include <algorithm>
#include <cstring>

#include <pugixml.hpp>

#include "input/report_text.h"
#include "text/utf8.h"

namespace nianbao {

namespace {

// Elements are compared by local name: documents bind the WordprocessingML namespace to "w"
// (Word, WPS, LibreOffice), but nothing obliges them to.
const char* local(const pugi::xml_node& n) {
  const char* name = n.name();
  const char* colon = std::strrchr(name, ':');
  return colon ? colon + 1 : name;
}
bool is(const pugi::xml_node& n, const char* name) { return std::strcmp(local(n), name) == 0; }

pugi::xml_node child(const pugi::xml_node& n, const char* name) {
  for (auto c : n.children())
    if (c.type() == pugi::node_element && is(c, name)) return c;
  return {};
}

const char* val(const pugi::xml_node& n) {
  for (auto a : n.attributes()) {
    const char* name = a.name();
    const char* colon = std::strrchr(name, ':');
    if (std::strcmp(colon ? colon + 1 : name, "val") == 0) return a.value();
  }
  return nullptr;
}

// An on/off property: present without w:val, or with a true value.
bool on(const pugi::xml_node& n) {
  if (!n) return false;
  const char* v = val(n);
  return !v || !(std::strcmp(v, "0") == 0 || std::strcmp(v, "false") == 0 || std::strcmp(v, "off") == 0);
}

int int_val(const pugi::xml_node& n, int fallback) {
  const char* v = n ? val(n) : nullptr;
  if (!v || !*v) return fallback;
  long x = 0;
  for (const char* p = v; *p; ++p) {
    if (*p < '0' || *p > '9') return fallback;
    x = x * 10 + (*p - '0');
    if (x > 1'000'000) return 1'000'000;
  }
  return static_cast<int>(x);
}

// Depth of the deepest element, without recursion (the check that makes recursion safe later).
int max_depth(const pugi::xml_node& root) {
  int depth = 0, deepest = 0;
  pugi::xml_node n = root.first_child();
  while (n && n != root) {
    if (n.first_child()) {
      n = n.first_child();
      deepest = std::max(deepest, ++depth);
      continue;
    }
    while (n != root && !n.next_sibling()) {
      n = n.parent();
      --depth;
    }
    if (n != root) n = n.next_sibling();
  }
  return deepest;
}

// Text a reader sees: deleted and moved-away runs, field instructions, hidden runs and drawings
// (whose text boxes come twice, once per rendering) are left out.
void collect_text(const pugi::xml_node& node, std::string& out) {
  for (auto c : node.children()) {
    if (c.type() != pugi::node_element) continue;
    const char* n = local(c);
    if (std::strcmp(n, "t") == 0) {
      for (auto t : c.children())
        if (t.type() == pugi::node_pcdata || t.type() == pugi::node_cdata) out += t.value();
    } else if (std::strcmp(n, "tab") == 0 || std::strcmp(n, "ptab") == 0) {
      out += '\t';
    } else if (std::strcmp(n, "br") == 0 || std::strcmp(n, "cr") == 0) {
      out += '\n';
    } else if (std::strcmp(n, "noBreakHyphen") == 0) {
      out += '-';
    } else if (std::strcmp(n, "r") == 0) {
      if (!on(child(child(c, "rPr"), "vanish"))) collect_text(c, out);
    } else if (std::strcmp(n, "del") == 0 || std::strcmp(n, "moveFrom") == 0 || std::strcmp(n, "delText") == 0 ||
               std::strcmp(n, "instrText") == 0 || std::strcmp(n, "pPr") == 0 || std::strcmp(n, "rPr") == 0 ||
               std::strcmp(n, "sdtPr") == 0 || std::strcmp(n, "drawing") == 0 || std::strcmp(n, "pict") == 0 ||
               std::strcmp(n, "object") == 0 || std::strcmp(n, "AlternateContent") == 0 || std::strcmp(n, "tbl") == 0) {
      continue;
    } else {
      collect_text(c, out);  // ins, moveTo, hyperlink, smartTag, sdt, sdtContent, fldSimple, customXml …
    }
  }
}

// Text goes into messages, summary.json and the workbook: invalid UTF-8 becomes U+FFFD and
// control characters (which XML forbids, and pugixml lets through) are dropped.
std::string clean(const std::string& raw) {
  bool plain = true;
  for (unsigned char c : raw) plain = plain && c >= 0x20 && c < 0x80;
  if (plain) return raw;
  std::u32string u = decode_utf8(raw);
  u.erase(std::remove_if(u.begin(), u.end(), [](char32_t c) {
            return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F || c == 0xFFFE || c == 0xFFFF || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF;
          }), u.end());
  return encode_utf8(u);
}

DocxParagraph read_paragraph(const pugi::xml_node& p) {
  DocxParagraph out;
  std::string raw;
  collect_text(p, raw);
  out.text = clean(raw);
  auto ppr = child(p, "pPr");
  if (auto num = child(ppr, "numPr")) {
    // numId 0 switches numbering off.
    out.numbered = int_val(child(num, "numId"), 1) != 0;
    out.num_level = int_val(child(num, "ilvl"), 0);
  }
  if (auto style = child(ppr, "pStyle")) out.style = val(style) ? val(style) : "";
  return out;
}

enum class Merge { kNone, kRestart, kContinue };

struct RawCell {
  std::string text;
  int span = 1;
  Merge vmerge = Merge::kNone, hmerge = Merge::kNone;
  bool nested = false;
};

struct RawRow {
  int before = 0, after = 0;
  bool header = false;
  std::vector<RawCell> cells;
};

Merge merge_of(const pugi::xml_node& n) {
  if (!n) return Merge::kNone;
  const char* v = val(n);
  return v && std::strcmp(v, "restart") == 0 ? Merge::kRestart : Merge::kContinue;
}

// The paragraphs of a cell's content (block-level wrappers opened), joined by '\n'.
void cell_text(const pugi::xml_node& node, RawCell& cell) {
  for (auto c : node.children()) {
    if (c.type() != pugi::node_element) continue;
    if (is(c, "p")) {
      DocxParagraph p = read_paragraph(c);
      if (!cell.text.empty()) cell.text += '\n';
      cell.text += p.text;
    } else if (is(c, "tbl")) {
      cell.nested = true;
    } else if (is(c, "sdt")) {
      cell_text(child(c, "sdtContent"), cell);
    } else if (is(c, "customXml") || is(c, "ins") || is(c, "moveTo")) {
      cell_text(c, cell);
    }
  }
}

void read_cells(const pugi::xml_node& node, RawRow& row) {
  for (auto c : node.children()) {
    if (c.type() != pugi::node_element) continue;
    if (is(c, "tc")) {
      RawCell cell;
      auto pr = child(c, "tcPr");
      cell.span = std::max(1, int_val(child(pr, "gridSpan"), 1));
      cell.vmerge = merge_of(child(pr, "vMerge"));
      cell.hmerge = merge_of(child(pr, "hMerge"));
      cell_text(c, cell);
      row.cells.push_back(std::move(cell));
    } else if (is(c, "sdt")) {
      read_cells(child(c, "sdtContent"), row);
    } else if (is(c, "customXml")) {
      read_cells(c, row);
    }
  }
}

// Rows of a table, wrappers opened; false once there are more than kMaxTableRows.
bool read_rows(const pugi::xml_node& node, std::vector<RawRow>& rows) {
  for (auto c : node.children()) {
    if (c.type() != pugi::node_element) continue;
    if (is(c, "tr")) {
      if (static_cast<int>(rows.size()) >= kMaxTableRows) return false;
      RawRow row;
      auto pr = child(c, "trPr");
      row.before = int_val(child(pr, "gridBefore"), 0);
      row.after = int_val(child(pr, "gridAfter"), 0);
      row.header = on(child(pr, "tblHeader"));
      read_cells(c, row);
      rows.push_back(std::move(row));
    } else if (is(c, "sdt")) {
      if (!read_rows(child(c, "sdtContent"), rows)) return false;
    } else if (is(c, "customXml") || is(c, "ins") || is(c, "moveTo")) {
      if (!read_rows(c, rows)) return false;
    }
  }
  return true;
}

// Lays the rows on a grid: gridBefore / gridAfter leave holes, gridSpan widens a cell, vMerge
// continue extends the cell above when it starts in the same column with the same width.
void resolve_grid(const std::vector<RawRow>& rows, int cols, DocxTable& t) {
  t.rows = static_cast<int>(rows.size());
  t.cols = cols;
  t.grid.assign(static_cast<std::size_t>(t.rows) * cols, -1);
  for (int r = 0; r < t.rows; ++r) {
    t.repeat_header.push_back(rows[r].header);
    int c = rows[r].before;
    int last = -1;  // the origin placed last in this row, for hMerge
    for (const auto& raw : rows[r].cells) {
      int span = std::min(raw.span, cols - c);
      if (span <= 0) break;
      int origin = -1;
      if (raw.vmerge == Merge::kContinue && r > 0) {
        int above = t.at(r - 1, c);
        if (above >= 0 && t.cells[above].col == c && t.cells[above].colspan == span) origin = above;
      }
      if (origin < 0 && raw.hmerge == Merge::kContinue && last >= 0 && t.cells[last].row == r) origin = last;
      if (origin >= 0) {
        DocxCell& o = t.cells[origin];
        o.rowspan = std::max(o.rowspan, r - o.row + 1);
        if (o.row == r) o.colspan = c + span - o.col;
        o.nested_table = o.nested_table || raw.nested;
      } else {
        origin = static_cast<int>(t.cells.size());
        t.cells.push_back(DocxCell{raw.text, r, c, 1, span, raw.nested});
      }
      for (int k = c; k < c + span; ++k) t.grid[static_cast<std::size_t>(r) * cols + k] = origin;
      last = origin;
      c += span;
    }
  }
}

class BodyReader {
 public:
  BodyReader(const SourceLocation& where, Diagnostics& diags)
      : where_(where), diags_(diags), start_(diags.items().size()) {}

  void walk(const pugi::xml_node& container) {
    for (auto c : container.children()) {
      if (c.type() != pugi::node_element) continue;
      if (is(c, "p")) {
        DocxParagraph p = read_paragraph(c);
        p.index = static_cast<int>(body_.paragraphs.size()) + 1;
        body_.blocks.push_back(DocxBlock{false, static_cast<int>(body_.paragraphs.size())});
        body_.paragraphs.push_back(std::move(p));
      } else if (is(c, "tbl")) {
        table(c);
      } else if (is(c, "sdt")) {
        walk(child(c, "sdtContent"));
      } else if (is(c, "customXml") || is(c, "ins") || is(c, "moveTo")) {
        walk(c);
      }
    }
  }

  DocxBody take() { return std::move(body_); }

 private:
  // A hostile body may hold thousands of bad tables: their findings stop at the file's budget.
  bool spent() const { return diags_.items().size() - start_ >= kMaxFindingsPerFile; }

  void table(const pugi::xml_node& tbl) {
    const int number = ++tables_seen_;
    SourceLocation at = where_;
    at.table = number;
    std::vector<RawRow> rows;
    if (!read_rows(tbl, rows)) {
      if (spent()) return;
      auto& d = diags_.error("E803", at, "第 " + std::to_string(number) + " 个表格超过 " + std::to_string(kMaxTableRows) +
                                             " 行，不是年度报告的统计表，未读取。");
      d.found = "多于 " + std::to_string(kMaxTableRows) + " 行";
      return;
    }
    int cols = 0;
    bool nested = false;
    for (const auto& r : rows) {
      long width = r.before + r.after;
      for (const auto& c : r.cells) {
        width += c.span;
        nested = nested || c.nested;
      }
      if (width > kMaxTableColumns) {
        if (spent()) return;
        auto& d = diags_.error("E803", at, "第 " + std::to_string(number) + " 个表格超过 " +
                                               std::to_string(kMaxTableColumns) + " 列，不是年度报告的统计表，未读取。");
        d.found = std::to_string(width) + " 列";
        return;
      }
      cols = std::max(cols, static_cast<int>(width));
    }
    DocxTable t;
    t.index = number;
    t.paragraphs_before = static_cast<int>(body_.paragraphs.size());
    resolve_grid(rows, cols, t);
    if (nested && !spent()) {
      for (const auto& cell : t.cells)
        if (cell.nested_table) {
          SourceLocation in = at;
          in.row = cell.row + 1;
          in.col = cell.col + 1;
          auto& d = diags_.error("E804", in, "表格的单元格中又嵌套了表格，无法按统计表读取；请把嵌套的表格移出或合并为一个表格。");
          d.place = "第 " + std::to_string(number) + " 个表格第 " + std::to_string(in.row) + " 行第 " + std::to_string(in.col) + " 列";
          break;
        }
    }
    body_.blocks.push_back(DocxBlock{true, static_cast<int>(body_.tables.size())});
    body_.tables.push_back(std::move(t));
  }

  const SourceLocation& where_;
  Diagnostics& diags_;
  const std::size_t start_;
  DocxBody body_;
  int tables_seen_ = 0;
};

}  // namespace

DocxBody read_docx_body(const std::string& document_xml, const SourceLocation& where, Diagnostics& diags) {
  if (document_xml.size() > kMaxDocumentXmlBytes) {
    auto& d = diags.error("E801", where, "文档正文（word/document.xml）过大，不像年度报告，未读取。");
    d.found = std::to_string(document_xml.size() >> 20) + " MiB";
    d.expected = "不超过 " + std::to_string(kMaxDocumentXmlBytes >> 20) + " MiB";
    return {};
  }
  pugi::xml_document doc;
  const unsigned options = pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_doctype;
  pugi::xml_parse_result res = doc.load_buffer(document_xml.data(), document_xml.size(), options, pugi::encoding_auto);
  if (!res) {
    auto& d = diags.error("E802", where, "文档正文（word/document.xml）不是格式正确的 XML，文件可能已损坏。");
    d.found = std::string(res.description()) + "（第 " + std::to_string(res.offset) + " 字节处）";
    return {};
  }
  for (auto n : doc.children())
    if (n.type() == pugi::node_doctype) {
      diags.error("E802", where, "文档正文（word/document.xml）含有 DOCTYPE 声明，Word 文档不会有，未读取。");
      return {};
    }
  if (max_depth(doc) > kMaxBodyDepth) {
    auto& d = diags.error("E802", where, "文档正文（word/document.xml）的元素嵌套过深，未读取。");
    d.expected = "不超过 " + std::to_string(kMaxBodyDepth) + " 层";
    return {};
  }
  auto root = doc.document_element();
  auto body = child(root, "body");
  if (!is(root, "document") || !body) {
    diags.error("E802", where, "文档正文（word/document.xml）中没有 <w:body>，不是 Word 文档的正文。");
    return {};
  }
  BodyReader reader(where, diags);
  reader.walk(body);
  return reader.take();
}

}  // namespace nianbao
