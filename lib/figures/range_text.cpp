// The text of a range of decimals (include/annals/range_text.hpp).
#include <annals/range_text.hpp>

namespace annals {
namespace {

std::string bound_text(const decimal& d, const range_style& style, rounding outward_mode) {
  if (style.digits < 0) return d.to_string();
  return style.outward ? d.to_string(style.digits, outward_mode) : d.to_string(style.digits);
}

}  // namespace

std::string range_text(const std::optional<decimal>& lo, const std::optional<decimal>& hi, std::string_view unit,
                       const range_style& style) {
  if (!lo && !hi && style.unbounded) return std::string(*style.unbounded);
  const std::string_view each = style.unit_after_each ? unit : std::string_view();
  std::string out;
  const auto bound = [&](const decimal& d, rounding mode) {
    out += bound_text(d, style, mode);
    out += each;
  };
  if (lo && hi && style.one_when_equal && *lo == *hi) {
    bound(*lo, rounding::floor);
  } else if (style.one_sided_as_inequality && (!lo || !hi)) {
    out += lo ? "≥ " : "≤ ";
    bound(lo ? *lo : *hi, lo ? rounding::floor : rounding::ceiling);
  } else {
    if (lo) bound(*lo, rounding::floor);
    else out += style.no_lower;
    out += style.between;
    if (hi) bound(*hi, rounding::ceiling);
    else out += style.no_upper;
  }
  if (!style.unit_after_each) out += unit;
  return out;
}

}  // namespace annals
