#include "cli/cli.h"

#include <iostream>

namespace nianbao {

int main_with_args(int, char**) {
  std::cerr << "尚未实现\n";
  return 2;
}

}  // namespace nianbao
