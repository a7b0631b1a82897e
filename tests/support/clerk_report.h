// Agencies' own Word reports as another tool makes them, for end-to-end tests: the statutory
// tables laid out from a format's <layout> with what clerks change (brackets, numbering, line
// breaks in cells, a shorter header, shortened labels, a table split in two), a narrative, and
// python-docx (tests/support/clerk_docx.py) to write the .docx. Figures are chosen here so that
// a test can sum what it generated.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "format/format.h"

namespace nianbao::test {

/// What a clerk changed in the official tables.
struct ClerkVariant {
  bool ascii_brackets = false;   // (一) for （一）
  std::string number_mark = "";  // "、" or "．" for the "." of 1.属于国家秘密
  bool line_breaks = false;      // 商业\n企业 …
  bool two_row_header = false;   // the requests table without its 申请人情况 row
  bool shortened = false;        // 现行有效件, 规范性文件
  bool split_requests = false;   // the requests table as two Word tables, the second without a header
};

/// Random figures of one agency that satisfy the format's rules (R1 per column), computed cells
/// computed; `seed` makes them.
inline std::vector<std::int64_t> clerk_figures(const Format& f, unsigned seed) {
  std::mt19937 rng(seed);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::vector<std::int64_t> v(static_cast<std::size_t>(f.cell_count()), 0);
  auto set = [&](const std::string& path, std::int64_t x) { v[static_cast<std::size_t>(f.find_cell(path))] = x; };
  for (const char* row : {"rules", "normative"}) {
    set(std::string("active.") + row + ".issued", pick(0, 3));
    set(std::string("active.") + row + ".repealed", pick(0, 1));
    set(std::string("active.") + row + ".in_force", pick(5, 30));
  }
  set("active.licensing.decisions", pick(0, 400));
  set("active.penalty.decisions", pick(0, 90));
  set("active.coercion.decisions", pick(0, 9));
  set("active.fees.amount", pick(0, 80) * 500);  // 0.05 万元 steps
  for (const char* col : {"natural", "business", "research", "nonprofit", "legal_service", "other_org"}) {
    std::int64_t closed = 0;
    for (const char* row : {"granted", "partial", "denied_state_secret", "unavailable_not_held", "not_processed_duplicate", "other_misc"}) {
      int x = pick(0, 3) * pick(0, 1);
      set(std::string("requests.") + row + "." + col, x);
      closed += x;
    }
    int out = pick(0, 2), in = pick(0, 2);
    if (closed + out < in) in = 0;
    set(std::string("requests.carried_out.") + col, out);
    set(std::string("requests.carried_in.") + col, in);
    set(std::string("requests.new.") + col, closed + out - in);
  }
  for (const char* row : {"review", "litigation_direct", "litigation_after_review"}) {
    set(std::string("appeals.") + row + ".upheld", pick(0, 2));
    set(std::string("appeals.") + row + ".corrected", pick(0, 1));
    set(std::string("appeals.") + row + ".pending", pick(0, 1));
  }
  f.compute(v);
  return v;
}

/// A label as the clerk typed it.
inline std::string clerk_label(std::string text, const ClerkVariant& v) {
  if (v.ascii_brackets) {
    text = std::regex_replace(text, std::regex("（"), "(");
    text = std::regex_replace(text, std::regex("）"), ")");
  }
  if (!v.number_mark.empty()) text = std::regex_replace(text, std::regex("^([0-9])\\."), "$1" + v.number_mark);
  if (v.line_breaks) {
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"商业企业", "商业\\n企业"}, {"法人或其他组织", "法人或其他\\n组织"}, {"本年新收政府信息公开申请数量", "本年新收政府\\n信息公开申请数量"}})
      if (text.find(from) != std::string::npos) text.replace(text.find(from), from.size(), to);
  }
  if (v.shortened) {
    if (text == "现行有效件数") text = "现行有效件";
    if (text == "行政规范性文件") text = "规范性文件";
  }
  return text;
}

struct SpecCell {
  int row, col, rowspan, colspan;
  std::string text;
};

