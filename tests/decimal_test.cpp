#include <annals/decimal.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

using annals::decimal;
using annals::rounding;

TEST(decimal_test, parses_and_prints_canonically) {
  EXPECT_EQ(decimal::parse("11100").to_string(), "11100");
  EXPECT_EQ(decimal::parse("89.60").to_string(), "89.6");
  EXPECT_EQ(decimal::parse("-0.5").to_string(), "-0.5");
  EXPECT_EQ(decimal::parse("0.05").to_string(), "0.05");
  EXPECT_EQ(decimal::parse("89.60").scale(), 2);
}

TEST(decimal_test, rejects_malformed_text) {
  EXPECT_THROW((void)decimal::parse(""), annals::input_error);
  EXPECT_THROW((void)decimal::parse("1.1.1"), annals::input_error);
  EXPECT_THROW((void)decimal::parse("-"), annals::input_error);
  EXPECT_THROW((void)decimal::parse("12a"), annals::input_error);
  EXPECT_THROW((void)decimal::parse(std::string(40, '9')), annals::input_error);
  EXPECT_FALSE(decimal::try_parse(".").has_value());
}

TEST(decimal_test, compares_numerically_across_scales) {
  EXPECT_EQ(decimal::parse("1.50"), decimal::parse("1.5"));
  EXPECT_LT(decimal::parse("1.49"), decimal::parse("1.5"));
  EXPECT_GT(decimal{2}, decimal::parse("1.999999999999999999999"));
}

TEST(decimal_test, shifts_by_powers_of_ten) {
  EXPECT_EQ(decimal::parse("1.11").shifted(4).to_string(), "11100");
  EXPECT_EQ(decimal::parse("2.3").shifted(8).to_string(), "230000000");
  EXPECT_EQ(decimal::parse("89.6").shifted(-2).to_string(), "0.896");
}

TEST(decimal_test, divides_with_each_rounding_mode) {
  const decimal a = decimal{151} - decimal{66}, b{66};
  EXPECT_EQ(decimal::divide(a * decimal{100}, b, 2, rounding::half_up).to_string(), "128.79");
  EXPECT_EQ(decimal::divide(a * decimal{100}, b, 2, rounding::truncate).to_string(), "128.78");
  EXPECT_EQ(decimal::divide(decimal{5}, decimal{2}, 0, rounding::half_even).to_string(), "2");
  EXPECT_EQ(decimal::divide(decimal{7}, decimal{2}, 0, rounding::half_even).to_string(), "4");
  EXPECT_EQ(decimal::divide(decimal{-5}, decimal{2}, 0, rounding::half_up).to_string(), "-3");
  EXPECT_EQ(decimal::divide(decimal{-5}, decimal{2}, 0, rounding::floor).to_string(), "-3");
  EXPECT_EQ(decimal::divide(decimal{-5}, decimal{2}, 0, rounding::ceiling).to_string(), "-2");
}

TEST(decimal_test, division_by_zero_and_overflow_throw) {
  EXPECT_THROW((void)decimal::divide(decimal{1}, decimal{0}, 2), annals::input_error);
  const decimal big = decimal::parse("99999999999999999999999999999999999");
  EXPECT_THROW((void)(big * big), annals::input_error);
  EXPECT_THROW((void)big.shifted(10), annals::input_error);
}

TEST(decimal_test, formats_fixed_decimals) {
  EXPECT_EQ(decimal::parse("89.6").to_string(2), "89.60");
  EXPECT_EQ(decimal::parse("90.075").to_string(2, rounding::half_even), "90.08");
  EXPECT_EQ(decimal::parse("90.085").to_string(2, rounding::half_even), "90.08");
  EXPECT_EQ(decimal::parse("1234.5").rounded(-2).to_string(), "1200");
}

TEST(decimal_test, arithmetic_is_exact_across_scales) {
  EXPECT_EQ((decimal::parse("0.1") + decimal::parse("0.2")).to_string(), "0.3");
  EXPECT_EQ((decimal::parse("1.11") * decimal{10000}).to_string(), "11100");
  EXPECT_EQ((decimal{709} - decimal{373}).to_string(), "336");
  EXPECT_EQ((-decimal::parse("2.50")).to_string(), "-2.5");
  decimal acc{0};
  for (int i = 0; i < 10; ++i) acc += decimal::parse("0.1");
  EXPECT_EQ(acc, decimal{1});
}

