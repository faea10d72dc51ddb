#include <annals/period.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <type_traits>

using annals::calendar_date;
using annals::deadline_status;
using annals::parse_deadline;
using annals::report_year;
using annals::years;

namespace {
template <class A, class B>
concept addable = requires(A a, B b) { a + b; };
}  // namespace

TEST(period_test, report_year_is_a_strong_type) {
  const report_year y{2024};
  EXPECT_EQ((y + years{1}).value(), 2025);
  EXPECT_EQ((y - report_year{2021}).count, 3);
  EXPECT_LT(report_year{2023}, y);
  static_assert(addable<report_year, years>);
  static_assert(!addable<report_year, report_year>);
  static_assert(!std::is_convertible_v<int, report_year>);
  try {
    (void)report_year{1900};
    FAIL() << "no exception";
  } catch (const annals::usage_error& e) {
    EXPECT_STREQ(e.what(), "report year out of range: 1900");
  }
}

TEST(period_test, iso_dates_round_trip_and_reject_impossible_days) {
  const auto d = calendar_date::parse_iso("2025-01-06");
  EXPECT_EQ(d.to_iso(), "2025-01-06");
  EXPECT_EQ(d.year(), 2025);
  EXPECT_EQ(calendar_date(2024, 12, 31) - calendar_date(2024, 1, 1), 365);  // 2024 is a leap year
  EXPECT_FALSE(calendar_date::try_parse_iso("2025-02-30").has_value());
  EXPECT_FALSE(calendar_date::try_parse_iso("2025-1-6").has_value());
  try {
    (void)calendar_date::parse_iso("06/01/2025");
    FAIL() << "no exception";
  } catch (const annals::input_error& e) {
    EXPECT_STREQ(e.what(), "date: '06/01/2025' is not an ISO date (YYYY-MM-DD)");
  }
  EXPECT_EQ(calendar_date::end_of_month(2024, 2).to_iso(), "2024-02-29");
  EXPECT_EQ(calendar_date::end_of_month(2026, 6).to_iso(), "2026-06-30");
}

TEST(period_test, chinese_dates_in_every_digit_style) {
  // the closing date line of the seed report
  EXPECT_EQ(calendar_date::parse_chinese("2025年1月6日").to_iso(), "2025-01-06");
  EXPECT_EQ(calendar_date::parse_chinese("２０２５年１月６日").to_iso(), "2025-01-06");
  EXPECT_EQ(calendar_date::parse_chinese("二〇二五年一月六日").to_iso(), "2025-01-06");
  EXPECT_EQ(calendar_date::parse_chinese("二〇二四年十二月三十一日").to_iso(), "2024-12-31");
  EXPECT_EQ(calendar_date::parse_chinese(" 2025年元月16号 ").to_iso(), "2025-01-16");
}

