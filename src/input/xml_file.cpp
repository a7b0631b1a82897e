#include "input/xml_file.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string_view>
#include <unistd.h>
#include <utility>
#include <sys/stat.h>

#include <pugixml.hpp>

#include "input/encoding.h"
#include "input/xml_nodes.h"
#include "text/utf8.h"

namespace nianbao {

namespace {

// Why a file could not be opened, in words a clerk understands.
std::string open_error(int err) {
  switch (err) {
    case ENOENT: return "文件不存在（可能是指向别处的快捷方式或链接已失效，或文件在读取时被移走）";
    case EACCES:
    case EPERM: return "没有读取权限";
    case EISDIR: return "这是一个文件夹";
    case ELOOP: return "链接层数过多（循环链接）";
    case ENAMETOOLONG: return "文件路径过长";
    case EIO: return "磁盘读取错误";
    default: return std::string("系统错误：") + std::strerror(err);
  }
}

// Reads up to n bytes of fd into out (resized to what was read); error is set when read failed.
void read_into(int fd, std::size_t n, std::string& out, bool& error) {
  out.resize(n);
  std::size_t got = 0;
  while (got < n) {
    ssize_t r = ::read(fd, out.data() + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) error = true;
    if (r <= 0) break;
    got += static_cast<std::size_t>(r);
  }
  out.resize(got);
}

// The first character reference (&#…;) to a character XML 1.0 forbids, outside comments, CDATA
// and processing instructions, or npos. pugixml decodes &#11; into a control character that would
// make the .docx unreadable, and &#0; into a NUL that silently cuts the text short.
std::size_t find_forbidden_reference(const std::string& t, std::uint32_t& code_point) {
  const std::size_t n = t.size();
  // Whether the reference at i (t[i] == '&') names a forbidden character.
  auto forbidden = [&](std::size_t i) {
    if (i + 2 >= n || t[i + 1] != '#') return false;
    bool hex = t[i + 2] == 'x';
    std::size_t j = i + (hex ? 3 : 2);
    std::uint32_t cp = 0;
    std::size_t digits = 0;
    for (; j < n; ++j, ++digits) {
      char c = t[j];
      int d = c >= '0' && c <= '9' ? c - '0'
              : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
              : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                            : -1;
      if (d < 0) break;
      cp = std::min<std::uint32_t>(cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d), 0x110000);
    }
    if (digits == 0 || j >= n || t[j] != ';') return false;
    bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
                   (cp >= 0x10000 && cp <= 0x10FFFF);
    if (!allowed) code_point = cp;
    return !allowed;
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (t[i] == '&') {
      if (forbidden(i)) return i;
      continue;
    }
    if (t[i] != '<') continue;
    const char* close = t.compare(i, 4, "<!--") == 0       ? "-->"
                        : t.compare(i, 9, "<![CDATA[") == 0 ? "]]>"
                        : t.compare(i, 2, "<?") == 0        ? "?>"
                        : t.compare(i, 2, "<!") == 0        ? ">"
                                                            : nullptr;
    if (close) {
      std::size_t e = t.find(close, i + 2);
      if (e == std::string::npos) return std::string::npos;  // not well-formed: the parser says so
      i = e;
      continue;
    }
    // An element tag: attribute values are read up to their closing quote, whatever they hold
    // (pugixml takes a '<' in a value as text, so "<?" there starts nothing).
    for (++i; i < n && t[i] != '>'; ++i) {
      if (t[i] != '"' && t[i] != '\'') continue;
      const char quote = t[i];
      for (++i; i < n && t[i] != quote; ++i)
        if (t[i] == '&' && forbidden(i)) return i;
      if (i >= n) return std::string::npos;
    }
  }
  return std::string::npos;
}

}  // namespace

struct XmlFile::Document {
  pugi::xml_document doc;
};

XmlFile::XmlFile() : document_(std::make_unique<Document>()) {}
XmlFile::~XmlFile() = default;

const pugi::xml_document& parsed(const XmlFile& xml) { return xml.document().doc; }

std::string XmlFile::root_name() const { return document_->doc.document_element().name(); }

SourceLocation XmlFile::where_root() const { return where(*this, document_->doc.document_element()); }

