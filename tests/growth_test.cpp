#include <annals/figure.hpp>
#include <annals/growth.hpp>
#include <annals/range_text.hpp>

#include <gtest/gtest.h>

#include <string>
#include <type_traits>
#include <vector>

using annals::consistency_verdict;
using annals::decimal;
using annals::growth_status;
using annals::qualifier;
using annals::quantity;
using annals::rounding;

namespace {

decimal d(const char* s) { return decimal::parse(s); }

/// A quantity as a report writes it: the figure text, a unit and a qualifier.
quantity q(std::string_view figure, std::string unit = "件", qualifier qual = qualifier::exact) {
  return annals::to_quantity(annals::parse_figure(figure), std::move(unit), qual);
}

/// A stated growth or pp change ("89.6" → 89.6 written to a tenth).
quantity stated(std::string_view figure, std::string unit = "%", qualifier qual = qualifier::exact) {
  return q(figure, std::move(unit), qual);
}

}  // namespace

TEST(growth_test, yoy_growth_is_exact_to_the_requested_decimals) {
  const auto g = annals::yoy_growth(decimal{373}, decimal{709});
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g.value.value, d("90.08"));
  EXPECT_EQ(annals::to_string(g.value), "90.08%");
  EXPECT_EQ(annals::yoy_growth(decimal{66}, decimal{151}, 2, rounding::half_up).value.value, d("128.79"));
  EXPECT_EQ(annals::yoy_growth(decimal{66}, decimal{151}, 2, rounding::truncate).value.value, d("128.78"));
  EXPECT_EQ(annals::yoy_growth(decimal{167}, decimal{114}, 1).value.value, d("-31.7"));  // 由167支精简至114支
  // half-even on an exact tie: 1 → 1.00125 is 0.125%
  EXPECT_EQ(annals::yoy_growth(decimal{1}, d("1.00125"), 2, rounding::half_even).value.value, d("0.12"));
  EXPECT_EQ(annals::yoy_growth(decimal{1}, d("1.00125"), 2, rounding::half_up).value.value, d("0.13"));
}

TEST(growth_test, zero_negative_and_missing_bases_are_statuses_not_exceptions) {
  EXPECT_EQ(annals::yoy_growth(decimal{0}, decimal{5}).status, growth_status::zero_base);
  EXPECT_EQ(annals::yoy_growth(decimal{-3}, decimal{5}).status, growth_status::negative_base);
  EXPECT_EQ(annals::yoy_growth(std::optional<decimal>{}, std::optional<decimal>{decimal{5}}).status,
            growth_status::missing);
  EXPECT_FALSE(annals::yoy_growth(decimal{0}, decimal{5}).ok());
  EXPECT_EQ(annals::ratio(decimal{0}, decimal{5}).status, growth_status::zero_base);
  EXPECT_EQ(annals::to_string(growth_status::negative_base), "negative_base");
}

TEST(growth_test, percentage_points_are_a_different_type_from_percent) {
  static_assert(!std::is_convertible_v<annals::percentage_points, annals::growth_percent>);
  static_assert(!std::is_convertible_v<annals::growth_percent, annals::percentage_points>);
  const auto pp = annals::pp_change(d("84.2"), d("86.15"));
  EXPECT_EQ(pp.value, d("1.95"));
  EXPECT_EQ(annals::to_string(pp), "1.95 pp");
  // the same two percentages as a relative growth are something else entirely
  EXPECT_EQ(annals::yoy_growth(d("84.2"), d("86.15")).value.value, d("2.32"));
  EXPECT_EQ(annals::pp_change(std::optional<decimal>{}, std::optional<decimal>{d("1")}).status,
            growth_status::missing);
  EXPECT_TRUE(annals::pp_change(std::optional<decimal>{d("0")}, std::optional<decimal>{d("1")}).ok());
}

