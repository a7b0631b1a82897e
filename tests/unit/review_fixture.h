// Submissions built in code for the review tests: a format, figures by cell path, narrative
// sections with located paragraphs.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "format/format.h"
#include "model/report.h"

namespace nianbao::test {

inline const Format& format_2021() {
  static const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  return f;
}

inline const Format& format_2018() {
  static const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2018");
  return f;
}

using Cells = std::vector<std::pair<std::string, std::int64_t>>;

/// A validated submission of `format` and `year`: figures at cell paths (money as raw, × 10^4),
/// computed cells computed, no narrative.
inline Submission make_submission(const Format& format, int year, const Cells& cells, const std::string& code = "FC001",
                                  const std::string& name = "丰城市发展和改革委员会",
                                  AgencyKind kind = AgencyKind::kDepartment) {
  Submission s;
  s.path = "inputs/" + code + ".xml";
  s.where = SourceLocation{s.path, 2, 1};
  s.format = format.id;
  s.year = year;
  s.agency = Agency{code, name, kind, SourceLocation{s.path, 3, 3}};
  s.values.assign(static_cast<std::size_t>(format.cell_count()), 0);
  for (const auto& [path, value] : cells) {
    int c = format.find_cell(path);
    INFO(path);
    REQUIRE(c >= 0);
    s.values.set(static_cast<std::size_t>(c), value);
  }
  REQUIRE(format.compute(s.values));
  return s;
}

/// A section whose paragraphs are located on consecutive lines of the submission's file.
inline NarrativeSection make_section(const Submission& s, const std::string& id, const std::vector<std::string>& paragraphs,
                                     const std::string& title = "", int first_line = 10) {
  NarrativeSection sec;
  sec.id = id;
  sec.title = title;
  sec.where = SourceLocation{s.path, first_line - 1, 3};
  int line = first_line;
  for (const auto& p : paragraphs) sec.paragraphs.push_back(Paragraph{p, SourceLocation{s.path, line++, 5}});
  return sec;
}

}  // namespace nianbao::test
