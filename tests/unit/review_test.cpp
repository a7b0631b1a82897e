// The review of submissions (validate/review.h): text against tables on a corpus of real-style
// sentences, sections without substance, figures a 乡镇 cannot have, each agency against its own
// last year, and 内容雷同 across agencies and years.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <random>
#include <regex>

#include "input/readers.h"
#include "input/xml_file.h"
#include "review_fixture.h"
#include "text/utf8.h"
#include "validate/figure_phrases.h"
#include "validate/review.h"
#include "validate/review_text.h"
#include "validate/validator.h"
#include "formulaic_text.h"

using namespace nianbao;
using namespace nianbao::test;

namespace {

// A corpus sentence. In `text`, [3119] marks a number that states a table figure (changed by 5,
// exactly one W901 must name it), [两|七] one written in Chinese numerals with its changed form;
// every other ASCII number must stay unbound (changed by 5, nothing fires).
struct Case {
  const char* format;
  int year;
  const char* text;
  Cells cells;
};

struct Number {
  std::size_t pos = 0, len = 0;
  std::string changed;
  std::int64_t value = 0, changed_value = 0;
  bool bound = false;
};

struct Marked {
  std::string plain;
  std::vector<Number> numbers;
  std::string with(std::size_t k) const {
    const Number& n = numbers[k];
    return plain.substr(0, n.pos) + n.changed + plain.substr(n.pos + n.len);
  }
};

std::int64_t numeral(const std::string& s) {
  auto v = review::parse_chinese_numeral(decode_utf8(s));
  REQUIRE(v);
  return *v;
}

Marked parse_marks(const std::string& text) {
  Marked m;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '[') {
      std::size_t close = text.find(']', i);
      REQUIRE(close != std::string::npos);
      std::string inner = text.substr(i + 1, close - i - 1);
      Number n;
      n.bound = true;
      n.pos = m.plain.size();
      if (auto bar = inner.find('|'); bar != std::string::npos) {
        std::string orig = inner.substr(0, bar);
        n.changed = inner.substr(bar + 1);
        n.value = numeral(orig);
        n.changed_value = numeral(n.changed);
        n.len = orig.size();
        m.plain += orig;
      } else {
        std::string digits;
        for (char c : inner)
          if (c >= '0' && c <= '9') digits += c;
        n.value = std::stoll(digits);
        n.changed_value = n.value + 5;
        n.changed = std::to_string(n.changed_value);
        n.len = inner.size();
        m.plain += inner;
      }
      m.numbers.push_back(n);
      i = close + 1;
    } else if (text[i] >= '0' && text[i] <= '9') {
      std::size_t j = i;
      while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
      Number n;
      n.pos = m.plain.size();
      n.len = j - i;
      n.value = std::stoll(text.substr(i, j - i));
      n.changed_value = n.value + 5;
      n.changed = std::to_string(n.changed_value);
      m.numbers.push_back(n);
      m.plain += text.substr(i, j - i);
      i = j;
    } else {
      m.plain += text[i++];
    }
  }
  return m;
}

const Format& format_of(const Case& c) { return std::string(c.format) == "xxgk-2018" ? format_2018() : format_2021(); }

std::vector<Diagnostic> w901(const Case& c, const std::string& text) {
  const Format& f = format_of(c);
  Submission s = make_submission(f, c.year, c.cells);
  s.own_sections.push_back(make_section(s, "overview", {text}));
  Diagnostics d;
  check_text_against_tables(s, f, d);
  for (const auto& x : d.items()) CHECK(x.code == "W901");
  return d.items();
}

