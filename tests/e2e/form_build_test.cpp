// Forms coming back: `nianbao build` on an inputs folder where agencies sent the .xlsx form that
// `init` handed out, filled by another program (openpyxl through the defined names), some
// re-saved by LibreOffice, mixed with XML submissions; what the office sees of a wrong form, of
// a spreadsheet in another format and of a workbook that is no form; and the year started from a
// roster spreadsheet with `nianbao new`, with no XML written by hand anywhere.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "e2e_run.h"
#include "e2e_tables.h"
#include "submission_figures.h"
#include "format/format.h"
#include "input/readers.h"
#include "input/xml_file.h"
#include "ooxml_read.h"

using namespace nianbao;
using namespace nianbao::test;
namespace fs = std::filesystem;

namespace {

const char* const kRequests = "三、收到和处理政府信息公开申请情况";
const fs::path kFill = fs::path(NIANBAO_SOURCE_DIR) / "tests" / "support" / "fill_form.py";

const Format& fmt2021() {
  static Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  return f;
}

bool have_openpyxl() {
  if (run_command("/usr/bin/python3 -c 'import openpyxl' 2>/dev/null") == 0) return true;
  WARN("python3-openpyxl 未安装，跳过：scripts/setup.sh --test 会安装它");
  return false;
}

bool have_soffice() {
  if (run_command("command -v soffice >/dev/null") == 0) return true;
  WARN("LibreOffice (soffice) 未安装，跳过：scripts/setup.sh --test 会安装它");
  return false;
}

std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// Fills the form `from` into `to` by defined names (tests/support/fill_form.py: "t:" = text).
void fill(const fs::path& from, const fs::path& to, const std::vector<std::pair<std::string, std::string>>& cells) {
  std::string cmd = "/usr/bin/python3 " + quoted(kFill.string()) + " " + quoted(from.string()) + " " + quoted(to.string());
  for (const auto& [name, value] : cells) cmd += " " + quoted(name + "=" + value);
  REQUIRE(run_command(cmd + " >/dev/null") == 0);
}

/// Opens and saves `forms` (file names in `dir`) in LibreOffice, which recalculates them; the
/// re-saved files replace the originals.
void resave_in_libreoffice(const fs::path& dir, const std::vector<std::string>& forms) {
  const fs::path out = dir / ".resaved";
  fs::create_directories(out);
  std::string cmd = "cd " + quoted(dir.string()) + " && soffice -env:UserInstallation=file://" + (dir / ".profile").string() +
                    " --headless --convert-to xlsx --outdir " + quoted(out.string());
  for (const auto& f : forms) cmd += " " + quoted(f);
  REQUIRE(run_command(cmd + " >/dev/null 2>&1") == 0);
  for (const auto& f : forms) fs::rename(out / f, dir / f);
  fs::remove_all(out);
  fs::remove_all(dir / ".profile");
}

/// inputs/report.xml of format xxgk-2021 for 2025 with `agencies` (code, name) on the roster.

/// init's forms for the report in `in`, written to `dir`/下发.
fs::path hand_out(const fs::path& in, const fs::path& dir) {
  const fs::path out = dir / "下发";
  REQUIRE(run_nianbao("init --inputs " + quoted(in.string()) + " --output " + quoted(out.string()), dir / "init") == 0);
  return out;
}

/// Every figure cell's sum over `entered` (cell name -> value as entered, per agency).
std::vector<std::int64_t> sums(const Format& f, const std::vector<std::map<std::string, std::string>>& entered) {
  std::vector<std::int64_t> v(f.cell_count(), 0);
  for (const auto& agency : entered)
    for (const auto& [name, text] : agency) {
      const int cell = f.find_cell(name);
      REQUIRE(cell >= 0);
      std::int64_t raw = 0;
      REQUIRE(parse_value(text, f.cells[cell].type, raw) == ParseStatus::kOk);
      v[cell] += raw;
    }
  compute_totals(f, v);
  return v;
}

const nlohmann::json* file_entry(const Run& r, const std::string& name) {
  for (const auto& f : r.summary["files"])
    if (fs::path(f["path"].get<std::string>()).filename() == name) return &f;
  return nullptr;
}

std::string report_text(const Run& r) { return slurp(fs::path(output_base(r)).parent_path() / "校验报告.txt"); }

}  // namespace

