#include <annals/figure.hpp>
#include <annals/plan.hpp>
#include <annals/text.hpp>

#include "numerals_detail.hpp"
#include "figure_detail.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using annals::decimal;
using annals::figure;
using annals::parse_figure;
using annals::try_parse_figure;

namespace {

/// The message of the input_error parse_figure throws for `text`, or "" when it does not throw.
std::string error_of(std::string_view text) {
  try {
    (void)parse_figure(text);
  } catch (const annals::input_error& e) {
    return e.what();
  }
  return "";
}

std::string value_of(std::string_view text) { return parse_figure(text).value.to_string(); }

}  // namespace

TEST(figure_test, arabic_with_wan_and_yi_multipliers) {
  const figure f = parse_figure("1.11万");  // 超1.11万件 in the seed report
  EXPECT_EQ(f.value.to_string(), "11100");
  EXPECT_EQ(f.last_digit, 2);
  EXPECT_TRUE(f.approximate);
  EXPECT_FALSE(f.percent);

  const figure g = parse_figure("6.14万");  // 超6.14万家
  EXPECT_EQ(g.value.to_string(), "61400");
  EXPECT_EQ(g.last_digit, 2);

  const figure y = parse_figure("2.3亿");
  EXPECT_EQ(y.value.to_string(), "230000000");
  EXPECT_EQ(y.last_digit, 7);

  EXPECT_EQ(value_of("9999999999亿"), "999999999900000000");
  EXPECT_EQ(parse_figure("9999999999亿").last_digit, 8);
  EXPECT_EQ(value_of("1.2万亿"), "1200000000000");
  EXPECT_EQ(parse_figure("1.2万亿").last_digit, 11);
  EXPECT_EQ(value_of("3千万"), "30000000");
  EXPECT_EQ(parse_figure("3千万").last_digit, 7);
  EXPECT_EQ(value_of("12万"), "120000");
  EXPECT_EQ(parse_figure("12万").last_digit, 4);
}

TEST(figure_test, plain_integers_are_exact) {
  const figure f = parse_figure("5652");
  EXPECT_EQ(f.value, decimal{5652});
  EXPECT_FALSE(f.approximate);
  EXPECT_EQ(f.last_digit, 0);
  EXPECT_FALSE(parse_figure("1000").approximate);  // 1000余: the 余 says how rough, not the digits
  EXPECT_EQ(parse_figure("167").value, decimal{167});  // 由167支精简至114支
}

TEST(figure_test, chinese_numerals) {
  EXPECT_EQ(value_of("七"), "7");
  EXPECT_EQ(value_of("十"), "10");
  EXPECT_EQ(value_of("十六"), "16");
  EXPECT_EQ(value_of("二十"), "20");
  EXPECT_EQ(value_of("两百四十"), "240");
  EXPECT_EQ(value_of("一千二百"), "1200");
  EXPECT_EQ(value_of("一千零五"), "1005");
  EXPECT_EQ(value_of("一千零五十"), "1050");
  EXPECT_EQ(value_of("三十五万"), "350000");
  EXPECT_EQ(value_of("一亿二千万"), "120000000");
  EXPECT_EQ(value_of("十万"), "100000");
  EXPECT_EQ(value_of("零"), "0");
  EXPECT_EQ(value_of("两"), "2");
  EXPECT_FALSE(parse_figure("一千二百").approximate);  // 十百千 are place value, not rounding
  EXPECT_EQ(parse_figure("一千二百").last_digit, 0);
  const figure w = parse_figure("三十五万");
  EXPECT_TRUE(w.approximate);
  EXPECT_EQ(w.last_digit, 4);
  EXPECT_EQ(parse_figure("十万").last_digit, 4);  // as 10万
}

TEST(figure_test, chinese_digits_one_by_one) {
  const figure f = parse_figure("二〇二四");
  EXPECT_EQ(f.value, decimal{2024});
  EXPECT_FALSE(f.approximate);
  EXPECT_EQ(value_of("二零二五"), "2025");
  EXPECT_EQ(value_of("一〇"), "10");
  EXPECT_EQ(value_of("五三"), "53");
  EXPECT_EQ(error_of("二〇二四万"), "figure: '二〇二四万': digit-by-digit number followed by a unit");
  EXPECT_EQ(error_of("两两"), "figure: '两两': 两 in a digit-by-digit number");
}

