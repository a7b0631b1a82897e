#include "zip/zip_writer.h"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <thread>

#include <unzip.h>
#include <zip.h>
#include <zlib.h>

namespace nianbao {

struct DeflateStream::Impl {
  z_stream z{};
  DeflatedMember out;
  bool open = false;

  void run(std::string_view text, int flush) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    for (;;) {
      std::size_t used = out.data.size();
      // Sheets compress to about a tenth; the buffer grows by a quarter of what came in, at least 64 KiB.
      out.data.resize(used + std::max<std::size_t>(text.size() / 4, 1 << 16));
      z.next_out = reinterpret_cast<Bytef*>(out.data.data() + used);
      z.avail_out = static_cast<uInt>(out.data.size() - used);
      int rc = deflate(&z, flush);
      out.data.resize(out.data.size() - z.avail_out);
      if (rc == Z_STREAM_ERROR) throw std::runtime_error("压缩工作表时出错（zlib）");
      if (flush == Z_FINISH ? rc == Z_STREAM_END : (z.avail_in == 0 && z.avail_out != 0)) break;
    }
  }
};

DeflateStream::DeflateStream() : impl_(std::make_unique<Impl>()) {
  if (deflateInit2(&impl_->z, Z_BEST_SPEED, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("无法启动压缩（zlib）");
  impl_->open = true;
}

DeflateStream::~DeflateStream() {
  if (impl_ && impl_->open) deflateEnd(&impl_->z);
}

void DeflateStream::append(std::string_view text) {
  // zlib counts in 32 bits: very large pieces go in parts.
  constexpr std::size_t kPiece = 1u << 30;
  while (!text.empty()) {
    std::string_view piece = text.substr(0, kPiece);
    impl_->out.crc = crc32(impl_->out.crc, reinterpret_cast<const Bytef*>(piece.data()), static_cast<uInt>(piece.size()));
    impl_->out.size += piece.size();
    impl_->run(piece, Z_NO_FLUSH);
    text.remove_prefix(piece.size());
  }
}

DeflatedMember DeflateStream::finish() {
  impl_->run({}, Z_FINISH);
  deflateEnd(&impl_->z);
  impl_->open = false;
  return std::move(impl_->out);
}

void write_zip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& members,
               std::size_t fast_above, const std::map<std::string, DeflatedMember>* prepared) {
  // Large members (a sheet of 100,000 rows) are deflated at zlib's fastest level, each on a thread
  // of its own, before the zip is written; members deflated by the caller come in `prepared`.
  std::vector<std::optional<DeflatedMember>> deflated(members.size());
  std::vector<std::thread> workers;
  for (std::size_t i = 0; i < members.size(); ++i)
    if (members[i].second.size() > fast_above)
      workers.emplace_back([&, i] {
        try {
          DeflateStream z;
          z.append(members[i].second);
          deflated[i] = z.finish();
        } catch (const std::runtime_error&) {
          // Left to minizip's own deflate below.
        }
      });
  for (auto& w : workers) w.join();

  zipFile zf = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  if (!zf) throw std::runtime_error("无法创建文件 " + path);
  for (std::size_t i = 0; i < members.size(); ++i) {
    const auto& [name, data] = members[i];
    zip_fileinfo info{};
    info.tmz_date.tm_year = 1980;
    info.tmz_date.tm_mday = 1;
    const DeflatedMember* pre = deflated[i] ? &*deflated[i] : nullptr;
    if (prepared) {
      auto it = prepared->find(name);
      if (it != prepared->end()) pre = &it->second;
    }
    const std::uint64_t size = pre ? pre->size : data.size();
    int rc = zipOpenNewFileInZip2_64(zf, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                                     Z_DEFAULT_COMPRESSION, pre ? 1 : 0, size >= 0xffffffffu ? 1 : 0);
    const std::string& bytes = pre ? pre->data : data;
    // zipWriteInFileInZip counts in 32 bits: large members go in parts.
    for (std::size_t at = 0; rc == ZIP_OK && at < bytes.size(); at += 1u << 30)
      rc = zipWriteInFileInZip(zf, bytes.data() + at, static_cast<unsigned>(std::min<std::size_t>(bytes.size() - at, 1u << 30)));
    if (rc == ZIP_OK) rc = pre ? zipCloseFileInZipRaw64(zf, size, pre->crc) : zipCloseFileInZip(zf);
    if (rc != ZIP_OK) {
      zipClose(zf, nullptr);
      throw std::runtime_error("写入 " + path + " 中的 " + name + " 时出错（zip 错误 " + std::to_string(rc) + "）");
    }
  }
  if (zipClose(zf, nullptr) != ZIP_OK) throw std::runtime_error("无法完成文件 " + path + "（磁盘已满？）");
}

std::map<std::string, std::string> read_zip(const std::string& path) {
  std::map<std::string, std::string> out;
  for (auto& [name, data] : read_zip_entries(path)) out.emplace(name, std::move(data));
  return out;
}

std::vector<std::pair<std::string, std::string>> read_zip_entries(const std::string& path) {
  unzFile uf = unzOpen64(path.c_str());
  if (!uf) throw std::runtime_error("无法打开 " + path + "：不是有效的 zip（.docx/.xlsx）文件");
  std::vector<std::pair<std::string, std::string>> out;
  int rc = unzGoToFirstFile(uf);
  while (rc == UNZ_OK) {
    unz_file_info64 info{};
    char name[1024];
    if (unzGetCurrentFileInfo64(uf, &info, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK ||
        unzOpenCurrentFile(uf) != UNZ_OK) {
      unzClose(uf);
      throw std::runtime_error("读取 " + path + " 时出错");
    }
    if (info.uncompressed_size > (512ull << 20)) {
      unzCloseCurrentFile(uf);
      unzClose(uf);
      throw std::runtime_error(path + " 中的 " + name + " 过大");
    }
    std::string data;
    data.resize(static_cast<std::size_t>(info.uncompressed_size));
    int n = data.empty() ? 0 : unzReadCurrentFile(uf, data.data(), static_cast<unsigned>(data.size()));
    unzCloseCurrentFile(uf);
    if (n < 0 || static_cast<std::size_t>(n) != data.size()) {
      unzClose(uf);
      throw std::runtime_error("读取 " + path + " 中的 " + name + " 时出错");
    }
    out.emplace_back(name, std::move(data));
    rc = unzGoToNextFile(uf);
  }
  unzClose(uf);
  if (rc != UNZ_END_OF_LIST_OF_FILE) throw std::runtime_error("读取 " + path + " 时出错：zip 目录损坏");
  return out;
}

}  // namespace nianbao
