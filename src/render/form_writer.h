// Writes the .xlsx form an agency fills in instead of an XML submission (`nianbao init`): the
// format's statutory tables in their official layout with shaded, validated input cells, live
// totals and checks, a 说明 sheet and a 文字 sheet, every cell a reader needs under a defined name
// (the form contract, docs/forms.md). Generated from the format alone; reading forms is input/'s job.
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include "format/format.h"
#include "model/report.h"

namespace nianbao {

/// Number of highlight slots (小标题 + 正文) on the 文字 sheet: text.highlight.1.* … text.highlight.10.*.
inline constexpr int kFormHighlights = 10;

struct FormOptions {
  /// Document creation time written to docProps/core.xml and the zip members; fixed so that the
  /// same inputs give byte-identical forms. 0 means 2000-01-01 00:00:00 UTC.
  std::time_t created = 0;
  /// The file error messages name instead of the path written to (the target of a temp file).
  std::string shown_path;
};

/// Whether `name` is a defined name Excel, WPS and LibreOffice accept and never read as a cell
/// reference: ASCII letters, digits, "_" and "."; a letter or "_" first; at most 255 characters;
/// not starting with one to three letters and a digit ("r1.x", "c2.y", "ab12.z": cells in A1 or
/// R1C1 style), and its first part not "r", "c" or "rc".
bool is_form_name(const std::string& name);

/// The workbook-level defined names of a form of `f`, in this order: nianbao.format, nianbao.year,
/// nianbao.agency.code, nianbao.agency.name; "<table>.<row>.<column>" of every input cell (every
/// cell that is not computed, in the format's cell order); contact.name, contact.phone;
/// "text.<section>" for each of the format's sections; text.highlight.<n>.title and .body for n =
/// 1 … kFormHighlights. Throws FormatError naming the first that is_form_name refuses, or two that
/// differ only in ASCII case (one name to Excel), so that a format whose ids Excel cannot name
/// fails before any form is written.
std::vector<std::string> form_names(const Format& f);

/// Writes the form of `agency` (one of report.roster) for `report`, in format `f`, to `path`,
/// replacing any file there (callers that must not replace one write to a path of their own and
/// move it). Sheets, in order: 说明 (title, identity, how to fill in, whom to call; active), one
/// per statutory table (named as the output workbook names them), 文字 (contact and narrative).
/// Every sheet is protected without a password; only input cells are unlocked.
/// Throws FormatError as form_names does, or when a table's sheet would be named 说明 or 文字;
/// std::runtime_error naming `path` (or options.shown_path) when libxlsxwriter fails, an unwritable
/// path or a full disk included.
void write_form(const Format& f, const ReportFile& report, const Agency& agency, const std::string& path,
                const FormOptions& options);

}  // namespace nianbao
