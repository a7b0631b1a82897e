// Text in workbook cells: how wide it is, how many lines and points of row height it needs when
// wrapped, and the form in which a cell can hold it (well-formed XML, within Excel's limit).
// Knows nothing of libxlsxwriter.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nianbao::xlsx {

constexpr double kFontSize = 11;       // the workbook's text, in points
constexpr double kLinePoints = 15;     // one line of 11 pt text
constexpr double kRowPadding = 3;      // points of air around the text of a row
constexpr double kMaxRowPoints = 409;  // Excel's limit

/// Height in points, at most kMaxRowPoints, of a row showing `text` wrapped in a cell `width`
/// character units wide at `font_size` points. Wraps character by character, as Excel does for
/// Chinese, a wide character (text/width.h) taking two units; explicit newlines start a new line.
double text_height(std::string_view text, double width, double font_size);

/// `raw` as a cell can hold it: bytes that are not well-formed UTF-8 and characters XML forbids
/// become U+FFFD, and the text is cut to Excel's 32,767 characters (ending in "…") on a code point
/// boundary.
std::string clip_cell_text(const std::string& raw);

/// The parts with `sep` between them.
std::string join(const std::vector<std::string>& parts, const std::string& sep);

}  // namespace nianbao::xlsx