SourceLocation XmlFile::where_root_attribute(const char* name) const {
  return where(*this, document_->doc.document_element().attribute(name));
}

const char* describe_xml_error(int pugi_status) {
  switch (static_cast<pugi::xml_parse_status>(pugi_status)) {
    case pugi::status_unrecognized_tag: return "无法识别的标记（文字中的 < 须写作 &lt;）";
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

SourceLocation XmlFile::where_offset(std::size_t offset) const {
  SourceLocation loc{path, 0, 0};
  if (line_starts_.empty() && offset < 4096 && offset <= original_.size()) {
    // Near the top of the file (the <submission> and <agency> elements of every file): count
    // the lines before it rather than indexing the whole file.
    std::size_t line = 1, start = 0;
    for (const char* p = original_.data(); (p = static_cast<const char*>(std::memchr(p, '\n', original_.data() + offset - p))) != nullptr; ++p) {
      ++line;
      start = static_cast<std::size_t>(p - original_.data()) + 1;
    }
    int col = 1 + static_cast<int>(count_chars(std::string_view(original_).substr(start, offset - start)));
    loc.line = static_cast<int>(line);
    loc.column = col;
    return loc;
  }
  if (line_starts_.empty()) {
    // In-place parsing rewrites the buffer (line ends, entities): lines and columns are counted
    // in the text as written, and only once a finding needs them.
    line_starts_.push_back(0);
    const char* base = original_.data();
    const char* end = base + original_.size();
    for (const char* p = base; (p = static_cast<const char*>(std::memchr(p, '\n', end - p))) != nullptr; ++p)
      line_starts_.push_back(static_cast<std::uint32_t>(p - base + 1));
  }
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), static_cast<std::uint32_t>(offset));
  std::size_t line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  loc.line = static_cast<int>(line_index) + 1;
  std::size_t from = line_starts_[line_index];
  int col = 1;
  if (last_column_ > 0 && last_line_ == line_index && last_offset_ <= offset) {
    from = last_offset_;
    col = last_column_;
  }
  if (from < offset) col += static_cast<int>(count_chars(std::string_view(original_).substr(from, offset - from)));
  last_offset_ = offset;
  last_line_ = line_index;
  last_column_ = col;
  loc.column = col;
  return loc;
}

// A name's offset is never 0: an element's follows its '<', an attribute's its element's name.
SourceLocation where(const XmlFile& xml, const pugi::xml_node& node) {
  std::uint32_t name = xml.offset_of_name(node.name());
  return node && name > 0 ? xml.where_offset(name - 1) : xml.whole_file();  // the '<'
}

SourceLocation where(const XmlFile& xml, const pugi::xml_attribute& attr) {
  std::uint32_t name = xml.offset_of_name(attr.name());
  return attr && name > 0 ? xml.where_offset(name) : xml.whole_file();
}

