// A run killed at any moment (SIGKILL: no chance to clean up) leaves the previous outputs as
// they were, byte for byte, or all the new ones, and the next run goes ahead. The moments: at
// random while the run works, and deterministically at every step of publishing (the test hook
// NIANBAO_FAULT=publish:kill:N, docs/operations.md).
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
    // What a user can open: a link made for a name of the new run dangles until the switch, one
    // left from the earlier run dangles after it until it is tidied away; neither shows anything.
    std::error_code ec;
    if (e.is_symlink() && !fs::exists(e.path(), ec)) continue;
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
    // What a completed run leaves: the same inputs give the same bytes as the timing run's, and
    // nothing of the earlier run's beside them (its other names are gone).
    std::map<std::string, std::string> completed;
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
    std::string changed;
    for (const auto& [name, bytes] : now)
      if (!expected.count(name) || expected.at(name) != bytes) changed += name + " ";
    for (const auto& [name, bytes] : expected)
      if (!now.count(name)) changed += name + "(gone) ";
    INFO("differs from the previous outputs in: " << changed);
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

namespace {

const fs::path kBasicInputs = fs::path(NIANBAO_TEST_DATA) / "e2e" / "basic";

// A shell's status for a child it saw killed by SIGKILL (or -1 when the shell itself was).
bool was_killed(int status) { return status == 128 + SIGKILL || status == -1; }

// The two sets of outputs of the sweeps: the previous run (with --pdf, so that a PDF is there to
// be taken away) and the new one (another agency missing, no --pdf). `start` is the output
// folder the new run finds; `out` where it runs.
struct Sweep {
  fs::path dir, new_inputs, out, start, bin;

  std::string new_options;

  Sweep(const std::string& name, const std::string& old_options, std::string new_opts)
      : dir(temp_dir(name)), new_options(std::move(new_opts)) {
    new_inputs = dir / "new-inputs";
    copy_tree(kBasicInputs, new_inputs);
    fs::remove(new_inputs / "czj.xml");
    out = dir / "out";
    start = dir / "start";
    bin = fake_soffice(dir);
    REQUIRE(run("", kBasicInputs, old_options) == 1);
    fs::rename(out, start);
  }
  ~Sweep() { fs::remove_all(dir); }

  int run(const std::string& env, const fs::path& inputs, const std::string& extra, const std::string& log = "run") const {
    return run_command(env + " PATH='" + bin.string() + "':\"$PATH\" " + NIANBAO_BIN + " build --inputs '" + inputs.string() +
                       "' --output '" + out.string() + "' " + extra + " >'" + (dir / log).string() + ".out' 2>'" +
                       (dir / log).string() + ".err'");
  }
  int run_new(const std::string& env) const { return run(env, new_inputs, new_options); }
  std::string err() const { return slurp(dir / "run.err"); }

  // An earlier version wrote every output in place: the same files, as plain files and folders.
  void make_start_of_earlier_version() {
    fs::path earlier = dir / "earlier";
    for (const auto& [path, bytes] : visible_outputs(start)) {
      fs::create_directories((earlier / path).parent_path());
      std::ofstream(earlier / path, std::ios::binary) << bytes;
    }
    fs::copy_file(start / "运行日志.txt", earlier / "运行日志.txt");
    fs::remove_all(start);
    fs::rename(earlier, start);
  }

  // What a run of the new inputs that nobody disturbs leaves, from `start`.
  std::map<std::string, std::string> new_outputs() const {
    copy_tree(start, out);
    REQUIRE(run_new("") == 1);
    auto files = visible_outputs(out);
    fs::remove_all(out);
    return files;
  }
};

// Only this run's generation is left in .nianbao, and no temporary names in the folder.
bool tidy(const fs::path& out) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(out / ".nianbao")) names.push_back(e.path().filename());
  for (const auto& e : fs::directory_iterator(out))
    if (e.path().filename().string().rfind(".nianbao-", 0) == 0) return false;
  return names.size() == 1 && fs::read_symlink(out / "current") == fs::path(".nianbao") / names[0];
}

// Kills the new run at every step of publishing from `sweep.start`, checking after each kill that
// output/ shows all the previous outputs or all the new ones, and that the next run completes.
// Returns the number of steps covered.
int kill_at_every_step(Sweep& sweep) {
  const auto before = visible_outputs(sweep.start), after = sweep.new_outputs();
  REQUIRE(before != after);
  REQUIRE(before.count("测试市2025年政府信息公开工作年度报告.pdf"));
  REQUIRE(!after.count("测试市2025年政府信息公开工作年度报告.pdf"));
  int step = 1;
  for (;; ++step) {
    copy_tree(sweep.start, sweep.out);
    int status = sweep.run_new("NIANBAO_FAULT=publish:kill:" + std::to_string(step));
    if (!was_killed(status)) {
      CHECK(status == 1);  // past the last step: a run like any other
      CHECK(visible_outputs(sweep.out) == after);
      break;
    }
    INFO("killed before step " << step);
    auto now = visible_outputs(sweep.out);
    std::string differs;
    for (const auto& [name, bytes] : after)
      if (!now.count(name) || now[name] != bytes) differs += name + " ";
    INFO("differs from the new outputs in: " << differs);
    CHECK((now == before || now == after));
    CHECK(sweep.run_new("") == 1);  // what the killed run left does not hinder the next
    CHECK(visible_outputs(sweep.out) == after);
    CHECK(tidy(sweep.out));
    fs::remove_all(sweep.out);
  }
  fs::remove_all(sweep.out);
  return step - 1;
}

}  // namespace

TEST_CASE("killed at any step of publishing over outputs of this version: all old or all new", "[e2e][kill]") {
  // The new outputs add agencies/ and drop the PDF: links made before the switch, one removed after.
  Sweep sweep("kill-steps", "--pdf", "--per-agency");
  int steps = kill_at_every_step(sweep);
  CHECK(steps >= 7);
  WARN("steps of publishing killed: " << steps);
}

TEST_CASE("killed at any step of publishing over outputs of an earlier version: all old or all new", "[e2e][kill]") {
  // agencies/ is a folder there: exchanged with its link.
  Sweep sweep("kill-steps-earlier", "--per-agency --pdf", "--per-agency");
  sweep.make_start_of_earlier_version();
  int steps = kill_at_every_step(sweep);
  CHECK(steps >= 25);  // taking over the files in place comes first
  WARN("steps of publishing killed: " << steps);
}
