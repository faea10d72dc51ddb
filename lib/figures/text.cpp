// UTF-8 utilities (include/annals/text.hpp).
#include <annals/text.hpp>

#include "utf8_simd_detail.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace annals {
namespace utf8 {
namespace {

constexpr std::uint64_t high_bits = 0x8080808080808080ull;

/// Length of the run of ASCII bytes starting at `pos` (eight at a time).
std::size_t ascii_run(const unsigned char* p, std::size_t n, std::size_t pos) noexcept {
  std::size_t i = pos;
  while (i + 8 <= n) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    if ((w & high_bits) != 0) break;
    i += 8;
  }
  while (i < n && p[i] < 0x80) ++i;
  return i - pos;
}

bool in(unsigned char b, unsigned lo, unsigned hi) noexcept { return b >= lo && b <= hi; }

}  // namespace

code_point decode(std::string_view s, std::size_t pos) noexcept {
  const auto n = s.size();
  if (pos >= n) return {0, 0, false};
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned char b0 = p[pos];
  if (b0 < 0x80) return {b0, 1, true};
  std::size_t need = 0;
  unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  char32_t cp = 0;
  if (in(b0, 0xC2, 0xDF)) {
    need = 1;
    cp = b0 & 0x1Fu;
  } else if (in(b0, 0xE0, 0xEF)) {
    need = 2;
    cp = b0 & 0x0Fu;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (in(b0, 0xF0, 0xF4)) {
    need = 3;
    cp = b0 & 0x07u;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return {replacement_character, 1, false};
  }
  for (std::size_t k = 1; k <= need; ++k) {
    if (pos + k >= n) return {replacement_character, k, false};
    const unsigned char b = p[pos + k];
    const bool ok = k == 1 ? in(b, lo, hi) : in(b, 0x80, 0xBF);
    if (!ok) return {replacement_character, k, false};
    cp = (cp << 6) | (b & 0x3Fu);
  }
  return {cp, need + 1, true};
}

void append(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = replacement_character;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0u | (cp >> 6)));
    out.push_back(static_cast<char>(0x80u | (cp & 0x3Fu)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0u | (cp >> 12)));
    out.push_back(static_cast<char>(0x80u | ((cp >> 6) & 0x3Fu)));
    out.push_back(static_cast<char>(0x80u | (cp & 0x3Fu)));
  } else {
    out.push_back(static_cast<char>(0xF0u | (cp >> 18)));
    out.push_back(static_cast<char>(0x80u | ((cp >> 12) & 0x3Fu)));
    out.push_back(static_cast<char>(0x80u | ((cp >> 6) & 0x3Fu)));
    out.push_back(static_cast<char>(0x80u | (cp & 0x3Fu)));
  }
}

std::string encode(char32_t cp) {
  std::string s;
  append(s, cp);
  return s;
}

std::string encode(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (const char32_t c : text) append(out, c);
  return out;
}

std::optional<std::u32string> decode_strict(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const code_point cp = decode(s, i);
    if (!cp.valid) return std::nullopt;
    out.push_back(cp.value);
    i += cp.length;
  }
  return out;
}

std::string printable(std::string_view s, std::size_t max_bytes) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(std::min(s.size(), max_bytes) + 8);
  std::size_t i = 0;
  while (i < s.size()) {
    const code_point cp = decode(s, i);
    if (i + cp.length > max_bytes) {
      out += "…";
      break;
    }
    if (!cp.valid) {
      append(out, replacement_character);
    } else if (cp.value == U'\n') {
      out += "\\n";
    } else if (cp.value == U'\t') {
      out += "\\t";
    } else if (cp.value == U'\r') {
      out += "\\r";
    } else if (cp.value < 0x20 || (cp.value >= 0x7F && cp.value < 0xA0)) {
      out += "\\x";
      out += hex[(cp.value >> 4) & 0xF];
      out += hex[cp.value & 0xF];
    } else {
      out.append(s.substr(i, cp.length));
    }
    i += cp.length;
  }
  return out;
}

