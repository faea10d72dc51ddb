// small_fraction: an exact fraction of two 128-bit integers, for the growth ranges and checks of
// lib/figures/growth.cpp. Figures in reports have few digits, so their ranges fit in 128 bits;
// an operation whose result might not fit throws small_overflow, and the caller computes again
// with boost's unbounded cpp_rational. Fractions are not reduced (reducing costs more than the
// few operations a range takes); comparisons multiply out to 256 bits, so they never overflow.

#ifndef ANNALS_LIB_FIGURES_SMALL_FRACTION_DETAIL_HPP
#define ANNALS_LIB_FIGURES_SMALL_FRACTION_DETAIL_HPP

#include <annals/decimal.hpp>

#include <cstdint>
#include <utility>

namespace annals::detail {

/// Thrown when a small_fraction result might not fit: compute again with unbounded integers.
struct small_overflow {};

class small_fraction {
 public:
  using integer = int128;
  __extension__ using unsigned_integer = unsigned __int128;

  small_fraction() = default;
  small_fraction(long long v) : n_(v) {}  // NOLINT: implicit, as boost's rational from an int
  /// n / d for d > 0 (the caller's promise; the growth code only builds positive denominators).
  static small_fraction of(integer n, integer d) {
    small_fraction f;
    f.n_ = n;
    f.d_ = d;
    return f;
  }
  /// `d` exactly: coefficient / 10^scale.
  static small_fraction of(const decimal& d) {
    if (bits(d.coefficient()) > 125) throw small_overflow{};
    return of(d.coefficient(), pow10_128(d.scale()));
  }

  [[nodiscard]] integer numerator() const noexcept { return n_; }
  [[nodiscard]] integer denominator() const noexcept { return d_; }

  /// Significant bits of |v| (0 for 0, 128 for the most negative value).
  static int bits(integer v) noexcept {
    const unsigned_integer u = v < 0 ? unsigned_integer(0) - static_cast<unsigned_integer>(v) : static_cast<unsigned_integer>(v);
    const auto hi = static_cast<std::uint64_t>(u >> 64), lo = static_cast<std::uint64_t>(u);
    if (hi) return 128 - __builtin_clzll(hi);
    return lo ? 64 - __builtin_clzll(lo) : 0;
  }
  /// a × b, or small_overflow when |a × b| might reach 2^126.
  static integer mul(integer a, integer b) {
    if (bits(a) + bits(b) > 126) throw small_overflow{};
    return a * b;
  }
  /// a + b, or small_overflow when either is 2^125 or more in size.
  static integer add(integer a, integer b) {
    if (bits(a) > 125 || bits(b) > 125) throw small_overflow{};
    return a + b;
  }

  friend small_fraction operator+(const small_fraction& a, const small_fraction& b) {
    if (a.d_ == b.d_) return of(add(a.n_, b.n_), a.d_);
    return of(add(mul(a.n_, b.d_), mul(b.n_, a.d_)), mul(a.d_, b.d_));
  }
  friend small_fraction operator-(const small_fraction& a) {
    if (bits(a.n_) > 126) throw small_overflow{};
    return of(-a.n_, a.d_);
  }
  friend small_fraction operator-(const small_fraction& a, const small_fraction& b) { return a + (-b); }
  friend small_fraction operator*(const small_fraction& a, const small_fraction& b) {
    return of(mul(a.n_, b.n_), mul(a.d_, b.d_));
  }
  friend small_fraction operator/(const small_fraction& a, const small_fraction& b) {
    if (b.n_ == 0) throw small_overflow{};  // the unbounded path reports it as it always has
    const integer n = mul(a.n_, b.d_), d = mul(a.d_, b.n_);
    return d < 0 ? of(-n, -d) : of(n, d);
  }

  /// -1, 0, 1 as a/b compares with c/d: a·d against c·b, multiplied out to 256 bits.
  static int compare(const small_fraction& x, const small_fraction& y) noexcept {
    const int sx = x.n_ < 0 ? -1 : (x.n_ > 0 ? 1 : 0), sy = y.n_ < 0 ? -1 : (y.n_ > 0 ? 1 : 0);
    if (sx != sy) return sx < sy ? -1 : 1;
    if (sx == 0) return 0;
    const auto lhs = product(magnitude(x.n_), static_cast<unsigned_integer>(y.d_));
    const auto rhs = product(magnitude(y.n_), static_cast<unsigned_integer>(x.d_));
    const int by_magnitude = lhs == rhs ? 0 : (lhs < rhs ? -1 : 1);
    return sx > 0 ? by_magnitude : -by_magnitude;
  }
  friend bool operator==(const small_fraction& a, const small_fraction& b) noexcept { return compare(a, b) == 0; }
  friend bool operator<(const small_fraction& a, const small_fraction& b) noexcept { return compare(a, b) < 0; }
  friend bool operator>(const small_fraction& a, const small_fraction& b) noexcept { return compare(a, b) > 0; }
  friend bool operator<=(const small_fraction& a, const small_fraction& b) noexcept { return compare(a, b) <= 0; }
  friend bool operator>=(const small_fraction& a, const small_fraction& b) noexcept { return compare(a, b) >= 0; }

 private:
  static unsigned_integer magnitude(integer v) noexcept {
    return v < 0 ? unsigned_integer(0) - static_cast<unsigned_integer>(v) : static_cast<unsigned_integer>(v);
  }
  /// x × y as (high, low) 128-bit halves of the 256-bit product.
  static std::pair<unsigned_integer, unsigned_integer> product(unsigned_integer x, unsigned_integer y) noexcept {
    const auto x0 = static_cast<std::uint64_t>(x), x1 = static_cast<std::uint64_t>(x >> 64);
    const auto y0 = static_cast<std::uint64_t>(y), y1 = static_cast<std::uint64_t>(y >> 64);
    const unsigned_integer p00 = static_cast<unsigned_integer>(x0) * y0, p01 = static_cast<unsigned_integer>(x0) * y1;
    const unsigned_integer p10 = static_cast<unsigned_integer>(x1) * y0, p11 = static_cast<unsigned_integer>(x1) * y1;
    const unsigned_integer mid = (p00 >> 64) + static_cast<std::uint64_t>(p01) + static_cast<std::uint64_t>(p10);
    const unsigned_integer low = (mid << 64) | static_cast<std::uint64_t>(p00);
    const unsigned_integer high = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    return {high, low};
  }

  integer n_ = 0;
  integer d_ = 1;
};

}  // namespace annals::detail

#endif  // ANNALS_LIB_FIGURES_SMALL_FRACTION_DETAIL_HPP
