// The SpreadsheetML reader: package relationships as different programs write them, defined
// names and what they point at, cell values of every type, and hostile parts.
#include <catch2/catch.hpp>

#include "form_builder.h"
#include "input/xlsx_workbook.h"
#include "text/utf8.h"

using namespace nianbao;
using namespace formtest;

namespace {

const std::string kSheet = "三、收到和处理政府信息公开申请情况";

std::unique_ptr<Workbook> open(const std::string& bytes, Diagnostics& diags) {
  ZipStatus st;
  auto zip = open_zip_bytes(bytes, st);
  REQUIRE(zip);
  return open_workbook(std::move(zip), "inputs/fgw.xlsx", diags);
}

std::unique_ptr<Workbook> open(const WorkbookBuilder& b, Diagnostics& diags) { return open(b.bytes(), diags); }

std::vector<CellValue> cells(Workbook& wb, int sheet, const std::vector<std::string>& refs, Diagnostics& diags, bool* ok = nullptr) {
  std::vector<CellRef> wanted;
  for (const auto& r : refs) {
    CellRef c;
    REQUIRE(parse_cell_ref(r, c));
    wanted.push_back(c);
  }
  std::vector<CellValue> out;
  bool read = wb.read_cells(sheet, wanted, out, diags);
  if (ok) *ok = read;
  return out;
}

std::string codes(const Diagnostics& d) {
  std::string out;
  for (const auto& x : d.items()) out += (out.empty() ? "" : " ") + x.code;
  return out;
}

// The sheet XML of a one-sheet workbook, replaced by `xml`.
WorkbookBuilder one_sheet(const std::string& sheet_data, Flavour f = Flavour::kExcel) {
  WorkbookBuilder b(f);
  b.set(kSheet, "A1", text("标题"));
  b.override_members[b.sheet_part(0)] =
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" + sheet_data + "</sheetData></worksheet>";
  return b;
}

}  // namespace

TEST_CASE("cell references are read and written as Excel writes them", "[xlsx]") {
  CellRef r;
  CHECK(parse_cell_ref("D12", r));
  CHECK(r == CellRef{12, 4});
  CHECK(parse_cell_ref("$AA$3", r));
  CHECK(r == CellRef{3, 27});
  CHECK(parse_cell_ref("xfd1048576", r));
  CHECK(r == CellRef{1048576, 16384});
  for (const char* bad : {"XFE1", "A1048577", "A0", "1A", "AAAA1", "A", "12", "", "D12 ", "D$$12", "$$D12", "D-1"}) {
    INFO(bad);
    CHECK_FALSE(parse_cell_ref(bad, r));
  }
  CHECK(cell_ref_text({12, 4}) == "D12");
  CHECK(cell_ref_text({1, 26}) == "Z1");
  CHECK(cell_ref_text({1, 27}) == "AA1");
  CHECK(cell_ref_text({7, 16384}) == "XFD7");
  CHECK(cell_ref_text({}).empty());
}

