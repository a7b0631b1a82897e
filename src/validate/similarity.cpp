#include "validate/similarity.h"

#include <algorithm>
#include <cassert>
#include <numeric>

#include "validate/review_text.h"

namespace nianbao::review {

namespace {

std::uint64_t mix64(std::uint64_t x) {  // splitmix64's finaliser: every input bit reaches every output bit
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

std::u32string strip_to_letters(std::u32string_view text) {
  std::u32string plain = strip_placeholders(text), out;
  out.reserve(plain.size());
  for (char32_t c : plain)
    if (!is_space(c) && !is_punctuation(c) && !is_digit(c)) out.push_back(c);
  return out;
}

std::uint64_t text_hash(std::u32string_view text) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ text.size();
  for (char32_t c : text) h = mix64(h ^ c);
  return h;
}

// Content-defined: a 3-gram both texts hold is sampled in both, whatever surrounds it.
bool sampled(std::uint32_t hash) { return (hash & 7u) == 0; }

}  // namespace

std::u32string comparable_text(std::u32string_view text, const std::vector<std::u32string>& names) {
  std::u32string out = strip_to_letters(text);
  std::vector<std::u32string> keys;
  for (const auto& n : names) {
    std::u32string k = strip_to_letters(n);
    if (k.size() >= 2) keys.push_back(std::move(k));
  }
  std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  for (const auto& k : keys) {
    std::u32string kept;
    kept.reserve(out.size());
    std::size_t i = 0;
    for (std::size_t at; (at = out.find(k, i)) != std::u32string::npos; i = at + k.size()) kept.append(out, i, at - i);
    kept.append(out, i, std::u32string::npos);
    out.swap(kept);
  }
  return out;
}

std::vector<std::uint32_t> shingles(std::u32string_view s) {
  std::vector<std::uint32_t> out;
  if (s.size() < 3) return out;
  out.reserve(s.size() - 2);
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    std::uint64_t key = (std::uint64_t{s[i]} << 42) | (std::uint64_t{s[i + 1]} << 21) | s[i + 2];
    out.push_back(static_cast<std::uint32_t>(mix64(key) >> 32));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

int similarity_percent(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  if (a.empty()) return 0;
  std::size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) ++i;
    else if (b[j] < a[i]) ++j;
    else ++common, ++i, ++j;
  }
  return static_cast<int>(common * 100 / a.size());
}

void SimilarityIndex::keys_of(const std::vector<std::uint32_t>& s, std::vector<std::uint64_t>& keys) {
  keys.clear();
  if (s.empty()) return;
  // MinHash: kBands × kRows hash functions, each a different seed through the same mixer.
  std::uint64_t mins[kBands * kRows];
  for (std::size_t i = 0; i < kBands * kRows; ++i) {
    const std::uint64_t seed = mix64(0x5851F42D4C957F2Dull * (i + 1));
    std::uint64_t m = ~std::uint64_t{0};
    for (std::uint32_t x : s) m = std::min(m, mix64(x ^ seed));
    mins[i] = m;
  }
  for (std::size_t b = 0; b < kBands; ++b) {
    std::uint64_t key = mix64(b + 1);
    for (std::size_t r = 0; r < kRows; ++r) key = mix64(key ^ mins[b * kRows + r]);
    keys.push_back(key >> 1);  // band keys have the top bit clear
  }
  for (std::size_t k = 0; k < s.size(); ++k)
    if (k == 0 || sampled(s[k])) keys.push_back(std::uint64_t{1} << 63 | s[k]);  // sample keys have it set
}

void SimilarityIndex::add(std::uint32_t group, std::u32string_view comparable) {
  assert(keys_.empty() && "add() after best_matches()");
  const auto id = static_cast<std::uint32_t>(docs_.size());
  const std::vector<std::uint32_t> s = shingles(comparable);
  docs_.push_back(Doc{group, static_cast<std::uint32_t>(s.size()), text_hash(comparable)});
  std::vector<std::uint64_t> keys;
  keys_of(s, keys);
  for (std::uint64_t k : keys) postings_.emplace_back(k, id);
  keys.resize(kBands, 0);  // its band keys (a document without 3-grams is never looked up)
  band_keys_.insert(band_keys_.end(), keys.begin(), keys.end());
}

