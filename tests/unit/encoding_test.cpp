#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pugixml.hpp>

#include "input/encoding.h"
#include "input/xml_file.h"
#include "input/xml_nodes.h"  // where a node of the parsed document is (private to input/)
#include "text/utf8.h"

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

TEST_CASE("a DOCTYPE is rejected at the line where it stands", "[encoding]") {
  Diagnostics d;
  CHECK_FALSE(load_xml_bytes("<?xml version=\"1.0\"?>\n<!-- 注释 -->\n<!DOCTYPE s [\n<!ENTITY x \"y\">\n]>\n<s>&x;</s>", "x.xml", d));
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].code == "E007");
  CHECK(d.items()[0].where.line == 3);
  CHECK(d.items()[0].where.column == 1);
}

TEST_CASE("an attribute written twice is found among many without comparing every pair", "[encoding]") {
  // 200 000 distinct attributes, then two repeats: pairwise comparison would take minutes.
  std::string xml = "<s\n";
  for (int i = 0; i < 200000; ++i) xml += " a" + std::to_string(i) + "=\"1\"";
  xml += "\n a7=\"2\" a3=\"3\"/>";
  Diagnostics d;
  CHECK_FALSE(load_xml_bytes(xml, "x.xml", d));
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].code == "E008");
  CHECK(d.items()[0].where.line == 3);
  CHECK(d.items()[0].where.column == 2);
  CHECK(d.items()[0].found == "a7=\"1\" 与 a7=\"2\"");
}

TEST_CASE("of several elements that repeat an attribute, the first in the file is named", "[encoding]") {
  // Deep in one branch, then in the next branch and at its end: the walk goes in document order.
  const std::string xml = "<s>\n<a><b><c x=\"1\"/>\n<d y=\"1\" y=\"2\"/></b></a>\n<e z=\"1\" z=\"2\"><f w=\"1\" w=\"2\"/></e>\n</s>";
  Diagnostics d;
  CHECK_FALSE(load_xml_bytes(xml, "x.xml", d));
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].where.line == 3);
  CHECK(d.items()[0].found == "y=\"1\" 与 y=\"2\"");
  Diagnostics d2;
  CHECK_FALSE(load_xml_bytes("<s><a><b><c/></b></a>\n<e><f/><g/></e>\n<h><i w=\"1\" w=\"2\"/></h></s>", "x.xml", d2));
  REQUIRE(d2.items().size() == 1);
  CHECK(d2.items()[0].where.line == 3);
  CHECK(d2.items()[0].found == "w=\"1\" 与 w=\"2\"");
  Diagnostics d3;
  CHECK(load_xml_bytes("<s><a><b/></a><e><f x=\"1\" y=\"1\"/></e></s>", "x.xml", d3));
  CHECK(d3.items().empty());
}

TEST_CASE("among a few attributes, the first that repeats an earlier one is named with the earliest of its name", "[encoding]") {
  Diagnostics d;
  CHECK_FALSE(load_xml_bytes("<s>\n  <agency code=\"A1\" kind=\"x\" name=\"甲\" kind=\"y\" code=\"A2\" kind=\"z\"/>\n</s>", "x.xml", d));
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].code == "E008");
  CHECK(d.items()[0].where.line == 2);
  CHECK(d.items()[0].message == "元素 <agency> 的属性 kind 出现了两次。");
  CHECK(d.items()[0].found == "kind=\"x\" 与 kind=\"y\"");
  Diagnostics ok;
  CHECK(load_xml_bytes("<s><agency code=\"A1\" kind=\"x\" name=\"甲\"/></s>", "x.xml", ok));
  CHECK(ok.items().empty());
}

TEST_CASE("a UTF-16 file cut in half a character is rejected where it ends", "[encoding]") {
  DecodedText d = decode_to_utf8("\xFF\xFE" + convert("<a>\n中</a>\n", "UTF-16LE") + "<");
  CHECK_FALSE(d.ok);
  CHECK(d.code == "E004");
  CHECK(d.line == 3);
  CHECK(d.column == 1);
}

