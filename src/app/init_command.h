// `nianbao init`: for each roster agency, a blank submission to send out at the start of the
// year, pre-filled with the agency's code and name, every row present with 0, and each row's
// official label as a comment. Filled in, it is accepted by `build` without structural edits.
#pragma once

#include <filesystem>
#include <string>

#include "app/options.h"

namespace nianbao {

/// Moves `from` to `to` unless anything is at `to` (a file, a folder, a symbolic link even if it
/// points nowhere): nothing is replaced and no link is followed. Returns false when `to` exists;
/// throws std::runtime_error naming `to` on any other failure. (init's hand-outs, new's report.xml.)
bool move_without_replacing(const std::filesystem::path& from, const std::filesystem::path& to);

/// `s` safe inside an XML comment ("--" may not appear there).
std::string comment_text(std::string s);

/// Writes <output>/<code>.xml for each agency of <inputs>/report.xml; 0, or 2 on failure.
int run_init(const Options& options);

}  // namespace nianbao
