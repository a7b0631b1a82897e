// nianbao: options -> run() -> exit code.
#include "cli/cli.h"
#include "cli/malloc_tuning.h"

int main(int argc, char** argv) {
  nianbao::start_with_malloc_tuning(argv);
  return nianbao::main_with_args(argc, argv);
}
