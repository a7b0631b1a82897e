// Lists the inputs folder: every entry of it and of its sub-folders, each marked with the kind of
// input its name says it may be (an XML submission, a form, a spreadsheet that is not read, an
// agency's Word report), not one by its name or folder, or a folder that could not be read. Reads
// no file's content; what each file is decides the read stage (read_inputs.h).
#pragma once

#include <string>
#include <vector>

namespace nianbao {

/// What a file may be, by its extension (ASCII case ignored). The read stage has one reader per kind.
enum class InputKind {
  kOther,        // not read: listed as ignored
  kXml,          // .xml: a submission, the report file, or ignored by its root element
  kForm,         // .xlsx: a nianbao form (input/form_reader.h), or ignored when it is none (W720)
  kSpreadsheet,  // .xls, .xlsm, .xlsb, .et, .ods: a spreadsheet not read; rejected with the advice to save as .xlsx
  kWordReport,   // .docx: an agency's own annual report (input/word_report_file.h)
};

/// The kind of a file named `name` (a file name, not a path).
InputKind input_kind(const char* name);

/// One entry of the inputs folder.
struct InputFile {
  std::string fs_path;
  std::string display;  // as the user sees it: "<inputs>/<relative>"
  InputKind kind = InputKind::kOther;  // kOther when `ignore` or `note` is set
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
