#include <catch2/catch.hpp>

#include "model/value.h"

using namespace nianbao;

TEST_CASE("counts parse as whole non-negative numbers", "[value]") {
  std::int64_t v = -1;
  CHECK(parse_value("8655", ValueType::kCount, v) == ParseStatus::kOk);
  CHECK(v == 8655);
  CHECK(parse_value(" 0 ", ValueType::kCount, v) == ParseStatus::kOk);
  CHECK(v == 0);
  CHECK(parse_value("-0", ValueType::kCount, v) == ParseStatus::kOk);
  CHECK(parse_value("", ValueType::kCount, v) == ParseStatus::kEmpty);
  CHECK(parse_value("-3", ValueType::kCount, v) == ParseStatus::kNegative);
  CHECK(parse_value("3.0", ValueType::kCount, v) == ParseStatus::kFraction);
  CHECK(parse_value("1,234", ValueType::kCount, v) == ParseStatus::kNotNumber);
  CHECK(parse_value("１２", ValueType::kCount, v) == ParseStatus::kNotNumber);
  CHECK(parse_value("12件", ValueType::kCount, v) == ParseStatus::kNotNumber);
  CHECK(parse_value("1e3", ValueType::kCount, v) == ParseStatus::kNotNumber);
  CHECK(parse_value("1000000000000", ValueType::kCount, v) == ParseStatus::kOk);
  CHECK(parse_value("1000000000001", ValueType::kCount, v) == ParseStatus::kTooLarge);
  CHECK(parse_value("99999999999999999999999", ValueType::kCount, v) == ParseStatus::kTooLarge);
}

TEST_CASE("money keeps four decimals exactly and sums without rounding", "[value]") {
  std::int64_t a = 0, b = 0, sum = 0;
  REQUIRE(parse_value("0.1", ValueType::kMoney, a) == ParseStatus::kOk);
  REQUIRE(parse_value("0.2", ValueType::kMoney, b) == ParseStatus::kOk);
  REQUIRE(checked_add(a, b, sum));
  CHECK(format_value(sum, ValueType::kMoney) == "0.3");
  REQUIRE(parse_value("15", ValueType::kMoney, a) == ParseStatus::kOk);
  REQUIRE(parse_value("3.3", ValueType::kMoney, b) == ParseStatus::kOk);
  REQUIRE(checked_add(a, b, sum));
  CHECK(format_value(sum, ValueType::kMoney) == "18.3");
  CHECK(parse_value("1.23456", ValueType::kMoney, a) == ParseStatus::kTooManyDecimals);
  CHECK(parse_value("12.", ValueType::kMoney, a) == ParseStatus::kNotNumber);
  CHECK(format_money_fixed(183000, 2) == "18.30");
  CHECK(format_money_fixed(5, 2) == "0.00");
  CHECK(format_money_fixed(50, 2) == "0.01");
}
