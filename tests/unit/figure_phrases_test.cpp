// Which numbers of a narrative are table figures: the phrase binding of validate/figure_phrases.h.
#include <catch2/catch.hpp>

#include "text/utf8.h"
#include "validate/figure_phrases.h"
#include "validate/review_text.h"

using namespace nianbao;
using namespace nianbao::review;

namespace {

struct Bound {
  StatedFigureKind kind;
  std::int64_t value;
  std::string phrase;
};

std::vector<Bound> bound(const std::string& text, int year = 2025) {
  std::u32string t = decode_utf8(text);
  std::vector<Bound> out;
  for (const auto& f : find_stated_figures(t, year))
    out.push_back({f.kind, f.value, encode_utf8(std::u32string_view(t).substr(f.begin, f.end - f.begin))});
  return out;
}

}  // namespace

TEST_CASE("Chinese numerals are read as a clerk writes them", "[review][phrases]") {
  auto n = [](const char* s) { return parse_chinese_numeral(decode_utf8(s)); };
  CHECK(n("三千一百一十九") == 3119);
  CHECK(n("两") == 2);
  CHECK(n("一") == 1);
  CHECK(n("十") == 10);
  CHECK(n("十二") == 12);
  CHECK(n("二十") == 20);
  CHECK(n("一百零三") == 103);
  CHECK(n("一千零五十") == 1050);
  CHECK(n("两万三千") == 23000);
  CHECK(n("三万零五") == 30005);
  CHECK(n("十万") == 100000);
  CHECK(n("一一九") == 119);
  CHECK(n("二〇二五") == 2025);
  CHECK(n("零") == 0);
  // Not one well-formed numeral: colloquial abbreviations, units out of order, words.
  CHECK_FALSE(n("一百三"));
  CHECK_FALSE(n("三万五"));
  CHECK_FALSE(n("百"));
  CHECK_FALSE(n("千万"));
  CHECK_FALSE(n("三五十"));
  CHECK_FALSE(n("十百"));
  CHECK_FALSE(n(""));
}

TEST_CASE("the sentence of the issue binds each figure to one phrase", "[review][phrases]") {
  auto b = bound("全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度答复）");
  REQUIRE(b.size() == 3);
  CHECK(b[0].kind == StatedFigureKind::kReceived);
  CHECK(b[0].value == 3119);
  CHECK(b[0].phrase == "受理政府信息公开申请 3119 件");
  CHECK(b[1].kind == StatedFigureKind::kClosed);
  CHECK(b[1].value == 3050);
  // 含…: how many of the answered were carried over is not the table's 上年结转; not bound.
  CHECK(b[2].kind == StatedFigureKind::kCarriedOut);
  CHECK(b[2].value == 103);
  CHECK(b[2].phrase == "103 件顺延到下年度");
}

TEST_CASE("each kind of phrase is recognised in its usual wordings", "[review][phrases]") {
  using K = StatedFigureKind;
  auto one = [](const std::string& text) {
    auto b = bound(text);
    REQUIRE(b.size() == 1);
    return std::pair<K, std::int64_t>(b[0].kind, b[0].value);
  };
  CHECK(one("本年度新收政府信息公开申请45件。") == std::pair(K::kNew, std::int64_t{45}));
  CHECK(one("全年共收到政府信息公开申请 1,234 件。") == std::pair(K::kReceived, std::int64_t{1234}));
  CHECK(one("全年共收到政府信息公开申请 1，234 件。") == std::pair(K::kReceived, std::int64_t{1234}));
  CHECK(one("全年共受理政府信息公开申请两件。") == std::pair(K::kReceived, std::int64_t{2}));
  CHECK(one("本年度共接到 12 件政府信息公开申请。") == std::pair(K::kReceived, std::int64_t{12}));
  CHECK(one("收到政府信息公开申请，上年结转申请3件。") == std::pair(K::kCarriedIn, std::int64_t{3}));
  CHECK(one("政府信息公开申请已办结40件。") == std::pair(K::kClosed, std::int64_t{40}));
  CHECK(one("依申请公开：结转下年度继续办理8件。") == std::pair(K::kCarriedOut, std::int64_t{8}));
  auto two = bound("办结政府信息公开申请10件，予以公开６件。");  // full-width digits
  REQUIRE(two.size() == 2);
  CHECK(two[1].kind == K::kGranted);
  CHECK(two[1].value == 6);
  CHECK(one("被申请行政复议3件。") == std::pair(K::kReview, std::int64_t{3}));
  CHECK(one("被提起行政诉讼案件2件。") == std::pair(K::kLitigation, std::int64_t{2}));
  CHECK(one("全年主动公开规范性文件6件。") == std::pair(K::kNormative, std::int64_t{6}));
  CHECK(one("本年度制发行政规范性文件三件。") == std::pair(K::kNormative, std::int64_t{3}));
}

