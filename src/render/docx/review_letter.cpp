#include "render/docx/review_letter.h"

#include <algorithm>
#include <array>

#include "template/docx/docx_template.h"
#include "text/escape.h"
#include "text/width.h"
#include "zip/zip_writer.h"

namespace nianbao {

namespace {

// The text block of an A4 page with the margins of GB/T 9704 (as the main document's template).
constexpr int kTextWidth = 11906 - 1587 - 1474;
constexpr int kTextHeight = 16838 - 2098 - 1984;
constexpr int kColumns[] = {800, 2100, 3545, 2400};  // 序号, 位置, 问题, 修改意见: kTextWidth in all
static_assert(kColumns[0] + kColumns[1] + kColumns[2] + kColumns[3] == kTextWidth);

// The page budget, in twips, from the styles below: a 3号 line is 560 exact and a character 320
// wide (half of that for a display column); the title's 2号 line 700 exact, a character 440; the
// table in 小五 like the statutory tables' 9 pt: a character 180 wide, a line 264/240 of a single
// 9 pt line (about 235 as LibreOffice lays 仿宋 out; 250 planned), plus the cell's margins. Planned
// at 95 % of the page so that a wider fallback font still keeps the letter on its page.
constexpr int kBodyLine = 560, kBodyColumn = 160, kTitleLine = 700, kTitleColumn = 220, kTitleAfter = 400;
constexpr int kCellLine = 250, kCellColumn = 90, kCellMargins = 2 * 40, kCellPadding = 2 * 85, kAfterTable = 240;
constexpr int kPageBudget = kTextHeight * 95 / 100;
constexpr int kMaxCellLines = 6;  // a longer text is cut there; 校验报告.txt has it whole

const char* kNamespaces =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

std::vector<std::string> split(const std::string& text, const std::string& at) {
  std::vector<std::string> out;
  for (std::size_t b = 0;;) {
    std::size_t e = text.find(at, b);
    out.push_back(text.substr(b, e == std::string::npos ? e : e - b));
    if (e == std::string::npos) return out;
    b = e + at.size();
  }
}

// Lines `text` takes in a column `columns` display columns wide, the first `indent` of them blank.
int lines_of(const std::string& text, int columns, int indent = 0) {
  int lines = 0;
  for (const auto& line : split(text, "\n")) {
    const int width = display_width(line) + indent;
    lines += std::max(1, (width + columns - 1) / columns);
  }
  return lines;
}

// `text` cut to `lines` lines of `columns`, "……" at the cut.
std::string clipped(const std::string& text, int columns, int lines) {
  if (lines_of(text, columns) <= lines) return text;
  const int room = columns * lines - 2 * display_width("…");
  std::string out;
  int width = 0, used = 0;
  for (const auto& line : split(text, "\n")) {
    if (used > 0) out += "\n";
    for (std::size_t i = 0; i < line.size();) {
      std::size_t n = 1;
      while (i + n < line.size() && (static_cast<unsigned char>(line[i + n]) & 0xC0) == 0x80) ++n;
      const int w = display_width(line.substr(i, n));
      if (used + width + w > room) return out + "……";
      out += line.substr(i, n);
      width += w;
      i += n;
    }
    used += std::max(1, (width + columns - 1) / columns) * columns;
    width = 0;
  }
  return out;
}

int body_height(const std::string& text) { return lines_of(text, kTextWidth / kBodyColumn, 4) * kBodyLine; }

std::string without_folders(std::string text, const std::vector<std::string>& folders) {
  for (const auto& folder : folders) {
    const std::string prefix = folder.empty() || folder.back() == '/' ? folder : folder + "/";
    if (prefix.size() < 2) continue;
    for (std::size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at)) text.erase(at, prefix.size());
  }
  return text;
}

std::string file_name(const std::string& path) { return path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1); }

std::string run(const std::string& text) {
  std::string out;
  bool first = true;
  // A line break in the text is a line break in the paragraph.
  for (const auto& line : split(text, "\n")) {
    if (!first) out += "<w:r><w:br/></w:r>";
    out += "<w:r><w:t xml:space=\"preserve\">" + xml_escape(line) + "</w:t></w:r>";
    first = false;
  }
  return out;
}

std::string paragraph(const std::string& style, const std::string& text) {
  return "<w:p>" + (style.empty() ? std::string() : "<w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>") + run(text) + "</w:p>";
}

std::string cell(int width, const std::vector<std::string>& lines, const char* style, bool header = false) {
  std::string x = "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
  if (header) x += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/>";
  x += "<w:vAlign w:val=\"center\"/></w:tcPr>";
  for (const auto& line : lines) x += paragraph(style, line);
  return x + "</w:tc>";
}

using RowText = std::array<std::string, 4>;

int columns_of(std::size_t c) { return (kColumns[c] - kCellPadding) / kCellColumn; }

