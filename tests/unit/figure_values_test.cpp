// FigureValues: a submission's figures, read as int64 and kept as int32 once validated when they
// all fit. Whatever way they are held, every figure reads back as the number that was written, and
// the totals over agencies held either way are the same.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <vector>

#include "format/format.h"
#include "merge/merge.h"
#include "model/figure_values.h"

using namespace nianbao;

namespace {

constexpr std::int64_t kInt32Max = std::numeric_limits<std::int32_t>::max();

}  // namespace

TEST_CASE("figures that fit in int32 are held so after compact() and read back unchanged", "[figures]") {
  FigureValues v;
  v.assign(5, 0);
  v.set(0, 12);
  v.set(1, kInt32Max);
  v.set(2, -kInt32Max - 1);
  v.set(4, 183000);  // 18.3 万元
  const std::vector<std::int64_t> before = v.to_vector();
  CHECK_FALSE(v.narrow());
  v.compact();
  CHECK(v.narrow());
  CHECK(v.size() == 5);
  CHECK(v.to_vector() == before);
  CHECK(v[1] == kInt32Max);
  CHECK(v[2] == -kInt32Max - 1);
  CHECK(FigureView(v) == FigureView(before));
}

TEST_CASE("a submission with one figure beyond int32 keeps all its figures as int64", "[figures]") {
  FigureValues v;
  v.assign(3, 7);
  v.set(1, kInt32Max + 1);  // 214,748.3648 万元: more than int32 holds
  v.compact();
  CHECK_FALSE(v.narrow());
  CHECK(v[0] == 7);
  CHECK(v[1] == kInt32Max + 1);
  CHECK(v[2] == 7);
}

TEST_CASE("setting a figure that does not fit into int32-held figures widens them, losing none", "[figures]") {
  FigureValues v;
  v.assign(3, 0);
  v.set(0, 5);
  v.set(2, 9);
  v.compact();
  REQUIRE(v.narrow());
  v.set(2, 10);  // fits: stays narrow
  CHECK(v.narrow());
  v.set(1, 5'000'000'000);
  CHECK_FALSE(v.narrow());
  CHECK(v.to_vector() == std::vector<std::int64_t>{5, 5'000'000'000, 10});
}

TEST_CASE("computing the totals of int32-held figures gives the same as of int64 ones", "[figures]") {
  const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  FigureValues wide, narrow;
  wide.assign(static_cast<std::size_t>(f.cell_count()), 0);
  for (int c = 0; c < f.cell_count(); ++c)
    if (!f.cells[c].computed()) wide.set(static_cast<std::size_t>(c), (c * 37) % 101);
  narrow = wide;
  narrow.compact();
  REQUIRE(narrow.narrow());
  REQUIRE(f.compute(wide));
  REQUIRE(f.compute(narrow));  // computing works on int64: the figures are widened for it
  CHECK(FigureView(narrow) == FigureView(wide));
}

TEST_CASE("the region's totals add agencies whose figures are held as int32 and as int64 alike", "[figures][merge]") {
  const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  ReportFile report;
  report.path = "inputs/report.xml";
  report.format = f.id;
  report.year = 2024;
  report.roster = {{"fgw", "某市发展和改革委员会", AgencyKind::kDepartment, {}},
                   {"jyj", "某市教育局", AgencyKind::kDepartment, {}}};
  report.index_roster();
  const int fees = f.find_cell("active.fees.amount");
  const int natural = f.find_cell("requests.new.natural");
  REQUIRE(fees >= 0);
  REQUIRE(natural >= 0);
  std::vector<Submission> subs(2);
  std::vector<FileResult> files(2);
  const std::int64_t fee[2] = {183000, kInt32Max + 17};  // the second does not fit in int32
  for (int i = 0; i < 2; ++i) {
    Submission& s = subs[static_cast<std::size_t>(i)];
    s.path = "inputs/" + report.roster[static_cast<std::size_t>(i)].code + ".xml";
    s.format = f.id;
    s.year = report.year;
    s.agency = report.roster[static_cast<std::size_t>(i)];
    s.values.assign(static_cast<std::size_t>(f.cell_count()), 0);
    s.values.set(static_cast<std::size_t>(fees), fee[i]);
    s.values.set(static_cast<std::size_t>(natural), 3 + i);
    REQUIRE(f.compute(s.values));
    s.values.compact();  // as the read stage does after validation
    FileResult& r = files[static_cast<std::size_t>(i)];
    r.path = s.path;
    r.agency_code = s.agency.code;
    r.submission = i;
    r.outcome = FileOutcome::kAccepted;
  }
  CHECK(subs[0].values.narrow());
  CHECK_FALSE(subs[1].values.narrow());
  MergedReport m = merge_report(report, f, files, subs);
  CHECK(m.totals[static_cast<std::size_t>(fees)] == 183000 + kInt32Max + 17);
  CHECK(m.totals[static_cast<std::size_t>(natural)] == 7);
  CHECK(format_value(m.totals[static_cast<std::size_t>(fees)], ValueType::kMoney) == "214766.6664");
}
