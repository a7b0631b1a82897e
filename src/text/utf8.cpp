#include "text/utf8.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__ARM_NEON)
#include <arm_neon.h>
#endif

namespace nianbao {

namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// How many of the sixteen bytes at p, from the first, are printable ASCII, tab or a line break
// (16: all of them). x86-64 and arm64 (the offices' Kunpeng and Phytium machines) test all
// sixteen at once: a signed compare with 0x20 flags both control characters and every byte with
// the high bit set.
std::size_t clean_prefix16(const unsigned char* p) {
#if defined(__SSE2__)
  __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  __m128i low = _mm_cmplt_epi8(x, _mm_set1_epi8(0x20));
  __m128i allowed = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\r'))),
                                 _mm_cmpeq_epi8(x, _mm_set1_epi8('\t')));
  int bad = _mm_movemask_epi8(_mm_andnot_si128(allowed, low));
  return bad == 0 ? 16 : static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(bad)));
#elif defined(__ARM_NEON)
  uint8x16_t x = vld1q_u8(p);
  uint8x16_t low = vcltq_s8(vreinterpretq_s8_u8(x), vdupq_n_s8(0x20));
  uint8x16_t allowed =
      vorrq_u8(vorrq_u8(vceqq_u8(x, vdupq_n_u8('\n')), vceqq_u8(x, vdupq_n_u8('\r'))), vceqq_u8(x, vdupq_n_u8('\t')));
  uint8x16_t bad = vbicq_u8(low, allowed);
  // Narrowing shift: four bits per byte in one 64-bit word, in byte order.
  uint64_t mask = vget_lane_u64(vreinterpret_u64_u8(vshrn_n_u16(vreinterpretq_u16_u8(bad), 4)), 0);
  return mask == 0 ? 16 : static_cast<std::size_t>(__builtin_ctzll(mask) / 4);
#else
  std::size_t k = 0;
  while (k < 16 && ((p[k] >= 0x20 && p[k] < 0x80) || p[k] == '\t' || p[k] == '\n' || p[k] == '\r')) ++k;
  return k;
#endif
}

// Whether the sixteen bytes at p hold only printable ASCII, tab, line breaks and complete parts
// of valid three-byte characters (U+0800–U+FFFD, no surrogates), judged with the two bytes
// before them (readable, and ending earlier characters or starting one that runs into p). A
// three-byte character may run past the sixteen bytes; its last bytes are judged with the next
// sixteen. Written with the compiler's vector types: SSE2 on x86-64, NEON on arm64.
bool ascii_and_three_byte16(const unsigned char* p) {
  typedef unsigned char V __attribute__((vector_size(16)));
  auto load = [](const unsigned char* at) {
    V v;
    std::memcpy(&v, at, sizeof v);
    return v;
  };
  auto all = [](unsigned char c) { return V{} + c; };
  const V x = load(p), x1 = load(p - 1), x2 = load(p - 2);
  const V lead = (V)((x & all(0xF0)) == all(0xE0));
  const V after_lead = (V)((x1 & all(0xF0)) == all(0xE0)) | (V)((x2 & all(0xF0)) == all(0xE0));
  const V cont = (V)((x & all(0xC0)) == all(0x80));
  const V ascii = ((V)(x >= all(0x20)) & (V)(x < all(0x80))) | (V)(x == all('\t')) | (V)(x == all('\n')) | (V)(x == all('\r'));
  V bad = (after_lead ^ cont) | ~(ascii | lead | cont);               // a continuation where none belongs, or none where one does
  bad |= (V)(x1 == all(0xE0)) & (V)(x < all(0xA0));                   // overlong
  bad |= (V)(x1 == all(0xED)) & (V)(x >= all(0xA0));                  // a surrogate
  bad |= (V)(x2 == all(0xEF)) & (V)(x1 == all(0xBF)) & (V)(x >= all(0xBE));  // U+FFFE, U+FFFF
  std::uint64_t halves[2];
  std::memcpy(halves, &bad, sizeof halves);
  return (halves[0] | halves[1]) == 0;
}

}  // namespace

