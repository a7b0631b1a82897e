// Text rules for reading agencies' own Word reports: how labels and headings typed by hand are
// brought to one form before they are compared with a format's official labels, the bounded
// fuzzy comparisons used when they still differ, and how a figure typed in a table cell is read.
// Pure functions over UTF-8 strings; nothing here knows a particular format.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/value.h"

namespace nianbao::report_text {

/// The code points of a UTF-8 string; an invalid byte becomes U+FFFD.
std::u32string decode(std::string_view s);
std::string encode(std::u32string_view s);

/// One form for what real reports type differently: every kind of white space and line break
/// removed; full-width ASCII (digits, letters, brackets, colon, comma, slash …) made ASCII;
/// curly and straight quotes made '"'; "1．" / "1、" / "1。" after a leading number made "1.";
/// "、" after a leading Chinese numeral kept. "（二）部分公开（区分…）" → "(二)部分公开(区分…)".
std::string normalize(std::string_view label);

/// normalize() without what a clerk may leave out: leading enumerators ("一、", "(一)", "1.",
/// "(1)", "①"), a leading "其中:", a trailing bracketed note and trailing ":". Never empty
/// when the normalised form is not: "(二)部分公开(区分处理的…)" → "部分公开".
std::string bare(std::string_view label);

/// The leading enumerator of a normalised label, as it reads: "四" for "四、…", "(一)" for
/// "(一)…", "1" for "1.…", "" when there is none.
std::string enumerator(std::string_view normalized);

/// Levenshtein distance in code points, or bound + 1 as soon as it is known to exceed bound.
int edit_distance(std::u32string_view a, std::u32string_view b, int bound);
/// Longest common subsequence length in code points (both strings are cut at 256 code points).
int common_subsequence(std::u32string_view a, std::u32string_view b);

/// The loose comparison of a label found with an official one, both bare(): one is a prefix or a
/// suffix of the other and the shorter has at least 4 characters and 60 % of the longer
/// ("规范性文件" / "行政规范性文件"), or they differ by one character in 4 or more, or by two in 8
/// or more ("现行有效件" / "现行有效件数").
bool loosely_equal(std::string_view found_bare, std::string_view official_bare);

/// A cell of a statutory table as read.
enum class CellValue {
  kNumber,      // raw holds the value
  kBlank,       // nothing: 0
  kPlaceholder, // "/", "—", "-", "无" …: 0, reported once per table
  kUnit,        // a number followed by a unit ("251000元", "12件"): unit and raw (in the unit typed) set
  kNotNumber,   // anything else
  kNegative,
  kFraction,         // a count with decimals
  kTooManyDecimals,  // money with more than four decimals
  kTooLarge,
};

struct ParsedCell {
  CellValue status = CellValue::kBlank;
  std::int64_t raw = 0;
  std::string unit;     // kUnit: the unit as typed ("元")
  std::string cleaned;  // the text after white space, full-width digits and thousands separators were dealt with
};

/// Reads a figure from a cell: white space anywhere ignored, full-width digits and the full-width
/// point read as ASCII, thousands separators ("1,234", "1，234") dropped when they separate
/// groups of three digits. A unit after the number is kUnit whatever the type, so that the
/// caller names the cell (money: 万元 expected; counts: a bare number).
ParsedCell parse_cell(std::string_view text, ValueType type);

}  // namespace nianbao::report_text
