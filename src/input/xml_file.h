// Loads one input file the safe way: size limit, encoding detection and transcoding,
// well-formedness with the line where it breaks, no DOCTYPE or entity declarations, no duplicate
// attributes (pugixml accepts them; we do not). Every node keeps its line and column. The parsed
// nodes are for the readers of input/ only (input/xml_nodes.h); other stages ask an XmlFile for
// its root and for places.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/diagnostics.h"

namespace nianbao {

/// Files above this size are rejected before they are read (E003).
inline constexpr std::uint64_t kMaxInputBytes = 64ull << 20;

/// A loaded, well-formed XML file (made by load_xml_file and load_xml_bytes).
class XmlFile {
 public:
  XmlFile();
  ~XmlFile();
  XmlFile(const XmlFile&) = delete;
  XmlFile& operator=(const XmlFile&) = delete;

  SharedText path;       // as shown to the user (shared by every place in the file)
  std::string encoding;  // as read

  /// The name of the root element ("submission", "report").
  std::string root_name() const;
  /// Where the root element starts.
  SourceLocation where_root() const;
  /// Where the root element's attribute `name` is; the whole file when the root has none.
  SourceLocation where_root_attribute(const char* name) const;

  /// Line and column (1-based, in characters, counted in the text as written) of a byte offset
  /// in the file's UTF-8 text. Asking in document order costs time linear in the file, however
  /// long its lines; not thread-safe.
  SourceLocation where_offset(std::size_t offset) const;
  /// Byte offset in the file's UTF-8 text of a node's or attribute's name, from the name pointer
  /// the parsed document gives (cheap; turn it into a line and column with where_offset only
  /// when a finding needs it). 0 for a name that is not in the text.
  std::uint32_t offset_of_name(const char* name) const {
    const char* base = buffer_.data();
    return name >= base && name < base + buffer_.size() ? static_cast<std::uint32_t>(name - base) : 0;
  }
  SourceLocation whole_file() const { return SourceLocation{path, 0, 0}; }

  /// The parsed document: complete only in input/xml_file.cpp, reached through input/xml_nodes.h.
  struct Document;
  const Document& document() const { return *document_; }

 private:
  friend bool load_xml_text(std::string text, XmlFile& out, Diagnostics& diags);
  std::unique_ptr<Document> document_;
  std::string buffer_;                    // UTF-8, parsed in place: node names point into it
  mutable std::vector<std::uint32_t> line_starts_;  // built by where_offset when first needed
  // The text as read: parsing in place rewrites text around entities (&amp; becomes &) and line
  // ends, and lines and columns must count the text as the user wrote it.
  std::string original_;
  // The last place located, so that columns on one long line are counted on from there.
  mutable std::size_t last_offset_ = 0, last_line_ = 0;
  mutable int last_column_ = 0;  // 0: nothing located yet
};

/// Reads `fs_path` (shown to the user as `display_path`). On failure appends one diagnostic to
/// `diags` and returns nullptr. Never throws for bad input; throws std::bad_alloc only.
std::unique_ptr<XmlFile> load_xml_file(const std::string& fs_path, const std::string& display_path, Diagnostics& diags);

/// The same from bytes in memory (tests and fuzzing).
std::unique_ptr<XmlFile> load_xml_bytes(std::string bytes, const std::string& display_path, Diagnostics& diags);

/// What a pugixml parse status (a pugi::xml_parse_status, passed as its value) means, in Chinese
/// ("结束标记与开始标记不匹配，或缺少结束标记"), for the stages that parse XML of their own.
const char* describe_xml_error(int pugi_status);

/// The root element name of a file, found cheaply from its first bytes; "" if it cannot be told.
std::string sniff_root_element(const std::string& fs_path);

/// Whether the file is a merged.xml written by nianbao: a comment saying so before its root
/// element (render/outputs.h, merged_xml).
bool is_generated_merged_xml(const std::string& fs_path);

/// The agency code of a submission that could not be read (bytes invalid in its encoding, not
/// well-formed, truncated), found from the <agency code="…"> near its top; "" if it cannot be
/// told. Only printable ASCII codes of up to 64 characters are taken.
std::string sniff_agency_code(const std::string& fs_path);

}  // namespace nianbao
