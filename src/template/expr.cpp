#include "template/expr.h"

namespace nianbao::tmpl {

namespace {

__extension__ typedef __int128 i128;  // exact intermediate products of 64-bit fixed-point values

// Aligns two numbers to a common scale (money if either is money).
void align(Value& a, Value& b) {
  if (a.type == b.type) return;
  if (a.type == ValueType::kCount) { a.raw *= kMoneyScale; a.type = ValueType::kMoney; }
  if (b.type == ValueType::kCount) { b.raw *= kMoneyScale; b.type = ValueType::kMoney; }
}

std::int64_t unit_factor(const std::string& unit) {
  if (unit == "亿元") return 100000000;
  if (unit == "万元") return 10000;
  return 1;  // 元 and anything without a money unit
}

// a / b rounded half away from zero, both non-negative-safe via __int128.
std::int64_t div_round(i128 a, i128 b) {
  bool neg = (a < 0) != (b < 0);
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  i128 q = (2 * a + b) / (2 * b);
  return static_cast<std::int64_t>(neg ? -q : q);
}

std::string fixed_text(std::int64_t scaled, int decimals) {
  // scaled is the value × 10^decimals
  std::string sign = scaled < 0 ? "-" : "";
  std::int64_t mag = scaled < 0 ? -scaled : scaled;
  std::int64_t unit = 1;
  for (int i = 0; i < decimals; ++i) unit *= 10;
  std::string out = sign + std::to_string(mag / unit);
  if (decimals > 0) out += "." + std::to_string(mag % unit + unit).substr(1);
  return out;
}

// 1 → 一, 10 → 十, 12 → 十二, 25 → 二十五, 105 → 一百零五: as in （十二） headings.
std::string chinese_numeral(int n) {
  static const char* kDigit[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 10) return kDigit[n];
  std::string out;
  int hundreds = n / 100, tens = n / 10 % 10, ones = n % 10;
  if (hundreds) out += std::string(kDigit[hundreds]) + "百";
  if (tens) out += (hundreds || tens > 1 ? std::string(kDigit[tens]) : std::string()) + "十";
  else if (hundreds && ones) out += "零";
  if (ones) out += kDigit[ones];
  return out;
}

bool need_number(const Value& v, const char* fn, std::string& error) {
  if (v.kind == Value::Kind::kNumber) return true;
  error = std::string("函数 ") + fn + " 的参数应为数值";
  return false;
}

bool int_arg(const Value& v, const char* fn, int lo, int hi, int& out, std::string& error) {
  if (v.kind != Value::Kind::kNumber || v.type != ValueType::kCount || v.raw < lo || v.raw > hi) {
    error = std::string("函数 ") + fn + " 的小数位数应为 " + std::to_string(lo) + " 到 " + std::to_string(hi) + " 的整数";
    return false;
  }
  out = static_cast<int>(v.raw);
  return true;
}

// Why a name or function of last year's figures has nothing to give: said, not printed as 0.
std::string no_previous_data(const std::string& what) {
  return what + " 需要上年数据，而这里没有：构建时没有给出 --previous（单位自己的年报和 {{#each}} 中的各单位也没有上年数据）；"
                "请给出 --previous，或把这个标签写在 {{#if has_previous}}…{{/if}} 中";
}

std::optional<Value> call(const Expr& e, Context& ctx, std::string& error) {
  std::vector<Value> args;
  for (const auto& a : e.args) {
    auto v = eval(a, ctx, error);
    if (!v) return std::nullopt;
    args.push_back(std::move(*v));
  }
  const std::string& fn = e.name;
  auto arity = [&](std::size_t lo, std::size_t hi) {
    if (args.size() >= lo && args.size() <= hi) return true;
    error = "函数 " + fn + " 的参数个数不对";
    return false;
  };
  if (fn == "percent") {
    if (!arity(2, 3) || !need_number(args[0], "percent", error) || !need_number(args[1], "percent", error)) return std::nullopt;
    int d = 1;
    if (args.size() == 3 && !int_arg(args[2], "percent", 0, 4, d, error)) return std::nullopt;
    Value a = args[0], b = args[1];
    align(a, b);
    i128 scale = 100;
    for (int i = 0; i < d; ++i) scale *= 10;
    std::int64_t scaled = b.raw == 0 ? 0 : div_round(static_cast<i128>(a.raw) * scale, b.raw);
    // A rate is never shown as 100% unless it is exactly that: "answered 100%" is a claim that all
    // were answered, so 4947 of 4948 is 99.9%, not 100.0%.
    const std::int64_t hundred = static_cast<std::int64_t>(scale);
    if (b.raw != 0 && a.raw != b.raw && scaled == hundred) scaled = hundred - 1;
    return Value::string(fixed_text(scaled, d) + "%");
  }
  if (fn == "money") {
    if (!arity(2, 3) || !need_number(args[0], "money", error)) return std::nullopt;
    if (args[1].kind != Value::Kind::kString || (unit_factor(args[1].str) == 1 && args[1].str != "元")) {
      error = "函数 money 的单位应为 \"元\"、\"万元\" 或 \"亿元\"";
      return std::nullopt;
    }
    Value v = args[0];
    std::int64_t raw = v.type == ValueType::kMoney ? v.raw : v.raw * kMoneyScale;  // in 1e-4 of source unit
    i128 num = static_cast<i128>(raw) * unit_factor(v.unit);
    i128 den = unit_factor(args[1].str);
    if (args.size() == 3) {
      int d = 0;
      if (!int_arg(args[2], "money", 0, 4, d, error)) return std::nullopt;
      i128 scale = 1;
      for (int i = 0; i < d; ++i) scale *= 10;
      return Value::string(fixed_text(div_round(num * scale, den * kMoneyScale), d));
    }
    return Value::string(format_value(div_round(num, den), ValueType::kMoney));
  }
  if (fn == "fixed") {
    if (!arity(2, 2) || !need_number(args[0], "fixed", error)) return std::nullopt;
    int d = 0;
    if (!int_arg(args[1], "fixed", 0, 4, d, error)) return std::nullopt;
    std::int64_t raw = args[0].type == ValueType::kMoney ? args[0].raw : args[0].raw * kMoneyScale;
    i128 scale = 1;
    for (int i = 0; i < d; ++i) scale *= 10;
    return Value::string(fixed_text(div_round(static_cast<i128>(raw) * scale, kMoneyScale), d));
  }
  if (fn == "sum") {
    Value total = Value::number(0);
    for (auto& a : args) {
      if (!need_number(a, "sum", error)) return std::nullopt;
      align(total, a);
      total.raw += a.raw;
    }
    return total;
  }
  if (fn == "count") {
    if (!arity(1, 1)) return std::nullopt;
    if (args[0].kind != Value::Kind::kList) {
      error = "函数 count 的参数应为列表（如 agencies）";
      return std::nullopt;
    }
    return Value::number(static_cast<std::int64_t>(args[0].list_size));
  }
  if (fn == "previous" || fn == "change" || fn == "yoy") {
    if (!arity(1, fn == "yoy" ? 2 : 1) || !need_number(args[0], fn.c_str(), error)) return std::nullopt;
    if (args[0].cell < 0) {
      error = "函数 " + fn + " 的参数应为一项统计数据（如 requests.new.total）";
      return std::nullopt;
    }
    int d = 1;
    if (args.size() == 2 && !int_arg(args[1], "yoy", 0, 4, d, error)) return std::nullopt;
    auto prev = ctx.previous(args[0]);
    if (!prev && !ctx.checking()) {
      error = no_previous_data(fn + "()");
      return std::nullopt;
    }
    if (!prev) return fn == "yoy" ? Value::string("") : Value::number(0, args[0].type);
    Value cur = args[0];
    if (fn == "previous") { cur.raw = *prev; cur.cell = -1; return cur; }
    if (fn == "change") { cur.raw -= *prev; cur.cell = -1; return cur; }
    if (cur.raw == *prev) return Value::string("持平");
    if (*prev == 0) return Value::string("增加" + format_value(cur.raw, cur.type));
    i128 scale = 100;
    for (int i = 0; i < d; ++i) scale *= 10;
    std::int64_t pct = div_round(static_cast<i128>(cur.raw - *prev) * scale, *prev);
    return Value::string((pct >= 0 ? "增长" : "下降") + fixed_text(pct < 0 ? -pct : pct, d) + "%");
  }
  if (fn == "cn") {
    if (!arity(1, 1) || !need_number(args[0], "cn", error)) return std::nullopt;
    if (args[0].type != ValueType::kCount || args[0].raw < 0 || args[0].raw > 999) {
      error = "函数 cn 的参数应为 0 到 999 的整数";
      return std::nullopt;
    }
    return Value::string(chinese_numeral(static_cast<int>(args[0].raw)));
  }
  if (fn == "date") {
    if (!arity(1, 1)) return std::nullopt;
    const std::string& s = args[0].str;
    if (args[0].kind != Value::Kind::kString) { error = "函数 date 的参数应为日期文字"; return std::nullopt; }
    if (s.size() == 10 && s[4] == '-' && s[7] == '-')
      return Value::string(s.substr(0, 4) + "年" + std::to_string(std::stoi(s.substr(5, 2))) + "月" +
                           std::to_string(std::stoi(s.substr(8, 2))) + "日");
    return Value::string(s);
  }
  error = "未知的函数 " + fn + "（可用：percent、money、fixed、sum、count、previous、change、yoy、cn、date）";
  return std::nullopt;
}

}  // namespace

bool Value::truthy() const {
  switch (kind) {
    case Kind::kNull: return false;
    case Kind::kNumber: return raw != 0;
    case Kind::kString: return !str.empty();
    case Kind::kBool: return b;
    case Kind::kList: return list_size > 0;
  }
  return false;
}

std::string to_text(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kNull: return "";
    case Value::Kind::kNumber: return format_value(v.raw, v.type);
    case Value::Kind::kString: return v.str;
    case Value::Kind::kBool: return v.b ? "是" : "否";
    case Value::Kind::kList: return std::to_string(v.list_size);
  }
  return "";
}

