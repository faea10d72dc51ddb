// Helpers shared by the HTML and Markdown renderings (see render_detail.hpp).

#include "analyze/render_detail.hpp"

#include <annals/text.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace annals::detail {

std::string truncate(std::string_view s, std::size_t max_cp) {
  if (utf8::length(s) <= max_cp) return std::string(s);
  return std::string(utf8::substr(s, 0, max_cp > 0 ? max_cp - 1 : 0)) + "…";
}

namespace {
std::string trim_zeros(std::string t) {
  if (t.find('.') == std::string::npos) return t;
  while (!t.empty() && t.back() == '0') t.pop_back();
  if (!t.empty() && t.back() == '.') t.pop_back();
  return t;
}

// What a stream in fixed notation with this precision writes (both as printf's %.Nf), without
// building a stream for every number: charts of 10,000 metrics have tens of thousands of ticks.
std::string fixed(double v, int digits) {
  char buf[400];  // 309 digits before the point at most, and digits ≤ 2 after it
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, digits);
  return std::string(buf, r.ptr);
}
}  // namespace

std::string compact_number(double v) {
  const double a = std::abs(v);
  if (a < 1e-12) return "0";
  if (a >= 1e8) return trim_zeros(fixed(v / 1e8, 2)) + "亿";
  if (a >= 1e4) return trim_zeros(fixed(v / 1e4, 2)) + "万";
  if (a >= 100) return trim_zeros(fixed(v, 0));
  return trim_zeros(fixed(v, 2));
}

std::string signed_fixed(const decimal& d, int digits) {
  std::string t = d.to_string(digits);
  if (d.sign() > 0) t.insert(t.begin(), '+');
  return t;
}

std::string signed_plain(const decimal& d) {
  std::string t = d.to_string();
  if (d.sign() > 0) t.insert(t.begin(), '+');
  return t;
}

std::string interval_text(const interval& iv, std::string_view unit) {
  const std::string u = unit.empty() ? std::string() : " " + std::string(unit);
  if (iv.lo && iv.hi && *iv.lo == *iv.hi) return iv.lo->to_string() + u;
  std::string s;
  if (iv.lo) s += iv.lo->to_string() + (iv.lo_closed ? " ≤ " : " < ");
  s += "x";
  if (iv.hi) s += std::string(iv.hi_closed ? " ≤ " : " < ") + iv.hi->to_string();
  return s + u;
}

std::string fixed2(double v) { return fixed(v, 2); }

std::string year_span(const jurisdiction_view& v) {
  std::optional<int> lo, hi;
  for (const auto& r : v.reports) {
    if (!r.year) continue;
    const int y = r.year->value();
    lo = lo ? std::min(*lo, y) : y;
    hi = hi ? std::max(*hi, y) : y;
  }
  if (!lo) return "";
  if (*lo == *hi) return std::to_string(*lo);
  return std::to_string(*lo) + "–" + std::to_string(*hi);
}

std::string status_label(std::string_view status) {
  std::string s(status);
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

}  // namespace annals::detail
