#include "input/sheet_scan.h"

#include <algorithm>
#include <cstring>
#include <tuple>
#include <vector>

#include "text/utf8.h"

namespace nianbao {

namespace {

// What an open element is to the scan, by where it is: only these are looked into.
enum class Role { kOther, kWorksheet, kSheetData, kRow, kCell, kFormula, kValue, kInline, kInlineText, kRun, kRunText };

struct Open {
  std::string_view name;  // as written, prefix included: the end tag must repeat it
  Role role;
};

// Character classes by table: the scan looks at every byte of the sheet, and a chain of
// comparisons per byte cost several times what the table lookup does.
enum : unsigned char { kNameStart = 1, kNameChar = 2, kSpace = 4, kValueStop = 8 };

struct CharClasses {
  unsigned char of[256] = {};
  constexpr CharClasses() {
    for (int c = 0; c < 256; ++c) {
      const bool start = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || c >= 0x80;
      if (start) of[c] |= kNameStart | kNameChar;
      if ((c >= '0' && c <= '9') || c == '.' || c == '-') of[c] |= kNameChar;
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') of[c] |= kSpace;
      if (c == '"' || c == '\'' || c == '<' || c == '&') of[c] |= kValueStop;
    }
  }
};
constexpr CharClasses kClasses;

bool is(char c, unsigned char what) { return (kClasses.of[static_cast<unsigned char>(c)] & what) != 0; }
bool space(char c) { return is(c, kSpace); }

std::string_view local(std::string_view name) {
  const std::size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

Role role_of(Role parent, std::string_view name) {
  const std::string_view n = local(name);
  switch (parent) {
    case Role::kWorksheet: return n == "sheetData" ? Role::kSheetData : Role::kOther;
    case Role::kSheetData: return n == "row" ? Role::kRow : Role::kOther;
    case Role::kRow: return n == "c" ? Role::kCell : Role::kOther;
    case Role::kCell: return n == "f" ? Role::kFormula : n == "v" ? Role::kValue : n == "is" ? Role::kInline : Role::kOther;
    case Role::kInline: return n == "t" ? Role::kInlineText : n == "r" ? Role::kRun : Role::kOther;
    case Role::kRun: return n == "t" ? Role::kRunText : Role::kOther;
    default: return Role::kOther;
  }
}

class Scanner {
 public:
  Scanner(std::string_view xml, const std::vector<CellRef>* wanted, const std::function<bool(const ScannedCell&)>& on_cell)
      : x_(xml), wanted_(wanted), on_cell_(on_cell) {}
  ScanResult run();

 private:
  // An attribute as written; `decoded` holds its value only when it has references.
  struct Attribute {
    std::string_view name;
    std::string_view raw;
    std::string decoded;
    bool escaped = false;
    std::string_view value() const { return escaped ? std::string_view(decoded) : raw; }
  };
  std::string_view x_;
  std::size_t p_ = 0;
  const std::vector<CellRef>* wanted_;
  std::vector<CellRef>::const_iterator row_first_, row_last_;  // the wanted cells of the row being read
  const std::function<bool(const ScannedCell&)>& on_cell_;
  std::vector<Open> stack_;
  ScanResult result_;
  bool stopped_ = false;
  // The row and cell being read.
  int row_no_ = 0, col_no_ = 0;
  bool row_wanted_now_ = false, cell_wanted_ = false;
  ScannedCell cell_;
  std::string piece_;  // the text of the <t> being read
  std::vector<Attribute> attributes_;  // of the tag being read, when kept: the first kept_ (reused)
  std::size_t kept_ = 0;

  bool fail(ScanFault f, std::size_t at) {
    result_.fault = f;
    result_.offset = at;
    return false;
  }
  bool grid(ScanFault f, std::string found) {
    result_.fault = f;
    result_.row = row_no_;
    result_.found = std::move(found);
    return false;
  }
  bool text(std::size_t end, std::string* into);
  bool reference(std::size_t& i, std::size_t end, std::string* into);
  bool markup_declaration();
  bool start_tag();
  bool end_tag();
  bool begin(Role& role);
  bool finish(Role role);
  std::string* collecting();
};

// A reference at x_[i] ("&amp;", "&#12;", "&#x4E00;"), appended decoded to `into` when given.
bool Scanner::reference(std::size_t& i, std::size_t end, std::string* into) {
  const std::size_t semi = x_.find(';', i);
  if (semi == std::string_view::npos || semi >= end || semi - i > 12) return fail(ScanFault::kMalformed, i);
  const std::string_view ref = x_.substr(i + 1, semi - i - 1);
  std::string decoded;
  if (ref == "amp") decoded = "&";
  else if (ref == "lt") decoded = "<";
  else if (ref == "gt") decoded = ">";
  else if (ref == "quot") decoded = "\"";
  else if (ref == "apos") decoded = "'";
  else if (ref.size() >= 2 && ref[0] == '#') {
    if (!decode_char_reference(ref, decoded)) return fail(ScanFault::kMalformed, i);
  } else {
    return fail(ScanFault::kMalformed, i);  // an entity no DTD declares (and DTDs are refused)
  }
  if (into) into->append(decoded);
  i = semi + 1;
  return true;
}

// Character data up to `end`, references checked; appended decoded to `into` when given.
bool Scanner::text(std::size_t end, std::string* into) {
  for (std::size_t i = p_; i < end;) {
    const void* amp = std::memchr(x_.data() + i, '&', end - i);
    const std::size_t stop = amp ? static_cast<std::size_t>(static_cast<const char*>(amp) - x_.data()) : end;
    if (into) into->append(x_.substr(i, stop - i));
    i = stop;
    if (i < end && !reference(i, end, into)) return false;
  }
  p_ = end;
  return true;
}

std::string* Scanner::collecting() {
  if (stack_.empty() || !cell_wanted_) return nullptr;
  switch (stack_.back().role) {
    case Role::kValue: return &cell_.value;
    case Role::kInlineText:
    case Role::kRunText: return &piece_;
    default: return nullptr;
  }
}

// <!-- … -->, <![CDATA[ … ]]>, <? … ?>, <!DOCTYPE …> at p_.
bool Scanner::markup_declaration() {
  auto skip_past = [&](std::string_view close) {
    const std::size_t at = x_.find(close, p_);
    if (at == std::string_view::npos) return fail(ScanFault::kMalformed, p_);
    p_ = at + close.size();
    return true;
  };
  if (x_.compare(p_, 4, "<!--") == 0) return skip_past("-->");
  if (x_.compare(p_, 2, "<?") == 0) return skip_past("?>");
  if (x_.compare(p_, 9, "<![CDATA[") == 0) {
    if (stack_.empty()) return fail(ScanFault::kMalformed, p_);
    const std::size_t at = x_.find("]]>", p_ + 9);
    if (at == std::string_view::npos) return fail(ScanFault::kMalformed, p_);
    if (std::string* into = collecting()) into->append(x_.substr(p_ + 9, at - p_ - 9));
    p_ = at + 3;
    return true;
  }
  if (x_.compare(p_, 9, "<!DOCTYPE") == 0) return fail(ScanFault::kDoctype, p_);
  return fail(ScanFault::kMalformed, p_);
}

bool Scanner::start_tag() {
  const std::size_t at = p_;
  const char* const base = x_.data();
  const std::size_t n = x_.size();
  std::size_t i = p_ + 1;
  if (i >= n || !is(base[i], kNameStart)) return fail(ScanFault::kMalformed, at);
  while (i < n && is(base[i], kNameChar)) ++i;
  const std::string_view name = x_.substr(p_ + 1, i - p_ - 1);
  const Role parent = stack_.empty() ? Role::kOther : stack_.back().role;
  Role role = stack_.empty() ? (local(name) == "sheetData" ? Role::kSheetData : Role::kWorksheet) : role_of(parent, name);
  // Attributes: those of row tags and of the cell tags of wanted rows are kept; every one is checked.
  const bool keep = role == Role::kRow || (role == Role::kCell && row_wanted_now_);
  kept_ = 0;
  for (;;) {
    const std::size_t before = i;
    while (i < n && is(base[i], kSpace)) ++i;
    if (i >= n) return fail(ScanFault::kMalformed, at);
    if (base[i] == '>' || (base[i] == '/' && i + 1 < n && base[i + 1] == '>')) break;
    if (i == before || !is(base[i], kNameStart)) return fail(ScanFault::kMalformed, i);
    const std::size_t name_at = i;
    while (i < n && is(base[i], kNameChar)) ++i;
    const std::string_view attribute = x_.substr(name_at, i - name_at);
    while (i < n && is(base[i], kSpace)) ++i;
    if (i >= n || base[i] != '=') return fail(ScanFault::kMalformed, i);
    ++i;
    while (i < n && is(base[i], kSpace)) ++i;
    if (i >= n || (base[i] != '"' && base[i] != '\'')) return fail(ScanFault::kMalformed, i);
    const char quote = base[i];
    const std::size_t open = i + 1;
    bool escaped = false;
    for (i = open; i < n; ++i) {
      const char c = base[i];
      if (!is(c, kValueStop)) continue;
      if (c == quote || c == '<') break;
      escaped = escaped || c == '&';
    }
    if (i >= n || base[i] == '<') return fail(ScanFault::kMalformed, i);
    const std::size_t close = i;
    if (keep) {
      // The kept values are views of the text; only one with references is decoded (and copied).
      if (kept_ == attributes_.size()) attributes_.emplace_back();
      Attribute& a = attributes_[kept_++];
      a.name = attribute;
      a.raw = x_.substr(open, close - open);
      a.escaped = escaped;
      a.decoded.clear();
      if (escaped) {
        const std::size_t saved = p_;
        p_ = open;
        if (!text(close, &a.decoded)) return false;
        p_ = saved;
      }
    } else if (escaped) {
      const std::size_t saved = p_;
      p_ = open;
      if (!text(close, nullptr)) return false;
      p_ = saved;
    }
    i = close + 1;
  }
  const bool empty = base[i] == '/';
  p_ = i + (empty ? 2 : 1);
  if (!begin(role)) return false;
  if (empty) return finish(role);
  stack_.push_back(Open{name, role});
  return true;
}

bool Scanner::end_tag() {
  const std::size_t at = p_;
  std::size_t i = p_ + 2;
  while (i < x_.size() && is(x_[i], kNameChar)) ++i;
  const std::string_view name = x_.substr(p_ + 2, i - p_ - 2);
  while (i < x_.size() && space(x_[i])) ++i;
  if (stack_.empty() || i >= x_.size() || x_[i] != '>' || name != stack_.back().name) return fail(ScanFault::kMalformed, at);
  p_ = i + 1;
  const Role role = stack_.back().role;
  stack_.pop_back();
  return finish(role);
}

// An element opens: a row is numbered, a cell placed. A cell's second <v> or <is> is not read
// (its role becomes kOther), as a tree reader taking the first would not.
bool Scanner::begin(Role& role) {
  auto find = [&](std::string_view name) -> const Attribute* {
    for (std::size_t a = 0; a < kept_; ++a)
      if (attributes_[a].name == name) return &attributes_[a];
    return nullptr;
  };
  // Cut by characters: the value is shown in messages, which must stay UTF-8.
  auto shown = [](const Attribute& a) { return "r=\"" + first_chars(a.value(), 20) + "\""; };
  if (role == Role::kRow) {
    if (const Attribute* r = find("r")) {
      // A row number is read as the row of a reference in column A, on the stack: a valid one
      // has at most 12 characters.
      const std::string_view v = r->value();
      char buf[32] = {'A'};
      CellRef probe;
      if (v.size() >= sizeof buf - 1 || (v.copy(buf + 1, v.size()), !parse_cell_ref(std::string_view(buf, v.size() + 1), probe)))
        return grid(ScanFault::kBadRow, shown(*r));
      row_no_ = probe.row;
    } else if (++row_no_ > kMaxSheetRows) {
      return grid(ScanFault::kTooManyRows, "");
    }
    col_no_ = 0;
    if (wanted_) {
      auto by_row = [](const CellRef& a, const CellRef& b) { return a.row < b.row; };
      std::tie(row_first_, row_last_) = std::equal_range(wanted_->begin(), wanted_->end(), CellRef{row_no_, 0}, by_row);
      row_wanted_now_ = row_first_ != row_last_;
    } else {
      row_wanted_now_ = true;
    }
  } else if (role == Role::kCell && row_wanted_now_) {
    cell_.clear();
    cell_.ref = CellRef{row_no_, col_no_ + 1};
    if (const Attribute* r = find("r"); r && (!parse_cell_ref(r->value(), cell_.ref) || cell_.ref.row != row_no_))
      return grid(ScanFault::kBadCell, shown(*r));
    if (cell_.ref.col > kMaxSheetColumns) return grid(ScanFault::kWideRow, "");
    col_no_ = cell_.ref.col;
    cell_wanted_ = !wanted_ || std::binary_search(row_first_, row_last_, cell_.ref, [](const CellRef& a, const CellRef& b) { return a.col < b.col; });
    if (!cell_wanted_) return true;
    if (const Attribute* t = find("t")) cell_.type = t->value();
    for (std::size_t a = 0; a < kept_ && cell_.duplicate.empty(); ++a)
      for (std::size_t b = a + 1; b < kept_ && cell_.duplicate.empty(); ++b)
        if (attributes_[a].name == attributes_[b].name) {
          cell_.duplicate = std::string(attributes_[a].name);
          cell_.duplicate_values = cell_.duplicate + "=\"" + std::string(attributes_[a].value()) + "\" 与 " + cell_.duplicate + "=\"" +
                                   std::string(attributes_[b].value()) + "\"";
        }
  } else if (!cell_wanted_) {
    return true;
  } else if (role == Role::kFormula) {
    cell_.formula = true;
  } else if (role == Role::kValue) {
    role = cell_.has_value ? Role::kOther : Role::kValue;
    cell_.has_value = true;
  } else if (role == Role::kInline) {
    role = cell_.has_inline ? Role::kOther : Role::kInline;
    cell_.has_inline = true;
  } else if (role == Role::kInlineText || role == Role::kRunText) {
    piece_.clear();
  }
  return true;
}

// An element closes: a cell goes to the caller, an inline string's piece to its text.
bool Scanner::finish(Role role) {
  if (role == Role::kRow) {
    row_wanted_now_ = cell_wanted_ = false;
  } else if (!cell_wanted_) {
    return true;
  } else if (role == Role::kInlineText || role == Role::kRunText) {
    append_sheet_text(cell_.inline_text, piece_);
  } else if (role == Role::kCell) {
    cell_wanted_ = false;
    if (!on_cell_(cell_)) stopped_ = true;
  }
  return true;
}

ScanResult Scanner::run() {
  bool root_seen = false;
  while (p_ < x_.size() && !stopped_) {
    // Tags mostly follow each other ("><"): no search for the next one then.
    std::size_t next = p_;
    if (x_[p_] != '<') {
      const void* lt = std::memchr(x_.data() + p_, '<', x_.size() - p_);
      next = lt ? static_cast<std::size_t>(static_cast<const char*>(lt) - x_.data()) : x_.size();
    }
    if (stack_.empty()) {
      for (std::size_t i = p_; i < next; ++i)
        if (!space(x_[i])) return fail(ScanFault::kMalformed, i), result_;  // text outside the root
      p_ = next;
    } else if (!text(next, collecting())) {
      return result_;
    }
    if (p_ >= x_.size()) break;
    bool ok;
    const char after = p_ + 1 < x_.size() ? x_[p_ + 1] : '\0';  // x_[p_] is '<'
    if (after == '/') ok = end_tag();
    else if (after == '!' || after == '?') ok = markup_declaration();
    else if (stack_.empty() && root_seen) ok = fail(ScanFault::kMalformed, p_);  // a second root
    else ok = (root_seen = true, start_tag());
    if (!ok) return result_;
  }
  if (!stopped_ && (!stack_.empty() || !root_seen)) fail(ScanFault::kMalformed, x_.size());
  return result_;
}

}  // namespace

ScanResult scan_sheet_data(std::string_view xml, const std::vector<CellRef>* wanted,
                           const std::function<bool(const ScannedCell&)>& on_cell) {
  return Scanner(xml, wanted, on_cell).run();
}

}  // namespace nianbao
