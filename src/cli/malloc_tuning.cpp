#include "cli/malloc_tuning.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

namespace nianbao {

// A national run keeps about 800 MB of submissions and output buffers, built on several threads.
// With glibc's defaults that memory is faulted in 4 KiB at a time, spread over an arena per
// thread and partly handed back and faulted in again: the kernel's page handling was a third of
// the run's CPU time. Transparent huge pages for the heap (glibc.malloc.hugetlb=1) and two arenas
// (one per core) take a national run from about 5 s to about 3.5 s here. A freed heap top of up
// to 64 MiB is kept for reuse (glibc.malloc.trim_threshold): readers free an archive's parts and
// buffers after every file, and glibc's default handed that memory back to the kernel after each
// one (madvise, a TLB shootdown on every core) only for the next file to fault it in again, a
// third of the CPU time of reading 1,000 .xlsx forms. Setting that turns off glibc's moving
// mmap threshold, so it is set too (4 MiB): without it every buffer over 128 KiB was mapped and
// unmapped again, about 8 % more CPU time for 10,000 XML submissions. glibc reads these
// tunables only at start-up, so the program starts itself once more with them set. Settings the
// user made are kept; under Valgrind (which runs the program itself) nothing is changed.
void start_with_malloc_tuning(char** argv) {
  if (std::getenv("NIANBAO_MALLOC_TUNED")) {
    // Started again: glibc has read the tunables. Programs this one starts (LibreOffice for
    // --pdf) get the environment as the user set it.
    const char* original = std::getenv("NIANBAO_ORIGINAL_TUNABLES");
    if (original && *original) ::setenv("GLIBC_TUNABLES", original, 1);
    else if (original) ::unsetenv("GLIBC_TUNABLES");
    ::unsetenv("NIANBAO_ORIGINAL_TUNABLES");
    return;
  }
  const char* preload = std::getenv("LD_PRELOAD");
  if (preload && std::strstr(preload, "vgpreload")) return;
  const char* given = std::getenv("GLIBC_TUNABLES");
  const bool had_tunables = given != nullptr;
  const std::string original = given ? given : "";  // setenv below may free what given points to
  std::string tunables = original;
  static constexpr const char* kTunables[][2] = {{"glibc.malloc.hugetlb", "1"},
                                                 {"glibc.malloc.arena_max", "2"},
                                                 {"glibc.malloc.trim_threshold", "67108864"},
                                                 {"glibc.malloc.mmap_threshold", "4194304"}};
  for (const auto& [name, value] : kTunables)
    if (tunables.find(name) == std::string::npos)
      tunables += std::string(tunables.empty() ? "" : ":") + name + "=" + value;
  if (::setenv("NIANBAO_MALLOC_TUNED", "1", 1) != 0 || ::setenv("NIANBAO_ORIGINAL_TUNABLES", original.c_str(), 1) != 0 ||
      ::setenv("GLIBC_TUNABLES", tunables.c_str(), 1) != 0)
    return;
  ::execv("/proc/self/exe", argv);
  // Could not start again (no /proc, or under qemu-user without binfmt, where the emulated exec of
  // /proc/self/exe is an arm64 file the kernel cannot run): run as we are, with glibc's defaults,
  // and the environment as the user set it for the programs this one starts.
  if (had_tunables) ::setenv("GLIBC_TUNABLES", original.c_str(), 1);
  else ::unsetenv("GLIBC_TUNABLES");
  ::unsetenv("NIANBAO_ORIGINAL_TUNABLES");
  ::unsetenv("NIANBAO_MALLOC_TUNED");
}

}  // namespace nianbao
