#include "input/docx_report.h"

#include <algorithm>
#include <memory>

#include "input/docx_body.h"
#include "input/readers.h"
#include "input/report_narrative.h"
#include "input/report_text.h"
#include "text/utf8.h"

namespace nianbao {

namespace {

std::string file_stem(const std::string& name) {
  std::size_t slash = name.find_last_of("/\\");
  std::string base = slash == std::string::npos ? name : name.substr(slash + 1);
  std::size_t dot = base.rfind('.');
  return dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
}

// The last non-empty paragraph before a table (after the table before it): its heading, if any.
std::string text_before(const DocxBody& body, int table) {
  const int from = table > 0 ? body.tables[table - 1].paragraphs_before : 0;
  for (int p = body.tables[table].paragraphs_before - 1; p >= from; --p)
    if (!report_text::normalize(body.paragraphs[p].text).empty()) return body.paragraphs[p].text;
  return "";
}

struct TablePlan {
  std::vector<int> table_of;                // per Word table: format table, or -1
  std::vector<std::vector<const DocxTable*>> parts;  // per format table: its Word table(s)
  std::vector<std::pair<const OtherFormat*, std::vector<int>>> others;  // other formats, with the Word tables showing them
  std::vector<int> unknown;                 // Word tables that are no statutory table
};

}  // namespace

ReportReader::ReportReader(const Format& format) : ReportReader(format, load_word_report_rules(format)) {}

ReportReader::ReportReader(const Format& format, WordReportRules rules)
    : format_(format), rules_(std::move(rules)), matcher_(format) {}

namespace {

class ReportRead {
 public:
  ReportRead(const Format& f, const WordReportRules& rules, const TableMatcher& matcher, const std::string& path,
             const std::string& file_name, const ReportFile& report, Diagnostics& diags)
      : f_(f), rules_(rules), matcher_(matcher), path_(path), file_name_(file_name), report_(report), diags_(diags),
        start_(diags.items().size()) {}

  ReportReadResult run(const std::string& xml) {
    ReportReadResult result;
    Submission& sub = result.submission;
    sub.path = path_;
    sub.where = SourceLocation{path_, 0, 0};
    sub.values.assign(f_.cell_count(), 0);
    // What the body's reading finds counts only once the file is known to be a report: a Word
    // file that is none is ignored with one warning (W828), whatever is odd in it.
    Diagnostics body_diags;
    body_ = read_docx_body(xml, sub.where, body_diags);
    if (body_.blocks.empty() && body_diags.error_count() > 0) {
      diags_.append(body_diags);
      return result;
    }
    defs_ = heading_defs(f_);
    headings_ = find_headings(body_, defs_);
    title_ = report_title(body_, headings_);
    TablePlan plan = plan_tables();
    bool any = std::any_of(plan.table_of.begin(), plan.table_of.end(), [](int t) { return t >= 0; });
    if (!any && plan.others.empty()) {
      int found = static_cast<int>(std::count_if(headings_.begin(), headings_.end(), [](int h) { return h >= 0; }));
      std::string t = report_text::normalize(title_);
      if (found < 2 && t.find("年度报告") == std::string::npos && t.find("政府信息公开") == std::string::npos) {
        diags_.warning("W828", sub.where, "这个 Word 文件不像政府信息公开工作年度报告（没有年度报告的标题、章节标题或统计表），已忽略。");
        result.kind = ReportDocKind::kNotAReport;
        return result;
      }
    }
    diags_.append(body_diags);
    if (!any && plan.others.empty()) {
      auto& d = diags_.error("E807", sub.where, "未找到统计表；表格是否以图片粘贴？年度报告的统计表必须是 Word 表格，数字才能读取。");
      d.expected = "Word 表格形式的「" + f_.tables.front().title + "」等统计表";
    }
    if (!plan.others.empty()) {
      other_formats(plan);
    } else if (any) {
      if (!read_tables(plan, sub)) {
        diags_.error("E111", sub.where, too_many_findings_message());
        identify(sub);  // still whose report it is: the agency is then 被退回, not 未报送
        return result;
      }
      sub.format = f_.id;
    }
    if (!plan.unknown.empty()) {
      SourceLocation at = sub.where;
      at.table = body_.tables[plan.unknown.front()].index;
      std::string where;
      for (std::size_t k = 0; k < plan.unknown.size() && k < 10; ++k)
        where += (k ? "、" : "") + table_position(body_.tables[plan.unknown[k]].index, 0, 0);
      if (plan.unknown.size() > 10) where += " 等共 " + std::to_string(plan.unknown.size()) + " 个表格";
      auto& d = diags_.warning("W827", at, plan.unknown.size() == 1 ? "这个表格不是统计表，未读取其中的数字。"
                                                                    : "这些表格不是统计表，未读取其中的数字。");
      d.place = where;
      const auto& cells = body_.tables[plan.unknown.front()].cells;
      if (!cells.empty()) d.found = first_chars(cells.front().text, 30);
    }
    identify(sub);
    narrative(sub);
    return result;
  }

