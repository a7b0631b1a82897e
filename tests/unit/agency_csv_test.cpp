#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "render/agency_csv.h"
#include "merged_fixture.h"

using namespace nianbao;
using namespace nianbao::test;

namespace {

struct TempCsv {
  std::string path;
  explicit TempCsv(const std::string& name) : path("agency_csv_test_" + name + ".csv") {}
  ~TempCsv() { std::remove(path.c_str()); }
};

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// The file's lines without their CRLF; fails if any line ends otherwise.
std::vector<std::string> crlf_lines(const std::string& bytes) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = bytes.find("\r\n", start)) != std::string::npos; start = end + 2)
    lines.push_back(bytes.substr(start, end - start));
  CHECK(start == bytes.size());  // the last line ends with CRLF too
  for (const auto& l : lines) CHECK(l.find('\n') == std::string::npos);
  return lines;
}

std::vector<std::string> split_plain(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t end; (end = line.find(',', start)) != std::string::npos; start = end + 1)
    out.push_back(line.substr(start, end - start));
  out.push_back(line.substr(start));
  return out;
}

}  // namespace

TEST_CASE("the agency CSV starts with a BOM and labels every cell with table, row and column", "[csv]") {
  Fixture fx;
  TempCsv csv("header");
  write_agency_csv(fx.merged, csv.path);
  std::string bytes = file_bytes(csv.path);
  REQUIRE(bytes.substr(0, 3) == "\xEF\xBB\xBF");
  auto lines = crlf_lines(bytes.substr(3));
  REQUIRE(lines.size() == 4);  // header, two accepted agencies, 合计
  auto header = split_plain(lines[0]);
  REQUIRE(header.size() == 3 + static_cast<std::size_t>(fx.format.cell_count()));
  CHECK(header[0] == "单位代码");
  CHECK(header[1] == "单位名称");
  CHECK(header[2] == "单位类型");
  CHECK(header[3 + fx.cell("requests", "new", "natural")] ==
        "三、收到和处理政府信息公开申请情况/一、本年新收政府信息公开申请数量/自然人");
  CHECK(header[3 + fx.cell("requests", "denied_safety", "business")] ==
        "三、收到和处理政府信息公开申请情况/三、本年度办理结果（三）不予公开 3.危及“三安全一稳定”/法人或其他组织 商业企业");
  CHECK(header[3 + fx.cell("active", "fees", "amount")] ==
        "二、主动公开政府信息情况/第二十条第（八）项 行政事业性收费/本年收费金额（单位：万元）");
}

TEST_CASE("one CSV row per accepted agency in roster order, then 合计, money with its decimals", "[csv]") {
  Fixture fx;
  fx.add_agency("z01", "某镇人民政府", 5);
  TempCsv csv("rows");
  write_agency_csv(fx.merged, csv.path);
  auto lines = crlf_lines(file_bytes(csv.path).substr(3));
  REQUIRE(lines.size() == 5);
  auto first = split_plain(lines[1]);
  CHECK(first[0] == "fgw");
  CHECK(first[1] == "某市发展和改革委员会");
  CHECK(first[2] == "部门");
  CHECK(first[3 + fx.cell("requests", "new", "natural")] == "10");
  CHECK(first[3 + fx.cell("requests", "new", "total")] == "12");
  CHECK(first[3 + fx.cell("active", "fees", "amount")] == "18.3");
  CHECK(first[3 + fx.cell("requests", "partial", "natural")] == "0");
  auto town = split_plain(lines[3]);
  CHECK(town[0] == "z01");
  CHECK(town[2] == "乡镇（街道）");
  CHECK(town[3 + fx.cell("requests", "new", "natural")] == "5");
  auto total = split_plain(lines[4]);
  CHECK(total[0] == "合计");
  CHECK(total[1] == "");
  CHECK(total[2] == "");
  CHECK(total[3 + fx.cell("requests", "new", "natural")] == "35");
  CHECK(total[3 + fx.cell("active", "fees", "amount")] == "54.9");
  CHECK(total.size() == 3 + static_cast<std::size_t>(fx.format.cell_count()));
}

TEST_CASE("a CSV field with a comma or a quote is quoted, and text that looks like a formula is guarded", "[csv]") {
  Fixture fx;
  fx.submissions[0].agency.name = "某市\"发展\",改革委";
  fx.submissions[0].agency.code = "@fgw";
  TempCsv csv("quoting");
  write_agency_csv(fx.merged, csv.path);
  auto lines = crlf_lines(file_bytes(csv.path).substr(3));
  REQUIRE(lines.size() == 4);
  CHECK(lines[1].rfind("'@fgw,\"某市\"\"发展\"\",改革委\",部门,", 0) == 0);
  // kNarrativeName is =HYPERLINK("x")局: quoted for its quotes, guarded for its "=".
  CHECK(lines[2].rfind("jyj,\"'=HYPERLINK(\"\"x\"\")局\",部门,", 0) == 0);
}

TEST_CASE("an agency CSV that cannot be written throws naming the file and the reason", "[csv]") {
  Fixture fx;
  REQUIRE_THROWS_WITH(write_agency_csv(fx.merged, "no-such-dir/明细.csv"),
                      "无法写入各单位明细 no-such-dir/明细.csv：打开失败：No such file or directory");
}
