#include "validate/review.h"

#include <algorithm>
#include <cassert>
#include <map>
#include <string>

#include "text/utf8.h"
#include "validate/figure_phrases.h"
#include "validate/parallel_for.h"
#include "validate/review_text.h"
#include "validate/similarity.h"

namespace nianbao {

namespace {

using review::StatedFigure;
using review::StatedFigureKind;

constexpr std::size_t kSubmissionsPerWorker = 64;  // fewer: a thread costs more than it saves
constexpr std::size_t kQuotedSentence = 60;  // characters of a sentence quoted in a message
constexpr std::size_t kQuotedPhrase = 30;

std::string year_text(int year) { return year > 0 ? std::to_string(year) + "年" : "上年"; }

// "一、本年新收政府信息公开申请数量（总计）": the row and, where the table has several, the column.
std::string short_label(const Format& f, int cell) {
  const CellDef& c = f.cells[cell];
  const TableDef& t = f.tables[c.table];
  std::string s = f.row_full_label(c.table, c.row);
  if (t.columns.size() > 1 || t.columns[0].id != "value") s += "（" + t.columns[c.col].label + "）";
  return s;
}

// Whether a paragraph can hold a figure that W901 checks, told from its bytes: every such figure
// is counted in 件 and written in digits or numerals (placeholders hold neither). Most paragraphs
// are not, and are then never decoded.
bool may_state_a_figure(const std::string& text) {
  if (text.find("件") == std::string::npos) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0, n = text.size(); i < n; ++i) {
    if (p[i] >= '0' && p[i] <= '9') return true;
    if ((p[i] & 0xF0) == 0xE0 && i + 2 < n) {  // every numeral is three bytes in UTF-8
      const char32_t c = static_cast<char32_t>((p[i] & 0x0F) << 12 | (p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F));
      if (review::is_digit(c) || review::is_numeral_char(c)) return true;
      i += 2;
    }
  }
  return false;
}

struct Reading {
  std::vector<int> cells;
  std::int64_t value = 0;
};

// The readings of a phrase that this format has every cell of.
std::vector<Reading> readings_of(StatedFigureKind kind, const Format& f, FigureView values) {
  std::vector<Reading> out;
  for (const auto& paths : review::figure_readings(kind)) {
    Reading r;
    bool all = true;
    for (const char* path : paths) {
      int c = f.find_cell(path);
      if (c < 0 || f.cells[c].type != ValueType::kCount) {
        all = false;
        break;
      }
      r.cells.push_back(c);
      r.value += values[static_cast<std::size_t>(c)];
    }
    if (all) out.push_back(std::move(r));
  }
  return out;
}

std::string reading_label(const Format& f, const Reading& r) {
  std::string s;
  for (int c : r.cells) s += (s.empty() ? "" : " + ") + short_label(f, c);
  return s;
}

std::string reading_place(const Format& f, const Reading& r) {
  if (r.cells.size() == 1) return f.describe_cell(r.cells[0]);
  return f.tables[f.cells[r.cells[0]].table].title + " / " + reading_label(f, r);
}

std::string joined_text(const NarrativeSection& s) {
  std::string out;
  for (const auto& p : s.paragraphs) out += (out.empty() ? "" : "\n") + p.text;
  return out;
}

std::string section_label(const Format& f, const NarrativeSection& s) {
  if (s.id == "highlights") return s.title.empty() ? "工作亮点" : "工作亮点「" + s.title + "」";
  const SectionDef* d = f.find_section(s.id);
  return d ? d->heading : s.id;
}

const NarrativeSection* find_own(const Submission& sub, const std::string& id) {
  for (const auto& s : sub.own_sections)
    if (s.id == id) return &s;
  return nullptr;
}

void report_stated_figure(const Format& f, const std::u32string& text, const StatedFigure& fig,
                          const std::vector<Reading>& readings, const SourceLocation& where, Diagnostics& diags) {
  std::size_t sb = fig.sentence_begin;
  while (sb < fig.begin && review::is_space(text[sb])) ++sb;
  const std::u32string_view sentence = std::u32string_view(text).substr(sb, fig.sentence_end - sb);
  const std::string quoted = review::excerpt(sentence, fig.begin - sb, fig.end - sb, kQuotedSentence);
  const std::u32string_view phrase_text = std::u32string_view(text).substr(fig.begin, fig.end - fig.begin);
  const std::string phrase = review::excerpt(phrase_text, phrase_text.size(), phrase_text.size(), kQuotedPhrase);
  const Reading& primary = readings.front();
  auto& d = diags.warning("W901", where,
                          "正文“" + quoted + "”中的“" + phrase + "”与表格不符：正文为 " + std::to_string(fig.value) +
                              " 件，表中" + reading_label(f, primary) + "为 " + std::to_string(primary.value) + " 件。");
  d.place = reading_place(f, primary);
  d.found = "正文：" + std::to_string(fig.value) + " 件（" + review::figure_kind_label(fig.kind) + "）";
  std::string expected;
  for (const auto& r : readings)
    expected += (expected.empty() ? "" : "，或 ") + std::to_string(r.value) + " 件（" + reading_label(f, r) + "）";
  d.expected = expected + "；请核对正文或表格";
}

std::vector<std::u32string> own_names(const Agency& a) {
  std::vector<std::u32string> names{decode_utf8(a.name)};
  // 铁路镇人民政府 → 铁路镇, 剑光街道办事处 → 剑光街道: how the agency names itself in its text.
  for (const char* suffix : {"人民政府", "办事处"}) {
    std::string s(suffix);
    if (a.name.size() > s.size() && a.name.compare(a.name.size() - s.size(), s.size(), s) == 0)
      names.push_back(decode_utf8(a.name.substr(0, a.name.size() - s.size())));
  }
  return names;
}

bool same_place(const SourceLocation& a, const SourceLocation& b) {
  return a.file == b.file && a.line == b.line && a.column == b.column && a.paragraph == b.paragraph && a.table == b.table;
}

// A highlight cut out of one of the agency's own sections (a Word report's highlights are the
// sub-headed parts of its 一、总体情况): its paragraphs are reviewed once, as part of that section.
bool part_of_own_section(const Submission& sub, const NarrativeSection& s) {
  if (&s < sub.sections.data() || &s >= sub.sections.data() + sub.sections.size() || s.paragraphs.empty()) return false;
  for (const auto& p : s.paragraphs) {
    bool found = false;
    for (const auto& own : sub.own_sections)
      for (const auto& q : own.paragraphs) found = found || same_place(p.where, q.where);
    if (!found) return false;
  }
  return true;
}

struct Compared {
  std::size_t sub = 0;
  const NarrativeSection* section = nullptr;
};

// Section text ready for comparison, or empty when it is too short to count.
std::u32string comparable_section(const NarrativeSection& s, const Agency& agency) {
  std::u32string text = decode_utf8(joined_text(s));
  if (review::content_length(text) < kMinComparedCharacters) return {};
  return review::comparable_text(text, own_names(agency));
}

void check_against_other_agencies(const std::vector<const Submission*>& subs, const Format& f, std::vector<Diagnostics>& out,
                                  int threads) {
  std::map<std::string, std::vector<Compared>> by_section;  // section id → its texts, in submission order
  for (std::size_t i = 0; i < subs.size(); ++i)
    for (const auto* list : {&subs[i]->own_sections, &subs[i]->sections})
      for (const auto& s : *list)
        if (!part_of_own_section(*subs[i], s)) by_section[s.id].push_back({i, &s});
  for (const auto& entry : by_section) {
    const std::vector<Compared>& all = entry.second;  // a plain name: clang before 16 cannot capture a structured binding
    // Each text made comparable and sketched on all cores; the index takes them in order.
    std::vector<review::SimilarityIndex::Prepared> prepared(all.size());
    std::vector<char> counts(all.size(), 0);
    parallel_for(all.size(), worker_count(all.size(), threads, kSubmissionsPerWorker), [&](unsigned, std::size_t k) {
      const std::u32string text = comparable_section(*all[k].section, subs[all[k].sub]->agency);
      if (text.empty()) return;
      counts[k] = 1;
      prepared[k] = review::SimilarityIndex::prepare(text);
    });
    std::vector<Compared> docs;
    review::SimilarityIndex index;
    std::size_t documents = 0, samples = 0;
    for (std::size_t k = 0; k < all.size(); ++k)
      if (counts[k]) ++documents, samples += prepared[k].samples.size();
    index.reserve(documents, samples);
    docs.reserve(documents);
    for (std::size_t k = 0; k < all.size(); ++k) {
      if (!counts[k]) continue;
      index.add(static_cast<std::uint32_t>(all[k].sub), std::move(prepared[k]));
      docs.push_back(all[k]);
    }
    std::vector<review::SimilarityIndex::Prepared>().swap(prepared);
    auto matches = index.best_matches(
        kCopiedSectionPercent,
        [&](std::size_t k) { return comparable_section(*docs[k].section, subs[docs[k].sub]->agency); }, threads);
    for (std::size_t k = 0; k < docs.size(); ++k) {
      if (matches[k].other < 0) continue;
      const Compared& other = docs[static_cast<std::size_t>(matches[k].other)];
      const Submission& them = *subs[other.sub];
      const std::string pct = std::to_string(matches[k].percent) + "%";
      auto& d = out[docs[k].sub].warning(
          "W902", docs[k].section->where,
          "“" + section_label(f, *docs[k].section) + "”与 " + them.path + "（" + them.agency.name + "）的“" +
              section_label(f, *other.section) + "”有 " + pct + " 相同，疑似内容雷同；请按本单位的实际情况撰写。");
      d.place = section_label(f, *docs[k].section);
      d.found = "与 " + them.path + " 相同 " + pct;
      d.expected = "相同部分低于 " + std::to_string(kCopiedSectionPercent) + "%";
    }
  }
}

void check_against_own_last_year(const Submission& sub, const Submission& last, const AgencyArchive& archive,
                                 const Format& f, Diagnostics& diags) {
  for (const auto* list : {&sub.own_sections, &sub.sections})
    for (const auto& s : *list) {
      if (part_of_own_section(sub, s)) continue;
      std::u32string text = comparable_section(s, sub.agency);
      if (text.empty()) continue;
      const auto mine = review::shingles(text);
      const NarrativeSection* best = nullptr;
      int best_pct = 0;
      for (const auto* old_list : {&last.own_sections, &last.sections})
        for (const auto& old : *old_list) {
          if (old.id != s.id) continue;
          std::u32string old_text = comparable_section(old, last.agency);
          if (old_text.empty()) continue;
          int pct = review::similarity_percent(mine, review::shingles(old_text));
          if (pct >= kCopiedSectionPercent && pct > best_pct) best = &old, best_pct = pct;
        }
      if (!best) continue;
      const std::string pct = std::to_string(best_pct) + "%";
      const std::string when = "上年（" + year_text(archive.year) + "）";
      auto& d = diags.warning("W903", s.where,
                              "“" + section_label(f, s) + "”与本单位" + when + "报送的“" + section_label(f, *best) + "”有 " +
                                  pct + " 相同，疑似照搬上年内容；请按本年的实际情况撰写。");
      d.place = section_label(f, s);
      d.found = "与" + when + "的 " + last.path + " 相同 " + pct + "（见 " + archive.path + "）";
      d.expected = "相同部分低于 " + std::to_string(kCopiedSectionPercent) + "%";
    }
}

void check_sections(const Submission& sub, const Format& f, Diagnostics& diags) {
  if (sub.own_sections.empty()) return;  // the file carries no report text of its own
  if (const SectionDef* def = f.find_section("problems")) {
    const NarrativeSection* s = find_own(sub, "problems");
    std::u32string text = s ? decode_utf8(joined_text(*s)) : std::u32string();
    const std::size_t length = review::content_length(text);
    std::u32string letters;
    for (char32_t c : text)
      if (!review::is_space(c) && !review::is_punctuation(c)) letters.push_back(c);
    const SourceLocation where = s ? s->where : sub.where;
    std::string what;
    if (length == 0) what = "没有写“" + def->heading + "”";
    else if (letters == U"无" || letters == U"暂无" || letters == U"没有" || letters == U"无问题" || letters == U"暂无问题")
      what = "“" + def->heading + "”只写了“" + encode_utf8(letters) + "”";
    else if (length < kMinProblemsCharacters)
      what = "“" + def->heading + "”只有 " + std::to_string(length) + " 个字";
    if (!what.empty()) {
      auto& d = diags.warning("W904", where, what + "；年度报告须写明本年存在的主要问题和改进情况，“无”或一句话不能通过审核。");
      d.place = def->heading;
      d.found = length == 0 ? "（空）" : encode_utf8(letters.substr(0, kQuotedPhrase));
      d.expected = "不少于 " + std::to_string(kMinProblemsCharacters) + " 个字的问题和改进措施";
    }
  }
  const SectionDef* other = f.find_section("other");
  if (other && f.find_table("processing_fees") >= 0) {
    const NarrativeSection* s = find_own(sub, "other");
    const std::string text = s ? joined_text(*s) : std::string();
    if (text.find("信息处理费") == std::string::npos && text.find("收费") == std::string::npos) {
      auto& d = diags.warning("W905", s ? s->where : sub.where,
                              "“" + other->heading + "”没有说明信息处理费的收取情况；请写明发出收费通知的件数和总金额、实际收取的总金额（没有收取的，写明未收取）。");
      d.place = other->heading;
      d.expected = "如“本年度未收取信息处理费。”";
    }
  }
}

void check_kind_figures(const Submission& sub, const Format& f, Diagnostics& diags) {
  if (sub.agency.kind != AgencyKind::kTownship) return;
  std::string given;
  int first = -1;
  for (const char* path : {"active.rules.issued", "active.rules.repealed", "active.rules.in_force"}) {
    int c = f.find_cell(path);
    if (c < 0 || sub.values[static_cast<std::size_t>(c)] == 0) continue;
    if (first < 0) first = c;
    given += (given.empty() ? "" : "、") + f.tables[f.cells[c].table].columns[f.cells[c].col].label + " " +
             format_value(sub.values[static_cast<std::size_t>(c)], ValueType::kCount);
  }
  if (first >= 0) {
    const CellDef& c = f.cells[first];
    auto& d = diags.warning("W906", sub.where,
                            "乡镇、街道没有制定规章的权限，表中“" + f.tables[c.table].rows[c.row].label + "”一行却填有数字：" + given +
                                "；本单位制发的文件应填在“行政规范性文件”一行。");
    d.place = f.tables[c.table].title + " / " + f.row_full_label(c.table, c.row);
    d.found = given;
    d.expected = "0";
  }
  // Above 10000 万元 every agency gets W311 (rule R9 of the format); a 乡镇 or 街道 collecting
  // 1000 万元 (ten million yuan) of 行政事业性收费 is as implausible: the amount was typed in 元.
  int fees = f.find_cell("active.fees.amount");
  if (fees >= 0 && f.cells[fees].type == ValueType::kMoney) {
    std::int64_t raw = sub.values[static_cast<std::size_t>(fees)];
    if (raw >= 1000 * kMoneyScale && raw <= 10000 * kMoneyScale) {
      auto& d = diags.warning("W907", sub.where,
                              "乡镇、街道的行政事业性收费为 " + format_value(raw, ValueType::kMoney) +
                                  " 万元（一千万元以上），多半是把以“元”为单位的金额填进了“万元”一栏；请核对。");
      d.place = f.describe_cell(fees);
      d.found = format_value(raw, ValueType::kMoney) + " 万元";
      d.expected = "以万元为单位：" + format_value(raw, ValueType::kMoney) + " 元应填 " +
                   format_value(raw / 10000, ValueType::kMoney) + "（万元）";
    }
  }
}

}  // namespace

