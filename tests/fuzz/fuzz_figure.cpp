// libFuzzer target: the figure parser (figure.hpp), arbitrary bytes → figure or input_error.
//
// Beyond "no crash, no sanitizer report", it checks what figure.hpp promises:
// - parse_figure and try_parse_figure agree (a value from one, the same value from the other;
//   an input_error from one, nullopt from the other); nothing but input_error is thrown;
// - the error message is one line "<what>: <why>";
// - an exact figure has last_digit 0; a percentage is approximate;
// - parsing is deterministic, and a figure's quantity has a well-formed interval (lo ≤ value ≤ hi
//   where bounded) for every qualifier, or an overflow reported as input_error.
#include "fuzz_check.hpp"

#include <annals/figure.hpp>
#include <annals/quantity.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace {

using annals::fuzz::require;

void check_bounds(const annals::figure& f) {
  for (auto qual : {annals::qualifier::exact, annals::qualifier::more_than, annals::qualifier::at_least,
                    annals::qualifier::nearly, annals::qualifier::about, annals::qualifier::at_most,
                    annals::qualifier::less_than}) {
    try {
      const annals::quantity q = annals::to_quantity(f, "件", qual);
      const annals::interval iv = q.bounds();
      if (iv.lo) require(*iv.lo <= q.value, "interval lower bound above the value");
      if (iv.hi) require(q.value <= *iv.hi, "interval upper bound below the value");
      if (iv.lo && iv.hi) require(*iv.lo <= *iv.hi, "interval with lo > hi");
    } catch (const annals::input_error& e) {
      annals::fuzz::require_one_line_message(e);  // overflow of value ± step is reported, not UB
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const std::optional<annals::figure> quiet = annals::try_parse_figure(text);
  std::optional<annals::figure> loud;
  try {
    loud = annals::parse_figure(text);
  } catch (const annals::input_error& e) {
    annals::fuzz::require_one_line_message(e);
    require(std::string_view(e.what()).substr(0, 8) == "figure: ", "message does not start 'figure: '");
  }
  require(quiet.has_value() == loud.has_value(), "parse_figure and try_parse_figure disagree");
  if (!loud) return 0;

  require(*quiet == *loud, "parse_figure and try_parse_figure give different figures");
  require(annals::parse_figure(text) == *loud, "parse_figure is not deterministic");
  const annals::figure& f = *loud;
  if (!f.approximate) require(f.last_digit == 0, "exact figure with a non-zero last_digit");
  if (f.percent) require(f.approximate, "percentage not marked approximate");
  check_bounds(f);
  return 0;
}
