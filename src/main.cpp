// nianbao: options -> run() -> exit code.
#include "cli/cli.h"

int main(int argc, char** argv) { return nianbao::main_with_args(argc, argv); }