void check_text_against_tables(const Submission& sub, const Format& f, Diagnostics& diags) {
  std::size_t listed = 0, unlisted = 0;
  for (const auto* list : {&sub.own_sections, &sub.sections})
    for (const auto& section : *list) {
      if (part_of_own_section(sub, section)) continue;
      for (const auto& p : section.paragraphs) {
        if (!may_state_a_figure(p.text)) continue;
        const std::u32string text = decode_utf8(p.text);
        for (const StatedFigure& fig : review::find_stated_figures(text, sub.year)) {
          std::vector<Reading> readings = readings_of(fig.kind, f, sub.values);
          if (readings.empty()) continue;
          if (std::any_of(readings.begin(), readings.end(), [&](const Reading& r) { return r.value == fig.value; })) continue;
          if (listed == kMaxTextFindings) {
            ++unlisted;
            continue;
          }
          ++listed;
          report_stated_figure(f, text, fig, readings, p.where, diags);
        }
      }
    }
  if (unlisted > 0)
    diags.warning("W901", sub.where,
                  "另有 " + std::to_string(unlisted) + " 处正文所述数字与表格不符，未逐一列出；请对照表格逐句核对正文。");
}

void review_submission(const Submission& sub, const Format& f, Diagnostics& diags) {
  assert(sub.values.size() == static_cast<std::size_t>(f.cell_count()));
  check_text_against_tables(sub, f, diags);
  check_sections(sub, f, diags);
  check_kind_figures(sub, f, diags);
}

