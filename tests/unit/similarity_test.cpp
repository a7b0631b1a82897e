// How much of one text is found in another, and finding near copies among many texts without
// comparing every pair (validate/similarity.h).
#include <catch2/catch.hpp>

#include <chrono>
#include <iostream>
#include <random>

#include "text/utf8.h"
#include "validate/review_text.h"
#include "validate/similarity.h"
#include "formulaic_text.h"

using namespace nianbao;
using namespace nianbao::review;

namespace {

std::u32string u(const char* s) { return decode_utf8(s); }

int share(const char* a, const char* b) {
  return similarity_percent(shingles(comparable_text(u(a), {})), shingles(comparable_text(u(b), {})));
}

}  // namespace

TEST_CASE("a CJK ideograph is never white space, punctuation or a digit, so a text of them keeps every one", "[review]") {
  std::size_t other = 0;
  for (char32_t c = 0x4E00; c <= 0x9FFF; ++c) other += review::is_space(c) || review::is_punctuation(c) || review::is_digit(c);
  CHECK(other == 0);
  CHECK(review::is_ideograph(U'年'));
  CHECK_FALSE(review::is_ideograph(U'。'));
  CHECK(review::content_length(U"本局全年，收到 8 件。") == 8);  // digits count as content
  const std::u32string_view numerals = U"零〇一二两三四五六七八九十百千万亿";
  std::size_t disagree = 0, found = 0;
  for (char32_t c = 0; c <= 0xFFFF; ++c) {
    found += review::is_numeral_char(c);
    disagree += review::is_numeral_char(c) != (numerals.find(c) != std::u32string_view::npos);
  }
  CHECK(disagree == 0);
  CHECK(found == numerals.size());
  CHECK(review::comparable_text(U"本局全年，收到 8 件。", {}) == U"本局全年收到件");
}

TEST_CASE("the comparable text drops white space, punctuation, digits, placeholders and the agency's names", "[review][similarity]") {
  CHECK(comparable_text(u("2025年，剑光街道 公开信息{{requests.new.total}}条（含１２件）。"), {u("剑光街道")}) == u("年公开信息条含件"));
  CHECK(comparable_text(u("丰城市财政局、丰城市财政局办公室"), {u("丰城市财政局")}) == u("办公室"));
}

TEST_CASE("3-gram similarity is directional and counts distinct 3-grams", "[review][similarity]") {
  CHECK(shingles(u("政务公")).size() == 1);
  CHECK(shingles(u("公开公开公开")).size() == 2);  // 公开公, 开公开, 公开公, 开公开: two distinct
  CHECK(shingles(u("公开")).empty());
  CHECK(share("依申请公开办理流程规范", "依申请公开办理流程规范") == 100);
  // A short text copied whole into a longer one: all of it is there; little of the longer one.
  CHECK(share("依申请公开办理流程规范", "本局进一步规范依申请公开办理流程规范答复文书") == 100);
  CHECK(share("本局进一步规范依申请公开办理流程规范答复文书", "依申请公开办理流程规范") < 50);
  CHECK(share("", "政务公开") == 0);
}

TEST_CASE("the index finds the most similar text of another group, and never one of the same group", "[review][similarity]") {
  std::vector<std::u32string> texts = {
      comparable_text(u("全面推进决策、执行、管理、服务、结果公开，及时公开政策文件和重点领域信息，主动回应社会关切。"), {}),
      comparable_text(u("全面推进决策、执行、管理、服务、结果公开，及时公开政策文件和重点领域信息，主动回应社会关切。"), {}),
      comparable_text(u("全面推进决策、执行、管理、服务、结果公开，及时公开政策文件和重点领域信息，积极回应社会关切。"), {}),
      comparable_text(u("围绕乡村振兴、土地征收和农村集体三资管理等重点，细化公开目录，按月公开村级财务收支情况。"), {}),
  };
  SimilarityIndex index;
  index.add(7, texts[0]);
  index.add(7, texts[1]);  // the same agency twice: not a copy of itself
  index.add(8, texts[2]);
  index.add(9, texts[3]);
  auto m = index.best_matches(80, [&](std::size_t i) { return texts[i]; });
  REQUIRE(m.size() == 4);
  CHECK(m[0].other == 2);
  CHECK(m[0].percent >= 80);
  CHECK(m[1].other == 2);
  CHECK(m[2].other == 0);  // 0 and 1 are as similar; the lower index is named
  CHECK(m[3].other == -1);
}