// Written in the style of published 年报; the 2018 ones are the seed report's (丰城市2018年).
const std::vector<Case>& corpus() {
  static const std::vector<Case> k = {
      {"xxgk-2021", 2025,
       "全市共受理政府信息公开申请 [3119] 件，答复 [3050] 件（含上年度结转申请 34 件，另有 [103] 件顺延到下年度答复）。",
       {{"requests.new.natural", 3119}, {"requests.carried_in.natural", 34}, {"requests.granted.natural", 3050},
        {"requests.carried_out.natural", 103}}},
      {"xxgk-2021", 2025, "本机关共收到政府信息公开申请[3153]件，其中本年新收3119件、上年结转34件。",
       {{"requests.new.natural", 3119}, {"requests.carried_in.natural", 34}, {"requests.granted.natural", 3050},
        {"requests.carried_out.natural", 103}}},
      {"xxgk-2021", 2025,
       "2025年，本机关新收政府信息公开申请[45]件，上年结转政府信息公开申请[3]件，共计48件。本年度办结政府信息公开申请[40]件，"
       "其中，予以公开[20]件，部分公开5件，不予公开3件，无法提供7件，不予处理2件，其他处理3件；结转下年度继续办理[8]件。",
       {{"requests.new.natural", 45}, {"requests.carried_in.natural", 3}, {"requests.granted.natural", 20},
        {"requests.partial.natural", 5}, {"requests.denied_query.natural", 3}, {"requests.unavailable_not_held.natural", 7},
        {"requests.not_processed_duplicate.natural", 2}, {"requests.other_misc.natural", 3},
        {"requests.carried_out.natural", 8}}},
      {"xxgk-2021", 2025, "2025年，我局共收到政府信息公开申请[12]件，比上年增加5件，同比增长71.4%。",
       {{"requests.new.natural", 12}, {"requests.granted.natural", 12}}},
      {"xxgk-2021", 2025, "（二）依申请公开。上年度新收申请7件，本年度新收申请[12]件，均已按时办结。",
       {{"requests.new.natural", 12}, {"requests.granted.natural", 12}}},
      {"xxgk-2021", 2025, "全年共受理政府信息公开申请[两|七]件，均已按期答复。",
       {{"requests.new.natural", 2}, {"requests.granted.natural", 2}}},
      {"xxgk-2021", 2025, "本年度共受理政府信息公开申请[三千一百一十九|三千一百二十四]件。",
       {{"requests.new.natural", 3119}, {"requests.granted.natural", 3119}}},
      {"xxgk-2021", 2025, "全年本局收到政府信息公开申请 [1,234] 件，予以公开 [1,200] 件。",
       {{"requests.new.business", 1234}, {"requests.granted.business", 1200}, {"requests.other_misc.business", 34}}},
      {"xxgk-2021", 2025, "2025年本单位未收到政府信息公开申请，无上年结转申请，也无结转下年度办理的申请。", {}},
      {"xxgk-2021", 2025, "本年度发生政府信息公开行政复议案件[2]件，行政诉讼案件[1]件，均未被纠错。",
       {{"appeals.review.upheld", 2}, {"appeals.litigation_direct.upheld", 1}}},
      {"xxgk-2021", 2025,
       "因政府信息公开工作被申请行政复议[3]件，其中结果维持2件，尚未审结1件；被提起行政诉讼[2]件（未经复议直接起诉1件、复议后起诉1件）。",
       {{"appeals.review.upheld", 2}, {"appeals.review.pending", 1}, {"appeals.litigation_direct.upheld", 1},
        {"appeals.litigation_after_review.pending", 1}}},
      {"xxgk-2021", 2025, "未经复议直接提起行政诉讼[1]件，复议后提起行政诉讼[4]件。",
       {{"appeals.litigation_direct.upheld", 1}, {"appeals.litigation_after_review.corrected", 4}}},
      {"xxgk-2021", 2025, "全年主动公开规范性文件[6]件，废止2件，现行有效规范性文件31件。",
       {{"active.normative.issued", 6}, {"active.normative.repealed", 2}, {"active.normative.in_force", 31}}},
      {"xxgk-2021", 2025, "本年度制发行政规范性文件[3]件，均已在门户网站行政规范性文件专栏公开。", {{"active.normative.issued", 3}}},
      {"xxgk-2021", 2025, "2025年共受理依申请公开[20]件，按时办结20件，办结率100%。",
       {{"requests.new.natural", 20}, {"requests.granted.natural", 20}}},
      {"xxgk-2021", 2025, "全年收到政府信息公开申请[8]件，较上年的12件减少4件。其中，自然人申请6件，法人或其他组织申请2件。",
       {{"requests.new.natural", 6}, {"requests.new.business", 2}, {"requests.granted.natural", 6},
        {"requests.granted.business", 2}}},
      {"xxgk-2021", 2025, "全年通过12345热线受理群众咨询156件，办结156件；收到政府信息公开申请[8]件，已全部办结。",
       {{"requests.new.natural", 8}, {"requests.granted.natural", 8}}},
      {"xxgk-2021", 2025, "政务服务中心全年受理各类审批服务事项1.2万件，办结率99.8%。全年收到政府信息公开申请[5]件。",
       {{"requests.new.natural", 5}, {"requests.granted.natural", 5}}},
      {"xxgk-2021", 2025, "截至2025年12月31日，本机关共受理政府信息公开申请[25]件，全部按期答复。",
       {{"requests.new.natural", 25}, {"requests.granted.natural", 25}}},
      {"xxgk-2021", 2025, "依申请公开方面，上年结转的[2]件申请已全部办结，本年新收申请[9]件，结转下年度[1]件。",
       {{"requests.carried_in.natural", 2}, {"requests.new.natural", 9}, {"requests.granted.natural", 10},
        {"requests.carried_out.natural", 1}}},
      {"xxgk-2021", 2025, "本年度新收政府信息公开申请[15]件，上年结转[1]件，本年度办结[14]件，结转下年度继续办理[2]件。",
       {{"requests.new.natural", 15}, {"requests.carried_in.natural", 1}, {"requests.granted.natural", 14},
        {"requests.carried_out.natural", 2}}},
      {"xxgk-2021", 2025, "全年本局新收政府信息公开申请[27]件，其中自然人申请25件、商业企业申请2件；上年结转[0]件。",
       {{"requests.new.natural", 25}, {"requests.new.business", 2}, {"requests.granted.natural", 25},
        {"requests.granted.business", 2}}},
      {"xxgk-2021", 2025, "本年度予以公开和部分公开的申请共15件，无法提供的申请3件。",
       {{"requests.new.natural", 18}, {"requests.granted.natural", 10}, {"requests.partial.natural", 5},
        {"requests.unavailable_not_held.natural", 3}}},
      {"xxgk-2021", 2025, "全年受理的政府信息公开申请中，予以公开[10]件，占62.5%。",
       {{"requests.new.natural", 16}, {"requests.granted.natural", 10}, {"requests.partial.natural", 6}}},
      {"xxgk-2021", 2025, "2024年度报告中提出的3件问题已整改到位；全年共答复人大代表建议18件、政协提案25件。", {}},
      {"xxgk-2021", 2025, "因政府信息公开引发行政复议、行政诉讼各1件；行政复议和行政诉讼共计2件。",
       {{"appeals.review.upheld", 1}, {"appeals.litigation_direct.upheld", 1}}},
      {"xxgk-2021", 2025, "依申请公开方面，1-6月受理申请10件，全年受理申请[21]件。",
       {{"requests.new.natural", 21}, {"requests.granted.natural", 21}}},
      {"xxgk-2021", 2025, "本年度，本机关共收到政府信息公开申请[36]件（其中网上申请30件、信函申请6件），上年结转[2]件，合计38件。",
       {{"requests.new.natural", 36}, {"requests.carried_in.natural", 2}, {"requests.granted.natural", 38}}},
      {"xxgk-2021", 2025, "2025年度，本机关收到并答复政府信息公开申请13件。",
       {{"requests.new.natural", 13}, {"requests.granted.natural", 13}}},
      {"xxgk-2018", 2018, "2018年，全市受理依申请公开政府信息[4947]件，已经依法答复[4947]件，回复率100%。",
       {{"stats.requests_online.value", 4947}, {"stats.reply_granted.value", 4947}, {"stats.closed_on_time.value", 4947}}},
      {"xxgk-2018", 2018,
       "2018年通过网络问政、政府信息公开平台，全市各部门、各有关单位共受理政府信息公开申请4947条。均为网上申请。",
       {{"stats.requests_online.value", 4947}}},
      {"xxgk-2018", 2018,
       "全年“丰城市网络问政”共发布主题帖11000余条，回复网民提问4974条，回复率达100%，政民互动做到零距离、无障碍。", {}},
      {"xxgk-2018", 2018,
       "2018年，政务服务大厅受理各类审批和服务办件30万件，其中网上审批办件15.2万件，办结率99.5%；大厅日均接待办事和咨询群众1000余人次。",
       {}},
  };
  return k;
}

}  // namespace