void check_against_last_year(const Submission& sub, const Submission& last, const AgencyArchive& archive, const Format& f,
                             Diagnostics& diags) {
  assert(last.values.size() == sub.values.size());
  const std::string then = "上年（" + year_text(archive.year) + "）";
  const int requests = f.find_table("requests");
  if (requests >= 0) {
    const TableDef& t = f.tables[requests];
    const int in_row = t.find_row("carried_in"), out_row = t.find_row("carried_out");
    for (int col = 0; in_row >= 0 && out_row >= 0 && col < static_cast<int>(t.columns.size()); ++col) {
      if (!t.columns[col].sum_of.empty()) continue;  // a total differs only where a part does
      int now = f.cell(requests, in_row, col), before = f.cell(requests, out_row, col);
      if (now < 0 || before < 0 || sub.values[now] == last.values[before]) continue;
      auto& d = diags.warning("W908", sub.where,
                              "本单位本年“" + t.rows[in_row].label + "”（" + t.columns[col].label + "）为 " +
                                  std::to_string(sub.values[now]) + " 件，而" + then + "报送的“" + t.rows[out_row].label +
                                  "”为 " + std::to_string(last.values[before]) + " 件，两者应当相等。");
      d.place = f.describe_cell(now);
      d.found = "本年 " + std::to_string(sub.values[now]) + " 件";
      d.expected = then + std::to_string(last.values[before]) + " 件（" + last.path + "，见 " + archive.path + "）";
    }
  }
  const int active = f.find_table("active");
  if (active < 0) return;
  const TableDef& t = f.tables[active];
  const int issued = t.find_column("issued"), repealed = t.find_column("repealed"), in_force = t.find_column("in_force");
  for (int row = 0; row < static_cast<int>(t.rows.size()); ++row) {
    int i = f.cell(active, row, issued), r = f.cell(active, row, repealed), now = f.cell(active, row, in_force);
    if (i < 0 || r < 0 || now < 0) continue;
    const std::int64_t expected = last.values[now] + sub.values[i] - sub.values[r];
    if (sub.values[now] == expected) continue;
    const std::string& label = t.rows[row].label;
    auto& d = diags.warning("W909", sub.where,
                            "本单位“" + label + "”现行有效件数与上年不衔接：本年现行有效 " + std::to_string(sub.values[now]) +
                                " 件，而" + then + "现行有效 " + std::to_string(last.values[now]) + " 件 + 本年制发 " +
                                std::to_string(sub.values[i]) + " 件 − 本年废止 " + std::to_string(sub.values[r]) + " 件 = " +
                                std::to_string(expected) + " 件。");
    d.place = f.describe_cell(now);
    d.found = "本年 " + std::to_string(sub.values[now]) + " 件";
    d.expected = std::to_string(expected) + " 件（" + then + std::to_string(last.values[now]) + " 件，" + last.path +
                 "，见 " + archive.path + "；文件清理、修订可使其不等）";
  }
}