TEST(growth_test, cagr_uses_an_exact_root) {
  // 100 → 121 over two years is exactly 10% a year
  EXPECT_EQ(annals::cagr(decimal{100}, decimal{121}, annals::years{2}).value.value, d("10"));
  // 100 → 200 over 3 years: 2^(1/3) = 1.259921049… → 25.99%
  EXPECT_EQ(annals::cagr(decimal{100}, decimal{200}, annals::years{3}).value.value, d("25.99"));
  EXPECT_EQ(annals::cagr(decimal{100}, decimal{200}, annals::years{3}, 6).value.value, d("25.992105"));
  // a fall: 200 → 100 over 2 years: 0.70710678… → −29.29%; truncation cuts toward zero
  EXPECT_EQ(annals::cagr(decimal{200}, decimal{100}, annals::years{2}).value.value, d("-29.29"));
  EXPECT_EQ(annals::cagr(decimal{200}, decimal{100}, annals::years{2}, 3, rounding::truncate).value.value,
            d("-29.289"));
  EXPECT_EQ(annals::cagr(decimal{200}, decimal{100}, annals::years{2}, 3, rounding::floor).value.value,
            d("-29.290"));
  // one year is the plain growth
  EXPECT_EQ(annals::cagr(decimal{373}, decimal{709}, annals::years{1}).value,
            annals::yoy_growth(decimal{373}, decimal{709}).value);
}

TEST(growth_test, cagr_error_paths) {
  EXPECT_EQ(annals::cagr(decimal{0}, decimal{5}, annals::years{2}).status, growth_status::zero_base);
  EXPECT_EQ(annals::cagr(decimal{-1}, decimal{5}, annals::years{2}).status, growth_status::negative_base);
  EXPECT_EQ(annals::cagr(decimal{5}, decimal{-1}, annals::years{2}).status, growth_status::negative_value);
  EXPECT_THROW((void)annals::cagr(decimal{1}, decimal{2}, annals::years{0}), annals::usage_error);
  try {
    (void)annals::cagr(decimal{1}, decimal{2}, annals::years{1}, 40);
    FAIL() << "no exception";
  } catch (const annals::usage_error& e) {
    EXPECT_STREQ(e.what(), "cagr: digits must be within 0..12");
  }
}

TEST(growth_test, multiples_and_doublings) {
  using annals::multiple_wording;
  EXPECT_EQ(annals::multiple_from(multiple_wording::times_of, d("4.4")).value, d("4.4"));
  EXPECT_EQ(annals::multiple_from(multiple_wording::increased_to, decimal{3}).value, decimal{3});
  EXPECT_EQ(annals::multiple_from(multiple_wording::increased_by, decimal{3}).value, decimal{4});
  EXPECT_EQ(annals::doubling(1).value, decimal{2});  // 翻一番
  EXPECT_EQ(annals::doubling(2).value, decimal{4});  // 翻两番
  EXPECT_EQ(annals::as_growth(annals::doubling(2)).value, decimal{300});
  EXPECT_EQ(annals::ratio(decimal{19240}, decimal{84654}, 1).value.value, d("4.4"));
  EXPECT_EQ(annals::to_string(annals::ratio(decimal{19240}, decimal{84654}).value), "4.40倍");
  EXPECT_THROW((void)annals::doubling(-1), annals::usage_error);
  EXPECT_THROW((void)annals::doubling(101), annals::usage_error);
}

