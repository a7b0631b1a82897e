#include <cctype>
#include <cstdio>

#include "template/expr.h"
#include "text/utf8.h"

namespace nianbao::tmpl {

namespace {

enum class Tok { kEnd, kNumber, kString, kIdent, kLParen, kRParen, kComma, kDot, kOp };

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;
};

// Normalises the full-width punctuation Chinese input methods type, then tokenises.
class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  bool next(Token& t, std::string& error) {
    skip_space();
    t = Token{};
    if (i_ >= s_.size()) return true;
    if (match("（")) { t.kind = Tok::kLParen; return true; }
    if (match("）")) { t.kind = Tok::kRParen; return true; }
    if (match("，")) { t.kind = Tok::kComma; return true; }
    if (match("“") || match("‘") || match("\"") || match("'")) return read_string(t, error);
    char c = s_[i_];
    if (c == '(') { ++i_; t.kind = Tok::kLParen; return true; }
    if (c == ')') { ++i_; t.kind = Tok::kRParen; return true; }
    if (c == ',') { ++i_; t.kind = Tok::kComma; return true; }
    if (c == '.') { ++i_; t.kind = Tok::kDot; return true; }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t j = i_;
      while (j < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[j])) || s_[j] == '.')) ++j;
      t.kind = Tok::kNumber;
      t.text = std::string(s_.substr(i_, j - i_));
      i_ = j;
      return true;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t j = i_;
      while (j < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[j])) || s_[j] == '_')) ++j;
      t.kind = Tok::kIdent;
      t.text = std::string(s_.substr(i_, j - i_));
      i_ = j;
      return true;
    }
    for (const char* op : {"==", "!=", "<=", ">=", "<", ">", "+", "-", "=", "!"}) {
      if (match(op)) {
        t.kind = Tok::kOp;
        t.text = op;
        if (t.text == "=") t.text = "==";
        return true;
      }
    }
    if (match("＝")) { t.kind = Tok::kOp; t.text = "=="; return true; }
    error = "无法识别的字符“" + std::string(s_.substr(i_, skip_chars(s_, i_, 1) - i_)) + "”";
    return false;
  }

 private:
  bool match(std::string_view lit) {
    if (s_.substr(i_, lit.size()) == lit) {
      i_ += lit.size();
      return true;
    }
    return false;
  }
  void skip_space() {
    for (;;) {
      if (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) { ++i_; continue; }
      if (match("\u3000") || match("\u00A0")) continue;
      return;
    }
  }
  bool read_string(Token& t, std::string& error) {
    t.kind = Tok::kString;
    while (i_ < s_.size()) {
      for (const char* close : {"”", "’", "\"", "'"})
        if (match(close)) return true;
      t.text += s_[i_++];
    }
    error = "字符串缺少结束引号";
    return false;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

class Parser {
 public:
  Parser(std::string_view text, std::string& error) : lex_(text), error_(error) { advance(); }

  std::optional<Expr> parse_all() {
    auto e = parse_or();
    // A lexing error ends the token stream early: what was parsed before it is not the expression.
    if (!e || !ok_) return std::nullopt;
    if (cur_.kind != Tok::kEnd) return fail("表达式在“" + describe(cur_) + "”处多出了内容");
    return e;
  }

 private:
  std::optional<Expr> fail(const std::string& msg) {
    if (error_.empty()) error_ = msg;
    return std::nullopt;
  }
  static std::string describe(const Token& t) {
    switch (t.kind) {
      case Tok::kEnd: return "结尾";
      case Tok::kLParen: return "(";
      case Tok::kRParen: return ")";
      case Tok::kComma: return ",";
      case Tok::kDot: return ".";
      default: return t.text;
    }
  }
  void advance() {
    if (!ok_) return;
    if (!lex_.next(cur_, error_)) {
      ok_ = false;
      cur_ = Token{};
    }
  }
  bool is_word(const char* w) const { return cur_.kind == Tok::kIdent && cur_.text == w; }
  bool is_op(const char* op) const { return cur_.kind == Tok::kOp && cur_.text == op; }

  // Parsing, evaluating and destroying an expression recurse over its tree: its depth is bounded
  // so that no text (a placeholder in a submission is text from an agency) can overflow the stack.
  static constexpr int kMaxNesting = 50;     // brackets, function calls, not, unary minus
  static constexpr int kMaxOperations = 500;  // binary operators in the whole expression

  // Entered for each nested level; fails once too deep.
  struct Nest {
    Parser& p;
    explicit Nest(Parser& parser) : p(parser) { ++p.depth_; }
    ~Nest() { --p.depth_; }
    bool too_deep() const { return p.depth_ > kMaxNesting; }
  };
  std::optional<Expr> fail_too_deep() {
    return fail("表达式嵌套过深（括号、函数、not 或负号超过 " + std::to_string(kMaxNesting) + " 层）");
  }

  Expr binary(Expr::Op op, Expr a, Expr b) {
    if (++operations_ > kMaxOperations) {
      fail("表达式过长（超过 " + std::to_string(kMaxOperations) + " 个运算）");
      ok_ = false;
    }
    Expr e;
    e.op = op;
    e.args.push_back(std::move(a));
    e.args.push_back(std::move(b));
    return e;
  }

  std::optional<Expr> parse_or() {
    Nest nest(*this);
    if (nest.too_deep()) return fail_too_deep();
    auto a = parse_and();
    while (a && ok_ && (is_word("or") || is_word("或"))) {
      advance();
      auto b = parse_and();
      if (!b) return std::nullopt;
      a = binary(Expr::Op::kOr, std::move(*a), std::move(*b));
    }
    return a;
  }
  std::optional<Expr> parse_and() {
    auto a = parse_not();
    while (a && ok_ && is_word("and")) {
      advance();
      auto b = parse_not();
      if (!b) return std::nullopt;
      a = binary(Expr::Op::kAnd, std::move(*a), std::move(*b));
    }
    return a;
  }
  std::optional<Expr> parse_not() {
    if (is_word("not") || is_op("!")) {
      Nest nest(*this);
      if (nest.too_deep()) return fail_too_deep();
      advance();
      auto a = parse_not();
      if (!a) return std::nullopt;
      Expr e;
      e.op = Expr::Op::kNot;
      e.args.push_back(std::move(*a));
      return e;
    }
    return parse_cmp();
  }
  std::optional<Expr> parse_cmp() {
    auto a = parse_add();
    if (!a) return std::nullopt;
    static const std::pair<const char*, Expr::Op> ops[] = {{"==", Expr::Op::kEq}, {"!=", Expr::Op::kNe},
                                                           {"<", Expr::Op::kLt},  {"<=", Expr::Op::kLe},
                                                           {">", Expr::Op::kGt},  {">=", Expr::Op::kGe}};
    for (const auto& [text, op] : ops)
      if (is_op(text)) {
        advance();
        auto b = parse_add();
        if (!b) return std::nullopt;
        return binary(op, std::move(*a), std::move(*b));
      }
    return a;
  }
  std::optional<Expr> parse_add() {
    auto a = parse_unary();
    while (a && ok_ && (is_op("+") || is_op("-"))) {
      Expr::Op op = is_op("+") ? Expr::Op::kAdd : Expr::Op::kSub;
      advance();
      auto b = parse_unary();
      if (!b) return std::nullopt;
      a = binary(op, std::move(*a), std::move(*b));
    }
    return a;
  }
  std::optional<Expr> parse_unary() {
    if (is_op("-")) {
      Nest nest(*this);
      if (nest.too_deep()) return fail_too_deep();
      advance();
      auto a = parse_unary();
      if (!a) return std::nullopt;
      Expr e;
      e.op = Expr::Op::kNeg;
      e.args.push_back(std::move(*a));
      return e;
    }
    return parse_primary();
  }
  std::optional<Expr> parse_primary() {
    if (!ok_) return fail(error_);
    if (cur_.kind == Tok::kNumber) {
      Expr e;
      e.op = Expr::Op::kNumber;
      std::int64_t raw = 0;
      bool money = cur_.text.find('.') != std::string::npos;
      if (parse_value(cur_.text, money ? ValueType::kMoney : ValueType::kCount, raw) != ParseStatus::kOk)
        return fail("数字“" + cur_.text + "”写法有误");
      e.literal = Value::number(raw, money ? ValueType::kMoney : ValueType::kCount);
      advance();
      return e;
    }
    if (cur_.kind == Tok::kString) {
      Expr e;
      e.op = Expr::Op::kString;
      e.literal = Value::string(cur_.text);
      advance();
      return e;
    }
    if (cur_.kind == Tok::kLParen) {
      advance();
      auto e = parse_or();
      if (!e) return std::nullopt;
      if (cur_.kind != Tok::kRParen) return fail("缺少右括号");
      advance();
      return e;
    }
    if (cur_.kind == Tok::kIdent) {
      if (cur_.text == "true" || cur_.text == "false") {
        Expr e;
        e.op = Expr::Op::kNumber;
        e.literal = Value::boolean(cur_.text == "true");
        advance();
        return e;
      }
      std::string first = cur_.text;
      advance();
      if (cur_.kind == Tok::kLParen) {
        Expr call;
        call.op = Expr::Op::kCall;
        call.name = first;
        advance();
        if (cur_.kind != Tok::kRParen) {
          for (;;) {
            auto arg = parse_or();
            if (!arg) return std::nullopt;
            call.args.push_back(std::move(*arg));
            if (cur_.kind == Tok::kComma) { advance(); continue; }
            if (cur_.kind == Tok::kRParen) break;
            return fail("函数 " + first + " 的参数之间应以逗号分隔");
          }
        }
        advance();
        return call;
      }
      Expr e;
      e.op = Expr::Op::kPath;
      e.path.push_back(first);
      while (cur_.kind == Tok::kDot) {
        advance();
        if (cur_.kind != Tok::kIdent) return fail("名称“" + join_path(e.path) + ".”后缺少字段名");
        e.path.push_back(cur_.text);
        advance();
      }
      return e;
    }
    if (cur_.kind == Tok::kEnd) return fail("表达式不完整");
    return fail("表达式在“" + describe(cur_) + "”处有误");
  }
  Lexer lex_;
  std::string& error_;
  Token cur_;
  bool ok_ = true;
  int depth_ = 0;       // nesting levels entered (Nest)
  int operations_ = 0;  // binary operators built
};

}  // namespace

std::optional<Expr> parse_expr(std::string_view text, std::string& error) {
  error.clear();
  // Callers pass text from validated files; anything else is refused before it can be quoted.
  bool control = false;
  if (std::size_t bad = find_invalid_utf8(text, control); bad != std::string_view::npos) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[bad]));
    error = std::string(control ? "表达式中有控制字符 " : "表达式中有不是 UTF-8 文字的字节 ") + hex;
    return std::nullopt;
  }
  Parser p(text, error);
  auto e = p.parse_all();
  if (!e && error.empty()) error = "表达式有误";
  return e;
}

}  // namespace nianbao::tmpl