TEST_CASE("forms filled by another program, some re-saved by LibreOffice, numbers typed as text, blanks, mixed with XML: "
          "build accepts them all and every table figure is the sum entered",
          "[e2e][form][office]") {
  if (!have_openpyxl() || !have_soffice()) return;
  fs::path dir = temp_dir("form-build");
  fs::path in = report_with(dir, {{"T001", "甲局"}, {"T002", "乙局"}, {"T003", "丙局"}, {"T004", "丁局"}, {"T005", "戊局"}});
  const fs::path forms = hand_out(in, dir);
  // What each agency entered; a cell not listed is left blank (0).
  std::vector<std::map<std::string, std::string>> entered = {
      // 甲局: numbers, as Excel stores them.
      {{"requests.new.natural", "5"}, {"requests.granted.natural", "4"}, {"requests.carried_out.natural", "1"},
       {"active.fees.amount", "1.25"}, {"active.licensing.decisions", "30"}},
      // 乙局: numbers typed as text, with spaces and in full-width digits.
      {{"requests.new.business", "12"}, {"requests.granted.business", "12"}, {"active.penalty.decisions", "7"}},
      // 丙局: filled, then opened and saved in LibreOffice (which calculates the totals).
      {{"requests.new.natural", "3"}, {"requests.carried_in.natural", "1"}, {"requests.partial.natural", "4"},
       {"appeals.review.upheld", "1"}},
  };
  fill(forms / "T001-甲局.xlsx", in / "T001-甲局.xlsx",
       {{"requests.new.natural", "5"}, {"requests.granted.natural", "4"}, {"requests.carried_out.natural", "1"},
        {"active.fees.amount", "1.25"}, {"active.licensing.decisions", "30"}});
  fill(forms / "T002-乙局.xlsx", in / "T002-乙局.xlsx",
       {{"requests.new.business", "t:１２"}, {"requests.granted.business", "t: 12 "}, {"active.penalty.decisions", "t:7"}});
  fill(forms / "T003-丙局.xlsx", in / "T003-丙局.xlsx",
       {{"requests.new.natural", "3"}, {"requests.carried_in.natural", "1"}, {"requests.partial.natural", "4"},
        {"appeals.review.upheld", "1"}});
  resave_in_libreoffice(in, {"T003-丙局.xlsx"});
  // 丁局 and 戊局 send XML.
  std::ofstream(in / "T004.xml") << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<submission format=\"xxgk-2021\" year=\"2025\">\n"
                                    "  <agency code=\"T004\" name=\"丁局\" kind=\"department\"/>\n"
                                    "  <table id=\"active\"><row id=\"fees\" amount=\"0.5\"/><row id=\"licensing\" decisions=\"2\"/></table>\n"
                                    "  <table id=\"requests\"><row id=\"new\" natural=\"2\"/><row id=\"granted\" natural=\"2\"/></table>\n"
                                    "</submission>\n";
  entered.push_back({{"active.fees.amount", "0.5"}, {"active.licensing.decisions", "2"}, {"requests.new.natural", "2"},
                     {"requests.granted.natural", "2"}});
  std::ofstream(in / "T005.xml") << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<submission format=\"xxgk-2021\" year=\"2025\">\n"
                                    "  <agency code=\"T005\" name=\"戊局\" kind=\"department\"/>\n"
                                    "  <table id=\"requests\"><row id=\"new\" business=\"1\"/><row id=\"carried_out\" business=\"1\"/></table>\n"
                                    "  <table id=\"appeals\"><row id=\"review\" corrected=\"2\"/></table>\n"
                                    "</submission>\n";
  entered.push_back({{"requests.new.business", "1"}, {"requests.carried_out.business", "1"}, {"appeals.review.corrected", "2"}});

  Run r = build(in, dir / "output");
  INFO(r.stdout_text << r.stderr_text);
  REQUIRE(r.status == 0);
  CHECK(r.summary["counts"]["accepted"] == 5);
  CHECK(r.summary["counts"]["rejected"] == 0);
  CHECK(r.summary["missing"].empty());
  for (const char* name : {"T001-甲局.xlsx", "T002-乙局.xlsx", "T003-丙局.xlsx", "T004.xml", "T005.xml"}) {
    INFO(name);
    const auto* f = file_entry(r, name);
    REQUIRE(f);
    CHECK((*f)["outcome"] == "accepted");
  }
  check_tables(r, fmt2021(), sums(fmt2021(), entered));
}

