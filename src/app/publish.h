// The output folder of a build: locked for the whole run, written through a staging folder
// inside it, each output then moved into place, and a line appended to its run log. A run that
// fails or is killed leaves the previous outputs as they were.
#pragma once

#include <string>
#include <vector>

namespace nianbao {

class OutputFolder {
 public:
  explicit OutputFolder(std::string dir);
  ~OutputFolder();
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  /// Locks the folder for the rest of the run when it exists (flock on the folder itself, so
  /// nothing is created in it; the system releases it when the process ends, however it ends).
  /// False, after saying so on standard error, when another run holds the lock.
  bool lock_if_exists();
  /// Creates the folder when it does not exist yet, and locks it unless already locked. False,
  /// after saying so on standard error (with the path and the cause), when it cannot be
  /// created or another run holds the lock.
  bool create_and_lock();
  /// Removes what runs killed while writing left behind (the lock guarantees none is running)
  /// and creates an empty staging folder inside the folder; returns its path.
  /// Throws std::runtime_error naming the staging folder and the cause when it cannot be created.
  std::string start_staging();
  /// Moves each of `names` (files and folders of the staging folder) into the folder, replacing
  /// what is there, then removes the staging folder. Throws std::runtime_error naming the output
  /// that could not be moved and why.
  void publish(const std::vector<std::string>& names);
  /// Removes the staging folder and whatever is in it (after a failure).
  void discard_staging();
  /// Appends `line` to 运行日志.txt in one write; a log that cannot be written is passed over.
  void append_run_log(const std::string& line) const;

 private:
  std::string dir_;
  std::string staging_;
  int lock_fd_ = -1;
  bool locked_ = false;
};

/// The local time as "2026-01-20 09:30:00", for the run log.
std::string local_time_text();

}  // namespace nianbao