std::size_t find_invalid(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  // A valid prefix found 32 bytes at a time where the CPU can (utf8_simd.cpp), ending where a
  // character starts; the loop below reads on from there, so the answer is the scalar one.
  std::size_t i = detail::simd_valid_prefix(p, n);
  while (i < n) {
    i += ascii_run(p, n, i);
    // multi-byte characters: check inline (the common CJK case is three bytes)
    while (i < n && p[i] >= 0x80) {
      const unsigned char b0 = p[i];
      if (b0 >= 0xE1 && b0 <= 0xEC && i + 2 < n && is_continuation(p[i + 1]) &&
          is_continuation(p[i + 2])) {
        i += 3;
        continue;
      }
      const code_point c = decode(s, i);
      if (!c.valid) return i;
      i += c.length;
    }
  }
  return npos;
}

std::size_t length(std::string_view s) noexcept {
  // eight bytes at a time: a continuation byte is 10xxxxxx, i.e. bit 7 set and bit 6 clear
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t continuations = 0, i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    // bit 7 of each byte says "continuation"; move it to bit 0 and add the eight bytes up with
    // one multiplication (no POPCNT on the baseline x86-64 target)
    const std::uint64_t ones = (w & ~(w << 1) & high_bits) >> 7;
    continuations += static_cast<std::size_t>((ones * 0x0101010101010101ull) >> 56);
  }
  for (; i < n; ++i) continuations += is_continuation(p[i]) ? 1u : 0u;
  return n - continuations;
}

std::size_t byte_offset(std::string_view s, std::size_t cp) noexcept {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (is_continuation(s[i])) continue;
    if (seen == cp) return i;
    ++seen;
  }
  return s.size();
}

std::size_t code_point_offset(std::string_view s, std::size_t byte) noexcept {
  return length(s.substr(0, std::min(byte, s.size())));
}

std::string_view substr(std::string_view s, std::size_t cp_start, std::size_t cp_count) noexcept {
  const std::size_t b = byte_offset(s, cp_start);
  if (cp_count == npos) return s.substr(b);
  const std::size_t e = b + byte_offset(s.substr(b), cp_count);
  return s.substr(b, e - b);
}

std::string_view slice(std::string_view s, text_span span) noexcept {
  if (span.end <= span.start) return s.substr(byte_offset(s, span.start), 0);
  return substr(s, span.start, span.end - span.start);
}

}  // namespace utf8

offset_index::offset_index(std::string_view utf8) : text_(utf8) {
  marks_.reserve(utf8.size() / block + 1);
  std::size_t cp = 0;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    if (utf8::is_continuation(utf8[i])) continue;
    if (cp % block == 0) marks_.push_back(i);
    ++cp;
  }
  code_points_ = cp;
}

std::size_t offset_index::to_byte(std::size_t cp) const noexcept {
  if (cp >= code_points_) return text_.size();
  std::size_t i = marks_[cp / block];
  std::size_t left = cp % block;
  while (left > 0) {
    ++i;
    if (!utf8::is_continuation(text_[i])) --left;
  }
  return i;
}

std::size_t offset_index::to_code_point(std::size_t byte) const noexcept {
  if (byte >= text_.size()) return code_points_;
  // the last checkpoint at or before `byte`
  const auto it = std::upper_bound(marks_.begin(), marks_.end(), byte);
  if (it == marks_.begin()) return 0;  // only continuation bytes before the first lead
  const auto k = static_cast<std::size_t>(it - marks_.begin()) - 1;
  return k * block + utf8::length(text_.substr(marks_[k], byte - marks_[k]));
}

std::string_view offset_index::slice(text_span span) const noexcept {
  const std::size_t b = to_byte(span.start);
  const std::size_t e = span.end <= span.start ? b : to_byte(span.end);
  return text_.substr(b, e - b);
}

char32_t to_half_width(char32_t c) noexcept {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
  switch (c) {
    case 0x3000:
    case 0x00A0: return U' ';
    case 0xFFE0: return 0x00A2;
    case 0xFFE1: return 0x00A3;
    case 0xFFE5: return 0x00A5;
    default: return c;
  }
}

namespace {

/// The unified ideograph of every code point of the compatibility blocks, built once from
/// utf8proc's decomposition data (the NFKC mapping of the single character): a mapping is taken
/// when it is one code point; anything else (no decomposition, unassigned) maps to itself.
struct compatibility_table {
  static constexpr char32_t radicals_first = 0x2E80, radicals_size = 0x160;     // U+2E80–U+2FDF
  static constexpr char32_t compat_first = 0xF900, compat_size = 0x200;         // U+F900–U+FAFF
  static constexpr char32_t supplement_first = 0x2F800, supplement_size = 0x220;  // U+2F800–U+2FA1F
  std::array<char32_t, radicals_size> radicals{};
  std::array<char32_t, compat_size> compat{};
  std::array<char32_t, supplement_size> supplement{};

