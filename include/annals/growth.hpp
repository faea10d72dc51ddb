#pragma once
/// @file growth.hpp
/// Growth arithmetic on report figures, exactly: year-on-year growth in percent, changes in
/// percentage points (a different type, so the two are never mixed up), compound annual growth,
/// multiples (倍) and doublings (翻番); the ranges that qualified and rounded figures allow; the
/// consistency of a stated change with the two figures it describes; and the progress towards a
/// numeric target (UN-ESCAP progress ratio). No verdict ever touches floating point.
///
/// Expected outcomes — a zero or negative base, a missing year — are statuses in the returned
/// values, not exceptions. The rules are documented in docs/quantities.md.

#include <annals/decimal.hpp>
#include <annals/enum_names.hpp>
#include <annals/period.hpp>
#include <annals/quantity.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace annals {

/// Whether a growth figure could be computed.
enum class growth_status {
  ok,
  zero_base,       ///< the earlier value is 0: growth from nothing is undefined
  negative_base,   ///< the earlier value is negative
  negative_value,  ///< CAGR: the later value is negative (no real root)
  missing,         ///< one of the two values is missing (no report for that year)
};

/// "ok", "zero_base", "negative_base", "negative_value", "missing".
[[nodiscard]] constexpr std::string_view to_string(growth_status s) noexcept {
  switch (s) {
    case growth_status::ok: return "ok";
    case growth_status::zero_base: return "zero_base";
    case growth_status::negative_base: return "negative_base";
    case growth_status::negative_value: return "negative_value";
    case growth_status::missing: return "missing";
  }
  return "missing";
}
template <>
struct enum_values<growth_status> {
  static constexpr std::array all{growth_status::ok, growth_status::zero_base, growth_status::negative_base,
                                  growth_status::negative_value, growth_status::missing};
};

/// A relative change in percent: 同比增长89.6% is growth_percent{89.6}.
struct growth_percent {
  decimal value;
  friend bool operator==(const growth_percent&, const growth_percent&) = default;
  friend auto operator<=>(const growth_percent&, const growth_percent&) = default;
};

/// A difference of two percentages, in percentage points: 提高2.45个百分点 is percentage_points{2.45}.
/// Deliberately not convertible to or from growth_percent.
struct percentage_points {
  decimal value;
  friend bool operator==(const percentage_points&, const percentage_points&) = default;
  friend auto operator<=>(const percentage_points&, const percentage_points&) = default;
};

/// A factor new ÷ old: 是…的4.4倍 is multiple_factor{4.4}.
struct multiple_factor {
  decimal value;
  friend bool operator==(const multiple_factor&, const multiple_factor&) = default;
  friend auto operator<=>(const multiple_factor&, const multiple_factor&) = default;
};

/// A computed value with the status saying whether there is one.
template <class T>
struct [[nodiscard]] growth_result {
  growth_status status = growth_status::missing;
  T value{};  ///< meaningful only when ok()
  [[nodiscard]] constexpr bool ok() const noexcept { return status == growth_status::ok; }
};

namespace detail {
inline growth_status base_status(const decimal& earlier) noexcept {
  const int s = earlier.sign();
  return s == 0 ? growth_status::zero_base : (s < 0 ? growth_status::negative_base : growth_status::ok);
}
}  // namespace detail

/**
 * Year-on-year growth in percent, (later ÷ earlier − 1) × 100, rounded to `digits` decimals.
 * @code
 *   auto g = annals::yoy_growth(annals::decimal{373}, annals::decimal{709});  // g.value.value == 90.08
 * @endcode
 * @return status zero_base / negative_base instead of a value when earlier ≤ 0.
 * @throws input_error only on decimal overflow (values beyond 10^36).
 */
[[nodiscard]] inline growth_result<growth_percent> yoy_growth(const decimal& earlier, const decimal& later,
                                                              int digits = 2,
                                                              rounding mode = rounding::half_up) {
  growth_result<growth_percent> r;
  r.status = detail::base_status(earlier);
  if (r.ok()) r.value.value = decimal::divide((later - earlier) * decimal{100}, earlier, digits, mode);
  return r;
}

/// yoy_growth() when either year may be missing: status missing then.
[[nodiscard]] inline growth_result<growth_percent> yoy_growth(const std::optional<decimal>& earlier,
                                                              const std::optional<decimal>& later,
                                                              int digits = 2,
                                                              rounding mode = rounding::half_up) {
  if (!earlier || !later) return {};
  return yoy_growth(*earlier, *later, digits, mode);
}

