#pragma once
// Private to lib/: UTF-8 → code points with the full-width folding that figure and date parsing
// share. Not installed.

#include <annals/text.hpp>

#include <optional>
#include <string_view>
#include <vector>

namespace annals::detail {

/// Code points of `s`; nullopt when `s` is not well-formed UTF-8 (no overlongs, no surrogates).
inline std::optional<std::vector<char32_t>> decode_utf8(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const utf8::code_point cp = utf8::decode(s, i);
    if (!cp.valid) return std::nullopt;
    out.push_back(cp.value);
    i += cp.length;
  }
  return out;
}

/// Appends the UTF-8 encoding of a valid code point.
inline void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0u | (c >> 6)));
    out.push_back(static_cast<char>(0x80u | (c & 0x3Fu)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0u | (c >> 12)));
    out.push_back(static_cast<char>(0x80u | ((c >> 6) & 0x3Fu)));
    out.push_back(static_cast<char>(0x80u | (c & 0x3Fu)));
  } else {
    out.push_back(static_cast<char>(0xF0u | (c >> 18)));
    out.push_back(static_cast<char>(0x80u | ((c >> 12) & 0x3Fu)));
    out.push_back(static_cast<char>(0x80u | ((c >> 6) & 0x3Fu)));
    out.push_back(static_cast<char>(0x80u | (c & 0x3Fu)));
  }
}

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
