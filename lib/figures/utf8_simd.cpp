// UTF-8 validation 32 bytes at a time (utf8_simd_detail.hpp), after the table-lookup method of
// Keiser and Lemire ("Validating UTF-8 in less than one instruction per byte", 2021): each byte
// is classified with the byte before it by three 16-entry lookups whose results are ANDed, one
// bit per kind of error; a byte that must continue a three- or four-byte character (known from
// the two and three bytes before it) is checked separately. Only the prefix before the first
// block with an error is vouched for; the scalar validator (text.cpp) reads on from a character
// boundary before it, so every answer is the scalar one and this file only changes the speed.
#include "utf8_simd_detail.hpp"

#include <annals/text.hpp>

#include <array>
#include <cstdint>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define ANNALS_UTF8_AVX2 1
#endif

namespace annals::utf8::detail {
namespace {

#ifdef ANNALS_UTF8_AVX2

/// `at`, moved past the continuation bytes it starts on (at most three in valid text): where a
/// character starts, given that the text before `at` is valid.
std::size_t character_start(const unsigned char* p, std::size_t n, std::size_t at) noexcept {
  while (at < n && utf8::is_continuation(p[at])) ++at;
  return at;
}

// One bit per error, set in the classes of the byte before (`b1`) and of the byte (`b2`) that
// together make it; a pair is wrong where all three lookups agree on a bit.
constexpr std::uint8_t too_short = 1u << 0;       // lead or ASCII, then lead or ASCII
constexpr std::uint8_t too_long = 1u << 1;        // ASCII, then a continuation
constexpr std::uint8_t overlong_3 = 1u << 2;      // E0, then 80..9F
constexpr std::uint8_t too_large = 1u << 3;       // F4 then 90..BF, or F5..FF then 90..BF
constexpr std::uint8_t surrogate = 1u << 4;       // ED, then A0..BF
constexpr std::uint8_t overlong_2 = 1u << 5;      // C0 or C1, then a continuation
constexpr std::uint8_t too_large_1000 = 1u << 6;  // F5..FF, then 80..8F
constexpr std::uint8_t overlong_4 = 1u << 6;      // F0, then 80..8F (same bit: same second byte)
constexpr std::uint8_t two_conts = 1u << 7;       // a continuation, then a continuation
constexpr std::uint8_t carry = too_short | too_long | two_conts;  // decided by the high nibble

using lookup = std::array<std::uint8_t, 16>;

/// A 16-entry lookup table for vpshufb, the same in both 128-bit lanes (it looks up within one).
__attribute__((target("avx2"))) inline __m256i table(const lookup& entries) {
  return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(entries.data())));
}

/// The bytes of `in` moved N places later, the first N taken from the end of `prev`.
template <int N>
__attribute__((target("avx2"))) inline __m256i earlier(__m256i in, __m256i prev) {
  return _mm256_alignr_epi8(in, _mm256_permute2x128_si256(prev, in, 0x21), 16 - N);
}

__attribute__((target("avx2"))) inline __m256i high_nibbles(__m256i v) {
  return _mm256_and_si256(_mm256_srli_epi16(v, 4), _mm256_set1_epi8(0x0F));
}

/// Non-zero where a byte of `in` (read after `prev`) makes the text invalid.
__attribute__((target("avx2"))) inline __m256i block_errors(__m256i in, __m256i prev) {
  const __m256i b1_high_table =
      table({too_long, too_long, too_long, too_long, too_long, too_long, too_long, too_long,  // 0___
             two_conts, two_conts, two_conts, two_conts,                                      // 10__
             too_short | overlong_2, too_short,                                               // 110_
             too_short | overlong_3 | surrogate,                                              // 1110
             too_short | too_large | too_large_1000 | overlong_4});                           // 1111
  constexpr std::uint8_t large = carry | too_large | too_large_1000;
  const __m256i b1_low_table = table({carry | overlong_3 | overlong_2 | overlong_4, carry | overlong_2, carry, carry,
                                      carry | too_large, large, large, large, large, large, large, large, large,
                                      large | surrogate, large, large});
  constexpr std::uint8_t cont = too_long | overlong_2 | two_conts;
  const __m256i b2_high_table =
      table({too_short, too_short, too_short, too_short, too_short, too_short, too_short, too_short,  // ASCII
             cont | overlong_3 | too_large_1000 | overlong_4,                                         // 1000
             cont | overlong_3 | too_large,                                                           // 1001
             cont | surrogate | too_large, cont | surrogate | too_large,                              // 101_
             too_short, too_short, too_short, too_short});                                            // 11__
  const __m256i prev1 = earlier<1>(in, prev);
  const __m256i b1_high = _mm256_shuffle_epi8(b1_high_table, high_nibbles(prev1));
  const __m256i b1_low = _mm256_shuffle_epi8(b1_low_table, _mm256_and_si256(prev1, _mm256_set1_epi8(0x0F)));
  const __m256i b2_high = _mm256_shuffle_epi8(b2_high_table, high_nibbles(in));
  const __m256i special = _mm256_and_si256(_mm256_and_si256(b1_high, b1_low), b2_high);
  // third byte of a character (two before: E0..FF) or fourth (three before: F0..FF): bit 7
  const __m256i third = _mm256_subs_epu8(earlier<2>(in, prev), _mm256_set1_epi8(static_cast<char>(0xE0 - 0x80)));
  const __m256i fourth = _mm256_subs_epu8(earlier<3>(in, prev), _mm256_set1_epi8(static_cast<char>(0xF0 - 0x80)));
  const __m256i must_continue =
      _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8(static_cast<char>(0x80)));
  // a second continuation is right exactly where one must continue a character
  return _mm256_xor_si256(must_continue, special);
}

__attribute__((target("avx2"))) std::size_t valid_prefix_avx2(const unsigned char* p, std::size_t n) noexcept {
  __m256i prev = _mm256_setzero_si256();
  std::size_t at = 0;
  for (; at + 32 <= n; at += 32) {
    const __m256i in = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + at));
    const __m256i errors = block_errors(in, prev);
    if (!_mm256_testz_si256(errors, errors)) break;  // the invalid byte: here or in the last 3 before
    prev = in;
  }
  // Vouched for: up to the block before the one that stopped (or before the last block, which
  // may end inside a character, or leave one unfinished at the end).
  return at >= 32 ? character_start(p, n, at - 32) : 0;
}

bool cpu_has_avx2() noexcept {
  static const bool has = __builtin_cpu_supports("avx2") != 0;
  return has;
}

#endif

}  // namespace

bool simd_validation_available() noexcept {
#ifdef ANNALS_UTF8_AVX2
  return cpu_has_avx2();
#else
  return false;
#endif
}

std::size_t simd_valid_prefix(const unsigned char* p, std::size_t n) noexcept {
#ifdef ANNALS_UTF8_AVX2
  if (n >= 64 && cpu_has_avx2()) return valid_prefix_avx2(p, n);
#endif
  (void)p;
  (void)n;
  return 0;
}

}  // namespace annals::utf8::detail
