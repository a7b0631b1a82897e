// The plain data the pipeline passes between stages: the report file set up by the compiling
// office, each agency's submission, and the merged report. Standard library only.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/diagnostics.h"
#include "model/figure_values.h"

namespace nianbao {

enum class AgencyKind { kDepartment, kTownship, kGovernment };

/// "department" → kDepartment …; returns false for anything else.
bool parse_agency_kind(const std::string& text, AgencyKind& kind);
const char* agency_kind_id(AgencyKind kind);     // "department"
const char* agency_kind_label(AgencyKind kind);  // "部门"

struct Contact {
  std::string name, phone, email;
};

struct Paragraph {
  std::string text;
  SourceLocation where;
};

/// A piece of narrative: a <section> of report.xml or a highlight of a submission.
struct NarrativeSection {
  std::string id;
  std::string title;  // highlights carry a title; report sections take the format's heading
  std::vector<Paragraph> paragraphs;
  SourceLocation where;
};

struct Agency {
  std::string code;
  std::string name;
  AgencyKind kind = AgencyKind::kDepartment;
  SourceLocation where;
};

struct ReportFile {
  std::string path;
  std::string format;
  int year = 0;
  std::string title;
  std::string compiler;
  std::string region_code, region_name;
  std::string website;
  std::string published;  // YYYY-MM-DD or ""
  Contact contact;
  std::vector<Agency> roster;
  std::vector<NarrativeSection> sections;

  const NarrativeSection* find_section(const std::string& id) const;
  /// Index into roster, or -1. Needs index_roster() after the roster is filled.
  int find_agency(const std::string& code) const;
  void index_roster();

 private:
  std::unordered_map<std::string, int> roster_index_;
};

/// A figure as written in the file, kept for checking computed cells and for messages.
struct GivenValue {
  int cell = -1;
  std::int64_t raw = 0;
  std::uint32_t offset = 0;  // byte offset in the submission's text; see Submission::locate
};

struct Submission {
  std::string path;
  SourceLocation where;  // the <submission> element
  std::string format;
  int year = 0;
  Agency agency;
  bool kind_given = false;  // the file states the agency's kind (else the roster's is used silently)
  Contact contact;
  std::string submitted;
  /// One value per format cell (Format::cell_count()); omitted cells are 0; computed cells hold
  /// the computed value once validated. Held as int32 once the submission is read and validated
  /// (FigureValues::compact), when every figure fits.
  FigureValues values;
  /// Every value that was written in the file, computed cells included.
  std::vector<GivenValue> given;
  std::vector<NarrativeSection> sections;      // highlights, in file order
  std::vector<NarrativeSection> own_sections;  // the agency's own overview / problems / other, if given
  /// Turns a GivenValue offset into a line and column, while the file is loaded; may be empty.
  std::function<SourceLocation(std::uint32_t)> locate;
};

}  // namespace nianbao
