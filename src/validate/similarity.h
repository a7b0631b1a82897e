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
///    Phrases every report uses therefore cost nothing, however common.
///  - Rare 3-grams: a content-defined sample (1 in 8, plus the smallest) of each text's 3-grams;
///    A's samples held by at most kRareList documents are read (within kRareBudget postings). This
///    finds a short text copied whole into a much longer one, whose Jaccard similarity is low.
/// Up to kMaxCandidates documents, those sharing the most bands and rare samples, are compared.
/// A bucket shared by more than kMaxBucket documents (one text copied very many times) is read
/// only that far: its first documents are copies too. Not thread-safe.
class SimilarityIndex {
 public:
  static constexpr std::size_t kBands = 16;
  static constexpr std::size_t kRows = 3;
  static constexpr std::size_t kMaxBucket = 256;
  static constexpr std::size_t kRareList = 64;
  static constexpr std::size_t kRareBudget = 512;
  static constexpr std::size_t kMaxCandidates = 16;

  /// Adds a document (a comparable text) of `group`; documents are numbered from 0 in order.
  void add(std::uint32_t group, std::u32string_view comparable);
  std::size_t size() const { return docs_.size(); }

  /// For every document, its best match at or above `threshold_percent` (1–100). Documents are
  /// compared again exactly, through `comparable_of(i)`, which must return the text given to add().
  /// Ties go to the lower index, so the result is the same on every run. After the first call the
  /// index is frozen: add() may not be called again.
  std::vector<SimilarMatch> best_matches(int threshold_percent,
                                         const std::function<std::u32string(std::size_t)>& comparable_of);

 private:
  struct Doc {
    std::uint32_t group = 0;
    std::uint32_t shingle_count = 0;
    std::uint64_t text_hash = 0;
  };
  struct Scratch {  // reused from one document to the next
    std::vector<std::pair<std::size_t, std::size_t>> rare;  // (documents, first posting) of A's samples
    std::vector<std::uint16_t> bands, samples;              // per document: bands / rare samples shared with A
    std::vector<std::uint32_t> touched, chosen;
  };
  /// The keys a document is indexed by: its kBands band keys, then its sampled 3-grams.
  static void keys_of(const std::vector<std::uint32_t>& shingles, std::vector<std::uint64_t>& keys);
  void match_exact_copies(const std::function<std::u32string(std::size_t)>& comparable_of,
                          std::vector<SimilarMatch>& out) const;
  /// Leaves in scratch.chosen the documents to compare with document `a` (its 3-grams `sa`).
  void find_candidates(std::uint32_t a, const std::vector<std::uint32_t>& sa, std::size_t need, Scratch& scratch) const;
  /// Turns postings_ into lists: the documents holding keys_[k] are ids_[starts_[k] … starts_[k+1]).
  void build_lists();
  /// The list of `key`: [first, first + count) in ids_; count 0 when no document has it.
  std::pair<std::size_t, std::size_t> list_of(std::uint64_t key) const;

  std::vector<Doc> docs_;
  std::vector<std::uint64_t> band_keys_;  // kBands per document
  std::vector<std::pair<std::uint64_t, std::uint32_t>> postings_;  // (key, document), while documents are added
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> starts_, ids_;
  std::vector<std::uint32_t> slots_;  // hash table over keys_: 1 + index, or 0
};

}  // namespace nianbao::review