TEST(growth_test, stated_interval_under_rounding_and_truncation) {
  const quantity g = stated("89.6");
  const auto r = annals::stated_interval(g, rounding::half_up);
  EXPECT_EQ(r.lo, d("89.55"));
  EXPECT_EQ(r.hi, d("89.65"));
  EXPECT_TRUE(r.lo_closed);
  EXPECT_FALSE(r.hi_closed);
  const auto t = annals::stated_interval(g, rounding::truncate);
  EXPECT_EQ(t.lo, d("89.6"));
  EXPECT_EQ(t.hi, d("89.7"));
  EXPECT_TRUE(t.contains(d("89.69")));
  EXPECT_FALSE(t.contains(d("89.7")));
  // half-even: 89.6 ends in an even digit, so both ties round to it
  const auto e = annals::stated_interval(g, rounding::half_even);
  EXPECT_TRUE(e.lo_closed && e.hi_closed);
  // a decrease truncated toward zero: −5.3 covers (−5.4, −5.3]
  const auto n = annals::stated_interval(stated("-5.3"), rounding::truncate);
  EXPECT_EQ(n.lo, d("-5.4"));
  EXPECT_TRUE(n.hi_closed);
  // a qualified statement keeps its qualifier's interval: 增长超过90%
  const auto m = annals::stated_interval(stated("90", "%", qualifier::more_than), rounding::truncate);
  EXPECT_EQ(m.lo, decimal{90});
  EXPECT_FALSE(m.lo_closed);
}

TEST(growth_test, implied_prior_of_the_seed_figure) {
  // 2024年全市新收行政复议案件超1.11万件，同比增长89.6%
  const auto r = annals::implied_prior_range(q("1.11万", "件", qualifier::more_than), stated("89.6"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value.lo, d("5852.88"));  // 11100 / 1.8965, rounded down
  EXPECT_EQ(r.value.hi, d("5908.74"));  // 11200 / 1.8955, rounded up
  // as a count of cases: 5853 to 5908
  EXPECT_FALSE(r.value.contains(decimal{5852}));
  EXPECT_TRUE(r.value.contains(decimal{5853}));
  EXPECT_TRUE(r.value.contains(decimal{5908}));
  EXPECT_FALSE(r.value.contains(decimal{5909}));
}

TEST(growth_test, implied_prior_respects_truncation_and_bad_growth) {
  const auto t = annals::implied_prior_range(q("1.11万", "件", qualifier::more_than), stated("89.6"),
                                             rounding::truncate);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t.value.lo, d("5851.34"));  // 11100 / 1.897
  EXPECT_EQ(t.value.hi, d("5907.18"));  // 11200 / 1.896
  const auto exact = annals::implied_prior_range(q("200"), stated("100"), rounding::half_up, 0);
  EXPECT_EQ(exact.value.lo, decimal{99});   // 200 / 2.005 = 99.75 → down
  EXPECT_EQ(exact.value.hi, decimal{101});  // 200 / 1.995 = 100.25 → up
  EXPECT_EQ(annals::implied_prior_range(q("100"), stated("-100", "%", qualifier::at_most)).status,
            growth_status::zero_base);
}

TEST(growth_test, growth_range_of_qualified_figures) {
  // exact counts give a point
  const auto p = annals::growth_range(q("373"), q("709"), 4);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.value.lo, d("90.0804"));
  EXPECT_EQ(p.value.hi, d("90.0805"));
  // 1000余 → 1.11万 (超): (11100/2000 − 1, 11200/1000 − 1) = (455%, 1020%)
  const auto w = annals::growth_range(q("1000", "件", qualifier::more_than), q("1.11万", "件", qualifier::more_than));
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w.value.lo, decimal{455});
  EXPECT_EQ(w.value.hi, decimal{1020});
  EXPECT_FALSE(w.value.lo_closed);
  EXPECT_FALSE(w.value.hi_closed);
  // 以上 on the earlier side leaves only a lower bound of −100%; 不到 leaves no upper bound
  const auto open = annals::growth_range(q("100", "件", qualifier::at_least), q("150"));
  EXPECT_EQ(open.value.lo, decimal{-100});
  EXPECT_EQ(open.value.hi, decimal{50});
  const auto up = annals::growth_range(q("100", "件", qualifier::less_than), q("150"));
  EXPECT_EQ(up.value.lo, decimal{50});
  EXPECT_FALSE(up.value.hi.has_value());
  EXPECT_EQ(annals::growth_range(q("0"), q("150")).status, growth_status::zero_base);
  EXPECT_EQ(annals::growth_range(q("-5"), q("150")).status, growth_status::negative_base);
}