void SimilarityIndex::build_lists() {
  std::sort(postings_.begin(), postings_.end());
  ids_.reserve(postings_.size());
  for (std::size_t i = 0; i < postings_.size(); ++i) {
    if (keys_.empty() || keys_.back() != postings_[i].first) {
      keys_.push_back(postings_[i].first);
      starts_.push_back(static_cast<std::uint32_t>(i));
    }
    ids_.push_back(postings_[i].second);
  }
  starts_.push_back(static_cast<std::uint32_t>(ids_.size()));
  std::vector<std::pair<std::uint64_t, std::uint32_t>>().swap(postings_);
  // Open addressing: a look-up is a probe or two, where a binary search over millions of keys is
  // twenty cache misses.
  std::size_t size = 16;
  while (size < 2 * keys_.size()) size *= 2;
  slots_.assign(size, 0);
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    std::size_t at = mix64(keys_[k]) & (size - 1);
    while (slots_[at] != 0) at = (at + 1) & (size - 1);
    slots_[at] = static_cast<std::uint32_t>(k + 1);
  }
}

std::pair<std::size_t, std::size_t> SimilarityIndex::list_of(std::uint64_t key) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = mix64(key) & mask; slots_[at] != 0; at = (at + 1) & mask) {
    const std::size_t k = slots_[at] - 1;
    if (keys_[k] == key) return {starts_[k], starts_[k + 1] - starts_[k]};
  }
  return {0, 0};
}

void SimilarityIndex::match_exact_copies(const std::function<std::u32string(std::size_t)>& comparable_of,
                                         std::vector<SimilarMatch>& out) const {
  const std::size_t n = docs_.size();
  std::vector<std::uint32_t> by_text(n);
  std::iota(by_text.begin(), by_text.end(), 0u);
  std::sort(by_text.begin(), by_text.end(), [&](std::uint32_t a, std::uint32_t b) {
    return docs_[a].text_hash != docs_[b].text_hash ? docs_[a].text_hash < docs_[b].text_hash : a < b;
  });
  for (std::size_t lo = 0, hi; lo < n; lo = hi) {
    hi = lo + 1;
    while (hi < n && docs_[by_text[hi]].text_hash == docs_[by_text[lo]].text_hash) ++hi;
    if (hi - lo < 2 || docs_[by_text[lo]].shingle_count == 0) continue;
    const std::uint32_t first = by_text[lo];
    std::uint32_t other_group = first;  // lowest index whose group is not first's
    for (std::size_t k = lo + 1; k < hi && other_group == first; ++k)
      if (docs_[by_text[k]].group != docs_[first].group) other_group = by_text[k];
    if (other_group == first) continue;
    const std::u32string text = comparable_of(first);  // a hash is not proof: the texts are compared
    for (std::size_t k = lo; k < hi; ++k) {
      const std::uint32_t d = by_text[k];
      const std::uint32_t other = docs_[d].group != docs_[first].group ? first : other_group;
      if (comparable_of(d) == text && comparable_of(other) == text) out[d] = SimilarMatch{static_cast<int>(other), 100};
    }
  }
}

