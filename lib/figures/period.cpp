// Chinese dates and deadlines (period.hpp). Numbers inside dates are read with parse_figure, so
// Arabic, full-width and Chinese digits (二〇二五, 十二, 三十一) all work the same way.

#include <annals/figure.hpp>
#include <annals/period.hpp>
#include <annals/text.hpp>

#include "numerals_detail.hpp"
#include "fold_detail.hpp"

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace annals {
namespace {

/// The text as code points twice: as written (for spans and quoting) and width-folded (to match).
struct folded_text {
  std::u32string written;
  std::u32string c;

  [[nodiscard]] std::size_t size() const noexcept { return c.size(); }
  [[nodiscard]] bool at(std::size_t i, std::u32string_view word) const noexcept {
    if (i + word.size() > c.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k)
      if (c[i + k] != word[k]) return false;
    return true;
  }
  [[nodiscard]] std::string utf8(std::size_t from, std::size_t to) const {
    std::string out;
    for (std::size_t i = from; i < to; ++i) utf8::append(out, written[i]);
    return out;
  }
};

std::optional<folded_text> fold(std::string_view s) {
  auto cps = utf8::decode_strict(s);
  if (!cps) return std::nullopt;
  folded_text t;
  t.written = *cps;
  t.c = std::move(*cps);
  for (auto& ch : t.c) ch = detail::fold_width(ch);
  return t;
}

constexpr bool numeral_char(char32_t c) noexcept {
  return (c >= U'0' && c <= U'9') || detail::chinese_digit(c) >= 0 || c == U'十';
}

/// A non-negative integer written at t.c[i..): its value, where it ends and how many characters.
struct read_number {
  int value = 0;
  std::size_t end = 0;
};

std::optional<read_number> number_at(const folded_text& t, std::size_t i) {
  std::size_t j = i;
  while (j < t.size() && numeral_char(t.c[j]) && j - i < 8) ++j;
  if (j == i) return std::nullopt;
  std::string s;
  for (std::size_t k = i; k < j; ++k) utf8::append(s, t.c[k]);
  auto f = try_parse_figure(s);
  if (!f || f->approximate || f->percent || f->value.sign() < 0 || f->value.scale() != 0) return std::nullopt;
  const auto c = f->value.coefficient();
  if (c > 99999) return std::nullopt;
  return read_number{static_cast<int>(c), j};
}

/// A year written with four digits (2025, ２０２５, 二〇二五) followed by 年.
std::optional<read_number> year_at(const folded_text& t, std::size_t i) {
  auto n = number_at(t, i);
  if (!n || n->end - i != 4 || n->end >= t.size() || t.c[n->end] != U'年') return std::nullopt;
  if (n->value < 1949 || n->value > 2200) return std::nullopt;
  return read_number{n->value, n->end + 1};
}

/// A month (1–12 or 元) followed by 月.
std::optional<read_number> month_at(const folded_text& t, std::size_t i) {
  if (t.at(i, U"元月")) return read_number{1, i + 2};
  auto n = number_at(t, i);
  if (!n || n->end >= t.size() || t.c[n->end] != U'月' || n->value < 1 || n->value > 12) return std::nullopt;
  return read_number{n->value, n->end + 1};
}

/// A day (1–31) followed by 日 or 号.
std::optional<read_number> day_at(const folded_text& t, std::size_t i) {
  auto n = number_at(t, i);
  if (!n || n->end >= t.size() || (t.c[n->end] != U'日' && t.c[n->end] != U'号')) return std::nullopt;
  if (n->value < 1 || n->value > 31) return std::nullopt;
  return read_number{n->value, n->end + 1};
}

/// A quarter: [第](一|二|三|四|1-4)季度.
std::optional<read_number> quarter_at(const folded_text& t, std::size_t i) {
  std::size_t j = i;
  if (t.at(j, U"第")) ++j;
  auto n = number_at(t, j);
  if (!n || n->value < 1 || n->value > 4 || n->end - j != 1 || !t.at(n->end, U"季度")) return std::nullopt;
  return read_number{n->value, n->end + 2};
}

constexpr std::u32string_view closing_words[] = {U"以前", U"之前", U"前", U"以内", U"内"};

std::size_t skip_closing(const folded_text& t, std::size_t j, bool* found = nullptr) {
  for (auto w : closing_words)
    if (t.at(j, w)) {
      if (found) *found = true;
      return j + w.size();
    }
  return j;
}

/// What a deadline expression names, before the year is known.
struct shape {
  enum kind_t { year_end, month_end, exact_day, quarter_end, half_end } kind = year_end;
  int month = 12;
  int day = 31;
  std::size_t end = 0;
};

/// The part after the year (or the whole expression when the year is implicit):
/// 年底/年末/底/末/内, 上半年/下半年, 季度, N月[底|末|N日].
std::optional<shape> tail_at(const folded_text& t, std::size_t j, bool year_written) {
  shape s;
  for (std::u32string_view w : {U"年底", U"年末", U"年内", U"年度内"})
    if (t.at(j, w)) {
      s.end = j + w.size();
      return s;
    }
  if (year_written)
    for (std::u32string_view w : {U"底", U"末"})
      if (t.at(j, w)) {
        s.end = j + w.size();
        return s;
      }
  if (t.at(j, U"上半年")) {
    s.kind = shape::half_end;
    s.month = 6;
    s.end = j + 3;
    return s;
  }
  if (t.at(j, U"下半年")) {
    s.kind = shape::half_end;
    s.end = j + 3;
    return s;
  }
  if (auto q = quarter_at(t, j)) {
    s.kind = shape::quarter_end;
    s.month = q->value * 3;
    s.end = q->end;
    return s;
  }
  if (auto m = month_at(t, j)) {
    s.month = m->value;
    if (auto d = day_at(t, m->end)) {
      s.kind = shape::exact_day;
      s.day = d->value;
      s.end = d->end;
      return s;
    }
    s.kind = shape::month_end;
    s.end = m->end;
    for (std::u32string_view w : {U"底", U"末"})
      if (t.at(s.end, w)) {
        s.end += w.size();
        return s;
      }
    // a bare month needs 前/内 after it (6月前), or a written year before it (2026年6月)
    bool closing = false;
    skip_closing(t, s.end, &closing);
    if (!closing && !year_written) return std::nullopt;
    return s;
  }
  return std::nullopt;
}

deadline_result resolve(const shape& s, std::optional<int> year, std::size_t start, std::size_t end,
                        const folded_text& t) {
  deadline_result r;
  r.start = start;
  r.end = end;
  r.text = t.utf8(start, end);
  if (!year) {
    r.status = deadline_status::needs_year;
    return r;
  }
  switch (s.kind) {
    case shape::exact_day: r.date = calendar_date::from_ymd(*year, s.month, s.day); break;
    case shape::year_end: r.date = calendar_date::from_ymd(*year, 12, 31); break;
    default: r.date = calendar_date::try_end_of_month(*year, s.month); break;
  }
  r.status = r.date ? deadline_status::ok : deadline_status::bad_date;
  return r;
}

/// The deadline expression starting at code point i, if any.
std::optional<deadline_result> deadline_at(const folded_text& t, std::size_t i, std::optional<report_year> context) {
  const std::optional<int> ctx = context ? std::optional<int>(context->value()) : std::nullopt;
  // an explicit year: 2025年底前, 2026年6月底前, 到2025年, 2025年前
  if (auto y = year_at(t, i)) {
    if (auto s = tail_at(t, y->end, true)) return resolve(*s, y->value, i, skip_closing(t, s->end), t);
    bool closing = false;
    const std::size_t end = skip_closing(t, y->end, &closing);
    const bool by = i > 0 && (t.c[i - 1] == U'到' || t.c[i - 1] == U'至');
    if (closing || by) return resolve(shape{}, y->value, i, end, t);
    return std::nullopt;
  }
  // 今年底, 本年内, 明年上半年
  for (auto [word, offset] : {std::pair<std::u32string_view, int>{U"今年", 0}, {U"本年", 0}, {U"明年", 1}}) {
    if (!t.at(i, word)) continue;
    const std::size_t j = i + word.size();
    std::optional<shape> s = tail_at(t, j, true);
    if (!s) {
      bool closing = false;
      const std::size_t end = skip_closing(t, j, &closing);
      if (!closing) return std::nullopt;
      s = shape{};
      s->end = end;
    }
    return resolve(*s, ctx ? std::optional<int>(*ctx + offset) : std::nullopt, i, skip_closing(t, s->end), t);
  }
  // no year written: 年底前, 上半年, 6月底前, 三季度
  if (i > 0 && (numeral_char(t.c[i - 1]) || t.c[i - 1] == U'第')) return std::nullopt;  // inside a number
  if (auto s = tail_at(t, i, false)) return resolve(*s, ctx, i, skip_closing(t, s->end), t);
  return std::nullopt;
}

/// A Chinese date, or why the text is not one.
struct chinese_date {
  std::optional<calendar_date> date;
  const char* why = nullptr;
};

chinese_date read_chinese_date(std::string_view utf8) noexcept {
  auto t = fold(utf8);
  if (!t) return {std::nullopt, "not valid UTF-8"};
  std::size_t b = 0, e = t->size();
  while (b < e && detail::is_blank(t->c[b])) ++b;
  while (e > b && detail::is_blank(t->c[e - 1])) --e;
  if (b == e) return {std::nullopt, "empty"};
  auto y = year_at(*t, b);
  if (!y) return {std::nullopt, "no year (four digits and 年)"};
  auto m = month_at(*t, y->end);
  if (!m) return {std::nullopt, "no month (1-12 and 月)"};
  auto d = day_at(*t, m->end);
  if (!d) return {std::nullopt, "no day (1-31 and 日)"};
  if (d->end != e) return {std::nullopt, "text after the day"};
  auto date = calendar_date::from_ymd(y->value, m->value, d->value);
  if (!date) return {std::nullopt, "no such day"};
  return {date, nullptr};
}

}  // namespace

std::optional<calendar_date> calendar_date::try_end_of_month(int y, int m) noexcept {
  if (m < 1 || m > 12 || y < 1400 || y > 9999) return std::nullopt;
  // Boost.Date_Time's Gregorian calendar does the month arithmetic here, inside lib/; the public
  // header only holds the std::chrono value (issue 14).
  const int last = boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y),
                                                                           static_cast<unsigned short>(m));
  return from_ymd(y, m, last);
}

calendar_date calendar_date::parse_chinese(std::string_view utf8) {
  const chinese_date r = read_chinese_date(utf8);
  if (r.date) return *r.date;
  std::size_t n = std::min<std::size_t>(utf8.size(), 48);
  while (n > 0 && n < utf8.size() && (static_cast<unsigned char>(utf8[n]) & 0xC0u) == 0x80u) --n;
  throw input_error("date: '" + std::string(utf8.substr(0, n)) + "': " + r.why);
}

std::optional<calendar_date> calendar_date::try_parse_chinese(std::string_view utf8) noexcept {
  return read_chinese_date(utf8).date;
}

deadline_result parse_deadline(std::string_view utf8, std::optional<report_year> context) {
  auto t = fold(utf8);
  if (!t) return {};
  for (std::size_t i = 0; i < t->size(); ++i)
    if (auto r = deadline_at(*t, i, context)) return *r;
  return {};
}

}  // namespace annals
