#include <catch2/catch.hpp>

#include <map>

#include "template/expr.h"

using namespace nianbao;
using namespace nianbao::tmpl;

namespace {

class Vars : public Context {
 public:
  std::map<std::string, Value> vars;
  std::map<int, std::int64_t> last_year;
  bool lookup(const std::vector<std::string>& path, Value& out) const override {
    std::string name;
    for (const auto& p : path) name += (name.empty() ? "" : ".") + p;
    auto it = vars.find(name);
    if (it == vars.end()) return false;
    out = it->second;
    return true;
  }
  std::optional<std::int64_t> previous(const Value& v) const override {
    auto it = last_year.find(v.cell);
    if (it == last_year.end()) return std::nullopt;
    return it->second;
  }
  void push_item(const Value&, std::size_t) override {}
  void pop_item() override {}
};

std::string eval_text(const std::string& text, Vars& vars) {
  std::string error;
  auto e = parse_expr(text, error);
  INFO(error);
  REQUIRE(e);
  auto v = eval(*e, vars, error);
  INFO(error);
  REQUIRE(v);
  return to_text(*v);
}

Value figure(std::int64_t raw, int cell, ValueType type = ValueType::kCount, const char* unit = "") {
  Value v = Value::number(raw, type);
  v.cell = cell;
  v.unit = unit;
  return v;
}

}  // namespace

TEST_CASE("chinese numerals number headings", "[expr]") {
  Vars v;
  CHECK(eval_text("cn(1)", v) == "一");
  CHECK(eval_text("cn(10)", v) == "十");
  CHECK(eval_text("cn(12)", v) == "十二");
  CHECK(eval_text("cn(25)", v) == "二十五");
  CHECK(eval_text("cn(105)", v) == "一百零五");
  CHECK(eval_text("cn(120)", v) == "一百二十");
}

TEST_CASE("percent, money and fixed round half away from zero", "[expr]") {
  Vars v;
  v.vars["a"] = figure(1, 0);
  v.vars["b"] = figure(3, 1);
  v.vars["fee"] = figure(183000, 2, ValueType::kMoney, "万元");  // 18.3 万元
  CHECK(eval_text("percent(a, b)", v) == "33.3%");
  CHECK(eval_text("percent(b - a, b, 2)", v) == "66.67%");
  CHECK(eval_text("percent(a, 0)", v) == "0.0%");
  v.vars["almost"] = figure(4947, 3);
  v.vars["all"] = figure(4948, 4);
  v.vars["one"] = figure(1, 5);
  CHECK(eval_text("percent(almost, all)", v) == "99.9%");  // never 100.0% unless exact
  CHECK(eval_text("percent(all, all)", v) == "100.0%");
  CHECK(eval_text("percent(one, all)", v) == "0.0%");
  CHECK(eval_text("money(fee, \"元\")", v) == "183000");
  CHECK(eval_text("money(fee, \"亿元\", 4)", v) == "0.0018");
  CHECK(eval_text("money(fee, \"万元\", 2)", v) == "18.30");
  CHECK(eval_text("fixed(fee, 0)", v) == "18");
}

TEST_CASE("year on year reads last year's figure", "[expr]") {
  Vars v;
  v.vars["x"] = figure(110, 7);
  v.vars["same"] = figure(5, 8);
  v.vars["fresh"] = figure(4, 9);
  v.last_year = {{7, 100}, {8, 5}, {9, 0}};
  CHECK(eval_text("yoy(x)", v) == "增长10.0%");
  CHECK(eval_text("previous(x)", v) == "100");
  CHECK(eval_text("change(x)", v) == "10");
  CHECK(eval_text("yoy(same)", v) == "持平");
  CHECK(eval_text("yoy(fresh)", v) == "增加4");
  v.last_year[7] = 200;
  CHECK(eval_text("yoy(x, 0)", v) == "下降45%");
}

