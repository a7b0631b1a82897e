#include "validate/similarity.h"

#include <algorithm>
#include <cassert>
#include <memory>
#include <numeric>
#include <unordered_map>

#include "validate/parallel_for.h"
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
    if (is_content(c) && !is_digit(c)) out.push_back(c);
  return out;
}

std::uint64_t text_hash(std::u32string_view text) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ text.size();
  for (char32_t c : text) h = (h ^ c) * 0x100000001B3ull;  // FNV-1a's step, mixed once at the end
  return mix64(h);
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

SimilarityIndex::Prepared SimilarityIndex::prepare(std::u32string_view comparable) {
  Prepared p;
  p.text_hash = text_hash(comparable);
  if (comparable.size() < 3) return p;
  // One pass over the 3-grams, none sorted: the index needs their number, their minimum hashes
  // and their samples, not the set (only the few texts compared exactly are taken apart again).
  // One-permutation MinHash: each 3-gram's hash puts it in one of the bins (by one half of the
  // hash) and competes for the bin's smallest (by the other half, the 3-gram as shingles() gives
  // it); an empty bin takes its next non-empty bin's, re-hashed with the distance (the rotation
  // that keeps two texts' bins comparable).
  constexpr std::uint32_t kEmpty = ~std::uint32_t{0};
  p.mins.fill(kEmpty);
  std::array<bool, kMinHashes> filled{};
  std::size_t table_size = 64;
  while (table_size < 2 * comparable.size()) table_size *= 2;
  thread_local std::vector<std::uint32_t> seen;  // distinct 3-grams, as hash + 1 (0: empty); reused
  seen.assign(table_size, 0);
  std::uint32_t smallest = kEmpty;
  for (std::size_t i = 0; i + 2 < comparable.size(); ++i) {
    const std::uint64_t key = (std::uint64_t{comparable[i]} << 42) | (std::uint64_t{comparable[i + 1]} << 21) | comparable[i + 2];
    const std::uint64_t h = mix64(key);
    const auto x = static_cast<std::uint32_t>(h >> 32);
    const std::size_t bin = static_cast<std::size_t>((static_cast<std::uint64_t>(static_cast<std::uint32_t>(h)) * kMinHashes) >> 32);
    if (!filled[bin] || x < p.mins[bin]) p.mins[bin] = x;
    filled[bin] = true;
    std::size_t at = (x * 0x9E3779B1u) & (table_size - 1);
    while (seen[at] != 0 && seen[at] != x + 1u) at = (at + 1) & (table_size - 1);
    if (seen[at] == 0) {
      seen[at] = x + 1u;  // x = 0xFFFFFFFF wraps to 0 and is counted again: once in four billion texts
      ++p.shingle_count;
      smallest = std::min(smallest, x);
      if (sampled(x)) p.samples.push_back(x);
    }
  }
  for (std::size_t i = 0; i < kMinHashes; ++i) {
    if (filled[i]) continue;
    std::size_t d = 1;
    while (!filled[(i + d) % kMinHashes]) ++d;
    p.mins[i] = static_cast<std::uint32_t>(mix64(p.mins[(i + d) % kMinHashes] + 0x9E3779B97F4A7C15ull * d));
  }
  if (!sampled(smallest)) p.samples.push_back(smallest);
  std::sort(p.samples.begin(), p.samples.end());
  return p;
}

std::uint64_t SimilarityIndex::band_key(std::size_t d, std::size_t b) const {
  std::uint64_t key = mix64(b + 1);
  for (std::size_t r = 0; r < kRows; ++r) key = mix64(key ^ mins_[d * kMinHashes + b * kRows + r]);
  return key >> 1;  // band keys have the top bit clear
}

std::size_t SimilarityIndex::shared_min_hashes(std::size_t a, std::size_t b) const {
  std::size_t n = 0;
  for (std::size_t i = 0; i < kMinHashes; ++i) n += mins_[a * kMinHashes + i] == mins_[b * kMinHashes + i];
  return n;
}