TEST_CASE("consistent real-style sentences raise nothing, and a number off by 5 raises exactly one W901", "[review]") {
  std::size_t bound = 0, unbound = 0;
  for (const Case& c : corpus()) {
    const Marked m = parse_marks(c.text);
    INFO(m.plain);
    CHECK(w901(c, m.plain).empty());
    for (std::size_t k = 0; k < m.numbers.size(); ++k) {
      const Number& n = m.numbers[k];
      const std::string text = m.with(k);
      INFO(text);
      auto found = w901(c, text);
      if (!n.bound) {
        ++unbound;
        CHECK(found.empty());
        continue;
      }
      ++bound;
      REQUIRE(found.size() == 1);
      CHECK(found[0].found.rfind("正文：" + std::to_string(n.changed_value) + " 件（", 0) == 0);
      CHECK(found[0].message.find("正文为 " + std::to_string(n.changed_value) + " 件") != std::string::npos);
      CHECK(found[0].expected.find(std::to_string(n.value) + " 件（") != std::string::npos);
      CHECK(found[0].where.line == 10);
    }
  }
  CHECK(corpus().size() >= 30);
  CHECK(bound >= 40);
  CHECK(unbound >= 40);
}

TEST_CASE("W901 quotes the sentence, names both numbers and the cell", "[review]") {
  const Case& c = corpus()[0];
  auto found = w901(c, "全市共受理政府信息公开申请 3124 件，答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度答复）。");
  REQUIRE(found.size() == 1);
  const Diagnostic& d = found[0];
  CHECK(d.message ==
        "正文“全市共受理政府信息公开申请 3124 件，答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度答…”中的"
        "“受理政府信息公开申请 3124 件”与表格不符：正文为 3124 件，表中一、本年新收政府信息公开申请数量（总计）为 3119 件。");
  CHECK(d.place == "三、收到和处理政府信息公开申请情况 / 一、本年新收政府信息公开申请数量 / 总计");
  CHECK(d.found == "正文：3124 件（收到申请）");
  CHECK(d.expected ==
        "3119 件（一、本年新收政府信息公开申请数量（总计）），或 3153 件（一、本年新收政府信息公开申请数量（总计） + "
        "二、上年结转政府信息公开申请数量（总计））；请核对正文或表格");
  CHECK(d.where.file == "inputs/FC001.xml");
  CHECK(d.severity == Severity::kWarning);
}