TEST(growth_test, pp_and_multiple_ranges) {
  const auto pp = annals::pp_range(q("84.2%"), q("86.15%"), 3);
  EXPECT_EQ(pp.value.lo, d("1.895"));  // 86.145 − 84.25
  EXPECT_EQ(pp.value.hi, d("2.005"));  // 86.155 − 84.15
  EXPECT_FALSE(pp.value.lo_closed);    // 84.25 is excluded from 84.2%
  EXPECT_FALSE(pp.value.hi_closed);
  const auto m = annals::multiple_range(q("19240"), q("84654"), 4);
  EXPECT_EQ(m.value.lo, d("4.3998"));
  EXPECT_EQ(m.value.hi, d("4.3999"));
}

TEST(growth_test, check_growth_consistent_when_rounded) {
  // 709 件 vs 373 件 → 同比上升90.08%
  const auto c = annals::check_growth(q("373"), q("709"), stated("90.08"));
  EXPECT_EQ(c.verdict, consistency_verdict::consistent);
  EXPECT_FALSE(c.needs_truncation);
  EXPECT_EQ(c.from_values, d("90.08"));
  EXPECT_NE(c.reason.find("90.08"), std::string::npos) << c.reason;
}

TEST(growth_test, check_growth_consistent_only_under_truncation) {
  // 151 vs 66 → 128.78%: 128.7878… rounds to 128.79, so only truncation explains it
  const auto c = annals::check_growth(q("66"), q("151"), stated("128.78"));
  EXPECT_EQ(c.verdict, consistency_verdict::consistent);
  EXPECT_TRUE(c.needs_truncation);
  EXPECT_EQ(c.from_values, d("128.79"));
  EXPECT_NE(c.reason.find("truncated"), std::string::npos) << c.reason;
}

TEST(growth_test, check_growth_inconsistent_cases) {
  const auto c = annals::check_growth(q("373"), q("709"), stated("95.1"));
  EXPECT_EQ(c.verdict, consistency_verdict::inconsistent);
  EXPECT_FALSE(c.needs_truncation);
  // a stated increase where the figures fell
  EXPECT_EQ(annals::check_growth(q("167", "支"), q("114", "支"), stated("31.7")).verdict,
            consistency_verdict::inconsistent);
  EXPECT_EQ(annals::check_growth(q("167", "支"), q("114", "支"), stated("-31.7")).verdict,
            consistency_verdict::consistent);
  // the seed's 1.11万 with 89.6%: an earlier figure of 6200 cannot be right, 5880 can
  EXPECT_EQ(annals::check_growth(q("6200"), q("1.11万", "件", qualifier::more_than), stated("89.6")).verdict,
            consistency_verdict::inconsistent);
  EXPECT_EQ(annals::check_growth(q("5880"), q("1.11万", "件", qualifier::more_than), stated("89.6")).verdict,
            consistency_verdict::consistent);
}

TEST(growth_test, check_growth_unverifiable_cases) {
  const auto zero = annals::check_growth(q("0"), q("12"), stated("100"));
  EXPECT_EQ(zero.verdict, consistency_verdict::unverifiable);
  EXPECT_EQ(zero.status, growth_status::zero_base);
  EXPECT_NE(zero.reason.find("is 0"), std::string::npos) << zero.reason;
  const auto missing = annals::check_growth(std::nullopt, q("12"), stated("10"));
  EXPECT_EQ(missing.verdict, consistency_verdict::unverifiable);
  EXPECT_EQ(missing.status, growth_status::missing);
  const auto units = annals::check_growth(q("10", "家"), q("12", "件"), stated("20"));
  EXPECT_EQ(units.verdict, consistency_verdict::unverifiable);
  EXPECT_EQ(units.reason, "different units: '家' and '件'");
  EXPECT_EQ(annals::check_growth(q("-10"), q("12"), stated("20")).status, growth_status::negative_base);
}

