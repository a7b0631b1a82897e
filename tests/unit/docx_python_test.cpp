// A report made by python-docx the way a clerk's Word makes one (merged cells through
// cell.merge), read back through the zip, _rels/.rels and the report reader.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include <unistd.h>

#include "input/docx_report.h"
#include "zip/zip_writer.h"
#include "report_fixture.h"

using namespace nianbao;
namespace fs = std::filesystem;

namespace {

// The format table as spec lines for clerk_docx.py: its layout's cells, figures from `value`.
std::string table_spec(const Format& f, const char* id, const std::function<std::string(int)>& value) {
  const auto& t = f.tables[f.find_table(id)];
  std::string out = "T\t" + std::to_string(t.layout.grid_rows) + "\t" + std::to_string(t.layout.widths.size()) + "\n";
  for (const auto& c : t.layout.cells) {
    std::string text = c.is_value ? value(c.cell) : c.text;
    if (text == "商业企业") text = "商业\\n企业";  // a clerk's line break inside a header cell
    out += "C\t" + std::to_string(c.row) + "\t" + std::to_string(c.col) + "\t" + std::to_string(c.rowspan) + "\t" +
           std::to_string(c.colspan) + "\t" + text + "\n";
  }
  return out;
}

// The main document part named by _rels/.rels, as a real caller finds it.
std::string main_part(const std::map<std::string, std::string>& zip) {
  const std::string& rels = zip.at("_rels/.rels");
  std::smatch m;
  REQUIRE(std::regex_search(rels, m, std::regex("Type=\"[^\"]*/officeDocument\"[^>]*Target=\"/?([^\"]+)\"|Target=\"/?([^\"]+)\"[^>]*Type=\"[^\"]*/officeDocument\"")));
  std::string target = m[1].matched ? m[1].str() : m[2].str();
  return zip.at(target);
}

// Makes the clerk's report in `dir` and returns its path.
fs::path make_clerk_report(const Format& f, const fs::path& dir) {
  // python3-docx is Debian's (scripts/setup.sh --test installs it): for Debian's interpreter, which
  // another python3 earlier on PATH (pyenv, a venv) does not see.
  const std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  REQUIRE(std::system((python + " -c 'import docx' 2>/dev/null").c_str()) == 0);
  auto value = [&](int cell) {
    std::string path = f.cell_path(cell);
    if (path == "requests.new.natural") return std::string("1,234");
    if (path == "requests.new.total") return std::string("1234");
    if (path == "active.fees.amount") return std::string("3.5");
    if (path == "appeals.review.upheld" || path == "appeals.review.total") return std::string("2");
    return std::string("0");
  };
  std::string spec = "P\t丰城市发展和改革委员会\nP\t2025年政府信息公开工作年度报告\nP\t一、总体情况\nP\t（一）主动公开\nP\t全年主动公开信息 300 条。\n"
                     "P\t二、主动公开政府信息情况\n" + table_spec(f, "active", value) +
                     "P\t三、收到和处理政府信息公开申请情况\n" + table_spec(f, "requests", value) +
                     "P\t四、政府信息公开行政复议、行政诉讼情况\n" + table_spec(f, "appeals", value) +
                     "P\t五、存在的主要问题及改进情况\nP\t一是……\nP\t六、其他需要报告的事项\nP\t本年度未收取信息处理费。\n";
  fs::create_directories(dir);
  { std::ofstream(dir / "spec.tsv", std::ios::binary) << spec; }
  const std::string script = std::string(NIANBAO_SOURCE_DIR) + "/tests/support/clerk_docx.py";
  const fs::path out = dir / "年报终稿(1).docx";
  const std::string cmd = python + " '" + script + "' '" + (dir / "spec.tsv").string() + "' '" + out.string() + "'";
  REQUIRE(std::system(cmd.c_str()) == 0);
  return out;
}

// Reads a .docx as a caller does and checks what the clerk typed came through.
void check_clerk_report(const Format& f, const fs::path& docx) {
  auto zip = read_zip(docx.string());
  ReportFile report = test::fengcheng_report(test::fgw_only());
  Diagnostics diags;
  ReportReadResult r = read_report_docx(main_part(zip), "inputs/年报终稿(1).docx", "年报终稿(1).docx", f, report, diags);
  std::string findings;
  for (const auto& d : diags.items()) findings += format_diagnostic(d) + "\n";
  INFO(findings);
  CHECK(diags.empty());
  const Submission& s = r.submission;
  CHECK(s.agency.code == "FC001");
  CHECK(s.year == 2025);
  CHECK(s.format == "xxgk-2021");
  CHECK(s.values[f.find_cell("requests.new.natural")] == 1234);
  CHECK(s.values[f.find_cell("active.fees.amount")] == 35000);
  CHECK(s.values[f.find_cell("appeals.review.upheld")] == 2);
  REQUIRE(s.sections.size() == 1);
  CHECK(s.sections[0].title == "主动公开");
}

}  // namespace

TEST_CASE("a report made by python-docx with cell.merge, as a clerk's Word makes it, is read whole", "[report][python]") {
  const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  fs::path dir = fs::temp_directory_path() / ("nianbao-clerk-" + std::to_string(::getpid()));
  check_clerk_report(f, make_clerk_report(f, dir));
  fs::remove_all(dir);
}

TEST_CASE("the clerk's report re-saved by LibreOffice is read the same", "[report][python][office]") {
  if (std::system("command -v soffice >/dev/null") != 0) {
    WARN("LibreOffice 未安装，跳过");
    return;
  }
  const Format f = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  fs::path dir = fs::temp_directory_path() / ("nianbao-clerk-lo-" + std::to_string(::getpid()));
  fs::path made = make_clerk_report(f, dir);
  const std::string cmd = "soffice -env:UserInstallation=file://" + (dir / "profile").string() +
                          " --headless --convert-to 'docx:MS Word 2007 XML' --outdir '" + (dir / "saved").string() + "' '" +
                          made.string() + "' >/dev/null 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  fs::path saved = dir / "saved" / made.filename();
  REQUIRE(fs::exists(saved));
  CHECK(read_zip(saved.string()).at("word/document.xml") != read_zip(made.string()).at("word/document.xml"));
  check_clerk_report(f, saved);
  fs::remove_all(dir);
}