TEST(period_test, chinese_dates_reject_bad_text_with_a_reason) {
  auto message = [](std::string_view s) -> std::string {
    try {
      (void)calendar_date::parse_chinese(s);
    } catch (const annals::input_error& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_EQ(message("2025年2月30日"), "date: '2025年2月30日': no such day");
  EXPECT_EQ(message("2025年13月1日"), "date: '2025年13月1日': no month (1-12 and 月)");
  EXPECT_EQ(message("25年1月6日"), "date: '25年1月6日': no year (four digits and 年)");
  EXPECT_EQ(message("2025年1月"), "date: '2025年1月': no day (1-31 and 日)");
  EXPECT_EQ(message("2025年1月6日前"), "date: '2025年1月6日前': text after the day");
  EXPECT_EQ(message(""), "date: '': empty");
  EXPECT_FALSE(calendar_date::try_parse_chinese("二〇二五年一月三十二日").has_value());
}

TEST(period_test, deadlines_with_a_written_year) {
  auto iso = [](std::string_view s) {
    auto r = parse_deadline(s);
    return r.ok() ? r.date->to_iso() : std::string(annals::to_string(r.status));
  };
  EXPECT_EQ(iso("2025年底前"), "2025-12-31");
  EXPECT_EQ(iso("2025年年底前"), "2025-12-31");
  EXPECT_EQ(iso("2025年12月31日前"), "2025-12-31");
  EXPECT_EQ(iso("2026年6月底前"), "2026-06-30");
  EXPECT_EQ(iso("2026年2月底前"), "2026-02-28");
  EXPECT_EQ(iso("2026年上半年"), "2026-06-30");
  EXPECT_EQ(iso("2026年第三季度"), "2026-09-30");
  EXPECT_EQ(iso("到2027年"), "2027-12-31");
  EXPECT_EQ(iso("二〇二五年底前"), "2025-12-31");
  EXPECT_EQ(iso("２０２５年底前"), "2025-12-31");
}

TEST(period_test, deadline_inside_a_sentence_reports_its_span) {
  const auto r = parse_deadline("力争2026年6月底前全面完成改革任务");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.date->to_iso(), "2026-06-30");
  EXPECT_EQ(r.text, "2026年6月底前");
  EXPECT_EQ(r.start, 2u);
  EXPECT_EQ(r.end, 11u);
}

TEST(period_test, deadlines_relative_to_the_context_year) {
  const report_year ctx{2025};
  EXPECT_EQ(parse_deadline("年底前完成", ctx).date->to_iso(), "2025-12-31");
  EXPECT_EQ(parse_deadline("年内建成", ctx).date->to_iso(), "2025-12-31");
  EXPECT_EQ(parse_deadline("上半年", ctx).date->to_iso(), "2025-06-30");
  EXPECT_EQ(parse_deadline("下半年启动", ctx).date->to_iso(), "2025-12-31");
  EXPECT_EQ(parse_deadline("6月底前", ctx).date->to_iso(), "2025-06-30");
  EXPECT_EQ(parse_deadline("三季度", ctx).date->to_iso(), "2025-09-30");
  EXPECT_EQ(parse_deadline("今年底", ctx).date->to_iso(), "2025-12-31");
  EXPECT_EQ(parse_deadline("明年底前", ctx).date->to_iso(), "2026-12-31");
}

TEST(period_test, deadline_expected_failures_are_statuses) {
  EXPECT_EQ(parse_deadline("年底前完成").status, deadline_status::needs_year);
  EXPECT_EQ(parse_deadline("年底前完成").text, "年底前");
  EXPECT_EQ(parse_deadline("2025年2月30日前").status, deadline_status::bad_date);
  EXPECT_EQ(parse_deadline("持续推进法治政府建设").status, deadline_status::not_found);
  // a year that only dates a figure is no deadline; nor is 连续16年 or a hotline number
  EXPECT_EQ(parse_deadline("2024年全市新收行政复议案件超1.11万件").status, deadline_status::not_found);
  EXPECT_EQ(parse_deadline("连续16年获评", report_year{2024}).status, deadline_status::not_found);
  EXPECT_EQ(parse_deadline("16月底", report_year{2024}).status, deadline_status::not_found);
  EXPECT_EQ(parse_deadline("\xff\xfe").status, deadline_status::not_found);
  EXPECT_FALSE(parse_deadline("").ok());
}

// Issue 14: calendar_date is a std::chrono::year_month_day in the public header; month
// arithmetic (end_of_month) is compiled in lib/figures/period.cpp on Boost.Date_Time.
TEST(period_test, calendar_dates_are_std_chrono_dates) {
  using namespace std::chrono;
  const calendar_date d{2025, 1, 6};
  EXPECT_EQ(d.ymd(), year{2025} / January / 6);
  EXPECT_EQ(calendar_date(year{2024} / February / 29).to_iso(), "2024-02-29");
  EXPECT_EQ(calendar_date(d.ymd()), d);
  EXPECT_EQ(sys_days(calendar_date::end_of_month(2025, 2).ymd()) - sys_days(year{2025} / January / 31), days{28});
  try {
    (void)calendar_date(year{2025} / February / 29);
    FAIL() << "no exception";
  } catch (const annals::input_error& e) {
    EXPECT_STREQ(e.what(), "date: 2025-2-29 is not a calendar day");
  }
  EXPECT_THROW((void)calendar_date(year{1399} / December / 31), annals::input_error);
  EXPECT_THROW((void)calendar_date(year{2025} / month{13} / 1), annals::input_error);
}

TEST(period_test, calendar_dates_order_and_subtract_across_months_and_years) {
  const calendar_date a{2024, 12, 31}, b{2025, 1, 1}, c{2025, 3, 1};
  EXPECT_LT(a, b);
  EXPECT_GT(c, b);
  EXPECT_EQ(b - a, 1);
  EXPECT_EQ(a - b, -1);
  EXPECT_EQ(c - b, 59);
  EXPECT_EQ(calendar_date(2024, 3, 1) - calendar_date(2024, 2, 1), 29);
  EXPECT_EQ(calendar_date(1400, 1, 1).to_iso(), "1400-01-01");
  EXPECT_EQ(calendar_date(9999, 12, 31).to_iso(), "9999-12-31");
  EXPECT_THROW((void)calendar_date(10000, 1, 1), annals::input_error);
  EXPECT_THROW((void)calendar_date(2023, 2, 29), annals::input_error);
  EXPECT_EQ(calendar_date::end_of_month(2100, 2).to_iso(), "2100-02-28");  // not a leap year
  EXPECT_EQ(calendar_date::end_of_month(2000, 2).to_iso(), "2000-02-29");
  try {
    (void)calendar_date::end_of_month(2025, 13);
    FAIL() << "no exception";
  } catch (const annals::input_error& e) {
    EXPECT_STREQ(e.what(), "date: month out of range");
  }
}

// The non-throwing forms are the real ones (issue 14, item 6): from_ymd, try_end_of_month,
// report_year::from and try_parse_chinese decide; the constructors and parse_chinese wrap them.
TEST(period_test, non_throwing_forms_decide_and_the_throwing_ones_wrap_them) {
  int refused = 0;
  for (int y : {1399, 1400, 2024, 2025, 2100, 9999, 10000})
    for (int m : {0, 1, 2, 12, 13})
      for (int d : {0, 1, 28, 29, 30, 31, 32}) {
        const auto tried = calendar_date::from_ymd(y, m, d);
        try {
          const calendar_date made(y, m, d);
          ASSERT_TRUE(tried.has_value()) << y << "-" << m << "-" << d;
          EXPECT_EQ(*tried, made);
        } catch (const annals::input_error&) {
          EXPECT_FALSE(tried.has_value()) << y << "-" << m << "-" << d;
          ++refused;
        }
      }
  EXPECT_GT(refused, 100);
  EXPECT_EQ(calendar_date::from_ymd(2024, 2, 29)->to_iso(), "2024-02-29");
  EXPECT_FALSE(calendar_date::from_ymd(2025, 2, 29).has_value());
  EXPECT_FALSE(calendar_date::from_ymd(2100, 2, 29).has_value());  // not a leap year

  EXPECT_EQ(calendar_date::try_end_of_month(2100, 2)->to_iso(), "2100-02-28");
  EXPECT_FALSE(calendar_date::try_end_of_month(2025, 13).has_value());
  EXPECT_FALSE(calendar_date::try_end_of_month(1399, 1).has_value());
  EXPECT_THROW((void)calendar_date::end_of_month(2025, 0), annals::input_error);

  EXPECT_EQ(report_year::from(1949), report_year{1949});
  EXPECT_EQ(report_year::from(2200), report_year{2200});
  EXPECT_FALSE(report_year::from(1948).has_value());
  EXPECT_FALSE(report_year::from(2201).has_value());
  static_assert(report_year::from(2024)->value() == 2024);  // usable at compile time

  for (const char* text : {"2025年1月6日", "2025年2月30日", "2025年1月", "二〇二五年元月六日", "", "2025年13月1日"}) {
    const auto tried = calendar_date::try_parse_chinese(text);
    try {
      EXPECT_EQ(tried, calendar_date::parse_chinese(text)) << text;
    } catch (const annals::input_error& e) {
      EXPECT_FALSE(tried.has_value()) << text;
      EXPECT_EQ(std::string(e.what()).rfind("date: '", 0), 0u) << e.what();
    }
  }
}
