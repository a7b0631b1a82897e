// The command line (Boost.Program_options): parses arguments into a command and its options and
// runs it. All messages are in Simplified Chinese.
#pragma once

namespace nianbao {

/// Parses argv, runs the command, returns the process exit status (0, 1 or 2 per the spec).
int main_with_args(int argc, char** argv);

}  // namespace nianbao
