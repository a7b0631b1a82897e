#include "input/report_narrative.h"

#include <algorithm>

#include "input/report_text.h"
#include "text/utf8.h"

namespace nianbao {

using namespace report_text;

namespace {

int numeral_value(const std::string& e) {
  static const std::u32string kDigits = U"一二三四五六七八九";
  std::u32string s = decode_utf8(e);
  if (s.empty()) return 0;
  if (s == U"十") return 10;
  if (s.size() == 1) return static_cast<int>(kDigits.find(s[0]) + 1);
  if (s.size() == 2 && s[0] == U'十') return 10 + static_cast<int>(kDigits.find(s[1]) + 1);
  return 0;
}

bool is_trim(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == 0xA0 || c == 0x3000 || c == 0xFEFF; }

std::string trimmed(const std::string& s) {
  std::u32string u = decode_utf8(s);
  std::size_t b = 0, e = u.size();
  while (b < e && is_trim(u[b])) ++b;
  while (e > b && is_trim(u[e - 1])) --e;
  return encode_utf8(u.substr(b, e - b));
}

// A sub-heading at the front of a paragraph of the overview: "（一）主动公开情况" alone, or
// followed by "。" or "：" and the text. Returns the title, and the rest in `rest`.
bool sub_heading(const std::string& text, std::string& title, std::string& rest) {
  std::string n = normalize(text);
  std::string e = enumerator(n);
  if (e.empty() || e[0] != '(') return false;
  std::u32string t = decode_utf8(trimmed(text));
  // Past the enumerator in the text as typed: the first closing bracket.
  std::size_t close = t.find_first_of(U")）");
  if (close == std::u32string::npos) return false;
  std::u32string after = t.substr(close + 1);
  std::size_t stop = after.find_first_of(U"。：:");
  if (stop == std::u32string::npos) {
    if (after.size() > 30) return false;
    title = encode_utf8(after);
    rest.clear();
  } else {
    if (stop == 0 || stop > 30) return false;
    title = encode_utf8(after.substr(0, stop));
    rest = trimmed(encode_utf8(after.substr(stop + 1)));
  }
  title = trimmed(title);
  return !title.empty();
}

}  // namespace

std::vector<ReportHeading> heading_defs(const Format& format) {
  std::vector<std::pair<int, ReportHeading>> defs;
  for (const auto& s : format.sections) {
    ReportHeading d{s.id, false, s.heading, ""};
    std::u32string h = decode_utf8(s.heading);
    // "六、A（一）B": the report prints A, then B as a sub-heading.
    std::size_t sub = h.find(U"（", 1);
    if (sub != std::u32string::npos && sub > 2 && !enumerator(normalize(encode_utf8(h.substr(sub)))).empty()) {
      d.parent = encode_utf8(h.substr(0, sub));
      d.heading = encode_utf8(h.substr(sub));
    }
    defs.emplace_back(numeral_value(enumerator(normalize(d.parent.empty() ? d.heading : d.parent))), d);
  }
  for (const auto& t : format.tables) {
    int n = numeral_value(enumerator(normalize(t.title)));
    if (n > 0) defs.emplace_back(n, ReportHeading{t.id, true, t.title, ""});
  }
  std::stable_sort(defs.begin(), defs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<ReportHeading> out;
  for (auto& [n, d] : defs) out.push_back(std::move(d));
  return out;
}

bool is_heading(const std::string& paragraph, const ReportHeading& def) {
  std::string n = normalize(paragraph);
  std::u32string u = decode_utf8(n);
  if (u.empty() || u.size() > 60 || u.back() == U'。' || u.back() == U'；' || u.back() == ';') return false;
  std::string e = enumerator(n), want = enumerator(normalize(def.heading));
  if (!e.empty() && e != want) return false;
  std::u32string b = decode_utf8(bare(paragraph)), key = decode_utf8(bare(def.heading));
  if (b.size() * 10 > key.size() * 16 + 40) return false;
  return common_subsequence(b, key) * 10 >= static_cast<int>(key.size()) * 8;
}

std::vector<int> find_headings(const DocxBody& body, const std::vector<ReportHeading>& defs) {
  std::vector<int> out(defs.size(), -1);
  std::size_t from = 0;
  for (std::size_t d = 0; d < defs.size(); ++d) {
    std::size_t start = from;
    if (!defs[d].parent.empty()) {
      ReportHeading parent{defs[d].id, false, defs[d].parent, ""};
      for (std::size_t p = from; p < body.paragraphs.size(); ++p)
        if (is_heading(body.paragraphs[p].text, parent)) {
          start = p + 1;
          break;
        }
    }
    for (std::size_t p = start; p < body.paragraphs.size(); ++p)
      if (is_heading(body.paragraphs[p].text, defs[d])) {
        out[d] = static_cast<int>(p);
        from = p + 1;
        break;
      }
  }
  return out;
}

std::string report_title(const DocxBody& body, const std::vector<int>& headings) {
  int limit = static_cast<int>(body.paragraphs.size());
  for (int h : headings)
    if (h >= 0) limit = std::min(limit, h);
  if (!body.tables.empty()) limit = std::min(limit, body.tables.front().paragraphs_before);
  std::string title;
  int taken = 0;
  for (int p = 0; p < limit && p < 12 && taken < 3; ++p) {
    std::string t = trimmed(body.paragraphs[p].text);
    if (t.empty()) continue;
    title += t;
    ++taken;
  }
  return title;
}

int year_in(const std::string& text) {
  // "二〇二五年" is written too: its digits read as ASCII digits.
  static const std::u32string kCnDigits = U"〇一二三四五六七八九";
  std::u32string u = decode_utf8(normalize(text));
  for (auto& ch : u) {
    if (ch == U'○' || ch == U'零') ch = U'〇';
    if (std::size_t d = kCnDigits.find(ch); d != std::u32string::npos) ch = U'0' + static_cast<char32_t>(d);
  }
  std::string n = encode_utf8(u);
  for (std::size_t i = 0; i + 4 < n.size(); ++i) {
    bool digits = std::all_of(n.begin() + i, n.begin() + i + 4, [](char c) { return c >= '0' && c <= '9'; });
    bool alone = i == 0 || !(n[i - 1] >= '0' && n[i - 1] <= '9');
    if (digits && alone && n.compare(i + 4, 3, "年") == 0) {
      int y = std::stoi(n.substr(i, 4));
      if (y >= 2000 && y <= 2100) return y;
    }
  }
  return 0;
}

std::vector<int> agencies_named(const std::string& text, const std::vector<Agency>& roster) {
  std::string n = normalize(text);
  std::vector<int> hits;
  for (int i = 0; i < static_cast<int>(roster.size()); ++i) {
    std::string name = normalize(roster[i].name);
    if (!name.empty() && n.find(name) != std::string::npos) hits.push_back(i);
  }
  std::vector<int> out;
  for (int i : hits) {
    std::string name = normalize(roster[i].name);
    bool inside = std::any_of(hits.begin(), hits.end(), [&](int j) {
      std::string other = normalize(roster[j].name);
      return j != i && other.size() > name.size() && other.find(name) != std::string::npos;
    });
    if (!inside) out.push_back(i);
  }
  return out;
}

std::vector<NarrativeSection> section_texts(const DocxBody& body, const Format& format, const std::vector<ReportHeading>& defs,
                                            const std::vector<int>& headings, const std::string& file) {
  std::vector<int> starts;
  for (int h : headings)
    if (h >= 0) starts.push_back(h);
  std::sort(starts.begin(), starts.end());
  std::vector<NarrativeSection> out;
  for (std::size_t d = 0; d < defs.size(); ++d) {
    if (defs[d].is_table || headings[d] < 0) continue;
    const int from = headings[d];
    auto next = std::upper_bound(starts.begin(), starts.end(), from);
    const int to = next == starts.end() ? static_cast<int>(body.paragraphs.size()) : *next;
    NarrativeSection sec;
    sec.id = defs[d].id;
    sec.title = format.find_section(sec.id) ? format.find_section(sec.id)->heading : defs[d].heading;
    sec.where = SourceLocation{file, 0, 0};
    sec.where.paragraph = body.paragraphs[from].index;
    for (int p = from + 1; p < to; ++p) {
      const std::string& text = body.paragraphs[p].text;
      std::size_t b = 0;
      while (b <= text.size()) {
        std::size_t e = text.find('\n', b);
        if (e == std::string::npos) e = text.size();
        std::string line = trimmed(text.substr(b, e - b));
        if (!line.empty()) {
          Paragraph para{line, SourceLocation{file, 0, 0}};
          para.where.paragraph = body.paragraphs[p].index;
          sec.paragraphs.push_back(std::move(para));
        }
        b = e + 1;
      }
    }
    out.push_back(std::move(sec));
  }
  return out;
}

std::vector<NarrativeSection> overview_highlights(const NarrativeSection& overview, const std::string& agency_name) {
  std::vector<NarrativeSection> out;
  for (const auto& p : overview.paragraphs) {
    std::string title, rest;
    if (sub_heading(p.text, title, rest)) {
      NarrativeSection h;
      h.id = "highlights";
      h.title = title;
      h.where = p.where;
      if (!rest.empty()) h.paragraphs.push_back(Paragraph{rest, p.where});
      out.push_back(std::move(h));
    } else if (!out.empty()) {
      out.back().paragraphs.push_back(p);
    }
  }
  // Sub-headings over nothing are no highlights.
  out.erase(std::remove_if(out.begin(), out.end(), [](const NarrativeSection& h) { return h.paragraphs.empty(); }), out.end());
  if (out.empty() && !overview.paragraphs.empty()) {
    NarrativeSection h;
    h.id = "highlights";
    h.title = agency_name;
    h.where = overview.where;
    h.paragraphs = overview.paragraphs;
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace nianbao
