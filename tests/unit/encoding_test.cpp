#include <catch2/catch.hpp>

#include <iconv.h>

#include "input/encoding.h"
#include "input/xml_file.h"

using namespace nianbao;

namespace {

std::string convert(const std::string& utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 4 + 8, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size(), out_left = out.size();
  char* o = out.data();
  REQUIRE(iconv(cd, &in, &in_left, &o, &out_left) != static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

const std::string kDoc = "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<submission><agency name=\"丰城市财政局\"/></submission>\n";

}  // namespace

TEST_CASE("files declared GBK, GB2312 or GB18030 are read as the Chinese they are", "[encoding]") {
  for (const char* enc : {"GBK", "GB2312", "GB18030"}) {
    std::string text = kDoc;
    text.replace(text.find("GBK"), 3, enc);
    DecodedText d = decode_to_utf8(convert(text, "GB18030"));
    REQUIRE(d.ok);
    CHECK(d.text == text);
    CHECK(d.encoding == enc);
  }
}

TEST_CASE("UTF-8 with a BOM and UTF-16 with a BOM are read", "[encoding]") {
  std::string utf8 = "<?xml version=\"1.0\"?>\n<a>中文</a>";
  DecodedText bom = decode_to_utf8("\xEF\xBB\xBF" + utf8);
  REQUIRE(bom.ok);
  CHECK(bom.text == utf8);
  DecodedText le = decode_to_utf8("\xFF\xFE" + convert(utf8, "UTF-16LE"));
  REQUIRE(le.ok);
  CHECK(le.text == utf8);
  DecodedText be = decode_to_utf8("\xFE\xFF" + convert(utf8, "UTF-16BE"));
  REQUIRE(be.ok);
  CHECK(be.text == utf8);
}

TEST_CASE("bytes invalid in the declared encoding are rejected with their line", "[encoding]") {
  SECTION("GBK bytes in a file that says nothing (read as UTF-8)") {
    std::string bytes = "<?xml version=\"1.0\"?>\n<submission>\n<p>" + convert("财政", "GB18030") + "</p></submission>";
    DecodedText d = decode_to_utf8(bytes);
    CHECK_FALSE(d.ok);
    CHECK(d.code == "E004");
    CHECK(d.line == 3);
    CHECK(d.column == 4);
    CHECK(d.message.find("encoding=\"GBK\"") != std::string::npos);
  }
  SECTION("a truncated GBK character") {
    std::string bytes = "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<a>" + convert("财", "GB18030").substr(0, 1);
    DecodedText d = decode_to_utf8(bytes);
    CHECK_FALSE(d.ok);
    CHECK(d.code == "E004");
    CHECK(d.line == 2);
  }
  SECTION("an encoding we do not read") {
    DecodedText d = decode_to_utf8("<?xml version=\"1.0\" encoding=\"Big5\"?><a/>");
    CHECK_FALSE(d.ok);
    CHECK(d.code == "E005");
  }
  SECTION("UTF-16 without a BOM") {
    DecodedText d = decode_to_utf8(convert("<a/>", "UTF-16LE"));
    CHECK(d.code == "E005");
  }
  SECTION("a control character") {
    DecodedText d = decode_to_utf8("<a>\x01</a>");
    CHECK(d.code == "E004");
  }
}

TEST_CASE("broken and hostile XML is rejected with a clear reason", "[encoding]") {
  auto first_code = [](const std::string& bytes) {
    Diagnostics d;
    auto f = load_xml_bytes(bytes, "x.xml", d);
    return f ? std::string("ok") : d.items().at(0).code;
  };
  CHECK(first_code("") == "E002");
  CHECK(first_code("   \n") == "E002");
  CHECK(first_code("<submission><agency></submission>") == "E006");
  CHECK(first_code("<?xml version=\"1.0\"?>\n<submission>\n  <table id=\"a\">\n") == "E006");
  CHECK(first_code("<!DOCTYPE s [<!ENTITY x \"y\">]><s>&x;</s>") == "E007");
  CHECK(first_code("<s a=\"1\" a=\"2\"/>") == "E008");
  CHECK(first_code("PK\x03\x04 this is a zip") == "E006");
  Diagnostics d;
  load_xml_bytes("<?xml version=\"1.0\"?>\n<submission>\n  <table id=\"a\">\n", "x.xml", d);
  CHECK(d.items()[0].message == "文件不完整：在末尾意外结束，缺少结束标记（可能是文件被截断）。");
}
