#include "validate/figure_phrases.h"

#include <algorithm>
#include <initializer_list>
#include <string>

#include "validate/review_text.h"

namespace nianbao::review {

namespace {

using K = StatedFigureKind;
using sv = std::u32string_view;
using Words = std::initializer_list<sv>;

constexpr std::int64_t kNumeralLimit = 1'000'000'000'000;

struct Trigger {
  sv text;
  K kind;
};

// The key words. The one nearest before a number governs it; words that contain another
// (新收到 / 收到) resolve to the nearer end, then the longer word.
constexpr Trigger kTriggers[] = {
    {U"新收", K::kNew},
    {U"收到", K::kReceived},
    {U"受理", K::kReceived},
    {U"接收", K::kReceived},
    {U"接到", K::kReceived},
    {U"上年结转", K::kCarriedIn},
    {U"上年度结转", K::kCarriedIn},
    {U"上一年度结转", K::kCarriedIn},
    {U"上一年结转", K::kCarriedIn},
    {U"办结", K::kClosed},
    {U"答复", K::kClosed},
    {U"办理完毕", K::kClosed},
    {U"结转下年度", K::kCarriedOut},
    {U"结转下一年度", K::kCarriedOut},
    {U"结转至下年度", K::kCarriedOut},
    {U"结转到下年度", K::kCarriedOut},
    {U"结转至下一年度", K::kCarriedOut},
    {U"结转到下一年度", K::kCarriedOut},
    {U"转入下年度", K::kCarriedOut},
    {U"结转次年", K::kCarriedOut},
    {U"予以公开", K::kGranted},
    {U"同意公开", K::kGranted},
    {U"行政复议", K::kReview},
    {U"行政诉讼", K::kLitigation},
    {U"主动公开规范性文件", K::kNormative},
    {U"主动公开行政规范性文件", K::kNormative},
    {U"制发规范性文件", K::kNormative},
    {U"制发行政规范性文件", K::kNormative},
    {U"印发规范性文件", K::kNormative},
    {U"印发行政规范性文件", K::kNormative},
};

// What may stand between the key word and the number ("受理政府信息公开申请共计 3119 件").
constexpr Words kFiller = {U"政府信息公开申请", U"政府信息公开", U"信息公开申请", U"信息公开", U"依申请公开", U"政府信息",
                           U"申请", U"各类", U"的", U"共计", U"共", U"合计", U"总计", U"总数", U"数量", U"件数",
                           U"总量", U"计", U"了", U"为", U"达到", U"达", U"是", U"有", U"已", U"均", U"依法",
                           U"：", U":"};
constexpr Words kRequestFiller = {U"继续办理", U"继续", U"办理"};
constexpr Words kCaseFiller = {U"案件", U"案"};

// Words after 件 that keep the number a count of the phrase.
constexpr Words kFollowers = {U"申请", U"政府信息公开申请", U"信息公开申请", U"其中", U"同比", U"较", U"比", U"均",
                              U"全部", U"已", U"并", U"占", U"中", U"和", U"及", U"与", U"顺延", U"结转", U"转入"};

// Clause prefixes that make the figure another one: a subset, another period, a comparison.
constexpr Words kSubset = {U"其中", U"含", U"包括", U"包含"};
constexpr Words kComparison = {U"同比", U"较", U"比", U"去年", U"上年", U"上一年", U"前年", U"往年", U"累计", U"平均",
                               U"月均", U"日均", U"历年", U"同期", U"季度", U"半年", U"截至", U"截止", U"以来",
                               U"月份", U"个月", U"每月", U"每年", U"增加", U"减少", U"增长", U"下降", U"分别"};
constexpr Words kClosedQualifier = {U"延期", U"按时", U"逾期", U"超期", U"当场", U"及时", U"限时", U"当日", U"公开", U"内", U"前"};
constexpr Words kApplicants = {U"自然人", U"法人", U"企业", U"科研机构", U"公益组织", U"法律服务机构", U"其他组织"};
constexpr Words kOtherSubjects = {U"咨询", U"信访", U"投诉", U"举报", U"建议", U"提案", U"热线", U"留言",
                                  U"来信", U"来电", U"办件", U"诉求", U"工单", U"问政"};
constexpr Words kDisclosure = {U"政府信息公开", U"信息公开申请", U"依申请公开", U"公开申请"};
constexpr Words kApproximate = {U"约", U"近", U"逾", U"超过", U"不足", U"不到", U"将近", U"大约", U"第", U"每"};

bool is_request_kind(K k) {
  return k == K::kNew || k == K::kReceived || k == K::kCarriedIn || k == K::kClosed || k == K::kCarriedOut ||
         k == K::kGranted;
}

bool starts_with(sv text, sv word) { return text.substr(0, word.size()) == word; }
bool ends_with(sv text, sv word) { return text.size() >= word.size() && text.substr(text.size() - word.size()) == word; }
bool contains(sv text, sv word) { return text.find(word) != sv::npos; }
bool contains_any(sv text, Words words) {
  return std::any_of(words.begin(), words.end(), [&](sv w) { return contains(text, w); });
}
bool starts_with_any(sv text, Words words) {
  return std::any_of(words.begin(), words.end(), [&](sv w) { return starts_with(text, w); });
}
bool ends_with_any(sv text, Words words) {
  return std::any_of(words.begin(), words.end(), [&](sv w) { return ends_with(text, w); });
}

bool is_clause_break(char32_t c) { return sv(U"，。；！？,;!?（）()【】[]“”‘’\"「」《》\n\r").find(c) != sv::npos; }
bool is_sentence_break(char32_t c) { return sv(U"。；！？;!?\n\r").find(c) != sv::npos; }

sv trim_spaces(sv text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// Whether `gap` is made of filler words only (white space anywhere).
bool is_filler(sv gap, K kind) {
  std::size_t i = 0;
  while (i < gap.size()) {
    if (is_space(gap[i])) {
      ++i;
      continue;
    }
    std::size_t best = 0;
    sv rest = gap.substr(i);
    for (Words list : {kFiller, kRequestFiller, kCaseFiller}) {
      if (list.begin() == kRequestFiller.begin() && !is_request_kind(kind)) continue;
      if (list.begin() == kCaseFiller.begin() && kind != K::kReview && kind != K::kLitigation) continue;
      for (sv w : list)
        if (w.size() > best && starts_with(rest, w)) best = w.size();
    }
    if (best == 0) return false;
    i += best;
  }
  return true;
}

bool follower_ok(sv rest) {
  rest = trim_spaces(rest);
  if (rest.empty()) return true;
  if (rest.front() == U'次' || rest.front() == U'事') return false;  // 件次, 一件事
  return is_punctuation(rest.front()) || starts_with_any(rest, kFollowers);
}

// A year other than the report's (2024年), or a month (3月, 三月): another period.
bool names_other_period(sv text, int year) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == U'月' && i > 0 && (is_digit(text[i - 1]) || is_numeral_char(text[i - 1]))) return true;
    if (text[i] != U'年' || i < 4) continue;
    int y = 0;
    bool digits = true;
    for (std::size_t k = i - 4; k < i; ++k) {
      if (!is_digit(text[k])) digits = false;
      else y = y * 10 + digit_value(text[k]);
    }
    if (digits && (i < 5 || !is_digit(text[i - 5])) && y != year) return true;
  }
  return false;
}

