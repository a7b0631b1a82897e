// Zip archives through minizip (the library libxlsxwriter itself links): writing the DOCX with
// fixed member timestamps and order, so the same inputs give the same bytes, and reading a
// .docx template or an output back in tests.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao {

/// A zip member compressed while it is produced (raw deflate at zlib's fastest level), so that a
/// sheet of a hundred megabytes never has to be held whole.
struct DeflatedMember {
  std::string data;  // raw deflate, as stored in the zip
  unsigned long crc = 0;
  std::uint64_t size = 0;  // uncompressed
};

class DeflateStream {
 public:
  DeflateStream();
  ~DeflateStream();
  DeflateStream(const DeflateStream&) = delete;
  DeflateStream& operator=(const DeflateStream&) = delete;
  /// Compresses more of the member. Throws std::runtime_error if zlib fails.
  void append(std::string_view text);
  /// Ends the member and hands it over.
  DeflatedMember finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Writes the members in the order given, deflated, each dated 1980-01-01 00:00. Members larger
/// than `fast_above` bytes are deflated at zlib's fastest level, each on a thread of its own (a
/// sheet of 100,000 rows compresses about five times faster, and still to a tenth of its size).
/// Throws std::runtime_error naming the path on any zip or I/O error.
/// Members named in `ready` are written as they were compressed there (their data in `members`
/// is not used).
void write_zip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& members,
               std::size_t fast_above = static_cast<std::size_t>(-1),
               const std::map<std::string, DeflatedMember>* ready = nullptr);

/// Reads every member of a zip file, by name. Throws std::runtime_error naming the path on failure.
std::map<std::string, std::string> read_zip(const std::string& path);

/// The same, in the order the members are stored.
std::vector<std::pair<std::string, std::string>> read_zip_entries(const std::string& path);

}  // namespace nianbao
