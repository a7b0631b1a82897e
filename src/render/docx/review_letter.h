// The review an office sends back to an agency (…-审核意见.docx): a one-page letter in the style of
// the main document (GB/T 9704 margins, 2号小标宋 title, 3号仿宋 text) listing each finding on the
// agency's report, where it is and what to change. Generated WordprocessingML, no template.
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
};

/// "关于丰城市教育局2025年政府信息公开工作年度报告的审核意见".
std::string review_letter_title(const ReviewLetter& letter);

/// word/document.xml of the letter: title, the agency addressed, what was found, a table of
/// the findings (序号 and code / 位置 / 问题 / 修改意见; 位置 is the place in the file — 第12行,
/// 表2 第3行第4列, 第5段, sheet!D12, 全文 — and the table cell in official labels), the office's
/// contact, signature and date.
std::string review_letter_document_xml(const ReviewLetter& letter);

/// Writes the letter as a .docx at `path` (fixed dates and member order: the same letter gives
/// the same bytes). Throws std::runtime_error naming the path when it cannot be written.
void write_review_letter(const ReviewLetter& letter, const std::string& path);

}  // namespace nianbao
