#include "text/printable.h"

#include <cstdio>
#include <iostream>

namespace nianbao {

namespace {

// Length of the UTF-8 sequence at s[i] when it is complete and valid, 0 when it is not valid,
// -1 when it is the valid start of a sequence that `s` cuts short.
int sequence_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  if (len <= 1) return len;
  for (int k = 1; k < len; ++k) {
    if (i + static_cast<std::size_t>(k) >= s.size()) return -1;
    const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) return 0;
    // The second byte decides overlong forms, surrogates and code points past U+10FFFF.
    if (k == 1 && ((c == 0xE0 && b < 0xA0) || (c == 0xED && b > 0x9F) || (c == 0xF0 && b < 0x90) || (c == 0xF4 && b > 0x8F)))
      return 0;
  }
  return len;
}

void append_escape(std::string& out, const char* form, unsigned value) {
  char buf[8];
  std::snprintf(buf, sizeof buf, form, value);
  out += buf;
}

// Appends the printable form of text[0, n) to `out`; returns how many bytes were consumed (fewer
// than n only when `hold_tail` and the text ends inside a UTF-8 sequence).
std::size_t append_printable(std::string& out, std::string_view text, bool hold_tail) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) append_escape(out, "\\u%04x", c);
      else out += static_cast<char>(c);
      ++i;
      continue;
    }
    int len = sequence_length(text, i);
    if (len < 0 && hold_tail) break;
    if (len <= 0) {
      append_escape(out, "\\x%02X", c);
      ++i;
      continue;
    }
    if (c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {  // C1: U+0080–U+009F
      append_escape(out, "\\u%04x", static_cast<unsigned char>(text[i + 1]));
    } else {
      out.append(text, i, static_cast<std::size_t>(len));
    }
    i += static_cast<std::size_t>(len);
  }
  return i;
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_printable(out, text, false);
  return out;
}

PrintableBuf::~PrintableBuf() { pass(true); }

PrintableBuf::int_type PrintableBuf::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  pending_ += traits_type::to_char_type(c);
  if (pending_.size() >= 4096) pass(false);
  return c;
}

std::streamsize PrintableBuf::xsputn(const char* s, std::streamsize n) {
  pending_.append(s, static_cast<std::size_t>(n));
  if (pending_.size() >= 4096) pass(false);
  return n;
}

int PrintableBuf::sync() {
  pass(false);
  return target_->pubsync();
}

void PrintableBuf::pass(bool final) {
  if (pending_.empty()) return;
  std::string out;
  std::size_t used = append_printable(out, pending_, !final);
  pending_.erase(0, used);
  target_->sputn(out.data(), static_cast<std::streamsize>(out.size()));
  if (final) target_->pubsync();
}

PrintableStandardStreams::PrintableStandardStreams()
    : out_(std::make_unique<PrintableBuf>(std::cout.rdbuf())),
      err_(std::make_unique<PrintableBuf>(std::cerr.rdbuf())),
      saved_out_(std::cout.rdbuf(out_.get())),
      saved_err_(std::cerr.rdbuf(err_.get())) {}

PrintableStandardStreams::~PrintableStandardStreams() {
  std::cout.flush();
  std::cerr.flush();
  std::cout.rdbuf(saved_out_);
  std::cerr.rdbuf(saved_err_);
  out_.reset();
  err_.reset();
}

}  // namespace nianbao
