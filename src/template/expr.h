// The template language's expressions: what goes inside {{ … }}. Values are exact numbers
// (fixed point, as figures are), strings, booleans and lists. Expressions read names from a
// Context and can call a fixed set of functions; they can never read files or emit XML.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/value.h"

namespace nianbao::tmpl {

struct Value {
  enum class Kind { kNull, kNumber, kString, kBool, kList };
  Kind kind = Kind::kNull;
  std::int64_t raw = 0;  // numbers: counts as is, money × 10^4
  ValueType type = ValueType::kCount;
  std::string unit;      // figures: the cell's unit (元, 万元, 件 …)
  int cell = -1;         // figures: the format cell, for year-on-year lookups
  std::string str;
  bool b = false;
  int list_kind = -1;    // lists: meaning is the Context's
  std::size_t list_size = 0;

  static Value number(std::int64_t raw, ValueType type = ValueType::kCount) {
    Value v;
    v.kind = Kind::kNumber;
    v.raw = raw;
    v.type = type;
    return v;
  }
  static Value string(std::string s) {
    Value v;
    v.kind = Kind::kString;
    v.str = std::move(s);
    return v;
  }
  static Value boolean(bool b) {
    Value v;
    v.kind = Kind::kBool;
    v.b = b;
    return v;
  }
  static Value list(int kind, std::size_t size) {
    Value v;
    v.kind = Kind::kList;
    v.list_kind = kind;
    v.list_size = size;
    return v;
  }
  bool truthy() const;
};

/// The text a value prints as: counts as integers, money without trailing zeros, 是/否.
std::string to_text(const Value& v);

/// Where names come from. Implemented for reports by ReportNames (template/report_names.h).
class Context {
 public:
  virtual ~Context() = default;
  /// Resolves a dotted name in the current scope; false if the name is unknown here.
  virtual bool lookup(const std::vector<std::string>& path, Value& out) const = 0;
  /// Last year's value of a figure (cell), when last year's data was given.
  virtual std::optional<std::int64_t> previous(const Value& figure) const = 0;
  /// Enters item `index` of `list` (for #each) / leaves it.
  virtual void push_item(const Value& list, std::size_t index) = 0;
  virtual void pop_item() = 0;
  /// A checking context answers every known name with a sample value, so that all branches and
  /// loop bodies can be walked once to find unknown names.
  virtual bool checking() const { return false; }
  /// Whether last year's figures were given (previous.… names them). Without them, previous.…,
  /// previous(), change() and yoy() are errors, never a 0 that reads as a figure.
  virtual bool has_previous() const { return false; }
};

struct Expr {
  enum class Op { kNumber, kString, kPath, kCall, kNot, kNeg, kAnd, kOr, kEq, kNe, kLt, kLe, kGt, kGe, kAdd, kSub };
  Op op = Op::kNumber;
  Value literal;
  std::vector<std::string> path;  // kPath
  std::string name;               // kCall
  std::vector<Expr> args;         // operands / call arguments
};

/// Parses an expression. Accepts full-width （），and curly quotes as typed by Chinese input
/// methods and Word's autocorrect. On failure returns nullopt and sets `error` (Chinese, clean
/// UTF-8: text that is not UTF-8 is refused, never quoted).
std::optional<Expr> parse_expr(std::string_view text, std::string& error);

/// Evaluates; on failure (unknown name, wrong argument) returns nullopt and sets `error`.
std::optional<Value> eval(const Expr& e, Context& ctx, std::string& error);

/// A dotted name as written: {"requests", "new", "total"} → "requests.new.total".
std::string join_path(const std::vector<std::string>& path);

/// Every dotted name an expression reads (for listing a template's tags).
void collect_names(const Expr& e, std::vector<std::string>& out);

/// The function names the language knows, for messages.
const std::vector<std::string>& function_names();

}  // namespace nianbao::tmpl
