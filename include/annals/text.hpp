#pragma once
/// @file text.hpp
/// UTF-8 utilities shared by the reader: validation, code-point counting, byte ↔ code-point
/// offset conversion (one-off and indexed), substrings by code-point span, and the full-width →
/// half-width normalisation used for matching.
///
/// Spans in annals.report/1 count Unicode code points of the decoded text. Everything here
/// counts a code point as one UTF-8 lead byte (any byte that is not 10xxxxxx), which is exact for
/// valid UTF-8 — and the decoded text of annals::decode_document is always valid UTF-8.

#include <annals/report.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace annals {
namespace utf8 {

/// U+FFFD REPLACEMENT CHARACTER, put in place of bytes that are not valid UTF-8.
inline constexpr char32_t replacement_character = 0xFFFD;
inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

/// True for a UTF-8 continuation byte (10xxxxxx).
[[nodiscard]] constexpr bool is_continuation(unsigned char b) noexcept { return (b & 0xC0u) == 0x80u; }
[[nodiscard]] constexpr bool is_continuation(char b) noexcept {
  return is_continuation(static_cast<unsigned char>(b));
}

/// One decoded code point: its value, how many bytes it took, and whether they were valid.
struct code_point {
  char32_t value = 0;
  std::size_t length = 0;  ///< bytes consumed; ≥ 1 whenever pos < size
  bool valid = false;
};

/**
 * Decodes the code point starting at byte `pos` of `s`.
 * Invalid input yields {U+FFFD, length of the maximal ill-formed subpart (≥ 1), false}, as
 * Unicode §3.9 recommends, so that a decoder advancing by `length` never skips valid text.
 * At or past the end: {0, 0, false}.
 */
[[nodiscard]] code_point decode(std::string_view s, std::size_t pos) noexcept;

/**
 * Bytes in the sequence that starts with byte `b`, by its bit pattern alone: 1 for ASCII, 2 for
 * 110xxxxx, 3 for 1110xxxx, 4 for 11110xxx, and 1 for a byte that starts nothing (a continuation
 * byte, F8–FF), so that a loop advancing by it always moves. It says nothing about validity:
 * decode() does.
 */
[[nodiscard]] constexpr std::size_t sequence_length(unsigned char b) noexcept {
  return b < 0xC0u ? 1 : b < 0xE0u ? 2 : b < 0xF0u ? 3 : b < 0xF8u ? 4 : 1;
}

/**
 * decode() for text already known to be valid UTF-8 (decoded report text, a string literal):
 * no validation, for hot loops and constant expressions. The value of an ill-formed sequence is
 * unspecified but the call stays within `s`: a byte that starts nothing gives {U+FFFD, 1, false},
 * a sequence cut off by the end of `s` {U+FFFD, the bytes left, false}. At or past the end:
 * {0, 0, false}.
 */
[[nodiscard]] constexpr code_point decode_valid(std::string_view s, std::size_t pos) noexcept {
  if (pos >= s.size()) return {0, 0, false};
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80u) return {b0, 1, true};
  const std::size_t len = sequence_length(b0);
  if (len == 1) return {replacement_character, 1, false};
  if (len > s.size() - pos) return {replacement_character, s.size() - pos, false};
  const auto at = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[pos + k]) & 0x3Fu); };
  switch (len) {
    case 2: return {((b0 & 0x1Fu) << 6) | at(1), 2, true};
    case 3: return {((b0 & 0x0Fu) << 12) | (at(1) << 6) | at(2), 3, true};
    default: return {((b0 & 0x07u) << 18) | (at(1) << 12) | (at(2) << 6) | at(3), 4, true};
  }
}

/// Appends the UTF-8 encoding of `cp` (surrogates and values above U+10FFFF become U+FFFD).
void append(std::string& out, char32_t cp);

/// The UTF-8 encoding of `cp` as a string.
[[nodiscard]] std::string encode(char32_t cp);

/// The code points of `s`, or nothing when `s` is not well-formed UTF-8.
[[nodiscard]] std::optional<std::u32string> decode_strict(std::string_view s);