struct Span {
  std::size_t begin = 0, end = 0;
};

// The checks on what precedes the key word: in its clause, in its sentence, in the paragraph.
bool context_ok(sv text, K kind, std::size_t key_begin, std::size_t figure_end, Span clause, Span sentence, int year) {
  const sv clause_prefix = text.substr(clause.begin, key_begin - clause.begin);
  const sv sentence_prefix = text.substr(sentence.begin, key_begin - sentence.begin);
  const sv adjacent = trim_spaces(clause_prefix);
  if (!adjacent.empty()) {
    char32_t last = adjacent.back();
    if (last == U'不' || last == U'未' || last == U'无' || ends_with_any(adjacent, {U"没有", U"不予"})) return false;
    // "行政复议和行政诉讼共 5 件", "收到并答复": the figure is a joint one.
    if (sv(U"、和及与或暨并/").find(last) != sv::npos && (adjacent.size() < 2 || adjacent[adjacent.size() - 2] != U'件'))
      return false;
    if (kind == K::kClosed && ends_with_any(adjacent, kClosedQualifier)) return false;
  }
  bool breakdown_allowed = kind == K::kGranted || kind == K::kReview || kind == K::kLitigation || kind == K::kNormative;
  if (!breakdown_allowed && contains_any(clause_prefix, kSubset)) return false;
  if (contains_any(clause_prefix, kComparison) || names_other_period(clause_prefix, year)) return false;
  if (contains_any(sentence_prefix, kOtherSubjects)) return false;
  if (is_request_kind(kind)) {
    if (contains_any(sentence_prefix, kApplicants)) return false;
    // The paragraph, up to this sentence, is about disclosure requests: "受理各类申请 1200 件"
    // in a paragraph on the service centre is another figure.
    if (!contains_any(text.substr(0, std::max(figure_end, sentence.end)), kDisclosure)) return false;
  }
  return true;
}