std::string join_path(const std::vector<std::string>& path) {
  std::string s;
  for (const auto& x : path) s += (s.empty() ? "" : ".") + x;
  return s;
}

const std::vector<std::string>& function_names() {
  static const std::vector<std::string> names = {"percent", "money", "fixed", "sum", "count",
                                                 "previous", "change", "yoy", "cn", "date"};
  return names;
}

void collect_names(const Expr& e, std::vector<std::string>& out) {
  if (e.op == Expr::Op::kPath) out.push_back(join_path(e.path));
  for (const auto& a : e.args) collect_names(a, out);
}

std::optional<Value> eval(const Expr& e, Context& ctx, std::string& error) {
  using Op = Expr::Op;
  switch (e.op) {
    case Op::kNumber:
    case Op::kString: return e.literal;
    case Op::kPath: {
      Value v;
      const bool previous = (!e.path.empty() && e.path[0] == "previous") ||
                            (e.path.size() > 1 && e.path[0] == "report" && e.path[1] == "previous");
      if (previous && !ctx.checking() && !ctx.has_previous()) {
        error = no_previous_data(join_path(e.path));
        return std::nullopt;
      }
      if (!ctx.lookup(e.path, v)) {
        error = "未知的名称 " + join_path(e.path);
        return std::nullopt;
      }
      return v;
    }
    case Op::kCall: return call(e, ctx, error);
    case Op::kNot: {
      auto a = eval(e.args[0], ctx, error);
      if (!a) return std::nullopt;
      return Value::boolean(!a->truthy());
    }
    case Op::kNeg: {
      auto a = eval(e.args[0], ctx, error);
      if (!a) return std::nullopt;
      if (a->kind != Value::Kind::kNumber) { error = "负号只能用于数值"; return std::nullopt; }
      a->raw = -a->raw;
      a->cell = -1;
      return a;
    }
    case Op::kAnd:
    case Op::kOr: {
      auto a = eval(e.args[0], ctx, error);
      if (!a) return std::nullopt;
      // Both sides are evaluated so that checking finds unknown names on either side.
      auto b = eval(e.args[1], ctx, error);
      if (!b) return std::nullopt;
      return Value::boolean(e.op == Op::kAnd ? a->truthy() && b->truthy() : a->truthy() || b->truthy());
    }
    default: break;
  }
  auto a = eval(e.args[0], ctx, error);
  if (!a) return std::nullopt;
  auto b = eval(e.args[1], ctx, error);
  if (!b) return std::nullopt;
  if (e.op == Op::kAdd || e.op == Op::kSub) {
    if (a->kind == Value::Kind::kString && b->kind == Value::Kind::kString && e.op == Op::kAdd)
      return Value::string(a->str + b->str);
    if (a->kind != Value::Kind::kNumber || b->kind != Value::Kind::kNumber) {
      error = "加减运算只能用于数值";
      return std::nullopt;
    }
    align(*a, *b);
    Value r = Value::number(e.op == Op::kAdd ? a->raw + b->raw : a->raw - b->raw, a->type);
    r.unit = a->unit == b->unit ? a->unit : "";
    return r;
  }
  // Comparisons.
  int cmp = 0;
  if (a->kind == Value::Kind::kNumber && b->kind == Value::Kind::kNumber) {
    align(*a, *b);
    cmp = a->raw < b->raw ? -1 : a->raw > b->raw ? 1 : 0;
  } else if (a->kind == Value::Kind::kString && b->kind == Value::Kind::kString) {
    cmp = a->str.compare(b->str);
    cmp = cmp < 0 ? -1 : cmp > 0 ? 1 : 0;
  } else if (a->kind == Value::Kind::kBool && b->kind == Value::Kind::kBool) {
    cmp = a->b == b->b ? 0 : 1;
  } else if (e.op == Op::kEq || e.op == Op::kNe) {
    cmp = 1;  // different kinds are never equal
  } else {
    error = "只能比较两个数值或两段文字";
    return std::nullopt;
  }
  switch (e.op) {
    case Op::kEq: return Value::boolean(cmp == 0);
    case Op::kNe: return Value::boolean(cmp != 0);
    case Op::kLt: return Value::boolean(cmp < 0);
    case Op::kLe: return Value::boolean(cmp <= 0);
    case Op::kGt: return Value::boolean(cmp > 0);
    case Op::kGe: return Value::boolean(cmp >= 0);
    default: break;
  }
  error = "表达式有误";
  return std::nullopt;
}

}  // namespace nianbao::tmpl