  static char32_t nfkc_of(char32_t c) noexcept {
    utf8proc_int32_t out[4];
    int last_boundclass = 0;
    const utf8proc_ssize_t n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(c), out, 4,
                                                       static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT),
                                                       &last_boundclass);
    if (n != 1 || out[0] <= 0) return c;
    return static_cast<char32_t>(out[0]);
  }
  template <std::size_t N>
  static void fill(std::array<char32_t, N>& a, char32_t first) noexcept {
    for (std::size_t k = 0; k < N; ++k) a[k] = nfkc_of(first + static_cast<char32_t>(k));
  }
  compatibility_table() noexcept {
    fill(radicals, radicals_first);
    fill(compat, compat_first);
    fill(supplement, supplement_first);
  }
};

const compatibility_table& compatibility() noexcept {
  static const compatibility_table table;  // thread-safe, built on first use
  return table;
}

}  // namespace

char32_t to_unified_ideograph(char32_t c) noexcept {
  if (!in_compatibility_ideograph_blocks(c)) return c;
  const auto& t = compatibility();
  if (c - compatibility_table::radicals_first < compatibility_table::radicals_size)
    return t.radicals[c - compatibility_table::radicals_first];
  if (c - compatibility_table::compat_first < compatibility_table::compat_size)
    return t.compat[c - compatibility_table::compat_first];
  return t.supplement[c - compatibility_table::supplement_first];
}

std::string fold_compatibility_ideographs(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    const utf8::code_point c = utf8::decode(in, i);
    if (c.valid && in_compatibility_ideograph_blocks(c.value))
      utf8::append(out, to_unified_ideograph(c.value));
    else
      out.append(in.substr(i, c.length));
    i += c.length;
  }
  return out;
}

namespace {
/// Appends the normalised form of `in` to `out`; returns true when anything changed.
bool normalize_into(std::string_view in, std::string& out) {
  bool changed = false;
  out.reserve(out.size() + in.size());
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const std::size_t n = in.size();
  std::size_t copied = 0;  // in[copied, i) is still to be copied through unchanged
  std::size_t i = 0;
  auto replace = [&](std::size_t at, std::size_t len, char32_t with) {
    out.append(in.substr(copied, at - copied));
    utf8::append(out, with);
    copied = at + len;
    changed = true;
  };
  while (i < n) {
    const unsigned char b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    // Only U+00A0 (C2 A0), U+3000 (E3 80 80), U+FFxx (EF BC/BD/BF xx), the radicals U+2E80–U+2FDF
    // (E2 BA–BF xx), the compatibility ideographs U+F900–U+FAFF (EF A4–AB xx) and their
    // supplement (F0 AF xx xx) can change; other valid sequences are skipped over without
    // decoding, invalid ones become U+FFFD.
    const bool maybe = b == 0xC2 || b == 0xE3 || b == 0xEF || b == 0xF0 ||
                       (b == 0xE2 && i + 1 < n && p[i + 1] >= 0xBA);
    if (!maybe && b >= 0xE1 && b <= 0xEC && i + 2 < n && utf8::is_continuation(p[i + 1]) &&
        utf8::is_continuation(p[i + 2])) {
      i += 3;
      continue;
    }
    const utf8::code_point c = utf8::decode(in, i);
    if (!c.valid) {
      replace(i, c.length, utf8::replacement_character);
    } else if (maybe) {
      const char32_t h = in_compatibility_ideograph_blocks(c.value) ? to_unified_ideograph(c.value)
                                                                    : to_half_width(c.value);
      if (h != c.value) replace(i, c.length, h);
    }
    i += c.length;
  }
  out.append(in.substr(copied));
  return changed;
}
}  // namespace

normalized_text::normalized_text(std::string_view utf8) {
  unchanged_ = !normalize_into(utf8, text_);
  index_ = offset_index(text_);
}

std::string normalize_width(std::string_view utf8) {
  std::string out;
  normalize_into(utf8, out);
  return out;
}

}  // namespace annals
