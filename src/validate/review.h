// The review of accepted submissions, the way the level above reviews an agency's published
// report: the narrative against the tables, text copied from another agency or from last year
// (内容雷同), sections without substance, figures an agency of that kind cannot have, and each
// agency's figures against its own of last year. Every finding is a warning (W901–W909, see
// docs/errors.md); the arithmetic of the tables stays in validator.h (E206, E301), so nothing is
// reported twice. Reads no file: last year comes in as an AgencyArchive (input/agency_archive_reader.h).
//
// Entry point for a run: review_submissions(), after validation and the roster merge, over the
// accepted submissions. The other functions are its parts, for tests and for a reader that
// wants one check.
#pragma once

#include <cstddef>
#include <vector>

#include "format/format.h"
#include "model/agency_archive.h"
#include "model/diagnostics.h"
#include "model/report.h"

namespace nianbao {

/// A section counts as copied when at least this share of it is found in the other (W902, W903).
inline constexpr int kCopiedSectionPercent = 80;
/// Texts with fewer characters than this (white space, punctuation and placeholders not counted)
/// are boilerplate and never compared.
inline constexpr std::size_t kMinComparedCharacters = 30;
/// Section 五 with fewer characters than this has no substance (W904).
inline constexpr std::size_t kMinProblemsCharacters = 20;
/// At most this many W901 per submission; one more finding then says how many were not listed.
inline constexpr std::size_t kMaxTextFindings = 20;

/// Reviews every submission of `subs` (each validated: computed cells filled, kind taken from the
/// roster; from any reader). Returns one list of warnings per submission, in the order of `subs`.
/// `last_year` (may be null) is last year's archive, of the same format; with it each agency is
/// also checked against its own entry there, when it has one. Runs on up to `threads` threads
/// (0: all cores); the result does not depend on how many.
std::vector<Diagnostics> review_submissions(const std::vector<const Submission*>& subs, const Format& format,
                                            const AgencyArchive* last_year, int threads = 1);

/// The checks of one submission on its own: W901 (text against tables), W904 (section 五),
/// W905 (section 六 without 信息处理费), W906 (规章 by a 乡镇/街道), W907 (fees in 元).
/// W904 and W905 only when the submission carries the agency's own sections.
void review_submission(const Submission& sub, const Format& format, Diagnostics& diags);

/// W901: every figure a paragraph of `sub` (own sections and highlights) states that agrees with
/// no reading of the tables (validate/figure_phrases.h): the sentence, both numbers, the cell.
void check_text_against_tables(const Submission& sub, const Format& format, Diagnostics& diags);

/// W908 (上年结转 ≠ last year's 结转下年度, per column) and W909 (现行有效 ≠ last year's + 制发 −
/// 废止, per row) of `sub` against `last`, the same agency's entry in `archive`.
void check_against_last_year(const Submission& sub, const Submission& last, const AgencyArchive& archive,
                             const Format& format, Diagnostics& diags);

/// W902 (a section ≥ 80 % the same as the same section of another submission of `subs`) and W903
/// (the same against the agency's own entry in `last_year`, which may be null). Own sections are
/// compared by id; highlights with highlights. `out` has one entry per submission. Time grows
/// linearly with the total text (validate/similarity.h); the work runs on up to `threads`
/// threads (0: all cores), and the result does not depend on how many.
void check_copied_sections(const std::vector<const Submission*>& subs, const Format& format,
                           const AgencyArchive* last_year, std::vector<Diagnostics>& out, int threads = 1);

}  // namespace nianbao