/// The change between two percentages in percentage points (exact): 84.2% → 86.15% is +1.95 pp.
[[nodiscard]] inline percentage_points pp_change(const decimal& earlier_pct, const decimal& later_pct) {
  return {later_pct - earlier_pct};
}

/// pp_change() when either year may be missing (status missing then; a zero base is fine).
[[nodiscard]] inline growth_result<percentage_points> pp_change(const std::optional<decimal>& earlier_pct,
                                                                const std::optional<decimal>& later_pct) {
  if (!earlier_pct || !later_pct) return {};
  return {growth_status::ok, pp_change(*earlier_pct, *later_pct)};
}

/// later ÷ earlier as a multiple (是…的X倍), rounded to `digits`. Status as yoy_growth().
[[nodiscard]] inline growth_result<multiple_factor> ratio(const decimal& earlier, const decimal& later,
                                                          int digits = 2, rounding mode = rounding::half_up) {
  growth_result<multiple_factor> r;
  r.status = detail::base_status(earlier);
  if (r.ok()) r.value.value = decimal::divide(later, earlier, digits, mode);
  return r;
}

/**
 * Compound annual growth in percent over `span` years, ((later ÷ earlier)^(1/n) − 1) × 100,
 * correctly rounded to `digits` decimals with `mode` (an exact integer n-th root, no double).
 * @return status zero_base / negative_base (earlier ≤ 0) or negative_value (later < 0).
 * @throws usage_error when span is not at least one year, or digits is outside 0..12.
 */
[[nodiscard]] growth_result<growth_percent> cagr(const decimal& earlier, const decimal& later, years span,
                                                 int digits = 2, rounding mode = rounding::half_up);

/// How a report words a multiple.
enum class multiple_wording {
  times_of,      ///< 是…的X倍, 相当于…的X倍: factor X
  increased_to,  ///< 增加到N倍, 增长至N倍: factor N
  increased_by,  ///< 增加了N倍, 增长N倍: factor N + 1
};

/// The factor new ÷ old a worded multiple states (增加了3倍 → 4).
[[nodiscard]] inline multiple_factor multiple_from(multiple_wording w, const decimal& n) {
  return {w == multiple_wording::increased_by ? n + decimal{1} : n};
}

/**
 * The factor of 翻n番: 2ⁿ (翻一番 → 2, 翻两番 → 4).
 * @throws usage_error when n is negative or above 100.
 */
[[nodiscard]] inline multiple_factor doubling(int n) {
  if (n < 0 || n > 100) throw usage_error("doubling: 翻" + std::to_string(n) + "番 is out of range");
  decimal f{1};
  for (int i = 0; i < n; ++i) f = f * decimal{2};
  return {f};
}

/// The growth in percent a factor means: (f − 1) × 100 (4倍 → 300%).
[[nodiscard]] inline growth_percent as_growth(const multiple_factor& f) {
  return {(f.value - decimal{1}) * decimal{100}};
}

/// "90.08%": the growth to `digits` decimals.
[[nodiscard]] inline std::string to_string(const growth_percent& g, int digits = 2,
                                           rounding mode = rounding::half_up) {
  return g.value.to_string(digits, mode) + "%";
}
/// "1.95 pp": percentage points to `digits` decimals.
[[nodiscard]] inline std::string to_string(const percentage_points& p, int digits = 2,
                                           rounding mode = rounding::half_up) {
  return p.value.to_string(digits, mode) + " pp";
}
/// "4.40倍": the multiple to `digits` decimals.
[[nodiscard]] inline std::string to_string(const multiple_factor& m, int digits = 2,
                                           rounding mode = rounding::half_up) {
  return m.value.to_string(digits, mode) + "倍";
}

// ---- ranges ----------------------------------------------------------------------------------

/// A range of values with the status saying whether there is one: `value` is the interval,
/// its decimal bounds rounded outward (lo down, hi up; nullopt = unbounded).
using range_result = growth_result<interval>;

