// The document as PDF (--pdf), by LibreOffice run headless as a separate process; nianbao
// itself has no PDF writer.
#pragma once

#include <string>

namespace nianbao {

/// True when `name` is an executable file in one of the folders of PATH.
bool have_program(const char* name);

/// Converts `docx` to PDF in `dir` (same base name) with LibreOffice (soffice, found on PATH),
/// using a throw-away LibreOffice profile inside `dir`; false if soffice could not be started
/// or did not succeed. Its output goes to /dev/null.
bool convert_to_pdf(const std::string& docx, const std::string& dir);

}  // namespace nianbao
