#pragma once
// Private to lib/: UTF-8 → code points with the full-width folding that figure and date parsing
// share. Not installed.

#include <optional>
#include <string_view>
#include <vector>

namespace annals::detail {

/// Code points of `s`; nullopt when `s` is not well-formed UTF-8 (no overlongs, no surrogates).
inline std::optional<std::vector<char32_t>> decode_utf8(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    char32_t cp = 0;
    std::size_t len = 0;
    if (b0 < 0x80) {
      cp = b0;
      len = 1;
    } else if (b0 >= 0xC2 && b0 <= 0xDF) {
      cp = b0 & 0x1Fu;
      len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      cp = b0 & 0x0Fu;
      len = 3;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      cp = b0 & 0x07u;
      len = 4;
    } else {
      return std::nullopt;
    }
    if (i + len > s.size()) return std::nullopt;
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0u) != 0x80u) return std::nullopt;
      cp = (cp << 6) | (b & 0x3Fu);
    }
    const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    out.push_back(cp);
    i += len;
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
