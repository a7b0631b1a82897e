// The render stage of a build: every output written into the staging folder by two threads that
// take the outputs (the workbook, the document and its PDF, each agency's own report, the agency
// CSV, 各单位数据.xml, merged.xml, the validation report, summary.json) from one list.
#pragma once

#include <string>
#include <vector>

#include "app/options.h"
#include "app/progress.h"
#include "app/setup.h"
#include "app/timings.h"
#include "model/merged_report.h"
#include "render/outputs.h"

namespace nianbao {

/// What a build wrote into the staging folder.
struct WrittenOutputs {
  std::vector<std::string> names;  // files and folders in the staging folder, in the order they are moved into output/
  std::string pdf_note;            // with --pdf: why no PDF was written ("" when it was)
  std::string per_agency_note;     // with --per-agency: how many agency reports, and where
};

/// Writes every output of `merged` into `staging`: <title>.xlsx, <title>.docx, merged.xml,
/// 校验报告.txt, summary.json, <title>-各单位明细.csv, 各单位数据.xml, and <title>.pdf (--pdf,
/// when LibreOffice is there and succeeds) and agencies/ (--per-agency: each agency's own report,
/// and the review sent back to each agency that sent a file). A partial report is marked 草稿 in the
/// workbook and the document. Adds each output, as the user names it under --output, to
/// `info.outputs` (agencies/ after summary.json is written, so summary.json does not list it).
/// Adds the stages of the writers to `timings`, ending with 输出合计（并行）.
/// Throws what the writers throw (std::runtime_error and the like), after the workbook's thread
/// has ended.
WrittenOutputs render_outputs(const Options& o, const Setup& s, const MergedReport& merged, const std::string& staging,
                              SummaryInfo& info, Progress& progress, Timings& timings);

}  // namespace nianbao
