#pragma once
/// @file quantity.hpp
/// A figure as a report states it: value, measure word, qualifier and written precision, and the
/// interval of true values the statement allows. The rules are documented in docs/quantities.md.

#include <annals/decimal.hpp>
#include <annals/enum_names.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace annals {

/// How a figure is hedged (see docs/quantities.md and the annals.report/1 spec).
enum class qualifier {
  exact,      ///< (nothing written): the value, rounded to its last written digit
  more_than,  ///< 超, 超过, 逾, 余, 多, 突破: above the value, below the next step of its last digit
  at_least,   ///< 以上, 不少于, 不低于, 至少: the value or above, no upper bound
  nearly,     ///< 近, 将近, 接近: just below the value (within one step of its last digit)
  about,      ///< 约, 左右, 大约: within one step of the last digit either side
  at_most,    ///< 以下, 以内, 不超过: the value or below, no lower bound
  less_than,  ///< 不到, 不足, 不满: below the value, no lower bound
};

/// "exact", "more_than", … as in annals.report/1.
[[nodiscard]] constexpr std::string_view to_string(qualifier q) noexcept {
  switch (q) {
    case qualifier::exact: return "exact";
    case qualifier::more_than: return "more_than";
    case qualifier::at_least: return "at_least";
    case qualifier::nearly: return "nearly";
    case qualifier::about: return "about";
    case qualifier::at_most: return "at_most";
    case qualifier::less_than: return "less_than";
  }
  return "exact";
}

template <>
struct enum_values<qualifier> {
  static constexpr std::array all{qualifier::exact,   qualifier::more_than, qualifier::at_least, qualifier::nearly,
                                  qualifier::about,   qualifier::at_most,   qualifier::less_than};
};

/// A range of real values with optionally open or unbounded ends (nullopt = unbounded).
struct interval {
  std::optional<decimal> lo;
  std::optional<decimal> hi;
  bool lo_closed = true;
  bool hi_closed = true;

  /// The single value v: [v, v].
  static interval point(const decimal& v) { return {v, v, true, true}; }

  [[nodiscard]] bool contains(const decimal& v) const noexcept {
    if (lo && (lo_closed ? v < *lo : v <= *lo)) return false;
    if (hi && (hi_closed ? v > *hi : v >= *hi)) return false;
    return true;
  }
  [[nodiscard]] bool bounded() const noexcept { return lo.has_value() && hi.has_value(); }
  friend bool operator==(const interval&, const interval&) = default;
};

/**
 * A stated figure: 超1.11万件 is value 11100, unit 件, qualifier more_than, last digit 10^2.
 *
 * `last_digit` is the power of ten of the last written digit (1.11万 → 2, 89.6 → −1, 5652 → 0).
 * `approximate` says the figure is a rounded one: it has decimals, a 万/亿 multiplier, or is a
 * percentage or multiple. A plain integer count (5652件) is exact and its interval is a point.
 */
struct quantity {
  decimal value;
  std::string unit;  ///< normalised measure word: 件 家 人次 场次 元 % 倍 …; empty when none
  qualifier qual = qualifier::exact;
  int last_digit = 0;
  bool approximate = false;

  /// The step of the qualifier rules: 10^last_digit, or for a plain integer with trailing
  /// zeros and no decimals, 10^(place of its last non-zero digit) (1000余 → step 1000).
  [[nodiscard]] decimal step() const { return decimal{1}.shifted(step_exponent()); }
  /// step(), or nullopt when it does not fit a decimal (a last digit beyond 10^±30).
  [[nodiscard]] std::optional<decimal> try_step() const noexcept { return decimal{1}.try_shifted(step_exponent()); }

  /**
   * The interval of true values this statement allows (docs/quantities.md):
   * - exact, approximate:  [v − s/2, v + s/2) with s = 10^last_digit (四舍五入 of the last digit);
   *   exact, not approximate: [v, v].
   * - more_than: (v, v + step);  at_least: [v, ∞);  nearly: [v − step, v);
   * - about: [v − step, v + step];  at_most: (−∞, v];  less_than: (−∞, v).
   * nullopt when a bound does not fit a decimal (bounds() wraps this).
   */
  [[nodiscard]] std::optional<interval> try_bounds() const noexcept {
    std::optional<decimal> s;  // the step, or half of it for a rounded exact figure
    switch (qual) {
      case qualifier::at_least: return interval{value, std::nullopt, true, false};
      case qualifier::at_most: return interval{std::nullopt, value, false, true};
      case qualifier::less_than: return interval{std::nullopt, value, false, false};
      case qualifier::exact:
        if (!approximate) return interval::point(value);
        s = decimal{5}.try_shifted(last_digit - 1);
        break;
      case qualifier::more_than:
      case qualifier::nearly:
      case qualifier::about: s = try_step(); break;
    }
    if (!s) return std::nullopt;
    const auto below = decimal::try_add(value, -*s), above = decimal::try_add(value, *s);
    if (!below || !above) return std::nullopt;
    switch (qual) {
      case qualifier::more_than: return interval{value, *above, false, false};
      case qualifier::nearly: return interval{*below, value, true, false};
      case qualifier::about: return interval{*below, *above, true, true};
      default: return interval{*below, *above, true, false};  // exact, rounded
    }
  }
  /// try_bounds(). @throws input_error when a bound does not fit a decimal.
  [[nodiscard]] interval bounds() const {
    if (auto b = try_bounds()) return *b;
    throw input_error("quantity: the bounds of " + value.to_string() + " (last digit 10^" + std::to_string(last_digit) +
                      ") do not fit a decimal");
  }

  friend bool operator==(const quantity&, const quantity&) = default;

 private:
  /// The power of ten of step().
  [[nodiscard]] int step_exponent() const noexcept {
    int e = last_digit;
    if (e >= 0 && !value.is_zero()) {
      // count trailing zeros of the integer value above 10^e
      decimal v = value.normalized();
      if (v.scale() == 0) {
        auto c = v.coefficient() < 0 ? -v.coefficient() : v.coefficient();
        for (int i = 0; i < e; ++i) c /= 10;
        while (c != 0 && c % 10 == 0) {
          c /= 10;
          ++e;
        }
      }
    }
    return e;
  }
};

}  // namespace annals
