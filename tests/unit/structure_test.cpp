// Strict structure: a file holds exactly the elements its kind allows, where it allows them. A
// second root, text after the root, an element in the wrong parent, a second <roster>: each is
// refused with its place, never passed over (a submission's cases are in tests/data/bad).
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>

#include <unistd.h>

#include "format/format.h"
#include "input/readers.h"
#include "input/report_formats.h"
#include "input/xml_file.h"

using namespace nianbao;

namespace {

const char* kReportHead = R"(<?xml version="1.0" encoding="UTF-8"?>
<report format="xxgk-2021" year="2025">
  <title>测试市2025年政府信息公开工作年度报告</title>
  <compiler>测试市人民政府办公室</compiler>
  <region code="360999">测试市</region>
  <contact name="王某" phone="0795-1234567"/>
)";

// The findings of reading `text` as report.xml: "E504@7 message" per finding.
std::vector<std::string> report_findings(const std::string& text) {
  Diagnostics d;
  auto xml = load_xml_bytes(text, "inputs/report.xml", d);
  if (xml) read_report(*xml, d);
  std::vector<std::string> out;
  for (const auto& x : d.items()) out.push_back(x.code + "@" + std::to_string(x.where.line) + " " + x.message);
  return out;
}

// A file of its own for one test case (ctest runs cases in parallel processes in one directory).
struct TempFile {
  std::string path;
  explicit TempFile(const std::string& text) {
    static int count = 0;
    path = "structure_test_" + std::to_string(::getpid()) + "_" + std::to_string(++count) + ".xml";
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

const std::string kSmallFormat =
    R"(<format id="x"><table id="t" title="T"><columns><column id="a" label="A"/></columns><rows><row id="r" label="R"/></rows>
<layout widths="10 10"><tr><th row="r"/><values row="r"/></tr></layout></table>)";

}  // namespace

TEST_CASE("report.xml: a second roster, an element inside a roster agency, text beside them are E504 with the line",
          "[structure]") {
  const std::string roster = "  <roster>\n    <agency code=\"T001\" name=\"甲局\" kind=\"department\"/>\n  </roster>\n";
  CHECK(report_findings(std::string(kReportHead) + roster +
                        "  <roster>\n    <agency code=\"T002\" name=\"乙局\"/>\n  </roster>\n</report>\n") ==
        std::vector<std::string>{"E504@10 报告文件中 <roster> 只能有一个，这是第二个。"});
  CHECK(report_findings(std::string(kReportHead) +
                        "  <roster>\n    <agency code=\"T001\" name=\"甲局\">\n      <agency code=\"T002\" name=\"乙局\"/>\n"
                        "    </agency>\n  </roster>\n</report>\n") ==
        std::vector<std::string>{"E504@9 <agency> 中不能有元素 <agency>，其中的内容不会被读取。"});
  CHECK(report_findings(std::string(kReportHead) + "  <roster>\n    T002 乙局\n" + roster.substr(11) + "</report>\n") ==
        std::vector<std::string>{"E504@8 <roster> 中不能有文字，这些文字不会被读取。"});
  CHECK(report_findings(std::string(kReportHead) + "  <title>第二个标题</title>\n" + roster + "</report>\n") ==
        std::vector<std::string>{"E504@7 报告文件中 <title> 只能有一个，这是第二个。"});
}

TEST_CASE("report.xml: an impossible publication date is E504, a leap day is a date", "[structure]") {
  const std::string roster = "  <roster>\n    <agency code=\"T001\" name=\"甲局\" kind=\"department\"/>\n  </roster>\n";
  for (const char* date : {"2026-02-30", "2026-02-29", "2025-04-31", "2026-13-01", "2026-00-10"}) {
    INFO(date);
    CHECK(report_findings(std::string(kReportHead) + "  <published>" + date + "</published>\n" + roster + "</report>\n") ==
          std::vector<std::string>{"E504@7 <published> 的日期不存在。"});
  }
  CHECK(report_findings(std::string(kReportHead) + "  <published>2028-02-29</published>\n" + roster + "</report>\n").empty());
  CHECK(report_findings(std::string(kReportHead) + "  <published>2026年1月20日</published>\n" + roster + "</report>\n") ==
        std::vector<std::string>{"E504@7 <published> 的日期格式不对。"});
}

