#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "template/docx/docx_engine.h"
#include "text/escape.h"

namespace nianbao::tmpl {

namespace {

bool has_row_blocks(const std::vector<Item>& items) {
  for (const auto& it : items)
    if (it.kind == Item::Kind::kIf || it.kind == Item::Kind::kEach) return true;
  return false;
}

// The single table row a loop body consists of, if it is one (whitespace aside).
pugi::xml_node single_row(const std::vector<Item>& body) {
  pugi::xml_node row;
  for (const auto& it : body) {
    pugi::xml_node node(it.node);
    if (it.kind == Item::Kind::kCopy && node.type() != pugi::node_element) continue;
    if (it.kind != Item::Kind::kCopy || !is_name(node, "w:tr") || row) return {};
    row = node;
  }
  return row;
}

// The run properties a placed paragraph takes from its tag's run; a sub-heading is set in 楷体.
std::string run_properties(const pugi::xml_node& tag_run_node, bool subheading) {
  auto rpr = tag_run_node.child("w:rPr");
  pugi::xml_document tmp;
  auto copy = rpr ? tmp.append_copy(rpr) : tmp.append_child("w:rPr");
  if (subheading) {
    copy.remove_child("w:rFonts");
    copy.remove_child("w:b");
    copy.remove_child("w:bCs");
    auto style = copy.child("w:rStyle");
    auto fonts = style ? copy.insert_child_after("w:rFonts", style) : copy.prepend_child("w:rFonts");
    for (const char* a : {"w:ascii", "w:eastAsia", "w:hAnsi"}) fonts.append_attribute(a) = "楷体_GB2312";
    fonts.append_attribute("w:hint") = "eastAsia";
  }
  if (!copy.first_child()) return "";
  std::string out;
  write_plain(out, copy);
  return out;
}

// One walk over a compiled part. Rendering writes `out` and stops at the first tag that cannot be
// rendered; checking walks every branch and loop body once and reports every problem.
class Walk {
 public:
  Walk(const DocxTemplate::Impl& impl, Context& ctx, Placer& placer, Diagnostics& problems, bool checking)
      : impl_(impl), ctx_(ctx), placer_(placer), problems_(problems), checking_(checking) {}

  std::string out;

  bool stopped() const { return stopped_; }

  void write_node(const pugi::xml_node& n) {
    switch (n.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata: out += xml_escape(n.value()); return;
      case pugi::node_element: break;
      default: return;  // comments, processing instructions
    }
    auto list = impl_.lists.find(n.internal_object());
    if (merge_row_ && is_name(n, "w:vMerge") && n.parent().parent().parent() == merge_row_ &&
        std::strcmp(n.attribute("w:val").value(), "restart") == 0) {
      out += "<w:vMerge/>";
      return;
    }
    if (list == impl_.lists.end() && !n.first_child()) {
      write_open(out, n);
      out += "/>";
      return;
    }
    std::size_t start = out.size();
    write_open(out, n);
    out += '>';
    std::size_t inner = out.size();
    if (list != impl_.lists.end()) {
      write_items(list->second, n);
    } else {
      for (auto c : n.children()) {
        if (stopped_) return;
        write_node(c);
      }
    }
    if (stopped_) return;
    // Word refuses a table without rows, and a cell that does not end with a paragraph (one
    // left empty, or whose paragraphs after a nested table were left out by a condition).
    if (is_name(n, "w:tbl") && out.find("<w:tr", inner) == std::string::npos) {
      out.resize(start);
      return;
    }
    if (is_name(n, "w:tc") && !ends_with_paragraph(out, inner)) out += "<w:p/>";
    out += "</";
    out += n.name();
    out += '>';
    if (is_name(n, "w:tbl") && list != impl_.lists.end() && !checking_ && has_row_blocks(list->second))
      mend_vertical_merges(out, start);
  }

 private:
  void fail(int tag, const std::string& msg) {
    const Tag& t = impl_.tags[tag];
    add_problem(problems_, "E606", t.part, t.paragraph, t.excerpt, msg);
    if (!checking_) stopped_ = true;
  }

  std::optional<Value> evaluate(int tag) {
    std::string error;
    auto v = eval(*impl_.tags[tag].expr, ctx_, error);
    if (!v) fail(tag, "标签 " + impl_.tags[tag].source + "：" + error + "。");
    return v;
  }

