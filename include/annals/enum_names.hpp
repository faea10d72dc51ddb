#pragma once
/// @file enum_names.hpp
/// One name/parse pair for every closed set of annals. `to_string(e)`, declared beside each enum,
/// gives the name JSON, CSV, the store and the tool write; `annals::from_string<E>(name)` reads it
/// back. Each named enum lists its values once, in an `enum_values<E>` specialisation beside it,
/// which is all from_string needs.
///
/// @code
///   auto k = annals::from_string<annals::fact_kind>("percent");  // fact_kind::percent
///   auto q = annals::from_string<annals::qualifier>("roughly");  // nullopt
/// @endcode

#include <array>
#include <concepts>
#include <optional>
#include <string_view>
#include <type_traits>

namespace annals {

/// Every value of a named enum, in declaration order: `static constexpr std::array all{...}`.
template <class E>
struct enum_values;

/// An enum with a to_string() and its values listed in enum_values.
template <class E>
concept named_enum = std::is_enum_v<E> && requires(E e) {
  enum_values<E>::all;
  { to_string(e) } -> std::convertible_to<std::string_view>;
};

/// The value of E whose to_string() is `name`; nullopt when none is (names are case-sensitive).
template <named_enum E>
[[nodiscard]] constexpr std::optional<E> from_string(std::string_view name) noexcept {
  for (const E e : enum_values<E>::all)
    if (std::string_view(to_string(e)) == name) return e;
  return std::nullopt;
}

}  // namespace annals
