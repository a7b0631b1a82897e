// Reads an .xlsx form back for tests, the parts a clerk's office suite acts on: defined names,
// each cell's value, formula and style (locked or not, shaded or not), data validations,
// conditional formats, sheet protection and page setup.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace nianbao {
class Format;
}

namespace nianbao::test {

struct FormCell {
  std::string value;    // cached value or text
  std::string formula;  // without "="
  bool is_string = false;
  int style = 0;  // index into FormBook::styles
};

struct FormValidation {
  std::string type, sqref, formula1, formula2, prompt_title, prompt, error_title, error, error_style;
};

struct FormSheet {
  std::string name;
  std::map<std::string, FormCell> cells;  // "D5" → cell
  std::vector<std::string> merges;
  bool is_protected = false;
  bool has_password = false;
  bool may_format_columns = false;
  std::vector<FormValidation> validations;
  std::vector<std::pair<std::string, std::string>> conditions;  // sqref, formula
  bool fit_to_page = false;
  int fit_width = -1, fit_height = -1;
  int paper = 0;
  std::string orientation;

  /// The validations whose sqref holds `ref`.
  std::vector<const FormValidation*> validations_of(const std::string& ref) const;
};

struct FormStyle {
  bool locked = true;
  bool shaded = false;  // a solid fill
  std::string num_format;
};

struct FormBook {
  std::vector<FormSheet> sheets;  // in workbook order
  std::map<std::string, std::string> names;  // workbook-level defined names → what they refer to
  std::vector<FormStyle> styles;             // cellXfs
  std::string active_sheet;                  // the sheet shown on opening

  const FormSheet* find(const std::string& sheet) const;
  /// The sheet and cell ("D5") a defined name refers to; {nullptr, ""} unless it names one cell.
  std::pair<const FormSheet*, std::string> locate(const std::string& name) const;
  /// The cell a defined name refers to; throws std::out_of_range when it names no written cell.
  const FormCell& cell(const std::string& name) const;
};

FormBook inspect_form(const std::string& path);

/// Whether the A1 reference `ref` lies in `sqref` ("D5:I5 B16").
bool in_sqref(const std::string& sqref, const std::string& ref);

/// What is wrong with `book` as the form of agency code/name for `year` in format `f`, one line
/// each (none: the form keeps its contract): 说明 first and active with the identity names on its
/// locked cells; one protected sheet per table, named as the output workbook names it, A4 and one
/// page wide; a defined name on every input cell at its official place, unlocked, shaded and
/// validated (whole 0..10^12, or money with at most 4 decimals), none on computed cells, which are
/// SUM formulas over exactly their parts with cached 0; one verdict formula per check (the rules
/// that need no previous year), each coloured by conditional formatting and passing on the empty
/// form; 文字's contact and text names on unlocked text cells; no other cell unlocked.
std::vector<std::string> form_problems(const FormBook& book, const Format& f, const std::string& code,
                                       const std::string& name, int year);

}  // namespace nianbao::test
