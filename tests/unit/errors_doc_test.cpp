// docs/errors.md is the one place diagnostic codes are documented: every code the program can
// give (a quoted "E201" in src/, code="W302" in a format definition) has its own "### E201"
// entry there, and every entry is a code the program gives.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::set<std::string> matches(const std::string& text, const std::regex& re) {
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1].str());
  return out;
}

}  // namespace

TEST_CASE("every diagnostic code the program gives is documented in docs/errors.md, and only those", "[docs]") {
  const fs::path root = NIANBAO_SOURCE_DIR;
  std::set<std::string> emitted;
  const std::regex quoted("\"([EW][0-9]{3})\"");
  for (const auto& e : fs::recursive_directory_iterator(root / "src"))
    if (e.is_regular_file()) emitted.merge(matches(slurp(e.path()), quoted));
  const std::regex rule_code("code=\"([EW][0-9]{3})\"");
  for (const auto& e : fs::recursive_directory_iterator(root / "templates"))
    if (e.is_regular_file() && e.path().filename() == "format.xml") emitted.merge(matches(slurp(e.path()), rule_code));
  REQUIRE(emitted.size() > 40);

  std::set<std::string> documented = matches(slurp(root / "docs" / "errors.md"), std::regex("\n### ([EW][0-9]{3}) "));
  std::set<std::string> undocumented, stale;
  for (const auto& c : emitted)
    if (!documented.count(c)) undocumented.insert(c);
  for (const auto& c : documented)
    if (!emitted.count(c)) stale.insert(c);
  CHECK(undocumented == std::set<std::string>{});  // add a "### CODE 标题" entry to docs/errors.md
  CHECK(stale == std::set<std::string>{});         // a documented code nothing gives any more
}
