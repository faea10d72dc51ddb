// 01_growth: the 行政复议 figures of the Chengdu 2024 report, checked exactly.
//
//   2024年全市新收行政复议案件超1.11万件，同比增长89.6%
//
// What prior-year count does that growth imply? And do some published triples (earlier figure,
// later figure, stated change) agree with themselves?

#include <annals/figure.hpp>
#include <annals/growth.hpp>

#include <fmt/core.h>

#include <string>

namespace {

std::string show(const annals::interval& i) {
  auto end = [](const std::optional<annals::decimal>& d) { return d ? d->to_string() : std::string("∞"); };
  return fmt::format("{}{}, {}{}", i.lo_closed ? "[" : "(", end(i.lo), end(i.hi), i.hi_closed ? "]" : ")");
}

annals::quantity figure(std::string_view text, std::string unit,
                        annals::qualifier qual = annals::qualifier::exact) {
  return annals::to_quantity(annals::parse_figure(text), std::move(unit), qual);
}

void check(const char* label, const annals::consistency& c) {
  fmt::print("{}: {}{}\n", label, annals::to_string(c.verdict), c.needs_truncation ? " (only if truncated)" : "");
  fmt::print("    {}\n", c.reason);
}

}  // namespace

int main() {
  // 超1.11万件: more than 11100, less than 11200 (written to the hundreds)
  const annals::quantity cases = figure("1.11万", "件", annals::qualifier::more_than);
  const annals::quantity growth = figure("89.6%", "%");
  fmt::print("2024 new 行政复议 cases: 超{}件 → {}\n", cases.value.to_string(), show(cases.bounds()));
  fmt::print("stated growth 89.6% allows {} rounded, {} truncated\n",
             show(annals::stated_interval(growth, annals::rounding::half_up)),
             show(annals::stated_interval(growth, annals::rounding::truncate)));

  const auto prior = annals::implied_prior_range(cases, growth);
  if (!prior.ok()) {
    fmt::print("no prior: {}\n", annals::to_string(prior.status));
    return 1;
  }
  fmt::print("implied 2023 cases: {} to {} 件\n", prior.value.lo->to_string(2), prior.value.hi->to_string(2));
  const auto truncated = annals::implied_prior_range(cases, growth, annals::rounding::truncate);
  fmt::print("  (if 89.6% was truncated: {} to {} 件)\n", truncated.value.lo->to_string(2),
             truncated.value.hi->to_string(2));

  fmt::print("\npublished triples:\n");
  check("373件 → 709件, +90.08%",
        annals::check_growth(figure("373", "件"), figure("709", "件"), figure("90.08", "%")));
  check("66件 → 151件, +128.78%",
        annals::check_growth(figure("66", "件"), figure("151", "件"), figure("128.78", "%")));
  check("19240 → 84654, 4.4倍",
        annals::check_multiple(figure("19240", "件"), figure("84654", "件"), figure("4.4", "倍")));
  check("373件 → 709件, +95.1%",
        annals::check_growth(figure("373", "件"), figure("709", "件"), figure("95.1", "%")));
  check("0件 → 12件, +100%",
        annals::check_growth(figure("0", "件"), figure("12", "件"), figure("100", "%")));

  const auto g = annals::yoy_growth(annals::decimal{373}, annals::decimal{709});
  const auto cagr = annals::cagr(annals::decimal{100}, annals::decimal{200}, annals::years{3});
  fmt::print("\n373 → 709: {}; doubling in three years is {} a year\n", annals::to_string(g.value),
             annals::to_string(cagr.value));
  return 0;
}
