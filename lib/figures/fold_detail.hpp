#pragma once
// Private to lib/: the full-width folding that figure and date parsing share (UTF-8 itself is
// annals::utf8, text.hpp). Not installed.

namespace annals::detail {

/// Full-width digits and punctuation → ASCII; the other minus signs → '-'.
constexpr char32_t fold_width(char32_t c) noexcept {
  if (c >= 0xFF10 && c <= 0xFF19) return U'0' + (c - 0xFF10);
  switch (c) {
    case 0xFF0E: return U'.';  // ．
    case 0xFF0C: return U',';  // ，
    case 0xFF05: return U'%';  // ％
    case 0xFF0D: return U'-';  // －
    case 0x2212: return U'-';  // −
    case 0xFF0B: return U'+';  // ＋
    default: return c;
  }
}

/// ASCII blanks, U+3000 IDEOGRAPHIC SPACE and U+00A0.
constexpr bool is_blank(char32_t c) noexcept {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0x3000 || c == 0x00A0;
}

}  // namespace annals::detail
