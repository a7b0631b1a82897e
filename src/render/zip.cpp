#include "render/zip.h"

#include <stdexcept>

#include <unzip.h>
#include <zip.h>

namespace nianbao {

void write_zip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& members,
               std::size_t fast_above) {
  zipFile zf = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  if (!zf) throw std::runtime_error("无法创建文件 " + path);
  for (const auto& [name, data] : members) {
    zip_fileinfo info{};
    info.tmz_date.tm_year = 1980;
    info.tmz_date.tm_mday = 1;
    int rc = zipOpenNewFileInZip64(zf, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                                   data.size() > fast_above ? Z_BEST_SPEED : Z_DEFAULT_COMPRESSION,
                                   data.size() >= 0xffffffffu ? 1 : 0);
    if (rc == ZIP_OK && !data.empty())
      rc = zipWriteInFileInZip(zf, data.data(), static_cast<unsigned>(data.size()));
    if (rc == ZIP_OK) rc = zipCloseFileInZip(zf);
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