TEST(decimal_test, parts_and_accessors) {
  const decimal v = decimal::from_parts(8615, 2);
  EXPECT_EQ(v.to_string(), "86.15");
  EXPECT_EQ(v.coefficient(), 8615);
  EXPECT_EQ(v.scale(), 2);
  EXPECT_EQ(v.sign(), 1);
  EXPECT_EQ(decimal{}.sign(), 0);
  EXPECT_TRUE(decimal{}.is_zero());
  EXPECT_EQ(decimal::parse("1.500").normalized().scale(), 1);
  EXPECT_EQ(decimal::parse("89.6").rescaled(3).to_string(2), "89.60");
  EXPECT_DOUBLE_EQ(decimal::parse("86.15").to_double(), 86.15);
  try {
    (void)decimal::from_parts(1, 31);
    FAIL() << "no exception";
  } catch (const annals::input_error& e) {
    EXPECT_STREQ(e.what(), "decimal: scale out of range");
  }
}

TEST(decimal_test, error_messages_name_the_problem) {
  try {
    (void)decimal::parse("1.1.1");
    FAIL() << "no exception";
  } catch (const annals::input_error& e) {
    EXPECT_STREQ(e.what(), "decimal: '1.1.1' is not a decimal number");
    EXPECT_EQ(e.code(), annals::errc::input);
  }
  try {
    (void)decimal::divide(decimal{1}, decimal{}, 2);
    FAIL() << "no exception";
  } catch (const annals::input_error& e) {
    EXPECT_STREQ(e.what(), "decimal: division by zero");
  }
}

TEST(decimal_test, wide_division_falls_back_to_256_bits) {
  // 10^30 / 3 to 10 decimals needs more than 128 bits in the intermediate
  const decimal big = decimal{1}.shifted(30);
  EXPECT_EQ(decimal::divide(big, decimal{3}, 6).to_string(), "333333333333333333333333333333.333333");
  EXPECT_EQ(decimal::divide(decimal{2}, decimal{3}, 30, rounding::truncate).to_string(),
            "0.666666666666666666666666666666");
}

TEST(decimal_test, division_agrees_across_64_and_128_bit_paths) {
  // 10^20 × 10^2 no longer fits 64 bits: the 128-bit path must round like the 64-bit one
  EXPECT_EQ(decimal::divide(decimal::parse("100000000000000000000"), decimal{3}, 2).to_string(),
            "33333333333333333333.33");
  EXPECT_EQ(decimal::divide(decimal::parse("-200000000000000000000"), decimal{3}, 2).to_string(),
            "-66666666666666666666.67");
  EXPECT_EQ(decimal::divide(decimal{-200}, decimal{3}, 2).to_string(), "-66.67");
  EXPECT_EQ(decimal::divide(decimal{-200}, decimal{3}, 2, rounding::truncate).to_string(), "-66.66");
  EXPECT_EQ(decimal::divide(decimal{200}, decimal{-3}, 2, rounding::floor).to_string(), "-66.67");
}

// Issue 14 moved everything beyond 128 bits behind a compiled boundary (lib/figures/decimal_wide.cpp);
// these values take that path, and the 128-bit fast paths must agree with it at the edges.
TEST(decimal_test, wide_comparison_beyond_128_bits) {
  // 10^20 against 10^-30: bringing both to 30 decimals needs 10^50, beyond 128 bits
  const decimal big = decimal::parse("100000000000000000000");
  const decimal tiny = decimal::from_parts(1, 30);
  EXPECT_GT(big, tiny);
  EXPECT_LT(-big, tiny);
  EXPECT_LT(tiny, big);
  EXPECT_NE(big, tiny);
  EXPECT_GT(decimal{1}.shifted(36), decimal::parse("0.999999999999999999999999999999"));
}