TEST_CASE("a defined name's formula is taken apart: cell, range, constant, #REF!, another workbook", "[xlsx]") {
  auto f = parse_name_formula("'三、收到和处理政府信息公开申请情况'!$D$12");
  CHECK(f.kind == NameTargetKind::kCell);
  CHECK(f.sheet == kSheet);
  CHECK(f.cell == CellRef{12, 4});
  f = parse_name_formula("'It''s'!b3");
  CHECK(f.kind == NameTargetKind::kCell);
  CHECK(f.sheet == "It's");
  CHECK(f.cell == CellRef{3, 2});
  f = parse_name_formula(" =Sheet1!D12 ");
  CHECK(f.kind == NameTargetKind::kCell);
  CHECK(f.sheet == "Sheet1");
  CHECK(parse_name_formula("Sheet1!$D$12:$D$12").kind == NameTargetKind::kCell);
  f = parse_name_formula("Sheet1!$D$12:$E$13");
  CHECK(f.kind == NameTargetKind::kRange);
  CHECK(f.cell == CellRef{12, 4});
  CHECK(parse_name_formula("Sheet1!$D:$D").kind == NameTargetKind::kRange);
  CHECK(parse_name_formula("Sheet1!$12:$12").kind == NameTargetKind::kRange);
  CHECK(parse_name_formula("Sheet1!A1,Sheet1!B2").kind == NameTargetKind::kRange);
  CHECK(parse_name_formula("Sheet1:Sheet3!A1").kind == NameTargetKind::kRange);
  CHECK(parse_name_formula("[1]Sheet1!$A$1").kind == NameTargetKind::kExternal);
  CHECK(parse_name_formula("'C:\\报表\\[去年.xlsx]表三'!$A$1").kind == NameTargetKind::kExternal);
  CHECK(parse_name_formula("#REF!").kind == NameTargetKind::kRefError);
  CHECK(parse_name_formula("'三、…'!#REF!").kind == NameTargetKind::kRefError);
  f = parse_name_formula("\"xxgk-2021\"");
  CHECK(f.kind == NameTargetKind::kText);
  CHECK(f.text == "xxgk-2021");
  f = parse_name_formula("\"他说\"\"好\"\"\"");
  CHECK(f.kind == NameTargetKind::kText);
  CHECK(f.text == "他说\"好\"");
  f = parse_name_formula("2025");
  CHECK(f.kind == NameTargetKind::kNumber);
  CHECK(f.text == "2025");
  for (const char* other : {"$D$12", "SUM(Sheet1!A1:A2)", "\"abc", "\"a\"&\"b\"", "", "Sheet1!XFE1", "'Sheet1!A1", "!A1"}) {
    INFO(other);
    CHECK(parse_name_formula(other).kind == NameTargetKind::kOther);
  }
}

TEST_CASE("the workbook is found through the package relationships, wherever its parts are", "[xlsx]") {
  for (Flavour fl : {Flavour::kExcel, Flavour::kLibreOffice, Flavour::kOpenpyxl, Flavour::kPrefixed}) {
    INFO(static_cast<int>(fl));
    WorkbookBuilder b(fl);
    b.set("说明", "B3", text("xxgk-2021"));
    b.set(kSheet, "D12", number("12"));
    b.set(kSheet, "E12", text("It's <3 & more"));
    b.set("It's", "A1", number("1"));
    b.name("nianbao.format", WorkbookBuilder::ref("说明", "B3"));
    b.name("requests.new.natural", WorkbookBuilder::ref(kSheet, "D12"));
    b.name("its", WorkbookBuilder::ref("It's", "A1"));
    b.local_names.emplace_back("1:_xlnm.Print_Area", WorkbookBuilder::ref(kSheet, "A1:F30"));
    Diagnostics d;
    auto wb = open(b, d);
    REQUIRE(wb);
    CHECK(d.empty());
    REQUIRE(wb->sheets().size() == 3);
    CHECK(wb->sheets()[1].name == kSheet);
    CHECK(wb->sheets()[1].part == b.sheet_part(1));
    CHECK(wb->find_sheet("it's") == 2);
    CHECK(wb->names().size() == 3);
    REQUIRE(wb->local_names().size() == 1);
    CHECK(wb->local_names()[0].local_sheet == 1);
    CHECK(wb->find_name("_xlnm.Print_Area") == nullptr);
    const DefinedName* n = wb->find_name("Requests.New.Natural");  // Excel's names ignore case
    REQUIRE(n);
    NameTarget t = wb->resolve(*n);
    CHECK(t.kind == NameTargetKind::kCell);
    CHECK(t.sheet == 1);
    CHECK(t.cell == CellRef{12, 4});
    CHECK(wb->resolve(*wb->find_name("its")).sheet == 2);
    auto v = cells(*wb, 1, {"D12", "E12", "F12", "D99"}, d);
    CHECK(v[0].kind == CellKind::kNumber);
    CHECK(v[0].text == "12");
    CHECK(v[1].kind == CellKind::kText);
    CHECK(v[1].text == "It's <3 & more");
    CHECK(v[2].kind == CellKind::kBlank);
    CHECK(v[3].kind == CellKind::kBlank);
    CHECK(cells(*wb, 0, {"B3"}, d)[0].text == "xxgk-2021");
    CHECK(d.empty());
  }
}