/// The UTF-8 encoding of `text` (surrogates and values above U+10FFFF become U+FFFD).
[[nodiscard]] std::string encode(std::u32string_view text);

/// Byte offset of the first ill-formed sequence in `s`, or npos when `s` is valid UTF-8.
[[nodiscard]] std::size_t find_invalid(std::string_view s) noexcept;

/// True when `s` is well-formed UTF-8 (no overlongs, surrogates or values above U+10FFFF).
[[nodiscard]] inline bool is_valid(std::string_view s) noexcept { return find_invalid(s) == npos; }

/**
 * `s` made safe to quote in a one-line message: control characters (C0, DEL, C1) become visible
 * escapes (`\n`, `\t`, `\r`, `\xHH`), ill-formed bytes become U+FFFD, and text beyond `max_bytes`
 * bytes of input is cut at a code-point boundary and marked with "…". The result is valid UTF-8
 * without control characters.
 */
[[nodiscard]] std::string printable(std::string_view s, std::size_t max_bytes = 48);

/// Number of code points in `s` (lead bytes).
[[nodiscard]] std::size_t length(std::string_view s) noexcept;

/// Byte offset of code point `cp` (s.size() when cp ≥ length(s)). Linear; use offset_index for
/// repeated queries.
[[nodiscard]] std::size_t byte_offset(std::string_view s, std::size_t cp) noexcept;

/// Number of code points that start before byte `byte` (the code-point offset of a character
/// boundary). Linear; use offset_index for repeated queries.
[[nodiscard]] std::size_t code_point_offset(std::string_view s, std::size_t byte) noexcept;

/// The code points [cp_start, cp_start + cp_count) of `s`, clamped to its end.
[[nodiscard]] std::string_view substr(std::string_view s, std::size_t cp_start,
                                      std::size_t cp_count = npos) noexcept;

/// The code points [span.start, span.end) of `s`, clamped to its end.
[[nodiscard]] std::string_view slice(std::string_view s, text_span span) noexcept;

}  // namespace utf8

/**
 * A precomputed index for repeated byte ↔ code-point conversions on one UTF-8 string.
 * Building is one pass (≈ n/64 checkpoints); each query costs O(log n + 64).
 * The index keeps a view of the string: the string must outlive it and stay unchanged.
 *
 * @code
 *   annals::offset_index idx(text);
 *   annals::text_span span{idx.to_code_point(match_begin), idx.to_code_point(match_end)};
 *   std::string_view back = idx.slice(span);  // == text.substr(match_begin, match_end - match_begin)
 * @endcode
 */
class offset_index {
 public:
  offset_index() = default;
  explicit offset_index(std::string_view utf8);

  /// Code points in the indexed string.
  [[nodiscard]] std::size_t size() const noexcept { return code_points_; }
  /// Bytes in the indexed string.
  [[nodiscard]] std::size_t size_bytes() const noexcept { return text_.size(); }
  /// The indexed string.
  [[nodiscard]] std::string_view text() const noexcept { return text_; }

  /// Byte offset of code point `cp` (size_bytes() when cp ≥ size()).
  [[nodiscard]] std::size_t to_byte(std::size_t cp) const noexcept;
  /// Number of code points starting before byte `byte` (clamped to size_bytes()).
  [[nodiscard]] std::size_t to_code_point(std::size_t byte) const noexcept;
  /// The code points [span.start, span.end), clamped.
  [[nodiscard]] std::string_view slice(text_span span) const noexcept;
  /// The code-point span of the bytes [byte_begin, byte_end).
  [[nodiscard]] text_span span_of(std::size_t byte_begin, std::size_t byte_end) const noexcept {
    return {to_code_point(byte_begin), to_code_point(byte_end)};
  }

 private:
  static constexpr std::size_t block = 64;
  std::string_view text_;
  std::size_t code_points_ = 0;
  std::vector<std::size_t> marks_;  ///< marks_[k] = byte offset of code point k·block
};

/**
 * The half-width form of a full-width character used for matching: U+FF01–U+FF5E (！…～,
 * ０–９, Ａ–Ｚ, ａ–ｚ, ，％．（） …) → U+0021–U+007E, U+3000 IDEOGRAPHIC SPACE and U+00A0 NO-BREAK
 * SPACE → U+0020, U+FFE0/U+FFE1/U+FFE5 → ¢ £ ¥. Everything else (including 。、《》“” and
 * Chinese numerals) is returned unchanged.
 */
