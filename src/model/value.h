// Exact figures: counts are whole numbers, money is fixed-point with four decimals.
// Both are held as int64 "raw" values; money raw = amount × 10^4. No floating point anywhere
// a figure is summed or compared.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace nianbao {

enum class ValueType { kCount, kMoney };

inline constexpr int kMoneyDecimals = 4;
inline constexpr std::int64_t kMoneyScale = 10000;
/// The largest count one cell may hold. 10^12 keeps the sum of 10^6 agencies far from overflow.
inline constexpr std::int64_t kMaxCount = 1'000'000'000'000;
/// The largest money amount one cell may hold, in the cell's unit (10^12 万元 is beyond any budget).
inline constexpr std::int64_t kMaxMoneyRaw = 1'000'000'000'000 * kMoneyScale;

enum class ParseStatus {
  kOk,
  kEmpty,            // nothing but white space
  kNotNumber,        // letters, full-width digits, thousands separators, "1e3", …
  kNegative,         // a leading minus sign ("-0" is zero, not negative)
  kFraction,         // a count with a decimal point
  kTooManyDecimals,  // money with more than four decimals
  kTooLarge,         // above kMaxCount / kMaxMoneyRaw
};

/// Parses a figure written in a submission. Surrounding ASCII white space is allowed.
ParseStatus parse_value(std::string_view text, ValueType type, std::int64_t& raw);

/// "0", "8655"; money without trailing zeros: "18.3", "0.0512", "77".
std::string format_value(std::int64_t raw, ValueType type);
/// Appends the figure as format_value() writes it, without allocating (for outputs that write
/// every cell of every agency).
void append_value(std::string& out, std::int64_t raw, ValueType type);
/// Money with exactly `decimals` decimals (0 to 4), rounded half away from zero:
/// format_money_fixed(183000, 2) == "18.30".
std::string format_money_fixed(std::int64_t raw, int decimals);

/// The value as a double, for writing numbers to spreadsheet cells only (never for arithmetic).
double to_double(std::int64_t raw, ValueType type);

/// Adds with overflow detection; returns false on overflow.
inline bool checked_add(std::int64_t a, std::int64_t b, std::int64_t& out) {
  return !__builtin_add_overflow(a, b, &out);
}

}  // namespace nianbao
