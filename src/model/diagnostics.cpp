#include "model/diagnostics.h"

namespace nianbao {

Diagnostic& Diagnostics::error(std::string code, SourceLocation where, std::string message) {
  items_.push_back(Diagnostic{Severity::kError, std::move(code), std::move(where), std::move(message), {}, {}, {}});
  return items_.back();
}

Diagnostic& Diagnostics::warning(std::string code, SourceLocation where, std::string message) {
  items_.push_back(Diagnostic{Severity::kWarning, std::move(code), std::move(where), std::move(message), {}, {}, {}});
  return items_.back();
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const {
  for (const auto& d : items_)
    if (d.is_error()) return true;
  return false;
}

std::size_t Diagnostics::error_count() const {
  std::size_t n = 0;
  for (const auto& d : items_) n += d.is_error();
  return n;
}

std::size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = d.where.file;
  if (d.where.line > 0) {
    out += ':' + std::to_string(d.where.line);
    if (d.where.column > 0) out += ':' + std::to_string(d.where.column);
  }
  out += out.empty() ? "" : ": ";
  out += d.is_error() ? "错误 " : "警告 ";
  out += d.code + "：" + d.message;
  if (!d.place.empty()) out += "\n    位置：" + d.place;
  if (!d.found.empty()) out += "\n    实际：" + d.found;
  if (!d.expected.empty()) out += "\n    应为：" + d.expected;
  return out;
}

}  // namespace nianbao
