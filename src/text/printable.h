// Text that is safe to show on a terminal or in a plain-text report: control characters (C0 but
// tab and line feed, DEL, C1, ESC among them) and bytes that are not UTF-8 are written out as
// visible escapes, so that a file name cannot move the cursor, change colours or hide itself.
#pragma once

#include <iosfwd>
#include <memory>
#include <streambuf>
#include <string>
#include <string_view>

namespace nianbao {

/// `text` with every control character written as \u00XX (the JSON spelling, so that JSON text
/// keeps its meaning) and every byte that does not belong to a UTF-8 sequence as \xNN. Tab and
/// line feed are kept; everything else that prints is unchanged.
std::string printable(std::string_view text);

/// A stream buffer that passes what is written through printable() to `target`; a UTF-8
/// sequence split between two writes is held until it is complete (or the buffer is destroyed).
/// Does not own `target`.
class PrintableBuf : public std::streambuf {
 public:
  explicit PrintableBuf(std::streambuf* target) : target_(target) {}
  ~PrintableBuf() override;

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  void pass(bool final);
  std::streambuf* target_;
  std::string pending_;
};

/// While alive, std::cout and std::cerr write through PrintableBuf; their buffers come back when
/// it ends. For the program's own messages: everything it prints passes printable().
class PrintableStandardStreams {
 public:
  PrintableStandardStreams();
  ~PrintableStandardStreams();
  PrintableStandardStreams(const PrintableStandardStreams&) = delete;
  PrintableStandardStreams& operator=(const PrintableStandardStreams&) = delete;

 private:
  std::unique_ptr<PrintableBuf> out_, err_;
  std::streambuf* saved_out_;
  std::streambuf* saved_err_;
};

}  // namespace nianbao