int row_height(const RowText& cells) {
  int lines = 1;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    int n = 0;
    for (const auto& part : split(cells[c], "\n\n")) n += lines_of(part, columns_of(c));
    lines = std::max(lines, n);
  }
  return lines * kCellLine + kCellMargins;
}

std::string row(const RowText& cells, bool header) {
  std::string x = std::string("<w:tr><w:trPr><w:cantSplit/>") + (header ? "<w:tblHeader/>" : "") + "</w:trPr>";
  // A cell's text is several paragraphs, split at a blank line of its own ("\n\n").
  for (std::size_t c = 0; c < cells.size(); ++c)
    x += cell(kColumns[c], split(cells[c], "\n\n"), header || c == 0 ? "nbCellCentred" : "nbCell", header);
  return x + "</w:tr>";
}

const RowText kHeader = {"序号", "位置", "问题", "修改意见"};

// Where in its file a finding is, as the agency finds it there: 第12行, 表2 第3行第4列, 第5段, a
// sheet's cell; 全文 when the finding concerns the whole file. The file by its name when the agency
// sent more than one.
std::string place_in_file(const SourceLocation& at, bool name_file) {
  SourceLocation inside = at;
  inside.file.clear();
  std::string text = at.part.empty() && at.sheet.empty() && at.cell.empty() && at.table == 0 && at.line > 0
                         ? "第" + std::to_string(at.line) + "行"
                         : place_text(inside);
  if (text.empty()) text = "全文";
  return name_file && !at.file.empty() ? file_name(at.file) + "\n" + text : text;
}

RowText finding_row(const ReviewLetter& l, const Diagnostic& d, int n) {
  auto clean = [&](const std::string& text, std::size_t column) {
    return clipped(without_folders(text, l.folders), columns_of(column), kMaxCellLines);
  };
  std::string where = clean(place_in_file(d.where, l.files.find("、") != std::string::npos), 1);
  if (!d.place.empty()) where += "\n\n" + clean(d.place, 1);
  std::string what = clean(d.message, 2);
  if (!d.found.empty()) what += "\n\n" + clean("实际：" + d.found, 2);
  const std::string change = d.expected.empty() ? (d.is_error() ? "按“问题”一栏所述改正" : "按“问题”一栏所述核对")
                                                 : clean("应为：" + d.expected, 3);
  return {std::to_string(n) + "\n\n" + d.code, where, what, change};
}

std::string findings_table(const ReviewLetter& l, const std::vector<const Diagnostic*>& shown) {
  std::string x = "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(kTextWidth) + "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
    x += std::string("<w:") + side + " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  x += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"40\" w:type=\"dxa\"/><w:left w:w=\"85\" w:type=\"dxa\"/>"
       "<w:bottom w:w=\"40\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>";
  for (int w : kColumns) x += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  x += "</w:tblGrid>";
  x += row(kHeader, true);
  int n = 0;
  for (const Diagnostic* d : shown) x += row(finding_row(l, *d, ++n), false);
  return x + "</w:tbl>";
}

// "2026-01-20" → "2026年1月20日".
std::string chinese_date(const std::string& date) {
  if (date.size() != 10) return date;
  return date.substr(0, 4) + "年" + std::to_string(std::stoi(date.substr(5, 2))) + "月" + std::to_string(std::stoi(date.substr(8, 2))) + "日";
}

std::string opening(const ReviewLetter& l) {
  std::size_t errors = 0;
  for (const auto& d : l.findings) errors += d.is_error();
  const std::string received = "你单位报送的" + std::to_string(l.year) + "年政府信息公开工作年度报告（" +
                               without_folders(l.files, l.folders) + "）已收悉。";
  const std::string count = std::to_string(l.findings.size());
  if (!l.accepted)
    return received + "经审核，报告有 " + std::to_string(errors) + " 处错误，未予采用，已退回。请按下表逐项修改" +
           (errors < l.findings.size() ? "、核对" : "") + "后重新报送。";
  if (l.findings.empty()) return received + "经审核，报告已采用，未发现需要修改的问题。";
  return received + "经审核，报告已采用，但有 " + count + " 处需要核对。请逐项核对，确有问题的，改正后重新报送；" +
         "正文与统计表不一致的，以核实后的数字为准一并改正。";
}

std::string left_out_text(const ReviewLetter& l, const LetterPage& page) {
  std::string what;
  if (page.left_out_errors > 0) what = std::to_string(page.left_out_errors) + " 处错误";
  if (page.left_out_warnings > 0) what += (what.empty() ? "" : "、") + std::to_string(page.left_out_warnings) + " 处需要核对的问题";
  return "另有 " + what + "未列入上表（表中先列错误，后列需要核对的问题），详见" + l.full_list + "。";
}

// Everything on the page but the findings' rows.
int fixed_height(const ReviewLetter& l) {
  int h = lines_of(review_letter_title(l), kTextWidth / kTitleColumn) * kTitleLine + kTitleAfter;
  h += kBodyLine + body_height(opening(l));  // the agency addressed, what was found
  if (!l.contact.empty()) h += kAfterTable + body_height(l.contact);
  return h + 3 * kBodyLine;  // the blank line, signature and date
}

