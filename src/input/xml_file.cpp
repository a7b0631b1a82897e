#include "input/xml_file.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/encoding.h"

namespace nianbao {

namespace {

const char* describe_status(pugi::xml_parse_status s) {
  switch (s) {
    case pugi::status_unrecognized_tag: return "无法识别的标记";
    case pugi::status_bad_pi: return "处理指令（<?…?>）写法有误";
    case pugi::status_bad_comment: return "注释（<!--…-->）写法有误";
    case pugi::status_bad_cdata: return "CDATA 段写法有误";
    case pugi::status_bad_doctype: return "DOCTYPE 写法有误";
    case pugi::status_bad_pcdata: return "文本内容写法有误";
    case pugi::status_bad_start_element: return "开始标记写法有误";
    case pugi::status_bad_attribute: return "属性写法有误（属性值须用引号括起，属性之间用空格分开）";
    case pugi::status_bad_end_element: return "结束标记写法有误";
    case pugi::status_end_element_mismatch: return "结束标记与开始标记不匹配，或缺少结束标记";
    case pugi::status_append_invalid_root: return "根元素无效";
    case pugi::status_no_document_element: return "没有根元素（文件中没有任何 XML 元素）";
    default: return "XML 格式错误";
  }
}

}  // namespace

SourceLocation XmlFile::where_offset(std::size_t offset) const {
  SourceLocation loc{path, 0, 0};
  if (line_starts_.empty()) return loc;
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), static_cast<std::uint32_t>(offset));
  std::size_t line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  loc.line = static_cast<int>(line_index) + 1;
  int col = 1;
  for (std::size_t i = line_starts_[line_index]; i < offset && i < buffer_.size(); ++i)
    if ((static_cast<unsigned char>(buffer_[i]) & 0xC0) != 0x80) ++col;
  loc.column = col;
  return loc;
}

SourceLocation XmlFile::where(const pugi::xml_node& node) const {
  const char* name = node.name();
  if (node && name >= buffer_.data() && name < buffer_.data() + buffer_.size())
    return where_offset(static_cast<std::size_t>(name - buffer_.data()) - 1);  // the '<'
  return whole_file();
}

std::uint32_t XmlFile::offset_of(const pugi::xml_attribute& attr) const {
  const char* name = attr.name();
  if (attr && name >= buffer_.data() && name < buffer_.data() + buffer_.size())
    return static_cast<std::uint32_t>(name - buffer_.data());
  return 0;
}

SourceLocation XmlFile::where(const pugi::xml_attribute& attr) const {
  const char* name = attr.name();
  if (attr && name >= buffer_.data() && name < buffer_.data() + buffer_.size())
    return where_offset(static_cast<std::size_t>(name - buffer_.data()));
  return whole_file();
}

bool load_xml_text(std::string text, XmlFile& out, Diagnostics& diags) {
  out.buffer_ = std::move(text);
  out.line_starts_.clear();
  out.line_starts_.push_back(0);
  const char* base = out.buffer_.data();
  const char* end = base + out.buffer_.size();
  for (const char* p = base; (p = static_cast<const char*>(std::memchr(p, '\n', end - p))) != nullptr; ++p)
    out.line_starts_.push_back(static_cast<std::uint32_t>(p - base + 1));

  // A copy keeps the original text for error positions: in-place parsing overwrites the buffer.
  const unsigned flags = pugi::parse_default | pugi::parse_doctype;
  auto res = out.doc.load_buffer_inplace(out.buffer_.data(), out.buffer_.size(), flags, pugi::encoding_utf8);
  if (!res) {
    auto loc = out.where_offset(static_cast<std::size_t>(std::max<std::ptrdiff_t>(res.offset, 0)));
    bool at_end = static_cast<std::size_t>(res.offset) + 1 >= out.buffer_.size() ||
                  out.buffer_.find_first_not_of(" \t\r\n", res.offset) == std::string::npos;
    std::string msg = std::string("不是格式正确的 XML：") + describe_status(res.status) + "。";
    if (at_end && res.status != pugi::status_no_document_element)
      msg = "文件不完整：在末尾意外结束，缺少结束标记（可能是文件被截断）。";
    diags.error("E006", loc, msg);
    return false;
  }
  for (auto n = out.doc.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_doctype) {
      diags.error("E007", out.whole_file(),
                  "文件含有 DOCTYPE（文档类型或实体声明），出于安全原因不予读取；请删除 <!DOCTYPE …> 部分。");
      return false;
    }
  }
  // Duplicate attributes: pugixml keeps both; a figure given twice must never be silently chosen.
  // Names are compared by a short hash first; only equal hashes are compared as strings.
  std::vector<std::pair<std::uint32_t, pugi::xml_attribute>> seen;
  for (auto it = out.doc.begin(); it != out.doc.end(); ++it) {
    std::vector<pugi::xml_node> stack{*it};
    while (!stack.empty()) {
      auto n = stack.back();
      stack.pop_back();
      if (n.type() != pugi::node_element) continue;
      auto first = n.first_attribute();
      // The attributes of a <row> are figures: the submission reader checks them one by one and
      // names the table cell of a duplicate, so they are not checked twice here.
      if (first && first.next_attribute() && std::strcmp(n.name(), "row") != 0) {
        seen.clear();
        for (auto a = first; a; a = a.next_attribute()) {
          std::uint32_t h = 2166136261u;
          for (const char* c = a.name(); *c; ++c) h = (h ^ static_cast<unsigned char>(*c)) * 16777619u;
          for (const auto& [hash, other] : seen)
            if (hash == h && std::strcmp(other.name(), a.name()) == 0) {
              auto& d = diags.error("E008", out.where(a),
                                    std::string("元素 <") + n.name() + "> 的属性 " + a.name() + " 出现了两次。");
              d.found = std::string(other.name()) + "=\"" + other.value() + "\" 与 " + a.name() + "=\"" + a.value() + "\"";
              d.expected = "每个属性只写一次";
              return false;
            }
          seen.emplace_back(h, a);
        }
      }
      for (auto c = n.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
    }
  }
  return true;
}