TEST_CASE("numbers that are not one table figure are left alone", "[review][phrases]") {
  const char* kIgnored[] = {
      "全年共受理政府信息公开申请4947条。",                      // another unit
      "政务服务大厅受理各类审批、服务办件30万件。",              // 万件
      "全年共新收政府信息公开申请约300件。",                    // approximate
      "全年受理政府信息公开申请300余件。",                      // approximate
      "新收政府信息公开申请10至20件。",                         // a range
      "新收政府信息公开申请10-20件。",
      "收到政府信息公开申请12件，同比增长20%。",                // the 20 is a percentage (12 is bound)
      "较上年度受理申请的20件有所增加。",                       // last year's figure
      "去年同期收到政府信息公开申请20件。",
      "2024年新收政府信息公开申请20件。",                       // another year
      "1-6月受理政府信息公开申请10件。",                        // a part of the year
      "上半年新收政府信息公开申请10件。",
      "收到自然人提出的政府信息公开申请10件。",                 // one applicant type
      "收到政府信息公开申请，其中自然人新收申请10件。",
      "办结申请，延期答复3件。",                                // a subset of the answered
      "申请中，予以公开答复5件。",
      "不予受理政府信息公开申请2件。",                          // negated
      "行政复议和行政诉讼共3件。",                              // a joint figure
      "因政府信息公开引发行政复议、行政诉讼各1件。",
      "予以公开和部分公开的申请共15件。",
      "全年通过12345热线受理群众咨询156件，办结156件。",        // another subject
      "共答复人大代表建议18件、政协提案25件。",
      "第3件申请已办结。",                                      // an ordinal
      "推进“高效办成一件事”，受理申请。",                       // 一件事
      "办结申请12件次。",                                       // 件次
      "本年度办结政府信息公开申请3.5件。",                      // not a whole number
  };
  for (const char* text : kIgnored) {
    // Each alone, and in a paragraph that is about disclosure requests.
    for (const std::string& t : {std::string(text), std::string("依申请公开方面，") + text}) {
      INFO(t);
      auto b = bound(t);
      if (t.find("同比增长") != std::string::npos) {
        REQUIRE(b.size() == 1);
        CHECK(b[0].value == 12);
      } else {
        CHECK(b.empty());
      }
    }
  }
}

TEST_CASE("request figures count only in a paragraph about disclosure requests, up to their sentence", "[review][phrases]") {
  CHECK(bound("便民服务中心受理各类申请1200件，办结1198件。").empty());
  auto b = bound("政务服务中心受理各类申请1200件。全年收到政府信息公开申请8件。");
  REQUIRE(b.size() == 1);
  CHECK(b[0].value == 8);
  CHECK(bound("依申请公开方面，便民服务中心受理各类申请1200件。").size() == 1);
}

TEST_CASE("a sentence about the applicants does not bind the figures that follow in it", "[review][phrases]") {
  auto b = bound("全市共新收政府信息公开申请27件，其中自然人申请25件，商业企业申请2件；上年结转1件。");
  REQUIRE(b.size() == 2);
  CHECK(b[0].value == 27);
  CHECK(b[1].kind == StatedFigureKind::kCarriedIn);
  CHECK(b[1].value == 1);
}

TEST_CASE("the sentence of a bound figure is located for quoting", "[review][phrases]") {
  std::u32string t = decode_utf8("本局高度重视。全年收到政府信息公开申请8件；均按时答复。");
  auto f = find_stated_figures(t, 2025);
  REQUIRE(f.size() == 1);
  CHECK(encode_utf8(t.substr(f[0].sentence_begin, f[0].sentence_end - f[0].sentence_begin)) == "全年收到政府信息公开申请8件；");
}
