#include "render/outputs.h"

#include <algorithm>
#include <map>

#include "format/format.h"
#include "text/ascii.h"
#include "text/escape.h"
#include "text/printable.h"
#include "text/utf8.h"

namespace nianbao {

namespace {

std::string q(const std::string& s) {
  std::string out = "\"";
  out += json_escape(s);
  out += '"';
  return out;
}

// A form's cell as the clerk finds it: "三、收到和处理政府信息公开申请情况!D12"; "" when there is none.
std::string sheet_cell(const SourceLocation& at) {
  if (at.cell.empty()) return "";
  return at.sheet.empty() ? at.cell.str() : at.sheet + "!" + at.cell;
}

std::string full_message(const Diagnostic& d) {
  std::string m = d.message;
  const std::string cell = sheet_cell(d.where);
  if (!cell.empty() || !d.place.empty())
    m += "（位置：" + cell + (cell.empty() || d.place.empty() ? "" : "，") + d.place + "）";
  auto sentence = [](const std::string& text) {
    return text.size() >= 3 && text.compare(text.size() - 3, 3, "。") == 0 ? text : text + "。";
  };
  if (!d.found.empty()) m += "实际：" + sentence(d.found);
  if (!d.expected.empty()) m += "应为：" + sentence(d.expected);
  return m;
}

// Where a finding is, in the terms of its kind of file: the line (always, as the spec's example
// has it; 0 for the whole file) and column of an XML file, the sheet and cell of a form, the
// table, row and column of a Word report; each field only when it is set.
std::string place_json(const SourceLocation& at) {
  std::string s = ", \"line\": " + std::to_string(at.line);
  if (at.column > 0) s += ", \"column\": " + std::to_string(at.column);
  if (!at.sheet.empty()) s += ", \"sheet\": " + q(at.sheet);
  if (!at.cell.empty()) s += ", \"cell\": " + q(at.cell);
  if (at.table > 0) s += ", \"table\": " + std::to_string(at.table);
  if (at.row > 0) s += ", \"row\": " + std::to_string(at.row);
  if (at.col > 0) s += ", \"col\": " + std::to_string(at.col);
  return s;
}

std::string diag_json(const Diagnostic& d, bool with_path) {
  std::string s = "{\"code\": " + q(d.code);
  if (with_path) s += ", \"path\": " + q(d.where.file);
  s += place_json(d.where);
  s += ", \"message\": " + q(full_message(d));
  if (!d.place.empty()) s += ", \"place\": " + q(d.place);
  if (!d.found.empty()) s += ", \"found\": " + q(d.found);
  if (!d.expected.empty()) s += ", \"expected\": " + q(d.expected);
  return s + "}";
}

// Where in its file a finding is, before its message in 校验报告: "第14行：", "三、…!D12：".
std::string where_prefix(const SourceLocation& at) {
  if (at.line > 0) return "第" + std::to_string(at.line) + "行：";
  if (at.paragraph > 0 && at.part.empty()) return "第" + std::to_string(at.paragraph) + "段：";
  const std::string cell = sheet_cell(at);
  return cell.empty() ? "" : cell + "：";
}

// The cells of a form its errors name, sheet by sheet in the order first named:
// "三、收到和处理政府信息公开申请情况 D6、E7；文字 B3"; "" when they name none (an XML file).
std::string cells_to_change(const Diagnostics& diags) {
  std::vector<std::pair<std::string, std::vector<std::string>>> sheets;
  for (const auto& d : diags.items()) {
    if (!d.is_error() || d.where.cell.empty()) continue;
    auto it = std::find_if(sheets.begin(), sheets.end(), [&](const auto& s) { return s.first == d.where.sheet; });
    if (it == sheets.end()) it = sheets.insert(sheets.end(), {d.where.sheet, {}});
    if (std::find(it->second.begin(), it->second.end(), d.where.cell) == it->second.end()) it->second.push_back(d.where.cell);
  }
  std::string out;
  for (const auto& [sheet, cells] : sheets) {
    out += (out.empty() ? "" : "；") + sheet + (sheet.empty() ? "" : " ");
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "、" : "") + cells[i];
  }
  return out;
}

}  // namespace

std::string merged_xml(const MergedReport& m) {
  const Format& f = *m.format;
  const ReportFile& r = *m.report;
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<!-- " + xml_escape(r.title) + "：" + std::to_string(m.agencies.size()) + " 个单位的汇总数据，由 nianbao 生成。"
       "可作为上一级的报送文件，或作为下一年度的 previous 数据。 -->\n";
  x += "<submission format=\"" + xml_escape(f.id) + "\" year=\"" + std::to_string(r.year) + "\">\n";
  x += "  <agency code=\"" + xml_escape(r.region_code) + "\" name=\"" + xml_escape(r.region_name) +
       "\" kind=\"government\"/>\n";
  x += "  <contact name=\"" + xml_escape(r.contact.name) + "\" phone=\"" + xml_escape(r.contact.phone) + "\"";
  if (!r.contact.email.empty()) x += " email=\"" + xml_escape(r.contact.email) + "\"";
  x += "/>\n";
  for (int t = 0; t < static_cast<int>(f.tables.size()); ++t) {
    const TableDef& table = f.tables[t];
    x += "  <table id=\"" + table.id + "\">\n";
    for (int row = 0; row < static_cast<int>(table.rows.size()); ++row) {
      x += "    <row id=\"" + table.rows[row].id + "\"";
      for (int c : table.rows[row].columns) {
        int cell = table.cell_index[row][c];
        x += " " + table.columns[c].id + "=\"" + format_value(m.totals[cell], f.cells[cell].type) + "\"";
      }
      x += "/>\n";
    }
    x += "  </table>\n";
  }
  return x + "</submission>\n";
}

