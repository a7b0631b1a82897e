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

std::string place_text(const SourceLocation& where) {
  std::string out = where.file;
  auto add = [&out](const std::string& text) { out += (out.empty() ? "" : " ") + text; };
  if (!where.part.empty()) {
    add(where.part + (where.paragraph > 0 ? " 第" + std::to_string(where.paragraph) + "段" : ""));
  } else if (!where.sheet.empty() || !where.cell.empty()) {
    add(where.sheet.empty() ? where.cell.str() : where.sheet + "!" + where.cell);
  } else if (where.table > 0) {
    std::string cell = "表" + std::to_string(where.table);
    if (where.row > 0 || where.col > 0) cell += " ";
    if (where.row > 0) cell += "第" + std::to_string(where.row) + "行";
    if (where.col > 0) cell += "第" + std::to_string(where.col) + "列";
    add(cell);
  } else if (where.line > 0) {
    out += ':' + std::to_string(where.line);
    if (where.column > 0) out += ':' + std::to_string(where.column);
  } else if (where.paragraph > 0) {
    add("第" + std::to_string(where.paragraph) + "段");
  }
  return out;
}

bool is_review_finding(const Diagnostic& d) {
  return d.code.size() == 4 && d.code[0] == 'W' && d.code[1] == '9' && d.code[2] == '0' && d.code[3] >= '1' && d.code[3] <= '9';
}

std::string format_diagnostic(const Diagnostic& d) {
  // A template problem has always been shown with its part after the code, as `template check` lists it.
  const bool in_part = !d.where.part.empty();
  std::string out = in_part ? d.where.file.str() : place_text(d.where);
  out += out.empty() ? "" : ": ";
  out += d.is_error() ? "错误 " : "警告 ";
  out += d.code + "：";
  if (in_part) {
    SourceLocation inside = d.where;
    inside.file.clear();
    out += place_text(inside);
    if (!d.found.empty()) out += "「" + d.found + "」";
    out += "：";
  }
  out += d.message;
  if (!d.place.empty()) out += "\n    位置：" + d.place;
  if (!d.found.empty() && !in_part) out += "\n    实际：" + d.found;
  if (!d.expected.empty()) out += "\n    应为：" + d.expected;
  return out;
}

}  // namespace nianbao