bool SimilarityIndex::holds_samples(std::size_t a, std::size_t b) const {
  const std::uint32_t* x = samples_.data() + sample_starts_[a];
  const std::uint32_t* const x_end = samples_.data() + sample_starts_[a + 1];
  const std::uint32_t* y = samples_.data() + sample_starts_[b];
  const std::uint32_t* const y_end = samples_.data() + sample_starts_[b + 1];
  const std::size_t total = static_cast<std::size_t>(x_end - x);
  std::size_t common = 0;
  while (x < x_end && y < y_end) {
    if (*x < *y) ++x;
    else if (*y < *x) ++y;
    else ++common, ++x, ++y;
  }
  return common * 100 >= total * kMinHeldSamplesPercent;
}

void SimilarityIndex::add(std::uint32_t group, Prepared p) {
  assert(!built_ && "add() after best_matches()");
  docs_.push_back(Doc{group, p.shingle_count, p.text_hash});
  mins_.insert(mins_.end(), p.mins.begin(), p.mins.end());
  samples_.insert(samples_.end(), p.samples.begin(), p.samples.end());
  sample_starts_.push_back(static_cast<std::uint32_t>(samples_.size()));
}

void SimilarityIndex::reserve(std::size_t documents, std::size_t samples) {
  docs_.reserve(docs_.size() + documents);
  mins_.reserve(mins_.size() + documents * kMinHashes);
  samples_.reserve(samples_.size() + samples);
  sample_starts_.reserve(sample_starts_.size() + documents);
}

std::size_t SimilarityIndex::key_count(std::uint32_t d) const {
  // A document without 3-grams is never looked up, never found.
  return docs_[d].shingle_count == 0 ? 0 : kBands + (sample_starts_[d + 1] - sample_starts_[d]);
}

void SimilarityIndex::keys_of(std::uint32_t d, std::vector<std::uint64_t>& keys) const {
  keys.clear();
  if (key_count(d) == 0) return;
  for (std::size_t b = 0; b < kBands; ++b) keys.push_back(band_key(d, b));
  for (std::size_t k = sample_starts_[d]; k < sample_starts_[d + 1]; ++k) keys.push_back(std::uint64_t{1} << 63 | samples_[k]);  // sample keys have it set
}

void SimilarityIndex::prefetch_slots(const std::vector<std::uint64_t>& keys) const {
  // The table is far larger than the caches: asking for a document's few dozen slots at once
  // lets the memory fetch them together, where one look-up after another waits for each.
  for (std::uint64_t key : keys) __builtin_prefetch(&table_[home_slot(key)]);
}

std::size_t SimilarityIndex::distinct_keys(std::size_t postings, int threads) const {
  // All keys in one array, sorted in as many parts as there are workers, each part by its own
  // thread; then one walk along the parts at once counts the distinct values. The parts are runs
  // of whole documents, of about equal numbers of keys.
  const unsigned parts = std::min(8u, worker_count(postings, threads, std::size_t{1} << 16));
  std::vector<std::uint32_t> first_doc(parts + 1, static_cast<std::uint32_t>(docs_.size()));
  std::vector<std::size_t> start(parts + 1, postings);
  first_doc[0] = 0;
  start[0] = 0;
  std::size_t seen = 0;
  for (std::uint32_t d = 0, part = 1; d < docs_.size() && part < parts; ++d) {
    if (seen >= postings * part / parts) {
      first_doc[part] = d;
      start[part] = seen;
      ++part;
    }
    seen += key_count(d);
  }
  // Not cleared first: every element is written by the worker whose part it is in.
  const std::unique_ptr<std::uint64_t[]> keys(new std::uint64_t[postings]);
  parallel_for(parts, parts, [&](unsigned, std::size_t part) {
    std::vector<std::uint64_t> of_doc;
    std::size_t at = start[part];
    for (std::uint32_t d = first_doc[part]; d < first_doc[part + 1]; ++d) {
      keys_of(d, of_doc);
      std::copy(of_doc.begin(), of_doc.end(), keys.get() + at);
      at += of_doc.size();
    }
    assert(at == start[part + 1]);
    std::sort(keys.get() + start[part], keys.get() + at);
  });
  std::vector<std::size_t> at(start.begin(), start.end() - 1);
  std::size_t distinct = 0;
  std::uint64_t last = 0;
  for (bool any = false;;) {
    // The smallest key at the head of any part (few parts: a look at each is cheaper than a heap).
    unsigned least = parts;
    for (unsigned p = 0; p < parts; ++p)
      if (at[p] < start[p + 1] && (least == parts || keys[at[p]] < keys[at[least]])) least = p;
    if (least == parts) break;
    const std::uint64_t key = keys[at[least]++];
    if (!any || key != last) ++distinct;
    any = true;
    last = key;
  }
  return distinct;
}

