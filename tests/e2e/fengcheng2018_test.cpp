// The project's demo, end to end: inputs/ is the 丰城市 2018 case (format xxgk-2018) and nianbao
// must rebuild the seed report from it (issue 3). These are the issue's acceptance criteria as
// checks on what a reader sees in the .docx and the .xlsx.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "e2e_run.h"
#include "format/format.h"
#include "ooxml_read.h"

using namespace nianbao;
using namespace nianbao::test;
namespace fs = std::filesystem;

namespace {

const fs::path kDemo = fs::path(NIANBAO_SOURCE_DIR) / "inputs";
const std::string kTitle = "丰城市2018年政府信息公开工作年度报告";

const Format& fmt() {
  static Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2018");
  return f;
}

const std::vector<std::string> kSeedHeadings = {
    "一、主动公开政府信息公开情况", "二、突出重点领域，着力深化信息公开内容", "三、依申请公开及回应关切情况",
    "四、政府信息公开经费保障情况", "五、政府信息公开培训情况",       "六、存在的问题及下步工作建议",
    "七、需要说明的其他事项"};

/// Builds `inputs` into a fresh folder and reads the document and the workbook back.
struct Demo {
  Run run;
  Docx docx;
  Xlsx xlsx;
};

Demo build_demo(const fs::path& inputs, const std::string& name) {
  Demo d;
  fs::path dir = temp_dir(name);
  d.run = build(inputs, dir / "out");
  INFO(d.run.stderr_text);
  REQUIRE(fs::exists(dir / "out" / (kTitle + ".docx")));
  d.docx = read_docx((dir / "out" / (kTitle + ".docx")).string());
  d.xlsx = read_xlsx((dir / "out" / (kTitle + ".xlsx")).string());
  return d;
}

/// The document's text by section: [0] is everything before 一, [1] to [7] the sections 一 to 七
/// (up to the next 一、-level heading, or to the 附件 for 七).
std::vector<std::string> document_sections(const Docx& docx) {
  std::vector<std::string> out(1);
  for (std::size_t i = 0; i < docx.paragraphs.size(); ++i) {
    if (docx.styles[i] == "nbAttachment") break;
    if (docx.styles[i] == "nbHeading1") out.emplace_back();
    out.back() += docx.paragraphs[i] + "\n";
  }
  return out;
}

/// The seed's text by section, split the same way at its 一、… 七、 headings.
std::vector<std::string> seed_sections(const std::string& seed) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (const auto& h : kSeedHeadings) {
    std::size_t at = seed.find(h, from);
    REQUIRE(at != std::string::npos);
    out.push_back(seed.substr(from, at - from));
    from = at;
  }
  out.push_back(seed.substr(from));
  return out;
}

/// The numbers a text states: 8655, 15.2, 0795 …
std::set<std::string> numbers_in(const std::string& text) {
  static const std::regex number(R"(\d+(?:\.\d+)?)");
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), number); it != std::sregex_iterator(); ++it)
    out.insert(it->str());
  return out;
}

/// Where each row of the 统计表 is printed: its line in the layout. Labels repeat (（二）被依法纠错数
/// under both 复议 and 诉讼), so rows are found by position, not by label.
int layout_line(int r) {
  const Format& f = fmt();
  for (const auto& c : f.tables[0].layout.cells)
    if (c.is_value && f.cells[c.cell].row == r) return c.row;
  FAIL("row " << r << " is not in the layout");
  return -1;
}

int row_index(const std::string& row_id) {
  int r = fmt().tables[0].find_row(row_id);
  REQUIRE(r >= 0);
  return r;
}

/// The 统计表 as the workbook shows it.
struct StatsSheet {
  const Sheet* sheet = nullptr;
  int offset = -1;  // sheet row of the layout's first line (统计指标 | 单位 | 统计数)

  int sheet_row(int r) const { return offset + layout_line(r); }
  std::string text(int r, int col) const {
    auto cell = sheet->cells.find(cell_ref(sheet_row(r), col));
    return cell == sheet->cells.end() ? "" : cell->second.value;
  }
  const SheetCell& value(int r) const {
    auto cell = sheet->cells.find(cell_ref(sheet_row(r), 2));
    REQUIRE(cell != sheet->cells.end());
    return cell->second;
  }
  const SheetCell& value(const std::string& row_id) const { return value(row_index(row_id)); }
  std::string unit(const std::string& row_id) const { return text(row_index(row_id), 1); }
};

