#include "zip/zip_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libdeflate.h>
#include <unzip.h>

#include "text/ascii.h"
#include "text/utf8.h"

namespace nianbao {

namespace {

// minizip reads through these callbacks from the bytes in memory: no temporary file, and the
// same path for a file on disk, a test and the fuzzer.
struct MemoryStream {
  const char* data = nullptr;
  std::uint64_t size = 0, pos = 0;
};

voidpf ZCALLBACK mem_open(voidpf opaque, const void*, int) { return opaque; }

uLong ZCALLBACK mem_read(voidpf, voidpf stream, void* buf, uLong size) {
  auto* s = static_cast<MemoryStream*>(stream);
  std::uint64_t n = std::min<std::uint64_t>(size, s->size - std::min(s->pos, s->size));
  if (n > 0) std::memcpy(buf, s->data + s->pos, static_cast<std::size_t>(n));
  s->pos += n;
  return static_cast<uLong>(n);
}

uLong ZCALLBACK mem_write(voidpf, voidpf, const void*, uLong) { return 0; }

ZPOS64_T ZCALLBACK mem_tell(voidpf, voidpf stream) { return static_cast<MemoryStream*>(stream)->pos; }

long ZCALLBACK mem_seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* s = static_cast<MemoryStream*>(stream);
  std::uint64_t base = origin == ZLIB_FILEFUNC_SEEK_SET ? 0 : origin == ZLIB_FILEFUNC_SEEK_CUR ? s->pos : s->size;
  if (origin != ZLIB_FILEFUNC_SEEK_SET && origin != ZLIB_FILEFUNC_SEEK_CUR && origin != ZLIB_FILEFUNC_SEEK_END) return -1;
  if (offset > s->size || base + offset > s->size) return -1;
  s->pos = base + offset;
  return 0;
}

int ZCALLBACK mem_close(voidpf, voidpf) { return 0; }
int ZCALLBACK mem_error(voidpf, voidpf) { return 0; }

ZipStatus fail(const char* code, std::string message, std::string member = "") {
  return ZipStatus{code, std::move(message), std::move(member)};
}

// A member name as it may be shown: printable ASCII and well-formed UTF-8 kept, any other byte
// as \xNN (names come from the archive and may be anything), at most 200 bytes.
std::string printable(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size() && out.size() < 200;) {
    const std::size_t start = i;
    const char32_t c = next_char(name, i);
    if (i - start > 1 || (c >= 0x20 && c < 0x7F)) {  // a character, or printable ASCII
      out.append(name.substr(start, i - start));
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned char>(name[start]));
      out += hex;
    }
  }
  return out.size() < 200 ? out : out + "…";
}

// Why a name may not be used, or nullptr. A reader that writes members out (or a later tool
// that does) must never be led outside its folder; and a name that only looks like another is
// how two different parts get confused.
const char* unsafe_name(std::string_view name, std::size_t stored_length) {
  if (name.size() != stored_length) return "名称中含有 NUL 字符";
  if (name.empty()) return "名称为空";
  if (name.find('\\') != std::string_view::npos) return "名称中含有反斜杠（\\）";
  if (name.front() == '/') return "名称是绝对路径";
  if (name.size() >= 2 && name[1] == ':') return "名称是带盘符的绝对路径";
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    std::string_view part = name.substr(start, end - start);
    if (part == "..") return "名称中含有“..”（指向上级文件夹）";
    if (part.empty() && end != name.size()) return "名称中有空的路径段（//）";
    start = end + 1;
  }
  return nullptr;
}

