// The acceptance run for agencies' own Word reports (issue 15): a folder of reports made by
// python-docx, not by nianbao's template, in the official layout with what clerks change, two of
// them re-saved by LibreOffice and one rewritten as WPS saves it, mixed with XML submissions and
// with .xlsx forms from `nianbao init` filled through their defined names; reports in last years'
// layout, with a total that does not add up, without tables; text that contradicts its table, a
// section copied from another agency, and a real report's consistent sentences. One `nianbao
// build --per-agency`, read back as the office reads it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "clerk_report.h"
#include "e2e_run.h"
#include "e2e_tables.h"
#include "format/format.h"
#include "ooxml_read.h"

using namespace nianbao;
using namespace nianbao::test;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

using Figures = std::vector<std::int64_t>;

struct Agency {
  std::string code, name;
};

const std::vector<Agency> kRoster = {
    {"D01", "丰城市发展和改革委员会"}, {"D02", "丰城市教育体育局"},   {"D03", "丰城市财政局"},
    {"D04", "丰城市公安局"},           {"D05", "丰城市民政局"},       {"D06", "丰城市司法局"},
    {"D07", "丰城市自然资源局"},       {"D08", "丰城市住房和城乡建设局"}, {"D09", "丰城市交通运输局"},
    {"D10", "丰城市水利局"},           {"D11", "丰城市商务局"},       {"D12", "丰城市文化广电新闻出版旅游局"},
    {"D13", "丰城市卫生健康委员会"},   {"D14", "丰城市应急管理局"},   {"D15", "丰城市市场监督管理局"},
};

const fs::path kFillForm = fs::path(NIANBAO_SOURCE_DIR) / "tests" / "support" / "fill_form.py";

// What this test needs besides the binary; "" when all is there.
std::string missing_tools() {
  if (run_command("/usr/bin/python3 -c 'import docx' 2>/dev/null") != 0) return "python3-docx";
  if (run_command("/usr/bin/python3 -c 'import openpyxl' 2>/dev/null") != 0) return "python3-openpyxl";
  return "";
}

// The real report's sentences, and a table that agrees with them: 3119 new, 34 carried in, 3050
// answered, 103 carried over.
const char* kRealSentence = "全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度答复）。";

Figures real_figures() {
  const Format& f = format_2021();
  Figures v = clerk_figures(f, 1);
  for (int t = f.find_table("requests"), c = 0; c < f.cell_count(); ++c)
    if (f.cells[c].table == t) v[c] = 0;
  auto set = [&](const char* path, std::int64_t x) { v[f.find_cell(path)] = x; };
  set("requests.new.natural", 3000), set("requests.carried_in.natural", 30), set("requests.granted.natural", 2000);
  set("requests.partial.natural", 500), set("requests.unavailable_not_held.natural", 430), set("requests.carried_out.natural", 100);
  set("requests.new.business", 119), set("requests.carried_in.business", 4), set("requests.granted.business", 100);
  set("requests.partial.business", 20), set("requests.carried_out.business", 3);
  f.compute(v);
  return v;
}

std::string report_xml() {
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report format=\"xxgk-2021\" year=\"2025\">\n"
                  "  <title>丰城市2025年政府信息公开工作年度报告</title>\n  <compiler>丰城市人民政府办公室</compiler>\n"
                  "  <region code=\"360981\">丰城市</region>\n  <contact name=\"王某\" phone=\"0795-6432100\"/>\n"
                  "  <published>2026-01-20</published>\n  <roster>\n";
  for (const auto& a : kRoster) x += "    <agency code=\"" + a.code + "\" name=\"" + a.name + "\" kind=\"department\"/>\n";
  x += "  </roster>\n  <section id=\"overview\"><p>全市新收申请{{requests.new.total}}件。</p></section>\n"
       "  <section id=\"problems\"><p>公开质量有待提高。</p></section>\n  <section id=\"other\"><p>无。</p></section>\n</report>\n";
  return x;
}

// A figure as a clerk types it in the cell.
std::string printed(const Figures& v, int cell) { return format_value(v[cell], format_2021().cells[cell].type); }

struct Narrative {
  std::string overview_active, overview_requests, problems, other;
};