StatsSheet stats_sheet(const Xlsx& xlsx) {
  StatsSheet s;
  s.sheet = xlsx.find("政府信息公开情况统计表");
  REQUIRE(s.sheet);
  for (int row = 0; row < 5 && s.offset < 0; ++row) {
    auto it = s.sheet->cells.find(cell_ref(row, 0));
    if (it != s.sheet->cells.end() && it->second.value == "统计指标") s.offset = row;
  }
  REQUIRE(s.offset >= 0);
  return s;
}

/// The 统计表 appended to the document: one line of 统计指标 | 单位 | 统计数 per layout line.
struct StatsTable {
  const DocxTable* table = nullptr;
  const std::vector<std::string>& line(int r) const { return table->grid.at(layout_line(r)); }
  std::string value(const std::string& row_id) const { return line(row_index(row_id)).at(2); }
};

StatsTable stats_table(const Docx& docx) {
  REQUIRE(docx.tables.size() == 1);
  REQUIRE(static_cast<int>(docx.tables[0].grid.size()) == fmt().tables[0].layout.grid_rows);
  for (const auto& row : docx.tables[0].grid) REQUIRE(row.size() == 3);
  return StatsTable{&docx.tables[0]};
}

/// Adds `delta` to a row of a submission file, adding the row if the file left it out (0).
void add_to_row(pugi::xml_document& doc, const std::string& row_id, int delta) {
  auto table = doc.child("submission").find_child_by_attribute("table", "id", "stats");
  REQUIRE(table);
  auto row = table.find_child_by_attribute("row", "id", row_id.c_str());
  if (!row) {
    row = table.append_child("row");
    row.append_attribute("id") = row_id.c_str();
    row.append_attribute("value") = 0;
  }
  row.attribute("value") = row.attribute("value").as_llong() + delta;
}

/// The file of agency FC101 (剑光街道) with one more online request: the clerk also corrects the
/// totals the file gives, and with `answered` records the reply (按时办结, 同意公开) too.
void add_one_request(const fs::path& inputs, bool answered) {
  fs::path file = inputs / "submissions" / "FC101.xml";
  pugi::xml_document doc;
  REQUIRE(doc.load_file(file.c_str()));
  auto given = [&](const char* id) {
    return static_cast<bool>(doc.child("submission").child("table").find_child_by_attribute("row", "id", id));
  };
  add_to_row(doc, "requests_online", 1);
  if (given("requests_received")) add_to_row(doc, "requests_received", 1);
  if (answered) {
    add_to_row(doc, "closed_on_time", 1);
    add_to_row(doc, "reply_granted", 1);
    if (given("requests_closed")) add_to_row(doc, "requests_closed", 1);
    if (given("replies")) add_to_row(doc, "replies", 1);
  }
  REQUIRE(doc.save_file(file.c_str(), "  ", pugi::format_default, pugi::encoding_utf8));
}

}  // namespace

TEST_CASE("nianbao with no arguments builds the 丰城市 2018 demo: 76 agencies accepted, none missing", "[e2e][demo]") {
  // A folder laid out like the repository root, so that the run writes nowhere in the source tree.
  fs::path root = temp_dir("demo-root");
  fs::create_directory_symlink(kDemo, root / "inputs");
  fs::create_directory_symlink(fs::path(NIANBAO_SOURCE_DIR) / "templates", root / "templates");
  int status = run_command("cd '" + root.string() + "' && " + NIANBAO_BIN + " >run.out 2>run.err");
  INFO(slurp(root / "run.err"));
  CHECK(status == 0);
  auto summary = nlohmann::json::parse(slurp(root / "output" / "summary.json"));
  CHECK(summary["format"] == "xxgk-2018");
  CHECK(summary["year"] == 2018);
  CHECK(summary["status"] == "complete");
  CHECK(summary["missing"].empty());
  CHECK(summary["warnings"].empty());
  std::set<std::string> agencies;
  int accepted = 0, other = 0;
  for (const auto& f : summary["files"]) {
    if (f["outcome"] == "accepted" && f.contains("agency")) {
      ++accepted;
      agencies.insert(f["agency"].get<std::string>());
    } else if (fs::path(f["path"].get<std::string>()).filename() != "report.xml") {
      ++other;
    }
  }
  CHECK(accepted == 76);
  CHECK(agencies.size() == 76);
  CHECK(other == 0);
  for (const char* ext : {".docx", ".xlsx"}) CHECK(fs::exists(root / "output" / (kTitle + ext)));
  CHECK(slurp(root / "run.out").find("应报送 76 个单位：已报送 76 个，未报送 0 个，被退回 0 个。") != std::string::npos);
}

