// Growth arithmetic that needs more than 128 bits: compound growth (integer n-th roots), interval
// ranges and consistency verdicts (exact fractions), target progress (bracketed roots).
// Everything here is exact, never double: the ranges and checks in 128-bit fractions
// (small_fraction) and, when a figure is too long for those, boost::multiprecision::cpp_rational;
// roots and progress in cpp_int / cpp_rational.

#include <annals/growth.hpp>

#include "small_fraction_detail.hpp"

#include <boost/multiprecision/cpp_int.hpp>

#include <algorithm>
#include <string>
#include <type_traits>
#include <utility>

namespace annals {
namespace {

namespace mp = boost::multiprecision;
using big = mp::cpp_int;
using fraction = mp::cpp_rational;
using detail::small_fraction;
using detail::small_overflow;

// ---- conversions -----------------------------------------------------------------------------

big to_big(decimal::coefficient_type v) {
  const bool neg = v < 0;
  __extension__ unsigned __int128 u =
      neg ? static_cast<unsigned __int128>(-(v + 1)) + 1u : static_cast<unsigned __int128>(v);
  big r = static_cast<std::uint64_t>(u >> 64);
  r <<= 64;
  r += static_cast<std::uint64_t>(u);
  return neg ? big(-r) : r;
}

big pow10(int n) {
  big r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

fraction to_fraction(const decimal& d) { return fraction(to_big(d.coefficient()), pow10(d.scale())); }

decimal::coefficient_type to_coefficient(const big& v) {
  static const big limit = big(1) << 126;
  if (v >= limit || v <= -limit) throw input_error("growth: result out of range");
  const bool neg = v < 0;
  const big a = neg ? big(-v) : v;
  const auto hi = static_cast<std::uint64_t>(a >> 64);
  const auto lo = static_cast<std::uint64_t>(a & big(0xFFFFFFFFFFFFFFFFull));
  __extension__ unsigned __int128 u = (static_cast<unsigned __int128>(hi) << 64) | lo;
  const auto r = static_cast<decimal::coefficient_type>(u);
  return neg ? -r : r;
}

/// How far the exact value lies above its floor.
enum class frac_class { zero, below_half, half, above_half };

/// The integer `mode` rounds F + frac to, F being the floor.
template <class Int>
Int round_from_floor(const Int& f, frac_class c, rounding mode) {
  if (c == frac_class::zero) return f;
  const bool positive = f >= 0;  // with a non-zero fraction, the value is > 0 exactly when F ≥ 0
  const Int up = f + 1;
  switch (mode) {
    case rounding::floor: return f;
    case rounding::ceiling: return up;
    case rounding::truncate: return positive ? f : up;
    case rounding::half_up:
      if (c == frac_class::half) return positive ? up : f;
      return c == frac_class::above_half ? up : f;
    case rounding::half_even:
      if (c == frac_class::half) return (f % 2 == 0) ? f : up;
      return c == frac_class::above_half ? up : f;
  }
  return f;
}

/// n / d for d > 0, rounded to an integer with `mode` (cpp_int, or __int128 when the caller
/// knows 2d and |n| + d fit).
template <class Int>
Int rounded_quotient(const Int& n, const Int& d, rounding mode) {
  Int f = n / d;  // floor(n / d)
  if (n % d != 0 && n < 0) f -= 1;
  const Int rest2 = (n - f * d) * 2;  // 2 × remainder, 0 ≤ remainder < d
  const frac_class c = rest2 == 0 ? frac_class::zero
                       : rest2 < d ? frac_class::below_half
                       : rest2 == d ? frac_class::half
                                    : frac_class::above_half;
  return round_from_floor(f, c, mode);
}

/// The fraction rounded to `digits` decimals with `mode`.
decimal to_decimal(const fraction& r, int digits, rounding mode) {
  const big n = mp::numerator(r) * pow10(digits), d = mp::denominator(r);
  return decimal::from_parts(to_coefficient(rounded_quotient(n, d, mode)), digits);
}

/// The same for a small fraction (small_overflow when 10^digits times it might not fit; its
/// denominator is below 2^126, so the remainder's double fits).
decimal to_decimal(const small_fraction& r, int digits, rounding mode) {
  using integer = small_fraction::integer;
  if (digits > 36) throw small_overflow{};
  const integer n = small_fraction::mul(r.numerator(), detail::pow10_128(digits));
  const integer v = rounded_quotient(n, r.denominator(), mode);
  if (v >= detail::wide_limit || v <= -detail::wide_limit) throw input_error("growth: result out of range");
  return decimal::from_parts(v, digits);
}

/// `d` exactly, as either kind of fraction.
template <class F>
F exact(const decimal& d) {
  if constexpr (std::is_same_v<F, small_fraction>) return small_fraction::of(d);
  else return to_fraction(d);
}

/// f() with 128-bit fractions, and again with unbounded ones when a figure is too long for those.
template <class Fn>
auto small_or_big(Fn&& f) {
  try {
    return f(small_fraction{});
  } catch (const small_overflow&) {
    return f(fraction{});
  }
}

// ---- exact intervals -------------------------------------------------------------------------

template <class F>
struct bound {
  std::optional<F> v;  // nullopt: unbounded
  bool closed = false;
};

template <class F>
struct fraction_interval {
  bound<F> lo, hi;
};

template <class F>
fraction_interval<F> to_fractions(const interval& i) {
  fraction_interval<F> r;
  if (i.lo) r.lo = {exact<F>(*i.lo), i.lo_closed};
  if (i.hi) r.hi = {exact<F>(*i.hi), i.hi_closed};
  return r;
}

/// Rounded outward: lo down, hi up; an end that moved becomes closed (the result only widens).
template <class F>
interval to_decimal_outward(const fraction_interval<F>& f, int digits) {
  interval r{std::nullopt, std::nullopt, false, false};
  if (f.lo.v) {
    r.lo = to_decimal(*f.lo.v, digits, rounding::floor);
    r.lo_closed = f.lo.closed || exact<F>(*r.lo) != *f.lo.v;
  }
  if (f.hi.v) {
    r.hi = to_decimal(*f.hi.v, digits, rounding::ceiling);
    r.hi_closed = f.hi.closed || exact<F>(*r.hi) != *f.hi.v;
  }
  return r;
}

/// True when the two intervals share at least one point.
template <class F>
bool intersects(const fraction_interval<F>& a, const fraction_interval<F>& b) {
  // the larger lower bound must not exceed the smaller upper bound
  const bound<F>* lo = nullptr;
  if (!a.lo.v) lo = &b.lo;
  else if (!b.lo.v) lo = &a.lo;
  else if (*a.lo.v != *b.lo.v) lo = *a.lo.v > *b.lo.v ? &a.lo : &b.lo;
  bound<F> lo_eq;
  if (!lo) {  // equal lower bounds: closed only if both are
    lo_eq = {a.lo.v, a.lo.closed && b.lo.closed};
    lo = &lo_eq;
  }
  const bound<F>* hi = nullptr;
  if (!a.hi.v) hi = &b.hi;
  else if (!b.hi.v) hi = &a.hi;
  else if (*a.hi.v != *b.hi.v) hi = *a.hi.v < *b.hi.v ? &a.hi : &b.hi;
  bound<F> hi_eq;
  if (!hi) {
    hi_eq = {a.hi.v, a.hi.closed && b.hi.closed};
    hi = &hi_eq;
  }
  if (!lo->v || !hi->v) return true;
  if (*lo->v < *hi->v) return true;
  return *lo->v == *hi->v && lo->closed && hi->closed;
}

/**
 * {b / a : a ∈ A, b ∈ B} for an A of positive values (its lower end, if missing or ≤ 0, is taken
 * as an open 0).
 */
template <class F>
fraction_interval<F> ratio_range(fraction_interval<F> a, const fraction_interval<F>& b) {
  if (!a.lo.v || *a.lo.v <= F(0)) a.lo = {F(0), false};
  const bool a_lo_zero = *a.lo.v == F(0);
  fraction_interval<F> r;
  // smallest b/a: b as small as possible
  if (b.lo.v) {
    const F& bl = *b.lo.v;
    if (bl == F(0)) {
      r.lo = {F(0), b.lo.closed};
    } else if (bl > F(0)) {  // divide by the largest a
      if (a.hi.v) r.lo = {bl / *a.hi.v, b.lo.closed && a.hi.closed};
      else r.lo = {F(0), false};
    } else if (!a_lo_zero) {  // negative b: divide by the smallest a
      r.lo = {bl / *a.lo.v, b.lo.closed && a.lo.closed};
    }
  }
  // largest b/a: b as large as possible
  if (b.hi.v) {
    const F& bh = *b.hi.v;
    if (bh == F(0)) {
      r.hi = {F(0), b.hi.closed};
    } else if (bh > F(0)) {
      if (!a_lo_zero) r.hi = {bh / *a.lo.v, b.hi.closed && a.lo.closed};
    } else {
      if (a.hi.v) r.hi = {bh / *a.hi.v, b.hi.closed && a.hi.closed};
      else r.hi = {F(0), false};
    }
  }
  return r;
}

/// x ↦ 100 (x − 1), applied to both ends (monotone).
template <class F>
fraction_interval<F> ratio_to_growth(fraction_interval<F> r) {
  for (bound<F>* e : {&r.lo, &r.hi})
    if (e->v) e->v = (*e->v - F(1)) * F(100);
  return r;
}

/// x ↦ 1 + x / 100.
template <class F>
fraction_interval<F> growth_to_ratio(fraction_interval<F> g) {
  for (bound<F>* e : {&g.lo, &g.hi})
    if (e->v) e->v = F(1) + *e->v / F(100);
  return g;
}

growth_status base_of(const quantity& earlier) { return detail::base_status(earlier.value); }

// ---- integer roots ---------------------------------------------------------------------------

/// floor(y^(1/n)) for y ≥ 0, n ≥ 1, by bisection.
big iroot(const big& y, unsigned n) {
  if (y < 2 || n == 1) return y;
  const unsigned bits = static_cast<unsigned>(mp::msb(y)) + 1;
  big lo = 0, hi = big(1) << (bits / n + 1);
  while (lo < hi) {
    big mid = (lo + hi + 1) >> 1;
    if (mp::pow(mid, n) <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/// The n-th root of a non-negative fraction q to `k` decimals: floor(q^(1/n) × 10^k) and where the
/// exact root lies above it.
struct root_digits {
  big floor;
  frac_class frac;
};

root_digits nth_root(const fraction& q, unsigned n, int k) {
  const big scale = mp::pow(pow10(k), n);
  const big num = mp::numerator(q) * scale, den = mp::denominator(q);
  const big m = iroot(num / den, n);
  root_digits r{m, frac_class::zero};
  if (mp::pow(m, n) * den == num) return r;
  // compare (m + ½)^n with num/den: (2m + 1)^n · den against 2^n · num
  const big lhs = mp::pow(2 * m + 1, n) * den, rhs = mp::pow(big(2), n) * num;
  r.frac = lhs < rhs ? frac_class::above_half : (lhs == rhs ? frac_class::half : frac_class::below_half);
  return r;
}

// ---- text for reasons ------------------------------------------------------------------------

std::string show(const std::optional<decimal>& d, const char* none) { return d ? d->to_string() : none; }

std::string show(const interval& i) {
  return std::string(i.lo && i.lo_closed ? "[" : "(") + show(i.lo, "-inf") + ", " + show(i.hi, "+inf") +
         (i.hi && i.hi_closed ? "]" : ")");
}

std::string show(const quantity& q) { return q.value.to_string() + q.unit; }

}  // namespace

// ---- cagr ------------------------------------------------------------------------------------

growth_result<growth_percent> cagr(const decimal& earlier, const decimal& later, years span, int digits,
                                   rounding mode) {
  if (span.count < 1) throw usage_error("cagr: the span must be at least one year");
  if (digits < 0 || digits > 12) throw usage_error("cagr: digits must be within 0..12");
  growth_result<growth_percent> r;
  r.status = detail::base_status(earlier);
  if (!r.ok()) return r;
  if (later.is_negative()) {
    r.status = growth_status::negative_value;
    return r;
  }
  // 100 ((L/E)^(1/n) − 1) × 10^digits = root × 10^(digits+2) − 10^(digits+2)
  const int k = digits + 2;
  const root_digits root = nth_root(to_fraction(later) / to_fraction(earlier), static_cast<unsigned>(span.count), k);
  const big z = round_from_floor(root.floor - pow10(k), root.frac, mode);
  r.value.value = decimal::from_parts(to_coefficient(z), digits);
  return r;
}

// ---- ranges ----------------------------------------------------------------------------------

interval stated_interval(const quantity& stated, rounding written) {
  if (stated.qual != qualifier::exact) return stated.bounds();
  const decimal step = decimal{1}.shifted(stated.last_digit);
  const decimal half = decimal{5}.shifted(stated.last_digit - 1);
  const decimal& v = stated.value;
  const int s = v.sign();
  switch (written) {
    case rounding::half_up:  // ties away from zero
      if (s >= 0) return {v - half, v + half, true, false};
      return {v - half, v + half, false, true};
    case rounding::half_even: {
      // the tie rounds to v exactly when v's last digit is even
      const decimal units = decimal::divide(v, step, 0, rounding::truncate);
      const bool even = units.coefficient() % 2 == 0;
      return {v - half, v + half, even, even};
    }
    case rounding::truncate:
      if (s > 0) return {v, v + step, true, false};
      if (s < 0) return {v - step, v, false, true};
      return {v - step, v + step, false, false};
    case rounding::floor: return {v, v + step, true, false};
    case rounding::ceiling: return {v - step, v, false, true};
  }
  return stated.bounds();
}

range_result growth_range(const quantity& earlier, const quantity& later, int digits) {
  range_result r;
  r.status = base_of(earlier);
  if (!r.ok()) return r;
  r.value = small_or_big([&]<class F>(F) {
    return to_decimal_outward(
        ratio_to_growth(ratio_range(to_fractions<F>(earlier.bounds()), to_fractions<F>(later.bounds()))), digits);
  });
  return r;
}

range_result multiple_range(const quantity& earlier, const quantity& later, int digits) {
  range_result r;
  r.status = base_of(earlier);
  if (!r.ok()) return r;
  r.value = small_or_big([&]<class F>(F) {
    return to_decimal_outward(ratio_range(to_fractions<F>(earlier.bounds()), to_fractions<F>(later.bounds())), digits);
  });
  return r;
}

namespace {
template <class F>
fraction_interval<F> difference(const fraction_interval<F>& a, const fraction_interval<F>& b) {  // b − a
  fraction_interval<F> r;
  if (b.lo.v && a.hi.v) r.lo = {*b.lo.v - *a.hi.v, b.lo.closed && a.hi.closed};
  if (b.hi.v && a.lo.v) r.hi = {*b.hi.v - *a.lo.v, b.hi.closed && a.lo.closed};
  return r;
}
}  // namespace

range_result pp_range(const quantity& earlier, const quantity& later, int digits) {
  range_result r;
  r.status = growth_status::ok;
  r.value = small_or_big([&]<class F>(F) {
    return to_decimal_outward(difference(to_fractions<F>(earlier.bounds()), to_fractions<F>(later.bounds())), digits);
  });
  return r;
}

range_result implied_prior_range(const quantity& current, const quantity& stated_growth, rounding written,
                                 int digits) {
  return small_or_big([&]<class F>(F) {
    range_result r;
    const fraction_interval<F> factor = growth_to_ratio(to_fractions<F>(stated_interval(stated_growth, written)));
    if (factor.hi.v && *factor.hi.v <= F(0)) {
      r.status = growth_status::zero_base;  // a fall of 100% or more leaves nothing to divide by
      return r;
    }
    r.status = growth_status::ok;
    r.value = to_decimal_outward(ratio_range(factor, to_fractions<F>(current.bounds())), digits);
    return r;
  });
}

// ---- consistency -----------------------------------------------------------------------------

namespace {

enum class change_form { growth, pp, multiple };

/// The exact part of check(): the range the two figures allow, the growth from their values and
/// the verdict on the stated change, in fractions F.
template <class F>
void judge_exactly(consistency& c, const quantity& earlier, const quantity& later, const quantity& stated,
                   change_form form) {
  const fraction_interval<F> a = to_fractions<F>(earlier.bounds()), b = to_fractions<F>(later.bounds());
  fraction_interval<F> range;
  switch (form) {
    case change_form::growth: range = ratio_to_growth(ratio_range(a, b)); break;
    case change_form::multiple: range = ratio_range(a, b); break;
    case change_form::pp: range = difference(a, b); break;
  }
  const int digits = std::max(0, -stated.last_digit);
  c.computed = to_decimal_outward(range, digits + 2);
  const F ea = exact<F>(earlier.value), lb = exact<F>(later.value);
  switch (form) {
    case change_form::growth: c.from_values = to_decimal((lb / ea - F(1)) * F(100), digits, rounding::half_up); break;
    case change_form::multiple: c.from_values = to_decimal(lb / ea, digits, rounding::half_up); break;
    case change_form::pp: c.from_values = to_decimal(lb - ea, digits, rounding::half_up); break;
  }

  const interval rounded_up = stated_interval(stated, rounding::half_up);
  const interval rounded_even = stated_interval(stated, rounding::half_even);
  const interval truncated = stated_interval(stated, rounding::truncate);
  const char* suffix = form == change_form::growth ? "%" : (form == change_form::pp ? " pp" : "倍");
  const std::string figures = show(earlier) + " -> " + show(later) + " allows " + show(c.computed) + suffix;
  if (intersects(range, to_fractions<F>(rounded_up)) || intersects(range, to_fractions<F>(rounded_even))) {
    c.verdict = consistency_verdict::consistent;
    c.reason = figures + "; stated " + stated.value.to_string() + suffix + " allows " + show(rounded_up) +
               (stated.qual == qualifier::exact ? " when rounded" : "");
  } else if (stated.qual == qualifier::exact && intersects(range, to_fractions<F>(truncated))) {
    c.verdict = consistency_verdict::consistent;
    c.needs_truncation = true;
    c.reason = figures + "; stated " + stated.value.to_string() + suffix + " fits only if truncated " +
               show(truncated) + ", not rounded " + show(rounded_up);
  } else {
    c.verdict = consistency_verdict::inconsistent;
    c.reason = figures + "; stated " + stated.value.to_string() + suffix + " allows " + show(rounded_up) +
               (stated.qual == qualifier::exact ? " (rounded) or " + show(truncated) + " (truncated)" : "");
  }
}

consistency check(const std::optional<quantity>& earlier, const std::optional<quantity>& later,
                  const quantity& stated, change_form form) {
  consistency c;
  if (!earlier || !later) {
    c.status = growth_status::missing;
    c.reason = !earlier ? "no earlier figure to compare with" : "no later figure to compare with";
    return c;
  }
  if (earlier->unit != later->unit) {
    c.status = growth_status::ok;
    c.reason = "different units: '" + earlier->unit + "' and '" + later->unit + "'";
    return c;
  }
  if (form == change_form::pp && earlier->unit != "%") {
    c.status = growth_status::ok;
    c.reason = "a change in percentage points needs two percentages, not '" + earlier->unit + "'";
    return c;
  }
  if (form != change_form::pp) {
    c.status = base_of(*earlier);
    if (c.status != growth_status::ok) {
      c.reason = std::string(c.status == growth_status::zero_base ? "the earlier figure is 0"
                                                                   : "the earlier figure is negative") +
                 ": no growth can be computed from " + show(*earlier);
      return c;
    }
  }
  c.status = growth_status::ok;
  return small_or_big([&]<class F>(F) {
    consistency k = c;
    judge_exactly<F>(k, *earlier, *later, stated, form);
    return k;
  });
}

}  // namespace

consistency check_growth(const std::optional<quantity>& earlier, const std::optional<quantity>& later,
                         const quantity& stated) {
  return check(earlier, later, stated, change_form::growth);
}

consistency check_pp(const std::optional<quantity>& earlier, const std::optional<quantity>& later,
                     const quantity& stated_pp) {
  return check(earlier, later, stated_pp, change_form::pp);
}

consistency check_multiple(const std::optional<quantity>& earlier, const std::optional<quantity>& later,
                           const quantity& stated_factor) {
  return check(earlier, later, stated_factor, change_form::multiple);
}

// ---- progress --------------------------------------------------------------------------------

namespace {

/// |q^(1/n) − 1| bracketed at 10^-k: [lo, hi] (lo == hi when the root is exact at k decimals).
std::pair<fraction, fraction> root_minus_one(const fraction& q, unsigned n, int k) {
  const root_digits r = nth_root(q, n, k);
  const fraction unit(big(1), pow10(k));
  fraction lo = fraction(r.floor) * unit - 1, hi = lo + (r.frac == frac_class::zero ? fraction(0) : unit);
  if (lo < 0 && hi <= 0) return {-hi, -lo};
  if (lo < 0) return {fraction(0), std::max(fraction(-lo), hi)};
  return {lo, hi};
}

/// Whether |A − 1| ≥ θ |R − 1| for A = qa^(1/na), R = qr^(1/nr), deciding with ever finer brackets.
bool at_least(const fraction& theta, const fraction& qa, unsigned na, const fraction& qr, unsigned nr) {
  for (int k = 12; k <= 192; k *= 2) {
    const auto [alo, ahi] = root_minus_one(qa, na, k);
    const auto [rlo, rhi] = root_minus_one(qr, nr, k);
    if (alo >= theta * rhi) return true;
    if (ahi < theta * rlo) return false;
    if (alo == ahi && rlo == rhi) return alo >= theta * rlo;
  }
  return true;  // equal beyond 192 decimals: only an exact equality gets here
}

}  // namespace

progress assess_progress(const decimal& baseline, report_year baseline_year, const decimal& current,
                         report_year current_year, const decimal& target, report_year target_year, int digits) {
  progress p;
  const int direction = (target - baseline).sign();  // +1 raise to, −1 reduce to, 0 maintain
  const bool met = direction >= 0 ? current >= target : current <= target;
  if (met) p.category = progress_category::met;

  if (baseline.is_negative() || current.is_negative() || target.is_negative())
    p.status = progress_status::negative_value;
  else if (baseline.is_zero())
    p.status = progress_status::zero_base;
  else if (current_year <= baseline_year)
    p.status = progress_status::no_elapsed_time;
  else if (target_year <= baseline_year)
    p.status = progress_status::no_time_to_target;
  if (!p.ok()) return p;

  const years elapsed = current_year - baseline_year, total = target_year - baseline_year;
  p.actual_rate = cagr(baseline, current, elapsed, digits).value.value;
  p.required_rate = cagr(baseline, target, total, digits).value.value;
  if (met) return p;

  const int actual_sign = (current - baseline).sign();
  if (direction == 0) {  // maintain: any fall is moving away
    p.category = progress_category::regressing;
    return p;
  }
  const fraction qa = to_fraction(current) / to_fraction(baseline);
  const fraction qr = to_fraction(target) / to_fraction(baseline);
  const auto na = static_cast<unsigned>(elapsed.count), nr = static_cast<unsigned>(total.count);
  {  // the ratio for display, from 40-decimal brackets (the class below is decided exactly)
    const auto [alo, ahi] = root_minus_one(qa, na, 40);
    const auto [rlo, rhi] = root_minus_one(qr, nr, 40);
    if (rlo + rhi != 0) {
      const fraction mid = ((alo + ahi) / 2) / ((rlo + rhi) / 2) * 100;
      p.ratio = to_decimal(actual_sign * direction < 0 ? fraction(-mid) : mid, digits, rounding::half_up);
    }
  }
  if (actual_sign * direction < 0) {
    p.category = progress_category::regressing;
  } else if (actual_sign == 0) {
    p.category = progress_category::limited;
  } else if (at_least(fraction(95, 100), qa, na, qr, nr)) {
    p.category = progress_category::on_track;
  } else if (at_least(fraction(60, 100), qa, na, qr, nr)) {
    p.category = progress_category::needs_acceleration;
  } else {
    p.category = progress_category::limited;
  }
  return p;
}

}  // namespace annals