// "103 件顺延到下年度": the number before the key words. Returns the end of the match or 0.
std::size_t carried_out_after(sv text, std::size_t after) {
  sv rest = text.substr(after);
  std::size_t used = 0;
  for (sv lead : {U"政府信息公开申请", U"申请"})
    if (starts_with(rest, lead)) {
      used = lead.size();
      break;
    }
  for (sv verb : {U"结转", U"顺延", U"转入", U"转"}) {
    if (!starts_with(rest.substr(used), verb)) continue;
    std::size_t at = used + verb.size();
    for (sv prep : {U"到", U"至", U"入", U""}) {
      if (!starts_with(rest.substr(at), prep)) continue;
      for (sv target : {U"下一年度", U"下年度", U"下一年", U"下年", U"次年"})
        if (starts_with(rest.substr(at + prep.size()), target)) return after + at + prep.size() + target.size();
    }
  }
  return 0;
}

struct NumberToken {
  std::size_t begin = 0, end = 0;
  std::int64_t value = 0;
  bool usable = false;
};

// Arabic digits, ASCII or full width, with thousands separators (3,119 / 3，119). A decimal
// fraction makes the number unusable (counts are whole).
NumberToken read_digits(sv text, std::size_t i) {
  NumberToken t;
  t.begin = i;
  std::size_t n = text.size(), j = i, group = 0;
  std::int64_t v = 0;
  bool too_long = false;
  while (j < n && is_digit(text[j])) {
    if (++group > 13) too_long = true;
    else v = v * 10 + digit_value(text[j]);
    ++j;
  }
  while (group <= 3 && j + 3 < n && (text[j] == U',' || text[j] == U'，') && is_digit(text[j + 1]) && is_digit(text[j + 2]) &&
         is_digit(text[j + 3]) && (j + 4 >= n || !is_digit(text[j + 4]))) {
    for (std::size_t k = j + 1; k <= j + 3; ++k) v = v * 10 + digit_value(text[k]);
    if (v >= kNumeralLimit) too_long = true;
    j += 4;
  }
  bool fraction = j + 1 < n && (text[j] == U'.' || text[j] == U'．') && is_digit(text[j + 1]);
  if (fraction) {
    j += 1;
    while (j < n && is_digit(text[j])) ++j;
  }
  t.end = j;
  t.value = v;
  t.usable = !too_long && !fraction;
  return t;
}

NumberToken read_numeral(sv text, std::size_t i) {
  NumberToken t;
  t.begin = i;
  std::size_t j = i;
  while (j < text.size() && is_numeral_char(text[j])) ++j;
  t.end = j;
  if (auto v = parse_chinese_numeral(text.substr(i, j - i))) {
    t.value = *v;
    t.usable = true;
  }
  return t;
}