TEST(figure_test, colloquial_trailing_digit_counts_one_place_below_the_unit) {
  EXPECT_EQ(value_of("两百四"), "240");
  EXPECT_EQ(value_of("一千二"), "1200");
  const figure f = parse_figure("一万五");
  EXPECT_EQ(f.value, decimal{15000});
  EXPECT_EQ(f.last_digit, 3);
  EXPECT_TRUE(f.approximate);
  EXPECT_EQ(value_of("一亿五"), "150000000");
  EXPECT_EQ(value_of("一万零五"), "10005");  // 零 cancels the colloquial reading
  EXPECT_EQ(value_of("十五"), "15");
}

TEST(figure_test, mixed_arabic_and_chinese_units) {
  const figure f = parse_figure("3千");
  EXPECT_EQ(f.value, decimal{3000});
  EXPECT_TRUE(f.approximate);  // an Arabic number with 千 is a rounded figure (3k)
  EXPECT_EQ(f.last_digit, 3);
  const figure g = parse_figure("1万2千");
  EXPECT_EQ(g.value, decimal{12000});
  EXPECT_EQ(g.last_digit, 3);
  EXPECT_EQ(value_of("1万2000"), "12000");
  EXPECT_EQ(value_of("1亿2000万"), "120000000");
  EXPECT_EQ(value_of("1.5千万"), "15000000");
  EXPECT_EQ(error_of("3千5"), "figure: '3千5': ambiguous digits after a unit");
  EXPECT_EQ(error_of("1万2"), "figure: '1万2': ambiguous digits after a unit");
}

TEST(figure_test, full_width_digits_and_point) {
  EXPECT_EQ(parse_figure("１２０").value, decimal{120});
  EXPECT_FALSE(parse_figure("１２０").approximate);
  const figure f = parse_figure("１．１１万");
  EXPECT_EQ(f.value, decimal{11100});
  EXPECT_EQ(f.last_digit, 2);
  EXPECT_EQ(value_of("８６．１５％"), "86.15");
  EXPECT_EQ(value_of("  1.11万 "), "11100");  // surrounding spaces, including U+3000
}

TEST(figure_test, thousands_separators_only_in_three_digit_groups) {
  EXPECT_EQ(value_of("1,286"), "1286");
  EXPECT_EQ(value_of("12,345,678.5"), "12345678.5");
  EXPECT_EQ(value_of("１，２８６"), "1286");
  EXPECT_EQ(error_of("1,28"), "figure: '1,28': bad thousands separator");
  EXPECT_EQ(error_of("1,2865"), "figure: '1,2865': bad thousands separator");
  EXPECT_EQ(error_of("1286,"), "figure: '1286,': bad thousands separator");
  EXPECT_EQ(error_of(",286"), "figure: ',286': bad thousands separator");
  EXPECT_EQ(error_of("1,286.5,1"), "figure: '1,286.5,1': thousands separator after the decimal point");
}

TEST(figure_test, percentages) {
  const figure p = parse_figure("86.15%");  // 86.15%的执法力量部署在县镇两级
  EXPECT_EQ(p.value.to_string(), "86.15");
  EXPECT_TRUE(p.percent);
  EXPECT_TRUE(p.approximate);
  EXPECT_EQ(p.last_digit, -2);

  const figure g = parse_figure("89.6%");
  EXPECT_EQ(g.last_digit, -1);

  const figure c = parse_figure("百分之九十八点五");
  EXPECT_EQ(c.value.to_string(), "98.5");
  EXPECT_TRUE(c.percent);
  EXPECT_EQ(c.last_digit, -1);

  const figure whole = parse_figure("98%");
  EXPECT_TRUE(whole.approximate);  // a percentage is rounded to its last digit
  EXPECT_EQ(whole.last_digit, 0);
  EXPECT_EQ(value_of("百分之百"), "100");
  EXPECT_EQ(value_of("百分之5"), "5");

  const figure s = parse_figure("三成");
  EXPECT_EQ(s.value, decimal{30});
  EXPECT_TRUE(s.percent);
  EXPECT_TRUE(s.approximate);
  EXPECT_EQ(s.last_digit, 1);
  EXPECT_EQ(value_of("2.5成"), "25");
  EXPECT_EQ(error_of("百分之5%"), "figure: '百分之5%': percent written twice");
  EXPECT_EQ(error_of("%"), "figure: '%': no digits");
}

