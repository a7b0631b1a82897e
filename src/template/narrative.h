// Narrative text: the paragraphs of report.xml's sections and of agencies' highlights, plain text
// whose {{…}} values and {{#if}} conditions resolve against a Context. The document's paragraphs
// around them are the DOCX engine's (template/docx/docx_template.h).
#pragma once

#include <string>

#include "model/diagnostics.h"
#include "template/expr.h"

namespace nianbao::tmpl {

/// Resolves the {{…}} values and {{#if}}…{{else}}…{{/if}} of a narrative paragraph into `out`.
/// Returns false and sets `error` (naming the placeholder, no final 。) when one cannot be resolved.
bool render_text(const std::string& text, Context& ctx, std::string& out, std::string& error);

/// Whether a narrative paragraph resolves in `ctx`; when it does not, appends the error `code`
/// at `where`, saying which placeholder and why, and returns false.
bool check_narrative(const std::string& text, Context& ctx, const std::string& code, const SourceLocation& where,
                     Diagnostics& diags);

/// True when a narrative paragraph reads as a （一）-style sub-heading: short and without 。
bool looks_like_subheading(const std::string& text);

}  // namespace nianbao::tmpl