TEST_CASE("a name pointing at a sheet the workbook does not have is told apart", "[xlsx]") {
  WorkbookBuilder b;
  b.set("说明", "A1", text("x"));
  b.name("a", "'表三'!$D$12");
  Diagnostics d;
  auto wb = open(b, d);
  REQUIRE(wb);
  NameTarget t = wb->resolve(*wb->find_name("a"));
  CHECK(t.kind == NameTargetKind::kUnknownSheet);
  CHECK(t.text == "表三");
}

TEST_CASE("cell values of every type, as Excel, LibreOffice and openpyxl store them", "[xlsx]") {
  auto b = one_sheet(
      "<row r=\"2\"><c r=\"A2\"><v>12</v></c><c r=\"B2\" t=\"n\"><v>1E-3</v></c><c r=\"C2\"><v>12.000000000000002</v></c>"
      "<c r=\"D2\" t=\"b\"><v>1</v></c><c r=\"E2\" t=\"e\"><v>#DIV/0!</v></c><c r=\"F2\" t=\"str\"><f>A2&amp;\"件\"</f><v>12件</v></c>"
      "<c r=\"G2\"><f>SUM(A2:B2)</f></c><c r=\"H2\"><f>SUM(A2:B2)</f><v></v></c><c r=\"I2\" t=\"str\"><f>\"\"</f><v></v></c>"
      "<c r=\"J2\"><f t=\"shared\" ref=\"J2:K2\" si=\"0\">A2*2</f><v>24</v></c><c r=\"K2\"><f t=\"shared\" si=\"0\"/><v>0.002</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><r><rPr><b/></rPr><t>加粗</t></r><r><t xml:space=\"preserve\"> 与普通</t></r></is></c>"
      "<c r=\"B3\" t=\"inlineStr\"><is><t>第一段_x000D_\n第二段</t></is></c><c r=\"C3\" t=\"inlineStr\"><is><t>a_x005F_x000D_b&#9;c</t></is></c>"
      "<c r=\"D3\" t=\"d\"><v>2025-01-31T00:00:00</v></c><c r=\"E3\" s=\"3\"/><c r=\"F3\" t=\"inlineStr\"><is><t xml:space=\"preserve\">  </t></is></c></row>");
  Diagnostics d;
  auto wb = open(b, d);
  REQUIRE(wb);
  auto v = cells(*wb, 0, {"A2", "B2", "C2", "D2", "E2", "F2", "G2", "H2", "I2", "J2", "K2", "A3", "B3", "C3", "D3", "E3", "F3"}, d);
  CHECK(d.empty());
  CHECK((v[0].kind == CellKind::kNumber && v[0].text == "12"));
  CHECK((v[1].kind == CellKind::kNumber && v[1].text == "1E-3"));
  CHECK(v[2].text == "12.000000000000002");
  CHECK((v[3].kind == CellKind::kBool && v[3].text == "TRUE"));
  CHECK((v[4].kind == CellKind::kError && v[4].text == "#DIV/0!"));
  CHECK((v[5].kind == CellKind::kText && v[5].text == "12件" && v[5].formula && v[5].cached));
  CHECK((v[6].kind == CellKind::kBlank && v[6].formula && !v[6].cached));
  CHECK((v[7].kind == CellKind::kBlank && v[7].formula && !v[7].cached));  // openpyxl's <v></v>
  CHECK((v[8].kind == CellKind::kText && v[8].text.empty() && v[8].cached));
  CHECK((v[9].kind == CellKind::kNumber && v[9].text == "24" && v[9].formula));
  CHECK((v[10].kind == CellKind::kNumber && v[10].text == "0.002" && v[10].formula));
  CHECK(v[11].text == "加粗 与普通");
  CHECK(v[12].text == "第一段\n第二段");
  CHECK(v[13].text == "a_x000D_b\tc");
  CHECK((v[14].kind == CellKind::kText && v[14].text == "2025-01-31T00:00:00"));
  CHECK((v[15].kind == CellKind::kBlank && v[15].cached && !v[15].formula));
  CHECK(v[16].text == "  ");
}

