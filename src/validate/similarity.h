// How much of one text is found in another (内容雷同), and finding, among many texts, the most
// similar text of another agency without comparing every pair.
//
// Similarity of A to B = the share of A's distinct character 3-grams that also occur in B,
// computed on the comparable text (no white space, punctuation, digits, placeholders or the
// agency's own name). Why this measure: one edited character changes at most three 3-grams, so
// small edits cost little; digits are dropped so a text copied from last year with this year's
// figures typed in is still the same text; the agency's name is dropped so swapping names changes
// nothing; and it is directional, so a short text copied whole into a longer one is 100 % the
// same while the longer one is not. An LCS ratio would measure the same thing but costs
// O(|A|·|B|) per pair; 3-gram sets cost O(|A| + |B|).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao::review {

/// `text` as compared: placeholders, white space, punctuation and digits removed, then every
/// occurrence of each of `names` (compared the same way; longest first).
std::u32string comparable_text(std::u32string_view text, const std::vector<std::u32string>& names);

/// The distinct 3-grams of a comparable text, as sorted 32-bit hashes.
std::vector<std::uint32_t> shingles(std::u32string_view comparable);

/// The similarity of `a` to `b` (both from shingles()) in percent, rounded down: 100 ×
/// |a ∩ b| / |a|; 0 when `a` is empty.
int similarity_percent(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b);

struct SimilarMatch {
  int other = -1;   // index of the most similar document of another group, or -1
  int percent = 0;  // its similarity, when other >= 0
};

/// Finds, for each of many documents, the most similar document of another group (another
/// agency) whose similarity reaches a threshold. Time and memory grow linearly with the number of
/// documents: no pair is compared unless the index says it may match, and the work per document
/// is bounded.
///
/// How: the same comparable text is found by a hash of the whole text. Near copies are found two
/// ways, and the candidates of both are compared exactly:
///  - MinHash with banding (LSH): kBands bands of kRows minimum hashes each. Two texts share a
///    band with probability J^kRows (J: the Jaccard similarity of their 3-gram sets), so a copy
///    of 80 % (J ≥ 0.67 for texts of like length) shares at least one of 16 bands with
///    probability > 0.99, and a text that merely shares a stock phrase (J ≈ 0.1) almost never.
///    The kBands × kRows minimum hashes are one-permutation MinHash (one hash per 3-gram, each in
///    one of 48 bins, empty bins filled from the next one): as good an estimate, at a 48th of the
///    cost. A document found through the bands is compared only when at least kMinSharedMinHashes
///    of its 48 agree with the other's (an estimated J of 1/3): texts that share just a stock
///    paragraph meet in a band often, and are let go here.
///  - Rare 3-grams: a content-defined sample (1 in 8, plus the smallest) of each text's 3-grams;
///    A's samples held by at most kRareList documents are read (within kRareBudget postings), and
///    a document holding at least half of those read (and two, when two were read) is compared.
///    This finds a short text copied whole into a much longer one, whose Jaccard similarity is low.
/// Of those, up to kMaxCandidates documents, those sharing the most bands and rare samples, are
/// compared, if they hold at least kMinHeldSamplesPercent of A's samples (a copy of 80 % holds
/// about 80 % of them; a text that shares a few words, very few).
/// A bucket shared by more than kMaxBucket documents (one text copied very many times, or a stock
/// paragraph every text holds) is read only to its first kReadOfCrowdedBucket documents: if they
/// are copies, they are found; if not, reading further would find no more of them.
/// Not thread-safe, but prepare() is, and best_matches() may use several threads.
class SimilarityIndex {
 public:
  static constexpr std::size_t kBands = 16;
  static constexpr std::size_t kRows = 3;
  static constexpr std::size_t kMinHashes = kBands * kRows;
  static constexpr std::size_t kMinSharedMinHashes = 16;
  static constexpr std::size_t kMaxBucket = 32;
  static constexpr std::size_t kReadOfCrowdedBucket = 4;
  static constexpr std::size_t kMinHeldSamplesPercent = 50;
  static constexpr std::size_t kRareList = 16;
  static constexpr std::size_t kRareBudget = 64;
  static constexpr std::size_t kMaxCandidates = 16;
  /// best_matches keeps the 3-grams of documents compared as candidates, up to this many in all
  /// (4 MiB), so that the documents most often compared are not taken apart again each time.
  static constexpr std::size_t kMaxKeptShingles = 1u << 20;