TEST(decimal_test, wide_rounding_beyond_128_bits) {
  // 150000000.000…0 (30 decimals) to the 10^9: dropping 39 digits needs 10^39, beyond 128 bits
  const decimal v = decimal::from_parts(decimal{15}.shifted(37).coefficient(), 30);
  EXPECT_EQ(v.to_string(), "150000000");
  EXPECT_EQ(v.rounded(-9).to_string(), "0");
  EXPECT_EQ(v.rounded(-9, rounding::ceiling).to_string(), "1000000000");
  EXPECT_EQ((-v).rounded(-9, rounding::floor).to_string(), "-1000000000");
  EXPECT_EQ(v.rounded(-8).to_string(), "200000000");  // 10^38 still fits: the fast path
  EXPECT_EQ(v.rounded(-8, rounding::half_even).to_string(), "200000000");
  EXPECT_EQ(decimal{1}.rounded(-40).to_string(), "0");
  EXPECT_THROW((void)decimal{1}.rounded(-40, rounding::ceiling), annals::input_error);  // 10^40 ≥ 2^126
}

TEST(decimal_test, rounding_overflows_at_2_to_the_126_on_both_paths) {
  // results are narrowed back to 128 bits only below 2^126 ≈ 8.507 × 10^37, on either path
  EXPECT_EQ(decimal{8}.shifted(37).rounded(-1).to_string(), "80000000000000000000000000000000000000");
  EXPECT_THROW((void)decimal{9}.shifted(37).rounded(-1), annals::input_error);
}

TEST(decimal_test, wide_division_with_a_scaled_divisor) {
  // 10^-30 ÷ 3 to 0 decimals scales the divisor by 10^30 (e < 0): the wide path
  EXPECT_EQ(decimal::divide(decimal::from_parts(1, 30), decimal{3}, 0).to_string(), "0");
  EXPECT_EQ(decimal::divide(decimal::from_parts(1, 30), decimal{3}, 0, rounding::ceiling).to_string(), "1");
  EXPECT_EQ(decimal::divide(decimal::from_parts(-1, 30), decimal{3}, 0, rounding::floor).to_string(), "-1");
  // a quotient of 2^126 or more overflows, as it always did
  EXPECT_THROW((void)decimal::divide(decimal{9}.shifted(37), decimal::from_parts(1, 1), 0), annals::input_error);
}

// The try_ forms are the implementation (issue 14, item 6): where the throwing form throws, the
// try_ form gives nullopt; elsewhere both give the same value and scale.
TEST(decimal_test, try_forms_agree_with_the_throwing_forms) {
  const decimal big = decimal::parse("99999999999999999999999999999999999");  // 35 digits
  const decimal tiny = decimal::from_parts(1, 30);                            // 10^-30
  const std::vector<decimal> values = {decimal{0}, decimal{1}, decimal{-7}, decimal::parse("89.6"),
                                       decimal::parse("0.05"), big, -big, tiny, decimal::parse("12345.678")};
  const auto same = [](const std::optional<decimal>& t, auto&& throwing) {
    try {
      const decimal v = throwing();
      ASSERT_TRUE(t.has_value()) << "try_ form refused " << v.to_string();
      EXPECT_EQ(*t, v);
      EXPECT_EQ(t->scale(), v.scale());
    } catch (const annals::input_error&) {
      EXPECT_FALSE(t.has_value()) << "try_ form gave " << t->to_string();
    }
  };
  int refused = 0;
  for (const decimal& a : values) {
    for (const decimal& b : values) {
      same(decimal::try_add(a, b), [&] { return a + b; });
      same(decimal::try_multiply(a, b), [&] { return a * b; });
      for (int digits : {-1, 0, 2, 30, 31}) same(decimal::try_divide(a, b, digits), [&] { return decimal::divide(a, b, digits); });
      refused += !decimal::try_multiply(a, b) + !decimal::try_divide(a, b, 2);
    }
    for (int n : {-31, -2, 0, 3, 8, 40}) same(a.try_shifted(n), [&] { return a.shifted(n); });
    for (int s : {0, 1, 29, 30, 31}) same(a.try_rescaled(s), [&] { return a.rescaled(s); });
    for (int d : {-3, 0, 1}) same(a.try_rounded(d, rounding::half_even), [&] { return a.rounded(d, rounding::half_even); });
  }
  EXPECT_GT(refused, 10);  // the set reaches the limits: overflow, too many decimals, division by zero
  EXPECT_FALSE(decimal::try_from_parts(1, -1).has_value());
  EXPECT_EQ(decimal::try_from_parts(896, 1), decimal::parse("89.6"));
}

