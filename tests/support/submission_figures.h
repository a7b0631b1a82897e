// The figures of a submission XML file (or merged.xml), read independently of nianbao with
// pugixml, for the end-to-end tests that sum the inputs themselves and compare with what nianbao
// wrote. Header-only; a table, row or column the format does not have fails the test.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "format/format.h"

namespace nianbao::test {

/// Every figure `file` gives, as (cell of `f`, the text written), in file order. pugixml reads
/// the figures of a GBK file too: they are ASCII.
inline std::vector<std::pair<int, std::string>> file_figures(const Format& f, const std::filesystem::path& file) {
  pugi::xml_document d;
  INFO(file.string());
  REQUIRE(d.load_file(file.c_str()));
  std::vector<std::pair<int, std::string>> out;
  for (auto t : d.child("submission").children("table")) {
    int ti = f.find_table(t.attribute("id").value());
    REQUIRE(ti >= 0);
    for (auto row : t.children("row")) {
      int ri = f.tables[ti].find_row(row.attribute("id").value());
      for (auto a : row.attributes()) {
        if (std::string(a.name()) == "id") continue;
        int cell = f.cell(ti, ri, f.tables[ti].find_column(a.name()));
        REQUIRE(cell >= 0);
        out.emplace_back(cell, a.value());
      }
    }
  }
  return out;
}

/// Adds every figure `file` gives to sum[cell], computed cells left out.
inline void add_figures(const Format& f, const std::filesystem::path& file, std::vector<std::int64_t>& sum) {
  for (const auto& [cell, text] : file_figures(f, file)) {
    if (f.cells[cell].computed()) continue;
    std::int64_t raw = 0;
    REQUIRE(parse_value(text, f.cells[cell].type, raw) == ParseStatus::kOk);
    sum[cell] += raw;
  }
}

/// Sets every computed cell of `v` to the sum of its parts, in the format's order.
inline void compute_totals(const Format& f, std::vector<std::int64_t>& v) {
  for (int c : f.computed_order) {
    v[c] = 0;
    for (int k : f.cells[c].sum_of) v[c] += v[k];
  }
}

}  // namespace nianbao::test