TEST_CASE("the demo report has the seed's sections 一 to 七, in the seed's order and with its headings", "[e2e][demo]") {
  Demo d = build_demo(kDemo, "demo-sections");
  CHECK(d.run.status == 0);
  REQUIRE(!d.docx.paragraphs.empty());
  CHECK(d.docx.paragraphs[0] == kTitle);
  CHECK(d.docx.styles[0] == "nbTitle");
  std::vector<std::string> headings, subheadings;
  for (std::size_t i = 0; i < d.docx.paragraphs.size(); ++i) {
    if (d.docx.styles[i] == "nbHeading1") headings.push_back(d.docx.paragraphs[i]);
    if (d.docx.styles[i] == "nbHeading2") subheadings.push_back(d.docx.paragraphs[i]);
  }
  CHECK(headings == kSeedHeadings);
  // 二's sub-sections are the agencies' highlights gathered under their titles (住建局 and
  // 公共资源交易中心 share one; four regulators share 公共监管); 六 has its two parts.
  CHECK(subheadings == std::vector<std::string>{"（一）推进行政权力信息公开", "（二）推进财政资金信息公开",
                                                "（三）推进公共资源信息公开", "（四）推进重大建设项目信息公开",
                                                "（五）推进扶贫领域信息公开", "（六）推进公共监管领域信息公开",
                                                "（七）推进环保工作信息公开", "（一）存在的问题", "（二）2019年工作打算"});
  // The opening paragraph: legal basis, the provincial notice, who compiled it.
  const std::string& opening = d.docx.paragraphs[1];
  CHECK(opening.find("《中华人民共和国政府信息公开条例》") != std::string::npos);
  CHECK(opening.find("赣府厅明〔2018〕181号") != std::string::npos);
  CHECK(opening.find("丰城市信息公开领导小组办公室") != std::string::npos);
  // The 统计表 is appended as 附件 on its own page.
  auto attachment = std::find(d.docx.styles.begin(), d.docx.styles.end(), "nbAttachment");
  REQUIRE(attachment != d.docx.styles.end());
  std::size_t at = attachment - d.docx.styles.begin();
  CHECK(d.docx.paragraphs[at] == "附件");
  CHECK(d.docx.paragraphs[at + 1] == "2018年丰城市政府信息公开情况统计表");
  CHECK(d.docx.parts.at("word/styles.xml").find("<w:pageBreakBefore/>") != std::string::npos);
}

TEST_CASE("every figure the seed states appears in the section where the seed states it", "[e2e][demo]") {
  Demo d = build_demo(kDemo, "demo-figures");
  std::vector<std::string> sections = document_sections(d.docx);
  REQUIRE(sections.size() == 8);

  // (section, figure as the seed writes it): 0 is the opening, 1-7 the sections 一 to 七.
  const std::vector<std::pair<int, std::string>> figures = {
      {0, "赣府厅明〔2018〕181号"}, {0, "2019年工作打算"},
      {1, "8655条"}, {1, "2018年11月"}, {1, "7000余条"}, {1, "44个部门（单位）"}, {1, "32个乡镇（街道）"},
      {1, "11000余条"}, {1, "4974条"}, {1, "100%"},
      {2, "45个单位"}, {2, "188人"}, {2, "516个事项"}, {2, "512个事项"}, {2, "207个"}, {2, "346项"},
      {2, "3225个工作日"}, {2, "30万件"}, {2, "15.2万件"}, {2, "99.5%"}, {2, "1000余人次"}, {2, "99.7%"},
      {2, "466场"}, {2, "132场"}, {2, "326场"}, {2, "77.2亿元"}, {2, "2.3亿元"}, {2, "2.94%"},
      {2, "100余家"}, {2, "2018年10月"}, {2, "20个工作日"}, {2, "7个工作日"}, {2, "3个工作日"},
      {2, "2018年1月至12月"}, {2, "232个"}, {2, "48个"}, {2, "2个"}, {2, "182个"}, {2, "100余条"},
      {2, "10余条"}, {2, "12369"}, {2, "100元至3万元"}, {2, "20余条"}, {2, "50余条"},
      {3, "4947条"}, {3, "4947件"}, {3, "100%"},
      {4, "15万元"}, {4, "3.3万元"},
      {5, "4次"}, {5, "2次"}, {5, "268人次"},
      {6, "2008年5月1日"}, {6, "2019年"},
      {7, "2018年1月1日"}, {7, "2018年12月31日"}, {7, "www.jxfc.gov.cn"}, {7, "陈都"}, {7, "0795-6608573"},
      {7, "328707783@qq.com"},
  };
  // The seed report the demo rebuilds (the published text of 丰城市's 2018 report), shipped with the tests.
  const fs::path seed_file = fs::path(NIANBAO_TEST_DATA) / "seed" / "fengcheng-2018.txt";
  REQUIRE(fs::exists(seed_file));
  const std::vector<std::string> seed = seed_sections(slurp(seed_file));
  for (const auto& [section, figure] : figures) {
    INFO("section " << section << ": " << figure);
    CHECK(sections[section].find(figure) != std::string::npos);
    CHECK(seed[section].find(figure) != std::string::npos);  // the table is the seed's
  }
  // The text states 466场 and 77.2亿元 once (the seed, twice): one agency's figures, written once.
  for (const char* once : {"466场", "77.2亿元"}) {
    std::size_t first = sections[2].find(once);
    CHECK(sections[2].find(once, first + 1) == std::string::npos);
  }

  // The same claim, mechanically: every number of each section of the seed is a number of the
  // same section of the document.
  for (std::size_t s = 0; s < seed.size(); ++s) {
    std::set<std::string> have = numbers_in(sections[s]);
    for (const auto& n : numbers_in(seed[s])) {
      INFO("section " << s << ": " << n);
      CHECK(have.count(n) == 1);
    }
  }
}