[[nodiscard]] char32_t to_half_width(char32_t c) noexcept;

/**
 * True for a code point of the blocks whose characters may stand for a unified CJK ideograph:
 * CJK Radicals Supplement (U+2E80–U+2EFF), Kangxi Radicals (U+2F00–U+2FDF), CJK Compatibility
 * Ideographs (U+F900–U+FAFF) and their supplement (U+2F800–U+2FA1F). Text copied out of a PDF
 * often carries them (⾏ U+2F8F for 行).
 */
[[nodiscard]] constexpr bool in_compatibility_ideograph_blocks(char32_t c) noexcept {
  return (c - 0x2E80u) < 0x160u || (c - 0xF900u) < 0x200u || (c - 0x2F800u) < 0x220u;
}

/**
 * The unified ideograph that a compatibility character stands for, by the Unicode
 * compatibility decomposition (NFKC) of that one character, as utf8proc's data gives it: every
 * Kangxi radical (⾏ U+2F8F → 行 U+884C), every CJK compatibility ideograph with a decomposition
 * (豈 U+F900 → 豈 U+8C48; the twelve of U+FA0E–U+FA29 that are unified ideographs themselves have
 * none and stay), every one of the supplement (U+2F800–U+2FA1F), and the two radicals of the
 * CJK Radicals Supplement that have a mapping (⺟ U+2E9F → 母, ⻳ U+2EF3 → 龟). The other radicals
 * of that block (⺠ U+2EA0 …) have no decomposition in Unicode and are returned unchanged, as is
 * every code point outside the four blocks. Always one code point for one.
 */
[[nodiscard]] char32_t to_unified_ideograph(char32_t c) noexcept;

/// `utf8` with every compatibility ideograph replaced by to_unified_ideograph (valid UTF-8 in,
/// valid UTF-8 out; the same number of code points).
[[nodiscard]] std::string fold_compatibility_ideographs(std::string_view utf8);

/**
 * A width-normalised copy of a UTF-8 text, for matching figures and punctuation written in
 * either width (１，２８６ → 1,286; ８９．６％ → 89.6%), with compatibility ideographs and Kangxi
 * radicals folded to the unified ideographs they stand for (to_unified_ideograph: 新收⾏政 →
 * 新收行政).
 *
 * Normalisation maps every code point to exactly one code point, so a code-point offset in
 * `text()` is the same code-point offset in the original: find a match by bytes in `text()`,
 * convert with `span_of()`, and the span indexes the original text. Invalid UTF-8 in the input
 * becomes U+FFFD, one per ill-formed subpart.
 *
 * @code
 *   annals::normalized_text n(decoded);            // "超１.１１万件" → "超1.11万件"
 *   auto at = n.text().find("1.11");
 *   annals::text_span s = n.span_of(at, at + 4);   // code points in `decoded` too
 * @endcode
 */
class normalized_text {
 public:
  explicit normalized_text(std::string_view utf8);
  normalized_text(const normalized_text&) = delete;  // the index views text_
  normalized_text& operator=(const normalized_text&) = delete;

  /// The normalised UTF-8 text.
  [[nodiscard]] const std::string& text() const noexcept { return text_; }
  /// Index over text() for byte ↔ code-point conversion.
  [[nodiscard]] const offset_index& index() const noexcept { return index_; }
  /// Code-point span (valid in the original text too) of the normalised bytes [begin, end).
  [[nodiscard]] text_span span_of(std::size_t byte_begin, std::size_t byte_end) const noexcept {
    return index_.span_of(byte_begin, byte_end);
  }
  /// True when normalisation changed nothing (the original can be matched directly).
  [[nodiscard]] bool unchanged() const noexcept { return unchanged_; }

 private:
  std::string text_;
  offset_index index_;
  bool unchanged_ = true;
};

/// normalized_text(utf8).text() without the index.
[[nodiscard]] std::string normalize_width(std::string_view utf8);

}  // namespace annals