TEST_CASE("a form with 十二 in a count cell and one whose requests do not balance are rejected, each naming its sheet and "
          "cell in summary.json, 校验报告 and on the terminal",
          "[e2e][form]") {
  if (!have_openpyxl()) return;
  fs::path dir = temp_dir("form-wrong");
  fs::path in = report_with(dir, {{"T001", "甲局"}, {"T002", "乙局"}, {"T003", "丙局"}});
  const fs::path forms = hand_out(in, dir);
  fill(forms / "T001-甲局.xlsx", in / "T001-甲局.xlsx", {{"requests.new.natural", "t:十二"}, {"requests.granted.natural", "12"}});
  // 5 new, 3 granted: 2 requests unaccounted for in the 自然人 column.
  fill(forms / "T002-乙局.xlsx", in / "T002-乙局.xlsx", {{"requests.new.natural", "5"}, {"requests.granted.natural", "3"}});
  fill(forms / "T003-丙局.xlsx", in / "T003-丙局.xlsx", {{"requests.new.natural", "1"}, {"requests.granted.natural", "1"}});

  Run r = build(in, dir / "output");
  INFO(r.stdout_text << r.stderr_text);
  REQUIRE(r.status == 1);
  CHECK(r.summary["counts"]["accepted"] == 1);
  CHECK(r.summary["counts"]["rejected"] == 2);

  struct Expect {
    const char* file;
    const char* code;
    const char* cell;
  };
  const std::string report = report_text(r);
  for (const Expect& e : {Expect{"T001-甲局.xlsx", "E725", "D6"}, Expect{"T002-乙局.xlsx", "E301", "D6"}}) {
    INFO(e.file);
    const auto* f = file_entry(r, e.file);
    REQUIRE(f);
    CHECK((*f)["outcome"] == "rejected");
    // The finding names the cell; every finding of a form names one (a rule broken in the 总计
    // column too, whose cells are formulas, names the first cell filled in that adds up to it).
    bool found = false;
    for (const auto& d : (*f)["errors"]) {
      INFO(d.dump());
      CHECK(d.value("sheet", "") == kRequests);
      CHECK(!d.value("cell", "").empty());
      if (d["code"] == e.code && d.value("cell", "") == e.cell) found = true;
    }
    CHECK(found);
    const std::string where = std::string(kRequests) + "!" + e.cell;
    CHECK(report.find("[" + std::string(e.code) + "] " + where + "：") != std::string::npos);
    CHECK(report.find("请在填报表中改正这些单元格：" + std::string(kRequests) + " " + e.cell) != std::string::npos);
    CHECK(r.stdout_text.find(std::string(e.file) + " " + where + ": 错误 " + e.code) != std::string::npos);
  }
  // 十二 is shown as found, with the official labels of the cell.
  CHECK(report.find("实际：\"十二\"") != std::string::npos);
  CHECK(report.find("一、本年新收政府信息公开申请数量 / 自然人") != std::string::npos);
}