namespace {

// Generated sections in the manner of a national run: formulaic text from a shared stock of
// phrases (so common 3-grams abound), each agency's mix different, and some sections copied from
// another agency's with a few characters changed.
struct Corpus {
  std::vector<std::u32string> texts;
  std::vector<int> source;  // for a planted copy, the document it was copied from; else -1
};

Corpus generate(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  test::FormulaicText stock(rng);
  auto pick = [&](std::size_t k) { return stock.pick(k); };
  Corpus c;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 10 && pick(20) == 0) {  // 5 %: a copy of an earlier section, three characters changed
      std::size_t from = pick(i);
      while (c.source[from] >= 0) from = static_cast<std::size_t>(c.source[from]);
      std::u32string t = c.texts[from];
      stock.disguise(t);
      c.texts.push_back(t);
      c.source.push_back(static_cast<int>(from));
      continue;
    }
    std::u32string t;
    for (std::size_t k = 0; k < 6; ++k) t += stock.sentence();
    c.texts.push_back(t);
    c.source.push_back(-1);
  }
  return c;
}

double run_index(const Corpus& c, std::vector<SimilarMatch>& out, int threads = 1) {
  auto start = std::chrono::steady_clock::now();
  SimilarityIndex index;
  for (std::size_t i = 0; i < c.texts.size(); ++i) index.add(static_cast<std::uint32_t>(i), c.texts[i]);
  out = index.best_matches(80, [&](std::size_t i) { return c.texts[i]; }, threads);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Every copy is found (its match is its source or another copy of it), every source finds a
// copy, and no other section is called a copy.
void check_found(const Corpus& c, const std::vector<SimilarMatch>& m) {
  std::vector<bool> copied(c.texts.size(), false);
  for (std::size_t i = 0; i < c.texts.size(); ++i)
    if (c.source[i] >= 0) copied[static_cast<std::size_t>(c.source[i])] = true;
  std::size_t copies = 0;
  for (std::size_t i = 0; i < c.texts.size(); ++i) {
    INFO(i);
    auto root = [&](int d) { return c.source[d] >= 0 ? c.source[d] : d; };
    if (c.source[i] >= 0 || copied[i]) {
      ++copies;
      REQUIRE(m[i].other >= 0);
      CHECK(root(m[i].other) == root(static_cast<int>(i)));
      CHECK(m[i].percent >= 80);
    } else {
      CHECK(m[i].other == -1);
    }
  }
  CHECK(copies > c.texts.size() / 20);
}

}  // namespace

TEST_CASE("among 3,000 generated sections every planted copy is found and nothing else", "[review][similarity]") {
  Corpus c = generate(3000, 1);
  std::vector<SimilarMatch> m;
  run_index(c, m);
  check_found(c, m);
}

TEST_CASE("the index finds the same copies on one thread and on several", "[review][similarity]") {
  // Enough sections that the index's keys are counted in several parts, one per thread.
  Corpus c = generate(8000, 3);
  std::vector<SimilarMatch> one, several;
  run_index(c, one, 1);
  run_index(c, several, 4);
  check_found(c, several);
  REQUIRE(one.size() == several.size());
  std::size_t differ = 0;
  for (std::size_t i = 0; i < one.size(); ++i) differ += one[i].other != several[i].other || one[i].percent != several[i].percent;
  CHECK(differ == 0);
}

// Not run by default (`unit_tests "[.bench]"`): the time for 10,000 and 100,000 sections.
TEST_CASE("similarity index: time for 10,000 and 100,000 generated sections", "[.bench]") {
  for (std::size_t n : {std::size_t{10'000}, std::size_t{100'000}}) {
    Corpus c = generate(n, 2);
    std::size_t chars = 0;
    for (const auto& t : c.texts) chars += t.size();
    std::vector<SimilarMatch> m;
    double secs = run_index(c, m);
    check_found(c, m);
    std::cout << n << " sections (" << chars << " characters): " << secs << " s\n";
  }
}
