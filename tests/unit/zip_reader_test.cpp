// The bounded zip reader on good and hostile archives: every fault is a code and a message,
// nothing crashes, a bomb stops at the cap.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>

#include <zlib.h>

#include "form_builder.h"
#include "zip/zip_writer.h"
#include "zip/zip_reader.h"

using namespace nianbao;
using formtest::zip_bytes;

namespace {

std::unique_ptr<ZipArchive> open(std::string bytes, ZipStatus& st) { return open_zip_bytes(std::move(bytes), st); }

// Offsets of every central directory entry ("PK\1\2").
std::vector<std::size_t> central_entries(const std::string& zip) {
  std::vector<std::size_t> out;
  for (std::size_t at = zip.find("PK\x01\x02"); at != std::string::npos; at = zip.find("PK\x01\x02", at + 4)) out.push_back(at);
  return out;
}

void put16(std::string& s, std::size_t at, unsigned v) {
  s[at] = static_cast<char>(v & 0xFF);
  s[at + 1] = static_cast<char>(v >> 8);
}

}  // namespace

TEST_CASE("a zip from memory lists its members and reads them by name", "[zip]") {
  ZipStatus st;
  auto zip = open(zip_bytes({{"a.xml", "<a/>"}, {"xl/b.xml", std::string(100000, 'x')}}), st);
  REQUIRE(zip);
  CHECK(st.ok());
  REQUIRE(zip->members().size() == 2);
  CHECK(zip->members()[0].name == "a.xml");
  CHECK(zip->members()[1].declared_size == 100000);
  CHECK(zip->find("XL/B.xml") == &zip->members()[1]);  // part names ignore ASCII case
  std::string out;
  CHECK(zip->read("a.xml", out).ok());
  CHECK(out == "<a/>");
  CHECK(zip->read("xl/b.xml", out).ok());
  CHECK(out == std::string(100000, 'x'));
  CHECK(zip->inflated_bytes() == 100004);
  ZipStatus missing = zip->read("c.xml", out);
  CHECK(missing.code == "E018");
  CHECK(missing.message == "压缩包中没有部件 c.xml。");
}

