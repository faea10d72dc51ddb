#pragma once
/// @file period.hpp
/// Reporting years and calendar dates as strong types. A calendar_date is a
/// std::chrono::year_month_day, so this header needs only the standard library; the Chinese-date
/// and deadline parsers and the month arithmetic are compiled in lib/figures/period.cpp (Boost.Date_Time
/// stays there, out of the public headers: issue 14).

#include <annals/enum_names.hpp>
#include <annals/error.hpp>

#include <chrono>
#include <compare>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace annals {

/// A number of years: the difference of two report years.
struct years {
  int count = 0;
  constexpr explicit years(int n) noexcept : count(n) {}
  friend constexpr auto operator<=>(const years&, const years&) = default;
};

/**
 * The year a report covers (2024 for the 2024 report published in January 2025).
 * `report_year + years` is a report_year; `report_year - report_year` is years;
 * `report_year + report_year` does not compile.
 */
class report_year {
 public:
  /// The year, or nullopt outside 1949..2200.
  [[nodiscard]] static constexpr std::optional<report_year> from(int y) noexcept {
    if (y < 1949 || y > 2200) return std::nullopt;
    return report_year(y, valid_tag{});
  }
  /// from(y). @throws usage_error outside 1949..2200 (no 法治政府建设 report falls outside).
  constexpr explicit report_year(int y) : y_(y) {
    if (!from(y)) throw usage_error("report year out of range: " + std::to_string(y));
  }
  [[nodiscard]] constexpr int value() const noexcept { return y_; }

  friend constexpr report_year operator+(report_year a, years n) { return report_year(a.y_ + n.count); }
  friend constexpr report_year operator-(report_year a, years n) { return report_year(a.y_ - n.count); }
  friend constexpr years operator-(report_year a, report_year b) noexcept { return years(a.y_ - b.y_); }
  friend constexpr auto operator<=>(const report_year&, const report_year&) = default;

 private:
  struct valid_tag {};
  constexpr report_year(int y, valid_tag) noexcept : y_(y) {}
  int y_;
};

/// A calendar day; regular, ordered, printed as ISO 8601.
class calendar_date {
 public:
  /// The day, or nullopt for a day that does not exist (2025-02-30) or a year outside 1400..9999.
  [[nodiscard]] static std::optional<calendar_date> from_ymd(int y, int m, int d) noexcept {
    // 1400..9999: the years every calendar_date has always accepted (Boost.Date_Time's range)
    if (y < 1400 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return calendar_date(ymd, valid_tag{});
  }
  /// from_ymd(). @throws input_error for a day that does not exist (2025-02-30).
  calendar_date(int y, int m, int d) : d_(ymd_or_throw(y, m, d)) {}
  /// The same day as a std::chrono date. @throws input_error when `ymd` is not ok() or its year
  /// is outside 1400..9999 (the range every constructor accepts).
  explicit calendar_date(std::chrono::year_month_day ymd)
      : calendar_date(static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                      static_cast<int>(static_cast<unsigned>(ymd.day()))) {}

  /// Parses YYYY-MM-DD. @throws input_error otherwise.
  static calendar_date parse_iso(std::string_view s) {
    auto r = try_parse_iso(s);
    if (!r) throw input_error("date: '" + std::string(s.substr(0, 32)) + "' is not an ISO date (YYYY-MM-DD)");
    return *r;
  }
  static std::optional<calendar_date> try_parse_iso(std::string_view s) noexcept {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto num = [&](std::size_t at, std::size_t n) {
      int v = 0;
      for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
      }
      return v;
    };
    const int y = num(0, 4), m = num(5, 2), d = num(8, 2);
    if (y < 0 || m < 0 || d < 0) return std::nullopt;
    return from_ymd(y, m, d);
  }

  /**
   * Parses a Chinese date: 2025年1月6日, ２０２５年１月６日, 二〇二五年一月六日, 2025年1月6号
   * (surrounding spaces ignored; 元月 is January).
   * @throws input_error "date: '<text>': <why>" when the text is not such a date or the day does
   *         not exist (2025年2月30日).
   */
  static calendar_date parse_chinese(std::string_view utf8);
  /// parse_chinese()'s day, or nullopt when the text is not such a date (parse_chinese wraps this).
  static std::optional<calendar_date> try_parse_chinese(std::string_view utf8) noexcept;

