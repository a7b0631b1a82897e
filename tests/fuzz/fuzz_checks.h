// What every fuzz target asks of what it finds; the report.xml the readers' targets validate
// against is tests/support/report_fixture.h's. Header-only; a broken invariant prints what broke and aborts, which the
// fuzzer reports as a crash with the input that caused it.
#pragma once

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <vector>

#include "model/diagnostics.h"
#include "model/report.h"
#include "report_fixture.h"
#include "text/utf8.h"

namespace nianbao::fuzz {

inline void require(bool ok, const char* what, const std::string& detail = "") {
  if (ok) return;
  std::fprintf(stderr, "invariant broken: %s %s\n", what, detail.c_str());
  std::abort();
}

/// Aborts unless every text is clean UTF-8 (summary.json and the workbook carry them); `code`
/// names the finding in the message.
inline void require_clean(const std::string& code, std::initializer_list<const std::string*> texts) {
  for (const std::string* text : texts) {
    bool control = false;
    require(find_invalid_utf8(*text, control) == std::string::npos, "text is not clean UTF-8", code + " " + *text);
  }
}

/// Aborts unless `d` names `file`, has a code like E201 or W720 and a message, and its message,
/// place, found and expected texts are clean UTF-8.
inline void check_finding(const Diagnostic& d, const std::string& file) {
  require(d.where.file == file, "finding names another file", d.where.file);
  require(d.code.size() == 4 && (d.code[0] == 'E' || d.code[0] == 'W'), "bad code", d.code);
  require(!d.message.empty(), "empty message", d.code);
  require_clean(d.code, {&d.message, &d.place, &d.found, &d.expected});
}

/// Aborts unless `diags` holds at most `limit` findings besides E111 (the one that says reading
/// stopped).
inline void require_bounded(const Diagnostics& diags, std::size_t limit, const char* what) {
  std::size_t findings = 0;
  for (const auto& d : diags.items()) findings += d.code != "E111";
  require(findings <= limit, what);
}

using test::fengcheng_report;

}  // namespace nianbao::fuzz