  /// What the index keeps of a document, made from its comparable text alone.
  struct Prepared {
    std::uint32_t shingle_count = 0;
    std::uint64_t text_hash = 0;
    std::array<std::uint32_t, kMinHashes> mins{};  // meaningful when shingle_count > 0
    std::vector<std::uint32_t> samples;             // its sampled 3-grams
  };
  /// Thread-safe: many documents may be prepared at once, then added in order.
  static Prepared prepare(std::u32string_view comparable);

  /// Adds a document (a comparable text, or what prepare() made of it) of `group`; documents are
  /// numbered from 0 in order.
  void add(std::uint32_t group, std::u32string_view comparable) { add(group, prepare(comparable)); }
  void add(std::uint32_t group, Prepared document);
  /// Makes room for `documents` more documents holding `samples` sampled 3-grams in all, so that
  /// adding them grows no array by doubling (which holds two copies for a moment).
  void reserve(std::size_t documents, std::size_t samples);
  std::size_t size() const { return docs_.size(); }

  /// For every document, its best match at or above `threshold_percent` (1–100). Documents are
  /// compared again exactly, through `comparable_of(i)`, which must return the text given to add()
  /// (and be safe to call from several threads when `threads` is not 1). Ties go to the lower
  /// index, so the result is the same on every run, with any number of threads (0: all cores).
  /// After the first call the index is frozen: add() may not be called again.
  std::vector<SimilarMatch> best_matches(int threshold_percent,
                                         const std::function<std::u32string(std::size_t)>& comparable_of, int threads = 1);

 private:
  struct Doc {
    std::uint32_t group = 0;
    std::uint32_t shingle_count = 0;
    std::uint64_t text_hash = 0;
  };
  struct Scratch {  // one worker's, reused from one document to the next
    std::vector<std::pair<std::size_t, std::size_t>> rare;  // (documents, first posting) of A's samples
    std::vector<std::uint16_t> bands, samples;              // per document: bands / rare samples shared with A
    std::vector<std::uint32_t> touched, chosen;
    std::vector<std::uint64_t> keys;  // A's
  };
  /// Band `b`'s key of document `d`: its kRows minimum hashes of the band.
  std::uint64_t band_key(std::size_t d, std::size_t b) const;
  /// How many of their kMinHashes minimum hashes documents `a` and `b` share.
  std::size_t shared_min_hashes(std::size_t a, std::size_t b) const;
  /// Whether `b` holds at least kMinHeldSamplesPercent of `a`'s sampled 3-grams.
  bool holds_samples(std::size_t a, std::size_t b) const;
  void match_exact_copies(const std::function<std::u32string(std::size_t)>& comparable_of,
                          std::vector<SimilarMatch>& out) const;
  /// Leaves in scratch.chosen the documents to compare with document `a`, whose shingle count
  /// must be at least `need`.
  void find_candidates(std::uint32_t a, std::size_t need, Scratch& scratch) const;
  /// How many keys document `d` has in the index: kBands and one per sample; none without 3-grams.
  std::size_t key_count(std::uint32_t d) const;
  /// Document `d`'s band keys (kBands) and sample keys, in that order, into `keys`; none for a
  /// document without 3-grams.
  void keys_of(std::uint32_t d, std::vector<std::uint64_t>& keys) const;
  /// Asks the memory for the first slot of each of `keys` before they are looked up.
  void prefetch_slots(const std::vector<std::uint64_t>& keys) const;
  /// Makes the lists: the documents holding a key are ids_[first … first + count), and table_
  /// finds (first, count) by the key. Counting the distinct keys runs on `threads` (0: all cores).
  void build_lists(int threads);
  /// How many distinct keys the documents have in all (`postings` of them, repeats counted).
  std::size_t distinct_keys(std::size_t postings, int threads) const;
  /// Where the probe for `key` starts in table_.
  std::size_t home_slot(std::uint64_t key) const;
  /// The slot of `key` in table_, or the empty slot where it would go.
  std::size_t slot_of(std::uint64_t key) const;
  /// The list of `key`: [first, first + count) in ids_; count 0 when no document has it.
  std::pair<std::size_t, std::size_t> list_of(std::uint64_t key) const;

  std::vector<Doc> docs_;
  std::vector<std::uint32_t> mins_;            // kMinHashes per document
  std::vector<std::uint32_t> samples_;         // every document's sampled 3-grams, in order
  std::vector<std::uint32_t> sample_starts_{0};  // document d's are samples_[sample_starts_[d] … [d+1])
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t first = 0, count = 0;  // count 0: an empty slot
  };
  bool built_ = false;
  std::vector<std::uint32_t> ids_;
  std::vector<Slot> table_;  // open addressing by key
};

}  // namespace nianbao::review
