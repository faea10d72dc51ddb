#pragma once
/// @file decimal.hpp
/// An exact decimal number for report figures: a 128-bit scaled integer. Everything that fits
/// 128 bits is inline here; the rare comparison, rounding or division that needs more is widened
/// to 256 bits behind a compiled boundary (lib/figures/decimal_wide.cpp, Boost.Multiprecision), so that
/// Boost stays out of every translation unit that includes this header (issue 14).

#include <annals/enum_names.hpp>
#include <annals/error.hpp>

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

/// "half_up", "half_even", "truncate", "floor", "ceiling".
[[nodiscard]] constexpr std::string_view to_string(rounding r) noexcept {
  switch (r) {
    case rounding::half_up: return "half_up";
    case rounding::half_even: return "half_even";
    case rounding::truncate: return "truncate";
    case rounding::floor: return "floor";
    case rounding::ceiling: return "ceiling";
  }
  return "half_up";
}
template <>
struct enum_values<rounding> {
  static constexpr std::array all{rounding::half_up, rounding::half_even, rounding::truncate, rounding::floor,
                                  rounding::ceiling};
};

namespace detail {
__extension__ using int128 = __int128;

inline constexpr int max_pow10_128 = 38;

constexpr int128 pow10_128(int n) {
  int128 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

/// Results of the wide path are narrowed back only below 2^126 in magnitude (as they always were),
/// so the 128-bit fast paths below apply the same limit and give the same answers.
inline constexpr int128 wide_limit = int128(1) << 126;

// The >128-bit path, compiled once in lib/figures/decimal_wide.cpp on 256-bit integers. Report figures
// almost never get here; keeping it out of line keeps <boost/multiprecision/cpp_int.hpp>
// (~130,000 preprocessed lines) out of the public headers.

/// c ÷ 10^drop rounded by `mode`, then × 10^up; nullopt when the result reaches 2^126.
[[nodiscard]] std::optional<int128> wide_rescale(int128 c, int drop, int up, rounding mode) noexcept;
/// (a × 10^ea) ÷ (b × 10^eb) rounded by `mode` (b != 0); nullopt when the result reaches 2^126.
[[nodiscard]] std::optional<int128> wide_divide(int128 a, int ea, int128 b, int eb, rounding mode) noexcept;
/// a × 10^ea <=> b × 10^eb, exactly.
[[nodiscard]] std::strong_ordering wide_compare(int128 a, int ea, int128 b, int eb) noexcept;
}  // namespace detail

/**
 * An exact decimal: `coefficient × 10^-scale`, with a 128-bit coefficient and 0 ≤ scale ≤ 30.
 *
 * Values compare numerically (1.50 == 1.5); the scale is kept as written so that a parsed
 * figure remembers how many decimals it carried. Addition, subtraction and multiplication are
 * exact and throw annals::input_error on overflow; division always names its decimals and its
 * rounding mode. Each operation that can fail has a noexcept `try_` form returning nullopt
 * instead (`try_add`, `try_multiply`, `try_shifted`, `try_rescaled`, `try_rounded`,
 * `try_divide`, `try_from_parts`, `try_parse`): that form is the implementation, and the
 * throwing one wraps it with a message.
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

  /// `coefficient × 10^-scale`, or nullopt when scale is outside [0, max_scale].
  static constexpr std::optional<decimal> try_from_parts(coefficient_type coefficient, int scale) noexcept {
    if (scale < 0 || scale > max_scale) return std::nullopt;
    decimal d;
    d.c_ = coefficient;
    d.scale_ = scale;
    return d;
  }
  /// `coefficient × 10^-scale`. @throws input_error when scale is outside [0, max_scale].
  static decimal from_parts(coefficient_type coefficient, int scale) {
    return value_or_throw(try_from_parts(coefficient, scale), "decimal: scale out of range");
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

  /// The value × 10^n, exact (万 is `shifted(4)`, 亿 `shifted(8)`, % is `shifted(-2)`), or nullopt
  /// on overflow or when the scale would exceed max_scale.
  [[nodiscard]] std::optional<decimal> try_shifted(int n) const noexcept {
    decimal d = *this;
    if (n >= 0) {
      const int from_scale = n < d.scale_ ? n : d.scale_;
      d.scale_ -= from_scale;
      if (!mul_pow10(d.c_, n - from_scale, d.c_)) return std::nullopt;
    } else {
      if (d.scale_ - n > max_scale) return std::nullopt;
      d.scale_ -= n;
    }
    return d;
  }
  /// try_shifted(). @throws input_error on overflow or when the scale would exceed max_scale.
  [[nodiscard]] decimal shifted(int n) const {
    return value_or_throw(try_shifted(n), n < 0 ? "decimal: too many decimals" : "decimal: overflow");
  }

  /// The value carried to `scale` decimals exactly (scale ≥ this->scale(); a smaller scale
  /// rounds half up), or nullopt on overflow or beyond max_scale.
  [[nodiscard]] std::optional<decimal> try_rescaled(int scale) const noexcept {
    if (scale < scale_) return try_rounded(scale, rounding::half_up);
    if (scale > max_scale) return std::nullopt;
    decimal d;
    if (!mul_pow10(c_, scale - scale_, d.c_)) return std::nullopt;
    d.scale_ = scale;
    return d;
  }
  /// try_rescaled(). @throws input_error on overflow or beyond max_scale.
  [[nodiscard]] decimal rescaled(int scale) const {
    return value_or_throw(try_rescaled(scale), scale > max_scale ? "decimal: too many decimals" : "decimal: overflow");
  }

  /// Rounded to `digits` decimals (may be negative: −2 rounds to hundreds) with `mode`, or
  /// nullopt when the result overflows.
  [[nodiscard]] std::optional<decimal> try_rounded(int digits, rounding mode = rounding::half_up) const noexcept {
    if (digits >= scale_) return *this;
    const int drop = scale_ - digits;
    const int up = digits < 0 ? -digits : 0;
    std::optional<coefficient_type> q;
    if (drop <= detail::max_pow10_128 && up <= detail::max_pow10_128) {
      // fast path: 10^drop and 10^up fit 128 bits
      coefficient_type r = div_round_128(c_, detail::pow10_128(drop), mode);
      if (!__builtin_mul_overflow(r, detail::pow10_128(up), &r) && r < detail::wide_limit &&
          r > -detail::wide_limit)
        q = r;
    } else {
      q = detail::wide_rescale(c_, drop, up, mode);
    }
    if (!q) return std::nullopt;
    return try_from_parts(*q, digits < 0 ? 0 : digits);
  }
  /// try_rounded(). @throws input_error on overflow.
  [[nodiscard]] decimal rounded(int digits, rounding mode = rounding::half_up) const {
    return value_or_throw(try_rounded(digits, mode), "decimal: overflow");
  }

  /// a / b to `digits` decimals with `mode`, or nullopt when b is zero, digits is outside
  /// [0, max_scale] or the quotient overflows.
  [[nodiscard]] static std::optional<decimal> try_divide(const decimal& a, const decimal& b, int digits,
                                                         rounding mode = rounding::half_up) noexcept {
    if (b.c_ == 0 || digits < 0 || digits > max_scale) return std::nullopt;
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
          return try_from_parts(div_round_64(static_cast<std::int64_t>(n), static_cast<std::int64_t>(b.c_), mode),
                                digits);
        return try_from_parts(div_round_128(n, b.c_, mode), digits);
      }
    }
    const auto q = e >= 0 ? detail::wide_divide(a.c_, e, b.c_, 0, mode) : detail::wide_divide(a.c_, 0, b.c_, -e, mode);
    if (!q) return std::nullopt;
    return try_from_parts(*q, digits);
  }
  /// try_divide(). @throws input_error when b is zero, digits is out of range, or on overflow.
  [[nodiscard]] static decimal divide(const decimal& a, const decimal& b, int digits,
                                      rounding mode = rounding::half_up) {
    return value_or_throw(try_divide(a, b, digits, mode),
                          b.c_ == 0                              ? "decimal: division by zero"
                          : (digits < 0 || digits > max_scale)   ? "decimal: bad number of decimals"
                                                                 : "decimal: overflow in division");
  }

  /// Canonical text: no exponent, no trailing fractional zeros ("11100", "89.6", "-0.5").
  [[nodiscard]] std::string to_string() const {
    char buf[max_chars];
    return std::string(buf, to_chars(buf));
  }

  /// The most bytes to_chars() writes: a sign, 39 digits (or a 0 and 30 decimals), a point.
  static constexpr std::size_t max_chars = 48;
  /// to_string()'s text written into `buf` (max_chars bytes at least), without allocating;
  /// returns the end of what was written.
  char* to_chars(char* buf) const noexcept { return normalized().fixed_chars(buf); }
  /// Appends to_string()'s text to `out` without a temporary string.
  void append_to(std::string& out) const {
    char buf[max_chars];
    out.append(buf, to_chars(buf));
  }

  /// Text with exactly `digits` decimals after rounding with `mode` ("89.60").
  [[nodiscard]] std::string to_string(int digits, rounding mode = rounding::half_up) const {
    char buf[max_chars];
    return std::string(buf, to_chars(buf, digits, mode));
  }
  /// to_string(digits, mode)'s text written into `buf` (max_chars bytes at least), without
  /// allocating; returns the end. to_chars(buf, scale()) is the decimal as written ("89.60").
  /// @throws input_error as rounded() and rescaled() do.
  char* to_chars(char* buf, int digits, rounding mode = rounding::half_up) const {
    return rounded(digits, mode).rescaled(digits).fixed_chars(buf);
  }

  /// Nearest double, for charts and for comparison with floating-point peers; never for verdicts.
  [[nodiscard]] double to_double() const noexcept {
    double v = static_cast<double>(c_);
    for (int i = 0; i < scale_; ++i) v /= 10.0;
    return v;
  }

  /// a + b, exact, or nullopt on overflow.
  [[nodiscard]] static std::optional<decimal> try_add(const decimal& a, const decimal& b) noexcept {
    const int s = a.scale_ > b.scale_ ? a.scale_ : b.scale_;
    coefficient_type x, y;
    decimal r;
    if (!mul_pow10(a.c_, s - a.scale_, x) || !mul_pow10(b.c_, s - b.scale_, y) || __builtin_add_overflow(x, y, &r.c_))
      return std::nullopt;
    r.scale_ = s;
    return r;
  }
  /// a × b, exact, or nullopt on overflow or when the decimals would exceed max_scale.
  [[nodiscard]] static std::optional<decimal> try_multiply(const decimal& a, const decimal& b) noexcept {
    decimal r;
    r.scale_ = a.scale_ + b.scale_;
    if (r.scale_ > max_scale || __builtin_mul_overflow(a.c_, b.c_, &r.c_)) return std::nullopt;
    return r;
  }

  friend decimal operator+(const decimal& a, const decimal& b) {
    return value_or_throw(try_add(a, b), "decimal: overflow in addition");
  }
  friend constexpr decimal operator-(const decimal& a) noexcept {
    decimal r = a;
    r.c_ = -a.c_;  // |c| < 10^38 < 2^127: never overflows
    return r;
  }
  friend decimal operator-(const decimal& a, const decimal& b) { return a + (-b); }
  friend decimal operator*(const decimal& a, const decimal& b) {
    return value_or_throw(try_multiply(a, b), a.scale_ + b.scale_ > max_scale ? "decimal: too many decimals"
                                                                             : "decimal: overflow");
  }
  decimal& operator+=(const decimal& o) { return *this = *this + o; }
  decimal& operator-=(const decimal& o) { return *this = *this - o; }
  decimal& operator*=(const decimal& o) { return *this = *this * o; }

  friend std::strong_ordering operator<=>(const decimal& a, const decimal& b) noexcept {
    if (a.scale_ == b.scale_) return a.c_ <=> b.c_;
    const int s = a.scale_ > b.scale_ ? a.scale_ : b.scale_;
    const int ea = s - a.scale_, eb = s - b.scale_;
    coefficient_type x, y;
    if (ea <= detail::max_pow10_128 && eb <= detail::max_pow10_128 &&
        !__builtin_mul_overflow(a.c_, detail::pow10_128(ea), &x) &&
        !__builtin_mul_overflow(b.c_, detail::pow10_128(eb), &y))
      return x <=> y;
    return detail::wide_compare(a.c_, ea, b.c_, eb);
  }
  friend bool operator==(const decimal& a, const decimal& b) noexcept {
    return (a <=> b) == std::strong_ordering::equal;
  }

 private:
  /// out = c × 10^n (n ≥ 0); false on overflow.
  static bool mul_pow10(coefficient_type c, int n, coefficient_type& out) noexcept {
    if (n == 0) {
      out = c;
      return true;
    }
    return n <= detail::max_pow10_128 && !__builtin_mul_overflow(c, detail::pow10_128(n), &out);
  }
  /// The throwing half of every operation: its try_ form's value, or input_error(why).
  static decimal value_or_throw(const std::optional<decimal>& r, const char* why) {
    if (!r) throw input_error(why);
    return *r;
  }
  static coefficient_type div_round_128(coefficient_type n, coefficient_type d, rounding mode) noexcept {
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
  /// The coefficient's digits with the point `scale_` digits from the right (at least one digit
  /// before it), written into `buf`; returns the end. Digits are made right to left in 64-bit
  /// arithmetic once the value fits (nearly always: 128-bit division is a library call).
  char* fixed_chars(char* buf) const noexcept {
    __extension__ unsigned __int128 u =
        c_ < 0 ? static_cast<unsigned __int128>(-(c_ + 1)) + 1u : static_cast<unsigned __int128>(c_);
    char digits[max_chars];
    char* const last = digits + max_chars;
    char* p = last;
    while (u > UINT64_MAX) {
      *--p = static_cast<char>('0' + static_cast<int>(u % 10));
      u /= 10;
    }
    std::uint64_t v = static_cast<std::uint64_t>(u);
    do {
      *--p = static_cast<char>('0' + static_cast<int>(v % 10));
      v /= 10;
    } while (v != 0);
    const auto scale = static_cast<std::ptrdiff_t>(scale_);
    while (last - p <= scale) *--p = '0';  // "0.05": a digit before the point
    char* out = buf;
    if (c_ < 0) *out++ = '-';
    const std::ptrdiff_t whole = (last - p) - scale;
    for (std::ptrdiff_t i = 0; i < whole; ++i) *out++ = p[i];
    if (scale > 0) {
      *out++ = '.';
      for (std::ptrdiff_t i = whole; i < last - p; ++i) *out++ = p[i];
    }
    return out;
  }

  coefficient_type c_ = 0;
  int scale_ = 0;
};

}  // namespace annals
