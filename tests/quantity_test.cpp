#include <annals/figure.hpp>
#include <annals/quantity.hpp>

#include <gtest/gtest.h>

#include <vector>

using annals::decimal;
using annals::interval;
using annals::qualifier;
using annals::quantity;

namespace {
quantity q(std::string_view figure, qualifier qual = qualifier::exact, std::string unit = "件") {
  return annals::to_quantity(annals::parse_figure(figure), std::move(unit), qual);
}
decimal d(const char* s) { return decimal::parse(s); }
}  // namespace

TEST(quantity_test, qualifier_names_round_trip) {
  for (auto k : {qualifier::exact, qualifier::more_than, qualifier::at_least, qualifier::nearly,
                 qualifier::about, qualifier::at_most, qualifier::less_than})
    EXPECT_EQ(annals::from_string<annals::qualifier>(annals::to_string(k)), k);
  EXPECT_EQ(annals::to_string(qualifier::more_than), "more_than");
  EXPECT_FALSE(annals::from_string<annals::qualifier>("roughly").has_value());
}

TEST(quantity_test, exact_count_is_a_point) {
  const auto b = q("5652").bounds();  // a plain count
  EXPECT_EQ(b, interval::point(decimal{5652}));
  EXPECT_TRUE(b.contains(decimal{5652}));
  EXPECT_FALSE(b.contains(d("5652.01")));
}

TEST(quantity_test, exact_rounded_figure_spans_half_a_step_each_side) {
  // 86.15% (86.15%的执法力量部署在县镇两级) is any true value that rounds to it
  const auto b = q("86.15%").bounds();
  EXPECT_EQ(b.lo, d("86.145"));
  EXPECT_EQ(b.hi, d("86.155"));
  EXPECT_TRUE(b.lo_closed);
  EXPECT_FALSE(b.hi_closed);
  // 1.96万 (解决问题1.96万个): [19550, 19650)
  const auto w = q("1.96万").bounds();
  EXPECT_EQ(w.lo, decimal{19550});
  EXPECT_EQ(w.hi, decimal{19650});
}

TEST(quantity_test, more_than_is_open_up_to_the_next_step) {
  // 超6.14万家: above 61400, below 61500
  const auto b = q("6.14万", qualifier::more_than, "家").bounds();
  EXPECT_EQ(b.lo, decimal{61400});
  EXPECT_EQ(b.hi, decimal{61500});
  EXPECT_FALSE(b.contains(decimal{61400}));
  EXPECT_TRUE(b.contains(decimal{61401}));
  EXPECT_FALSE(b.contains(decimal{61500}));
}

TEST(quantity_test, yu_on_a_round_integer_uses_its_last_nonzero_digit) {
  // 开展学习1000余场(次): more than 1000, fewer than 2000
  const quantity k = q("1000", qualifier::more_than, "场次");
  EXPECT_EQ(k.step(), decimal{1000});
  const auto b = k.bounds();
  EXPECT_EQ(b.lo, decimal{1000});
  EXPECT_EQ(b.hi, decimal{2000});
  EXPECT_FALSE(b.lo_closed);
  // 9000余件: (9000, 10000); 1200余: (1200, 1300)
  EXPECT_EQ(q("9000", qualifier::more_than).bounds().hi, decimal{10000});
  EXPECT_EQ(q("1200", qualifier::more_than).bounds().hi, decimal{1300});
}

TEST(quantity_test, other_qualifiers) {
  const auto least = q("90%", qualifier::at_least).bounds();  // 达到90%以上
  EXPECT_EQ(least.lo, decimal{90});
  EXPECT_TRUE(least.lo_closed);
  EXPECT_FALSE(least.hi.has_value());
  const auto nearly = q("2万", qualifier::nearly).bounds();  // 近2万
  EXPECT_EQ(nearly.lo, decimal{10000});
  EXPECT_EQ(nearly.hi, decimal{20000});
  EXPECT_FALSE(nearly.contains(decimal{20000}));
  const auto about = q("3.5万", qualifier::about).bounds();  // 约3.5万
  EXPECT_EQ(about.lo, decimal{34000});
  EXPECT_EQ(about.hi, decimal{36000});
  EXPECT_TRUE(about.hi_closed);
  const auto most = q("5", qualifier::at_most).bounds();
  EXPECT_FALSE(most.lo.has_value());
  EXPECT_TRUE(most.contains(decimal{5}));
  const auto less = q("5", qualifier::less_than).bounds();
  EXPECT_FALSE(less.contains(decimal{5}));
  EXPECT_TRUE(less.contains(d("4.99")));
}

TEST(quantity_test, from_to_counts_are_points) {
  // 全市执法队伍由167支精简至114支
  const quantity from = q("167", qualifier::exact, "支"), to = q("114", qualifier::exact, "支");
  EXPECT_TRUE(from.bounds().bounded());
  EXPECT_EQ(from.bounds().lo, from.bounds().hi);
  EXPECT_EQ(to.unit, "支");
  EXPECT_NE(from, to);
}

// try_bounds is the computation and bounds wraps it (issue 14, item 6).
TEST(quantity_test, try_bounds_is_the_computation_and_bounds_wraps_it) {
  const std::vector<qualifier> all(annals::enum_values<qualifier>::all.begin(), annals::enum_values<qualifier>::all.end());
  ASSERT_EQ(all.size(), 7u);
  for (const char* f : {"5652", "1.11万", "89.6%", "1000", "0.5", "3亿"})
    for (qualifier k : all) {
      const quantity x = q(f, k);
      const auto b = x.try_bounds();
      ASSERT_TRUE(b.has_value()) << f << " " << annals::to_string(k);
      EXPECT_EQ(*b, x.bounds()) << f << " " << annals::to_string(k);
    }
  // a step beyond a decimal's 30 decimals: no interval, and bounds() says so in one line
  quantity far = q("5", qualifier::more_than);
  far.last_digit = -40;
  far.approximate = true;
  EXPECT_FALSE(far.try_step().has_value());
  EXPECT_FALSE(far.try_bounds().has_value());
  try {
    (void)far.bounds();
    FAIL() << "no exception";
  } catch (const annals::input_error& e) {
    EXPECT_STREQ(e.what(), "quantity: the bounds of 5 (last digit 10^-40) do not fit a decimal");
  }
  far.qual = qualifier::at_least;  // no step needed: still an interval
  EXPECT_TRUE(far.try_bounds().has_value());
}
