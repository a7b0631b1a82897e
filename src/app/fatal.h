// Findings that stop a command before it writes anything (exit status 2): thrown as Fatal by the
// stages that come before any output (scan, setup) and caught only by the command itself.
#pragma once

#include <string>
#include <vector>

#include "model/diagnostics.h"

namespace nianbao {

/// Exit status 2: nothing written. Carries the findings that caused it.
struct Fatal {
  std::vector<Diagnostic> diags;
};

/// Throws Fatal with one error.
[[noreturn]] void fatal(std::string code, SourceLocation where, std::string message);
/// Throws Fatal with `diag` (an error with found / expected).
[[noreturn]] void fatal(Diagnostic diag);
/// Throws Fatal with every finding of `d`, warnings included.
[[noreturn]] void fatal_diags(const Diagnostics& d);

/// "未生成任何输出（退出状态 2）：" and each finding, on standard error.
void print_fatal(const Fatal& f);

}  // namespace nianbao
