// The review an office sends back to an agency (…-审核意见.docx): a one-page letter in the style of
// the main document (GB/T 9704 margins, 2号小标宋 title, 3号仿宋 text) listing each finding on the
// agency's report, where it is in the agency's own terms and what to change. Generated
// WordprocessingML, no template; the complete list stays in 校验报告.txt.
#pragma once

#include <string>
#include <vector>

#include "model/diagnostics.h"

namespace nianbao {

/// What the letter says. Text is plain UTF-8; the writer escapes it.
struct ReviewLetter {
  std::string agency;     // "丰城市教育局"
  int year = 0;           // the year reported on
  std::string files;      // the file(s) it sent, by name: "FC003.xml", "年报.docx、FC003.xml"
  std::string compiler;   // the office that compiles the report: the letter's signature
  std::string date;       // YYYY-MM-DD, printed as 2026年1月1日
  std::string contact;    // "联系人：张三，电话：0795-1234567"; "" for none
  bool accepted = false;  // the report was accepted (the findings are to check), or sent back
  std::vector<Diagnostic> findings;  // errors and warnings on its file(s), in order
  /// Folders of the office's machine ("/data/2025/inputs"): left out of every text of the letter,
  /// which names the agency's files by their own names.
  std::vector<std::string> folders;
  std::string full_list = "校验报告.txt";  // where the findings that do not fit on the page are
};

/// What fits on the one page: the findings shown (errors first, then warnings, each in file
/// order) and how many are left out. The page is budgeted from the letter's own fonts, line
/// heights and column widths (review_letter.cpp), with a margin for fonts wider than planned.
struct LetterPage {
  std::vector<const Diagnostic*> shown;
  std::size_t left_out_errors = 0, left_out_warnings = 0;
};
LetterPage plan_letter_page(const ReviewLetter& letter);

/// "关于丰城市教育局2025年政府信息公开工作年度报告的审核意见".
std::string review_letter_title(const ReviewLetter& letter);

/// word/document.xml of the letter: title, the agency addressed, what was found, a table of
/// the findings of plan_letter_page (序号 and code / 位置 / 问题 / 修改意见; 位置 is the place
/// in the file — 第12行, 表2 第3行第4列, 第5段, sheet!D12, 全文, after the file's name when the
/// agency sent several — and the table cell in official labels), "另有 N 处……见 校验报告.txt"
/// when some did not fit, the office's contact, signature and date. One A4 page.
std::string review_letter_document_xml(const ReviewLetter& letter);

/// Writes the letter as a .docx at `path` (fixed dates and member order: the same letter gives
/// the same bytes). Throws std::runtime_error naming the path when it cannot be written.
void write_review_letter(const ReviewLetter& letter, const std::string& path);

}  // namespace nianbao
