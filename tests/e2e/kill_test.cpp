// A run killed at any moment (SIGKILL: no chance to clean up) leaves the previous outputs as
// they were, byte for byte, and the next run goes ahead.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "e2e_run.h"
#include "ooxml_read.h"

using namespace nianbao::test;
namespace fs = std::filesystem;

namespace {


// The visible files of the output folder and their bytes.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string name = e.path().filename();
    if (name[0] == '.' || name == "运行日志.txt") continue;  // hidden staging folders; the log only grows
    out[name] = e.is_regular_file() ? slurp(e.path()) : "(folder)";
  }
  return out;
}

}  // namespace

TEST_CASE("a run killed with SIGKILL while working leaves the previous outputs byte-identical", "[e2e][kill]") {
  fs::path dir = fs::temp_directory_path() / ("nianbao-kill-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // The previous run: a small county. The killed run: 3,000 agencies, long enough to be caught
  // reading, checking and writing.
  fs::path small = fs::path(NIANBAO_TEST_DATA) / "e2e" / "basic", big = dir / "big", out = dir / "out";
  REQUIRE(run_command(std::string(NIANBAO_GEN) + " 3000 '" + big.string() + "'") == 0);
  REQUIRE(run_command(std::string(NIANBAO_BIN) + " build --inputs '" + small.string() + "' --output '" + out.string() +
                      "' >/dev/null 2>&1") == 1);
  const auto before = snapshot(out);
  REQUIRE(before.size() >= 5);

  // Measure how long a full run of the big folder takes elsewhere, then kill runs at moments across it.
  // The fastest of three runs: a first run that reads the files from disk rather than from the
  // cache would put the later moments after the end of the runs that are killed.
  double full = 1e9;
  for (int k = 0; k < 3; ++k) {
    auto t0 = std::chrono::steady_clock::now();
    REQUIRE(run_command(std::string(NIANBAO_BIN) + " build --inputs '" + big.string() + "' --output '" +
                        (dir / "timing").string() + "' >/dev/null 2>&1") == 0);
    full = std::min(full, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  int killed = 0;
  auto attempt = [&](double fraction) {
    const auto expected = snapshot(out);  // a run that was not caught in time has changed them
    // What a completed run leaves: the same inputs give the same bytes as the timing run's.
    auto completed = expected;
    for (const auto& [name, bytes] : snapshot(dir / "timing")) {
      std::string b = bytes;  // summary.json names the output folder
      for (std::size_t p; (p = b.find((dir / "timing").string())) != std::string::npos;) b.replace(p, (dir / "timing").string().size(), out.string());
      completed[name] = b;
    }
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, 1);
      ::dup2(null, 2);
      ::execl(NIANBAO_BIN, NIANBAO_BIN, "build", "--inputs", big.c_str(), "--output", out.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(full * fraction));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) ++killed;
    INFO("killed at " << fraction * 100 << "% of a run of " << full << " s");
    // All or nothing: the previous outputs untouched, or (killed after committing) the new ones
    // complete — never a mixture.
    auto now = snapshot(out);
    std::string differs;
    for (const auto& [name, bytes] : completed)
      if (!now.count(name) || now[name] != bytes) differs += name + " ";
    INFO("differs from the completed run in: " << differs);
    CHECK((now == expected || now == completed));
  };
  for (double fraction : {0.05, 0.2, 0.4, 0.6, 0.75, 0.9, 0.97}) attempt(fraction);
  // A loaded machine can make the killed runs faster than the timing runs: more moments, earlier
  // in the run, until most have caught a run at work.
  for (int extra = 0; killed < 4 && extra < 12; ++extra) attempt(0.05 + 0.04 * extra);
  CHECK(killed >= 4);  // most of the moments fall inside the run
  // The next run is not hindered by what the killed ones left behind.
  CHECK(run_command(std::string(NIANBAO_BIN) + " build --inputs '" + small.string() + "' --output '" + out.string() +
                    "' >/dev/null 2>&1") == 1);
  auto after = snapshot(out);
  for (const auto& [name, bytes] : before) CHECK(after[name] == bytes);  // the same inputs, the same bytes
  for (const auto& e : fs::directory_iterator(out)) CHECK(e.path().filename().string().rfind(".nianbao-staging-", 0) != 0);
  fs::remove_all(dir);
}