std::unique_ptr<XmlFile> load_xml_bytes(std::string bytes, const std::string& display_path, Diagnostics& diags) {
  auto file = std::make_unique<XmlFile>();
  file->path = display_path;
  if (bytes.empty() || bytes.find_first_not_of(" \t\r\n") == std::string::npos) {
    diags.error("E002", file->whole_file(), "文件为空（没有任何内容）。");
    return nullptr;
  }
  // A file that is not XML at all gets told for what it is, not for its first odd byte.
  static const std::pair<std::string_view, const char*> kMagic[] = {
      {"PK\x03\x04", "zip 压缩包或 Word/Excel 文档（.docx/.xlsx）"},
      {"%PDF", "PDF 文件"},
      {"\xD0\xCF\x11\xE0", "旧版 Word/Excel 文档（.doc/.xls）"},
      {"\x89PNG", "PNG 图片"},
      {"\xFF\xD8\xFF", "JPEG 图片"},
      {"{\\rtf", "RTF 文档"}};
  for (const auto& [magic, what] : kMagic)
    if (std::string_view(bytes).substr(0, magic.size()) == magic) {
      auto& d = diags.error("E006", SourceLocation{display_path, 1, 1}, std::string("不是 XML 文件，而是") + what + "；请报送 XML 格式的报送文件。");
      d.expected = "以 <?xml 或 < 开头的 XML 文本";
      return nullptr;
    }
  DecodedText text = decode_to_utf8(std::move(bytes));
  if (!text.ok) {
    diags.error(text.code, SourceLocation{display_path, text.line, text.column}, text.message);
    return nullptr;
  }
  file->encoding = text.encoding;
  std::size_t first = text.text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text.text[first] != '<') {
    auto& d = diags.error("E006", SourceLocation{display_path, 1, 1}, "不是 XML 文件：内容不以 < 开头。");
    std::size_t end = std::min(text.text.size(), first + 24);
    while (end < text.text.size() && (static_cast<unsigned char>(text.text[end]) & 0xC0) == 0x80) --end;
    d.found = text.text.substr(first, end - first);
    d.expected = "以 <?xml 或 < 开头的 XML 文本";
    return nullptr;
  }
  if (!load_xml_text(std::move(text.text), *file, diags)) return nullptr;
  return file;
}

std::unique_ptr<XmlFile> load_xml_file(const std::string& fs_path, const std::string& display_path, Diagnostics& diags) {
  struct stat st {};
  if (::stat(fs_path.c_str(), &st) != 0) {
    diags.error("E001", SourceLocation{display_path, 0, 0}, std::string("无法读取文件：") + std::strerror(errno) + "。");
    return nullptr;
  }
  if (static_cast<std::uint64_t>(st.st_size) > kMaxInputBytes) {
    auto& d = diags.error("E003", SourceLocation{display_path, 0, 0}, "文件过大，不予读取。");
    d.found = std::to_string(st.st_size / (1024 * 1024)) + " MB";
    d.expected = "不超过 " + std::to_string(kMaxInputBytes >> 20) + " MB";
    return nullptr;
  }
  int fd = ::open(fs_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    diags.error("E001", SourceLocation{display_path, 0, 0}, std::string("无法读取文件：") + std::strerror(errno) + "。");
    return nullptr;
  }
  std::string bytes;
  bytes.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  bool read_error = false;
  while (got < bytes.size()) {
    ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) read_error = true;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (read_error) {
    diags.error("E001", SourceLocation{display_path, 0, 0}, "读取文件时出错。");
    return nullptr;
  }
  bytes.resize(got);
  return load_xml_bytes(std::move(bytes), display_path, diags);
}

std::string sniff_root_element(const std::string& fs_path) {
  std::FILE* f = std::fopen(fs_path.c_str(), "rb");
  if (!f) return "";
  std::string head(4096, '\0');
  head.resize(std::fread(head.data(), 1, head.size(), f));
  std::fclose(f);
  // UTF-16: keep the low bytes, which is enough to read ASCII element names.
  if (head.size() >= 2 && (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF")) {
    std::string narrow;
    std::size_t start = head[0] == '\xFF' ? 2 : 3;
    for (std::size_t i = start; i < head.size(); i += 2) narrow += head[i];
    head = narrow;
  }
  std::size_t i = 0;
  while (i < head.size()) {
    i = head.find('<', i);
    if (i == std::string::npos || i + 1 >= head.size()) return "";
    char c = head[i + 1];
    if (c == '?') { i = head.find("?>", i); if (i == std::string::npos) return ""; i += 2; continue; }
    if (head.compare(i, 4, "<!--") == 0) { i = head.find("-->", i); if (i == std::string::npos) return ""; i += 3; continue; }
    if (c == '!') { i = head.find('>', i); if (i == std::string::npos) return ""; ++i; continue; }
    std::size_t j = i + 1;
    while (j < head.size() && !std::strchr(" \t\r\n/>", head[j])) ++j;
    return head.substr(i + 1, j - i - 1);
  }
  return "";
}

}  // namespace nianbao