TEST_CASE("a long sentence is quoted around the phrase, cut by characters", "[review]") {
  Submission s = make_submission(format_2021(), 2025, {{"requests.new.natural", 12}, {"requests.granted.natural", 12}});
  std::string text = "本机关始终坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实党中央、国务院关于全面推进政务公开的决策部署，"
                     "全面落实《中华人民共和国政府信息公开条例》各项要求，全年共收到政府信息公开申请17件，均在法定期限内予以答复。";
  s.sections.push_back(make_section(s, "highlights", {text}, "依申请公开"));
  Diagnostics d;
  check_text_against_tables(s, format_2021(), d);
  REQUIRE(d.items().size() == 1);
  const std::string& m = d.items()[0].message;
  CHECK(m.rfind("正文“…", 0) == 0);
  CHECK(m.find("全年共收到政府信息公开申请17件，均在法定期限内予以答复。”中的“收到政府信息公开申请17件”") != std::string::npos);
  const std::size_t open = m.find("“") + 3, close = m.find("”中的");
  CHECK(decode_utf8(m.substr(open, close - open)).size() == 60 + 1);  // the last 60 characters after "…"
}

TEST_CASE("the narrative's placeholders state nothing, and highlights are checked like own sections", "[review]") {
  Submission s = make_submission(format_2021(), 2025, {{"requests.new.natural", 12}, {"requests.granted.natural", 12}});
  s.sections.push_back(make_section(s, "highlights", {"全年本局收到政府信息公开申请{{requests.new.total}}件。"}, "依申请公开"));
  s.sections.push_back(make_section(s, "highlights", {"全年本局收到政府信息公开申请13件。"}, "依申请公开", 20));
  Diagnostics d;
  review_submission(s, format_2021(), d);
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].code == "W901");
  CHECK(d.items()[0].where.line == 20);
}

TEST_CASE("after 20 findings W901 says how many more there are", "[review]") {
  Submission s = make_submission(format_2021(), 2025, {{"requests.new.natural", 12}, {"requests.granted.natural", 12}});
  std::vector<std::string> paragraphs(25, "全年本局收到政府信息公开申请13件。");
  s.own_sections.push_back(make_section(s, "overview", paragraphs));
  Diagnostics d;
  check_text_against_tables(s, format_2021(), d);
  REQUIRE(d.items().size() == 21);
  CHECK(d.items()[20].message == "另有 5 处正文所述数字与表格不符，未逐一列出；请对照表格逐句核对正文。");
}

namespace {

// The narrative of a shipped example with its placeholders filled in from its own figures, as
// the agency's published report would print it.
std::string fill_placeholders(const std::string& text, const Format& f, const Submission& s) {
  static const std::regex kPlaceholder(R"(\{\{([a-z_]+)\.([a-z_]+)(?:\.([a-z_]+))?\}\})");
  std::string out;
  auto begin = std::sregex_iterator(text.begin(), text.end(), kPlaceholder);
  std::size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    std::string path = m[1].str() + "." + m[2].str() + "." + (m[3].matched ? m[3].str() : "value");
    int c = f.find_cell(path);
    out += text.substr(last, static_cast<std::size_t>(m.position(0)) - last);
    out += c >= 0 ? format_value(s.values[c], f.cells[c].type) : m.str(0);
    last = static_cast<std::size_t>(m.position(0) + m.length(0));
  }
  out += text.substr(last);
  for (std::size_t at; (at = out.find("{{year}}")) != std::string::npos;) out.replace(at, 8, std::to_string(s.year));
  return out;
}

}  // namespace

