#include "app/scan_inputs.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <dirent.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/fatal.h"

namespace nianbao {

namespace fs = std::filesystem;

namespace {

// Why an entry is not a submission, whatever its extension: it is in a folder that is not for
// submissions (`inherited`, the folder's reason), or its name says so: Office's lock files (~$…),
// hidden files (._FC001.xml, which macOS writes beside every file it copies), the __MACOSX folder
// of a zip made on a Mac, hidden folders. Empty for everything else.
std::string not_a_submission(const std::string& inherited, const char* name, bool folder) {
  if (!inherited.empty()) return inherited;
  if (folder) {
    if (std::strcmp(name, "__MACOSX") == 0) return "在 macOS 压缩包附带的 __MACOSX 文件夹中";
    if (name[0] == '.') return "在隐藏文件夹中";
    return "";
  }
  if (std::strncmp(name, "~$", 2) == 0) return "Office 临时锁定文件";
  if (name[0] == '.') return "隐藏文件";
  return "";
}

std::string errno_text(int err) { return std::error_code(err, std::generic_category()).message(); }

// Lists an opened folder and its sub-folders with readdir (and closes it): a hundred thousand
// entries through std::filesystem's path objects cost a third of a second.
// Files in a folder that is itself not for submissions (`ignore` says why) are listed, each as ignored.
// The output folder of the run, by device and inode (st_ino 0: there is none).
struct Skip {
  dev_t dev = 0;
  ino_t ino = 0;
};

void scan_folder(DIR* d, const std::string& fs_dir, const std::string& display_dir, std::vector<InputFile>& out,
                 const std::string& ignore, const Skip& output) {
  while (const dirent* e = ::readdir(d)) {
    const char* name = e->d_name;
    if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0) continue;
    InputFile f;
    f.fs_path = fs_dir + "/" + name;
    f.display = display_dir + "/" + name;
    unsigned char type = e->d_type;
    if (type == DT_UNKNOWN || type == DT_LNK) {
      struct stat st {};
      if (::lstat(f.fs_path.c_str(), &st) == 0)
        type = S_ISLNK(st.st_mode) ? DT_LNK : S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
    }
    if (type == DT_LNK) {
      struct stat st {};
      if (::stat(f.fs_path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
        // Not followed (a link can loop back), but listed so that nothing is passed over unseen.
        f.note = "指向文件夹的链接，其中的文件未读取";
        f.ignore = not_a_submission(ignore, name, true);
        out.push_back(std::move(f));
        continue;
      }
    }
    if (type == DT_DIR && output.ino != 0) {
      struct stat st {};
      if (::stat(f.fs_path.c_str(), &st) == 0 && st.st_dev == output.dev && st.st_ino == output.ino) {
        f.ignore = "本次运行的输出目录（--output），其中的文件是本程序生成的，不读取";
        out.push_back(std::move(f));
        continue;
      }
    }
    if (type == DT_DIR) {
      std::string why = not_a_submission(ignore, name, true);
      DIR* sub = nullptr;
      if (::access(f.fs_path.c_str(), R_OK | X_OK) != 0) {
        f.note = "无法读取的文件夹（没有权限），其中的文件未读取";
      } else if (!(sub = ::opendir(f.fs_path.c_str()))) {
        // Too many open files, or gone since it was listed: listed all the same, never skipped unseen.
        f.note = "无法打开的文件夹（" + errno_text(errno) + "），其中的文件未读取";
      }
      if (sub) {
        scan_folder(sub, f.fs_path, f.display, out, why, output);
      } else {
        f.ignore = why;
        out.push_back(std::move(f));
      }
      continue;
    }
    f.ignore = not_a_submission(ignore, name, false);
    if (f.ignore.empty()) f.kind = input_kind(name);
    out.push_back(std::move(f));
  }
  ::closedir(d);
}

bool has_extension(const char* name, std::size_t len, const char* ext) {
  const std::size_t n = std::strlen(ext);
  return len > n && ::strcasecmp(name + len - n, ext) == 0;
}

}  // namespace

bool same_folder(const std::string& a, const std::string& b) {
  struct stat sa {}, sb {};
  return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && S_ISDIR(sa.st_mode) && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

InputKind input_kind(const char* name) {
  const std::size_t len = std::strlen(name);
  if (has_extension(name, len, ".xml")) return InputKind::kXml;
  if (has_extension(name, len, ".xlsx")) return InputKind::kForm;
  if (has_extension(name, len, ".docx")) return InputKind::kWordReport;
  for (const char* ext : {".xls", ".xlsm", ".xlsb", ".et", ".ods"})
    if (has_extension(name, len, ext)) return InputKind::kSpreadsheet;
  return InputKind::kOther;
}

std::vector<InputFile> scan_inputs(const std::string& dir, const std::string& output) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) fatal("E501", SourceLocation{dir, 0, 0}, "输入目录不存在或不是目录。");
  if (::access(dir.c_str(), R_OK | X_OK) != 0) fatal("E501", SourceLocation{dir, 0, 0}, "无法读取输入目录（没有权限）。");
  std::string base = dir;
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  DIR* d = ::opendir(base.c_str());
  if (!d) {
    int err = errno;
    fatal("E501", SourceLocation{dir, 0, 0}, "无法打开输入目录（" + errno_text(err) + "）。");
  }
  Skip skip;
  struct stat st {};
  if (!output.empty() && ::stat(output.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) skip = Skip{st.st_dev, st.st_ino};
  std::vector<InputFile> files;
  scan_folder(d, base, base, files, "", skip);
  std::sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) { return a.display < b.display; });
  return files;
}

}  // namespace nianbao