TEST_CASE("a file that is not a zip says what it looks like", "[zip]") {
  ZipStatus st;
  CHECK_FALSE(open("", st));
  CHECK(st.code == "E002");
  CHECK_FALSE(open(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'), st));
  CHECK(st.code == "E010");
  CHECK(st.message == "不是 zip 压缩包，而是旧版 Office 文件（.xls、.et、.doc）或设置了打开密码的文件；Excel 工作簿（.xlsx）和 Word 文档（.docx）都是 zip 压缩包。");
  CHECK_FALSE(open("<?xml version=\"1.0\"?><submission/>", st));
  CHECK(st.message.rfind("不是 zip 压缩包，而是 XML 或 HTML 文本", 0) == 0);
  CHECK_FALSE(open("%PDF-1.4 …", st));
  CHECK(st.code == "E010");
  CHECK_FALSE(open(std::string(3000, 'z'), st));
  CHECK(st.message.rfind("不是 zip 压缩包；", 0) == 0);
}

TEST_CASE("a truncated zip is damaged, at every length", "[zip]") {
  const std::string whole = zip_bytes({{"a.xml", std::string(5000, 'a')}, {"b.xml", "<b/>"}});
  for (std::size_t len = 4; len < whole.size(); len += 7) {
    ZipStatus st;
    auto zip = open(whole.substr(0, len), st);
    std::string out;
    if (zip) {  // a cut inside the last comment bytes can leave a readable directory
      ZipStatus a = zip->read("a.xml", out), b = zip->read("b.xml", out);
      CHECK((a.ok() || a.code == "E011"));
      CHECK((b.ok() || b.code == "E011"));
    } else {
      CHECK(st.code == "E011");
      CHECK((st.message == "压缩包不完整或已损坏：找不到压缩包的目录（文件可能被截断）。" ||
             st.message == "压缩包已损坏：压缩包的目录不完整或有误（文件可能被截断）。"));
    }
  }
}

TEST_CASE("unsafe member names are rejected", "[zip]") {
  struct Case {
    std::string name, why;
  };
  for (const Case& c : {Case{"../evil.xml", "名称中含有“..”（指向上级文件夹）"}, Case{"xl/../../evil.xml", "名称中含有“..”（指向上级文件夹）"},
                        Case{"/etc/passwd", "名称是绝对路径"}, Case{"C:evil.xml", "名称是带盘符的绝对路径"},
                        Case{"xl\\sheet.xml", "名称中含有反斜杠（\\）"}, Case{"xl//a.xml", "名称中有空的路径段（//）"}}) {
    ZipStatus st;
    CHECK_FALSE(open(zip_bytes({{"ok.xml", "<a/>"}, {c.name, "<b/>"}}), st));
    CHECK(st.code == "E014");
    CHECK(st.message == "压缩包中的部件名称不安全（" + c.why + "）：" + c.name + "。");
  }
  SECTION("a NUL byte in a name") {
    std::string zip = zip_bytes({{"xlXa.xml", "<a/>"}});
    for (std::size_t at = zip.find("xlXa"); at != std::string::npos; at = zip.find("xlXa", at)) zip[at + 2] = '\0';
    ZipStatus st;
    CHECK_FALSE(open(zip, st));
    CHECK(st.code == "E014");
    CHECK(st.message == "压缩包中的部件名称不安全（名称中含有 NUL 字符）：xl。");
  }
  SECTION("a name that is not UTF-8 is shown escaped") {
    std::string zip = zip_bytes({{"Q/../a.xml", "<a/>"}});
    for (std::size_t at = zip.find("Q/../"); at != std::string::npos; at = zip.find("Q/../", at)) zip[at] = '\xFF';
    ZipStatus st;
    CHECK_FALSE(open(zip, st));
    CHECK(st.code == "E014");
    CHECK(st.message == "压缩包中的部件名称不安全（名称中含有“..”（指向上级文件夹））：\\xFF/../a.xml。");
    CHECK(st.member == "\\xFF/../a.xml");
  }
}

TEST_CASE("two members of the same name are rejected, ignoring ASCII case", "[zip]") {
  ZipStatus st;
  CHECK_FALSE(open(zip_bytes({{"xl/workbook.xml", "<a/>"}, {"XL/Workbook.xml", "<b/>"}}), st));
  CHECK(st.code == "E015");
  CHECK(st.message == "压缩包中有两个同名的部件 XL/Workbook.xml，无法确定以哪一个为准。");
}

TEST_CASE("encrypted members and unknown compression methods are rejected", "[zip]") {
  std::string zip = zip_bytes({{"a.xml", "<a/>"}});
  SECTION("encrypted") {
    zip[central_entries(zip)[0] + 8] |= 1;
    ZipStatus st;
    CHECK_FALSE(open(zip, st));
    CHECK(st.code == "E016");
    CHECK(st.message == "压缩包中的部件 a.xml 已加密，无法读取；请取消密码后另存。");
  }
  SECTION("bzip2") {
    put16(zip, central_entries(zip)[0] + 10, 12);
    ZipStatus st;
    CHECK_FALSE(open(zip, st));
    CHECK(st.code == "E017");
    CHECK(st.message == "压缩包中的部件 a.xml 使用了不支持的压缩方式（12）；请用 WPS 或 Excel 打开后重新保存。");
  }
}

TEST_CASE("damaged member data is reported, not returned", "[zip]") {
  std::string zip = zip_bytes({{"a.xml", std::string(20000, 'q') + "end"}});
  SECTION("a wrong CRC") {
    std::size_t at = central_entries(zip)[0] + 16;
    zip[at] = static_cast<char>(zip[at] ^ 0x5A);
    std::size_t local = zip.find("PK\x03\x04") + 14;
    zip[local] = static_cast<char>(zip[local] ^ 0x5A);
    ZipStatus st;
    auto a = open(zip, st);
    REQUIRE(a);
    std::string out = "old";
    ZipStatus r = a->read("a.xml", out);
    CHECK(r.code == "E011");
    CHECK(r.message == "压缩包已损坏：部件 a.xml 的校验和（CRC）不符。");
    CHECK(out.empty());
  }
  SECTION("a header that claims fewer bytes than the data inflates to") {
    std::size_t at = central_entries(zip)[0] + 24;
    put16(zip, at, 100);
    put16(zip, at + 2, 0);
    std::size_t local = zip.find("PK\x03\x04") + 22;
    put16(zip, local, 100);
    put16(zip, local + 2, 0);
    ZipStatus st;
    auto a = open(zip, st);
    REQUIRE(a);
    std::string out;
    ZipStatus r = a->read("a.xml", out);
    CHECK(r.code == "E011");
    CHECK(out.empty());
  }
}

TEST_CASE("a zip bomb stops at the caps, counted on real inflated bytes", "[zip]") {
  // One deflated stream of 60 MiB of zeros (about 60 KiB), stored under five names: each member
  // is under the per-member cap, all five together are over the total cap.
  const std::uint64_t size = 60ull << 20;
  DeflateStream z;
  const std::string block(1 << 20, '\0');
  for (std::uint64_t i = 0; i < size; i += block.size()) z.append(block);
  DeflatedMember bomb = z.finish();
  CHECK(bomb.data.size() < (1u << 20));
  std::map<std::string, DeflatedMember> ready;
  std::vector<std::pair<std::string, std::string>> members;
  for (int i = 0; i < 5; ++i) {
    members.emplace_back("bomb" + std::to_string(i) + ".xml", "");
    ready["bomb" + std::to_string(i) + ".xml"] = bomb;
  }
  char path[] = "/tmp/nianbao-bomb-XXXXXX";
  ::close(mkstemp(path));
  write_zip(path, members, static_cast<std::size_t>(-1), &ready);
  ZipStatus st;
  auto zip = open_zip_file(path, st);
  std::remove(path);
  REQUIRE(zip);
  auto start = std::chrono::steady_clock::now();
  std::string out;
  int read_ok = 0;
  ZipStatus last;
  for (const auto& m : zip->members()) {
    last = zip->read(m.name, out);
    if (!last.ok()) break;
    ++read_ok;
  }
  CHECK(read_ok == 4);  // 240 MiB
  CHECK(last.code == "E013");
  CHECK(last.message == "压缩包中的部件 bomb4.xml 解压后使全部部件超过合计 256 MiB 的上限，不予读取（可能是“压缩炸弹”）。");
  CHECK(zip->inflated_bytes() == kMaxZipTotalBytes + 1);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
}

TEST_CASE("a member whose header declares more than the cap is rejected before inflating", "[zip]") {
  std::string zip = zip_bytes({{"a.xml", "<a/>"}});
  std::size_t at = central_entries(zip)[0] + 24;
  put16(zip, at, 0);
  put16(zip, at + 2, 0x0500);  // 80 MiB
  ZipStatus st;
  auto a = open(zip, st);
  REQUIRE(a);
  std::string out;
  ZipStatus r = a->read("a.xml", out);
  CHECK(r.code == "E013");
  CHECK(r.message == "压缩包中的部件 a.xml 解压后声明为 83886080 字节，超过单个部件 64 MiB 的上限，不予读取（可能是“压缩炸弹”）。");
  CHECK(a->inflated_bytes() == 0);
}

TEST_CASE("too many members are rejected", "[zip]") {
  std::vector<std::pair<std::string, std::string>> members;
  for (std::size_t i = 0; i <= kMaxZipMembers; ++i) members.emplace_back("m" + std::to_string(i), "");
  ZipStatus st;
  CHECK_FALSE(open(zip_bytes(members), st));
  CHECK(st.code == "E012");
  CHECK(st.message == "压缩包中的部件过多（超过 10000 个），不予读取。");
}

TEST_CASE("a file that cannot be read is E001, one too large E003", "[zip]") {
  ZipStatus st;
  CHECK_FALSE(open_zip_file("/nonexistent/form.xlsx", st));
  CHECK(st.code == "E001");
  CHECK_FALSE(open_zip_file("/tmp", st));
  CHECK(st.code == "E001");
  CHECK_FALSE(open(std::string(kMaxZipArchiveBytes + 1, 'P'), st));
  CHECK(st.code == "E003");
}
