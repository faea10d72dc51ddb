#pragma once
/// @file figure.hpp
/// Written figures as Chinese reports print them — 1.11万, 2.3亿, 三十五万, 一千二百, 1,286,
/// １２０, 百分之九十八点五, 三成, 86.15% — turned into exact decimals, with the place of the
/// last written digit (the figure's precision). No floating point is involved anywhere.
///
/// The grammar and the precision rules are documented in docs/quantities.md ("Figure grammar").

#include <annals/decimal.hpp>
#include <annals/quantity.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace annals {

/**
 * A parsed figure.
 *
 * - `value`: the number with 万/亿 multiplied out; for a percentage the number before the %
 *   (86.15% → 86.15, 三成 → 30).
 * - `last_digit`: the power of ten of the last written digit (1.11万 → 2, 89.6 → −1). For an
 *   exact figure (approximate == false) it is 0.
 * - `approximate`: the figure is a rounded one — it has decimals, a 万/亿 multiplier (or an
 *   Arabic number with 十/百/千, as in 3千), or is a percentage. Plain integers (5652, 一千二百,
 *   1,286, 二〇二四) are exact counts.
 * - `percent`: written with %, ％, 百分之 or 成.
 */
struct figure {
  decimal value;
  int last_digit = 0;
  bool approximate = false;
  bool percent = false;
  friend bool operator==(const figure&, const figure&) = default;
};

/**
 * Parses a written figure (UTF-8; surrounding spaces are ignored).
 *
 * @code
 *   auto f = annals::parse_figure("1.11万");   // value 11100, last_digit 2, approximate
 *   auto p = annals::parse_figure("百分之九十八点五");  // value 98.5, percent
 * @endcode
 * @throws input_error "figure: '<text>': <why>" when the text is not a figure (empty, "万",
 *         "1.1.1万", "1,28"), has too many digits, or its value overflows.
 */
[[nodiscard]] figure parse_figure(std::string_view utf8);

/// Like parse_figure(), but nullopt instead of an exception.
[[nodiscard]] std::optional<figure> try_parse_figure(std::string_view utf8) noexcept;

/**
 * The quantity a figure states with a measure word and a qualifier: a percentage gets the unit
 * "%" (whatever `unit` says), everything else `unit`.
 * @code
 *   auto q = annals::to_quantity(annals::parse_figure("1.11万"), "件", annals::qualifier::more_than);
 *   // q.bounds() == (11100, 11200)
 * @endcode
 */
[[nodiscard]] inline quantity to_quantity(const figure& f, std::string unit = {},
                                          qualifier qual = qualifier::exact) {
  quantity q;
  q.value = f.value;
  q.unit = f.percent ? std::string("%") : std::move(unit);
  q.qual = qual;
  q.last_digit = f.last_digit;
  q.approximate = f.approximate;
  return q;
}

}  // namespace annals