void SimilarityIndex::find_candidates(std::uint32_t a, const std::vector<std::uint32_t>& sa, std::size_t need,
                                      Scratch& sc) const {
  auto eligible = [&](std::uint32_t b) { return docs_[b].group != docs_[a].group && docs_[b].shingle_count >= need; };
  auto meet = [&](std::uint32_t b, std::vector<std::uint16_t>& count) {
    if (sc.bands[b] == 0 && sc.samples[b] == 0) sc.touched.push_back(b);
    ++count[b];
  };
  for (std::size_t k = 0; k < kBands; ++k) {
    const auto [first, count] = list_of(band_keys_[std::size_t{a} * kBands + k]);
    for (std::size_t at = first; at < first + std::min(count, kMaxBucket); ++at)
      if (eligible(ids_[at])) meet(ids_[at], sc.bands);
  }
  sc.rare.clear();
  for (std::size_t k = 0; k < sa.size(); ++k) {
    if (k != 0 && !sampled(sa[k])) continue;
    const auto [first, count] = list_of(std::uint64_t{1} << 63 | sa[k]);
    if (count <= kRareList) sc.rare.emplace_back(count, first);
  }
  std::sort(sc.rare.begin(), sc.rare.end());
  std::size_t budget = kRareBudget, rare_read = 0;
  for (const auto& [count, first] : sc.rare) {
    if (count > budget) break;
    budget -= count;
    ++rare_read;
    for (std::size_t at = first; at < first + count; ++at)
      if (eligible(ids_[at])) meet(ids_[at], sc.samples);
  }
  // The most bands shared first (near copies of like length), then the most rare samples (a text
  // copied into a longer one); a quarter of the places for the second.
  auto by_bands = [&](std::uint32_t x, std::uint32_t y) {
    return sc.bands[x] != sc.bands[y] ? sc.bands[x] > sc.bands[y] : sc.samples[x] != sc.samples[y] ? sc.samples[x] > sc.samples[y] : x < y;
  };
  auto by_samples = [&](std::uint32_t x, std::uint32_t y) {
    return sc.samples[x] != sc.samples[y] ? sc.samples[x] > sc.samples[y] : sc.bands[x] != sc.bands[y] ? sc.bands[x] > sc.bands[y] : x < y;
  };
  sc.chosen.clear();
  const std::size_t first_part = std::min(sc.touched.size(), kMaxCandidates * 3 / 4);
  std::partial_sort(sc.touched.begin(), sc.touched.begin() + static_cast<std::ptrdiff_t>(first_part), sc.touched.end(), by_bands);
  for (std::size_t k = 0; k < first_part; ++k)
    if (sc.bands[sc.touched[k]] > 0) sc.chosen.push_back(sc.touched[k]);
  const std::size_t second_part = std::min(sc.touched.size() - first_part, kMaxCandidates - first_part);
  std::partial_sort(sc.touched.begin() + static_cast<std::ptrdiff_t>(first_part),
                    sc.touched.begin() + static_cast<std::ptrdiff_t>(first_part + second_part), sc.touched.end(), by_samples);
  // One rare sample in common is chance unless it is the only rare one A has.
  const std::uint16_t enough = rare_read >= 2 ? 2 : 1;
  for (std::size_t k = first_part; k < first_part + second_part; ++k)
    if (sc.samples[sc.touched[k]] >= enough) sc.chosen.push_back(sc.touched[k]);
  for (std::uint32_t b : sc.touched) sc.bands[b] = sc.samples[b] = 0;
  sc.touched.clear();
}

std::vector<SimilarMatch> SimilarityIndex::best_matches(int threshold,
                                                        const std::function<std::u32string(std::size_t)>& comparable_of) {
  if (keys_.empty()) build_lists();
  const std::size_t n = docs_.size();
  std::vector<SimilarMatch> out(n);
  match_exact_copies(comparable_of, out);
  Scratch scratch;
  scratch.bands.assign(n, 0);
  scratch.samples.assign(n, 0);
  for (std::uint32_t a = 0; a < n; ++a) {
    if (out[a].other >= 0 || docs_[a].shingle_count == 0) continue;
    const std::vector<std::uint32_t> sa = shingles(comparable_of(a));
    const std::size_t need = (sa.size() * static_cast<std::size_t>(threshold) + 99) / 100;
    find_candidates(a, sa, need, scratch);
    for (std::uint32_t b : scratch.chosen) {
      int pct = similarity_percent(sa, shingles(comparable_of(b)));
      if (pct >= threshold && (pct > out[a].percent || (pct == out[a].percent && static_cast<int>(b) < out[a].other)))
        out[a] = SimilarMatch{static_cast<int>(b), pct};
    }
  }
  return out;
}

}  // namespace nianbao::review