// The figure `number` is, if a phrase governs it.
std::optional<StatedFigure> bind(sv text, const NumberToken& number, int year) {
  const std::size_t n = text.size();
  std::size_t unit = number.end;
  while (unit < n && is_space(text[unit])) ++unit;
  if (unit >= n || text[unit] != U'件') return std::nullopt;
  const std::size_t after = unit + 1;
  if (!follower_ok(text.substr(after)) && !carried_out_after(text, after)) return std::nullopt;

  std::size_t before = number.begin;
  while (before > 0 && is_space(text[before - 1])) --before;
  const sv head = text.substr(0, before);
  if (ends_with_any(head, kApproximate)) return std::nullopt;
  if (!head.empty() && sv(U"-–—~～至到").find(head.back()) != sv::npos && head.size() >= 2 &&
      (is_digit(head[head.size() - 2]) || is_numeral_char(head[head.size() - 2])))
    return std::nullopt;  // a range: 10至20件

  Span clause{before, after}, sentence{before, after};
  while (clause.begin > 0 && !is_clause_break(text[clause.begin - 1])) --clause.begin;
  while (sentence.begin > 0 && !is_sentence_break(text[sentence.begin - 1])) --sentence.begin;
  while (sentence.end < n && !is_sentence_break(text[sentence.end])) ++sentence.end;
  if (sentence.end < n) ++sentence.end;  // the full stop belongs to the sentence

  StatedFigure f;
  f.value = number.value;
  f.end = after;
  f.sentence_begin = sentence.begin;
  f.sentence_end = sentence.end;

  const sv region = text.substr(clause.begin, before - clause.begin);
  const Trigger* key = nullptr;
  std::size_t key_end = 0, key_begin = 0;
  for (const Trigger& t : kTriggers) {
    std::size_t at = region.rfind(t.text);
    if (at == sv::npos) continue;
    std::size_t end = clause.begin + at + t.text.size();
    if (!key || end > key_end || (end == key_end && t.text.size() > key->text.size())) {
      key = &t;
      key_end = end;
      key_begin = clause.begin + at;
    }
  }
  if (key) {
    const sv gap = text.substr(key_end, before - key_end);
    bool request_named = contains(text.substr(key_begin, before - key_begin), U"申请") ||
                         starts_with_any(trim_spaces(text.substr(after)), {U"申请", U"政府信息公开申请", U"信息公开申请"});
    if (is_filler(gap, key->kind) && (key->kind != K::kReceived || request_named) &&
        follower_ok(text.substr(after)) && context_ok(text, key->kind, key_begin, after, clause, sentence, year)) {
      f.kind = key->kind;
      f.begin = key_begin;
      return f;
    }
    return std::nullopt;
  }
  if (std::size_t end = carried_out_after(text, after)) {
    if (!context_ok(text, K::kCarriedOut, number.begin, end, clause, sentence, year)) return std::nullopt;
    f.kind = K::kCarriedOut;
    f.begin = number.begin;
    f.end = end;
    return f;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::int64_t> parse_chinese_numeral(std::u32string_view t) {
  if (t.empty() || t.size() > 24) return std::nullopt;
  auto digit = [](char32_t c) -> int {
    std::size_t at = sv(U"零一二三四五六七八九").find(c);
    if (at != sv::npos) return static_cast<int>(at);
    return c == U'〇' ? 0 : c == U'两' ? 2 : -1;
  };
  auto small_unit = [](char32_t c) -> std::int64_t { return c == U'十' ? 10 : c == U'百' ? 100 : c == U'千' ? 1000 : 0; };
  auto big_unit = [](char32_t c) -> std::int64_t { return c == U'万' ? 10'000 : c == U'亿' ? 100'000'000 : 0; };
  bool any_unit = std::any_of(t.begin(), t.end(), [&](char32_t c) { return small_unit(c) || big_unit(c); });
  if (!any_unit) {  // digit by digit: 一一九, 二〇二五
    std::int64_t v = 0;
    for (char32_t c : t) {
      int d = digit(c);
      if (d < 0) return std::nullopt;
      v = v * 10 + d;
    }
    return v < kNumeralLimit ? std::optional<std::int64_t>(v) : std::nullopt;
  }
  std::int64_t total = 0, section = 0, last_small = 10'000, last_big = kNumeralLimit;
  int number = -1;
  bool zero = false;  // a 零 since the last unit: the next digit is a lower place
  // A digit that ends a section must be in the ones place: 二十三, 一百零三; not 一百三, 三万五.
  auto ones_ok = [&] { return zero || last_small == 10 || (last_small == 10'000 && total == 0); };
  for (char32_t c : t) {
    if (c == U'零' || c == U'〇') {
      if (number != -1) return std::nullopt;
      zero = true;
    } else if (int d = digit(c); d >= 0) {
      if (number != -1) return std::nullopt;
      number = d;
    } else if (std::int64_t u = small_unit(c)) {
      if (u >= last_small) return std::nullopt;
      if (number == -1) {
        if (u != 10 || section != 0 || zero) return std::nullopt;
        number = 1;  // 十二
      }
      section += number * u;
      last_small = u;
      number = -1;
      zero = false;
    } else if (std::int64_t b = big_unit(c)) {
      if (b >= last_big) return std::nullopt;
      if (number != -1) {
        if (!ones_ok()) return std::nullopt;
        section += number;
        number = -1;
      }
      if (section == 0) return std::nullopt;
      total += section * b;
      section = 0;
      last_small = 10'000;
      last_big = b;
      zero = false;
    } else {
      return std::nullopt;
    }
  }
  if (number != -1) {
    if (!ones_ok()) return std::nullopt;
    section += number;
  }
  total += section;
  return total < kNumeralLimit ? std::optional<std::int64_t>(total) : std::nullopt;
}

std::vector<StatedFigure> find_stated_figures(std::u32string_view text, int year) {
  std::vector<StatedFigure> out;
  std::size_t i = 0;
  while (i < text.size()) {
    NumberToken token;
    if (is_digit(text[i])) token = read_digits(text, i);
    else if (is_numeral_char(text[i])) token = read_numeral(text, i);
    else {
      ++i;
      continue;
    }
    i = token.end;
    if (!token.usable) continue;
    if (auto f = bind(text, token, year)) out.push_back(*f);
  }
  return out;
}

const std::vector<std::vector<const char*>>& figure_readings(StatedFigureKind kind) {
  static const std::vector<std::vector<const char*>> kReadings[] = {
      /* kNew */ {{"requests.new.total"}, {"stats.requests_received.value"}},
      /* kReceived */
      {{"requests.new.total"}, {"requests.new.total", "requests.carried_in.total"}, {"stats.requests_received.value"}},
      /* kCarriedIn */ {{"requests.carried_in.total"}},
      /* kClosed */ {{"requests.closed_total.total"}, {"stats.requests_closed.value"}, {"stats.replies.value"}},
      /* kCarriedOut */ {{"requests.carried_out.total"}},
      /* kGranted */
      {{"requests.granted.total"}, {"stats.reply_granted.value"}, {"stats.reply_granted.value", "stats.reply_already_public.value"}},
      /* kReview */ {{"appeals.review.total"}, {"stats.reviews.value"}},
      /* kLitigation */
      {{"appeals.litigation_direct.total", "appeals.litigation_after_review.total"},
       {"appeals.litigation_direct.total"},
       {"appeals.litigation_after_review.total"},
       {"stats.suits.value"}},
      /* kNormative */
      {{"active.normative.issued"}, {"stats.normative_issued.value"}, {"stats.active_normative.value"}},
  };
  return kReadings[static_cast<int>(kind)];
}

const char* figure_kind_label(StatedFigureKind kind) {
  static const char* kLabels[] = {"新收申请", "收到申请", "上年结转申请", "办结（答复）申请", "结转下年度的申请",
                                  "予以公开", "行政复议", "行政诉讼", "规范性文件"};
  return kLabels[static_cast<int>(kind)];
}

}  // namespace nianbao::review