void SimilarityIndex::build_lists(int threads) {
  built_ = true;
  // The keys are made again from the documents' minimum hashes and samples rather than kept as
  // (key, document) pairs while documents are added: at 100,000 agencies those pairs were the
  // largest thing the run held. Only their number of distinct values is taken from a sorted copy,
  // which is freed before the table is made, so that the two are never held together (at 100,000
  // agencies 25 MB and 22 MB, at the moment the run holds the most).
  std::size_t postings = 0;
  for (std::uint32_t d = 0; d < docs_.size(); ++d) postings += key_count(d);
  const std::size_t distinct = distinct_keys(postings, threads);
  std::vector<std::uint64_t> of_doc;
  // Open addressing over (key, list): a look-up is one probe or two into one array, where a
  // binary search over millions of keys is twenty cache misses. At most three quarters full (of
  // any size, not a power of two, which would leave it half empty as often as not): every key
  // looked up is one a document holds, so a look-up always ends at its key.
  table_.assign(std::max<std::size_t>(16, (distinct * 4 + 2) / 3), Slot{});
  // Each key's count, then the lists laid out in slot order, then each list filled in document
  // order, its `first` serving as the place of the next one.
  auto each_key_slot = [&](auto&& use) {
    for (std::uint32_t d = 0; d < docs_.size(); ++d) {
      keys_of(d, of_doc);
      prefetch_slots(of_doc);
      for (std::uint64_t key : of_doc) use(d, key, table_[slot_of(key)]);
    }
  };
  each_key_slot([](std::uint32_t, std::uint64_t key, Slot& slot) {
    slot.key = key;
    ++slot.count;
  });
  std::uint32_t next = 0;
  for (Slot& slot : table_) {
    slot.first = next;
    next += slot.count;
  }
  ids_.assign(postings, 0);
  each_key_slot([&](std::uint32_t d, std::uint64_t, Slot& slot) { ids_[slot.first++] = d; });
  for (Slot& slot : table_) slot.first -= slot.count;
}

std::size_t SimilarityIndex::home_slot(std::uint64_t key) const {
  // The hash scaled to the table's size (the high half of a 64 × 64-bit product).
  __extension__ using Wide = unsigned __int128;
  return static_cast<std::size_t>((static_cast<Wide>(mix64(key)) * table_.size()) >> 64);
}

std::size_t SimilarityIndex::slot_of(std::uint64_t key) const {
  std::size_t at = home_slot(key);
  while (table_[at].count != 0 && table_[at].key != key)
    if (++at == table_.size()) at = 0;
  return at;
}