// to_chars() and append_to() write the canonical text without allocating (issue 15: decimals in
// the JSON output without temporary strings). Checked against the text made digit by digit in
// 128-bit arithmetic, as to_string() did before, over edge values and 20,000 random ones.
namespace {
std::string reference_text(annals::decimal::coefficient_type c, int scale) {
  __extension__ unsigned __int128 u =
      c < 0 ? static_cast<unsigned __int128>(-(c + 1)) + 1u : static_cast<unsigned __int128>(c);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  } while (u != 0);
  while (scale > 0 && digits.size() > 1 && digits.back() == '0') {  // canonical: no trailing zeros
    digits.pop_back();
    --scale;
  }
  if (digits == "0") scale = 0;
  if (scale > 0) {
    if (static_cast<int>(digits.size()) <= scale)
      digits.insert(0, static_cast<std::size_t>(scale - static_cast<int>(digits.size()) + 1), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(scale), 1, '.');
  }
  if (c < 0 && digits != "0") digits.insert(digits.begin(), '-');
  return digits;
}
}  // namespace

TEST(decimal_test, to_chars_writes_the_canonical_text_in_place) {
  using annals::decimal;
  using coefficient = decimal::coefficient_type;
  const coefficient max = ~(static_cast<coefficient>(1) << 127), min = -max - 1;
  std::vector<std::pair<coefficient, int>> cases = {
      {0, 0}, {0, 5}, {7, 0}, {-7, 0}, {5, 2}, {-5, 3}, {1500, 2}, {-1500, 3}, {100, 2}, {12345, 30},
      {static_cast<coefficient>(UINT64_MAX), 0}, {static_cast<coefficient>(UINT64_MAX) + 1, 4},
      {-static_cast<coefficient>(UINT64_MAX) - 1, 19}, {max, 0}, {max, 30}, {min, 0}, {min, 30}, {-1, 30}};
  std::mt19937_64 rng(15);
  for (int i = 0; i < 20000; ++i) {
    coefficient c = static_cast<coefficient>(rng()) >> (rng() % 64);
    if (i % 3 == 0) c = (c << 64) | static_cast<coefficient>(rng());  // past 64 bits
    if (i % 2) c = -c;
    cases.emplace_back(c, static_cast<int>(rng() % 31));
  }
  for (const auto& [c, scale] : cases) {
    const decimal d = decimal::from_parts(c, scale);
    const std::string want = reference_text(c, scale);
    char buf[decimal::max_chars];
    const char* end = d.to_chars(buf);
    ASSERT_LE(end - buf, static_cast<std::ptrdiff_t>(decimal::max_chars));
    ASSERT_EQ(std::string(static_cast<const char*>(buf), end), want) << "scale " << scale;
    ASSERT_EQ(d.to_string(), want);
    std::string appended = "x";
    d.append_to(appended);
    ASSERT_EQ(appended, "x" + want);
    // as written, at its own scale: the reference without dropping trailing zeros
    const char* written_end = d.to_chars(buf, scale);
    ASSERT_EQ(std::string(static_cast<const char*>(buf), written_end), d.to_string(scale));
    const std::string written(static_cast<const char*>(buf), written_end);
    const auto point = written.find('.');
    ASSERT_EQ(point == std::string::npos ? 0 : written.size() - point - 1, static_cast<std::size_t>(scale)) << written;
  }
  char buf[decimal::max_chars];
  const char* end = decimal::parse("89.60").to_chars(buf, 2);
  EXPECT_EQ(std::string(static_cast<const char*>(buf), end), "89.60");
  end = decimal::parse("-0.050").to_chars(buf, 3);
  EXPECT_EQ(std::string(static_cast<const char*>(buf), end), "-0.050");
  EXPECT_EQ(decimal::parse("89.60").to_string(2), "89.60");
  EXPECT_EQ(decimal::parse("-0.005").to_string(2), "-0.01");
  EXPECT_EQ(decimal::parse("0.004").to_string(2), "0.00");
}