TEST_CASE("conditions compare numbers and text", "[expr]") {
  Vars v;
  v.vars["n"] = figure(0, 0);
  v.vars["kind"] = Value::string("township");
  CHECK(eval_text("n == 0 and kind == “township”", v) == "是");
  CHECK(eval_text("not n or kind != 'department'", v) == "是");
  CHECK(eval_text("n > 0", v) == "否");
}

TEST_CASE("expression errors say what is wrong in Chinese", "[expr]") {
  std::string error;
  CHECK_FALSE(parse_expr("percent(a, b", error));
  CHECK(error == "函数 percent 的参数之间应以逗号分隔");
  CHECK_FALSE(parse_expr("a ==", error));
  CHECK(error == "表达式不完整");
  Vars v;
  auto e = parse_expr("nosuch(1)", error);
  REQUIRE(e);
  CHECK_FALSE(eval(*e, v, error));
  CHECK(error.rfind("未知的函数 nosuch", 0) == 0);
}

TEST_CASE("a character the language does not know is quoted, a stray byte is named by its value", "[expr]") {
  std::string error;
  CHECK_FALSE(parse_expr("a ＃ b", error));
  CHECK(error == "无法识别的字符“＃”");
  CHECK_FALSE(parse_expr("a \xFF\xFF b", error));
  CHECK(error == "表达式中有不是 UTF-8 文字的字节 0xFF");
  CHECK_FALSE(parse_expr("\"a\x01\"", error));
  CHECK(error == "表达式中有控制字符 0x01");
}

TEST_CASE("an expression with a character it cannot read fails whole, never as the part before it", "[expr]") {
  std::string error;
  CHECK_FALSE(parse_expr("requests.new.total件", error));
  CHECK(error == "无法识别的字符“件”");
  CHECK_FALSE(parse_expr("percent(a, b) ＃", error));
}

TEST_CASE("no expression is deep enough to overflow the stack", "[expr]") {
  std::string error;
  auto nested = [](int n, const std::string& open, const std::string& close) {
    std::string s;
    for (int i = 0; i < n; ++i) s += open;
    s += "1";
    for (int i = 0; i < n; ++i) s += close;
    return s;
  };
  CHECK(parse_expr(nested(40, "(", ")"), error));
  CHECK_FALSE(parse_expr(nested(100000, "(", ")"), error));
  CHECK(error == "表达式嵌套过深（括号、函数、not 或负号超过 50 层）");
  CHECK_FALSE(parse_expr(nested(100000, "fixed(", ", 0)"), error));
  CHECK_FALSE(parse_expr(nested(100000, "not ", ""), error));
  CHECK_FALSE(parse_expr(nested(100000, "-", ""), error));
  std::string chain = "1";
  for (int i = 0; i < 100000; ++i) chain += "+1";
  CHECK_FALSE(parse_expr(chain, error));
  CHECK(error == "表达式过长（超过 500 个运算）");
  std::string fine = "1";
  for (int i = 0; i < 400; ++i) fine += " + 1";
  CHECK(parse_expr(fine, error));
}

TEST_CASE("last year's names and functions without last year's data are errors, not 0", "[expr]") {
  Vars v;  // has_previous() is false: no --previous
  v.vars["x"] = figure(110, 7);
  for (const std::string text : {"yoy(x)", "previous(x)", "change(x)"}) {
    INFO(text);
    std::string error;
    auto e = parse_expr(text, error);
    REQUIRE(e);
    CHECK_FALSE(eval(*e, v, error));
    CHECK(error == text.substr(0, text.find('(')) + "() 需要上年数据，而这里没有：构建时没有给出 --previous（单位自己的年报和 {{#each}} "
                                                    "中的各单位也没有上年数据）；请给出 --previous，或把这个标签写在 {{#if has_previous}}…{{/if}} 中");
  }
  std::string error;
  auto e = parse_expr("previous.requests.new.total", error);
  REQUIRE(e);
  CHECK_FALSE(eval(*e, v, error));
  CHECK(error.rfind("previous.requests.new.total 需要上年数据", 0) == 0);
}
