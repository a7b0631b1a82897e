#include "app/run.h"

#include <malloc.h>

#include <iostream>
#include <memory>

#include "app/fatal.h"
#include "app/per_agency.h"
#include "app/progress.h"
#include "app/publish.h"
#include "app/read_inputs.h"
#include "app/render_outputs.h"
#include "app/review_stage.h"
#include "app/scan_inputs.h"
#include "app/setup.h"
#include "app/terminal_summary.h"
#include "app/timings.h"
#include "merge/merge.h"
#include "render/outputs.h"

namespace nianbao {

namespace {

// Everything a run reads and builds. At national scale it is a hundred thousand submissions,
// and freeing them one by one takes half a second; the process ends right after run(), so the
// state is left for the system to reclaim (kept reachable, so leak checkers stay quiet).
struct RunState {
  Setup setup;
  std::vector<InputFile> inputs;
  ReadInputs read;
  MergedReport merged;
};

struct LeaveToSystem {
  void operator()(RunState* state) const { kept = state; }
  static inline RunState* volatile kept = nullptr;  // volatile: the store must stay for leak checkers to see
};

// Every file is accepted, rejected or ignored for a reason: an ignored file without one was
// never looked at.
bool every_file_accounted_for(const std::vector<FileResult>& files) {
  for (const auto& f : files)
    if (f.outcome == FileOutcome::kIgnored && f.ignored_reason.empty()) return false;
  return true;
}

SummaryInfo summary_info(const Setup& setup, const MergedReport& merged) {
  SummaryInfo info;
  info.format = setup.format.id;
  info.year = setup.report.year;
  info.status = merged.complete() ? "complete" : "partial";
  return info;
}

// nianbao validate: the findings on the terminal and summary.json on standard output, nothing written.
int print_validation(const Options& o, const MergedReport& merged, const std::vector<FileResult>& files,
                     const SummaryInfo& info, Timings& timings, int status) {
  std::cerr << validation_report(merged, files);
  std::cout << summary_json(&merged, files, info);
  timings.mark("输出校验结果");
  if (o.timings) print_timings(timings);
  return status;
}

// Why nothing may be written (--strict with agencies missing or returned; two outputs that would
// be one file, as Windows sees names), printed; false when the outputs may be written.
bool refuse_outputs(const Options& o, const MergedReport& merged, const std::vector<FileResult>& files) {
  if (o.strict && !merged.complete()) {
    std::cerr << validation_report(merged, files);
    std::cerr << "\n--strict：有单位未报送或被退回，未生成任何输出（退出状态 2）。\n";
    return true;
  }
  if (o.per_agency) {
    Diagnostics clashes = agency_report_clashes(merged);
    if (!clashes.empty()) {
      print_fatal(Fatal{clashes.items()});
      return true;
    }
  }
  return false;
}

// Everything is written into a new generation folder inside output/, which then replaces the
// previous outputs in one step: a run that fails or is killed leaves all of them or none.
// False (after saying why) when writing failed and the previous outputs stay. Adds each output
// to `info.outputs`, as render_outputs does.
bool render_and_publish(const Options& o, const Setup& setup, const MergedReport& merged, SummaryInfo& info,
                        OutputFolder& output, Progress& progress, Timings& timings, WrittenOutputs& written,
                        std::vector<std::string>& notes) {
  if (!output.create_and_lock()) return false;
  try {
    std::string generation = output.start_generation();
    written = render_outputs(o, setup, merged, generation, info, progress, timings);
    notes = output.publish(written.names);
    timings.mark("移入输出目录");
    return true;
  } catch (const std::exception& e) {
    output.discard_generation();
    std::cerr << "生成输出时出错：" << e.what() << "\n之前的输出未被改动（退出状态 2）。\n";
    return false;
  }
}

}  // namespace

int run(const Options& o) {
  std::unique_ptr<RunState, LeaveToSystem> state(new RunState);
  RunState& st = *state;
  Timings timings;
  Progress progress(true);
  const bool validate_only = o.command == Command::kValidate;
  // The output folder is locked for the whole run when it exists; a folder that does not exist
  // yet is created (and locked) only when there is something to write, so that a run that
  // writes nothing leaves no trace.
  OutputFolder output(o.output);
  if (!validate_only && !output.lock_if_exists()) return 2;
  try {
    st.inputs = scan_and_set_up(o, !validate_only, st.setup);
  } catch (const Fatal& f) {
    print_stopped_run(f, validate_only);
    return 2;
  }
  timings.mark("准备（报告文件、格式、模板）");

  st.read = read_inputs(st.inputs, st.setup, o.threads, progress, timings);
  // The list of files is not needed once they are read (each result keeps its path): at national
  // scale it is 35 MB that the review's index can use instead.
  std::vector<InputFile>().swap(st.inputs);
  malloc_trim(0);
  const std::vector<FileResult>& files = st.read.files;
  st.merged = merge_report(st.setup.report, st.setup.format, st.read.files, st.read.submissions,
                           st.setup.has_previous ? &st.setup.previous : nullptr);
  timings.mark("汇总");
  review_accepted(st.merged, st.setup.last_year ? &*st.setup.last_year : nullptr, o.threads);
  timings.mark("审核");
  const MergedReport& merged = st.merged;
  if (!every_file_accounted_for(files)) {
    std::cerr << "内部错误：有文件没有处理结果。\n";
    return 2;
  }

  const int status = merged.complete() ? 0 : 1;
  SummaryInfo info = summary_info(st.setup, merged);
  if (validate_only) return print_validation(o, merged, files, info, timings, status);
  if (refuse_outputs(o, merged, files)) return 2;

  WrittenOutputs written;
  std::vector<std::string> notes;
  if (!render_and_publish(o, st.setup, merged, info, output, progress, timings, written, notes)) return 2;
  progress.finish();
  print_terminal_summary(merged, info, written);
  for (const auto& note : notes) std::cerr << "新的输出已全部生成，但" << note << "\n";
  if (std::string why = output.append_run_log(run_log_line(merged, o.inputs, status)); !why.empty())
    std::cerr << why << "\n";
  if (o.timings) print_timings(timings);
  return status;
}

}  // namespace nianbao