TEST(figure_test, decimals_with_dian) {
  EXPECT_EQ(value_of("九十八点五"), "98.5");
  EXPECT_EQ(value_of("零点五"), "0.5");
  EXPECT_EQ(value_of("三点一四一五"), "3.1415");
  const figure f = parse_figure("一点五万");
  EXPECT_EQ(f.value, decimal{15000});
  EXPECT_EQ(f.last_digit, 3);
  EXPECT_EQ(parse_figure("3.50").last_digit, -2);
  EXPECT_TRUE(parse_figure("3.50").approximate);
  EXPECT_EQ(error_of("九十八点"), "figure: '九十八点': decimal point without digits after it");
  EXPECT_EQ(error_of("点五"), "figure: '点五': decimal point without digits before it");
}

TEST(figure_test, negative_figures) {
  EXPECT_EQ(value_of("-3.5%"), "-3.5");
  EXPECT_EQ(value_of("−12"), "-12");
}

TEST(figure_test, rejects_malformed_figures_with_a_reason) {
  EXPECT_EQ(error_of(""), "figure: '': empty");
  EXPECT_EQ(error_of("   "), "figure: '   ': empty");
  EXPECT_EQ(error_of("万"), "figure: '万': multiplier without a number");
  EXPECT_EQ(error_of("1.1.1万"), "figure: '1.1.1万': more than one decimal point");
  EXPECT_EQ(error_of("1万万"), "figure: '1万万': multiplier without a number");
  EXPECT_EQ(error_of("1亿1亿"), "figure: '1亿1亿': 亿 written twice");
  EXPECT_EQ(error_of("三万二亿"), "figure: '三万二亿': 亿 after 万");
  EXPECT_EQ(error_of("二百一千"), "figure: '二百一千': units out of order");
  EXPECT_EQ(error_of("一百五三"), "figure: '一百五三': digits without a unit between them");
  EXPECT_EQ(error_of("3五"), "figure: '3五': digits without a unit between them");
  EXPECT_EQ(error_of("1.5万2千"), "figure: '1.5万2千': digits after a decimal number");
  EXPECT_EQ(error_of("12a"), "figure: '12a': unexpected character");
  EXPECT_EQ(error_of("1 286"), "figure: '1 286': space inside the figure");
  // the message quotes the input printably: a bad byte as U+FFFD, a control character escaped
  EXPECT_EQ(error_of("\xff"), "figure: '\xEF\xBF\xBD': not valid UTF-8");
  EXPECT_EQ(error_of("1\n2"), "figure: '1\\n2': space inside the figure");
  EXPECT_EQ(error_of("一千零"), "figure: '一千零': ends with 零");
  EXPECT_EQ(error_of(".5"), "figure: '.5': decimal point without digits before it");
}

TEST(figure_test, too_many_digits_and_overflow) {
  const std::string long_number(400, '7');
  const std::string msg = error_of(long_number);
  EXPECT_NE(msg.find("too many digits"), std::string::npos) << msg;
  EXPECT_LT(msg.size(), 120u);  // the message quotes only the start of the text
  // 36 digits are fine, but times 万亿 they no longer fit in 128 bits
  const std::string big(36, '9');
  EXPECT_EQ(value_of(big), big);
  const std::string over = big + "万亿";
  EXPECT_NE(error_of(over).find(": overflow"), std::string::npos) << error_of(over);
}

TEST(figure_test, try_parse_returns_nullopt_instead_of_throwing) {
  EXPECT_FALSE(try_parse_figure("").has_value());
  EXPECT_FALSE(try_parse_figure("1.1.1万").has_value());
  EXPECT_FALSE(try_parse_figure(std::string(400, '1')).has_value());
  auto f = try_parse_figure("超");
  EXPECT_FALSE(f.has_value());
  auto g = try_parse_figure("1.96万");  // 解决问题1.96万个
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->value, decimal{19600});
}