TEST_CASE("a file that cannot be read is told in Chinese", "[encoding]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("nianbao-unit-read-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::create_symlink(dir / "nowhere.xml", dir / "link.xml");
  Diagnostics d;
  CHECK_FALSE(load_xml_file((dir / "link.xml").string(), "inputs/link.xml", d));
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].code == "E001");
  CHECK(d.items()[0].message == "无法读取文件：文件不存在（可能是指向别处的快捷方式或链接已失效，或文件在读取时被移走）。");
  REQUIRE(::mkfifo((dir / "pipe.xml").c_str(), 0600) == 0);
  Diagnostics p;
  CHECK_FALSE(load_xml_file((dir / "pipe.xml").string(), "inputs/pipe.xml", p));  // must not block
  REQUIRE(p.items().size() == 1);
  CHECK(p.items()[0].message == "无法读取文件：不是普通文件（可能是管道或设备）。");
  Diagnostics f;  // --previous given a folder, say: told as the folder it is
  CHECK_FALSE(load_xml_file(dir.string(), "上年", f));
  REQUIRE(f.items().size() == 1);
  CHECK(f.items()[0].message == "无法读取文件：这是一个文件夹，应为文件。");
  std::ofstream(dir / "big.xml").put('<');
  fs::resize_file(dir / "big.xml", kMaxInputBytes + 1);  // sparse: nothing is written
  Diagnostics b;
  CHECK_FALSE(load_xml_file((dir / "big.xml").string(), "inputs/big.xml", b));
  REQUIRE(b.items().size() == 1);
  CHECK(b.items()[0].code == "E003");
  CHECK(b.items()[0].found == "67108865 字节");
  CHECK(b.items()[0].expected == "不超过 67108864 字节（64 MB）");
  fs::remove_all(dir);
}

TEST_CASE("a character reference to a character XML forbids is rejected where it stands", "[encoding]") {
  auto first = [](const std::string& bytes) {
    Diagnostics d;
    auto f = load_xml_bytes(bytes, "x.xml", d);
    return f ? Diagnostic{} : d.items().at(0);
  };
  Diagnostic vt = first("<s>\n  <p>全年&#11;无收费</p>\n</s>");
  CHECK(vt.code == "E004");
  CHECK(vt.where.line == 2);
  CHECK(vt.where.column == 8);
  CHECK(vt.message == "文件中的字符引用代表 XML 不允许的控制字符（0x0B）。");
  CHECK(vt.found == "&#11;");
  CHECK(first("<s a=\"&#x0;\"/>").found == "&#x0;");   // would silently cut the value short
  CHECK(first("<s>&#xD800;</s>").code == "E004");      // a surrogate is not a character
  CHECK(first("<s>&#99999999999;</s>").code == "E004");
  CHECK(first("<s>&#9;&#10;&#13;&#x4E2D;&#x1F600;&amp;&#</s>").code.empty());  // allowed, or not a reference
  CHECK(first("<s><!-- &#1; --><![CDATA[&#1;]]></s>").code.empty());            // not references there
  // pugixml takes a '<' inside an attribute value as text: "<?" there starts no processing
  // instruction, and a reference after it is still decoded (found by the fuzzer).
  CHECK(first("<s a=\"1<?xml&#11;\"/>").found == "&#11;");
  CHECK(first("<s a='<!--' b=\"&#2;\"/>").found == "&#2;");
  CHECK(first("<s a=\"<![CDATA[\">&#3;</s>").found == "&#3;");
}

TEST_CASE("a declared encoding that is not text is quoted byte by byte", "[encoding]") {
  DecodedText d = decode_to_utf8("<?xml version=\"1.0\" encoding=\"\xFFUTF-8\"?><a/>");
  CHECK(d.code == "E005");
  CHECK(d.message == "不支持文件声明的编码 \\xFFUTF-8；请使用 UTF-8（也可用 GBK、GB18030 或带 BOM 的 UTF-16）。");
}

TEST_CASE("columns count the text as written, before entities and line ends are decoded", "[encoding]") {
  for (std::string xml : {"<s><p a=\"&amp;&amp;&amp;中文\"/><bad/></s>", "<s><p>&amp;&amp;&amp;中文中文</p><bad/></s>",
                          "<s><p>\r\n中文</p>\r\n<p>&lt;&lt;中文</p><bad/></s>"}) {
    INFO(xml);
    Diagnostics d;
    auto f = load_xml_bytes(xml, "x.xml", d);
    REQUIRE(f);
    std::size_t at = xml.find("<bad/>"), line_start = xml.rfind('\n', at);
    std::string before = xml.substr(line_start == std::string::npos ? 0 : line_start + 1, at - (line_start == std::string::npos ? 0 : line_start + 1));
    int chars = 0;
    for (unsigned char c : before) chars += (c & 0xC0) != 0x80;
    CHECK(where(*f, parsed(*f).child("s").child("bad")).column == chars + 1);
  }
}