void check_copied_sections(const std::vector<const Submission*>& subs, const Format& f, const AgencyArchive* last_year,
                           std::vector<Diagnostics>& out, int threads) {
  assert(out.size() == subs.size());
  check_against_other_agencies(subs, f, out, threads);
  if (!last_year) return;
  parallel_for(subs.size(), worker_count(subs.size(), threads, kSubmissionsPerWorker), [&](unsigned, std::size_t i) {
    if (const Submission* last = last_year->find(subs[i]->agency.code))
      check_against_own_last_year(*subs[i], *last, *last_year, f, out[i]);
  });
}

std::vector<Diagnostics> review_submissions(const std::vector<const Submission*>& subs, const Format& f,
                                            const AgencyArchive* last_year, int threads) {
  assert(!last_year || last_year->format == f.id);
  std::vector<Diagnostics> out(subs.size());
  // The checks of one submission read only it and its own last year: they share nothing.
  parallel_for(subs.size(), worker_count(subs.size(), threads, kSubmissionsPerWorker), [&](unsigned, std::size_t i) {
    review_submission(*subs[i], f, out[i]);
    if (last_year)
      if (const Submission* last = last_year->find(subs[i]->agency.code))
        check_against_last_year(*subs[i], *last, *last_year, f, out[i]);
  });
  check_copied_sections(subs, f, last_year, out, threads);
  return out;
}

}  // namespace nianbao