TEST_CASE("the shipped examples' narratives, filled from their own tables, raise no W901", "[review]") {
  namespace fs = std::filesystem;
  std::size_t stated = 0, files = 0;
  for (const char* dir : {"examples/fengcheng-2025", "inputs"}) {
    const fs::path root = fs::path(NIANBAO_SOURCE_DIR) / dir;
    Diagnostics rd;
    auto report_xml = load_xml_file((root / "report.xml").string(), "report.xml", rd);
    REQUIRE(report_xml);
    auto report = read_report(*report_xml, rd);
    REQUIRE(report);
    report->index_roster();
    const Format f = load_format(NIANBAO_TEMPLATES, report->format);
    for (const auto& e : fs::recursive_directory_iterator(root / "submissions")) {
      if (e.path().extension() != ".xml") continue;
      Diagnostics d;
      auto xml = load_xml_file(e.path().string(), e.path().filename().string(), d);
      REQUIRE(xml);
      Submission s = read_submission(*xml, f, d);
      validate_submission(s, f, *report, d);
      REQUIRE_FALSE(d.has_errors());
      ++files;
      for (auto* list : {&s.own_sections, &s.sections})
        for (auto& sec : *list)
          for (auto& p : sec.paragraphs) {
            p.text = fill_placeholders(p.text, f, s);
            stated += review::find_stated_figures(decode_utf8(p.text), s.year).size();
          }
      Diagnostics review;
      check_text_against_tables(s, f, review);
      std::string messages;
      for (const auto& w : review.items()) messages += w.message + "\n";
      INFO(e.path().string() + "\n" + messages);
      CHECK(review.empty());
    }
  }
  CHECK(files >= 40);
  CHECK(stated >= 10);  // the examples do state figures, so the check above is not vacuous
}

TEST_CASE("section 五 empty, 无 or under 20 characters is W904", "[review]") {
  const Format& f = format_2021();
  auto w904 = [&](const std::vector<std::string>* problems) {
    Submission s = make_submission(f, 2025, {});
    s.own_sections.push_back(make_section(s, "overview", {"本机关认真贯彻落实《条例》。"}));
    s.own_sections.push_back(make_section(s, "other", {"本年度未收取信息处理费。"}, "", 30));
    if (problems) s.own_sections.push_back(make_section(s, "problems", *problems, "", 20));
    Diagnostics d;
    review_submission(s, f, d);
    std::vector<Diagnostic> out;
    for (const auto& x : d.items())
      if (x.code == "W904") out.push_back(x);
    CHECK(out.size() == d.items().size());
    return out;
  };
  auto missing = w904(nullptr);
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].message ==
        "没有写“五、存在的主要问题及改进情况”；年度报告须写明本年存在的主要问题和改进情况，“无”或一句话不能通过审核。");
  CHECK(missing[0].where.line == 2);
  std::vector<std::string> nothing{"无。"};
  auto none = w904(&nothing);
  REQUIRE(none.size() == 1);
  CHECK(none[0].message.rfind("“五、存在的主要问题及改进情况”只写了“无”；", 0) == 0);
  CHECK(none[0].where.line == 19);
  std::vector<std::string> short_text{"工作还有不足，明年改进。"};
  auto brief = w904(&short_text);
  REQUIRE(brief.size() == 1);
  CHECK(brief[0].message.rfind("“五、存在的主要问题及改进情况”只有 10 个字；", 0) == 0);
  CHECK(brief[0].found == "工作还有不足明年改进");
  std::vector<std::string> real{"一是主动公开的深度和广度还不够；二是依申请公开答复文书说理不够充分。改进措施：加强培训，规范答复。"};
  CHECK(w904(&real).empty());

  // A file with no text of its own (figures and highlights only) has no section 五 to review.
  Submission bare = make_submission(f, 2025, {});
  Diagnostics d;
  review_submission(bare, f, d);
  CHECK(d.empty());
}

