// 各单位数据.xml: written beside merged.xml (render/agency_archive.h), read back next year
// (input/agency_archive_reader.h), exactly and safely.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <unistd.h>

#include "input/agency_archive_reader.h"
#include "render/agency_archive.h"
#include "review_fixture.h"

using namespace nianbao;
using namespace nianbao::test;
namespace fs = std::filesystem;

namespace {

const char* kArchivePath = "上年/output/各单位数据.xml";

struct Two {
  Submission dept, town;
};

Two two_agencies() {
  const Format& f = format_2021();
  Two t;
  t.dept = make_submission(f, 2025,
                           {{"requests.new.natural", 10}, {"requests.new.business", 2}, {"requests.carried_in.natural", 1},
                            {"requests.granted.natural", 9}, {"requests.other_misc.business", 2}, {"requests.carried_out.natural", 2},
                            {"active.normative.in_force", 31}, {"active.fees.amount", 183000},
                            {"processing_fees.fees.collected_amount", 1234567}, {"appeals.review.pending", 1}},
                           "FC001", "丰城市“发展 & 改革”<委员会>");
  t.dept.own_sections.push_back(make_section(t.dept, "overview", {"第一段 & <b>“引号”'单引号'", "第二段\n换行\t制表\r回车"}));
  t.dept.own_sections.push_back(make_section(t.dept, "problems", {"一是公开不够具体。"}, "", 20));
  t.dept.sections.push_back(make_section(t.dept, "highlights", {"推进“放管服”改革。", " 前后有空格 "}, "推进“放管服” & 公开", 30));
  t.town = make_submission(f, 2025, {}, "FC101", "剑光街道办事处", AgencyKind::kTownship);
  t.town.path = "inputs/乡镇/FC101.xml";
  return t;
}

std::optional<AgencyArchive> read(const std::string& xml, Diagnostics& d, int year = 2026) {
  return read_agency_archive_bytes(xml, kArchivePath, format_2021(), year, d);
}

std::string wrap(const std::string& agencies, const std::string& root = R"(<agency-archive format="xxgk-2021" year="2025">)") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root + "\n" + agencies + "</agency-archive>\n";
}

const std::string kAgencyOpen = R"(  <agency code="FC001" name="某局" kind="department" file="inputs/FC001.xml">)";

void same_sections(const std::vector<NarrativeSection>& a, const std::vector<NarrativeSection>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].id == b[i].id);
    CHECK(a[i].title == b[i].title);
    REQUIRE(a[i].paragraphs.size() == b[i].paragraphs.size());
    for (std::size_t k = 0; k < a[i].paragraphs.size(); ++k) CHECK(a[i].paragraphs[k].text == b[i].paragraphs[k].text);
  }
}

}  // namespace

TEST_CASE("the archive round-trips every agency's figures and texts exactly", "[archive]") {
  Two t = two_agencies();
  const std::string xml = agency_archive_xml(format_2021(), 2025, {&t.dept, &t.town});
  CHECK(xml == agency_archive_xml(format_2021(), 2025, {&t.dept, &t.town}));  // the same bytes every run
  CHECK(xml.find(R"(<row id="new" natural="10" business="2"/>)") != std::string::npos);
  CHECK(xml.find(R"(<row id="fees" amount="18.3"/>)") != std::string::npos);
  CHECK(xml.find("total=") == std::string::npos);         // computed cells are computed again on reading
  CHECK(xml.find("closed_total") == std::string::npos);
  CHECK(xml.find("<p>第二段&#10;换行&#9;制表&#13;回车</p>") != std::string::npos);

  Diagnostics d;
  auto archive = read(xml, d);
  REQUIRE(archive);
  CHECK(d.empty());
  CHECK(archive->path == kArchivePath);
  CHECK(archive->format == "xxgk-2021");
  CHECK(archive->year == 2025);
  REQUIRE(archive->agencies.size() == 2);
  const Submission* dept = archive->find("FC001");
  REQUIRE(dept);
  CHECK(dept->values == t.dept.values);
  CHECK(dept->agency.name == t.dept.agency.name);
  CHECK(dept->agency.kind == AgencyKind::kDepartment);
  CHECK(dept->path == "inputs/FC001.xml");
  CHECK(dept->year == 2025);
  same_sections(dept->own_sections, t.dept.own_sections);
  same_sections(dept->sections, t.dept.sections);
  CHECK(dept->own_sections[0].paragraphs[1].where.file == kArchivePath);
  CHECK(dept->own_sections[0].paragraphs[1].where.line > 1);
  const Submission* town = archive->find("FC101");
  REQUIRE(town);
  CHECK(town->agency.kind == AgencyKind::kTownship);
  CHECK(town->path == "inputs/乡镇/FC101.xml");
  CHECK(town->values == t.town.values);
  CHECK(archive->find("FC999") == nullptr);
}