namespace {

// The first attribute of `n` that repeats an earlier one, and the earliest of its name; two null
// attributes when none does. A few attributes (a roster entry has three) are compared pair by
// pair; more by sorted names (`names` is scratch), so that a million of them cannot stall the batch.
std::pair<pugi::xml_attribute, pugi::xml_attribute> repeated_attribute(const pugi::xml_node& n,
                                                                       std::vector<std::pair<std::string_view, std::size_t>>& names) {
  constexpr std::size_t kPairwise = 8;
  const pugi::xml_attribute first_attr = n.first_attribute();
  std::size_t count = 0;
  for (auto a = first_attr; a && count <= kPairwise; a = a.next_attribute()) ++count;
  if (count <= kPairwise) {
    for (auto b = first_attr; b; b = b.next_attribute())
      for (auto a = first_attr; a != b; a = a.next_attribute())
        if (std::strcmp(a.name(), b.name()) == 0) return {a, b};
    return {};
  }
  names.clear();
  std::size_t index = 0;
  for (auto a = first_attr; a; a = a.next_attribute()) names.push_back({a.name(), index++});
  std::stable_sort(names.begin(), names.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  std::size_t first = 0, repeat = index;
  for (std::size_t i = 1; i < names.size(); ++i)
    if (names[i].first == names[i - 1].first && names[i].second < repeat) {
      repeat = names[i].second;
      std::size_t j = i;
      while (j > 0 && names[j - 1].first == names[i].first) --j;
      first = names[j].second;
    }
  if (repeat == index) return {};
  pugi::xml_attribute a = first_attr, b = first_attr;
  for (std::size_t i = 0; i < first; ++i) a = a.next_attribute();
  for (std::size_t i = 0; i < repeat; ++i) b = b.next_attribute();
  return {a, b};
}

// Duplicate attributes: pugixml keeps both; a figure given twice must never be silently chosen.
// Reports the first element that repeats an attribute (E008) and returns true, or returns false.
// The attributes of a <row> are figures: the submission reader checks them one by one and names
// the table cell of a duplicate, so they are not checked twice here.
bool report_duplicate_attribute(const XmlFile& xml, const pugi::xml_document& doc, Diagnostics& diags) {
  std::vector<std::pair<std::string_view, std::size_t>> names;  // attribute name, position
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    std::vector<pugi::xml_node> stack{*it};
    while (!stack.empty()) {
      auto n = stack.back();
      stack.pop_back();
      if (n.type() != pugi::node_element) continue;
      if (n.first_attribute().next_attribute() && std::strcmp(n.name(), "row") != 0) {
        const auto [a, b] = repeated_attribute(n, names);
        if (b) {
          auto& d = diags.error("E008", where(xml, b), std::string("元素 <") + n.name() + "> 的属性 " + b.name() + " 出现了两次。");
          d.found = std::string(a.name()) + "=\"" + a.value() + "\" 与 " + b.name() + "=\"" + b.value() + "\"";
          d.expected = "每个属性只写一次";
          return true;
        }
      }
      for (auto c = n.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
    }
  }
  return false;
}

}  // namespace

namespace {

// At most 30 characters of a text, for quoting it in a message.
std::string first_chars(const std::string& text) {
  std::size_t b = text.find_first_not_of(" \t\r\n"), e = b;
  for (int n = 0; e < text.size() && n < 30; ++n) {
    ++e;
    while (e < text.size() && (static_cast<unsigned char>(text[e]) & 0xC0) == 0x80) ++e;
  }
  std::string out = text.substr(b, e - b);
  while (!out.empty() && std::strchr(" \t\r\n", out.back())) out.pop_back();
  return e < text.size() ? out + "…" : out;
}

// Exactly one root element and no text beside it. Reports the first fault (E006) and returns
// false. `last` is the offset of the file's last character that is not white space.
bool report_outside_root(const XmlFile& xml, std::size_t last, Diagnostics& diags) {
  const pugi::xml_document& doc = parsed(xml);
  pugi::xml_node root;
  for (auto n = doc.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
      const std::string text = n.value();
      if (text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
      auto& d = diags.error("E006", xml.where_offset(xml.offset_of_name(n.value()) + text.find_first_not_of(" \t\r\n")),
                            std::string("不是格式正确的 XML：根元素") + (root ? "之后" : "之前") + "有文字；文字只能写在元素之中，其中的内容不会被读取。");
      d.found = first_chars(text);
      return false;
    }
    if (n.type() != pugi::node_element) continue;
    if (!root) {
      root = n;
      continue;
    }
    auto& d = diags.error("E006", where(xml, n),
                          "不是格式正确的 XML：根元素 <" + std::string(root.name()) + "> 结束之后还有元素 <" + n.name() +
                              ">；一个文件只能有一个根元素，之后的内容不会被读取。");
    d.expected = "</" + std::string(root.name()) + "> 之后不再有内容";
    return false;
  }
  if (!root) {
    diags.error("E006", xml.where_offset(last + 1), std::string("不是格式正确的 XML：") + describe_xml_error(pugi::status_no_document_element) + "。");
    return false;
  }
  return true;
}

}  // namespace

bool load_xml_text(std::string text, XmlFile& out, Diagnostics& diags) {
  out.buffer_ = std::move(text);
  out.last_column_ = 0;
  out.line_starts_.clear();  // found when first needed, in the text as written
  out.original_ = out.buffer_;

  std::uint32_t cp = 0;
  std::size_t at = out.buffer_.find("&#") == std::string::npos ? std::string::npos : find_forbidden_reference(out.buffer_, cp);
  if (at != std::string::npos) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%02X", cp);
    auto& d = diags.error("E004", out.where_offset(at),
                          std::string("文件中的字符引用代表 XML 不允许的") + (cp < 0x20 ? "控制字符" : "字符") + "（" + hex + "）。");
    d.found = out.buffer_.substr(at, out.buffer_.find(';', at) + 1 - at);
    d.expected = "删除这个字符引用";
    return false;
  }
  // In-place parsing: node names and values point into the buffer, which keeps their offsets.
  // As a fragment, so that text outside the root element is kept and can be refused (pugixml
  // drops it otherwise, and with it whatever a clerk wrote after </submission>).
  const unsigned flags = pugi::parse_default | pugi::parse_doctype | pugi::parse_fragment;
  auto res = out.document_->doc.load_buffer_inplace(out.buffer_.data(), out.buffer_.size(), flags, pugi::encoding_utf8);
  if (!res) {
    auto loc = out.where_offset(static_cast<std::size_t>(std::max<std::ptrdiff_t>(res.offset, 0)));
    bool at_end = static_cast<std::size_t>(res.offset) + 1 >= out.buffer_.size() ||
                  out.buffer_.find_first_not_of(" \t\r\n", res.offset) == std::string::npos;
    std::string msg = std::string("不是格式正确的 XML：") + describe_xml_error(res.status) + "。";
    if (at_end && res.status != pugi::status_no_document_element)
      msg = "文件不完整：在末尾意外结束，缺少结束标记（可能是文件被截断）。";
    diags.error("E006", loc, msg);
    return false;
  }
  // Parsed in place as a fragment, text at the very end (no line break after it) is lost to
  // pugixml: a file must end with the '>' of its root's end tag (or of a comment after it).
  const std::size_t last = out.original_.find_last_not_of(" \t\r\n");
  if (last != std::string::npos && out.original_[last] != '>') {
    std::size_t from = out.original_.rfind('>', last);
    from = from == std::string::npos ? 0 : from + 1;
    auto& d = diags.error("E006", out.where_offset(from + out.original_.substr(from).find_first_not_of(" \t\r\n")),
                          "不是格式正确的 XML：根元素之后有文字；文字只能写在元素之中，其中的内容不会被读取。");
    d.found = first_chars(out.original_.substr(from, last + 1 - from));
    return false;
  }
  if (!report_outside_root(out, last == std::string::npos ? 0 : last, diags)) return false;
  for (auto n = out.document_->doc.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_doctype) {
      // The node's value starts after "<!DOCTYPE"; the text before it is left intact by parsing.
      auto value = static_cast<std::size_t>(n.value() - out.buffer_.data());
      std::size_t at = value <= out.buffer_.size() ? out.buffer_.rfind("<!DOCTYPE", value) : std::string::npos;
      diags.error("E007", at == std::string::npos ? out.whole_file() : out.where_offset(at),
                  "文件含有 DOCTYPE（文档类型或实体声明），出于安全原因不予读取；请删除 <!DOCTYPE …> 部分。");
      return false;
    }
  }
  return !report_duplicate_attribute(out, parsed(out), diags);
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
    std::size_t end = char_start(text.text, std::min(text.text.size(), first + 24));
    d.found = text.text.substr(first, end - first);
    d.expected = "以 <?xml 或 < 开头的 XML 文本";
    return nullptr;
  }
  if (!load_xml_text(std::move(text.text), *file, diags)) return nullptr;
  return file;
}

