// Reads a filled nianbao form (.xlsx) into the Submission the XML reader gives, every cell found
// by its defined name (docs/forms.md is the contract). Computed cells are not read (the program
// computes them); checks that need the whole run are validate/'s, as for XML submissions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "format/format.h"
#include "input/form_values.h"
#include "input/xlsx_workbook.h"
#include "model/report.h"

namespace nianbao {

/// The identity of a form: workbook-level defined names, each a constant ("xxgk-2021", 2025) or
/// a reference to one cell holding the value. nianbao.agency.name is optional.
inline constexpr const char* kFormFormatName = "nianbao.format";
inline constexpr const char* kFormYearName = "nianbao.year";
inline constexpr const char* kFormAgencyCodeName = "nianbao.agency.code";
inline constexpr const char* kFormAgencyNameName = "nianbao.agency.name";
/// Highlights are read from text.highlight.N.title / .body for N = 1 … kMaxFormHighlights.
inline constexpr int kMaxFormHighlights = 10;

/// Reads the form at `fs_path`, shown to the user as `display`, against `format` (the run's).
///  - Not a form: the file is a readable workbook without any nianbao.* name. Returns nullopt,
///    `is_form` false, and one warning W720 in diags; the caller lists the file as ignored.
///  - Unreadable: not a zip, damaged, hostile, not a workbook (E001–E003, E010–E018, E701–E708).
///    Returns nullopt, `is_form` true; the caller rejects the file, as for an unreadable .xml.
///  - A form: returns the Submission, `is_form` true. Every fault is an error in diags (the
///    caller rejects the file when diags has errors, as for read_submission), W7xx warnings
///    otherwise. When nianbao.format names another format than `format`, only the identity is
///    read (validate_submission then rejects it with E102). After kMaxFindingsPerFile findings
///    reading stops with E111.
/// Diagnostics about a cell carry SourceLocation::sheet and ::cell ("三、收到和处理政府信息公开申请情况",
/// "D12"); their `place`, when the cell is a figure, is its official labels
/// ("一、本年新收政府信息公开申请数量 / 自然人"). W731 lists every cell concerned in `place`.
/// The Submission's `given` holds every figure cell that was not blank; its `locate` turns a
/// GivenValue's offset into that cell's location, and owns what it needs (the workbook may go).
/// Never throws for bad input; std::bad_alloc only.
std::optional<Submission> read_form_file(const std::string& fs_path, const std::string& display, const Format& format,
                                         Diagnostics& diags, bool& is_form);

/// The same from the bytes of the file (tests and fuzzing).
std::optional<Submission> read_form_bytes(std::string bytes, const std::string& display, const Format& format,
                                          Diagnostics& diags, bool& is_form);

/// The same from an open workbook.
std::optional<Submission> read_form(Workbook& workbook, const Format& format, Diagnostics& diags, bool& is_form);

}  // namespace nianbao
