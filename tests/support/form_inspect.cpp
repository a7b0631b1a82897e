#include "form_inspect.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include <pugixml.hpp>

#include "format/format.h"
#include "render/xlsx/sheet_names.h"
#include "zip/zip_writer.h"
#include "xlsx_parts.h"

namespace nianbao::test {

namespace {

using xlsx_read::parse;

/// Column (0-based) and row (1-based) of "D5" (dollars ignored).
std::pair<int, int> split_ref(const std::string& ref) {
  int col = 0, row = 0;
  for (char c : ref) {
    if (c >= 'A' && c <= 'Z') col = col * 26 + (c - 'A' + 1);
    else if (c >= '0' && c <= '9') row = row * 10 + (c - '0');
  }
  return {col - 1, row};
}

FormSheet read_sheet(const pugi::xml_document& ws, const std::vector<std::string>& shared) {
  FormSheet s;
  auto root = ws.child("worksheet");
  for (auto c : ws.select_nodes("//sheetData/row/c")) {
    auto n = c.node();
    xlsx_read::ShownCell shown = xlsx_read::shown_cell(n, shared);
    FormCell cell{shown.value, shown.formula, shown.is_string, n.attribute("s").as_int(0)};
    s.cells[n.attribute("r").value()] = cell;
  }
  for (auto m : root.child("mergeCells").children("mergeCell")) s.merges.push_back(m.attribute("ref").value());
  if (auto p = root.child("sheetProtection")) {
    s.is_protected = std::string(p.attribute("sheet").value()) == "1" || std::string(p.attribute("sheet").value()) == "true";
    s.has_password = p.attribute("password") || p.attribute("hashValue");
    s.may_format_columns = std::string(p.attribute("formatColumns").value()) == "0" ||
                           std::string(p.attribute("formatColumns").value()) == "false";
  }
  for (auto v : root.child("dataValidations").children("dataValidation")) {
    FormValidation fv;
    fv.type = v.attribute("type").value();
    fv.sqref = v.attribute("sqref").value();
    fv.formula1 = v.child("formula1").text().get();
    fv.formula2 = v.child("formula2").text().get();
    fv.prompt_title = v.attribute("promptTitle").value();
    fv.prompt = v.attribute("prompt").value();
    fv.error_title = v.attribute("errorTitle").value();
    fv.error = v.attribute("error").value();
    fv.error_style = v.attribute("errorStyle").value();
    s.validations.push_back(fv);
  }
  for (auto cf : root.children("conditionalFormatting"))
    for (auto rule : cf.children("cfRule")) s.conditions.emplace_back(cf.attribute("sqref").value(), rule.child("formula").text().get());
  s.fit_to_page = root.child("sheetPr").child("pageSetUpPr").attribute("fitToPage").as_bool();
  auto setup = root.child("pageSetup");
  s.paper = setup.attribute("paperSize").as_int(0);
  s.fit_width = setup.attribute("fitToWidth").as_int(1);
  s.fit_height = setup.attribute("fitToHeight").as_int(1);
  s.orientation = setup.attribute("orientation").value();
  return s;
}

}  // namespace

std::vector<const FormValidation*> FormSheet::validations_of(const std::string& ref) const {
  std::vector<const FormValidation*> out;
  for (const auto& v : validations)
    if (in_sqref(v.sqref, ref)) out.push_back(&v);
  return out;
}

const FormSheet* FormBook::find(const std::string& sheet) const {
  for (const auto& s : sheets)
    if (s.name == sheet) return &s;
  return nullptr;
}

std::pair<const FormSheet*, std::string> FormBook::locate(const std::string& name) const {
  auto it = names.find(name);
  if (it == names.end()) return {nullptr, ""};
  const std::string& to = it->second;  // 'Sheet'!$D$5
  const std::size_t bang = to.rfind('!');
  if (bang == std::string::npos || to.find(':', bang) != std::string::npos) return {nullptr, ""};
  std::string sheet = to.substr(0, bang);
  if (sheet.size() >= 2 && sheet.front() == '\'' && sheet.back() == '\'') {
    std::string unquoted;
    for (std::size_t i = 1; i + 1 < sheet.size(); ++i) {
      unquoted += sheet[i];
      if (sheet[i] == '\'' && sheet[i + 1] == '\'') ++i;
    }
    sheet = unquoted;
  }
  std::string ref;
  for (char c : to.substr(bang + 1))
    if (c != '$') ref += c;
  return {find(sheet), ref};
}

const FormCell& FormBook::cell(const std::string& name) const {
  auto [sheet, ref] = locate(name);
  if (!sheet) throw std::out_of_range("没有名称 " + name);
  return sheet->cells.at(ref);
}

bool in_sqref(const std::string& sqref, const std::string& ref) {
  const auto [col, row] = split_ref(ref);
  std::istringstream in(sqref);
  for (std::string range; in >> range;) {
    const std::size_t colon = range.find(':');
    const auto [c1, r1] = split_ref(range.substr(0, colon));
    const auto [c2, r2] = colon == std::string::npos ? std::pair{c1, r1} : split_ref(range.substr(colon + 1));
    if (col >= c1 && col <= c2 && row >= r1 && row <= r2) return true;
  }
  return false;
}

FormBook inspect_form(const std::string& path) {
  auto parts = read_zip(path);
  FormBook out;
  const std::vector<std::string> shared = xlsx_read::shared_strings(parts);
  auto styles = parse(parts.at("xl/styles.xml"));
  std::map<int, std::string> num_formats;
  for (auto nf : styles.child("styleSheet").child("numFmts").children("numFmt"))
    num_formats[nf.attribute("numFmtId").as_int()] = nf.attribute("formatCode").value();
  std::vector<bool> solid;
  for (auto fill : styles.child("styleSheet").child("fills").children("fill"))
    solid.push_back(std::string(fill.child("patternFill").attribute("patternType").value()) == "solid");
  for (auto xf : styles.child("styleSheet").child("cellXfs").children("xf")) {
    FormStyle st;
    auto protection = xf.child("protection");
    st.locked = !(protection && std::string(protection.attribute("locked").value()) == "0");
    const std::size_t fill = xf.attribute("fillId").as_uint(0);
    st.shaded = fill < solid.size() && solid[fill];
    const int nf = xf.attribute("numFmtId").as_int(0);
    st.num_format = nf == 49 ? "@" : num_formats.count(nf) ? num_formats[nf] : "";
    out.styles.push_back(st);
  }
  auto wb = parse(parts.at("xl/workbook.xml"));
  for (auto dn : wb.child("workbook").child("definedNames").children("definedName"))
    if (!dn.attribute("localSheetId")) out.names[dn.attribute("name").value()] = dn.text().get();
  int active = wb.child("workbook").child("bookViews").child("workbookView").attribute("activeTab").as_int(0), index = 0;
  for (const auto& part : xlsx_read::sheet_parts(parts)) {
    FormSheet s = read_sheet(parse(parts.at(part.path)), shared);
    s.name = part.name;
    if (index++ == active) out.active_sheet = s.name;
    out.sheets.push_back(std::move(s));
  }
  return out;
}

}  // namespace nianbao::test