TEST_CASE("the first control character or invalid byte is found wherever it falls in a sixteen-byte block", "[encoding]") {
  // The check takes sixteen bytes at a time (SSE2 on x86-64, NEON on arm64): every position of
  // three blocks, with tab, line breaks and DEL as the clean bytes around it.
  const std::string clean = std::string("a\tb\r\nc\x7f") + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ";
  for (std::size_t at = 0; at < 48; ++at) {
    bool control = true;
    CHECK(find_invalid_utf8(clean.substr(0, at) + "中文" + clean.substr(at), control) == std::string::npos);
    CHECK_FALSE(control);
    std::string with_control = clean.substr(0, at) + '\x01' + clean.substr(at);
    CHECK(find_invalid_utf8(with_control, control) == at);
    CHECK(control);
    std::string with_bad_byte = clean.substr(0, at) + '\xff' + clean.substr(at);
    CHECK(find_invalid_utf8(with_bad_byte, control) == at);
    CHECK_FALSE(control);
  }
}

TEST_CASE("each encoding fault is told for what it is", "[encoding]") {
  auto fault = [](const std::string& bytes) {
    DecodedText d = decode_to_utf8(bytes);
    REQUIRE_FALSE(d.ok);
    return d.code + "@" + std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.message;
  };
  // U+FFFE is well-formed UTF-8 but no character: not "not UTF-8 … GBK?".
  CHECK(fault("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>甲\xEF\xBF\xBE</a>") ==
        "E004@2:5 文件含有 XML 不允许的字符 U+FFFE（它不是任何文字，多半是文件损坏或转换编码时出错）。");
  // UTF-32, with or without its BOM: not "控制字符 0x00".
  const std::string doc = "<?xml version=\"1.0\"?>\n<a/>";
  CHECK(fault("\xFF\xFE" + std::string(2, '\0') + convert(doc, "UTF-32LE")) == "E005@1:1 文件是 UTF-32 编码，不支持；请另存为 UTF-8。");
  CHECK(fault(convert(doc, "UTF-32BE")) == "E005@1:1 文件是 UTF-32 编码，不支持；请另存为 UTF-8。");
  // US-ASCII is ASCII: a byte above 0x7F does not belong to it, as ISO-8859-1 is refused too.
  CHECK(fault("<?xml version=\"1.0\" encoding=\"US-ASCII\"?>\n<a>中</a>") ==
        "E004@2:4 文件声明的编码为 US-ASCII，但有不是 ASCII 的字节（0xE4）；若文件实为 UTF-8，请把声明改为 encoding=\"UTF-8\"。");
  CHECK(decode_to_utf8("<?xml version=\"1.0\" encoding=\"US-ASCII\"?>\n<a>x</a>").ok);
  // A BOM and a declaration that contradict it: refused alike for UTF-8 and UTF-16.
  const std::string gbk = "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<a/>";
  CHECK(fault("\xEF\xBB\xBF" + gbk) == "E005@1:1 文件以 UTF-8 BOM 开头，却声明编码为 GBK，两者矛盾。");
  CHECK(fault("\xFF\xFE" + convert(gbk, "UTF-16LE")) == "E005@1:1 文件以 UTF-16 BOM 开头，却声明编码为 GBK，两者矛盾。");
  CHECK(decode_to_utf8("\xFF\xFE" + convert("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<a/>", "UTF-16LE")).ok);
}

TEST_CASE("an encoding declared after a blank first line is honoured, not taken for no declaration", "[encoding]") {
  const std::string text = "\n  " + kDoc;
  DecodedText d = decode_to_utf8(convert(text, "GBK"));
  REQUIRE(d.ok);
  CHECK(d.encoding == "GBK");
  CHECK(d.text == text);
  Diagnostics diags;
  auto xml = load_xml_bytes(convert(text, "GBK"), "a.xml", diags);
  REQUIRE(xml);
  CHECK(xml->root_name() == "submission");
  CHECK(diags.empty());
}