inline std::string spec_table(const std::vector<SpecCell>& cells, int rows, int cols) {
  std::string out = "T\t" + std::to_string(rows) + "\t" + std::to_string(cols) + "\n";
  for (const auto& c : cells)
    out += "C\t" + std::to_string(c.row) + "\t" + std::to_string(c.col) + "\t" + std::to_string(c.rowspan) + "\t" +
           std::to_string(c.colspan) + "\t" + c.text + "\n";
  return out;
}

/// The spec lines (clerk_docx.py) of format table `id`: its layout with the variant's changes,
/// each figure cell printing `text(cell)` (totals included: a clerk prints them).
inline std::string clerk_table(const Format& f, const std::string& id, const ClerkVariant& v,
                               const std::function<std::string(int)>& text) {
  const Layout& L = f.tables[static_cast<std::size_t>(f.find_table(id))].layout;
  const int cols = static_cast<int>(L.widths.size());
  std::vector<SpecCell> cells;
  for (const auto& lc : L.cells) cells.push_back({lc.row, lc.col, lc.rowspan, lc.colspan, lc.is_value ? text(lc.cell) : clerk_label(lc.text, v)});
  int rows = L.grid_rows;
  if (id == "requests" && v.two_row_header) {  // the 申请人情况 row goes; the corner note spans two rows
    std::vector<SpecCell> kept;
    for (auto c : cells) {
      if (c.row == 0 && c.rowspan == 1) continue;
      if (c.row == 0) --c.rowspan;
      else --c.row;
      kept.push_back(c);
    }
    cells = kept;
    --rows;
  }
  if (id != "requests" || !v.split_requests) return spec_table(cells, rows, cols);
  // Split before （四）无法提供: a cell across the cut is cut too, its text repeated below.
  int cut = -1;
  for (const auto& c : cells)
    if (c.text.find("无法提供") != std::string::npos) cut = c.row;
  std::vector<SpecCell> first, second;
  for (const auto& c : cells) {
    if (c.row + c.rowspan <= cut) first.push_back(c);
    else if (c.row >= cut) second.push_back({c.row - cut, c.col, c.rowspan, c.colspan, c.text});
    else {
      first.push_back({c.row, c.col, cut - c.row, c.colspan, c.text});
      second.push_back({0, c.col, c.row + c.rowspan - cut, c.colspan, c.text});
    }
  }
  return spec_table(first, cut, cols) + "P\t\n" + spec_table(second, rows - cut, cols);
}

/// Makes `out` from `spec` with python-docx, then rewritten as WPS saves it when `wps`
/// (clerk_docx.py says what that emulates); false when python3-docx is missing or it fails.
inline bool write_clerk_docx(const std::string& spec, const std::filesystem::path& out, bool wps = false) {
  const std::string python = std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  const std::filesystem::path spec_path = out.string() + ".spec.tsv";
  { std::ofstream(spec_path, std::ios::binary) << spec; }
  const std::string script = std::string(NIANBAO_SOURCE_DIR) + "/tests/support/clerk_docx.py";
  const bool ok = std::system((python + " '" + script + "' '" + spec_path.string() + "' '" + out.string() + "'" + (wps ? " wps" : "")).c_str()) == 0;
  std::filesystem::remove(spec_path);
  return ok;
}

/// Text that reads like a report's and is this seed's alone: words of two to four characters
/// from the vocabulary of reports (no digits, no numerals), in sentences.
inline std::string clerk_text(unsigned seed, int sentences = 6) {
  static const std::vector<std::string> chars = [] {
    std::vector<std::string> out;
    const std::string all = "政务公开信息办理主动依法规范推进工作制度平台网站部门单位群众服务事项政策解读回应关切"
                            "监督考核培训领域财政预算决算重点项目建设民生保障教育医疗住房就业乡村振兴营商环境数据共享";
    for (std::size_t i = 0; i < all.size(); i += 3) out.push_back(all.substr(i, 3));
    return out;
  }();
  std::mt19937 rng(seed * 7919u + 17u);
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  std::string out;
  for (int s = 0; s < sentences; ++s) {
    for (std::size_t w = 0, words = 4 + pick(4); w < words; ++w)
      for (std::size_t k = 0, len = 2 + pick(3); k < len; ++k) out += chars[pick(chars.size())];
    out += s + 1 == sentences ? "。" : "，";
  }
  return out;
}

}  // namespace nianbao::test