TEST_CASE("any XML file: content after the root, a second root, text before it are E006 at their line", "[structure]") {
  auto first = [](const std::string& text) {
    Diagnostics d;
    auto xml = load_xml_bytes(text, "a.xml", d);
    REQUIRE_FALSE(xml);
    REQUIRE(d.items().size() == 1);
    return d.items()[0].code + "@" + std::to_string(d.items()[0].where.line) + " " + d.items()[0].message;
  };
  CHECK(first("<report>\n</report>\n<report/>\n") ==
        "E006@3 不是格式正确的 XML：根元素 <report> 结束之后还有元素 <report>；一个文件只能有一个根元素，之后的内容不会被读取。");
  CHECK(first("<a/>\n\n 备注") == "E006@3 不是格式正确的 XML：根元素之后有文字；文字只能写在元素之中，其中的内容不会被读取。");
  CHECK(first("<a/>\n备注\n<!-- 完 -->\n") == "E006@2 不是格式正确的 XML：根元素之后有文字；文字只能写在元素之中，其中的内容不会被读取。");
  CHECK(first("<?xml version=\"1.0\"?>\n<!-- 说明 -->前言<a/>\n") ==
        "E006@2 不是格式正确的 XML：根元素之前有文字；文字只能写在元素之中，其中的内容不会被读取。");
  Diagnostics d;
  CHECK(load_xml_bytes("<a/>\n<!-- 完 -->\n<?pi x?>\n", "a.xml", d));  // comments and instructions may follow
  CHECK(d.empty());
}

TEST_CASE("format.xml: an unknown element, a second <rules>, text or an element after the root are refused with the line",
          "[structure]") {
  struct Case {
    std::string text, fault;
  };
  for (const Case& c : std::vector<Case>{
           {kSmallFormat + "<rule id=\"r1\"/></format>", "（第2行） 有误：<format> 中不认识的元素 <rule>"},
           {kSmallFormat + "<rules/>\n<rules/></format>", "（第3行） 有误：<rules> 只能有一个"},
           {kSmallFormat + "<sections><group/></sections></format>", "（第2行） 有误：<sections> 中不认识的元素 <group>"},
           {kSmallFormat + "</format>\n<table id=\"u\"/>\n", "（第3行） 有误：根元素之后还有元素 <table>"},
           {kSmallFormat + "</format>\n多余的文字\n", "有误：根元素之外有文字"},
           {kSmallFormat + "说明</format>", "（第1行） 有误：<format> 中不能有文字"},
           {R"(<format id="x"><table id="t" title="T"><columns><column id="a" label="A"/><colum id="b"/></columns></table></format>)",
            "有误：<columns> 中不认识的元素 <colum>"},
           {R"(<format id="x"><table id="t" title="T"><columns><group label="G"><column id="a" label="A"/><row id="r"/></group></columns></table></format>)",
            "有误：<group> 中不认识的元素 <row>"}}) {
    INFO(c.text);
    TempFile f(c.text);
    REQUIRE_THROWS_WITH(load_format_file(f.path), Catch::Contains(c.fault));
  }
  TempFile good(kSmallFormat + "</format>\n<!-- 完 -->\n");
  CHECK(load_format_file(good.path).tables.size() == 1);
}

TEST_CASE("word-report.xml: an unknown element or text beside the rules is refused", "[structure]") {
  const Format format = load_format(NIANBAO_TEMPLATES, "xxgk-2021");
  CHECK_THROWS_WITH(parse_word_report_rules("<word-report><optinal table=\"active\"/></word-report>", "w.xml", format),
                    "w.xml：<word-report> 中不认识的元素 <optinal>");
  CHECK_THROWS_WITH(parse_word_report_rules("<word-report/>\n<other-format id=\"xxgk-2018\"/>", "w.xml", format),
                    "w.xml：根元素之外不认识的元素 <other-format>");
  CHECK_THROWS_WITH(parse_word_report_rules("<word-report/>多余", "w.xml", format), "w.xml：<word-report> 之外不能有文字");
  CHECK_NOTHROW(parse_word_report_rules("<word-report><optional table=\"active\"/></word-report>", "w.xml", format));
}