Narrative narrative(unsigned seed) {
  return {clerk_text(seed * 4 + 1), clerk_text(seed * 4 + 2), clerk_text(seed * 4 + 3),
          "本年度未收取信息处理费。" + clerk_text(seed * 4 + 4, 2)};
}

// The whole report as spec lines: title, 一 with two sub-headed parts, the three tables, 五, 六.
std::string clerk_report(const Agency& a, const Narrative& n, const std::string& tables) {
  return "P\t" + a.name + "\nP\t2025年政府信息公开工作年度报告\nP\t一、总体情况\nP\t（一）主动公开情况\nP\t" + n.overview_active +
         "\nP\t（二）依申请公开情况\nP\t" + n.overview_requests + "\n" + tables + "P\t五、存在的主要问题及改进情况\nP\t" +
         n.problems + "\nP\t六、其他需要报告的事项\nP\t" + n.other + "\n";
}

std::string official_tables(const ClerkVariant& v, const std::function<std::string(int)>& text) {
  std::string out;
  for (const char* id : {"active", "requests", "appeals"})
    out += "P\t" + format_2021().tables[format_2021().find_table(id)].title + "\n" + clerk_table(format_2021(), id, v, text);
  return out;
}

std::string submission_xml(const Agency& a, const Figures& v, const std::string& sections) {
  const Format& f = format_2021();
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<submission format=\"xxgk-2021\" year=\"2025\">\n  <agency code=\"" +
                  a.code + "\" name=\"" + a.name + "\" kind=\"department\"/>\n";
  for (const auto& t : f.tables) {
    x += "  <table id=\"" + t.id + "\">\n";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      std::string cells;
      for (int c : t.rows[r].columns) {
        int cell = t.cell_index[r][c];
        if (!f.cells[cell].computed() && v[cell] != 0) cells += " " + t.columns[c].id + "=\"" + printed(v, cell) + "\"";
      }
      if (!cells.empty()) x += "    <row id=\"" + t.rows[r].id + "\"" + cells + "/>\n";
    }
    x += "  </table>\n";
  }
  return x + sections + "</submission>\n";
}

struct Folder {
  fs::path inputs;
  std::map<std::string, Figures> accepted;  // code → the figures it reported
  std::map<std::string, std::string> file;  // code → its file name in inputs/
  std::int64_t d04_new = 0;
  bool resaved = false;                     // D03 and D05 went through LibreOffice
};

