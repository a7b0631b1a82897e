// The read stage: every input file read and validated on all cores (as many worker threads as
// --threads or the machine's cores), each one accepted, rejected or ignored.
#pragma once

#include <vector>

#include "app/progress.h"
#include "app/scan_inputs.h"
#include "app/setup.h"
#include "app/timings.h"
#include "model/merged_report.h"
#include "model/report.h"

namespace nianbao {

/// What the read stage yields: what merge_report takes.
struct ReadInputs {
  std::vector<FileResult> files;        // one per input, in the order of the inputs (sorted by path)
  // One per input as well: files[i]'s submission, accepted or not, is submissions[i] when
  // files[i].submission == i; an input read as no submission leaves its place empty.
  std::vector<Submission> submissions;
};

/// Reads and validates every file of `inputs` but the report file, which is listed as accepted
/// with the setup's warnings; each kind of input (InputFile::kind) by its own reader, each
/// submission then through validate_submission. A file that is not a submission by its name or
/// folder, or of no kind read, is ignored, as is an .xml whose root element is neither
/// <submission> nor <report> (W009), an .xlsx that is no nianbao form (W720) and a .docx that is
/// no annual report (W828); a folder that could not be read is rejected (E001), and so is a
/// second report file (E502) and a spreadsheet in a format not read (.xls, .et, .ods …: E735,
/// with the advice to save it as .xlsx). An unreadable file keeps the agency it names, if it can
/// be told (the agency code near the top of an .xml; for a spreadsheet, a roster code heading its
/// file name, "<code>-<name>.xlsx"; the roster name in a .docx's file name). `threads` 0 means all
/// cores. Ticks `progress` once per file; adds the stages 读取 and 校验 to `timings`.
ReadInputs read_inputs(const std::vector<InputFile>& inputs, const Setup& setup, int threads, Progress& progress,
                       Timings& timings);

}  // namespace nianbao