std::unique_ptr<XmlFile> load_xml_file(const std::string& fs_path, const std::string& display_path, Diagnostics& diags) {
  // Opened first and then examined (one path lookup, not two). O_NONBLOCK: opening a named pipe
  // must not wait for a writer; for a regular file it changes nothing.
  int fd = ::open(fs_path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    int err = errno;
    diags.error("E001", SourceLocation{display_path, 0, 0}, "无法读取文件：" + open_error(err) + "。");
    return nullptr;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    diags.error("E001", SourceLocation{display_path, 0, 0}, "无法读取文件：" + open_error(err) + "。");
    return nullptr;
  }
  // A named pipe or a device would block or never end: only regular files are read.
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    diags.error("E001", SourceLocation{display_path, 0, 0},
                S_ISDIR(st.st_mode) ? "无法读取文件：这是一个文件夹，应为文件。" : "无法读取文件：不是普通文件（可能是管道或设备）。");
    return nullptr;
  }
  if (static_cast<std::uint64_t>(st.st_size) > kMaxInputBytes) {
    ::close(fd);
    auto& d = diags.error("E003", SourceLocation{display_path, 0, 0}, "文件过大，不予读取。");
    d.found = std::to_string(st.st_size) + " 字节";
    d.expected = "不超过 " + std::to_string(kMaxInputBytes) + " 字节（" + std::to_string(kMaxInputBytes >> 20) + " MB）";
    return nullptr;
  }
  std::string bytes;
  bool read_error = false;
  read_into(fd, static_cast<std::size_t>(st.st_size), bytes, read_error);
  ::close(fd);
  if (read_error) {
    diags.error("E001", SourceLocation{display_path, 0, 0}, "读取文件时出错。");
    return nullptr;
  }
  return load_xml_bytes(std::move(bytes), display_path, diags);
}