TEST_CASE("shared strings: rich-text runs joined, phonetic runs left out, escapes decoded", "[xlsx]") {
  auto b = one_sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v> 2 </v></c></row>");
  b.override_members["xl/sharedStrings.xml"] =
      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>标题</t></si>"
      "<si><r><t>東京</t></r><r><rPr><i/></rPr><t>都</t></r><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr fontId=\"1\"/></si>"
      "<si><t>行一_x000D_&#10;行二&#13;&#10;行三&#13;行四</t></si></sst>";
  Diagnostics d;
  auto wb = open(b, d);
  REQUIRE(wb);
  auto v = cells(*wb, 0, {"A1", "B1", "C1"}, d);
  CHECK(d.empty());
  CHECK(v[0].text == "标题");
  CHECK(v[1].text == "東京都");
  CHECK(v[2].text == "行一\n行二\n行三\n行四");
}

TEST_CASE("cells and rows without r are placed as Excel places them", "[xlsx]") {
  auto b = one_sheet("<row><c><v>1</v></c><c><v>2</v></c></row><row><c r=\"C2\"><v>3</v></c><c><v>4</v></c></row><row r=\"5\"><c><v>5</v></c></row>");
  Diagnostics d;
  auto wb = open(b, d);
  REQUIRE(wb);
  auto v = cells(*wb, 0, {"A1", "B1", "C2", "D2", "A5", "B5"}, d);
  CHECK(v[0].text == "1");
  CHECK(v[1].text == "2");
  CHECK(v[2].text == "3");
  CHECK(v[3].text == "4");
  CHECK(v[4].text == "5");
  CHECK(v[5].kind == CellKind::kBlank);
}

TEST_CASE("a bad row number or cell value is shown cut by characters, never inside one (messages stay UTF-8)", "[xlsx]") {
  // Found by form_reader_fuzz: a row's r="I四、政府…" was cut at byte 20, inside a character, and
  // summary.json and the workbook would have carried the broken text.
  const std::string long_text = "I四、政府信息公开行政复议、行政诉讼情况";
  for (const std::string& data : {"<row r=\"" + long_text + "\"><c><v>1</v></c></row>",
                                 "<row r=\"12\"><c r=\"" + long_text + "\"><v>1</v></c></row>",
                                 "<row r=\"12\"><c r=\"D12\"><v>" + long_text + long_text + "</v></c></row>",
                                 "<row r=\"12\"><c r=\"D12\" t=\"" + long_text + "\"><v>1</v></c></row>"}) {
    INFO(data);
    Diagnostics d;
    auto wb = open(one_sheet(data), d);
    REQUIRE(wb);
    bool ok = true;
    cells(*wb, 0, {"D12"}, d, &ok);
    REQUIRE(d.items().size() == 1);
    for (const std::string* text : {&d.items()[0].message, &d.items()[0].found}) {
      bool control = false;
      CHECK(find_invalid_utf8(*text, control) == std::string::npos);
    }
  }
}

