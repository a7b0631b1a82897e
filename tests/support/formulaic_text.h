// Generated text in the manner of a national run's narrative sections: formulaic sentences from
// a shared stock of words (so that common 3-grams abound), for the 内容雷同 tests and benchmarks.
// Header-only; deterministic for a given generator state.
#pragma once

#include <cstddef>
#include <random>
#include <string>
#include <vector>

#include "text/utf8.h"

namespace nianbao::test {

struct FormulaicText {
  std::mt19937& rng;
  /// The characters the words are made of.
  const std::u32string chars = decode_utf8("政务公开信息申请办理答复主动依法规范推进工作制度平台网站部门单位群众服务事项政策解读回应关切"
                                           "监督考核培训领域财政预算决算重点项目建设民生保障教育医疗住房就业乡村振兴营商环境数据共享");
  std::vector<std::u32string> words = std::vector<std::u32string>(600);
  std::vector<std::u32string> sentences = std::vector<std::u32string>(4000);

  /// Draws 600 words of 2 to 4 characters and 4,000 sentences of 5 to 10 words from `rng`.
  explicit FormulaicText(std::mt19937& generator) : rng(generator) {
    for (auto& w : words)
      for (std::size_t k = 0, len = 2 + pick(3); k < len; ++k) w.push_back(chars[pick(chars.size())]);
    for (auto& s : sentences)
      for (std::size_t k = 0, len = 5 + pick(6); k < len; ++k) s += words[pick(words.size())];
  }

  /// A number from 0 to k - 1.
  std::size_t pick(std::size_t k) { return std::uniform_int_distribution<std::size_t>(0, k - 1)(rng); }
  /// A sentence of the stock.
  const std::u32string& sentence() { return sentences[pick(sentences.size())]; }
  /// `text` with three characters replaced by others of the stock: a copy made to look new.
  void disguise(std::u32string& text) {
    for (int e = 0; e < 3; ++e) text[pick(text.size())] = chars[pick(chars.size())];
  }
};

}  // namespace nianbao::test
