// Numbers in the XML libxlsxwriter wrote, rewritten as the shortest decimal text of the same double.
// libxlsxwriter prints a double with printf's %.16G (578.733 comes out as 578.7329999999999);
// a reader of the file should see the amount that was entered. The value Excel reads does not change.
#pragma once

#include <string>

namespace nianbao::xlsx {

/// Rewrites in place the numeric values of a worksheet part (<c> without a t= other than "n"), or,
/// when `chart`, the number caches of a chart part (<c:numCache>). Integers, text and anything
/// that does not parse as a finite number are left as they are.
void exact_numbers(std::string& xml, bool chart);

}  // namespace nianbao::xlsx