/**
 * The interval of true values a stated change (a growth %, pp or multiple) allows, when the
 * writer cut the exact result to the written digit with `written`:
 * 89.6 under half_up → [89.55, 89.65); under truncate → [89.6, 89.7); half_even closes or opens
 * both ends by the parity of the last digit. A stated figure with a qualifier (增长超过90%) gives
 * its qualifier's interval (quantity::bounds()) whatever `written` is. A stated change is always
 * taken as rounded to its last digit, even when written as an integer (2倍 → [1.5, 2.5)).
 */
[[nodiscard]] interval stated_interval(const quantity& stated, rounding written = rounding::half_up);

/**
 * The growth in percent the two quantities' intervals allow, computed with exact fractions and
 * rounded outward to `digits` decimals. 373 → 709 is the point 90.08 (to 2 decimals:
 * [90.08, 90.09]); 超1000 → 1.11万 is a wide range.
 * An earlier interval reaching down to 0 or below (不到100) is taken as a positive count: the
 * range then has no upper bound.
 * @return status zero_base / negative_base when the earlier value is 0 / negative.
 */
[[nodiscard]] range_result growth_range(const quantity& earlier, const quantity& later, int digits = 2);

/// The change in percentage points two percentages allow (later − earlier, over their intervals).
[[nodiscard]] range_result pp_range(const quantity& earlier, const quantity& later, int digits = 2);

/// The multiple (later ÷ earlier) the two quantities allow. Status as growth_range().
[[nodiscard]] range_result multiple_range(const quantity& earlier, const quantity& later, int digits = 2);

/**
 * The interval of the prior-year value a growth statement implies (named *_range so as not to
 * clash with the annals::implied_prior record of track.hpp):
 * current ÷ (1 + g/100) over the current figure's interval and the stated growth's interval
 * (stated_interval(stated_growth, written)). 超1.11万件 with 同比增长89.6% → (5852.88, 5908.74)
 * at 2 decimals, i.e. 5853 to 5908 件.
 * @return status zero_base when the stated growth allows only −100% or less.
 */
[[nodiscard]] range_result implied_prior_range(const quantity& current, const quantity& stated_growth,
                                               rounding written = rounding::half_up, int digits = 2);

// ---- consistency -----------------------------------------------------------------------------

/// Whether a stated change agrees with the figures it describes. The tracker's verdicts are the
/// same enum (track.hpp: `metric_verdict`); `not_stated` is theirs alone — a growth computed where
/// the report states no change — and never comes from the checks below.
enum class consistency_verdict { consistent, inconsistent, unverifiable, not_stated };

/// "consistent", "inconsistent", "unverifiable", "not_stated".
[[nodiscard]] constexpr std::string_view to_string(consistency_verdict v) noexcept {
  switch (v) {
    case consistency_verdict::consistent: return "consistent";
    case consistency_verdict::inconsistent: return "inconsistent";
    case consistency_verdict::unverifiable: return "unverifiable";
    case consistency_verdict::not_stated: return "not_stated";
  }
  return "unverifiable";
}
template <>
struct enum_values<consistency_verdict> {
  static constexpr std::array all{consistency_verdict::consistent, consistency_verdict::inconsistent,
                                  consistency_verdict::unverifiable, consistency_verdict::not_stated};
};

/// The verdict on a stated change, with what it rests on.
struct [[nodiscard]] consistency {
  consistency_verdict verdict = consistency_verdict::unverifiable;
  growth_status status = growth_status::missing;  ///< zero_base, missing …: why unverifiable
  interval computed;         ///< the range the two figures allow, outward to 2 more decimals than stated
  std::optional<decimal> from_values;  ///< from the two written values, to the stated decimals, half-up
  bool needs_truncation = false;  ///< consistent only if the writer truncated instead of rounding
  std::string reason;             ///< one line: the numbers behind the verdict
  [[nodiscard]] bool consistent() const noexcept { return verdict == consistency_verdict::consistent; }
};

/**
 * Checks a stated growth (同比增长89.6%: a quantity in %, signed: a decrease is negative) against
 * the earlier and later figures, allowing for their qualifiers and written precision and for the
 * stated figure having been rounded (half-up or half-even) or truncated.
 * Consistent when some pair of true values the figures allow gives a growth the statement allows.
 * Unverifiable when a figure is missing, the units differ, or the earlier value is 0 or negative.
 * @code
 *   auto c = annals::check_growth(q373, q709, stated_90_08);  // consistent
 * @endcode
 */