// What a file that is not a zip archive looks like, for the message.
std::string not_zip_message(std::string_view bytes) {
  auto starts = [&](std::string_view magic) { return bytes.substr(0, magic.size()) == magic; };
  std::string_view text = bytes;
  if (starts("\xEF\xBB\xBF")) text.remove_prefix(3);
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' || text.front() == '\n'))
    text.remove_prefix(1);
  const std::string tail = "；Excel 工作簿（.xlsx）和 Word 文档（.docx）都是 zip 压缩包。";
  if (starts("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
    return "不是 zip 压缩包，而是旧版 Office 文件（.xls、.et、.doc）或设置了打开密码的文件" + tail;
  if (starts("%PDF")) return "不是 zip 压缩包，而是 PDF 文件" + tail;
  if (starts("{\\rtf")) return "不是 zip 压缩包，而是 RTF 文档" + tail;
  if (!text.empty() && text.front() == '<') return "不是 zip 压缩包，而是 XML 或 HTML 文本" + tail;
  if (starts("Rar!")) return "不是 zip 压缩包，而是 RAR 压缩包" + tail;
  if (starts("7z\xBC\xAF\x27\x1C")) return "不是 zip 压缩包，而是 7z 压缩包" + tail;
  return "不是 zip 压缩包" + tail;
}

}  // namespace

struct ZipArchive::Impl {
  std::string bytes;
  MemoryStream stream;
  unzFile uf = nullptr;
  std::vector<unz64_file_pos> positions;  // per member
  std::vector<std::uint32_t> crcs;        // per member, as the directory records it
  // Index of the member named `name` (ASCII case ignored), or npos. Archives of forms have a
  // dozen members; a linear search costs less than building an index.
  std::size_t index_of(const std::vector<ZipMember>& members, std::string_view name) const {
    for (std::size_t i = 0; i < members.size(); ++i)
      if (equal_ascii_nocase(members[i].name, name)) return i;
    return std::string::npos;
  }

  ~Impl() {
    if (uf) unzClose(uf);
  }
};

ZipArchive::ZipArchive() : impl_(std::make_unique<Impl>()) {}
ZipArchive::~ZipArchive() = default;

const ZipMember* ZipArchive::find(std::string_view name) const {
  std::size_t i = impl_->index_of(members_, name);
  return i == std::string::npos ? nullptr : &members_[i];
}

ZipStatus ZipArchive::read(std::string_view name, std::string& out) {
  out.clear();
  const std::size_t index = impl_->index_of(members_, name);
  if (index == std::string::npos) return fail("E018", "压缩包中没有部件 " + printable(name) + "。", printable(name));
  const ZipMember& m = members_[index];
  // Only a fault names the member: printing it for every member read cost more than its checks.
  auto fail = [&](const char* code, const std::string& message_head, const std::string& message_tail) {
    const std::string shown = printable(m.name);
    return nianbao::fail(code, message_head + shown + message_tail, shown);
  };
  auto bomb = [&](const std::string& what) {
    return fail("E013", "压缩包中的部件 ", " " + what + "，不予读取（可能是“压缩炸弹”）。");
  };
  if (m.declared_size > kMaxZipMemberBytes)
    return bomb("解压后声明为 " + std::to_string(m.declared_size) + " 字节，超过单个部件 " +
                std::to_string(kMaxZipMemberBytes >> 20) + " MiB 的上限");
  // Whole-buffer inflating (libdeflate, several times faster than zlib's streaming inflate):
  // the buffer is the size the directory declares, so no member inflates beyond what was
  // checked against the caps here, before anything is inflated; more data than declared is
  // damage, as is less.
  if (m.declared_size > kMaxZipTotalBytes - std::min(inflated_, kMaxZipTotalBytes)) {
    return bomb("解压后使全部部件超过合计 " + std::to_string(kMaxZipTotalBytes >> 20) + " MiB 的上限");
  }
  unzFile uf = impl_->uf;
  int method = 0, level = 0;
  if (unzGoToFilePos64(uf, &impl_->positions[index]) != UNZ_OK || unzOpenCurrentFile2(uf, &method, &level, 1) != UNZ_OK)
    return fail("E011", "压缩包已损坏：部件 ", " 的本地文件头无效。");
  // The member's data, in place in the archive's bytes: minizip has checked its local header.
  const std::uint64_t at = unzGetCurrentFileZStreamPos64(uf);
  unzCloseCurrentFile(uf);
  const std::string& bytes = impl_->bytes;
  if (at > bytes.size() || m.compressed_size > bytes.size() - at)
    return fail("E011", "压缩包不完整：部件 ", " 的数据超出了文件末尾（文件可能被截断）。");
  const char* data = bytes.data() + at;
  const auto size = static_cast<std::size_t>(m.declared_size);
  out.resize(size);
  inflated_ += m.declared_size;
  ZipStatus status;
  if (method == 0) {
    if (m.compressed_size != m.declared_size) status = fail("E011", "压缩包已损坏：部件 ", " 解压后的大小与目录中记载的不符。");
    else std::memcpy(out.data(), data, size);
  } else {
    // One decompressor per thread, kept: it is stateless between calls, and a run opens
    // thousands of archives.
    struct Free {
      void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
    };
    thread_local std::unique_ptr<libdeflate_decompressor, Free> inflater;
    if (!inflater && !(inflater.reset(libdeflate_alloc_decompressor()), inflater)) throw std::bad_alloc();
    std::size_t got = 0;
    const libdeflate_result r = libdeflate_deflate_decompress(inflater.get(), data, static_cast<std::size_t>(m.compressed_size),
                                                              out.data(), size, &got);
    if (r == LIBDEFLATE_INSUFFICIENT_SPACE || (r == LIBDEFLATE_SUCCESS && got != size))
      status = fail("E011", "压缩包已损坏：部件 ", " 解压后的大小与目录中记载的不符。");
    else if (r != LIBDEFLATE_SUCCESS)
      status = fail("E011", "压缩包已损坏：部件 ", " 无法解压（数据不完整或有误）。");
  }
  if (status.ok() && libdeflate_crc32(0, out.data(), size) != impl_->crcs[index])
    status = fail("E011", "压缩包已损坏：部件 ", " 的校验和（CRC）不符。");
  if (!status.ok()) {
    out.clear();
    out.shrink_to_fit();
  }
  return status;
}

std::unique_ptr<ZipArchive> open_zip_bytes(std::string bytes, ZipStatus& status) {
  status = ZipStatus{};
  if (bytes.empty()) {
    status = fail("E002", "文件为空（没有任何内容）。");
    return nullptr;
  }
  if (bytes.size() > kMaxZipArchiveBytes) {
    status = fail("E003", "文件过大，不予读取（超过 " + std::to_string(kMaxZipArchiveBytes >> 20) + " MB）。");
    return nullptr;
  }
  const bool zip_magic = bytes.compare(0, 4, "PK\x03\x04") == 0 || bytes.compare(0, 4, "PK\x05\x06") == 0;
  std::unique_ptr<ZipArchive> archive(new ZipArchive());
  ZipArchive::Impl& impl = *archive->impl_;
  impl.bytes = std::move(bytes);
  impl.stream = MemoryStream{impl.bytes.data(), impl.bytes.size(), 0};
  zlib_filefunc64_def io{};
  io.zopen64_file = mem_open;
  io.zread_file = mem_read;
  io.zwrite_file = mem_write;
  io.ztell64_file = mem_tell;
  io.zseek64_file = mem_seek;
  io.zclose_file = mem_close;
  io.zerror_file = mem_error;
  io.opaque = &impl.stream;
  impl.uf = unzOpen2_64(&impl.stream, &io);
  if (!impl.uf) {
    status = zip_magic ? fail("E011", "压缩包不完整或已损坏：找不到压缩包的目录（文件可能被截断）。")
                       : fail("E010", not_zip_message(impl.bytes));
    return nullptr;
  }
  std::string name;
  std::size_t entries = 0;
  int rc = unzGoToFirstFile(impl.uf);
  for (; rc == UNZ_OK; rc = unzGoToNextFile(impl.uf)) {
    if (++entries > kMaxZipMembers) {
      status = fail("E012", "压缩包中的部件过多（超过 " + std::to_string(kMaxZipMembers) + " 个），不予读取。");
      return nullptr;
    }
    unz_file_info64 info{};
    char buf[256];
    if (unzGetCurrentFileInfo64(impl.uf, &info, buf, sizeof buf, nullptr, 0, nullptr, 0) != UNZ_OK) break;
    if (info.size_filename < sizeof buf) {
      name.assign(buf, info.size_filename);
    } else {
      name.assign(info.size_filename + 1, '\0');
      if (unzGetCurrentFileInfo64(impl.uf, &info, name.data(), static_cast<uLong>(name.size()), nullptr, 0, nullptr, 0) != UNZ_OK)
        break;
    }
    const std::size_t stored = info.size_filename;
    name.resize(std::strlen(name.c_str()));
    if (const char* why = unsafe_name(name, stored)) {
      const std::string shown = printable(name);
      status = fail("E014", "压缩包中的部件名称不安全（" + std::string(why) + "）：" + shown + "。", shown);
      return nullptr;
    }
    if (name.back() == '/' && info.uncompressed_size == 0) continue;  // a directory entry
    if (info.flag & 1) {
      const std::string shown = printable(name);
      status = fail("E016", "压缩包中的部件 " + shown + " 已加密，无法读取；请取消密码后另存。", shown);
      return nullptr;
    }
    if (info.compression_method != 0 && info.compression_method != Z_DEFLATED) {
      const std::string shown = printable(name);
      status = fail("E017", "压缩包中的部件 " + shown + " 使用了不支持的压缩方式（" + std::to_string(info.compression_method) +
                                "）；请用 WPS 或 Excel 打开后重新保存。", shown);
      return nullptr;
    }
    unz64_file_pos pos{};
    if (unzGetFilePos64(impl.uf, &pos) != UNZ_OK) break;
    impl.positions.push_back(pos);
    impl.crcs.push_back(static_cast<std::uint32_t>(info.crc));
    archive->members_.push_back(ZipMember{name, info.uncompressed_size, info.compressed_size});
  }
  if (rc != UNZ_END_OF_LIST_OF_FILE) {
    status = fail("E011", "压缩包已损坏：压缩包的目录不完整或有误（文件可能被截断）。");
    return nullptr;
  }
  // Two members of one name: sorted, so that 10,000 members cost little; the later one is named.
  const auto& members = archive->members_;
  std::vector<std::size_t> order(members.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (less_ascii_nocase(members[a].name, members[b].name)) return true;
    return !less_ascii_nocase(members[b].name, members[a].name) && a < b;
  });
  for (std::size_t i = 1; i < order.size(); ++i)
    if (equal_ascii_nocase(members[order[i - 1]].name, members[order[i]].name)) {
      const std::string shown = printable(members[order[i]].name);
      status = fail("E015", "压缩包中有两个同名的部件 " + shown + "，无法确定以哪一个为准。", shown);
      return nullptr;
    }
  return archive;
}