TEST_CASE("hostile sheets: cells beyond the grid, cells stored twice, values unlike their type", "[xlsx]") {
  struct Case {
    std::string data, code, message;
  };
  const std::vector<Case> cases = {
      {"<row r=\"12\"><c r=\"XFE12\"><v>1</v></c></row>", "E705", "工作表「" + kSheet + "」中第 12 行有一个单元格的引用无效，超出了 Excel 的表格范围或写法有误。"},
      {"<row r=\"1048577\"><c><v>1</v></c></row>", "E705", "工作表「" + kSheet + "」中有一行的行号无效，超出了 Excel 的表格范围或写法有误。"},
      {"<row r=\"12\"><c r=\"D13\"><v>1</v></c></row>", "E705", ""},
      {"<row r=\"12\"><c r=\"D12\"><v>1</v></c><c r=\"D12\"><v>2</v></c></row>", "E706",
       "工作表「" + kSheet + "」中单元格 D12 出现了两次，无法确定以哪一个为准。"},
      {"<row r=\"12\"><c r=\"D12\"><v>1</v></c></row><row r=\"12\"><c r=\"D12\"><v>2</v></c></row>", "E706", ""},
      {"<row r=\"12\"><c r=\"D12\" t=\"s\"><v>7</v></c></row>", "E707",
       "工作表「" + kSheet + "」的单元格 D12 的内容无效：引用了不存在的共享字符串（共 1 条）；请用 WPS 或 Excel 打开后重新保存。"},
      {"<row r=\"12\"><c r=\"D12\" t=\"s\"><v>x</v></c></row>", "E707", ""},
      {"<row r=\"12\"><c r=\"D12\" t=\"b\"><v>7</v></c></row>", "E707", ""},
      {"<row r=\"12\"><c r=\"D12\" t=\"q\"><v>7</v></c></row>", "E707", ""},
      {"<row r=\"12\"><c r=\"D12\"><v>12abc</v></c></row>", "E707", ""},
      {"<row r=\"12\"><c r=\"D12\" t=\"n\" t=\"s\"><v>0</v></c></row>", "E702", ""},
  };
  for (const auto& c : cases) {
    INFO(c.data);
    Diagnostics d;
    auto wb = open(one_sheet(c.data), d);
    REQUIRE(wb);
    bool ok = true;
    auto v = cells(*wb, 0, {"D12"}, d, &ok);
    CHECK_FALSE(ok);
    CHECK(v[0].kind == CellKind::kBlank);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].code == c.code);
    CHECK(d.items()[0].where.file == "inputs/fgw.xlsx");
    // A fault of one cell is placed at the cell, as the clerk sees it; others at the part.
    if (d.items()[0].where.cell.empty()) {
      CHECK(d.items()[0].where.part == "xl/worksheets/sheet1.xml");
    } else {
      CHECK(d.items()[0].where.part.empty());
      CHECK(d.items()[0].where.sheet == kSheet);
    }
    if (!c.message.empty()) CHECK(d.items()[0].message == c.message);
  }
  SECTION("the cell of a duplicate is named") {
    Diagnostics d;
    auto wb = open(one_sheet(cases[3].data), d);
    cells(*wb, 0, {"D12"}, d);
    CHECK(d.items()[0].where.sheet == kSheet);
    CHECK(d.items()[0].where.cell == "D12");
  }
}

TEST_CASE("hostile parts: DTDs, forbidden characters, broken XML, oversized tables", "[xlsx]") {
  SECTION("a DTD in the workbook part") {
    WorkbookBuilder b;
    b.set("说明", "A1", text("x"));
    b.override_members["xl/workbook.xml"] =
        "<?xml version=\"1.0\"?><!DOCTYPE workbook [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>"
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets/></workbook>";
    Diagnostics d;
    CHECK_FALSE(open(b, d));
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].code == "E703");
    CHECK(d.items()[0].message == "工作簿中的部件 xl/workbook.xml 含有 DOCTYPE（文档类型或实体声明），出于安全原因不予读取。");
  }
  SECTION("a DTD in a sheet") {
    auto b = one_sheet("");
    b.override_members["xl/worksheets/sheet1.xml"] = "<!DOCTYPE x SYSTEM \"file:///etc/passwd\"><worksheet><sheetData/></worksheet>";
    Diagnostics d;
    auto wb = open(b, d);
    REQUIRE(wb);
    cells(*wb, 0, {"A1"}, d);
    CHECK(codes(d) == "E703");
  }
  SECTION("a character reference to NUL") {
    auto b = one_sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>12&#0;34</t></is></c></row>");
    Diagnostics d;
    auto wb = open(b, d);
    cells(*wb, 0, {"A1"}, d);
    CHECK(codes(d) == "E702");
    CHECK(d.items()[0].message == "工作簿中的部件 xl/worksheets/sheet1.xml 中的字符引用代表 XML 不允许的字符（第 1 行）；文件可能已损坏，或由不规范的程序生成；请用 WPS 或 Excel 打开后重新保存。");
    CHECK(d.items()[0].found == "&#0;");
  }
  SECTION("bytes that are not UTF-8, raw control characters, broken XML") {
    for (const std::string& bad : {std::string("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\xB2\xE2</t></is></c></row>"),
                                   std::string("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a\x0B</t></is></c></row>"),
                                   std::string("<row r=\"1\"><c r=\"A1\"><v>1</v></row>")}) {
      Diagnostics d;
      auto wb = open(one_sheet(bad), d);
      cells(*wb, 0, {"A1"}, d);
      CHECK(codes(d) == "E702");
    }
  }
  // What reading A1, a shared string, says when the shared-string table holds `count` copies of `entry`.
  auto read_shared = [](const std::string& open_tag, const std::string& entry, std::size_t count) {
    auto b = one_sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>");
    std::string sst = open_tag;
    for (std::size_t i = 0; i < count; ++i) sst += entry;
    b.override_members["xl/sharedStrings.xml"] = sst + "</sst>";
    Diagnostics d;
    auto wb = open(b, d);
    cells(*wb, 0, {"A1"}, d);
    return d;
  };
  SECTION("a shared-string table of more entries than the cap") {
    Diagnostics d = read_shared("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">", "<si><t>a</t></si>",
                                kMaxSharedStrings + 1);
    CHECK(codes(d) == "E704");
    CHECK(d.items()[0].message == "工作簿的共享字符串表过大（超过 100000 条），不予读取。");
  }
  SECTION("millions of entries are refused before parsing") {
    Diagnostics d = read_shared("<sst>", "<si><t/></si>", 1'100'000);
    CHECK(codes(d) == "E704");
    CHECK(d.items()[0].message == "工作簿中的部件 xl/sharedStrings.xml 的元素过多（超过 2000000 个），不予读取。");
  }
}