TEST_CASE("a 2018-format archive round-trips too", "[archive]") {
  const Format& f = format_2018();
  Submission s = make_submission(f, 2018, {{"stats.requests_online.value", 4947}, {"stats.budget.value", 183000}});
  s.own_sections.push_back(make_section(s, "requests", {"全市受理依申请公开政府信息4947件。"}));
  Diagnostics d;
  auto archive = read_agency_archive_bytes(agency_archive_xml(f, 2018, {&s}), kArchivePath, f, 2019, d);
  REQUIRE(archive);
  CHECK(d.empty());
  CHECK(archive->agencies[0].values == s.values);
  same_sections(archive->agencies[0].own_sections, s.own_sections);
}

TEST_CASE("a hostile or damaged archive is refused with the place and the reason", "[archive]") {
  struct Bad {
    std::string xml;
    std::string code;
    std::string message;
    int line;
  };
  const std::string close = "  </agency>\n";
  const std::vector<Bad> bad = {
      {"hello", "E006", "不是 XML 文件：内容不以 < 开头。", 1},
      {"<?xml version=\"1.0\"?>\n<!DOCTYPE agency-archive [<!ENTITY x \"y\">]>\n<agency-archive/>", "E007",
       "文件含有 DOCTYPE（文档类型或实体声明），出于安全原因不予读取；请删除 <!DOCTYPE …> 部分。", 2},
      {wrap(kAgencyOpen + "\n    <table id=\"requests\">\n", R"(<agency-archive format="xxgk-2021" year="2025">)"), "E006", "", 0},
      {"<?xml version=\"1.0\"?>\n<submission format=\"xxgk-2021\" year=\"2025\"/>\n", "E901",
       "不是 nianbao 生成的各单位数据文件（根元素应为 <agency-archive>）。", 2},
      {wrap("", R"(<agency-archive format="xxgk-2018" year="2025">)"), "E901", "上年各单位数据的格式与本年不同，无法比较。", 2},
      {wrap("", R"(<agency-archive format="xxgk-2021" year="25">)"), "E901", "<agency-archive> 的 year 属性不是四位年份。", 2},
      {wrap("  <submission/>\n"), "E901", "<agency-archive> 中只能有 <agency>，不认识 <submission>。", 3},
      {wrap("  <agency name=\"某局\" kind=\"department\"/>\n"), "E901", "<agency> 缺少单位代码 code。", 3},
      {wrap("  <agency code=\"FC001\" kind=\"部门\"/>\n"), "E901", "<agency> 的 kind 属性无效。", 3},
      {wrap(kAgencyOpen + "\n" + close + kAgencyOpen + "\n" + close), "E901", "单位代码 FC001 出现了两次。", 5},
      {wrap(kAgencyOpen + "\n    <table id=\"budget\"/>\n" + close), "E901", "格式 xxgk-2021 中没有这个表。", 4},
      {wrap(kAgencyOpen + "\n    <table id=\"requests\"><row id=\"newly\" natural=\"1\"/></table>\n" + close), "E901",
       "表「三、收到和处理政府信息公开申请情况」中没有这一行（或它是合计行，不应写出）。", 4},
      {wrap(kAgencyOpen + "\n    <table id=\"requests\"><row id=\"closed_total\" natural=\"1\"/></table>\n" + close), "E901",
       "表「三、收到和处理政府信息公开申请情况」中没有这一行（或它是合计行，不应写出）。", 4},
      {wrap(kAgencyOpen + "\n    <table id=\"requests\"><row id=\"new\" total=\"1\"/></table>\n" + close), "E901",
       "这一行没有这一列（或它是合计列，不应写出）。", 4},
      {wrap(kAgencyOpen + "\n    <table id=\"requests\"><row id=\"new\" natural=\"十\"/></table>\n" + close), "E901",
       "不是有效的数字。", 4},
      {wrap(kAgencyOpen + "\n    <table id=\"requests\"><row id=\"new\" natural=\"-1\"/></table>\n" + close), "E901",
       "不是有效的数字。", 4},
      {wrap(kAgencyOpen + "\n    <table id=\"requests\"><row id=\"new\" natural=\"99999999999999999999\"/></table>\n" + close),
       "E901", "不是有效的数字。", 4},
      {wrap(kAgencyOpen + "\n    <table id=\"requests\"><row id=\"new\" natural=\"1\" natural=\"2\"/></table>\n" + close), "E901",
       "属性 natural 出现了两次。", 4},
      {wrap(kAgencyOpen + "\n    <table id=\"requests\"><row id=\"new\" natural=\"1\"/><row id=\"new\" natural=\"2\"/></table>\n" + close),
       "E901", "同一行写了两次：一、本年新收政府信息公开申请数量。", 4},
      {wrap(kAgencyOpen + "\n    <section id=\"summary\"><p>文字</p></section>\n" + close), "E901", "格式 xxgk-2021 没有这个章节。", 4},
      {wrap(kAgencyOpen + "\n    <section id=\"overview\"><p>文字<b>加粗</b></p></section>\n" + close), "E901",
       "段落 <p> 只能包含文字，不能包含 <b>。", 4},
      {wrap(kAgencyOpen + "\n    <section id=\"overview\">段外文字</section>\n" + close), "E901",
       "<section> 中只能有 <p>，不能有文字。", 4},
      {wrap(kAgencyOpen + "\n    <note/>\n" + close), "E901", "<agency> 中只能有 <table> 和 <section>，不认识 <note>。", 4},
  };
  for (const Bad& b : bad) {
    INFO(b.xml);
    Diagnostics d;
    auto archive = read(b.xml, d);
    CHECK_FALSE(archive);
    REQUIRE(d.error_count() >= 1);
    const Diagnostic& first = d.items()[0];
    CHECK(first.code == b.code);
    if (!b.message.empty()) CHECK(first.message == b.message);
    if (b.line > 0) CHECK(first.where.line == b.line);
    CHECK(first.where.file == kArchivePath);
  }
}

