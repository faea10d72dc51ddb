#pragma once
/// @file decimal.hpp
/// An exact decimal number for report figures: a 128-bit scaled integer, widened to 256 bits
/// (Boost.Multiprecision) inside comparisons and divisions where 128 bits could run out.

#include <annals/error.hpp>

#include <boost/multiprecision/cpp_int.hpp>

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace annals {

/// How a result is cut to a number of decimals.
enum class rounding {
  half_up,    ///< 四舍五入: ties away from zero (the default in Chinese reports)
  half_even,  ///< GB/T 8170 修约: ties to the even digit
  truncate,   ///< cut toward zero (some reports do this: 151/66 → 128.78%)
  floor,      ///< toward −∞
  ceiling,    ///< toward +∞
};

namespace detail {
__extension__ using int128 = __int128;
using int256 = boost::multiprecision::int256_t;

inline constexpr int max_pow10_128 = 38;

constexpr int128 pow10_128(int n) {
  int128 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

inline int256 pow10_256(int n) {
  int256 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

inline int256 to_256(int128 v) {
  // cpp_int has no __int128 constructor on every Boost; compose from two 64-bit halves.
  const bool neg = v < 0;
  __extension__ unsigned __int128 u =
      neg ? static_cast<unsigned __int128>(-(v + 1)) + 1u : static_cast<unsigned __int128>(v);
  int256 r = static_cast<std::uint64_t>(u >> 64);
  r <<= 64;
  r += static_cast<std::uint64_t>(u);
  return neg ? int256(-r) : r;
}

/// Narrows back to 128 bits; nullopt when it does not fit.
inline std::optional<int128> from_256(const int256& v) {
  static const int256 lim = [] {
    int256 x = 1;
    x <<= 126;
    return x;
  }();
  if (v >= lim || v <= -lim) return std::nullopt;
  const bool neg = v < 0;
  int256 a = neg ? int256(-v) : v;
  const auto hi = static_cast<std::uint64_t>(a >> 64);
  const auto lo = static_cast<std::uint64_t>(a & int256(0xFFFFFFFFFFFFFFFFull));
  __extension__ unsigned __int128 u = (static_cast<unsigned __int128>(hi) << 64) | lo;
  const auto r = static_cast<int128>(u);
  return neg ? -r : r;
}

/// q = n / d rounded by `mode` (d != 0), on 256-bit integers.
inline int256 div_round(const int256& n, const int256& d, rounding mode) {
  int256 q = n / d;  // truncates toward zero
  int256 r = n % d;  // sign of n
  if (r == 0) return q;
  const bool negative = (n < 0) != (d < 0);
  const int256 ar = r < 0 ? int256(-r) : r;
  const int256 ad = d < 0 ? int256(-d) : d;
  const int cmp = (ar * 2 > ad) ? 1 : (ar * 2 == ad ? 0 : -1);
  bool away = false;
  switch (mode) {
    case rounding::truncate: away = false; break;
    case rounding::half_up: away = cmp >= 0; break;
    case rounding::half_even: away = cmp > 0 || (cmp == 0 && (q % 2) != 0); break;
    case rounding::floor: away = negative; break;
    case rounding::ceiling: away = !negative; break;
  }
  if (away) q += negative ? -1 : 1;
  return q;
}
}  // namespace detail

/**
 * An exact decimal: `coefficient × 10^-scale`, with a 128-bit coefficient and 0 ≤ scale ≤ 30.
 *
 * Values compare numerically (1.50 == 1.5); the scale is kept as written so that a parsed
 * figure remembers how many decimals it carried. Addition, subtraction and multiplication are
 * exact and throw annals::input_error on overflow; division always names its decimals and its
 * rounding mode.
 *
 * @code
 *   auto g = annals::decimal::divide(annals::decimal::parse("709") - annals::decimal::parse("373"),
 *                                    annals::decimal::parse("373"), 4, annals::rounding::half_up);
 *   // g.to_string() == "0.9008"
 * @endcode
 */
class decimal {
 public:
  using coefficient_type = detail::int128;
  static constexpr int max_scale = 30;

  constexpr decimal() noexcept = default;
  /// From an integer, e.g. `decimal{709}`.
  constexpr decimal(std::int64_t v) noexcept : c_(v), scale_(0) {}  // NOLINT: implicit by design

  /// `coefficient × 10^-scale`. @throws input_error when scale is outside [0, max_scale].
  static decimal from_parts(coefficient_type coefficient, int scale) {
    if (scale < 0 || scale > max_scale) throw input_error("decimal: scale out of range");
    decimal d;
    d.c_ = coefficient;
    d.scale_ = scale;
    return d;
  }

  /**
   * Parses `[-+]digits[.digits]` (ASCII only; see figure.hpp for written Chinese figures).
   * @throws input_error on an empty string, a stray character, two points, or more than 36
   *         significant digits.
   */
  static decimal parse(std::string_view s) {
    auto r = try_parse(s);
    if (!r) throw input_error("decimal: '" + std::string(s.substr(0, 64)) + "' is not a decimal number");
    return *r;
  }

  /// Like parse(), but returns nullopt instead of throwing.
  static std::optional<decimal> try_parse(std::string_view s) noexcept {
    if (s.empty()) return std::nullopt;
    bool neg = false;
    std::size_t i = 0;
    if (s[0] == '-' || s[0] == '+') {
      neg = s[0] == '-';
      ++i;
    }
    coefficient_type c = 0;
    int scale = 0, digits = 0, significant = 0;
    bool point = false;
    for (; i < s.size(); ++i) {
      const char ch = s[i];
      if (ch == '.') {
        if (point) return std::nullopt;
        point = true;
        continue;
      }
      if (ch < '0' || ch > '9') return std::nullopt;
      if (c != 0 || ch != '0') ++significant;
      if (significant > 36) return std::nullopt;
      c = c * 10 + (ch - '0');
      ++digits;
      if (point) ++scale;
    }
    if (digits == 0 || scale > max_scale) return std::nullopt;
    decimal d;
    d.c_ = neg ? -c : c;
    d.scale_ = scale;
    return d;
  }

  [[nodiscard]] constexpr coefficient_type coefficient() const noexcept { return c_; }
  [[nodiscard]] constexpr int scale() const noexcept { return scale_; }
  [[nodiscard]] constexpr bool is_zero() const noexcept { return c_ == 0; }
  [[nodiscard]] constexpr bool is_negative() const noexcept { return c_ < 0; }
  [[nodiscard]] constexpr int sign() const noexcept { return c_ < 0 ? -1 : (c_ > 0 ? 1 : 0); }

  /// The same value with trailing fractional zeros removed (1.500 → 1.5, 100 stays 100).
  [[nodiscard]] decimal normalized() const noexcept {
    decimal d = *this;
    while (d.scale_ > 0 && d.c_ % 10 == 0) {
      d.c_ /= 10;
      --d.scale_;
    }
    return d;
  }

  /// The value × 10^n, exact (万 is `shifted(4)`, 亿 `shifted(8)`, % is `shifted(-2)`).
  /// @throws input_error on overflow or when the scale would exceed max_scale.
  [[nodiscard]] decimal shifted(int n) const {
    decimal d = *this;
    if (n >= 0) {
      const int from_scale = std::min(n, d.scale_);
      d.scale_ -= from_scale;
      d.c_ = mul_checked(d.c_, pow10_checked(n - from_scale));
    } else {
      if (d.scale_ - n > max_scale) throw input_error("decimal: too many decimals");
      d.scale_ -= n;
    }
    return d;
  }

  /// The value carried to `scale` decimals exactly (scale ≥ this->scale()).
  [[nodiscard]] decimal rescaled(int scale) const {
    if (scale < scale_) return rounded(scale, rounding::half_up);
    if (scale > max_scale) throw input_error("decimal: too many decimals");
    return from_parts(mul_checked(c_, pow10_checked(scale - scale_)), scale);
  }

  /// Rounded to `digits` decimals (may be negative: −2 rounds to hundreds) with `mode`.
  [[nodiscard]] decimal rounded(int digits, rounding mode = rounding::half_up) const {
    if (digits >= scale_) return *this;
    const int drop = scale_ - digits;
    detail::int256 q = detail::div_round(detail::to_256(c_), detail::pow10_256(drop), mode);
    if (digits < 0) {
      q *= detail::pow10_256(-digits);
      digits = 0;
    }
    auto n = detail::from_256(q);
    if (!n) throw input_error("decimal: overflow");
    return from_parts(*n, digits);
  }

  /// a / b to `digits` decimals with `mode`. @throws input_error when b is zero or on overflow.
  [[nodiscard]] static decimal divide(const decimal& a, const decimal& b, int digits,
                                      rounding mode = rounding::half_up) {
    if (b.c_ == 0) throw input_error("decimal: division by zero");
    if (digits < 0 || digits > max_scale) throw input_error("decimal: bad number of decimals");
    // a/b = (ca/10^sa) / (cb/10^sb); result coefficient = ca * 10^(digits + sb - sa) / cb
    const int e = digits + b.scale_ - a.scale_;
    // fast path: everything fits in 128 bits
    if (e >= 0 && e <= 18) {
      const coefficient_type p = detail::pow10_128(e);
      coefficient_type n;
      if (!__builtin_mul_overflow(a.c_, p, &n)) {
        // report figures nearly always fit 64 bits, and a 64-bit division is several times
        // cheaper than the 128-bit library call
        constexpr coefficient_type lim = static_cast<coefficient_type>(INT64_MAX);
        if (n <= lim && n >= -lim && b.c_ <= lim && b.c_ >= -lim)
          return from_parts(div_round_64(static_cast<std::int64_t>(n), static_cast<std::int64_t>(b.c_), mode),
                            digits);
        return from_parts(div_round_128(n, b.c_, mode), digits);
      }
    }
    detail::int256 n = detail::to_256(a.c_), d = detail::to_256(b.c_);
    if (e >= 0) {
      n *= detail::pow10_256(e);
    } else {
      d *= detail::pow10_256(-e);
    }
    auto q = detail::from_256(detail::div_round(n, d, mode));
    if (!q) throw input_error("decimal: overflow in division");
    return from_parts(*q, digits);
  }

  /// Canonical text: no exponent, no trailing fractional zeros ("11100", "89.6", "-0.5").
  [[nodiscard]] std::string to_string() const { return normalized().fixed_string(); }

  /// Text with exactly `digits` decimals after rounding with `mode` ("89.60").
  [[nodiscard]] std::string to_string(int digits, rounding mode = rounding::half_up) const {
    return rounded(digits, mode).rescaled(digits).fixed_string();
  }

  /// Nearest double, for charts and for comparison with floating-point peers; never for verdicts.
  [[nodiscard]] double to_double() const noexcept {
    double v = static_cast<double>(c_);
    for (int i = 0; i < scale_; ++i) v /= 10.0;
    return v;
  }

  friend decimal operator+(const decimal& a, const decimal& b) {
    const int s = std::max(a.scale_, b.scale_);
    coefficient_type r;
    if (__builtin_add_overflow(a.rescaled(s).c_, b.rescaled(s).c_, &r))
      throw input_error("decimal: overflow in addition");
    return from_parts(r, s);
  }
  friend decimal operator-(const decimal& a) { return from_parts(-a.c_, a.scale_); }
  friend decimal operator-(const decimal& a, const decimal& b) { return a + (-b); }
  friend decimal operator*(const decimal& a, const decimal& b) {
    const int s = a.scale_ + b.scale_;
    decimal r = from_parts(mul_checked(a.c_, b.c_), std::min(s, max_scale));
    if (s > max_scale) throw input_error("decimal: too many decimals");
    return r;
  }
  decimal& operator+=(const decimal& o) { return *this = *this + o; }
  decimal& operator-=(const decimal& o) { return *this = *this - o; }
  decimal& operator*=(const decimal& o) { return *this = *this * o; }

  friend std::strong_ordering operator<=>(const decimal& a, const decimal& b) noexcept {
    if (a.scale_ == b.scale_) return a.c_ <=> b.c_;
    const int s = std::max(a.scale_, b.scale_);
    const int ea = s - a.scale_, eb = s - b.scale_;
    coefficient_type x, y;
    if (ea <= detail::max_pow10_128 && eb <= detail::max_pow10_128 &&
        !__builtin_mul_overflow(a.c_, detail::pow10_128(ea), &x) &&
        !__builtin_mul_overflow(b.c_, detail::pow10_128(eb), &y))
      return x <=> y;
    const auto wa = detail::to_256(a.c_) * detail::pow10_256(ea);
    const auto wb = detail::to_256(b.c_) * detail::pow10_256(eb);
    return wa < wb ? std::strong_ordering::less
                   : (wa == wb ? std::strong_ordering::equal : std::strong_ordering::greater);
  }
  friend bool operator==(const decimal& a, const decimal& b) noexcept {
    return (a <=> b) == std::strong_ordering::equal;
  }

 private:
  static coefficient_type pow10_checked(int n) {
    if (n > detail::max_pow10_128) throw input_error("decimal: overflow");
    return detail::pow10_128(n);
  }
  static coefficient_type mul_checked(coefficient_type a, coefficient_type b) {
    coefficient_type r;
    if (__builtin_mul_overflow(a, b, &r)) throw input_error("decimal: overflow");
    return r;
  }
  static coefficient_type div_round_128(coefficient_type n, coefficient_type d, rounding mode) {
    coefficient_type q = n / d, r = n % d;
    if (r == 0) return q;
    const bool negative = (n < 0) != (d < 0);
    // |r| < |d| ≤ 2^127, so 2|r| may overflow only if |d| is near the limit: compare |r| with |d|-|r|.
    const coefficient_type ar = r < 0 ? -r : r, ad = d < 0 ? -d : d;
    const coefficient_type rest = ad - ar;
    const int cmp = ar > rest ? 1 : (ar == rest ? 0 : -1);
    bool away = false;
    switch (mode) {
      case rounding::truncate: away = false; break;
      case rounding::half_up: away = cmp >= 0; break;
      case rounding::half_even: away = cmp > 0 || (cmp == 0 && (q % 2) != 0); break;
      case rounding::floor: away = negative; break;
      case rounding::ceiling: away = !negative; break;
    }
    if (away) q += negative ? -1 : 1;
    return q;
  }
  static std::int64_t div_round_64(std::int64_t n, std::int64_t d, rounding mode) noexcept {
    std::int64_t q = n / d, r = n % d;
    if (r == 0) return q;
    const bool negative = (n < 0) != (d < 0);
    const std::int64_t ar = r < 0 ? -r : r, ad = d < 0 ? -d : d;
    const std::int64_t rest = ad - ar;
    const int cmp = ar > rest ? 1 : (ar == rest ? 0 : -1);
    bool away = false;
    switch (mode) {
      case rounding::truncate: away = false; break;
      case rounding::half_up: away = cmp >= 0; break;
      case rounding::half_even: away = cmp > 0 || (cmp == 0 && (q % 2) != 0); break;
      case rounding::floor: away = negative; break;
      case rounding::ceiling: away = !negative; break;
    }
    if (away) q += negative ? -1 : 1;
    return q;
  }
  [[nodiscard]] std::string fixed_string() const {
    __extension__ unsigned __int128 u =
        c_ < 0 ? static_cast<unsigned __int128>(-(c_ + 1)) + 1u : static_cast<unsigned __int128>(c_);
    std::string digits;
    do {
      digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
      u /= 10;
    } while (u != 0);
    if (scale_ > 0) {
      if (static_cast<int>(digits.size()) <= scale_)
        digits.insert(0, static_cast<std::size_t>(scale_ - static_cast<int>(digits.size()) + 1), '0');
      digits.insert(digits.size() - static_cast<std::size_t>(scale_), 1, '.');
    }
    if (c_ < 0) digits.insert(digits.begin(), '-');
    return digits;
  }

  coefficient_type c_ = 0;
  int scale_ = 0;
};

}  // namespace annals