// try_parse_figure is the parser and parse_figure wraps it (issue 14, item 6): the two agree on
// every text, the refusals included, and the u32 form used by the reader agrees too.
TEST(figure_test, try_parse_is_the_parser_and_parse_figure_wraps_it) {
  const std::string big(36, '9');
  const std::vector<std::string> texts = {
      "1.11万", "超", "", " ", "5652", "1,286", "1,28", "百分之九十八点五", "三成", "二〇二四", "一千零五", "一万五",
      "1万2000", "1万200", "3千5", "两百四", "1.1.1万", "万", "亿万", "1万万", "1亿万", "一〇两", "十六", "千万",
      "一点", "点五", "1点5", "9%%", "百分之5%", "-3.5", "+12", "1 000", "12a", "零", "一千零", big, big + "万亿",
      big + "成", std::string(400, '7'), "0." + std::string(31, '1'), "一点" + std::string(35, '1') + "万",
      "\xff\xfe"};
  int refused = 0;
  for (const std::string& t : texts) {
    const auto tried = try_parse_figure(t);
    try {
      const figure f = parse_figure(t);
      ASSERT_TRUE(tried.has_value()) << t;
      EXPECT_EQ(*tried, f) << t;
    } catch (const annals::input_error& e) {
      EXPECT_FALSE(tried.has_value()) << t << " -> " << e.what();
      EXPECT_EQ(std::string(e.what()).rfind("figure: '", 0), 0u) << e.what();
      ++refused;
    }
    const auto cps = annals::utf8::decode_strict(t);
    if (cps) {
      EXPECT_EQ(annals::detail::try_parse_figure(std::u32string_view(cps->data(), cps->size())), tried) << t;
    }
  }
  EXPECT_GE(refused, 20);
  EXPECT_GE(texts.size() - static_cast<std::size_t>(refused), 15u);
}

TEST(figure_test, to_quantity_gives_the_interval_of_the_statement) {
  const auto q = annals::to_quantity(parse_figure("1.11万"), "件", annals::qualifier::more_than);
  const auto b = q.bounds();
  EXPECT_EQ(b.lo, decimal{11100});
  EXPECT_EQ(b.hi, decimal{11200});
  EXPECT_FALSE(b.lo_closed);
  EXPECT_FALSE(b.hi_closed);
  const auto p = annals::to_quantity(parse_figure("89.6%"), "件");
  EXPECT_EQ(p.unit, "%");
  EXPECT_EQ(p.bounds().lo, decimal::parse("89.55"));
  EXPECT_EQ(p.bounds().hi, decimal::parse("89.65"));
}

TEST(figure_test, code_point_parse_agrees_with_the_utf8_parse) {
  // the reader parses figures from its decoded text: same results, same refusals
  const std::u32string cases[] = {U"5652", U"1.11万", U"1,286", U"１２０", U"89.6%", U"百分之九十八点五",
                                  U"三成", U"一千二百", U"二〇二四", U"3千", U"1万2000", U"万", U"1.1.1万",
                                  U"1,28", U"一百五三", U"−3.5", U"", U"12a", U"1000000000000000000000000000000000000000"};
  for (const std::u32string& c : cases) {
    std::string utf8;
    for (const char32_t cp : c) {
      if (cp < 0x80) {
        utf8 += static_cast<char>(cp);
      } else if (cp < 0x800) {
        utf8 += static_cast<char>(0xC0 | (cp >> 6));
        utf8 += static_cast<char>(0x80 | (cp & 0x3F));
      } else {
        utf8 += static_cast<char>(0xE0 | (cp >> 12));
        utf8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        utf8 += static_cast<char>(0x80 | (cp & 0x3F));
      }
    }
    EXPECT_EQ(annals::detail::try_parse_figure(c), annals::try_parse_figure(utf8)) << utf8;
  }
  EXPECT_EQ(annals::detail::try_parse_figure(std::u32string(1, char32_t{0xD800})), std::nullopt);
  EXPECT_EQ(annals::detail::try_parse_figure(U"1.11万")->value, annals::decimal{11100});
}

// ---- the one table of Chinese numerals (lib/figures/numerals_detail.hpp) -----------------------------

TEST(chinese_numerals_test, digits_with_their_variants_and_units_with_their_powers_of_ten) {
  using annals::detail::chinese_digit;
  using annals::detail::chinese_unit_exponent;
  const std::u32string_view digits = U"〇零一二两三四五六七八九";
  const int digit_values[] = {0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9};
  for (std::size_t i = 0; i < digits.size(); ++i) {
    EXPECT_EQ(chinese_digit(digits[i]), digit_values[i]) << i;
    EXPECT_EQ(chinese_unit_exponent(digits[i]), 0) << i;
  }
  const std::u32string_view units = U"十百千万萬亿億";
  const int exponents[] = {1, 2, 3, 4, 4, 8, 8};
  for (std::size_t i = 0; i < units.size(); ++i) {
    EXPECT_EQ(chinese_unit_exponent(units[i]), exponents[i]) << i;
    EXPECT_EQ(chinese_digit(units[i]), -1) << i;
  }
  // neither: other characters, Arabic and full-width digits, 壹 (financial numerals), 兆
  for (const char32_t c : std::u32string_view(U"个几半3３壹O兆")) {
    EXPECT_EQ(chinese_digit(c), -1) << static_cast<unsigned>(c);
    EXPECT_EQ(chinese_unit_exponent(c), 0) << static_cast<unsigned>(c);
  }
  static_assert(chinese_digit(U'两') == 2 && chinese_unit_exponent(U'亿') == 8);
}