TEST_CASE("a flood of faults in an archive stops after 100, saying so", "[archive]") {
  std::string rows;
  for (int i = 0; i < 150; ++i) rows += "<row id=\"bad" + std::to_string(i) + "\"/>";
  Diagnostics d;
  CHECK_FALSE(read(wrap(kAgencyOpen + "<table id=\"requests\">" + rows + "</table></agency>\n"), d));
  REQUIRE(d.items().size() == 101);
  CHECK(d.items()[100].message == "上年各单位数据文件中的问题过多，已列出前 100 处，其余部分未再读取。");
}

TEST_CASE("an archive nested ten thousand levels deep is refused without running out of stack", "[archive]") {
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "<x>";
  for (int i = 0; i < 10000; ++i) deep += "</x>";
  Diagnostics d;
  CHECK_FALSE(read(wrap(kAgencyOpen + "<section id=\"overview\"><p>" + deep + "</p></section></agency>\n"), d));
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].message == "段落 <p> 只能包含文字，不能包含 <x>。");
}

TEST_CASE("an archive of another year than last year is W911 and still used", "[archive]") {
  Two t = two_agencies();
  Diagnostics d;
  auto archive = read(agency_archive_xml(format_2021(), 2023, {&t.dept}), d, 2026);
  REQUIRE(archive);
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].code == "W911");
  CHECK(d.items()[0].message == "上年各单位数据的年度不是本年的上一年。");
  CHECK(d.items()[0].found == "2023");
  CHECK(d.items()[0].expected == "2025");
}

