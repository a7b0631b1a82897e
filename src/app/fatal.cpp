#include "app/fatal.h"

#include <iostream>

namespace nianbao {

void fatal(std::string code, SourceLocation where, std::string message) {
  fatal(Diagnostic{Severity::kError, std::move(code), std::move(where), std::move(message), {}, {}, {}});
}

void fatal(Diagnostic diag) {
  Fatal f;
  f.diags.push_back(std::move(diag));
  throw f;
}

void fatal_diags(const Diagnostics& d) {
  Fatal f;
  f.diags = d.items();
  throw f;
}

void print_fatal(const Fatal& f) {
  std::cerr << "未生成任何输出（退出状态 2）：\n";
  for (const auto& d : f.diags) std::cerr << format_diagnostic(d) << "\n";
}

}  // namespace nianbao
