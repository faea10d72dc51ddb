#pragma once
/// @file range_text.hpp
/// The one formatter of a range of decimals as text (the growth that rounded figures allow, an
/// implied prior, a computed share): "1.5% to 2.5%", "1.5..2.5%", "1.50…2.50", "1099–1101件".
/// Each output keeps its own look through a range_style; the shape (missing bounds, unit, equal
/// bounds, digits and outward rounding) is decided here.

#include <annals/decimal.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace annals {

/// How range_text() writes a range.
struct range_style {
  std::string_view between = " to ";  ///< between the two bounds
  std::string_view no_lower = "−∞";   ///< in place of a missing lower bound
  std::string_view no_upper = "∞";    ///< in place of a missing upper bound
  /// The whole text when neither bound is known; nothing: no_lower, between, no_upper as usual.
  std::optional<std::string_view> unbounded{};
  bool unit_after_each = false;  ///< "1% to 2%" rather than "1 to 2%"
  bool one_when_equal = false;   ///< "5%" when both bounds are 5
  bool one_sided_as_inequality = false;  ///< "≥ 1%" / "≤ 2%" when one bound is missing
  int digits = -1;       ///< decimal places of each bound; −1: as the decimal is written
  bool outward = false;  ///< with digits: the lower bound rounded down, the upper up
};

/// "1.5% to 2.5%", "≥ 1.5%", "≤ 2.5%", "1.5%" when equal, "any" when unbounded: the
/// jurisdiction report (HTML and Markdown).
inline constexpr range_style range_in_words{.unbounded = "any",
                                            .unit_after_each = true,
                                            .one_when_equal = true,
                                            .one_sided_as_inequality = true};

/// "1.5..2.5%", "-∞..2.5%", "" when unbounded: `annals check` and check() of the Python module.
inline constexpr range_style range_with_dots{.between = "..", .no_lower = "-∞", .unbounded = ""};

/**
 * The range [lo, hi] (either end may be unknown) with `unit`, as `style` says.
 *
 * @code
 *   annals::range_text(decimal{"1.5"}, decimal{"2.5"}, "%", annals::range_in_words)   // "1.5% to 2.5%"
 *   annals::range_text(std::nullopt, decimal{"2.5"}, "%", annals::range_with_dots)   // "-∞..2.5%"
 * @endcode
 */
[[nodiscard]] std::string range_text(const std::optional<decimal>& lo, const std::optional<decimal>& hi,
                                     std::string_view unit = {}, const range_style& style = {});

}  // namespace annals