TEST_CASE("section 六 without the 信息处理费 statement is W905", "[review]") {
  const Format& f = format_2021();
  auto codes = [&](const std::string& other) {
    Submission s = make_submission(f, 2025, {});
    s.own_sections.push_back(make_section(s, "problems", {"一是公开内容不够具体；二是答复文书说理不足。下一步将加强培训，规范答复。"}));
    if (!other.empty()) s.own_sections.push_back(make_section(s, "other", {other}, "", 30));
    Diagnostics d;
    review_submission(s, f, d);
    std::vector<std::string> out;
    for (const auto& x : d.items()) out.push_back(x.code);
    return std::pair(out, d);
  };
  CHECK(codes("本年度未收取信息处理费。").first.empty());
  CHECK(codes("本机关未向申请人收费。").first.empty());
  auto [c1, d1] = codes("本年度政务公开工作要点已全部落实。");
  REQUIRE(c1 == std::vector<std::string>{"W905"});
  CHECK(d1.items()[0].message ==
        "“六、其他需要报告的事项”没有说明信息处理费的收取情况；请写明发出收费通知的件数和总金额、实际收取的总金额（没有收取的，写明未收取）。");
  CHECK(d1.items()[0].where.line == 29);
  auto [c2, d2] = codes("");
  CHECK(c2 == std::vector<std::string>{"W905"});

  // The 2018 format has no 信息处理费 statement in its text (the fee is a row of its table).
  Submission old = make_submission(format_2018(), 2018, {});
  old.own_sections.push_back(make_section(old, "other", {"本年报所列数据的统计期限为2018年1月1日至2018年12月31日。"}));
  Diagnostics d;
  review_submission(old, format_2018(), d);
  for (const auto& x : d.items()) CHECK(x.code != "W905");
}

TEST_CASE("规章 figures of a 乡镇 or 街道 are W906, and its fees that look like 元 are W907", "[review]") {
  const Format& f = format_2021();
  Submission town = make_submission(f, 2025, {{"active.rules.issued", 1}, {"active.rules.in_force", 3}}, "FC101", "剑光街道办事处",
                                    AgencyKind::kTownship);
  Diagnostics d;
  review_submission(town, f, d);
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].code == "W906");
  CHECK(d.items()[0].message ==
        "乡镇、街道没有制定规章的权限，表中“规章”一行却填有数字：本年制发件数 1、现行有效件数 3；本单位制发的文件应填在“行政规范性文件”一行。");
  CHECK(d.items()[0].place == "二、主动公开政府信息情况 / 第二十条第（一）项 规章");

  Submission dept = make_submission(f, 2025, {{"active.rules.issued", 1}});
  Diagnostics none;
  review_submission(dept, f, none);
  CHECK(none.empty());

  auto fees = [&](std::int64_t raw, AgencyKind kind) {
    Submission s = make_submission(f, 2025, {{"active.fees.amount", raw}}, "FC101", "剑光街道办事处", kind);
    Diagnostics out;
    review_submission(s, f, out);
    return out;
  };
  auto typed_in_yuan = fees(3500 * kMoneyScale, AgencyKind::kTownship);
  REQUIRE(typed_in_yuan.items().size() == 1);
  CHECK(typed_in_yuan.items()[0].code == "W907");
  CHECK(typed_in_yuan.items()[0].message ==
        "乡镇、街道的行政事业性收费为 3500 万元（一千万元以上），多半是把以“元”为单位的金额填进了“万元”一栏；请核对。");
  CHECK(typed_in_yuan.items()[0].expected == "以万元为单位：3500 元应填 0.35（万元）");
  CHECK(fees(999 * kMoneyScale, AgencyKind::kTownship).empty());           // plausible
  CHECK(fees(3500 * kMoneyScale, AgencyKind::kDepartment).empty());        // a department may collect that much
  CHECK(fees(52300 * kMoneyScale, AgencyKind::kTownship).empty());         // W311 (rule R9) already says so
}

TEST_CASE("each agency against its own last year: 上年结转 per column (W908), 现行有效 (W909)", "[review]") {
  const Format& f = format_2021();
  AgencyArchive archive;
  archive.path = "上年/output/各单位数据.xml";
  archive.format = f.id;
  archive.year = 2024;
  Submission last = make_submission(f, 2024,
                                    {{"requests.new.natural", 9}, {"requests.granted.natural", 4}, {"requests.carried_out.natural", 5},
                                     {"requests.new.business", 1}, {"requests.carried_out.business", 1},
                                     {"active.normative.in_force", 20}, {"active.rules.in_force", 2}});
  last.path = "inputs/FC001.xml";
  archive.agencies.push_back(last);
  archive.index();

  Submission now = make_submission(f, 2025,
                                   {{"requests.carried_in.natural", 3}, {"requests.carried_in.business", 1},
                                    {"requests.granted.natural", 3}, {"requests.granted.business", 1},
                                    {"active.normative.issued", 3}, {"active.normative.repealed", 1},
                                    {"active.normative.in_force", 23}, {"active.rules.in_force", 2}});
  auto out = review_submissions({&now}, f, &archive);
  REQUIRE(out.size() == 1);
  REQUIRE(out[0].items().size() == 2);
  const Diagnostic& carried = out[0].items()[0];
  CHECK(carried.code == "W908");
  CHECK(carried.message ==
        "本单位本年“二、上年结转政府信息公开申请数量”（自然人）为 3 件，而上年（2024年）报送的“四、结转下年度继续办理”为 5 件，两者应当相等。");
  CHECK(carried.place == "三、收到和处理政府信息公开申请情况 / 二、上年结转政府信息公开申请数量 / 自然人");
  CHECK(carried.expected == "上年（2024年）5 件（inputs/FC001.xml，见 上年/output/各单位数据.xml）");
  const Diagnostic& in_force = out[0].items()[1];
  CHECK(in_force.code == "W909");
  CHECK(in_force.message ==
        "本单位“行政规范性文件”现行有效件数与上年不衔接：本年现行有效 23 件，而上年（2024年）现行有效 20 件 + 本年制发 3 件 − 本年废止 1 件 = 22 件。");

  // An agency new this year has no entry last year: nothing to compare.
  Submission newcomer = make_submission(f, 2025, {{"requests.carried_in.natural", 3}, {"requests.granted.natural", 3}}, "FC999",
                                        "丰城市数据局");
  CHECK(review_submissions({&newcomer}, f, &archive)[0].empty());
}