TEST(growth_test, check_multiple_and_pp) {
  // 84654 vs 19240 stated as 4.4倍
  const auto m = annals::check_multiple(q("19240"), q("84654"), stated("4.4", "倍"));
  EXPECT_EQ(m.verdict, consistency_verdict::consistent);
  EXPECT_EQ(annals::check_multiple(q("19240"), q("84654"), stated("4.6", "倍")).verdict,
            consistency_verdict::inconsistent);
  // 达到…2倍以上
  EXPECT_EQ(annals::check_multiple(q("5000"), q("1.11万", "件", qualifier::more_than),
                                   stated("2", "倍", qualifier::at_least)).verdict,
            consistency_verdict::consistent);
  // 84.2% → 86.15% stated as 提高1.95个百分点 / 提高2.5个百分点
  EXPECT_EQ(annals::check_pp(q("84.2%"), q("86.15%"), stated("1.95", "pp")).verdict,
            consistency_verdict::consistent);
  EXPECT_EQ(annals::check_pp(q("84.2%"), q("86.15%"), stated("2.5", "pp")).verdict,
            consistency_verdict::inconsistent);
  EXPECT_EQ(annals::check_pp(q("84.2"), q("86.15"), stated("1.95", "pp")).verdict,
            consistency_verdict::unverifiable);
}

namespace {

/// The same quantity with its value written with 20 decimals (373 as 373.000…0): equal in value,
/// but its fractions no longer fit in 128 bits, so the growth code takes its unbounded path.
quantity widened(quantity x) {
  const int scale = x.value.scale();
  x.value = decimal::from_parts(x.value.coefficient() * annals::detail::pow10_128(20 - scale), 20);
  return x;
}

void expect_same_range(const annals::range_result& a, const annals::range_result& b, const std::string& what) {
  EXPECT_EQ(a.status, b.status) << what;
  EXPECT_EQ(a.value.lo, b.value.lo) << what;
  EXPECT_EQ(a.value.hi, b.value.hi) << what;
  EXPECT_EQ(a.value.lo_closed, b.value.lo_closed) << what;
  EXPECT_EQ(a.value.hi_closed, b.value.hi_closed) << what;
}

void expect_same_check(const annals::consistency& a, const annals::consistency& b, const std::string& what) {
  EXPECT_EQ(a.status, b.status) << what;
  EXPECT_EQ(a.verdict, b.verdict) << what;
  EXPECT_EQ(a.needs_truncation, b.needs_truncation) << what;
  EXPECT_EQ(a.from_values, b.from_values) << what;
  EXPECT_EQ(a.computed.lo, b.computed.lo) << what;
  EXPECT_EQ(a.computed.hi, b.computed.hi) << what;
  EXPECT_EQ(a.computed.lo_closed, b.computed.lo_closed) << what;
  EXPECT_EQ(a.computed.hi_closed, b.computed.hi_closed) << what;
}

}  // namespace