TEST_CASE("a package that is not a complete workbook says what is missing", "[xlsx]") {
  auto fail = [](std::vector<std::pair<std::string, std::string>> members) {
    Diagnostics d;
    auto wb = open(zip_bytes(members), d);
    CHECK_FALSE(wb);
    REQUIRE(d.items().size() == 1);
    return d.items()[0];
  };
  const std::string rel = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                          "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"";
  auto d = fail({{"a.txt", "x"}});
  CHECK(d.code == "E701");
  CHECK(d.message == "不是完整的 Excel 工作簿：缺少部件 _rels/.rels（压缩包不是 Office 文档）。");
  d = fail({{"_rels/.rels", "<Relationships/>"}});
  CHECK(d.message == "不是完整的 Excel 工作簿：_rels/.rels 中没有指向主文档（officeDocument）的关系。");
  d = fail({{"_rels/.rels", rel + "xl/workbook.xml\"/></Relationships>"}});
  CHECK(d.message == "不是完整的 Excel 工作簿：缺少主文档部件 xl/workbook.xml。");
  d = fail({{"_rels/.rels", rel + "../../etc/passwd\"/></Relationships>"}});
  CHECK(d.code == "E701");
  d = fail({{"_rels/.rels", rel + "word/document.xml\"/></Relationships>"},
            {"word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>"}});
  CHECK(d.message == "不是完整的 Excel 工作簿：这是 Word 文档（.docx），不是 Excel 工作簿。");
  d = fail({{"_rels/.rels", rel + "xl/workbook.xml\"/></Relationships>"},
            {"xl/workbook.xml", "<workbook><sheets><sheet name=\"表\" r:id=\"rId1\"/></sheets></workbook>"},
            {"xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" Type=\"…/worksheet\" Target=\"ws/s.xml\"/></Relationships>"}});
  CHECK(d.message == "不是完整的 Excel 工作簿：缺少工作表「表」的部件 xl/ws/s.xml。");
  // A target whose escapes are not UTF-8 is named as written, so the message stays readable.
  d = fail({{"_rels/.rels", rel + "xl/workbook.xml\"/></Relationships>"},
            {"xl/workbook.xml", "<workbook><sheets><sheet name=\"表\" r:id=\"rId1\"/></sheets></workbook>"},
            {"xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" Type=\"…/worksheet\" Target=\"ws/%FF%0A.xml\"/></Relationships>"}});
  CHECK(d.message == "不是完整的 Excel 工作簿：缺少工作表「表」的部件 xl/ws/%FF%0A.xml。");
}