TEST_CASE("the previous option names last year's output folder or its merged.xml, and the archive is found beside it", "[archive]") {
  const fs::path dir = fs::temp_directory_path() / ("nianbao-archive-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string folder = dir.string();
  CHECK(resolve_previous(folder).merged == (dir / "merged.xml").string());
  CHECK(resolve_previous(folder).archive == (dir / "各单位数据.xml").string());
  CHECK(resolve_previous((dir / "merged.xml").string()).archive == (dir / "各单位数据.xml").string());
  CHECK(resolve_previous("merged.xml").archive == "各单位数据.xml");

  Diagnostics missing;
  CHECK_FALSE(read_previous_agency_archive(folder, format_2021(), 2026, missing));
  REQUIRE(missing.items().size() == 1);
  CHECK(missing.items()[0].code == "W910");
  CHECK(missing.items()[0].message ==
        "上年的输出中没有各单位数据文件（各单位数据.xml），未核对各单位的上年结转、现行有效件数，也未核对与上年的内容雷同。");
  CHECK(missing.items()[0].where.file == (dir / "各单位数据.xml").string());

  Two t = two_agencies();
  std::ofstream((dir / "各单位数据.xml").string(), std::ios::binary) << agency_archive_xml(format_2021(), 2025, {&t.dept, &t.town});
  Diagnostics found;
  auto archive = read_previous_agency_archive((dir / "merged.xml").string(), format_2021(), 2026, found);
  REQUIRE(archive);
  CHECK(found.empty());
  CHECK(archive->agencies.size() == 2);
  CHECK(archive->path == (dir / "各单位数据.xml").string());
  fs::remove_all(dir);
}

TEST_CASE("the archive written to its file a megabyte at a time has the same bytes as the archive as text", "[archive]") {
  const fs::path dir = fs::temp_directory_path() / ("nianbao-archive-stream-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  Two t = two_agencies();
  // Enough agencies that the file is written in several pieces, each ending after an agency.
  std::vector<const Submission*> agencies;
  for (int i = 0; i < 10000; ++i) agencies.push_back(i % 2 ? &t.town : &t.dept);
  const std::string expected = agency_archive_xml(format_2021(), 2025, agencies);
  REQUIRE(expected.size() > (2u << 20));
  write_agency_archive(format_2021(), 2025, agencies, (dir / "各单位数据.xml").string());
  std::ifstream in((dir / "各单位数据.xml").string(), std::ios::binary);
  const std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(written.size() == expected.size());
  CHECK(written == expected);
  fs::remove_all(dir);
}

TEST_CASE("an archive that cannot be written throws naming the file", "[archive]") {
  Two t = two_agencies();
  const std::string path = "/nonexistent-nianbao-folder/各单位数据.xml";
  CHECK_THROWS_WITH(write_agency_archive(format_2021(), 2025, {&t.dept}, path),
                    "无法写入各单位数据 " + path + "：打开失败：No such file or directory");
}

TEST_CASE("an archive that the disk cannot hold throws naming the file and the reason", "[archive]") {
  // /dev/full opens and accepts nothing: as a disk that fills while the archive is written.
  Two t = two_agencies();
  CHECK_THROWS_WITH(write_agency_archive(format_2021(), 2025, {&t.dept, &t.town}, "/dev/full"),
                    "无法写入各单位数据 /dev/full：写入失败：No space left on device");
}