 private:
  bool heading_between(int a, int b) const {
    const int from = body_.tables[a].paragraphs_before, to = body_.tables[b].paragraphs_before;
    return std::any_of(headings_.begin(), headings_.end(), [&](int h) { return h >= from && h < to; });
  }

  // Which Word table is which format table; a table split in two (the second without a header,
  // or repeating it, with no heading between) is one.
  TablePlan plan_tables() {
    TablePlan plan;
    const int n = static_cast<int>(body_.tables.size());
    plan.table_of.assign(n, -1);
    plan.parts.resize(f_.tables.size());
    for (int i = 0; i < n; ++i) {
      const DocxTable& t = body_.tables[i];
      const TableLabels labels = table_labels(t);
      if (const OtherFormat* o = recognise_other_format(labels, rules_)) {
        auto it = std::find_if(plan.others.begin(), plan.others.end(), [&](const auto& p) { return p.first == o; });
        if (it == plan.others.end()) plan.others.push_back({o, {}}), it = plan.others.end() - 1;
        it->second.push_back(i);
        continue;
      }
      int id = matcher_.identify(labels, text_before(body_, i));
      const int prev = i > 0 ? plan.table_of[i - 1] : -1;
      if (prev >= 0 && !heading_between(i - 1, i) && (id == prev || (id < 0 && matcher_.label_score(labels, prev) >= 1))) {
        plan.table_of[i] = prev;
        plan.parts[prev].push_back(&t);
        continue;
      }
      if (id < 0) {
        plan.unknown.push_back(i);
        continue;
      }
      if (!plan.parts[id].empty()) {
        if (diags_.items().size() - start_ >= kMaxFindingsPerFile) continue;
        SourceLocation at{path_, 0, 0};
        at.table = t.index;
        auto& d = diags_.error("E826", at, "统计表「" + f_.tables[id].title + "」在报告中出现了两次，无法确定以哪一个为准。");
        d.place = table_position(plan.parts[id].front()->index, 0, 0) + "；" + table_position(t.index, 0, 0);
        continue;
      }
      plan.table_of[i] = id;
      plan.parts[id].push_back(&t);
    }
    return plan;
  }

  void other_formats(const TablePlan& plan) {
    for (const auto& [o, tables] : plan.others) {
      SourceLocation at{path_, 0, 0};
      at.table = body_.tables[tables.front()].index;
      auto& d = diags_.error(o->code, at, "报告的统计表用的是" + o->name + "，" + std::to_string(report_.year) +
                                             " 年度的报告应使用" + f_.name + "（" + f_.basis + "）的统计表；请按现行格式重新制作统计表。");
      std::string where;
      for (int i : tables) where += (where.empty() ? "" : "、") + table_position(body_.tables[i].index, 0, 0);
      d.place = where;
      d.found = o->name;
      d.expected = f_.name + "（" + f_.basis + "）";
    }
  }