std::string summary_json(const MergedReport* m, const std::vector<FileResult>& files, const SummaryInfo& info) {
  std::string s = "{\n";
  s += "  \"format\": " + q(info.format) + ",\n";
  s += "  \"year\": " + std::to_string(info.year) + ",\n";
  s += "  \"status\": " + q(info.status) + ",\n";
  if (!info.error.empty()) s += "  \"error\": " + q(info.error) + ",\n";
  if (m) {
    s += "  \"counts\": {\"roster\": " + std::to_string(m->roster.size()) +
         ", \"accepted\": " + std::to_string(m->agencies.size()) +
         ", \"rejected\": " + std::to_string(m->rejected_count()) +
         ", \"missing\": " + std::to_string(m->missing_count()) +
         ", \"rejected_files_without_agency\": " + std::to_string(m->unattributed_rejected_count()) + "},\n";
  }
  s += "  \"files\": [";
  bool first = true;
  for (const auto& f : files) {
    s += first ? "\n" : ",\n";
    first = false;
    const char* outcome = f.outcome == FileOutcome::kAccepted ? "accepted" : f.outcome == FileOutcome::kRejected ? "rejected" : "ignored";
    s += "    {\"path\": " + q(f.path) + ", \"outcome\": \"" + outcome + "\"";
    if (!f.agency_code.empty()) s += ", \"agency\": " + q(f.agency_code);
    if (f.outcome == FileOutcome::kIgnored && !f.ignored_reason.empty()) s += ", \"reason\": " + q(f.ignored_reason);
    if (f.outcome == FileOutcome::kRejected) {
      s += ", \"errors\": [";
      bool fe = true;
      for (const auto& d : f.diags.items())
        if (d.is_error()) {
          s += (fe ? "" : ", ") + diag_json(d, false);
          fe = false;
        }
      s += "]";
    }
    s += "}";
  }
  s += first ? "],\n" : "\n  ],\n";
  s += "  \"missing\": [";
  first = true;
  if (m)
    for (const auto& r : m->roster)
      if (r.status == RosterStatus::kMissing) {
        s += (first ? "" : ", ") + std::string("{\"code\": ") + q(r.agency->code) + ", \"name\": " + q(r.agency->name) + "}";
        first = false;
      }
  s += "],\n  \"warnings\": [";
  first = true;
  auto add_warning = [&](const Diagnostic& d) {
    s += (first ? "\n    " : ",\n    ") + diag_json(d, true);
    first = false;
  };
  for (const auto& f : files)
    for (const auto& d : f.diags.items())
      if (!d.is_error()) add_warning(d);
  if (m)
    for (const auto& d : m->warnings.items()) add_warning(d);
  for (const auto& d : info.run_diagnostics)
    if (!d.is_error()) add_warning(d);
  s += first ? "],\n" : "\n  ],\n";
  if (!info.run_diagnostics.empty()) {
    s += "  \"errors\": [";
    first = true;
    for (const auto& d : info.run_diagnostics)
      if (d.is_error()) {
        s += (first ? "\n    " : ",\n    ") + diag_json(d, true);
        first = false;
      }
    s += first ? "],\n" : "\n  ],\n";
  }
  s += "  \"outputs\": [";
  for (std::size_t i = 0; i < info.outputs.size(); ++i) s += (i ? ", " : "") + q(info.outputs[i]);
  return s + "]\n}\n";
}

