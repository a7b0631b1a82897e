// Reads zip archives that may be hostile (a clerk's .xlsx form, a .docx report): bounded in
// members and inflated bytes, names checked, every fault a ZipStatus (code and Chinese message),
// never a crash. Writing zips is zip/zip_writer.h; minizip and zlib stay in the .cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao {

/// An archive file larger than this is not read (E003, as for any input file).
inline constexpr std::uint64_t kMaxZipArchiveBytes = 64ull << 20;
/// More entries than this in the central directory (directories included): E012.
inline constexpr std::size_t kMaxZipMembers = 10'000;
/// One member may inflate to at most this many bytes (E013). Counted on the bytes really
/// inflated; a header that declares more is rejected before inflating anything.
inline constexpr std::uint64_t kMaxZipMemberBytes = 64ull << 20;
/// All members read from one archive may inflate to at most this many bytes together (E013).
inline constexpr std::uint64_t kMaxZipTotalBytes = 256ull << 20;

/// The outcome of opening an archive or reading a member. Codes:
///   E001 the file cannot be read (missing, no permission, not a regular file)
///   E002 the file is empty
///   E003 the file is larger than kMaxZipArchiveBytes
///   E010 not a zip archive at all (the message says what it looks like: an old .xls, a PDF …)
///   E011 a damaged or truncated archive (directory, local header, inflate or CRC error)
///   E012 more than kMaxZipMembers entries
///   E013 a member, or all members read together, inflate beyond the caps (a zip bomb)
///   E014 an unsafe member name: a ".." component, an absolute path ("/x", "C:x"), a backslash,
///        a NUL byte, an empty name or component
///   E015 two members with the same name (compared ignoring ASCII case, as OPC part names are)
///   E016 an encrypted member
///   E017 a compression method other than stored or deflate
///   E018 no member of that name (ZipArchive::read)
struct ZipStatus {
  std::string code;     // "" when all went well
  std::string message;  // one complete Chinese sentence; names the member when there is one
  std::string member;   // the member concerned, printable (bytes that are not UTF-8 as \xNN)

  bool ok() const { return code.empty(); }
};

struct ZipMember {
  std::string name;                    // as stored; checked safe (see E014)
  std::uint64_t declared_size = 0;     // uncompressed size the header claims: never trusted
  std::uint64_t compressed_size = 0;
};

/// An open archive. Opening checks the whole central directory (every name, the member count,
/// encryption, compression methods, duplicates), so a ZipArchive that exists is one whose
/// members can be asked for by name. Not thread-safe: one reader at a time.
class ZipArchive {
 public:
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  /// Members in the order of the central directory; directory entries ("xl/") are not listed.
  const std::vector<ZipMember>& members() const { return members_; }
  /// The member of that exact name, or nullptr.
  const ZipMember* find(std::string_view name) const;
  /// Inflates one member into `out` (replaced). On failure `out` is empty and the status says
  /// why (E011, E013, E018). Bytes inflated count toward kMaxZipTotalBytes even if the member
  /// is read twice.
  ZipStatus read(std::string_view name, std::string& out);
  /// Bytes inflated so far by read().
  std::uint64_t inflated_bytes() const { return inflated_; }

 private:
  friend std::unique_ptr<ZipArchive> open_zip_bytes(std::string bytes, ZipStatus& status);
  struct Impl;
  ZipArchive();
  std::unique_ptr<Impl> impl_;
  std::vector<ZipMember> members_;
  std::uint64_t inflated_ = 0;
};

/// Opens the archive held in `bytes` (kept by the archive). Returns nullptr and fills `status`
/// (E002, E003, E010–E017) when it cannot be used. Never throws for bad input; std::bad_alloc only.
std::unique_ptr<ZipArchive> open_zip_bytes(std::string bytes, ZipStatus& status);

/// Reads the file at `fs_path` (regular files only, at most kMaxZipArchiveBytes) and opens it as
/// above; E001 when it cannot be read.
std::unique_ptr<ZipArchive> open_zip_file(const std::string& fs_path, ZipStatus& status);

}  // namespace nianbao
