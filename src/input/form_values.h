// The cell semantics of forms (docs/forms.md): what a figure cell holds, blank, a number as
// Excel shows it, a number typed as text, a dash for "nothing", and how each fault is told.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "input/xlsx_workbook.h"
#include "model/value.h"

namespace nianbao {

/// What a figure cell holds, by the form's cell semantics (docs/forms.md):
///   blank, or only spaces                        -> 0 (kOk)
///   a number                                     -> itself, as the decimal the clerk typed:
///                                                   Excel keeps 15 significant digits, so a stored
///                                                   12.000000000000002 is 12 and 0.30000000000000004 is 0.3
///   a number stored as text: "12", " 12 ", "１２"  -> that number
///   "/", "／", "-", "－", "—", "——", "–", "无"      -> 0 (kPlaceholder; one warning per file)
///   a formula                                    -> its cached value as above; none: kNoCachedValue
///   anything else                                -> kNotNumber, kNegative, kFraction (a count
///                                                   with decimals), kTooManyDecimals (money with
///                                                   more than 4), kTooLarge, kErrorValue (#DIV/0!)
enum class FormValueStatus { kOk, kPlaceholder, kNotNumber, kNegative, kFraction, kTooManyDecimals, kTooLarge,
                             kNoCachedValue, kErrorValue };
FormValueStatus parse_form_value(const CellValue& value, ValueType type, std::int64_t& raw);

/// A stored number as the decimal it shows in Excel (at most 15 significant digits, no
/// exponent): "1E-3" -> "0.001", "12.000000000000002" -> "12". "" if `stored` is not a number.
std::string stored_number_decimal(std::string_view stored);

/// Without the white space a clerk may leave around a value: ASCII, the ideographic space an
/// input method types (U+3000), the no-break space a copy from a web page brings (U+00A0).
std::string_view trim_wide(std::string_view s);

}  // namespace nianbao