TEST_CASE("the 统计表 shows the seed's figures and every computed row equals the sum of its parts", "[e2e][demo]") {
  Demo d = build_demo(kDemo, "demo-table");
  const Format& f = fmt();
  const TableDef& t = f.tables[0];

  // What the files say, summed here independently of nianbao.
  std::vector<std::int64_t> want(f.cell_count(), 0);
  int files = 0;
  for (const auto& e : fs::directory_iterator(kDemo / "submissions")) {
    pugi::xml_document doc;
    REQUIRE(doc.load_file(e.path().c_str()));
    ++files;
    for (auto row : doc.child("submission").child("table").children("row")) {
      int r = t.find_row(row.attribute("id").value());
      REQUIRE(r >= 0);
      int cell = f.cell(0, r, 0);
      if (f.cells[cell].computed()) continue;
      std::int64_t raw = 0;
      REQUIRE(parse_value(row.attribute("value").value(), f.cells[cell].type, raw) == ParseStatus::kOk);
      want[cell] += raw;
    }
  }
  CHECK(files == 76);
  REQUIRE(f.compute(want));

  StatsSheet sheet = stats_sheet(d.xlsx);
  StatsTable doc = stats_table(d.docx);
  for (int r = 0; r < static_cast<int>(t.rows.size()); ++r) {
    INFO(t.rows[r].id);
    int cell = f.cell(0, r, 0);
    std::string text = format_value(want[cell], f.cells[cell].type);
    CHECK(doc.line(r) == std::vector<std::string>{t.rows[r].label, t.rows[r].unit, text});
    CHECK(sheet.text(r, 0) == t.rows[r].label);
    CHECK(sheet.text(r, 1) == t.rows[r].unit);
    CHECK(sheet.value(r).value == text);
  }

  // The seed's figures (formats.md §8), in the workbook and in the document.
  const std::map<std::string, std::string> seed = {
      {"active_items", "8655"},    {"channel_website", "8655"}, {"requests_received", "4947"},
      {"requests_online", "4947"}, {"replies", "4947"},         {"trainings", "2"},
      {"trainees", "268"},         {"budget", "18.3"}};
  for (const auto& [id, value] : seed) {
    INFO(id);
    CHECK(sheet.value(id).value == value);
    CHECK(doc.value(id) == value);
  }
  CHECK(sheet.unit("budget") == "万元");
  CHECK(sheet.unit("trainees") == "人次");

  // Every computed row is a formula over its parts' cells, and its value is their sum.
  std::map<int, int> row_of_sheet_row;  // 1-based sheet row → table row
  for (int r = 0; r < static_cast<int>(t.rows.size()); ++r) row_of_sheet_row[sheet.sheet_row(r) + 1] = r;
  int computed = 0;
  for (int r = 0; r < static_cast<int>(t.rows.size()); ++r) {
    if (t.rows[r].sum_of.empty()) continue;
    ++computed;
    INFO(t.rows[r].id);
    const SheetCell& c = sheet.value(r);
    REQUIRE(!c.formula.empty());
    // SUM(C33:C36,C43:C46): the rows it covers must be exactly the parts.
    std::set<int> covered;
    static const std::regex ref(R"(C(\d+)(?::C(\d+))?)");
    for (auto it = std::sregex_iterator(c.formula.begin(), c.formula.end(), ref); it != std::sregex_iterator(); ++it) {
      int a = std::stoi((*it)[1]), b = (*it)[2].matched ? std::stoi((*it)[2]) : a;
      for (int k = a; k <= b; ++k) {
        auto part = row_of_sheet_row.find(k);
        REQUIRE(part != row_of_sheet_row.end());
        covered.insert(part->second);
      }
    }
    CHECK(covered == std::set<int>(t.rows[r].sum_of.begin(), t.rows[r].sum_of.end()));
    double sum = 0, doc_sum = 0;
    for (int k : t.rows[r].sum_of) {
      sum += std::stod(sheet.value(k).value);
      doc_sum += std::stod(doc.line(k).at(2));
    }
    CHECK(std::stod(c.value) == Approx(sum));
    CHECK(std::stod(doc.line(r).at(2)) == Approx(doc_sum));
  }
  CHECK(computed == 7);

  // Readable over three pages: only the 统计指标 | 单位 | 统计数 line repeats, the label column is wide.
  const std::string& xml = d.docx.parts.at("word/document.xml");
  std::size_t headers = 0;
  for (std::size_t at = xml.find("<w:tblHeader/>"); at != std::string::npos; at = xml.find("<w:tblHeader/>", at + 1)) ++headers;
  CHECK(headers == 1);
  CHECK(d.docx.tables[0].grid[0] == std::vector<std::string>{"统计指标", "单位", "统计数"});
  CHECK(d.docx.tables[0].grid[1] == std::vector<std::string>{"一、主动公开情况", "——", ""});
  const auto& cols = d.docx.tables[0].grid_cols;
  REQUIRE(cols.size() == 3);
  CHECK(cols[0] > 3 * (cols[1] + cols[2]) / 2);
}

