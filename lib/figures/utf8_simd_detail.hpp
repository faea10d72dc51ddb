#pragma once
// UTF-8 validation 32 bytes at a time (AVX2, chosen at run time), for utf8::find_invalid
// (text.cpp). Only a prefix is vouched for; the scalar validator does the rest, so the answer
// (the first invalid byte's offset) is the scalar one by construction.
#include <cstddef>

namespace annals::utf8::detail {

/// The length of a prefix of p[0, n) that is valid UTF-8 and ends where a character starts (or
/// at n): 0 when the CPU has no AVX2, or the input is short. Everything from the returned
/// offset on is left to the scalar validator, which finds the exact first invalid byte.
[[nodiscard]] std::size_t simd_valid_prefix(const unsigned char* p, std::size_t n) noexcept;

/// Whether simd_valid_prefix has a vector path on this CPU (for tests and benchmarks).
[[nodiscard]] bool simd_validation_available() noexcept;

}  // namespace annals::utf8::detail
