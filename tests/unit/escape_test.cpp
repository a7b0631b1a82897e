#include <catch2/catch.hpp>

#include <string>

#include "text/escape.h"

using namespace nianbao;

TEST_CASE("XML escaping writes & < > \" as references and leaves the rest", "[text]") {
  CHECK(xml_escape("丰城市<报告>&\"附件\" 'a'\n") == "丰城市&lt;报告&gt;&amp;&quot;附件&quot; 'a'\n");
  CHECK(xml_escape("") == "");
}

TEST_CASE("XML escaping that keeps breaks writes tab, line feed and carriage return as references", "[text]") {
  CHECK(xml_escape_keep_breaks("第一段\r\n第二段\t完\"") == "第一段&#13;&#10;第二段&#9;完&quot;");
}

TEST_CASE("XML content escaping leaves quotes as they are", "[text]") {
  std::string out = "<t>";
  append_xml_content(out, "a<b & \"c\"");
  CHECK(out == "<t>a&lt;b &amp; \"c\"");
}

TEST_CASE("XML escaping appended in place is what the functions return, references at either end of the text", "[text]") {
  std::string out = "x";
  append_xml_keep_breaks(out, "\n<a>&\"\t\r");
  CHECK(out == "x&#10;&lt;a&gt;&amp;&quot;&#9;&#13;");
  CHECK(out.substr(1) == xml_escape_keep_breaks("\n<a>&\"\t\r"));
  CHECK(xml_escape("\r\n\t>") == "\r\n\t&gt;");
  out = "";
  append_xml_content(out, "\r\"");
  CHECK(out == "\r\"");
}

TEST_CASE("JSON escaping names the common controls and spells the others as \\u00XX", "[text]") {
  CHECK(json_escape("路径\\文件\"名\"\n\r\t") == "路径\\\\文件\\\"名\\\"\\n\\r\\t");
  CHECK(json_escape(std::string("a\x01" "b\x1f", 4)) == "a\\u0001b\\u001f");
  CHECK(json_escape("/") == "/");
}

TEST_CASE("JSON escaping makes every byte that is not UTF-8 one \\ufffd and keeps a real U+FFFD", "[text]") {
  CHECK(json_escape("\xE5\xB9") == "\\ufffd\\ufffd");             // cut short
  CHECK(json_escape("\xFF" "年") == "\\ufffd年");                  // the next character survives
  CHECK(json_escape("\xED\xA0\x80") == "\\ufffd\\ufffd\\ufffd");  // a surrogate
  CHECK(json_escape("\xEF\xBF\xBD") == "\xEF\xBF\xBD");
  CHECK(json_escape("😀") == "😀");
}
