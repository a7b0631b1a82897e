// Zip archives through minizip (the library libxlsxwriter itself links): writing the DOCX with
// fixed member timestamps and order, so the same inputs give the same bytes, and reading a
// .docx template or an output back in tests.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace nianbao {

/// Writes the members in the order given, deflated, each dated 1980-01-01 00:00. Members larger
/// than `fast_above` bytes are deflated at zlib's fastest level, each on a thread of its own (a
/// sheet of 100,000 rows compresses about five times faster, and still to a tenth of its size).
/// Throws std::runtime_error naming the path on any zip or I/O error.
void write_zip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& members,
               std::size_t fast_above = static_cast<std::size_t>(-1));

/// Reads every member of a zip file, by name. Throws std::runtime_error naming the path on failure.
std::map<std::string, std::string> read_zip(const std::string& path);

/// The same, in the order the members are stored.
std::vector<std::pair<std::string, std::string>> read_zip_entries(const std::string& path);

}  // namespace nianbao