std::pair<std::size_t, std::size_t> SimilarityIndex::list_of(std::uint64_t key) const {
  const Slot& slot = table_[slot_of(key)];  // an empty slot is {0, 0}
  return {slot.first, slot.count};
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

void SimilarityIndex::find_candidates(std::uint32_t a, std::size_t need, Scratch& sc) const {
  auto eligible = [&](std::uint32_t b) { return docs_[b].group != docs_[a].group && docs_[b].shingle_count >= need; };
  auto meet = [&](std::uint32_t b, std::vector<std::uint16_t>& count) {
    if (sc.bands[b] == 0 && sc.samples[b] == 0) sc.touched.push_back(b);
    ++count[b];
  };
  // Every key of A is in the index, A among its documents: a list of one is A's own, not read.
  keys_of(a, sc.keys);
  prefetch_slots(sc.keys);
  for (std::size_t k = 0; k < kBands; ++k) {
    const auto [first, count] = list_of(sc.keys[k]);
    if (count < 2) continue;
    const std::size_t read = count > kMaxBucket ? kReadOfCrowdedBucket : count;
    for (std::size_t at = first; at < first + read; ++at)
      if (eligible(ids_[at])) meet(ids_[at], sc.bands);
  }
  sc.rare.clear();
  for (std::size_t k = kBands; k < sc.keys.size(); ++k) {
    const auto [first, count] = list_of(sc.keys[k]);
    if (count <= kRareList) sc.rare.emplace_back(count, first);
  }
  std::sort(sc.rare.begin(), sc.rare.end());
  std::size_t budget = kRareBudget, rare_read = 0;
  for (const auto& [count, first] : sc.rare) {
    if (count > budget) break;
    budget -= count;
    ++rare_read;
    if (count < 2) continue;
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
    if (sc.bands[sc.touched[k]] > 0 && shared_min_hashes(a, sc.touched[k]) >= kMinSharedMinHashes && holds_samples(a, sc.touched[k]))
      sc.chosen.push_back(sc.touched[k]);
  const std::size_t second_part = std::min(sc.touched.size() - first_part, kMaxCandidates - first_part);
  std::partial_sort(sc.touched.begin() + static_cast<std::ptrdiff_t>(first_part),
                    sc.touched.begin() + static_cast<std::ptrdiff_t>(first_part + second_part), sc.touched.end(), by_samples);
  // A copy of A holds most of A's 3-grams, so most of the rare ones read: a text that shares a
  // few of them (two common words side by side) is chance. One is enough only when A has one.
  const auto enough = static_cast<std::uint16_t>(std::max<std::size_t>(rare_read >= 2 ? 2 : 1, (rare_read + 1) / 2));
  for (std::size_t k = first_part; k < first_part + second_part; ++k)
    if (sc.samples[sc.touched[k]] >= enough && holds_samples(a, sc.touched[k])) sc.chosen.push_back(sc.touched[k]);
  for (std::uint32_t b : sc.touched) sc.bands[b] = sc.samples[b] = 0;
  sc.touched.clear();
}

std::vector<SimilarMatch> SimilarityIndex::best_matches(int threshold,
                                                        const std::function<std::u32string(std::size_t)>& comparable_of,
                                                        int threads) {
  if (!built_) build_lists(threads);
  const std::size_t n = docs_.size();
  std::vector<SimilarMatch> out(n);
  match_exact_copies(comparable_of, out);
  // Texts that share a stock paragraph meet in the same buckets, which are read from their first
  // documents: the same few are many texts' candidates. Each worker keeps their 3-grams (up to a
  // bound) rather than make them again for each comparison.
  struct Worker {
    Scratch scratch;
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> kept;
    std::size_t kept_shingles = 0;
    std::vector<std::uint32_t> made;
  };
  const unsigned workers = worker_count(n, threads, 256);
  std::vector<Worker> state(workers);
  for (auto& w : state) w.scratch.bands.assign(n, 0), w.scratch.samples.assign(n, 0);
  parallel_for(n, workers, [&](unsigned worker, std::size_t index) {
    const auto a = static_cast<std::uint32_t>(index);
    if (out[a].other >= 0 || docs_[a].shingle_count == 0) return;
    Worker& w = state[worker];
    const std::size_t need = (std::size_t{docs_[a].shingle_count} * static_cast<std::size_t>(threshold) + 99) / 100;
    find_candidates(a, need, w.scratch);
    if (w.scratch.chosen.empty()) return;
    const std::vector<std::uint32_t> sa = shingles(comparable_of(a));
    const std::size_t budget = kMaxKeptShingles / workers;
    for (std::uint32_t b : w.scratch.chosen) {
      auto it = w.kept.find(b);
      const std::vector<std::uint32_t>* sb = it != w.kept.end() ? &it->second : nullptr;
      if (!sb) {
        w.made = shingles(comparable_of(b));
        if (w.kept_shingles + w.made.size() <= budget) {
          w.kept_shingles += w.made.size();
          sb = &w.kept.emplace(b, std::move(w.made)).first->second;
        } else {
          sb = &w.made;
        }
      }
      int pct = similarity_percent(sa, *sb);
      if (pct >= threshold && (pct > out[a].percent || (pct == out[a].percent && static_cast<int>(b) < out[a].other)))
        out[a] = SimilarMatch{static_cast<int>(b), pct};
    }
  });
  return out;
}

}  // namespace nianbao::review
