// The >128-bit path of annals::decimal (decimal.hpp): comparisons, roundings and divisions whose
// intermediate values outgrow 128 bits are done here on 256-bit Boost.Multiprecision integers.
// Compiled once, so that no translation unit including the public headers parses cpp_int.hpp.

#include <annals/decimal.hpp>

#include <boost/multiprecision/cpp_int.hpp>

namespace annals::detail {
namespace {

using int256 = boost::multiprecision::int256_t;

int256 pow10_256(int n) {
  int256 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

int256 to_256(int128 v) {
  // cpp_int has no __int128 constructor on every Boost; compose from two 64-bit halves.
  const bool neg = v < 0;
  __extension__ unsigned __int128 u =
      neg ? static_cast<unsigned __int128>(-(v + 1)) + 1u : static_cast<unsigned __int128>(v);
  int256 r = static_cast<std::uint64_t>(u >> 64);
  r <<= 64;
  r += static_cast<std::uint64_t>(u);
  return neg ? int256(-r) : r;
}

/// Narrows back to 128 bits; nullopt from 2^126 in magnitude on (the fast paths in decimal.hpp
/// use the same limit, detail::wide_limit).
std::optional<int128> from_256(const int256& v) {
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

/// q = n / d rounded by `mode` (d != 0).
int256 div_round(const int256& n, const int256& d, rounding mode) {
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

}  // namespace

std::optional<int128> wide_rescale(int128 c, int drop, int up, rounding mode) noexcept {
  int256 q = div_round(to_256(c), pow10_256(drop), mode);
  if (up > 0) q *= pow10_256(up);
  return from_256(q);
}

std::optional<int128> wide_divide(int128 a, int ea, int128 b, int eb, rounding mode) noexcept {
  int256 n = to_256(a), d = to_256(b);
  if (ea > 0) n *= pow10_256(ea);
  if (eb > 0) d *= pow10_256(eb);
  return from_256(div_round(n, d, mode));
}

std::strong_ordering wide_compare(int128 a, int ea, int128 b, int eb) noexcept {
  const int256 wa = to_256(a) * pow10_256(ea);
  const int256 wb = to_256(b) * pow10_256(eb);
  return wa < wb ? std::strong_ordering::less
                 : (wa == wb ? std::strong_ordering::equal : std::strong_ordering::greater);
}

}  // namespace annals::detail