std::unique_ptr<ZipArchive> open_zip_file(const std::string& fs_path, ZipStatus& status) {
  // O_NONBLOCK: opening a named pipe must not wait for a writer; for a regular file it changes nothing.
  int fd = ::open(fs_path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  auto cannot = [&](int err) {
    const char* why = err == ENOENT                   ? "文件不存在（可能是失效的快捷方式或链接，或文件在读取时被移走）"
                      : err == EACCES || err == EPERM ? "没有读取权限"
                      : err == EISDIR                 ? "这是一个文件夹"
                                                      : nullptr;
    status = fail("E001", std::string("无法读取文件：") + (why ? why : std::strerror(err)) + "。");
    return nullptr;
  };
  if (fd < 0) return cannot(errno);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return cannot(err);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    status = fail("E001", "无法读取文件：不是普通文件（可能是管道或设备）。");
    return nullptr;
  }
  if (static_cast<std::uint64_t>(st.st_size) > kMaxZipArchiveBytes) {
    ::close(fd);
    status = fail("E003", "文件过大，不予读取（" + std::to_string(st.st_size) + " 字节，上限 " +
                              std::to_string(kMaxZipArchiveBytes >> 20) + " MB）。");
    return nullptr;
  }
  std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t got = 0;
  while (got < bytes.size()) {
    ssize_t r = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      int err = errno;
      ::close(fd);
      return cannot(err);
    }
    if (r == 0) break;
    got += static_cast<std::size_t>(r);
  }
  ::close(fd);
  bytes.resize(got);
  return open_zip_bytes(std::move(bytes), status);
}

}  // namespace nianbao