namespace nianbao::test {

namespace {

constexpr int kRowsAbove = 2;  // the title and the hint above each grid

/// Every cell of the ranges of a SUM formula ("SUM(D8:D28,D30)"); empty unless it is one.
std::vector<std::string> sum_cells(const std::string& formula) {
  std::vector<std::string> out;
  if (formula.rfind("SUM(", 0) != 0 || formula.back() != ')') return out;
  std::string args = formula.substr(4, formula.size() - 5);
  std::stringstream in(args);
  for (std::string range; std::getline(in, range, ',');) {
    const std::size_t colon = range.find(':');
    const auto [c1, r1] = split_ref(range.substr(0, colon));
    const auto [c2, r2] = colon == std::string::npos ? std::pair{c1, r1} : split_ref(range.substr(colon + 1));
    for (int r = r1; r <= r2; ++r)
      for (int c = c1; c <= c2; ++c) {
        std::string letters;
        for (int k = c + 1; k > 0; k = (k - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (k - 1) % 26));
        out.push_back(letters + std::to_string(r));
      }
  }
  return out;
}

std::string a1(int row, int col) {
  std::string letters;
  for (int k = col + 1; k > 0; k = (k - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (k - 1) % 26));
  return letters + std::to_string(row + 1);
}

}  // namespace

std::vector<std::string> form_problems(const FormBook& book, const Format& f, const std::string& code,
                                       const std::string& name, int year) {
  std::vector<std::string> bad;
  const std::vector<std::string> table_sheets = xlsx::table_sheet_names(f);
  std::vector<std::string> expected = {"说明"};
  expected.insert(expected.end(), table_sheets.begin(), table_sheets.end());
  expected.push_back("文字");
  std::vector<std::string> got;
  for (const auto& s : book.sheets) got.push_back(s.name);
  if (got != expected) bad.push_back("工作表的名称或顺序不对");
  if (book.active_sheet != "说明") bad.push_back("打开时显示的不是说明：" + book.active_sheet);
  for (const auto& s : book.sheets)
    if (!s.is_protected || s.has_password || !s.may_format_columns) bad.push_back(s.name + " 未按要求保护");

  std::map<std::pair<std::string, std::string>, std::string> named;  // (sheet, ref) → name
  for (const auto& [n, to] : book.names) {
    auto [sheet, ref] = book.locate(n);
    if (!sheet) bad.push_back("名称 " + n + " 不指向一个单元格：" + to);
    else named[{sheet->name, ref}] = n;
  }
  auto identity = [&](const std::string& n, const std::string& value) {
    auto [sheet, ref] = book.locate(n);
    if (!sheet || sheet->name != "说明" || !sheet->cells.count(ref)) return bad.push_back("没有身份名称 " + n);
    const FormCell& c = sheet->cells.at(ref);
    if (c.value != value) bad.push_back(n + " 是 " + c.value + "，应为 " + value);
    if (!book.styles.at(c.style).locked) bad.push_back(n + " 的单元格未锁定");
  };
  identity("nianbao.format", f.id);
  identity("nianbao.year", std::to_string(year));
  identity("nianbao.agency.code", code);
  identity("nianbao.agency.name", name);

  std::vector<std::string> place(f.cells.size());
  for (const TableDef& t : f.tables)
    for (const LayoutCell& lc : t.layout.cells)
      if (lc.is_value) place[lc.cell] = a1(kRowsAbove + lc.row, lc.col);
  std::size_t inputs = 0;
  for (int c = 0; c < f.cell_count(); ++c) {
    const std::string path = f.cell_path(c), sheet = table_sheets[f.cells[c].table];
    const FormSheet* s = book.find(sheet);
    if (!s) continue;
    auto [at, ref] = book.locate(path);
    if (f.cells[c].computed()) {
      if (at) bad.push_back("计算单元格 " + path + " 不应有名称");
      auto it = s->cells.find(place[c]);
      if (it == s->cells.end()) {
        bad.push_back("计算单元格 " + path + " 不在 " + place[c]);
        continue;
      }
      std::vector<std::string> covered, parts;
      for (const auto& r : sum_cells(it->second.formula))
        if (std::find(place.begin(), place.end(), r) != place.end()) covered.push_back(r);
      for (int k : f.cells[c].sum_of) parts.push_back(place[k]);
      std::sort(covered.begin(), covered.end());
      std::sort(parts.begin(), parts.end());
      if (covered != parts || it->second.value != "0") bad.push_back(path + " 的公式不对：" + it->second.formula);
      if (!s->validations_of(place[c]).empty()) bad.push_back("计算单元格 " + path + " 不应有数据验证");
      continue;
    }
    ++inputs;
    if (!at || at->name != sheet || ref != place[c]) {
      bad.push_back("名称 " + path + " 没有指向 " + sheet + "!" + place[c]);
      continue;
    }
    auto it = s->cells.find(ref);
    if (it == s->cells.end() || book.styles.at(it->second.style).locked || !book.styles.at(it->second.style).shaded)
      bad.push_back(path + " 的单元格不是未锁定的浅色单元格");
    auto validations = s->validations_of(ref);
    const bool money = f.cells[c].type == ValueType::kMoney;
    const bool ok = validations.size() == 1 && !validations[0]->prompt.empty() && !validations[0]->error.empty() &&
                    validations[0]->error_style.empty() &&  // the default: stop
                    (money ? validations[0]->type == "custom" &&
                                 validations[0]->formula1.find("ROUND(" + ref + ",4)=" + ref) != std::string::npos &&
                                 validations[0]->formula1.find(ref + ">=0") != std::string::npos
                           : validations[0]->type == "whole" && validations[0]->formula1 == "0" &&
                                 validations[0]->formula2 == "1000000000000");
    if (!ok) bad.push_back(path + " 的数据验证不对");
  }

  for (std::size_t t = 0; t < f.tables.size(); ++t) {
    const FormSheet* s = book.find(table_sheets[t]);
    if (!s) continue;
    if (s->paper != 9 || !s->fit_to_page || s->fit_width != 1) bad.push_back(s->name + " 的打印设置不是 A4、一页宽");
    std::size_t checks = 0, verdicts = 0;
    for (const RuleDef& r : f.rules) {
      if (r.table != static_cast<int>(t) || r.needs_previous) continue;
      if (!r.per_column) {
        ++checks;
        continue;
      }
      for (std::size_t col = 0; col < f.tables[t].columns.size(); ++col) {
        bool all = true;
        for (const auto* side : {&r.lhs, &r.rhs})
          for (const RuleTerm& term : *side)
            if (!term.is_literal && f.cell(term.table, term.row, term.col >= 0 ? term.col : static_cast<int>(col)) < 0)
              all = false;
        checks += all;
      }
    }
    for (const auto& [ref, cell] : s->cells) {
      if (cell.formula.rfind("IFERROR(IF(ROUND(", 0) != 0) continue;
      ++verdicts;
      if (cell.value != "平衡" && cell.value != "通过") bad.push_back(s->name + "!" + ref + " 在空表上显示 " + cell.value);
      std::size_t coloured = 0;
      for (const auto& [sqref, formula] : s->conditions) coloured += in_sqref(sqref, ref) && formula.find(ref) != std::string::npos;
      if (coloured != 2) bad.push_back(s->name + "!" + ref + " 没有红绿两种条件格式");
    }
    if (verdicts != checks)
      bad.push_back(s->name + " 有 " + std::to_string(verdicts) + " 个校验公式，应为 " + std::to_string(checks));
  }

  std::vector<std::string> texts = {"contact.name", "contact.phone"};
  for (const auto& sec : f.sections) texts.push_back("text." + sec.id);
  for (int n = 1; n <= 10; ++n)
    for (const char* part : {".title", ".body"}) texts.push_back("text.highlight." + std::to_string(n) + part);
  for (const auto& n : texts) {
    auto [sheet, ref] = book.locate(n);
    if (!sheet || sheet->name != "文字" || !sheet->cells.count(ref)) {
      bad.push_back("没有文字名称 " + n);
      continue;
    }
    const FormStyle& st = book.styles.at(sheet->cells.at(ref).style);
    if (st.locked || !st.shaded || st.num_format != "@") bad.push_back(n + " 的单元格不是未锁定的文本单元格");
  }
  if (book.names.size() != 4 + inputs + texts.size())
    bad.push_back("名称共 " + std::to_string(book.names.size()) + " 个，应为 " + std::to_string(4 + inputs + texts.size()));

  for (const auto& s : book.sheets)
    for (const auto& [ref, cell] : s.cells) {
      if (book.styles.at(cell.style).locked || named.count({s.name, ref})) continue;
      // The rest of a merged input cell carries its format.
      const bool merged_input = std::any_of(s.merges.begin(), s.merges.end(), [&](const std::string& m) {
        return in_sqref(m, ref) && named.count({s.name, m.substr(0, m.find(':'))});
      });
      if (!merged_input) bad.push_back(s.name + "!" + ref + " 未锁定，但不是输入单元格");
    }
  return bad;
}

}  // namespace nianbao::test