namespace {

// Up to n bytes from the start of a regular file, UTF-16 narrowed to its low bytes (enough to
// read ASCII element and attribute names and values); "" for anything else (a named pipe would
// block the run: it is opened without waiting and left unread).
std::string read_head(const std::string& fs_path, std::size_t n) {
  int fd = ::open(fs_path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return "";
  struct stat st {};
  std::string head;
  bool error = false;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) read_into(fd, n, head, error);
  ::close(fd);
  if (head.size() >= 2 && (head.compare(0, 2, "\xFF\xFE") == 0 || head.compare(0, 2, "\xFE\xFF") == 0)) {
    std::string narrow;
    for (std::size_t i = head[0] == '\xFF' ? 2 : 3; i < head.size(); i += 2) narrow += head[i];
    head = std::move(narrow);
  }
  return head;
}

// The name of the first element of `head`, past the declaration, comments and a DOCTYPE.
std::string root_element_of(const std::string& head) {
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

}  // namespace

std::string sniff_root_element(const std::string& fs_path) { return root_element_of(read_head(fs_path, 4096)); }

bool is_generated_merged_xml(const std::string& fs_path) {
  const std::string head = read_head(fs_path, 8192);
  std::size_t root = head.find("<submission");
  std::size_t mark = head.find("个单位的汇总数据，由 nianbao 生成。");
  return mark != std::string::npos && root != std::string::npos && mark < root && head.rfind("<!--", mark) != std::string::npos;
}

std::string sniff_agency_code(const std::string& fs_path) {
  const std::string head = read_head(fs_path, 16384);
  if (root_element_of(head) != "submission") return "";
  for (std::size_t at = head.find("<agency"); at != std::string::npos; at = head.find("<agency", at + 1)) {
    std::size_t end = head.find('>', at);
    if (end == std::string::npos) return "";
    if (!std::strchr(" \t\r\n", head[at + 7])) continue;  // <agencyX…>
    std::string_view tag(head.data() + at + 7, end - at - 7);
    for (std::size_t k = tag.find("code"); k != std::string_view::npos; k = tag.find("code", k + 1)) {
      if (!std::strchr(" \t\r\n", tag[k == 0 ? 0 : k - 1])) continue;  // e.g. postcode=
      std::size_t v = k + 4;
      while (v < tag.size() && std::strchr(" \t\r\n", tag[v])) ++v;
      if (v >= tag.size() || tag[v] != '=') continue;
      ++v;
      while (v < tag.size() && std::strchr(" \t\r\n", tag[v])) ++v;
      if (v >= tag.size() || (tag[v] != '"' && tag[v] != '\'')) continue;
      std::size_t close = tag.find(tag[v], v + 1);
      if (close == std::string_view::npos) return "";
      std::string_view code = tag.substr(v + 1, close - v - 1);
      while (!code.empty() && code.front() == ' ') code.remove_prefix(1);
      while (!code.empty() && code.back() == ' ') code.remove_suffix(1);
      if (code.empty() || code.size() > 64) return "";
      for (char c : code)
        if (c < 0x21 || c > 0x7E || c == '&' || c == '<') return "";
      return std::string(code);
    }
    return "";
  }
  return "";
}

}  // namespace nianbao