// The form init handed out to `a`, filled through its defined names with `v` (the cells a clerk
// types: figures, not totals; zeros left blank) into `to`, as another program fills it.
void fill_form(const fs::path& handed_out, const Agency& a, const Figures& v, const fs::path& to) {
  const Format& f = format_2021();
  std::string cmd = "/usr/bin/python3 '" + kFillForm.string() + "' '" + (handed_out / (a.code + "-" + a.name + ".xlsx")).string() +
                    "' '" + to.string() + "'";
  for (int c = 0; c < f.cell_count(); ++c)
    if (!f.cells[c].computed() && v[c] != 0) cmd += " '" + f.cell_path(c) + "=" + printed(v, c) + "'";
  REQUIRE(run_command(cmd + " >/dev/null") == 0);
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// The shipped template with the agencies' highlights gathered by title after 一、总体情况, as the
// 2018 template gathers them under 二.
fs::path template_with_topics(const fs::path& root) {
  const fs::path dir = root / "template";
  fs::copy(fs::path(NIANBAO_TEMPLATES) / "xxgk-2021" / "docx", dir, fs::copy_options::recursive);
  std::string doc = slurp(dir / "word" / "document.xml");
  const std::string anchor = "<w:p><w:r><w:t xml:space=\"preserve\">{{section overview}}</w:t></w:r></w:p>";
  auto para = [](const std::string& text) { return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>"; };
  const std::size_t at = doc.find(anchor);
  REQUIRE(at != std::string::npos);
  doc.insert(at + anchor.size(), para("{{#each topics}}") + para("（{{cn(index)}}）{{title}}") + para("{{#each highlights}}") +
                                     para("{{body}}") + para("{{/each}}") + para("{{/each}}"));
  write(dir / "word" / "document.xml", doc);
  return dir;
}

// Re-saves the files in place with LibreOffice; false when it is not installed.
bool resave_with_libreoffice(const fs::path& dir, const std::vector<fs::path>& files) {
  if (std::system("command -v soffice >/dev/null") != 0) return false;
  std::string cmd = "soffice -env:UserInstallation=file://" + (dir / "profile").string() +
                    " --headless --convert-to 'docx:MS Word 2007 XML' --outdir '" + (dir / "saved").string() + "'";
  for (const auto& f : files) cmd += " '" + f.string() + "'";
  REQUIRE(std::system((cmd + " >/dev/null 2>&1").c_str()) == 0);
  for (const auto& f : files) {
    fs::path saved = dir / "saved" / f.filename();
    REQUIRE(fs::exists(saved));
    REQUIRE(slurp(saved) != slurp(f));
    fs::rename(saved, f);
  }
  return true;
}

Folder make_folder(const fs::path& root) {
  Folder folder;
  folder.inputs = root / "inputs";
  fs::create_directories(folder.inputs);
  write(folder.inputs / "report.xml", report_xml());
  auto docx = [&](const Agency& a, const std::string& name, const std::string& spec, bool wps = false) {
    REQUIRE(write_clerk_docx(spec, folder.inputs / name, wps));
    folder.file[a.code] = name;
  };
  auto figures_text = [](const Figures& v) { return [&v](int cell) { return printed(v, cell); }; };

  // D01: the real sentences with the table that agrees; ASCII brackets, 1、, thousands separators
  // (3,000), zeros left blank.
  Figures d01 = real_figures();
  Narrative n01 = narrative(1);
  n01.overview_requests = kRealSentence;
  auto clerk_typed = [&](int c) {
    if (d01[c] == 0) return std::string();
    std::string s = printed(d01, c);
    if (format_2021().cells[c].type == ValueType::kCount)
      for (int at = static_cast<int>(s.size()) - 3; at > 0; at -= 3) s.insert(static_cast<std::size_t>(at), ",");
    return s;
  };
  docx(kRoster[0], "年报终稿(1).docx", clerk_report(kRoster[0], n01, official_tables({true, "、"}, clerk_typed)));
  folder.accepted["D01"] = d01;

  // D02: 1．, line breaks in cells, the two-row header, a "/" for a zero.
  Figures d02 = clerk_figures(format_2021(), 2);
  const int slash = format_2021().find_cell("requests.denied_query.research");
  ClerkVariant v02{false, "．", true, true};
  docx(kRoster[1], "教育体育局2025年报.docx",
       clerk_report(kRoster[1], narrative(2), official_tables(v02, [&](int c) { return c == slash ? std::string("/") : printed(d02, c); })));
  folder.accepted["D02"] = d02;

  // D03: shortened labels, the requests table split in two; re-saved by LibreOffice below.
  Figures d03 = clerk_figures(format_2021(), 3);
  ClerkVariant v03;
  v03.shortened = v03.split_requests = true;
  docx(kRoster[2], "财政局年度报告.docx", clerk_report(kRoster[2], narrative(3), official_tables(v03, figures_text(d03))));
  folder.accepted["D03"] = d03;

  // D04: the text says it received five more requests than its table.
  Figures d04 = clerk_figures(format_2021(), 4);
  for (const char* col : {"natural", "business", "research", "nonprofit", "legal_service", "other_org"}) {
    d04[format_2021().find_cell(std::string("requests.new.") + col)] += d04[format_2021().find_cell(std::string("requests.carried_in.") + col)];
    d04[format_2021().find_cell(std::string("requests.carried_in.") + col)] = 0;
  }
  format_2021().compute(d04);
  folder.d04_new = d04[format_2021().find_cell("requests.new.total")];
  Narrative n04 = narrative(4);
  n04.overview_requests = "本年度收到政府信息公开申请" + std::to_string(folder.d04_new + 5) + "件，均在法定期限内答复。";
  docx(kRoster[3], "公安局.docx", clerk_report(kRoster[3], n04, official_tables({}, figures_text(d04))));
  folder.accepted["D04"] = d04;

  // D05 (Word, re-saved by LibreOffice) and D06 (XML) with the same section 五.
  Figures d05 = clerk_figures(format_2021(), 5), d06 = clerk_figures(format_2021(), 6), d07 = clerk_figures(format_2021(), 7);
  Narrative n05 = narrative(5);
  docx(kRoster[4], "民政局2025年政府信息公开工作年度报告.docx", clerk_report(kRoster[4], n05, official_tables({true}, figures_text(d05))));
  folder.accepted["D05"] = d05;
  write(folder.inputs / "D06.xml", submission_xml(kRoster[5], d06, "  <section id=\"problems\"><p>" + n05.problems +
                                                                        "</p></section>\n  <section id=\"other\"><p>" +
                                                                        narrative(6).other + "</p></section>\n"));
  folder.file["D06"] = "D06.xml";
  folder.accepted["D06"] = d06;
  write(folder.inputs / "D07.xml", submission_xml(kRoster[6], d07, ""));
  folder.file["D07"] = "D07.xml";
  folder.accepted["D07"] = d07;

  // D08: its 主动公开 table in the 2019 trial layout.
  Figures d08 = clerk_figures(format_2021(), 8);
  std::string trial = "P\t二、主动公开政府信息情况\n" +
                      spec_table({{0, 0, 1, 4, "第二十条第（一）项"}, {1, 0, 1, 1, "信息内容"}, {1, 1, 1, 1, "本年新制作数量"},
                                  {1, 2, 1, 1, "本年新公开数量"}, {1, 3, 1, 1, "对外公开总数量"}, {2, 0, 1, 1, "规章"},
                                  {2, 1, 1, 1, "0"}, {2, 2, 1, 1, "0"}, {2, 3, 1, 1, "0"}, {3, 0, 1, 1, "规范性文件"},
                                  {3, 1, 1, 1, "3"}, {3, 2, 1, 1, "3"}, {3, 3, 1, 1, "20"}},
                                 4, 4);
  for (const char* id : {"requests", "appeals"})
    trial += "P\t" + format_2021().tables[format_2021().find_table(id)].title + "\n" + clerk_table(format_2021(), id, {}, figures_text(d08));
  docx(kRoster[7], "住建局年报（2019版表格）.docx", clerk_report(kRoster[7], narrative(8), trial));

  // D09: its 行政复议 total is not the sum of its parts.
  Figures d09 = clerk_figures(format_2021(), 9);
  const int review_total = format_2021().find_cell("appeals.review.total");
  docx(kRoster[8], "交通运输局年报.docx", clerk_report(kRoster[8], narrative(9), official_tables({}, [&](int c) {
         return c == review_total ? std::to_string(d09[c] + 1) : printed(d09, c);
       })));
  // D10: the tables pasted as pictures: none in the document.
  docx(kRoster[9], "水利局年报.docx", clerk_report(kRoster[9], narrative(10), "P\t二、主动公开政府信息情况\nP\t（见下图）\n"));
  // D11: a Word report and an XML file.
  Figures d11 = clerk_figures(format_2021(), 11);
  docx(kRoster[10], "商务局年报.docx", clerk_report(kRoster[10], narrative(11), official_tables({}, figures_text(d11))));
  write(folder.inputs / "D11.xml", submission_xml(kRoster[10], d11, ""));

  // D12: rewritten as WPS saves it (clerk_docx.py: runs split per character, full-width digits,
  // explicit vMerge continue, tcW widths); its requests and appeals tables keep the official
  // three-row headers.
  Figures d12 = clerk_figures(format_2021(), 12);
  docx(kRoster[11], "文广新旅局2025年度政府信息公开工作年度报告（WPS）.docx",
       clerk_report(kRoster[11], narrative(12), official_tables({}, figures_text(d12))), true);
  folder.accepted["D12"] = d12;

  // D13 and D14: the .xlsx forms `nianbao init` handed out, filled by name by another program.
  const fs::path handed_out = root / "下发";
  REQUIRE(run_nianbao("init --inputs '" + folder.inputs.string() + "' --output '" + handed_out.string() + "'", root / "init") == 0);
  for (std::size_t i : {12u, 13u}) {
    const Agency& a = kRoster[i];
    const Figures v = clerk_figures(format_2021(), static_cast<unsigned>(i + 1));
    folder.file[a.code] = a.code + "-" + a.name + ".xlsx";
    fill_form(handed_out, a, v, folder.inputs / folder.file[a.code]);
    folder.accepted[a.code] = v;
  }
  // D15: one more XML file.
  Figures d15 = clerk_figures(format_2021(), 15);
  write(folder.inputs / "D15.xml", submission_xml(kRoster[14], d15, ""));
  folder.file["D15"] = "D15.xml";
  folder.accepted["D15"] = d15;

  // Not reports: a notice in Word, and Word's lock file of an open report.
  REQUIRE(write_clerk_docx("P\t关于报送2025年年报的通知\nP\t请各单位于1月31日前报送。\n", folder.inputs / "关于报送年报的通知.docx"));
  write(folder.inputs / "~$年报终稿(1).docx", "lock");

  folder.resaved = resave_with_libreoffice(root, {folder.inputs / folder.file.at("D03"), folder.inputs / folder.file.at("D05")});
  if (!folder.resaved) WARN("LibreOffice 未安装：D03、D05 未经 LibreOffice 另存（scripts/setup.sh --test 会安装它）");
  return folder;
}

const json* file_entry(const Run& r, const std::string& name) {
  for (const auto& f : r.summary["files"])
    if (fs::path(f["path"].get<std::string>()).filename() == name) return &f;
  return nullptr;
}

std::vector<json> warnings_of(const Run& r, const std::string& name, const std::string& code) {
  std::vector<json> out;
  for (const auto& w : r.summary["warnings"])
    if (w["code"] == code && fs::path(w["path"].get<std::string>()).filename() == name) out.push_back(w);
  return out;
}

// Every figure of merged.xml and of the document's three statutory tables equals `want`.
void check_government_tables(const Run& r, const Figures& want) {
  const Format& f = format_2021();
  pugi::xml_document merged;
  REQUIRE(merged.load_file((r.out / "merged.xml").c_str()));
  int checked = 0;
  for (auto t : merged.child("submission").children("table")) {
    const int ti = f.find_table(t.attribute("id").value());
    for (auto row : t.children("row"))
      for (auto a : row.attributes()) {
        if (std::string(a.name()) == "id") continue;
        const int cell = f.cell(ti, f.tables[ti].find_row(row.attribute("id").value()), f.tables[ti].find_column(a.name()));
        INFO(f.cell_path(cell));
        CHECK(a.value() == printed(want, cell));
        ++checked;
      }
  }
  CHECK(checked == f.cell_count());
  const Docx doc = read_docx((r.out / "丰城市2025年政府信息公开工作年度报告.docx").string());
  int table = 0;
  for (const char* id : {"active", "requests", "appeals"}) {
    REQUIRE(table < static_cast<int>(doc.tables.size()));
    const auto& grid = doc.tables[table++].grid;
    for (const auto& lc : f.tables[f.find_table(id)].layout.cells) {
      if (!lc.is_value) continue;
      INFO(f.cell_path(lc.cell));
      CHECK(grid[lc.row][lc.col] == printed(want, lc.cell));
    }
  }
}

}  // namespace

TEST_CASE("Word reports made by another tool, mixed with XML: the government's tables are the sum of the accepted reports, "
          "and the review names what each agency must check",
          "[e2e][report][python]") {
  if (const std::string missing = missing_tools(); !missing.empty()) {
    WARN(missing << " 未安装，跳过：scripts/setup.sh --test 会安装它");
    return;
  }
  // Made and run once: Catch runs the test case again for each section.
  static const fs::path root = temp_dir("word-reports");
  static const struct Cleanup {
    ~Cleanup() { fs::remove_all(root); }
  } cleanup;
  static const Folder folder = make_folder(root);
  static const Run r = build(folder.inputs, root / "out", "--per-agency --template '" + template_with_topics(root).string() + "'");
  INFO(r.stdout_text << r.stderr_text);
  REQUIRE(r.status == 1);  // three reports sent back, and D11's two files

  SECTION("each file is accepted, rejected or ignored, for its reason") {
    for (const auto& [code, figures] : folder.accepted) {
      const std::string& name = folder.file.at(code);
      const json* f = file_entry(r, name);
      REQUIRE(f);
      INFO(name << ": " << f->dump());
      CHECK((*f)["outcome"] == "accepted");
      CHECK((*f)["agency"] == code);
    }
    auto rejected = [&](const std::string& name, const std::string& code, const std::string& says) {
      const json* f = file_entry(r, name);
      REQUIRE(f);
      INFO(f->dump());
      CHECK((*f)["outcome"] == "rejected");
      REQUIRE((*f)["errors"].size() >= 1);
      CHECK((*f)["errors"][0]["code"] == code);
      CHECK((*f)["errors"][0]["message"].get<std::string>().find(says) != std::string::npos);
    };
    rejected("住建局年报（2019版表格）.docx", "E809", "报告的统计表用的是2019 年试行的年度报告格式（国办公开办函〔2019〕60号）");
    rejected("交通运输局年报.docx", "E206", "填报的合计数与各项之和不符");
    rejected("水利局年报.docx", "E807", "未找到统计表；表格是否以图片粘贴？");
    rejected("商务局年报.docx", "E402", "同一单位报送了多份文件");
    rejected("D11.xml", "E402", "同一单位报送了多份文件");
    CHECK((*file_entry(r, "住建局年报（2019版表格）.docx"))["agency"] == "D08");
    CHECK((*file_entry(r, "水利局年报.docx"))["agency"] == "D10");
    const json* e206 = &(*file_entry(r, "交通运输局年报.docx"))["errors"][0];
    CHECK((*e206)["place"] == "四、政府信息公开行政复议、行政诉讼情况 / 行政复议 / 总计");
    CHECK((*file_entry(r, "关于报送年报的通知.docx"))["outcome"] == "ignored");
    CHECK(warnings_of(r, "关于报送年报的通知.docx", "W828").size() == 1);
    CHECK((*file_entry(r, "~$年报终稿(1).docx"))["reason"] == "Office 临时锁定文件");
    CHECK(r.summary["counts"]["accepted"] == 11);
  }

  SECTION("the WPS-saved report is what WPS writes, and keeps the official three-row headers") {
    const Docx wps = read_docx((folder.inputs / folder.file.at("D12")).string());
    const std::string& xml = wps.parts.at("word/document.xml");
    CHECK(xml.find("<w:vMerge w:val=\"continue\"/>") != std::string::npos);
    CHECK(std::regex_search(xml, std::regex("<w:t>(０|１|２|３|４|５|６|７|８|９)</w:t>")));  // a full-width digit, a run of its own
    CHECK(wps.parts.at("docProps/app.xml").find("<Application>WPS Office") != std::string::npos);
    REQUIRE(wps.tables.size() == 3);
    const auto& requests = wps.tables[1].grid;  // 申请人情况 / 自然人 法人或其他组织 总计 / 商业企业 …
    CHECK(requests.at(0).at(3) == "申请人情况");
    CHECK(requests.at(1).at(3) == "自然人");
    CHECK(requests.at(1).at(4) == "法人或其他组织");
    CHECK(requests.at(2).at(4) == "商业企业");
    CHECK(requests.at(3).at(0).rfind("一、", 0) == 0);
    const auto& appeals = wps.tables[2].grid;  // 行政复议 行政诉讼 / 未经复议… 复议后… / 结果维持 …
    CHECK(appeals.at(0).at(0) == "行政复议");
    CHECK(appeals.at(1).at(5) == "未经复议直接起诉");
    CHECK(appeals.at(2).at(5) == "结果维持");
    CHECK(r.summary["counts"]["rejected"] == 4);
  }

  SECTION("every figure of the government's tables is the sum over the accepted reports and XML files") {
    Figures want(static_cast<std::size_t>(format_2021().cell_count()), 0);
    for (const auto& [code, v] : folder.accepted)
      for (int c = 0; c < format_2021().cell_count(); ++c)
        if (!format_2021().cells[c].computed()) want[c] += v[c];
    format_2021().compute(want);
    check_government_tables(r, want);
    // The agencies' highlights come from 一、总体情况 of their Word reports, gathered by sub-heading.
    const Docx doc = read_docx((r.out / "丰城市2025年政府信息公开工作年度报告.docx").string());
    auto at = [&](const std::string& p) { return std::find(doc.paragraphs.begin(), doc.paragraphs.end(), p) - doc.paragraphs.begin(); };
    const auto first = at("（一）主动公开情况"), second = at("（二）依申请公开情况");
    REQUIRE(first < second);
    REQUIRE(second < static_cast<long>(doc.paragraphs.size()));
    CHECK(second - first == 7);  // the six Word reports' parts
    CHECK(at(narrative(2).overview_active) == first + 2);
    CHECK(at(kRealSentence) == second + 1);
  }

  SECTION("the review: text against the table, a copied section, and nothing on a real report's consistent sentences") {
    auto w901 = warnings_of(r, folder.file.at("D04"), "W901");
    REQUIRE(w901.size() == 1);
    const std::string said = std::to_string(folder.d04_new + 5), table = std::to_string(folder.d04_new);
    CHECK(w901[0]["message"].get<std::string>().find("正文为 " + said + " 件，表中一、本年新收政府信息公开申请数量（总计）为 " + table + " 件") !=
          std::string::npos);
    auto w902 = warnings_of(r, folder.file.at("D05"), "W902");
    REQUIRE(w902.size() == 1);
    CHECK(w902[0]["message"].get<std::string>().find("“五、存在的主要问题及改进情况”与 " + folder.inputs.string() +
                                                     "/D06.xml（丰城市司法局）的“五、存在的主要问题及改进情况”有 100% 相同") != std::string::npos);
    auto back = warnings_of(r, "D06.xml", "W902");
    REQUIRE(back.size() == 1);
    CHECK(back[0]["message"].get<std::string>().find(folder.file.at("D05") + "（丰城市民政局）") != std::string::npos);
    for (const auto& w : r.summary["warnings"]) {
      INFO(w.dump());
      CHECK(fs::path(w["path"].get<std::string>()).filename() != folder.file.at("D01"));  // the real sentences: nothing
      if (w["code"].get<std::string>().rfind("W90", 0) == 0)
        CHECK((w["code"] == "W901" || w["code"] == "W902"));  // no other review finding on these reports
    }
    // The report the office sends back, and the terminal, group the review under the agency.
    const std::string text = slurp(r.out / "校验报告.txt");
    CHECK(text.find("  丰城市公安局（" + folder.inputs.string() + "/" + folder.file.at("D04") + "）\n    审核意见（请核对；确有问题的，改正后重新报送）：\n    - [W901] 第") !=
          std::string::npos);
    CHECK(r.stdout_text.find("审核意见：丰城市公安局（" + folder.inputs.string() + "/" + folder.file.at("D04") + "）") != std::string::npos);
    const Xlsx book = read_xlsx((r.out / "丰城市2025年政府信息公开工作年度报告.xlsx").string());
    const Sheet* sheet = book.find("校验结果");
    REQUIRE(sheet);
    bool review_row = false;
    for (const auto& [ref, cell] : sheet->cells)
      if (cell.value == "W901") review_row = sheet->cells.at("C" + ref.substr(1)).value == "审核";
    CHECK(review_row);
    // The sheet lists each agency's findings together, one block per agency (column A, from row 3).
    std::vector<std::string> units;
    for (int row = 3; sheet->cells.count("A" + std::to_string(row)); ++row) {
      const std::string& unit = sheet->cells.at("A" + std::to_string(row)).value;
      if (units.empty() || units.back() != unit) units.push_back(unit);
    }
    CHECK(units.size() >= 5);
    for (std::size_t i = 0; i < units.size(); ++i) {
      INFO(units[i]);
      CHECK(std::count(units.begin(), units.end(), units[i]) == 1);
    }
    CHECK(std::find(units.begin(), units.end(), "丰城市公安局（D04）") != units.end());
    // And so does 校验报告.txt: each agency's heading once.
    for (const auto& a : kRoster) {
      const std::string heading = "\n  " + a.name + "（";
      INFO(a.name);
      std::size_t n = 0;
      for (std::size_t at = text.find(heading); at != std::string::npos; at = text.find(heading, at + 1)) ++n;
      CHECK(n <= 1);
    }
  }

  SECTION("--per-agency writes the review to send back to each agency with a file") {
    for (const auto& a : kRoster) {
      const fs::path letter = r.out / "agencies" / (a.code + "-" + a.name + "-审核意见.docx");
      INFO(letter);
      REQUIRE(fs::exists(letter));
      const Docx doc = read_docx(letter.string());
      CHECK(doc.paragraphs.at(0) == "关于" + a.name + "2025年政府信息公开工作年度报告的审核意见");
      CHECK(doc.styles.at(0) == "nbTitle");
      CHECK(doc.paragraphs.at(1) == a.name + "：");
      CHECK(doc.paragraphs.back() == "2026年1月20日");
      CHECK(doc.paragraphs.at(doc.paragraphs.size() - 2) == "丰城市人民政府办公室");
      // The letter speaks of the agency's files by their names, never of the office's folders.
      std::vector<std::string> texts = doc.paragraphs;
      for (const auto& t : doc.tables)
        for (const auto& row : t.grid) texts.insert(texts.end(), row.begin(), row.end());
      for (const auto& text : texts) {
        INFO(text);
        CHECK(text.find(root.string()) == std::string::npos);
        CHECK(text.find("inputs/") == std::string::npos);
        CHECK_FALSE(std::regex_search(text, std::regex("[^ /]/[^ /]+\\.(xml|docx|xlsx)")));
      }
    }
    // D05's copied section names D06 by its file name alone.
    const Docx d05 = read_docx((r.out / "agencies" / "D05-丰城市民政局-审核意见.docx").string());
    REQUIRE(d05.tables.size() == 1);
    bool copied = false;
    for (const auto& row : d05.tables[0].grid)
      copied = copied || (row[0].find("W902") != std::string::npos && row[2].find("与 D06.xml（丰城市司法局）") != std::string::npos);
    CHECK(copied);
    // Each letter is one A4 page as LibreOffice lays it out.
    if (run_command("command -v soffice >/dev/null && command -v pdfinfo >/dev/null") != 0) {
      WARN("LibreOffice (soffice) 或 pdfinfo 未安装：审核意见未核对页数（scripts/setup.sh --test 会安装它们）");
    } else {
      const fs::path pdf = root / "letters-pdf";
      REQUIRE(run_command("cd '" + (r.out / "agencies").string() + "' && soffice -env:UserInstallation=file://" + (root / "profile").string() +
                          " --headless --convert-to pdf --outdir '" + pdf.string() + "' *-审核意见.docx >/dev/null 2>&1") == 0);
      for (const auto& a : kRoster) {
        const fs::path letter = pdf / (a.code + "-" + a.name + "-审核意见.pdf");
        INFO(letter);
        REQUIRE(fs::exists(letter));
        REQUIRE(run_command("pdfinfo '" + letter.string() + "' > '" + letter.string() + ".info'") == 0);
        const std::string info = slurp(letter.string() + ".info");
        CHECK(std::regex_search(info, std::regex("Pages: +1\n")));
        CHECK(std::regex_search(info, std::regex("Page size: +595\\.[0-9]+ x 841\\.[0-9]+ pts \\(A4\\)")));
      }
    }
    const Docx d04 = read_docx((r.out / "agencies" / "D04-丰城市公安局-审核意见.docx").string());
    CHECK(d04.paragraphs.at(2).find("经审核，报告已采用，但有 ") != std::string::npos);
    REQUIRE(d04.tables.size() == 1);
    bool found = false;
    for (const auto& row : d04.tables[0].grid)
      if (row[0].find("W901") != std::string::npos) {
        found = true;
        CHECK(row[1].find("第") == 0);  // the paragraph of the sentence
        CHECK(row[2].find("正文为 " + std::to_string(folder.d04_new + 5) + " 件") != std::string::npos);
        CHECK(row[3].find("应为：" + std::to_string(folder.d04_new) + " 件") == 0);
      }
    CHECK(found);
    const Docx d09 = read_docx((r.out / "agencies" / "D09-丰城市交通运输局-审核意见.docx").string());
    CHECK(d09.paragraphs.at(2).find("未予采用，已退回") != std::string::npos);
    REQUIRE(d09.tables.size() == 1);
    CHECK(d09.tables[0].grid.at(1).at(0).find("E206") != std::string::npos);
    CHECK(d09.tables[0].grid.at(1).at(1).find("表3 第4行第5列") == 0);
  }
}
