#pragma once
// A report made ready for the store (encoded_report, store::ingest): what ingest derives from a
// report before it writes anything, computed by encode_rows() on any thread. Internal.
#include <annals/report.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace annals::detail {

/// The most facts a report may hold: facts.id is the report's id times 2^20 plus the fact's
/// position (schema.cpp).
inline constexpr std::size_t max_facts_per_report = (std::size_t{1} << 20) - 1;

/// The offset into encoded_rows::texts that stands for NULL (an unbounded end, no value).
inline constexpr std::uint32_t none_offset = 0xFFFFFFFFu;

/// A catalogue lookup key, "label\x1Funit", with its hash computed once (alias_hash).
struct alias_key_view {
  std::string_view key;
  std::size_t hash = 0;
};

/// Appends the key of the store's alias-id maps for a fact's label and unit: "label\x1Funit".
inline void append_alias_lookup_key(std::string& out, std::string_view label, std::string_view unit) {
  out.append(label).push_back('\x1F');
  out.append(unit);
}

/// The hash of the store's alias-id maps, which also takes an alias_key_view whose hash was
/// computed ahead (on the thread that encoded the report): the writer hashes no label.
/// (Its std::string overload is not noexcept on purpose: libstdc++ then keeps each node's hash,
/// as it does for std::hash<std::string>, and a lookup compares hashes before keys instead of
/// hashing the keys it passes.)
struct alias_hash {
  using is_transparent = void;
  static std::size_t of(std::string_view key) noexcept { return std::hash<std::string_view>{}(key); }
  std::size_t operator()(const std::string& key) const { return of(key); }  // NOLINT(performance-noexcept-*)
  std::size_t operator()(const alias_key_view& k) const noexcept { return k.hash; }
};
struct alias_equal {
  using is_transparent = void;
  bool operator()(const std::string& a, const std::string& b) const noexcept { return a == b; }
  bool operator()(const alias_key_view& a, const std::string& b) const noexcept { return a.key == b; }
  bool operator()(const std::string& a, const alias_key_view& b) const noexcept { return a == b.key; }
};

struct encoded_rows {
  std::string sha256;  ///< lower-case hex
  /// The decimal texts of every fact's (value, lo, hi) and change's (value, from, to), each
  /// NUL-terminated (bound without copying); the offsets of each, or none_offset.
  std::string texts;
  std::vector<std::array<std::uint32_t, 3>> fact_text, change_text;
  /// Each fact's (value, lo, hi) as the nearest double (facts.value_num, lo_num, hi_num); read
  /// only where the text's offset is not none_offset.
  std::vector<std::array<double, 3>> fact_real;
  std::vector<std::array<bool, 2>> fact_closed;  ///< whether each fact's bounds are closed
  /// Each fact's catalogue key ("label\x1Funit") in alias_keys: its offset, size and hash.
  std::string alias_keys;
  struct key_at {
    std::uint32_t offset = 0, size = 0;
    std::size_t hash = 0;
  };
  std::vector<key_at> fact_alias;

  [[nodiscard]] alias_key_view alias_key_of(std::size_t fact) const noexcept {
    const key_at& k = fact_alias[fact];
    return {std::string_view(alias_keys).substr(k.offset, k.size), k.hash};
  }
};

/// Checks `r` as store::ingest does (input_error: no sha256, too many facts, duplicate or
/// dangling ids) and fills `out` (its buffers reused) with what writing it needs.
void encode_rows(const report& r, encoded_rows& out);

}  // namespace annals::detail
