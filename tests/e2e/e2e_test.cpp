// End to end: runs the real nianbao binary on input folders and reads what it wrote back the
// way Word, WPS and Excel show it. Expected figures are summed here, independently, from the
// input files themselves.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "e2e_run.h"
#include "e2e_tables.h"
#include "format/format.h"
#include "ooxml_read.h"
#include "submission_figures.h"
#include "text/utf8.h"
#include "zip/zip_writer.h"

using namespace nianbao;
using namespace nianbao::test;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// The expected value of every cell: the sum of the accepted files' figures, computed cells
// summed from their parts.
std::vector<std::int64_t> expected_totals(const fs::path& inputs, const json& summary) {
  const Format& f = format_2021();
  std::vector<std::int64_t> v(f.cell_count(), 0);
  for (const auto& file : summary["files"]) {
    if (file["outcome"] != "accepted" || !file.contains("agency")) continue;
    std::string path = file["path"];
    fs::path p = inputs / fs::path(path).filename();
    if (!fs::exists(p)) p = path;
    add_figures(f, p, v);
  }
  compute_totals(f, v);
  return v;
}

const fs::path kBasic = fs::path(NIANBAO_TEST_DATA) / "e2e" / "basic";

}  // namespace

TEST_CASE("a county's folder becomes a workbook, a document, merged.xml and summary.json", "[e2e]") {
  fs::path dir = temp_dir("basic");
  Run r = build(kBasic, dir / "out");
  INFO(r.stderr_text);
  CHECK(r.status == 1);  // one roster agency has not submitted
  CHECK(r.summary["status"] == "partial");
  CHECK(r.summary["missing"].size() == 1);
  CHECK(r.summary["missing"][0]["code"] == "T101");
  std::map<std::string, std::string> outcomes;
  for (const auto& f : r.summary["files"]) outcomes[fs::path(f["path"].get<std::string>()).filename()] = f["outcome"];
  CHECK(outcomes == std::map<std::string, std::string>{
                        {"czj.xml", "accepted"}, {"fgw.xml", "accepted"}, {"notes.txt", "ignored"}, {"report.xml", "accepted"}});
  for (const auto& o : r.summary["outputs"]) CHECK(fs::exists(o.get<std::string>()));
  check_tables(r, format_2021(), expected_totals(kBasic, r.summary));

  Docx docx = read_docx(output_base(r) + ".docx");
  std::vector<std::string> headings;
  for (std::size_t i = 0; i < docx.paragraphs.size(); ++i)
    if (docx.styles[i] == "nbHeading1") headings.push_back(docx.paragraphs[i]);
  CHECK(headings == std::vector<std::string>{"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                                             "六、其他需要报告的事项"});
  auto has = [&](const std::string& text) {
    for (const auto& p : docx.paragraphs)
      if (p.find(text) != std::string::npos) return true;
    return false;
  };
  CHECK(has("全市共新收政府信息公开申请16件，上年结转1件，予以公开11件。"));
  CHECK(has("草稿：1个单位未报送、0个单位被退回"));
  CHECK(has("本年度共发出信息处理费收费通知1件，收费通知总金额200元，实际收取信息处理费200元。"));
  CHECK(docx.paragraphs.front().find("草稿") != std::string::npos);

  // merged.xml is itself a submission of the region.
  pugi::xml_document merged;
  REQUIRE(merged.load_file((dir / "out" / "merged.xml").c_str()));
  CHECK(std::string(merged.child("submission").child("agency").attribute("kind").value()) == "government");
  CHECK(std::string(merged.select_node("//table[@id='requests']/row[@id='new']").node().attribute("total").value()) == "16");
}

TEST_CASE("a rejected file is listed with its reasons and the rest is still built", "[e2e]") {
  fs::path dir = temp_dir("rejected");
  fs::path in = dir / "inputs";
  fs::copy(kBasic, in);
  std::ofstream(in / "zhen.xml") << R"(<?xml version="1.0" encoding="UTF-8"?>
<submission format="xxgk-2021" year="2025">
  <agency code="T101" name="测试镇人民政府" kind="township"/>
  <table id="requests">
    <row id="new" natural="5"/>
    <row id="granted" natural="3"/>
  </table>
</submission>
)";
  Run r = build(in, dir / "out");
  CHECK(r.status == 1);
  json rejected;
  for (const auto& f : r.summary["files"])
    if (f["outcome"] == "rejected") rejected = f;
  REQUIRE(!rejected.is_null());
  CHECK(rejected["agency"] == "T101");
  CHECK(rejected["errors"][0]["code"] == "E301");
  CHECK(rejected["errors"][0]["line"] == 5);
  CHECK(r.summary["missing"].empty());
  check_tables(r, format_2021(), expected_totals(in, r.summary));  // the rejected file counts for nothing
  CHECK(slurp(dir / "out" / "校验报告.txt").find("测试镇人民政府（T101）被退回") != std::string::npos);
}

TEST_CASE("a broken report file writes nothing and leaves the previous outputs as they were", "[e2e]") {
  fs::path dir = temp_dir("fatal");
  fs::path in = dir / "inputs";
  fs::copy(kBasic, in);
  Run good = build(in, dir / "out");
  REQUIRE(good.status == 1);
  std::map<std::string, std::string> before;
  for (const auto& e : fs::directory_iterator(dir / "out")) before[e.path().filename()] = slurp(e.path());
  std::ofstream(in / "report.xml") << "<report format=\"xxgk-2021\" year=\"2025\"><title>坏";
  Run bad = build(in, dir / "out");
  CHECK(bad.status == 2);
  CHECK(bad.stderr_text.find("E006") != std::string::npos);
  std::map<std::string, std::string> after;
  for (const auto& e : fs::directory_iterator(dir / "out")) after[e.path().filename()] = slurp(e.path());
  CHECK(after == before);
}

TEST_CASE("the same inputs give byte-identical outputs", "[e2e]") {
  fs::path dir = temp_dir("repro");
  Run a = build(kBasic, dir / "a");
  Run b = build(kBasic, dir / "b");
  for (const char* name : {"merged.xml"}) CHECK(slurp(dir / "a" / name) == slurp(dir / "b" / name));
  CHECK(slurp(output_base(a) + ".docx") == slurp(output_base(b) + ".docx"));
  CHECK(slurp(output_base(a) + ".xlsx") == slurp(output_base(b) + ".xlsx"));
}

TEST_CASE("validate checks and writes nothing but the summary to stdout", "[e2e]") {
  fs::path dir = temp_dir("validate");
  fs::path out = dir / "out.json";
  int status = run_command(std::string(NIANBAO_BIN) + " validate --inputs '" + kBasic.string() + "' >'" + out.string() +
                           "' 2>/dev/null");
  CHECK(status == 1);
  json summary = json::parse(slurp(out));
  CHECK(summary["status"] == "partial");
  CHECK(summary["outputs"].empty());
}

TEST_CASE("every command's help prints whole Chinese characters", "[e2e]") {
  fs::path dir = temp_dir("help");
  for (const char* cmd : {"build", "validate", "init", "template check", "template export"}) {
    fs::path out = dir / "help.txt";
    int status = run_command(std::string(NIANBAO_BIN) + " " + cmd + " --help >'" + out.string() + "' 2>&1");
    std::string text = slurp(out);
    INFO(cmd << "\n" << text);
    CHECK(status == 0);
    CHECK(text.find("选项") != std::string::npos);
    bool control = false;
    CHECK(find_invalid_utf8(text, control) == std::string_view::npos);
  }
}

TEST_CASE("a stray word on the command line stops the run before anything is written", "[e2e]") {
  fs::path dir = temp_dir("stray");
  fs::path err = dir / "err.txt";
  int status = run_command(std::string(NIANBAO_BIN) + " build --inputs '" + kBasic.string() + "' --output '" +
                           (dir / "out").string() + "' extra 2>'" + err.string() + "'");
  CHECK(status == 2);
  CHECK(slurp(err).find("多余的参数 extra") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("with --previous the workbook gains 同比 and the year-on-year chart, and the CSV has every agency", "[e2e]") {
  fs::path dir = temp_dir("previous");
  Run first = build(kBasic, dir / "first");
  REQUIRE(fs::exists(dir / "first" / "merged.xml"));
  Run r = build(kBasic, dir / "out", "--previous '" + (dir / "first" / "merged.xml").string() + "'");
  INFO(r.stderr_text);
  CHECK(r.status == 1);  // still one agency missing
  Xlsx xlsx = read_xlsx(output_base(r) + ".xlsx");
  std::vector<std::string> names;
  for (const auto& sheet : xlsx.sheets) names.push_back(sheet.name);
  CHECK(names == std::vector<std::string>{"二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                          "四、政府信息公开行政复议、行政诉讼情况", "六、信息处理费", "图表", "同比",
                                          "各单位数据", "报送情况", "校验结果"});
  // Same figures as last year: every 增减 is 0.
  const Sheet* yoy = xlsx.find("同比");
  REQUIRE(yoy);
  const Format& f = format_2021();
  const std::vector<std::int64_t> want = expected_totals(kBasic, r.summary);
  for (int c = 0; c < f.cell_count(); ++c) {
    INFO("cell " << f.cell_path(c));
    CHECK(std::stod(yoy->cells.at(cell_ref(1 + c, 3)).value) == Approx(to_double(want[c], f.cells[c].type)));
    CHECK(std::stod(yoy->cells.at(cell_ref(1 + c, 5)).value) == 0);
  }
  auto parts = read_zip(output_base(r) + ".xlsx");
  CHECK(parts.count("xl/charts/chart4.xml"));
  // The year mismatch of last year's file is among the findings.
  const Sheet* findings = xlsx.find("校验结果");
  REQUIRE(findings);
  bool w511 = false;
  for (const auto& [ref, cell] : findings->cells) w511 = w511 || cell.value == "W511";
  CHECK(w511);

  std::string csv = slurp(output_base(r) + "-各单位明细.csv");
  CHECK(csv.rfind("\xEF\xBB\xBF单位代码,单位名称,单位类型,", 0) == 0);
  std::size_t lines = 0;
  for (std::size_t i = 0; (i = csv.find("\r\n", i)) != std::string::npos; i += 2) ++lines;
  CHECK(lines == 1 + 2 + 1);  // header, two accepted agencies, 合计
}

TEST_CASE("LibreOffice opens the workbook and the document and shows the tables", "[e2e][office]") {
  if (run_command("command -v soffice >/dev/null && command -v pdftotext >/dev/null") != 0) {
    WARN("LibreOffice (soffice) 或 pdftotext 未安装，跳过：scripts/setup.sh --test 会安装它们");
    return;
  }
  fs::path dir = temp_dir("office");
  // The 2025 example has the three tables of the 2021 format (inputs/ is the 2018 demo).
  Run r = build(fs::path(NIANBAO_SOURCE_DIR) / "examples" / "fengcheng-2025", dir / "out");
  REQUIRE(r.status == 0);
  std::string base = output_base(r);
  for (const char* ext : {".docx", ".xlsx"}) {
    fs::path pdf_dir = dir / (std::string("pdf") + (ext + 1));
    fs::create_directories(pdf_dir);
    int status = run_command("soffice -env:UserInstallation=file://" + (dir / "profile").string() +
                             " --headless --convert-to pdf --outdir '" + pdf_dir.string() + "' '" + base + ext + "' >/dev/null 2>&1");
    REQUIRE(status == 0);
    fs::path pdf;
    for (const auto& e : fs::directory_iterator(pdf_dir)) pdf = e.path();
    REQUIRE(fs::exists(pdf));
    REQUIRE(run_command("pdftotext -layout '" + pdf.string() + "' '" + pdf.string() + ".txt'") == 0);
    std::string text = slurp(pdf.string() + ".txt");
    INFO(ext);
    CHECK(text.find("申请人情况") != std::string::npos);
    CHECK(text.find("本年新收政府信息公开申请数量") != std::string::npos);
    CHECK(text.find("第二十条第（一）项") != std::string::npos);
    CHECK(text.find("未经复议直接起诉") != std::string::npos);
  }
}
