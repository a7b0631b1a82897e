#include "text/ascii.h"

namespace nianbao {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

bool equal_ascii_nocase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

bool less_ascii_nocase(std::string_view a, std::string_view b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return ascii_lower(a[i]) < ascii_lower(b[i]);
  return a.size() < b.size();
}

}  // namespace nianbao