TEST(chinese_numerals_test, digit_text_is_the_inverse_of_the_table) {
  for (int d = 0; d <= 9; ++d) {
    const std::string_view text = annals::detail::chinese_digit_text[static_cast<std::size_t>(d)];
    const auto cp = annals::utf8::decode(text, 0);
    ASSERT_TRUE(cp.valid);
    EXPECT_EQ(cp.length, text.size());
    EXPECT_EQ(annals::detail::chinese_digit(cp.value), d);
  }
  EXPECT_EQ(annals::detail::chinese_digit_text[0], "〇");
}

TEST(chinese_numerals_test, figures_dates_and_counts_read_the_same_digits) {
  // figure parsing, dates (period) and plan counts all go through the one table
  EXPECT_EQ(parse_figure("两千零五").value.to_string(), "2005");
  EXPECT_EQ(parse_figure("二〇二五").value.to_string(), "2025");
  EXPECT_EQ(parse_figure("三萬").value.to_string(), "30000");
  EXPECT_EQ(annals::parse_count("两百零二"), 202);
  EXPECT_FALSE(annals::parse_count("一〇").has_value());  // 〇 is not a digit of a count
  EXPECT_FALSE(annals::parse_count("一万").has_value());  // counts stop at 千
}

// Issue 15: the reader's parse of a figure (detail::try_parse_figure) takes two short ways around
// the general parse: ASCII digits with at most one point (plain_arabic), and one Chinese numeral
// alone (single_numeral, a table the general parse fills). Each must give what the general parse
// gives (annals::try_parse_figure of the same text as UTF-8) — value with its scale, last digit,
// approximate, percent — and refuse what it refuses: every string of up to four characters over
// "0.9" exhaustively, 20,000 random ones of up to 30 over "0123456789." (past the short way's 24
// characters, with leading zeros, points at either end, two points), and every numeral alone.
TEST(figure_test, the_short_ways_agree_with_the_general_parse) {
  const auto agree = [](const std::u32string& wide) {
    std::string text;
    for (const char32_t c : wide) annals::utf8::append(text, c);
    const auto fast = annals::detail::try_parse_figure(std::u32string_view(wide));
    const auto general = try_parse_figure(text);
    ASSERT_EQ(fast.has_value(), general.has_value()) << text;
    if (fast) {
      EXPECT_EQ(*fast, *general) << text;
      EXPECT_EQ(fast->value.scale(), general->value.scale()) << text;
    }
  };
  const std::u32string alphabet = U"0.9";
  for (std::size_t n = 1; n <= 4; ++n) {
    std::u32string s(n, U'0');
    std::size_t combos = 1;
    for (std::size_t k = 0; k < n; ++k) combos *= alphabet.size();
    for (std::size_t c = 0; c < combos; ++c) {
      std::size_t v = c;
      for (std::size_t k = 0; k < n; ++k, v /= alphabet.size()) s[k] = alphabet[v % alphabet.size()];
      agree(s);
    }
  }
  std::uint64_t state = 88172645463325252ull;  // xorshift64: the same strings every run
  const auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  const std::u32string digits = U"0123456789.";
  for (int i = 0; i < 20000; ++i) {
    std::u32string s(1 + next() % 30, U'0');
    for (char32_t& c : s) c = digits[next() % (i % 4 == 0 ? digits.size() : digits.size() - 1)];
    if (i % 3 == 0) s[next() % s.size()] = U'.';
    agree(s);
  }
  for (const char32_t c : std::u32string_view(U"〇零一二两三四五六七八九十百千万亿壹贰点%.5"))
    agree(std::u32string(1, c));
  EXPECT_EQ(annals::detail::try_parse_figure(U"三")->value, decimal{3});
  EXPECT_EQ(annals::detail::try_parse_figure(U"两")->value, decimal{2});
  EXPECT_EQ(annals::detail::try_parse_figure(U"十")->value, decimal{10});
  EXPECT_EQ(annals::detail::try_parse_figure(U"89.60")->value.to_string(2), "89.60");
  EXPECT_EQ(annals::detail::try_parse_figure(U"1.11")->last_digit, -2);
}
