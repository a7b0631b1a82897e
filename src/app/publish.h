// The output folder of a build: locked for the whole run, its outputs replaced all at once. A run
// writes a new generation, output/.nianbao/gen-<N>/, and then switches the link output/current to
// it in one rename(2); the names users open (output/<title>.xlsx …) are links <name> → current/<name>.
// A run that fails or is killed at any instant leaves all the previous outputs or all the new ones.
// The layout is described in docs/operations.md.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/publish_steps.h"

namespace nianbao {

class OutputFolder {
 public:
  explicit OutputFolder(std::string dir);
  ~OutputFolder();
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  /// Locks the folder for the rest of the run when it exists (flock on the folder itself, so
  /// nothing is created in it and the lock holds across switches; the system releases it when the
  /// process ends, however it ends). False, after saying so on standard error, when another run
  /// holds the lock.
  bool lock_if_exists();
  /// Creates the folder when it does not exist yet, and locks it unless already locked. False,
  /// after saying so on standard error (with the path and the cause), when it cannot be
  /// created or another run holds the lock.
  bool create_and_lock();
  /// Needs the lock. Checks that .nianbao and current are this program's (a folder, a link into
  /// it), removes what runs killed while publishing left there, and creates an empty generation
  /// folder of this run (mkdir: nobody else's); returns its path. Throws PublishError, with
  /// nothing visible in the folder changed.
  std::string start_generation();
  /// Publishes the generation, whose files and folders are `names`: makes it durable, takes over
  /// files an earlier version of the program wrote in place (hard links, so their content never
  /// changes), makes a link for each name, then switches `current`. Throws PublishError before
  /// the switch, when every visible output is as it was (links made for new names are removed
  /// again). After the switch nothing throws: the returned sentences say what could not be
  /// cleaned up (links of names the new outputs lack, the previous generation).
  std::vector<std::string> publish(const std::vector<std::string>& names);
  /// Removes the generation folder of this run (after a failure).
  void discard_generation();
  /// Appends `line` to 运行日志.txt in one write, through a descriptor opened with O_NOFOLLOW |
  /// O_APPEND (a link planted there is never followed). Returns "" or a sentence saying why the
  /// log was not written.
  std::string append_run_log(const std::string& line) const;

 private:
  void adopt_earlier_outputs(const std::vector<std::string>& entries, std::vector<std::string>& notes);
  void point_current_at(const std::string& generation);
  std::string temp_name();
  std::vector<std::string> earlier_output_names() const;

  std::string dir_;
  int lock_fd_ = -1;
  bool locked_ = false;
  std::unique_ptr<PublishSteps> steps_;
  std::string generation_;          // ".nianbao/gen-<N>" of this run, once started
  std::string current_generation_;  // what current points to (".nianbao/…"), "" when nothing
  int next_gen_ = 1;
  int temp_count_ = 0;
};

/// The local time as "2026-01-20 09:30:00", for the run log.
std::string local_time_text();

/// The strings of the "outputs" array of a summary.json text (JSON-unescaped); empty when there
/// is none.
std::vector<std::string> summary_output_list(const std::string& summary_json);

}  // namespace nianbao