TEST_CASE("an .xls, .et, .ods or .xlsm in inputs is rejected with the advice to save it as an .xlsx workbook",
          "[e2e][form]") {
  fs::path dir = temp_dir("form-xls");
  fs::path in = report_with(dir, {{"T001", "甲局"}, {"T002", "乙局"}});
  for (const char* name : {"T001-甲局.xls", "T002.et", "其他.ods", "宏.xlsm"}) std::ofstream(in / name) << "not read";
  Run r = build(in, dir / "output");
  INFO(r.stdout_text << r.stderr_text);
  REQUIRE(r.status == 1);
  // Two of them name roster agencies (被退回), two cannot be told apart from any agency.
  CHECK(r.summary["counts"]["rejected"] == 2);
  CHECK(r.summary["counts"]["rejected_files_without_agency"] == 2);
  const std::string report = report_text(r);
  for (const char* name : {"T001-甲局.xls", "T002.et", "其他.ods", "宏.xlsm"}) {
    INFO(name);
    const auto* f = file_entry(r, name);
    REQUIRE(f);
    CHECK((*f)["outcome"] == "rejected");
    REQUIRE((*f)["errors"].size() == 1);
    CHECK((*f)["errors"][0]["code"] == "E735");
    CHECK((*f)["errors"][0]["message"].get<std::string>().find("另存为 Excel 工作簿（.xlsx）") != std::string::npos);
  }
  CHECK(r.stdout_text.find("另存为 Excel 工作簿（.xlsx）") != std::string::npos);
  CHECK(report.find("另存为 Excel 工作簿（.xlsx）") != std::string::npos);
  // The agencies the file names say they are from are 被退回, not 未报送.
  CHECK(r.summary["missing"].empty());
}

TEST_CASE("an .xlsx that is no nianbao form is ignored with warning W720, and the run goes on", "[e2e][form]") {
  if (!have_openpyxl()) return;
  fs::path dir = temp_dir("form-other-xlsx");
  fs::path in = report_with(dir, {{"T001", "甲局"}});
  std::ofstream(in / "T001.xml") << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<submission format=\"xxgk-2021\" year=\"2025\">\n"
                                    "  <agency code=\"T001\" name=\"甲局\" kind=\"department\"/>\n</submission>\n";
  REQUIRE(run_command("/usr/bin/python3 -c \"import openpyxl; wb = openpyxl.Workbook(); wb.active['A1'] = '通讯录'; "
                      "wb.save('" + (in / "通讯录.xlsx").string() + "')\"") == 0);
  Run r = build(in, dir / "output");
  INFO(r.stdout_text << r.stderr_text);
  REQUIRE(r.status == 0);
  const auto* f = file_entry(r, "通讯录.xlsx");
  REQUIRE(f);
  CHECK((*f)["outcome"] == "ignored");
  int w720 = 0;
  for (const auto& w : r.summary["warnings"])
    if (w["code"] == "W720") {
      ++w720;
      CHECK(fs::path(w["path"].get<std::string>()).filename() == "通讯录.xlsx");
    }
  CHECK(w720 == 1);
  CHECK(r.stdout_text.find("另有 1 个文件已忽略") != std::string::npos);
  CHECK(report_text(r).find("W720") != std::string::npos);
  CHECK(r.summary["counts"]["accepted"] == 1);
}