namespace {

const std::string kProblems =
    "一是部分单位主动公开的深度和广度还不够，重点领域信息公开内容不够具体，公开信息的时效性有待提高；"
    "二是依申请公开办理水平不够均衡，个别单位答复文书说理不够充分，法律救济告知不够规范；"
    "三是基层政务公开工作力量较为薄弱，工作人员多为兼职且变动较大，业务能力有待进一步提升。";

}  // namespace

TEST_CASE("two agencies with the same section 五: W902 on each, naming the other file and the share", "[review]") {
  const Format& f = format_2021();
  Submission a = make_submission(f, 2025, {}, "FC001", "丰城市发展和改革委员会");
  Submission b = make_submission(f, 2025, {}, "FC002", "丰城市财政局");
  Submission c = make_submission(f, 2025, {}, "FC003", "丰城市教育局");
  a.own_sections.push_back(make_section(a, "problems", {kProblems}));
  b.own_sections.push_back(make_section(b, "problems", {kProblems}, "", 40));
  c.own_sections.push_back(make_section(c, "problems", {"一是教育领域信息公开的主动性不足，招生入学政策解读不够通俗；二是学校信息公开栏更新不及时。下一步将完善制度。"}));
  c.own_sections.push_back(make_section(c, "overview", {kProblems}, "", 60));  // another section: not compared with 五
  std::vector<Diagnostics> out(3);
  check_copied_sections({&a, &b, &c}, f, nullptr, out);
  REQUIRE(out[0].items().size() == 1);
  REQUIRE(out[1].items().size() == 1);
  CHECK(out[2].empty());
  const Diagnostic& d = out[0].items()[0];
  CHECK(d.code == "W902");
  CHECK(d.message ==
        "“五、存在的主要问题及改进情况”与 inputs/FC002.xml（丰城市财政局）的“五、存在的主要问题及改进情况”有 100% 相同，疑似内容雷同；请按本单位的实际情况撰写。");
  CHECK(d.where.line == 9);
  CHECK(d.found == "与 inputs/FC002.xml 相同 100%");
  CHECK(out[1].items()[0].message.find("inputs/FC001.xml（丰城市发展和改革委员会）") != std::string::npos);
  CHECK(out[1].items()[0].where.line == 39);
}

TEST_CASE("雷同 survives swapped names, this year's figures and small edits, not real rewriting", "[review]") {
  const Format& f = format_2021();
  auto share = [&](const std::string& mine, const std::string& theirs) -> int {
    Submission a = make_submission(f, 2025, {}, "FC101", "剑光街道办事处", AgencyKind::kTownship);
    Submission b = make_submission(f, 2025, {}, "FC102", "铁路镇人民政府", AgencyKind::kTownship);
    a.own_sections.push_back(make_section(a, "overview", {mine}));
    b.own_sections.push_back(make_section(b, "overview", {theirs}));
    std::vector<Diagnostics> out(2);
    check_copied_sections({&a, &b}, f, nullptr, out);
    if (out[0].empty()) return 0;
    std::string m = out[0].items()[0].found;
    return std::stoi(m.substr(m.rfind(' ') + 1));
  };
  const std::string base =
      "2025年，剑光街道坚持以公开为常态、不公开为例外，全年主动公开各类政府信息326条，其中政策文件18件，"
      "及时公开惠民惠农补贴、低保救助和项目建设等群众关注的信息，在便民服务中心设置政务公开专区，方便群众查阅。";
  std::string swapped = base;
  swapped.replace(swapped.find("剑光街道"), std::string("剑光街道").size(), "铁路镇");
  for (auto [from, to] : {std::pair{"326", "417"}, {"18", "23"}, {"2025", "2024"}}) swapped.replace(swapped.find(from), std::strlen(from), to);
  CHECK(share(base, swapped) == 100);
  std::string edited = swapped;
  edited.replace(edited.find("方便群众查阅"), std::string("方便群众查阅").size(), "便于群众就近查阅");
  CHECK(share(base, edited) >= 85);
  CHECK(share(base, "2025年，铁路镇围绕乡村振兴、土地征收和农村集体“三资”管理等重点，细化公开目录，按月公开村级财务收支情况，接受村民监督。") == 0);
  // Boilerplate under 30 characters never counts.
  CHECK(share("本年度未收取信息处理费，无其他需要报告的事项。", "本年度未收取信息处理费，无其他需要报告的事项。") == 0);
}

