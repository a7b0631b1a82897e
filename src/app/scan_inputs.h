// Lists the inputs folder: every entry of it and of its sub-folders, each marked as a possible
// submission (.xml), not one by its name or folder, or a folder that could not be read. Reads no
// file's content; what each file is decides the read stage (read_inputs.h).
#pragma once

#include <string>
#include <vector>

namespace nianbao {

/// One entry of the inputs folder.
struct InputFile {
  std::string fs_path;
  std::string display;  // as the user sees it: "<inputs>/<relative>"
  bool is_xml = false;
  std::string note;     // a folder that could not be read: listed with this reason (rejected, E001)
  std::string ignore;   // not a submission by its name or folder: listed as ignored with this reason
};

/// Every entry under `dir`, sorted by display path. Files are listed, folders walked; a folder
/// that cannot be read or opened, and a link to a folder (never followed), is listed as one
/// entry with a note saying why its files were not read. Files of hidden folders, of __MACOSX
/// and hidden or Office lock files are listed as ignored. The folder `output` (the run's output
/// folder, when it is inside `dir`) is listed as one ignored entry and not walked: a run never
/// reads its own outputs back.
/// Throws Fatal (E501) when `dir` is not a folder or cannot be read or opened.
std::vector<InputFile> scan_inputs(const std::string& dir, const std::string& output = "");

/// Whether `a` and `b` name the same existing folder (however they are written).
bool same_folder(const std::string& a, const std::string& b);

}  // namespace nianbao
