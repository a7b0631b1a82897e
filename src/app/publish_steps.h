// The file-system steps of publishing (app/publish.h), each relative to the output folder's
// descriptor and each counted by a test hook: NIANBAO_FAULT=publish:N makes step N fail with EIO,
// publish:kill:N kills the process (SIGKILL) just before it, publish:trace lists every step on
// standard error (docs/operations.md). Nothing here follows a symbolic link it did not make.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace nianbao {

/// A step of publishing that failed: the operation, the path (as the user names the output
/// folder) and the cause, in Chinese.
struct PublishError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class PublishSteps {
 public:
  /// `dir_fd` is the output folder (kept open by the caller); `shown` is how the user names it.
  PublishSteps(int dir_fd, std::string shown);

  /// What is at `path`: kNone when nothing is there (not even a dangling link).
  enum class Kind { kNone, kFile, kFolder, kLink, kOther };
  Kind kind_of(const std::string& path) const;
  /// The text of the symbolic link at `path`; "" when it is not one.
  std::string link_text(const std::string& path) const;
  /// The names in folder `path` ("." and ".." left out); empty when it cannot be read.
  std::vector<std::string> names_in(const std::string& path) const;

  /// Creates folder `path` (mkdir: it is then ours and empty). Throws PublishError.
  void make_folder(const std::string& path);
  /// Creates the symbolic link `path` holding `text` (never replaces anything). Throws.
  void make_link(const std::string& text, const std::string& path);
  /// Renames `from` to `to`, replacing what `to` is (atomically). Throws.
  void rename(const std::string& from, const std::string& to);
  /// Exchanges `a` and `b` atomically (renameat2 RENAME_EXCHANGE). False, with nothing changed,
  /// when the file system cannot; throws on any other failure.
  bool exchange(const std::string& a, const std::string& b);
  /// Gives the file `from` a second name `to` (a hard link; a copy where the file system has none),
  /// or, for a folder, makes folder `to` and does so for everything in it. Throws.
  void link_tree(const std::string& from, const std::string& to);
  /// Removes the link or file `path`. Throws.
  void remove_entry(const std::string& path);
  /// Removes `path` and, for a folder, everything in it (making folders writable first when
  /// their mode is what stops it). False with `cause` set when something is left.
  bool remove_tree(const std::string& path, std::string& cause);
  /// Makes everything written to the output folder's file system so far durable (syncfs; each
  /// folder that changed is also fsynced by sync_folder). Throws.
  void sync_all();
  void sync_folder(const std::string& path);

  /// `path` as the user would write it: "<output>/<path>".
  std::string shown(const std::string& path) const;

 private:
  // Counts a step; false (errno = EIO) when the hook fails it; never returns when it kills.
  bool go(const char* what, const std::string& path);
  [[noreturn]] void fail(const char* what, const std::string& path, int err) const;
  bool remove_at(int parent, const std::string& name, const std::string& path, std::string& cause);

  int dir_;
  std::string shown_;
  int fail_at_ = 0;
  bool kill_ = false;
  bool trace_ = false;
  int count_ = 0;
};

}  // namespace nianbao