TEST_CASE("one more online request in one agency's file turns the narrative's and the table's 4947 into 4948", "[e2e][demo]") {
  fs::path dir = temp_dir("demo-plus-one");
  fs::path inputs = dir / "inputs";
  fs::copy(kDemo, inputs, fs::copy_options::recursive);

  auto section_three = [](const Demo& d) { return document_sections(d.docx)[3]; };

  SECTION("received, not yet answered: the received figures change, the answered ones stay") {
    add_one_request(inputs, false);
    Demo d = build_demo(inputs, "demo-plus-one-received");
    CHECK(d.run.status == 0);
    std::string text = section_three(d);
    CHECK(text.find("共受理政府信息公开申请4948条，均为网上申请。") != std::string::npos);
    CHECK(text.find("受理依申请公开政府信息4948件，已依法答复4947件，答复率99.98%") != std::string::npos);
    StatsSheet sheet = stats_sheet(d.xlsx);
    StatsTable doc = stats_table(d.docx);
    for (const char* id : {"requests_received", "requests_online"}) {
      CHECK(sheet.value(id).value == "4948");
      CHECK(doc.value(id) == "4948");
    }
    CHECK(sheet.value("replies").value == "4947");
    CHECK(doc.value("replies") == "4947");
  }

  SECTION("received and answered, as the clerk records it: every 4947 becomes 4948") {
    add_one_request(inputs, true);
    Demo d = build_demo(inputs, "demo-plus-one-answered");
    CHECK(d.run.status == 0);
    std::string text = section_three(d);
    CHECK(text.find("共受理政府信息公开申请4948条，均为网上申请。") != std::string::npos);
    CHECK(text.find("受理依申请公开政府信息4948件，已依法答复4948件，答复率100%") != std::string::npos);
    for (const auto& s : document_sections(d.docx)) CHECK(s.find("4947") == std::string::npos);
    StatsSheet sheet = stats_sheet(d.xlsx);
    StatsTable doc = stats_table(d.docx);
    for (const char* id : {"requests_received", "requests_online", "requests_closed", "replies"}) {
      INFO(id);
      CHECK(sheet.value(id).value == "4948");
      CHECK(doc.value(id) == "4948");
    }
  }
}