  [[nodiscard]] int year() const noexcept { return static_cast<int>(d_.year()); }
  [[nodiscard]] int month() const noexcept { return static_cast<int>(static_cast<unsigned>(d_.month())); }
  [[nodiscard]] int day() const noexcept { return static_cast<int>(static_cast<unsigned>(d_.day())); }
  /// The day as std::chrono::year_month_day (always ok()).
  [[nodiscard]] std::chrono::year_month_day ymd() const noexcept { return d_; }
  /// "2025-01-06".
  [[nodiscard]] std::string to_iso() const {
    auto two = [](int v) { return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10); };
    return std::to_string(year()) + "-" + two(month()) + "-" + two(day());
  }

  /// The last day of `month` in `year` (deadlines such as 6月底前), or nullopt when the month is
  /// outside 1..12 or the year outside 1400..9999.
  static std::optional<calendar_date> try_end_of_month(int y, int m) noexcept;  // lib/figures/period.cpp
  /// try_end_of_month(). @throws input_error when the month or the year is out of range.
  static calendar_date end_of_month(int y, int m) {
    if (auto r = try_end_of_month(y, m)) return *r;
    throw input_error("date: month out of range");
  }

  /// Days from a to b (negative when b is earlier).
  friend long operator-(const calendar_date& b, const calendar_date& a) noexcept {
    return static_cast<long>((std::chrono::sys_days(b.d_) - std::chrono::sys_days(a.d_)).count());
  }
  friend bool operator==(const calendar_date& a, const calendar_date& b) noexcept { return a.d_ == b.d_; }
  friend std::strong_ordering operator<=>(const calendar_date& a, const calendar_date& b) noexcept {
    return a.d_ <=> b.d_;
  }

 private:
  struct valid_tag {};
  calendar_date(std::chrono::year_month_day ymd, valid_tag) noexcept : d_(ymd) {}
  static std::chrono::year_month_day ymd_or_throw(int y, int m, int d) {
    if (auto r = from_ymd(y, m, d)) return r->d_;
    throw input_error("date: " + std::to_string(y) + "-" + std::to_string(m) + "-" + std::to_string(d) +
                      " is not a calendar day");
  }
  std::chrono::year_month_day d_;
};

/// What parse_deadline() found.
enum class deadline_status {
  ok,          ///< a deadline, `date` set
  not_found,   ///< no deadline expression in the text
  needs_year,  ///< 年底前, 6月底前 … but no context year was given
  bad_date,    ///< 2025年2月30日前: the expression names a day that does not exist
};

/// "ok", "not_found", "needs_year", "bad_date".
[[nodiscard]] constexpr std::string_view to_string(deadline_status s) noexcept {
  switch (s) {
    case deadline_status::ok: return "ok";
    case deadline_status::not_found: return "not_found";
    case deadline_status::needs_year: return "needs_year";
    case deadline_status::bad_date: return "bad_date";
  }
  return "not_found";
}
template <>
struct enum_values<deadline_status> {
  static constexpr std::array all{deadline_status::ok, deadline_status::not_found, deadline_status::needs_year,
                                  deadline_status::bad_date};
};

/// A deadline found in a text, with where it was written (code points, end exclusive).
struct deadline_result {
  deadline_status status = deadline_status::not_found;
  std::optional<calendar_date> date;  ///< the last day the commitment allows
  std::size_t start = 0;              ///< first code point of the expression
  std::size_t end = 0;                ///< one past its last code point
  std::string text;                   ///< the expression as written (2026年6月底前)
  [[nodiscard]] bool ok() const noexcept { return status == deadline_status::ok; }
};

/**
 * Finds the first deadline expression in `utf8` and the day it ends on.
 *
 * | written | date |
 * | --- | --- |
 * | 2025年底前, 2025年年底前, 2025年末, 2025年内, 到2025年, 2025年前 | 2025-12-31 |
 * | 2025年12月31日前, 2025年12月31号 | 2025-12-31 |
 * | 2026年6月底前, 2026年6月前, 2026年6月 | 2026-06-30 |
 * | 2026年上半年 / 下半年 | 2026-06-30 / 2026-12-31 |
 * | 2026年一季度, 第三季度 | end of the quarter |
 * | 年底前, 年内, 今年底, 上半年, 6月底前, 三季度 | the same in the `context` year |
 * | 明年底前 | December 31 of the year after `context` |
 *
 * Years, months and days may be written in Arabic, full-width or Chinese digits. A bare year
 * ("2024年全市…") is not a deadline: it needs 前/以前/之前/内/底/末 after it or 到/至 before it.
 * @param context the year 年底 and 今年 refer to; without it such expressions give needs_year.
 */
[[nodiscard]] deadline_result parse_deadline(std::string_view utf8,
                                             std::optional<report_year> context = std::nullopt);

}  // namespace annals