[[nodiscard]] consistency check_growth(const std::optional<quantity>& earlier,
                                       const std::optional<quantity>& later, const quantity& stated);

/// The same for a change in percentage points between two percentages (提高2.45个百分点).
[[nodiscard]] consistency check_pp(const std::optional<quantity>& earlier,
                                   const std::optional<quantity>& later, const quantity& stated_pp);

/// The same for a multiple later ÷ earlier (是…的4.4倍; use multiple_from() for other wordings).
[[nodiscard]] consistency check_multiple(const std::optional<quantity>& earlier,
                                         const std::optional<quantity>& later, const quantity& stated_factor);

// ---- progress towards a target ----------------------------------------------------------------

/// UN-ESCAP progress class of a numeric target. The tracker's target statuses are the same enum
/// (track.hpp: `target_status`); `no_data` is theirs alone — no baseline, current value or
/// deadline to assess — and never comes from assess_progress().
enum class progress_category {
  met,                 ///< the target is already reached, whatever the trend
  on_track,            ///< progress ratio ≥ 95%
  needs_acceleration,  ///< 60% ≤ ratio < 95%
  limited,             ///< 0 ≤ ratio < 60%
  regressing,          ///< ratio < 0: moving away from the target
  no_data,             ///< nothing to assess it with
};

/// "met", "on_track", "needs_acceleration", "limited", "regressing", "no_data".
[[nodiscard]] constexpr std::string_view to_string(progress_category c) noexcept {
  switch (c) {
    case progress_category::met: return "met";
    case progress_category::on_track: return "on_track";
    case progress_category::needs_acceleration: return "needs_acceleration";
    case progress_category::limited: return "limited";
    case progress_category::regressing: return "regressing";
    case progress_category::no_data: return "no_data";
  }
  return "limited";
}
template <>
struct enum_values<progress_category> {
  static constexpr std::array all{progress_category::met,     progress_category::on_track,
                                  progress_category::needs_acceleration, progress_category::limited,
                                  progress_category::regressing, progress_category::no_data};
};

/// Whether a progress ratio could be computed.
enum class progress_status {
  ok,
  zero_base,        ///< the baseline is 0 (compound growth from nothing is undefined)
  negative_value,   ///< baseline, current value or target is negative
  no_elapsed_time,  ///< the current year is not after the baseline year
  no_time_to_target,  ///< the target year is not after the baseline year
};

/// "ok", "zero_base", "negative_value", "no_elapsed_time", "no_time_to_target".
[[nodiscard]] constexpr std::string_view to_string(progress_status s) noexcept {
  switch (s) {
    case progress_status::ok: return "ok";
    case progress_status::zero_base: return "zero_base";
    case progress_status::negative_value: return "negative_value";
    case progress_status::no_elapsed_time: return "no_elapsed_time";
    case progress_status::no_time_to_target: return "no_time_to_target";
  }
  return "ok";
}
template <>
struct enum_values<progress_status> {
  static constexpr std::array all{progress_status::ok, progress_status::zero_base, progress_status::negative_value,
                                  progress_status::no_elapsed_time, progress_status::no_time_to_target};
};

/// The progress of a target: rates, ratio and class.
struct [[nodiscard]] progress {
  progress_status status = progress_status::ok;
  std::optional<progress_category> category;  ///< set when ok(), and always when met
  std::optional<decimal> actual_rate;    ///< compound annual growth achieved, % per year
  std::optional<decimal> required_rate;  ///< compound annual growth the target needs, % per year
  std::optional<decimal> ratio;          ///< actual ÷ required, in % (nullopt when required is 0)
  [[nodiscard]] bool ok() const noexcept { return status == progress_status::ok; }
};

/**
 * UN-ESCAP progress assessment: ratio = actual compound annual growth (baseline → current) ÷
 * required compound annual growth (baseline → target by the target year). The class is decided
 * exactly (the roots are bracketed with integers, never rounded before comparing); the rates
 * and ratio are reported to `digits` decimals, half-up. A target below the baseline (reduce to)
 * works the same way: both rates are negative and the ratio positive when on course.
 * `met` is reported whenever the current value has reached the target, even with a bad status.
 */
[[nodiscard]] progress assess_progress(const decimal& baseline, report_year baseline_year,
                                      const decimal& current, report_year current_year,
                                      const decimal& target, report_year target_year, int digits = 2);

}  // namespace annals
