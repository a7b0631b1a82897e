#include "app/pdf.h"

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <vector>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace nianbao {

namespace fs = std::filesystem;

namespace {

// Runs a program without a shell (paths may hold any character); returns its exit status, or
// -1 when it could not be started.
int run_program(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

bool have_program(const char* name) {
  const char* path = std::getenv("PATH");
  if (!path) return false;
  std::string p = path;
  for (std::size_t b = 0; b <= p.size();) {
    std::size_t e = p.find(':', b);
    if (e == std::string::npos) e = p.size();
    std::string dir = p.substr(b, e - b);
    if (!dir.empty() && ::access((dir + "/" + name).c_str(), X_OK) == 0) return true;
    b = e + 1;
  }
  return false;
}

bool convert_to_pdf(const std::string& docx, const std::string& dir) {
  std::string profile = dir + "/.lo-profile";
  int rc = run_program({"soffice", "-env:UserInstallation=file://" + fs::absolute(profile).string(), "--headless",
                        "--convert-to", "pdf", "--outdir", dir, docx});
  std::error_code ec;
  fs::remove_all(profile, ec);
  return rc == 0;
}

}  // namespace nianbao
