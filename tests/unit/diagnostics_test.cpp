// How a finding reads on the terminal, and how each kind of file names a place in it.
#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "model/diagnostics.h"

using namespace nianbao;

TEST_CASE("a finding in an XML file reads file:line:column, then the place, the value found and the one expected", "[diagnostics]") {
  Diagnostics diags;
  Diagnostic& d = diags.error("E201", SourceLocation{"inputs/fgw.xml", 14, 7}, "数值不是整数。");
  d.place = "表三 / 一、本年新收政府信息公开申请数量 / 自然人";
  d.found = "12.5";
  d.expected = "不小于 0 的整数";
  CHECK(format_diagnostic(d) ==
        "inputs/fgw.xml:14:7: 错误 E201：数值不是整数。\n"
        "    位置：表三 / 一、本年新收政府信息公开申请数量 / 自然人\n"
        "    实际：12.5\n"
        "    应为：不小于 0 的整数");
  CHECK(format_diagnostic(diags.warning("W403", SourceLocation{"inputs/fgw.xml", 3, 0}, "单位名称与名单不一致。")) ==
        "inputs/fgw.xml:3: 警告 W403：单位名称与名单不一致。");
  CHECK(format_diagnostic(diags.error("E001", SourceLocation{"inputs/a.xml", 0, 0}, "无法读取。")) == "inputs/a.xml: 错误 E001：无法读取。");
  CHECK(format_diagnostic(diags.error("E600", SourceLocation{}, "找不到模板。")) == "错误 E600：找不到模板。");
}

TEST_CASE("each kind of file names a place in its own terms", "[diagnostics]") {
  SourceLocation xml{"inputs/fgw.xml", 14, 7};
  CHECK(place_text(xml) == "inputs/fgw.xml:14:7");

  SourceLocation form;
  form.file = "inputs/发改委.xlsx";
  form.sheet = "三、收到和处理政府信息公开申请情况";
  form.cell = "D12";
  CHECK(place_text(form) == "inputs/发改委.xlsx 三、收到和处理政府信息公开申请情况!D12");

  SourceLocation report;
  report.file = "inputs/发改委.docx";
  report.table = 2;
  report.row = 3;
  report.col = 4;
  CHECK(place_text(report) == "inputs/发改委.docx 表2 第3行第4列");

  SourceLocation tmpl;
  tmpl.part = "word/document.xml";
  tmpl.paragraph = 12;
  CHECK(place_text(tmpl) == "word/document.xml 第12段");
  tmpl.file = "模板.docx";
  CHECK(place_text(tmpl) == "模板.docx word/document.xml 第12段");

  CHECK(place_text(SourceLocation{"inputs/a.xml", 0, 0}) == "inputs/a.xml");
}

TEST_CASE("the places of one file share its name, and a changed copy leaves the others as they were", "[diagnostics]") {
  const SourceLocation file{std::string("inputs/丰城市发展和改革委员会.xml"), 0, 0};
  SourceLocation line = file;
  line.line = 12;
  CHECK(line.file.c_str() == file.file.c_str());  // one copy of the name, not two
  line.file = "inputs/其他单位.xml";
  CHECK(file.file == "inputs/丰城市发展和改革委员会.xml");
  CHECK(line.file == std::string("inputs/其他单位.xml"));
  CHECK(place_text(line) == "inputs/其他单位.xml:12");
  CHECK(file.file + ":3" == "inputs/丰城市发展和改革委员会.xml:3");
  CHECK("文件 " + file.file == "文件 inputs/丰城市发展和改革委员会.xml");
  line.file.clear();
  CHECK(line.file.empty());
  CHECK(line.file.str().empty());
  CHECK(SourceLocation{}.sheet == "");

  // Places are made and dropped in the reading threads while the main one holds the same name.
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&file] {
      for (int i = 0; i < 20'000; ++i) {
        SourceLocation copy = file;
        copy.cell = "D12";
        SourceLocation moved = std::move(copy);
        (void)moved;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(file.file == "inputs/丰城市发展和改革委员会.xml");
}
