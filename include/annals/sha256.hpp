#pragma once
/// @file sha256.hpp
/// SHA-256 (FIPS 180-4) of a byte string, used to identify the raw bytes of a report.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace annals {

/**
 * Incremental SHA-256: feed bytes with update(), read the digest once with finish().
 *
 * @code
 *   annals::sha256 h;
 *   h.update("ab");
 *   h.update("c");
 *   std::string hex = h.finish_hex();  // "ba7816bf…"
 * @endcode
 */
class sha256 {
 public:
  using digest = std::array<std::uint8_t, 32>;

  sha256() noexcept;
  /// Adds bytes to the message.
  void update(std::string_view bytes) noexcept;
  /// Pads the message and returns the digest; the object must not be updated afterwards.
  [[nodiscard]] digest finish() noexcept;
  /// finish() as 64 lowercase hex digits.
  [[nodiscard]] std::string finish_hex();

 private:
  void compress(const std::uint8_t* block) noexcept;

  std::array<std::uint32_t, 8> h_{};
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

/// The SHA-256 of `bytes` as 64 lowercase hex digits.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

}  // namespace annals