// Ranges and checks are computed in 128-bit fractions and, when a figure does not fit, again in
// unbounded ones: both ways must give the same answer, on figures of every qualifier, rounded and
// truncated statements, falls, zero and negative bases.
TEST(growth_test, the_128_bit_and_the_unbounded_fractions_agree) {
  const std::vector<quantity> figures = {
      q("373"), q("709"), q("1000", "件", qualifier::more_than), q("1.11万", "件", qualifier::more_than),
      q("66"), q("151"), q("167"), q("114"), q("0"), q("-5"), q("19240"), q("84654"),
      q("100", "件", qualifier::at_least), q("100", "件", qualifier::less_than), q("2.5亿", "件", qualifier::about),
      q("8", "件", qualifier::nearly), q("120", "件", qualifier::at_most), q("0.35"), q("6120")};
  const std::vector<quantity> statements = {stated("90.08"), stated("128.78"), stated("-31.7"), stated("89.6"),
                                            stated("20", "%", qualifier::more_than), stated("100"), stated("0.5"),
                                            stated("-100"), stated("3")};
  std::size_t compared = 0;
  for (const auto& e : figures) {
    for (const auto& l : figures) {
      const std::string what = e.value.to_string() + " -> " + l.value.to_string();
      expect_same_range(annals::growth_range(e, l, 4), annals::growth_range(widened(e), widened(l), 4), what);
      expect_same_range(annals::multiple_range(e, l, 3), annals::multiple_range(widened(e), widened(l), 3), what);
      expect_same_range(annals::pp_range(e, l, 3), annals::pp_range(widened(e), widened(l), 3), what);
      for (const auto& s : statements) {
        expect_same_check(annals::check_growth(e, l, s), annals::check_growth(widened(e), widened(l), s), what);
        expect_same_check(annals::check_multiple(e, l, s), annals::check_multiple(widened(e), widened(l), s), what);
        ++compared;
      }
    }
    for (const auto& s : statements)
      expect_same_range(annals::implied_prior_range(e, s), annals::implied_prior_range(widened(e), widened(s)),
                        e.value.to_string() + " after " + s.value.to_string());
  }
  EXPECT_EQ(compared, figures.size() * figures.size() * statements.size());
  // a figure with 28 decimals: its difference needs more than 128 bits, and is still exact
  const auto fine = annals::pp_range(q("0.1234567890123456789012345678"), q("0.2234567890123456789012345678"), 3);
  ASSERT_TRUE(fine.ok());
  EXPECT_EQ(fine.value.lo, d("0.099"));  // (0.1 − 10^-28, 0.1 + 10^-28) rounded outward
  EXPECT_EQ(fine.value.hi, d("0.101"));
  EXPECT_TRUE(fine.value.lo_closed);
  EXPECT_TRUE(fine.value.hi_closed);
}

TEST(growth_test, progress_categories) {
  using annals::progress_category;
  using annals::report_year;
  const report_year y20{2020}, y23{2023}, y25{2025};
  // 100 → 150 by 2025 needs 8.45% a year; 100 → 126 in three years is 8.01%: ratio 94.8%
  auto p = annals::assess_progress(decimal{100}, y20, decimal{126}, y23, decimal{150}, y25);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.required_rate, d("8.45"));
  EXPECT_EQ(p.actual_rate, d("8.01"));
  EXPECT_EQ(p.category, progress_category::needs_acceleration);
  p = annals::assess_progress(decimal{100}, y20, decimal{128}, y23, decimal{150}, y25);
  EXPECT_EQ(p.category, progress_category::on_track);
  p = annals::assess_progress(decimal{100}, y20, decimal{105}, y23, decimal{150}, y25);
  EXPECT_EQ(p.category, progress_category::limited);
  p = annals::assess_progress(decimal{100}, y20, decimal{90}, y23, decimal{150}, y25);
  EXPECT_EQ(p.category, progress_category::regressing);
  EXPECT_TRUE(p.ratio->is_negative());
  p = annals::assess_progress(decimal{100}, y20, decimal{151}, y23, decimal{150}, y25);
  EXPECT_EQ(p.category, progress_category::met);
  // reduce to 50 (−12.94% a year): 100 → 75 in three years is −9.14% a year, ratio 70.6%
  p = annals::assess_progress(decimal{100}, y20, decimal{75}, y23, decimal{50}, y25);
  EXPECT_EQ(p.category, progress_category::needs_acceleration);
  EXPECT_GT(*p.ratio, decimal{60});
}

