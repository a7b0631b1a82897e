// Finds the table figures a narrative paragraph states in words ("共受理政府信息公开申请 3119 件"),
// for checking them against the tables. Deliberately conservative: a number counts only when one
// phrase governs it in the same clause, in the unit 件, for the report's own year and for all
// applicants; everything else (other units, percentages, years, ranges, comparisons with last
// year, subsets introduced by 其中, figures of one applicant type) is left alone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace nianbao::review {

enum class StatedFigureKind {
  kNew,         // 新收…申请 N 件
  kReceived,    // 收到 / 受理 / 接收 …申请 N 件 (new, or new + carried in)
  kCarriedIn,   // 上年结转 N 件
  kClosed,      // 办结 / 答复 N 件
  kCarriedOut,  // 结转下年度 N 件, N 件顺延到下年度
  kGranted,     // 予以公开 N 件
  kReview,      // 行政复议 N 件
  kLitigation,  // 行政诉讼 N 件 (direct, after review, or both)
  kNormative,   // 主动公开 / 制发 规范性文件 N 件
};

struct StatedFigure {
  StatedFigureKind kind = StatedFigureKind::kNew;
  std::int64_t value = 0;
  std::size_t begin = 0, end = 0;                    // the phrase, from its key word to 件 (code points)
  std::size_t sentence_begin = 0, sentence_end = 0;  // the sentence holding it
};

/// Every figure `paragraph` states, in text order. `year` is the report's year: a clause that
/// names another year (2024年…) speaks of another period and is ignored.
std::vector<StatedFigure> find_stated_figures(std::u32string_view paragraph, int year);

/// A Chinese numeral: 三千一百一十九 → 3119, 两 → 2, 十二 → 12, 一百零三 → 103, 三万 → 30000,
/// 一一九 → 119 (digit by digit). nullopt when the text is not one well-formed numeral below 10^12.
std::optional<std::int64_t> parse_chinese_numeral(std::u32string_view text);

/// What a phrase may mean in the tables: each reading is a sum of cells named "table.row.column";
/// a stated figure agrees when it equals any reading the format has every cell of. The first
/// reading the format has is the one named in messages. Covers xxgk-2021 and xxgk-2018.
const std::vector<std::vector<const char*>>& figure_readings(StatedFigureKind kind);

/// The phrase in words, for messages: "受理申请", "上年结转申请".
const char* figure_kind_label(StatedFigureKind kind);

}  // namespace nianbao::review