TEST_CASE("丰城市 2018: one agency's XML replaced by its form filled with the same figures gives the same report",
          "[e2e][form][demo]") {
  if (!have_openpyxl()) return;
  fs::path dir = temp_dir("form-2018");
  const fs::path shipped = fs::path(NIANBAO_SOURCE_DIR) / "inputs";
  copy_tree(shipped, dir / "xml");
  copy_tree(shipped, dir / "mixed");
  const fs::path forms = dir / "下发";
  REQUIRE(run_nianbao("init --inputs " + quoted((dir / "xml").string()) + " --output " + quoted(forms.string()), dir / "init") == 0);
  std::size_t count = 0;
  fs::path form;
  for (const auto& e : fs::directory_iterator(forms)) {
    ++count;
    if (e.path().filename().string().rfind("FC001-", 0) == 0) form = e.path();
  }
  CHECK(count == 76);
  REQUIRE(!form.empty());

  // FC001's figures and contact, as its XML gives them, typed into its form.
  const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2018");
  const fs::path xml_path = dir / "mixed" / "submissions" / "FC001.xml";
  Diagnostics diags;
  auto xml = load_xml_file(xml_path.string(), "FC001.xml", diags);
  REQUIRE(xml);
  Submission sub = read_submission(*xml, f, diags);
  REQUIRE(diags.error_count() == 0);
  REQUIRE(sub.sections.empty());
  std::vector<std::pair<std::string, std::string>> cells = {{"contact.name", "t:" + sub.contact.name},
                                                             {"contact.phone", "t:" + sub.contact.phone}};
  for (int c = 0; c < f.cell_count(); ++c)
    if (!f.cells[c].computed() && sub.values[c] != 0) cells.emplace_back(f.cell_path(c), format_value(sub.values[c], f.cells[c].type));
  REQUIRE(cells.size() > 10);
  fs::remove(xml_path);
  fill(form, dir / "mixed" / "submissions" / form.filename(), cells);

  Run a = build(dir / "xml", dir / "out-xml");
  Run b = build(dir / "mixed", dir / "out-mixed");
  INFO(b.stdout_text << b.stderr_text);
  REQUIRE(a.status == 0);
  REQUIRE(b.status == 0);
  CHECK(b.summary["counts"]["accepted"] == 76);
  const auto* entry = file_entry(b, form.filename().string());
  REQUIRE(entry);
  CHECK((*entry)["outcome"] == "accepted");
  // The report and the merged figures are the same files, byte for byte.
  const auto xa = visible_outputs(dir / "out-xml");
  const auto xb = visible_outputs(dir / "out-mixed");
  for (const auto& [name, bytes] : xa) {
    if (name.size() < 5 || (name.substr(name.size() - 5) != ".docx" && name != "merged.xml")) continue;
    INFO(name);
    REQUIRE(xb.count(name));
    CHECK(xb.at(name) == bytes);
  }
}

TEST_CASE("nianbao new from a roster spreadsheet, then init, fill and build: a complete report with no XML written by hand",
          "[e2e][new][form]") {
  if (!have_openpyxl()) return;
  fs::path dir = temp_dir("form-new");
  // The office's roster as it keeps it: a title row, then the header, one agency a row.
  REQUIRE(run_command("/usr/bin/python3 -c \"import openpyxl; wb = openpyxl.Workbook(); ws = wb.active; ws.title = '名单'; "
                      "ws.append(['丰城市2025年应报送单位名单']); ws.append(['单位代码', '单位名称', '类型']); "
                      "ws.append(['FC001', '丰城市发展和改革委员会', '部门']); ws.append(['FC002', '剑光街道', '街道']); "
                      "ws.append(['FC003', '丰城市教育体育局', '部门']); wb.save('" + (dir / "名单.xlsx").string() + "')\"") == 0);
  const fs::path in = dir / "inputs";
  REQUIRE(run_nianbao("new --format xxgk-2021 --year 2025 --region 360981:丰城市 --roster " + quoted((dir / "名单.xlsx").string()) +
                          " --output " + quoted(in.string()),
                      dir / "new") == 0);
  REQUIRE(fs::exists(in / "report.xml"));
  const fs::path forms = hand_out(in, dir);
  std::vector<std::map<std::string, std::string>> entered = {
      {{"requests.new.natural", "4"}, {"requests.granted.natural", "4"}, {"active.normative.issued", "2"}},
      {{"requests.new.natural", "1"}, {"requests.carried_out.natural", "1"}},
      {{"requests.new.research", "2"}, {"requests.granted.research", "2"}, {"active.fees.amount", "0.3"}},
  };
  const char* names[] = {"FC001-丰城市发展和改革委员会.xlsx", "FC002-剑光街道.xlsx", "FC003-丰城市教育体育局.xlsx"};
  for (std::size_t i = 0; i < 3; ++i) {
    std::vector<std::pair<std::string, std::string>> cells(entered[i].begin(), entered[i].end());
    cells.emplace_back("contact.name", "t:张某");
    cells.emplace_back("contact.phone", "t:0795-6600000");
    fill(forms / names[i], in / names[i], cells);
  }
  // Nothing in inputs/ but what nianbao wrote and the forms.
  for (const auto& e : fs::directory_iterator(in)) {
    const std::string ext = e.path().extension().string();
    CHECK((ext == ".xlsx" || e.path().filename() == "report.xml"));
  }

  Run r = build(in, dir / "output");
  INFO(r.stdout_text << r.stderr_text);
  REQUIRE(r.status == 0);
  CHECK(r.summary["status"] == "complete");
  CHECK(r.summary["counts"]["accepted"] == 3);
  CHECK(r.summary["missing"].empty());
  const Docx doc = read_docx(output_base(r) + ".docx");
  REQUIRE(!doc.paragraphs.empty());
  bool title = false, figures = false;
  for (const auto& p : doc.paragraphs) {
    title = title || p.find("丰城市2025年政府信息公开工作年度报告") != std::string::npos;
    // new's placeholder sentence, with the figures summed from the forms.
    figures = figures || p.find("共新收政府信息公开申请7件") != std::string::npos;
  }
  CHECK(title);
  CHECK(figures);
  check_tables(r, fmt2021(), sums(fmt2021(), entered));
}