TEST(growth_test, progress_exact_boundary_and_statuses) {
  using annals::progress_category;
  using annals::progress_status;
  using annals::report_year;
  // 100 → 400 by 2024 needs exactly 100% a year; 100 → 195 in one year is ratio exactly 95%
  auto p = annals::assess_progress(decimal{100}, report_year{2022}, decimal{195}, report_year{2023},
                                   decimal{400}, report_year{2024});
  EXPECT_EQ(p.ratio, decimal{95});
  EXPECT_EQ(p.category, progress_category::on_track);
  p = annals::assess_progress(decimal{0}, report_year{2022}, decimal{5}, report_year{2023}, decimal{10},
                              report_year{2025});
  EXPECT_EQ(p.status, progress_status::zero_base);
  EXPECT_FALSE(p.category.has_value());
  // met is reported even when no rate can be computed
  p = annals::assess_progress(decimal{0}, report_year{2022}, decimal{12}, report_year{2023}, decimal{10},
                              report_year{2025});
  EXPECT_EQ(p.category, progress_category::met);
  p = annals::assess_progress(decimal{5}, report_year{2023}, decimal{6}, report_year{2023}, decimal{10},
                              report_year{2025});
  EXPECT_EQ(p.status, progress_status::no_elapsed_time);
  EXPECT_EQ(annals::to_string(progress_status::no_elapsed_time), "no_elapsed_time");
}

// ---- the one range formatter (range_text.hpp) ---------------------------------------------------

TEST(range_text_test, in_words_as_the_jurisdiction_report_writes_it) {
  using annals::range_in_words;
  using annals::range_text;
  EXPECT_EQ(range_text(d("1.5"), d("2.5"), "%", range_in_words), "1.5% to 2.5%");
  EXPECT_EQ(range_text(d("3"), d("3"), " pp", range_in_words), "3 pp");  // equal bounds: one
  EXPECT_EQ(range_text(d("12"), std::nullopt, "%", range_in_words), "≥ 12%");
  EXPECT_EQ(range_text(std::nullopt, d("3"), "件", range_in_words), "≤ 3件");
  EXPECT_EQ(range_text(std::nullopt, std::nullopt, "%", range_in_words), "any");
  EXPECT_EQ(range_text(d("-0.5"), d("0.25"), "", range_in_words), "-0.5 to 0.25");
}

TEST(range_text_test, with_dots_as_check_writes_it) {
  using annals::range_text;
  using annals::range_with_dots;
  EXPECT_EQ(range_text(d("1.5"), d("2.5"), "%", range_with_dots), "1.5..2.5%");
  EXPECT_EQ(range_text(d("2"), d("2"), "pp", range_with_dots), "2..2pp");  // no collapsing here
  EXPECT_EQ(range_text(std::nullopt, d("2.5"), "%", range_with_dots), "-∞..2.5%");
  EXPECT_EQ(range_text(d("1"), std::nullopt, "倍", range_with_dots), "1..∞倍");
  EXPECT_EQ(range_text(std::nullopt, std::nullopt, "%", range_with_dots), "");
}

TEST(range_text_test, digits_outward_rounding_and_the_default_style) {
  using annals::range_style;
  using annals::range_text;
  // the default: " to ", "−∞"/"∞", the unit once at the end
  EXPECT_EQ(range_text(d("1"), d("2"), "%"), "1 to 2%");
  EXPECT_EQ(range_text(std::nullopt, std::nullopt), "−∞ to ∞");
  // fixed digits, rounded half up (the tracking's Markdown)
  constexpr range_style two{.between = "…", .digits = 2};
  EXPECT_EQ(range_text(d("1.005"), d("3.5"), {}, two), "1.01…3.50");
  EXPECT_EQ(range_text(std::nullopt, d("3.5"), {}, two), "−∞…3.50");
  // outward: the lower bound down, the upper up, so the range never shrinks (yoy's implied prior)
  constexpr range_style whole{.between = "–", .no_lower = "?", .no_upper = "?", .digits = 0, .outward = true};
  EXPECT_EQ(range_text(d("1099.5"), d("1100.2"), "件", whole), "1099–1101件");
  EXPECT_EQ(range_text(d("-2.5"), d("-1.5"), "", whole), "-3–-1");
  EXPECT_EQ(range_text(std::nullopt, d("7.1"), "件", whole), "?–8件");
}
