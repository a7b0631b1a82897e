// The malloc settings nianbao runs with (glibc tunables, read only at start-up: the program
// starts itself once more with them). Why each one: malloc_tuning.cpp. The benchmark tools call
// it too, so that they measure the readers as a run uses them.
#pragma once

namespace nianbao {

/// Call first thing in main, with main's argv: returns in the process that runs (after starting
/// itself again with the tunables set, or as it is when that cannot be done).
void start_with_malloc_tuning(char** argv);

}  // namespace nianbao