  void place(const Item& item, const pugi::xml_node& container) {
    const Tag& t = impl_.tags[item.tag];
    if (t.kind == TagKind::kTable) {
      if (!placer_.knows_table(t.arg)) return fail(item.tag, "格式中没有表 " + t.arg + "。");
      if (checking_) return;
      out += placer_.table_xml(t.arg);
      if (is_name(container, "w:tc")) out += "<w:p/>";
      return;
    }
    if (t.kind == TagKind::kChart) {
      if (!placer_.knows_chart(t.arg)) return fail(item.tag, "格式中没有图表 " + t.arg + "。");
      if (!checking_) out += placer_.chart_xml(t.arg);
      return;
    }
    if (t.kind == TagKind::kSection && !placer_.knows_section(t.arg))
      return fail(item.tag, "报告中没有章节 " + t.arg + "（可用的章节见格式定义）。");
    std::vector<PlacedParagraph> paras;
    std::string error;
    if (!placer_.paragraphs(t, ctx_, paras, error)) return fail(item.tag, error);
    if (checking_) return;
    // The placement paragraph lends its paragraph properties, the tag's run its run properties.
    pugi::xml_node p(item.node);
    std::string ppr;
    if (auto node = p.child("w:pPr")) write_plain(ppr, node);
    pugi::xml_node run;
    for (auto c : p.children())
      if (impl_.tag_run.count(c.internal_object())) run = c;
    std::string rpr_body = run_properties(run, false), rpr_head = run_properties(run, true);
    for (const auto& para : paras) {
      out += "<w:p>" + ppr + "<w:r>" + (para.subheading ? rpr_head : rpr_body) + "<w:t xml:space=\"preserve\">";
      out += xml_escape(para.text);
      out += "</w:t></w:r></w:p>";
    }
  }

  void write_value(const Item& item) {
    auto v = evaluate(item.tag);
    if (!v) return;
    std::string text = to_text(*v);
    if (text.empty() || checking_) return;
    pugi::xml_node run(item.node);
    write_open(out, run);
    out += '>';
    if (auto rpr = run.child("w:rPr")) write_plain(out, rpr);
    out += "<w:t xml:space=\"preserve\">" + xml_escape(text) + "</w:t></w:r>";
  }

  void write_if(const Item& item, const pugi::xml_node& container) {
    bool done = false;
    for (const auto& [cond, body] : item.branches) {
      if (stopped_) return;
      if (checking_) {
        if (cond >= 0) evaluate(cond);
        write_items(body, container);
        continue;
      }
      if (done) break;
      bool take = true;
      if (cond >= 0) {
        auto v = evaluate(cond);
        take = v && v->truthy();
      }
      if (take) {
        write_items(body, container);
        done = true;
      }
    }
  }

  void write_each(const Item& item, const pugi::xml_node& container) {
    auto v = evaluate(item.tag);
    if (!v) return;
    if (v->kind != Value::Kind::kList) {
      fail(item.tag, "标签 " + impl_.tags[item.tag].source + " 的 #each 需要一个列表（如 agencies、highlights）。");
      return;
    }
    std::size_t n = checking_ ? 1 : v->list_size;
    // A loop over one table row: a cell of that row that starts a vertical merge spans every
    // row the loop writes (a merge within one row would mean nothing), so the copies after the
    // first continue it. A loop over several rows repeats their merges as they are, one per pass.
    pugi::xml_node row = single_row(item.body), outer = merge_row_;
    for (std::size_t i = 0; i < n && !stopped_; ++i) {
      ctx_.push_item(*v, i);
      merge_row_ = i > 0 ? row : pugi::xml_node();
      write_items(item.body, container);
      ctx_.pop_item();
    }
    merge_row_ = outer;
  }

  void write_items(const std::vector<Item>& items, const pugi::xml_node& container) {
    for (const auto& item : items) {
      if (stopped_) return;
      switch (item.kind) {
        case Item::Kind::kCopy: write_node(pugi::xml_node(item.node)); break;
        case Item::Kind::kValue: write_value(item); break;
        case Item::Kind::kIf: write_if(item, container); break;
        case Item::Kind::kEach: write_each(item, container); break;
        case Item::Kind::kPlace: place(item, container); break;
      }
    }
  }

  const DocxTemplate::Impl& impl_;
  Context& ctx_;
  Placer& placer_;
  Diagnostics& problems_;
  const bool checking_;
  bool stopped_ = false;
  // While a one-row loop repeats its row: the row, whose vertical merges carry on (see write_each).
  pugi::xml_node merge_row_;
};

}  // namespace

bool DocxTemplate::check(Context& ctx, Placer& placer, Diagnostics& problems) const {
  const std::size_t before = problems.items().size();
  for (const auto& part : impl_->parts) {
    Walk walk(*impl_, ctx, placer, problems, true);
    walk.write_node(part.doc->document_element());
  }
  return problems.items().size() == before;
}

std::optional<std::map<std::string, std::string>> DocxTemplate::render(Context& ctx, Placer& placer,
                                                                       Diagnostics& problems) const {
  std::map<std::string, std::string> out = impl_->raw;
  for (const auto& part : impl_->parts) {
    Walk walk(*impl_, ctx, placer, problems, false);
    walk.out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";
    walk.write_node(part.doc->document_element());
    if (walk.stopped()) return std::nullopt;
    out[part.name] = std::move(walk.out);
  }
  return out;
}

}  // namespace nianbao::tmpl