TEST_CASE("nianbao new names a roster's bad rows by their row number and writes nothing, the GBK CSV once right is read",
          "[e2e][new]") {
  fs::path dir = temp_dir("new-bad-rows");
  std::ofstream(dir / "utf8.csv") << "单位代码,单位名称,类型\nFC001,丰城市发展和改革委员会,部门\n,丰城市教育体育局,部门\n"
                                     "FC001,丰城市财政局,部门\nFC004,剑光街道,社区\n";
  REQUIRE(run_command("iconv -f UTF-8 -t GBK " + quoted((dir / "utf8.csv").string()) + " > " + quoted((dir / "名单.csv").string())) == 0);
  const std::string args = "new --format xxgk-2021 --year 2025 --region 360981:丰城市 --roster " + quoted((dir / "名单.csv").string()) +
                           " --output " + quoted((dir / "inputs").string());
  CHECK(run_nianbao(args, dir / "bad") == 2);
  const std::string err = slurp(dir / "bad.err");
  CHECK(err.find("名单.csv:3: 错误 E521：第 3 行没有填单位代码。") != std::string::npos);
  CHECK(err.find("名单.csv:4: 错误 E522：第 4 行的单位代码 FC001 与第 2 行重复。") != std::string::npos);
  CHECK(err.find("名单.csv:5: 错误 E523：第 5 行的类型「社区」不认识。") != std::string::npos);
  CHECK(!fs::exists(dir / "inputs" / "report.xml"));

  std::ofstream(dir / "utf8.csv") << "单位代码,单位名称,类型\nFC001,丰城市发展和改革委员会,部门\nFC004,剑光街道,街道\n";
  REQUIRE(run_command("iconv -f UTF-8 -t GBK " + quoted((dir / "utf8.csv").string()) + " > " + quoted((dir / "名单.csv").string())) == 0);
  REQUIRE(run_nianbao(args, dir / "good") == 0);
  const std::string report = slurp(dir / "inputs" / "report.xml");
  CHECK(report.find("<agency code=\"FC001\" name=\"丰城市发展和改革委员会\" kind=\"department\"/>") != std::string::npos);
  CHECK(report.find("<agency code=\"FC004\" name=\"剑光街道\" kind=\"township\"/>") != std::string::npos);
  // A second run does not overwrite the office's edited report file.
  CHECK(run_nianbao(args, dir / "again") == 2);
  CHECK(slurp(dir / "inputs" / "report.xml") == report);
}