std::string validation_report(const MergedReport& m, const std::vector<FileResult>& files) {
  const ReportFile& r = *m.report;
  std::string out = r.title + " · 校验报告\n";
  out += "应报送 " + std::to_string(m.roster.size()) + " 个单位：已报送 " + std::to_string(m.agencies.size()) +
         " 个，未报送 " + std::to_string(m.missing_count()) + " 个，被退回 " + std::to_string(m.rejected_count()) + " 个。\n";
  std::size_t ignored = 0;
  for (const auto& f : files) ignored += f.outcome == FileOutcome::kIgnored;
  if (std::size_t other = m.unattributed_rejected_count())
    out += "另有 " + std::to_string(other) + " 个文件被退回且无法对应名单中的单位（见四），报告数据不完整。\n";
  if (ignored) out += "另有 " + std::to_string(ignored) + " 个文件不是报送文件，已忽略（见四）。\n";
  if (m.complete()) out += "全部单位已报送且通过校验，报告数据完整。\n";

  // Errors, or warnings: those of the review (is_review_finding) when `review`, the others when not.
  auto list_diags = [&](const Diagnostics& diags, bool errors, bool review = false) {
    std::string s;
    for (const auto& d : diags.items()) {
      if (d.is_error() != errors || (!errors && is_review_finding(d) != review)) continue;
      s += "    - [" + d.code + "] " + where_prefix(d.where) + d.message + "\n";
      if (!d.place.empty()) s += "      位置：" + d.place + "\n";
      if (!d.found.empty()) s += "      实际：" + d.found + "\n";
      if (!d.expected.empty()) s += "      应为：" + d.expected + "\n";
    }
    // A form's errors end with the cells to change, for the clerk who opens the form to fix it.
    if (std::string cells = errors ? cells_to_change(diags) : ""; !cells.empty()) s += "    请在填报表中改正这些单元格：" + cells + "\n";
    return s;
  };

  std::string rejected, missing, warned;
  int n = 0;
  for (const auto& e : m.roster) {
    if (e.status == RosterStatus::kRejected) {
      rejected += "\n" + std::to_string(++n) + ". " + e.agency->name + "（" + e.agency->code + "）被退回，请按以下各项修改后重新报送：\n";
      for (int fi : e.files) rejected += "  文件 " + files[fi].path + "\n" + list_diags(files[fi].diags, true);
    } else if (e.status == RosterStatus::kMissing) {
      missing += "  " + e.agency->name + "（" + e.agency->code + "）\n";
    }
  }
  // Every part is shown, "无。" when empty: the office sees that nothing was left out.
  out += "\n一、被退回的单位（须修改后重新报送）\n" + (rejected.empty() ? "  无。\n" : rejected);
  out += "\n二、未报送的单位（请催报）\n" + (missing.empty() ? "  无。\n" : missing);
  std::string others;
  for (const auto& f : files) {
    bool on_roster = !f.agency_code.empty() && r.find_agency(f.agency_code) >= 0;
    if (f.outcome == FileOutcome::kRejected && !on_roster)
      others += "  " + f.path + "：被退回（无法对应名单中的单位）\n" + list_diags(f.diags, true);
    if (f.outcome == FileOutcome::kIgnored) others += "  " + f.path + "：已忽略（" + f.ignored_reason + "）\n";
  }
  // Each file's warnings, then the review of the agency's report under its own heading: what
  // the office sends back to the agency.
  for (const auto& f : files) {
    std::string w = list_diags(f.diags, false);
    std::string review = list_diags(f.diags, false, true);
    if (!review.empty()) w += "    审核意见（请核对；确有问题的，改正后重新报送）：\n" + review;
    if (!w.empty()) warned += "  " + (f.agency_name.empty() ? f.path : f.agency_name + "（" + f.path + "）") + "\n" + w;
  }
  // Findings on the merged totals (the cross-year rules with --previous).
  std::string totals = list_diags(m.warnings, false);
  if (!totals.empty()) warned += "  汇总数" + std::string(m.has_previous ? "（与上年数据比较）" : "") + "\n" + totals;
  out += "\n三、请核对的事项（警告，不影响采用）\n" + (warned.empty() ? "  无。\n" : warned);
  out += "\n四、其他文件\n" + (others.empty() ? "  无。\n" : others);
  // File names and quoted text may hold control characters: shown, never passed on raw.
  return printable(out);
}

std::string output_date(const ReportFile& r) {
  return r.published.empty() ? std::to_string(r.year + 1) + "-01-01" : r.published;
}

std::time_t date_to_time(const std::string& date) {
  std::tm tm{};
  tm.tm_year = std::stoi(date.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(date.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(date.substr(8, 2));
  return timegm(&tm);
}

std::string file_name_key(std::string name) {
  return ascii_lower(name);
}

std::vector<std::pair<std::size_t, std::size_t>> file_name_clashes(const std::vector<std::string>& names) {
  std::map<std::string, std::size_t> first;
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (auto [it, added] = first.emplace(file_name_key(names[i]), i); !added) out.emplace_back(it->second, i);
  return out;
}

std::vector<std::string> agency_file_names(const std::vector<const Agency*>& agencies) {
  std::vector<std::string> names;
  for (const Agency* a : agencies) names.push_back(safe_file_name(a->code + "-" + a->name));
  // The name after the code only where it cannot make two files one: "A" + "B-C" is "A-B" + "C".
  std::vector<bool> code_only(names.size(), false);
  for (auto [earlier, later] : file_name_clashes(names)) code_only[earlier] = code_only[later] = true;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (code_only[i]) names[i] = safe_file_name(agencies[i]->code);
  return names;
}

std::string safe_file_name(const std::string& title) {
  std::string out;
  for (std::size_t i = 0; i < title.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(title[i]);
    if (c < 0x20 || c == 0x7F) continue;
    if (std::string("/\\:*?\"<>|").find(static_cast<char>(c)) != std::string::npos) {
      out += '_';
      continue;
    }
    out += static_cast<char>(c);
  }
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  // Keep names within common file-system limits (255 bytes), cutting on a character boundary.
  if (out.size() > 180) {
    out.resize(char_start(out, 180));
  }
  return out.empty() ? "政府信息公开工作年度报告" : out;
}

}  // namespace nianbao