TEST_CASE("two sheets or two names of the same name make the workbook unusable", "[xlsx]") {
  WorkbookBuilder b;
  b.set("表", "A1", text("x"));
  b.set("表2", "A1", text("x"));
  b.name("requests.new.natural", WorkbookBuilder::ref("表", "D12"));
  b.name("REQUESTS.new.natural", WorkbookBuilder::ref("表", "D13"));
  Diagnostics d;
  CHECK_FALSE(open(b, d));
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].code == "E708");
  CHECK(d.items()[0].message == "工作簿中名称「REQUESTS.new.natural」定义了两次，无法确定以哪一个为准。");
  CHECK(d.items()[0].found == "'表'!$D$12 与 '表'!$D$13");
  b.names.pop_back();
  b.sheets[1].name = "表";
  Diagnostics d2;
  CHECK_FALSE(open(b, d2));
  CHECK(codes(d2) == "E708");
  // Names alike but for bytes that differ in bit 5 only where no letter is ('@' and '`', '[' and
  // '{'): two names, not one.
  WorkbookBuilder c;
  c.set("表", "A1", text("x"));
  c.name("x.a@b", WorkbookBuilder::ref("表", "A1"));
  c.name("x.a`b", WorkbookBuilder::ref("表", "A2"));
  c.name("x.[long.name.over.eight.bytes", WorkbookBuilder::ref("表", "A3"));
  c.name("x.{long.name.over.eight.bytes", WorkbookBuilder::ref("表", "A4"));
  Diagnostics d3;
  CHECK(open(c, d3));
  CHECK(d3.items().empty());
}

TEST_CASE("relationship targets resolve to part names inside the package", "[xlsx]") {
  CHECK(resolve_part_name("xl/", "worksheets/sheet1.xml") == "xl/worksheets/sheet1.xml");
  CHECK(resolve_part_name("xl/", "/xl/worksheets/sheet1.xml") == "xl/worksheets/sheet1.xml");  // openpyxl
  CHECK(resolve_part_name("", "xl/workbook.xml") == "xl/workbook.xml");
  CHECK(resolve_part_name("xl/", "./ws/../worksheets//s%201.xml") == "xl/worksheets/s 1.xml");
  CHECK(resolve_part_name("xl/", "../../etc/passwd").empty());
  // Escapes that are not UTF-8, or a control character, stay as written: the name is shown.
  CHECK(resolve_part_name("xl/", "works%FFts/sheet6.xml") == "xl/works%FFts/sheet6.xml");
  CHECK(resolve_part_name("xl/", "ws/a%0Ab.xml") == "xl/ws/a%0Ab.xml");
  CHECK(resolve_part_name("xl/", "ws/%E8%A1%A8.xml") == "xl/ws/表.xml");
}

TEST_CASE("a worksheet's sheetData is parsed alone only when nothing before it could hide markup", "[xlsx]") {
  const std::string sheet = "<worksheet><cols/><sheetData><row/></sheetData><dataValidations/></worksheet>";
  auto [a, b] = find_element_range(sheet, "sheetData");
  CHECK(sheet.substr(a, b - a) == "<sheetData><row/></sheetData>");
  const std::string prefixed = "<x:worksheet><x:sheetData/><x:cols/></x:worksheet>";
  auto [c, d] = find_element_range(prefixed, "sheetData");
  CHECK(prefixed.substr(c, d - c) == "<x:sheetData/>");
  for (const std::string& whole : {std::string("<worksheet><!-- <sheetData><row/></sheetData> --><sheetData/></worksheet>"),
                                   std::string("<!DOCTYPE w><worksheet><sheetData/></worksheet>"),
                                   std::string("<worksheet><sheetDataX/></worksheet>"), std::string("<worksheet><sheetData>")}) {
    INFO(whole);
    auto r = find_element_range(whole, "sheetData");
    CHECK(r.first == 0);
    CHECK(r.second == whole.size());
  }
}

TEST_CASE("character references to characters XML forbids are found", "[xlsx]") {
  CHECK(find_forbidden_char_reference("<t>a&#0;b</t>") == 4);
  CHECK(find_forbidden_char_reference("<t>&#x0B;</t>") == 3);
  CHECK(find_forbidden_char_reference("<t>&#10;&#x4E2D;&amp;#0;</t>") == std::string_view::npos);
}