char32_t next_char(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  const std::size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return U'\uFFFD';
  }
  char32_t cp = c & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if (!is_continuation(cc)) {
      ++i;
      return U'\uFFFD';
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not characters.
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    ++i;
    return U'\uFFFD';
  }
  i += len;
  return cp;
}

std::u32string decode_utf8(std::string_view s) {
  // Never more characters than bytes: written in place, then cut to what was decoded.
  std::u32string out(s.size(), U'\0');
  char32_t* o = out.data();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (std::size_t i = 0; i < s.size();) {
    // Chinese prose is three-byte sequences led by E1–EC (U+1000–U+CFFF, CJK among them): with
    // both continuation bytes in place such a sequence is always a character (never overlong,
    // never a surrogate), so it is decoded without next_char's general checks.
    const unsigned c = p[i];
    if (c < 0x80) {
      *o++ = c;
      ++i;
    } else if (c >= 0xE1 && c <= 0xEC && i + 2 < s.size() && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
      *o++ = static_cast<char32_t>((c & 0x0F) << 12 | (p[i + 1] & 0x3Fu) << 6 | (p[i + 2] & 0x3Fu));
      i += 3;
    } else {
      *o++ = next_char(s, i);
    }
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
  return out;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string encode_utf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

std::size_t count_chars(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += !is_continuation(static_cast<unsigned char>(c));
  return n;
}

std::size_t skip_chars(std::string_view s, std::size_t from, std::size_t n) {
  std::size_t p = from;
  for (; p < s.size() && n > 0; --n) {
    ++p;
    while (p < s.size() && is_continuation(static_cast<unsigned char>(s[p]))) ++p;
  }
  return std::min(p, s.size());
}

std::size_t back_chars(std::string_view s, std::size_t from, std::size_t n) {
  std::size_t p = std::min(from, s.size());
  for (; p > 0 && n > 0; --n) {
    --p;
    while (p > 0 && is_continuation(static_cast<unsigned char>(s[p]))) --p;
  }
  return p;
}

std::size_t char_start(std::string_view s, std::size_t at) {
  while (at > 0 && at < s.size() && is_continuation(static_cast<unsigned char>(s[at]))) --at;
  return at;
}

std::string first_chars(std::string_view s, std::size_t n) {
  const std::size_t end = skip_chars(s, 0, n);
  return end < s.size() ? std::string(s.substr(0, end)) + "…" : std::string(s);
}

namespace {

// The character at s[i] read by next_char (one definition of a valid sequence for both): when
// it is a character XML allows, i moves past it; otherwise i stays and the answer is false.
bool next_valid_char(std::string_view s, std::size_t& i, bool& is_control) {
  const std::size_t at = i;
  const char32_t c = next_char(s, i);
  if ((c == U'\uFFFD' && i == at + 1) || c == 0xFFFE || c == 0xFFFF) return i = at, false;  // a real U+FFFD takes three bytes
  if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return i = at, is_control = true, false;
  return true;
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view s, bool& is_control) {
  is_control = false;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  // i is always the first byte of a character: the bytes before it end earlier characters.
  // Sixteen bytes at a time: printable ASCII (or tab / line breaks), the common case; then
  // ASCII mixed with three-byte characters (Chinese text); anything else, and every fault,
  // one character at a time, which tells where.
  while (i + 16 <= n) {
    if (clean_prefix16(p + i) == 16) {
      i += 16;
      continue;
    }
    if (i >= 2 && ascii_and_three_byte16(p + i)) {
      // A character that runs past the sixteen bytes is taken again from its first byte.
      i += (p[i + 14] & 0xF0) == 0xE0 ? 14 : (p[i + 15] & 0xF0) == 0xE0 ? 15 : 16;
      continue;
    }
    for (const std::size_t end = i + 16; i < end;)
      if (!next_valid_char(s, i, is_control)) return i;
  }
  while (i < n)
    if (!next_valid_char(s, i, is_control)) return i;
  return std::string_view::npos;
}

}  // namespace nianbao