TEST_CASE("a section copied from the agency's own last year is W903, and highlights are compared with highlights", "[review]") {
  const Format& f = format_2021();
  AgencyArchive archive;
  archive.path = "上年/output/各单位数据.xml";
  archive.format = f.id;
  archive.year = 2024;
  Submission last = make_submission(f, 2024, {});
  last.path = "inputs/2024/FC001.xml";
  last.own_sections.push_back(make_section(last, "problems", {kProblems}));
  last.sections.push_back(make_section(last, "highlights", {kProblems}, "深化重点领域信息公开"));
  archive.agencies.push_back(last);
  archive.index();

  Submission now = make_submission(f, 2025, {});
  now.own_sections.push_back(make_section(now, "problems", {kProblems}, "", 12));
  now.own_sections.push_back(make_section(now, "other", {"本年度未收取信息处理费。"}, "", 30));
  auto out = review_submissions({&now}, f, &archive);
  REQUIRE(out[0].items().size() == 1);
  const Diagnostic& d = out[0].items()[0];
  CHECK(d.code == "W903");
  CHECK(d.message ==
        "“五、存在的主要问题及改进情况”与本单位上年（2024年）报送的“五、存在的主要问题及改进情况”有 100% 相同，疑似照搬上年内容；请按本年的实际情况撰写。");
  CHECK(d.found == "与上年（2024年）的 inputs/2024/FC001.xml 相同 100%（见 上年/output/各单位数据.xml）");
  CHECK(d.where.line == 11);

  Submission highlight = make_submission(f, 2025, {});
  highlight.sections.push_back(make_section(highlight, "highlights", {kProblems}, "推进政务公开"));
  auto h = review_submissions({&highlight}, f, &archive);
  REQUIRE(h[0].items().size() == 1);
  CHECK(h[0].items()[0].message.rfind("“工作亮点「推进政务公开」”与本单位上年（2024年）报送的“工作亮点「深化重点领域信息公开」”", 0) == 0);
}

// Not run by default (`unit_tests "[.bench]"`): 内容雷同 over 10,000 generated submissions, the
// whole path (UTF-8 text, names removed, index, exact comparison, messages).
TEST_CASE("内容雷同: time for 10,000 generated sections", "[.bench]") {
  const Format& f = format_2021();
  std::mt19937 rng(3);
  test::FormulaicText stock(rng);
  auto pick = [&](std::size_t k) { return stock.pick(k); };
  const std::size_t n = 10'000;
  std::vector<Submission> subs;
  subs.reserve(n);
  std::size_t planted = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::string code = "A" + std::to_string(i);
    subs.push_back(make_submission(f, 2025, {}, code, "测试单位" + std::to_string(i)));
    std::u32string text;
    if (i > 10 && pick(20) == 0) {  // a copy of an earlier agency's section, three characters changed
      text = decode_utf8(subs[pick(i)].own_sections[0].paragraphs[0].text);
      stock.disguise(text);
      ++planted;
    } else {
      for (std::size_t k = 0; k < 6; ++k) text += stock.sentence() + U"，";
    }
    subs.back().own_sections.push_back(make_section(subs.back(), "problems", {encode_utf8(text)}));
  }
  std::vector<const Submission*> ptrs;
  for (const auto& s : subs) ptrs.push_back(&s);
  std::vector<Diagnostics> out(n);
  auto start = std::chrono::steady_clock::now();
  check_copied_sections(ptrs, f, nullptr, out);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::size_t warned = 0;
  for (const auto& d : out) warned += d.items().size();
  std::cout << n << " sections, " << planted << " copies planted, " << warned << " W902: " << secs << " s\n";
  CHECK(warned >= planted);
}
