#pragma once
/// @file period.hpp
/// Reporting years and calendar dates as strong types (Boost.Date_Time underneath).

#include <annals/error.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <compare>
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
  /// @throws usage_error outside 1949..2200 (no 法治政府建设 report falls outside).
  constexpr explicit report_year(int y) : y_(y) {
    if (y < 1949 || y > 2200) throw usage_error("report year out of range: " + std::to_string(y));
  }
  [[nodiscard]] constexpr int value() const noexcept { return y_; }

  friend constexpr report_year operator+(report_year a, years n) { return report_year(a.y_ + n.count); }
  friend constexpr report_year operator-(report_year a, years n) { return report_year(a.y_ - n.count); }
  friend constexpr years operator-(report_year a, report_year b) noexcept { return years(a.y_ - b.y_); }
  friend constexpr auto operator<=>(const report_year&, const report_year&) = default;

 private:
  int y_;
};

/// A calendar day; regular, ordered, printed as ISO 8601.
class calendar_date {
 public:
  /// @throws input_error for a day that does not exist (2025-02-30).
  calendar_date(int y, int m, int d) : d_(make(y, m, d)) {}
  explicit calendar_date(boost::gregorian::date d) : d_(d) {
    if (d.is_special()) throw input_error("date: not a calendar day");
  }

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
    try {
      return calendar_date(y, m, d);
    } catch (...) {
      return std::nullopt;
    }
  }

  [[nodiscard]] int year() const { return d_.year(); }
  [[nodiscard]] int month() const { return d_.month(); }
  [[nodiscard]] int day() const { return d_.day(); }
  [[nodiscard]] boost::gregorian::date boost_date() const noexcept { return d_; }
  [[nodiscard]] std::string to_iso() const { return boost::gregorian::to_iso_extended_string(d_); }

  /// The last day of `month` in `year` (deadlines such as 6月底前).
  static calendar_date end_of_month(int y, int m) {
    if (m < 1 || m > 12 || y < 1400 || y > 9999) throw input_error("date: month out of range");
    const int last = boost::gregorian::gregorian_calendar::end_of_month_day(
        static_cast<unsigned short>(y), static_cast<unsigned short>(m));
    return calendar_date(y, m, last);
  }

  /// Days from a to b (negative when b is earlier).
  friend long operator-(const calendar_date& b, const calendar_date& a) { return (b.d_ - a.d_).days(); }
  friend bool operator==(const calendar_date& a, const calendar_date& b) noexcept { return a.d_ == b.d_; }
  friend std::strong_ordering operator<=>(const calendar_date& a, const calendar_date& b) noexcept {
    return a.d_ < b.d_ ? std::strong_ordering::less
                       : (a.d_ == b.d_ ? std::strong_ordering::equal : std::strong_ordering::greater);
  }

 private:
  static boost::gregorian::date make(int y, int m, int d) {
    if (y < 1400 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
      throw input_error("date: " + std::to_string(y) + "-" + std::to_string(m) + "-" + std::to_string(d) +
                        " is not a calendar day");
    try {
      return boost::gregorian::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                                    static_cast<unsigned short>(d));
    } catch (const std::out_of_range&) {
      throw input_error("date: " + std::to_string(y) + "-" + std::to_string(m) + "-" + std::to_string(d) +
                        " is not a calendar day");
    }
  }
  boost::gregorian::date d_;
};

}  // namespace annals