  bool read_tables(const TablePlan& plan, Submission& sub) {
    TableFigures figures;
    figures.values.assign(f_.cell_count(), 0);
    for (int t = 0; t < static_cast<int>(f_.tables.size()); ++t) {
      if (plan.parts[t].empty()) {
        if (std::find(rules_.optional_tables.begin(), rules_.optional_tables.end(), t) != rules_.optional_tables.end()) continue;
        auto& d = diags_.error("E808", sub.where, "报告中没有找到统计表「" + f_.tables[t].title + "」；表格是否以图片粘贴，或被删去？");
        d.expected = "Word 表格形式的「" + f_.tables[t].title + "」";
        continue;
      }
      if (!matcher_.read(t, plan.parts[t], path_, figures, diags_, start_)) return false;
    }
    sub.values = FigureValues(std::move(figures.values));
    sub.given = std::move(figures.given);
    auto where = std::make_shared<const std::vector<SourceLocation>>(std::move(figures.where));
    const std::string path = path_;
    sub.locate = [where, path](std::uint32_t i) { return i < where->size() ? (*where)[i] : SourceLocation{path, 0, 0}; };
    return true;
  }

  // The agency (from the title, else the file name) and the year (likewise).
  void identify(Submission& sub) {
    SourceLocation at = sub.where;
    std::vector<int> names = agencies_named(title_, report_.roster);
    const std::string stem = file_stem(file_name_);
    std::vector<int> by_file = agencies_named(stem, report_.roster);
    if (names.empty()) {
      names = by_file;
    } else if (names.size() > 1 && by_file.size() == 1 &&
               std::find(names.begin(), names.end(), by_file[0]) != names.end()) {
      names = by_file;
    }
    if (names.size() == 1) {
      sub.agency = report_.roster[names[0]];
      sub.agency.where = at;
    } else {
      std::string list;
      for (int i : names) list += (list.empty() ? "" : "、") + report_.roster[i].name + "（" + report_.roster[i].code + "）";
      auto& d = diags_.error("E805", at, names.empty() ? "在报告标题和文件名中都找不到名单上的单位全称，无法确定是哪个单位的报告。"
                                                       : "报告标题中有名单上的多个单位，无法确定是哪个单位的报告。");
      d.found = names.empty() ? "标题“" + first_chars(title_, 40) + "”，文件名“" + stem + "”" : list;
      d.expected = "标题（或文件名）中写明名单上一个单位的全称，例如“" +
                   (report_.roster.empty() ? std::string("某某局") : report_.roster.front().name) + std::to_string(report_.year) +
                   "年政府信息公开工作年度报告”";
    }
    sub.year = year_in(title_);
    if (sub.year == 0) sub.year = year_in(stem);
    if (sub.year == 0) {
      auto& d = diags_.error("E806", at, "在报告标题和文件名中都找不到年度（如“" + std::to_string(report_.year) + "年”），无法确认是哪一年的报告。");
      d.found = first_chars(title_, 40);
      d.expected = std::to_string(report_.year) + "年";
    }
  }

  void narrative(Submission& sub) {
    sub.own_sections = section_texts(body_, f_, defs_, headings_, path_);
    for (std::size_t d = 0; d < defs_.size(); ++d) {
      if (defs_[d].is_table || headings_[d] >= 0) continue;
      auto& w = diags_.warning("W829", sub.where, "报告中没有找到章节标题「" + f_.find_section(defs_[d].id)->heading + "」，这一节的文字未能读取。");
      w.expected = f_.find_section(defs_[d].id)->heading;
    }
    for (const auto& s : sub.own_sections)
      if (s.id == rules_.highlights_section)
        sub.sections = overview_highlights(s, sub.agency.name.empty() ? first_chars(title_, 20) : sub.agency.name);
  }

  const Format& f_;
  const WordReportRules& rules_;
  const TableMatcher& matcher_;
  const std::string& path_;
  const std::string& file_name_;
  const ReportFile& report_;
  Diagnostics& diags_;
  const std::size_t start_;
  DocxBody body_;
  std::vector<ReportHeading> defs_;
  std::vector<int> headings_;
  std::string title_;
};

}  // namespace

ReportReadResult ReportReader::read(const std::string& document_xml, const std::string& display_path,
                                    const std::string& file_name, const ReportFile& report, Diagnostics& diags) const {
  return ReportRead(format_, rules_, matcher_, display_path, file_name, report, diags).run(document_xml);
}

ReportReadResult read_report_docx(const std::string& document_xml, const std::string& display_path,
                                  const std::string& file_name, const Format& format, const ReportFile& report,
                                  Diagnostics& diags) {
  return ReportReader(format).read(document_xml, display_path, file_name, report, diags);
}

}  // namespace nianbao