const char* kStyles = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:docDefaults>
    <w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
    <w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault>
  </w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr></w:style>
  <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>
  <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="nbTitle"><w:name w:val="公文标题"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="0" w:after="400" w:line="700" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="方正小标宋简体" w:hAnsi="Times New Roman"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="nbSalutation"><w:name w:val="主送单位"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="nbAfterTable"><w:name w:val="表后正文"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="240"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="nbSignature"><w:name w:val="落款"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0" w:right="640"/><w:jc w:val="right"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="nbCell"><w:name w:val="表格文字"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="264" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="nbCellCentred"><w:name w:val="表格文字（居中）"/><w:basedOn w:val="nbCell"/><w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>
</w:styles>
)";

const char* kSettings = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:balanceSingleByteDoubleByteWidth/><w:adjustLineHeightInTable/><w:useFELayout/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>
)";

const char* kFonts = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
  <w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
  <w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/><w:charset w:val="86"/><w:family w:val="script"/><w:pitch w:val="fixed"/></w:font>
</w:fonts>
)";

const char* kContentTypes = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>
)";

const char* kPackageRels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>
)";

const char* kDocumentRels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/></Relationships>
)";

std::string core_properties(const ReviewLetter& l) {
  const std::string date = l.date.size() == 10 ? l.date : "2000-01-01";
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>" + xml_escape(review_letter_title(l)) +
         "</dc:title><dc:creator>" + xml_escape(l.compiler) + "</dc:creator><cp:lastModifiedBy>nianbao</cp:lastModifiedBy>"
         "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + date + "T00:00:00Z</dcterms:created>"
         "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + date + "T00:00:00Z</dcterms:modified></cp:coreProperties>";
}

}  // namespace

std::string review_letter_title(const ReviewLetter& l) {
  return "关于" + l.agency + std::to_string(l.year) + "年政府信息公开工作年度报告的审核意见";
}

LetterPage plan_letter_page(const ReviewLetter& l) {
  LetterPage page;
  std::vector<const Diagnostic*> order;
  for (const auto& d : l.findings)
    if (d.is_error()) order.push_back(&d);
  for (const auto& d : l.findings)
    if (!d.is_error()) order.push_back(&d);
  if (order.empty()) return page;
  int room = kPageBudget - fixed_height(l) - row_height(kHeader);
  int all = 0;
  for (std::size_t i = 0; i < order.size(); ++i) all += row_height(finding_row(l, *order[i], static_cast<int>(i) + 1));
  if (all <= room) {  // everything fits: no sentence on what is left out
    page.shown = order;
    return page;
  }
  room -= kAfterTable + 2 * kBodyLine;  // the sentence on what is left out takes at most two lines
  for (const Diagnostic* d : order) {
    const int h = row_height(finding_row(l, *d, static_cast<int>(page.shown.size()) + 1));
    if (h > room && !page.shown.empty()) break;
    page.shown.push_back(d);
    room -= h;
  }
  for (std::size_t i = page.shown.size(); i < order.size(); ++i) (order[i]->is_error() ? page.left_out_errors : page.left_out_warnings)++;
  return page;
}

std::string review_letter_document_xml(const ReviewLetter& l) {
  std::string body = paragraph("nbTitle", review_letter_title(l));
  body += paragraph("nbSalutation", l.agency + "：");
  body += paragraph("", opening(l));
  const LetterPage page = plan_letter_page(l);
  if (!page.shown.empty()) body += findings_table(l, page.shown);
  if (page.left_out_errors + page.left_out_warnings > 0) body += paragraph("nbAfterTable", left_out_text(l, page));
  if (!l.contact.empty()) body += paragraph("nbAfterTable", l.contact);
  body += paragraph("", "");  // the signature stands apart from the text
  body += paragraph("nbSignature", l.compiler);
  body += paragraph("nbSignature", chinese_date(l.date));
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document " + std::string(kNamespaces) +
         "><w:body>" + body +
         "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
         "<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\" w:header=\"851\" w:footer=\"1134\" w:gutter=\"0\"/>"
         "<w:cols w:space=\"425\"/></w:sectPr></w:body></w:document>";
}

void write_review_letter(const ReviewLetter& l, const std::string& path) {
  write_zip(path, {{"[Content_Types].xml", kContentTypes},
                   {"_rels/.rels", kPackageRels},
                   {"docProps/core.xml", core_properties(l)},
                   {"word/_rels/document.xml.rels", kDocumentRels},
                   {"word/document.xml", review_letter_document_xml(l)},
                   {"word/fontTable.xml", kFonts},
                   {"word/settings.xml", kSettings},
                   {"word/styles.xml", kStyles}});
}

}  // namespace nianbao
