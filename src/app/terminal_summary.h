// What the clerk reads on the terminal after a run: the counts, each rejected file with its
// errors, each missing agency, the review's findings and the outputs written; or, for a run
// that stops, its findings. Also the line a build appends to the run log.
#pragma once

#include <string>
#include <vector>

#include "app/fatal.h"
#include "app/render_outputs.h"
#include "model/merged_report.h"
#include "render/outputs.h"

namespace nianbao {

/// How many of `files` were ignored.
std::size_t ignored_count(const std::vector<FileResult>& files);

/// The summary of a build that wrote its outputs, on standard output: the report's title, the
/// roster counts (and the rejected files no roster agency claims, and the ignored files), each
/// rejected file with its errors, each missing agency, the review of accepted reports (the
/// first ten agencies in full, then how many more), the outputs (`info.outputs`), the draft
/// note of a partial report and the notes of --pdf and --per-agency.
void print_terminal_summary(const MergedReport& merged, const SummaryInfo& info, const WrittenOutputs& written);

/// A run stopped by `f` (exit 2): its findings on standard error; for validate also a
/// summary.json of status failed on standard output.
void print_stopped_run(const Fatal& f, bool validate_only);

/// The line appended to 运行日志.txt after a build: time, 完成/部分, the roster counts, the inputs
/// folder and the exit status.
std::string run_log_line(const MergedReport& merged, const std::string& inputs, int status);

}  // namespace nianbao
