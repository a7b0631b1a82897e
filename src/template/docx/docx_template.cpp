#include "template/docx/docx_template.h"

#include <cstring>

#include <pugixml.hpp>

#include "template/docx/docx_engine.h"

namespace nianbao::tmpl {

DocxTemplate::Impl::Impl() = default;
DocxTemplate::Impl::~Impl() = default;

DocxTemplate::DocxTemplate() : impl_(std::make_unique<Impl>()) {}
DocxTemplate::~DocxTemplate() = default;
DocxTemplate::DocxTemplate(DocxTemplate&&) noexcept = default;
DocxTemplate& DocxTemplate::operator=(DocxTemplate&&) noexcept = default;

const std::vector<Tag>& DocxTemplate::tags() const { return impl_->tags; }

bool is_name(const pugi::xml_node& n, const char* name) { return std::strcmp(n.name(), name) == 0; }

void add_problem(Diagnostics& problems, const char* code, const std::string& part, int paragraph,
                 const std::string& excerpt, const std::string& message) {
  SourceLocation where;
  where.part = part;
  where.paragraph = paragraph;
  problems.error(code, std::move(where), message).found = excerpt;
}

std::string format_problem(const Diagnostic& problem) {
  SourceLocation inside = problem.where;
  inside.file.clear();
  std::string out = place_text(inside);
  if (!problem.found.empty()) out += "「" + problem.found + "」";
  out += "：" + problem.code + " " + problem.message;
  return out;
}

}  // namespace nianbao::tmpl
