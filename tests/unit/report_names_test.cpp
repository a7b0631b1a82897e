// Names the report's text uses that are derived from report.xml rather than typed in it.
#include <catch2/catch.hpp>

#include "template/report_names.h"

using nianbao::region_scope;

TEST_CASE("region_scope calls the whole region by its level, so a template serves any county or city", "[template]") {
  CHECK(region_scope("丰城市") == "全市");
  CHECK(region_scope("宜春市") == "全市");
  CHECK(region_scope("铜鼓县") == "全县");
  CHECK(region_scope("袁州区") == "全区");
  CHECK(region_scope("江西省") == "全省");
  CHECK(region_scope("湘西土家族苗族自治州") == "全州");
  CHECK(region_scope("城步苗族自治县") == "全县");
  CHECK(region_scope("广西壮族自治区") == "全区");
  CHECK(region_scope("鄂托克旗") == "全旗");
  CHECK(region_scope("锡林郭勒盟") == "全盟");
  CHECK(region_scope("剑光街道") == "全街道");
  CHECK(region_scope("荣塘镇") == "全镇");
  CHECK(region_scope("阿里地区") == "全地区");
  CHECK(region_scope("模拟") == "本地区");
  CHECK(region_scope("") == "本地区");
}
