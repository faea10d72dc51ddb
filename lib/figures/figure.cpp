// Parsing of written figures (figure.hpp). The grammar is documented in docs/quantities.md.
//
// The text is decoded into code points, full-width forms are folded to ASCII, the percent markers
// (%, 百分之, 成) are taken off the ends, and what remains is tokenised into Arabic numbers,
// Chinese digits, small units (十百千), big units (万亿) and the Chinese decimal point (点).
// A small state machine then evaluates the tokens with exact decimals, tracking the place of the
// last written digit.

#include <annals/figure.hpp>
#include <annals/text.hpp>

#include "figure_detail.hpp"
#include "numerals_detail.hpp"
#include "fold_detail.hpp"

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace annals {
namespace {

/// Why a text is not a figure (a static string); nullptr while it may still be one. The parse is
/// noexcept throughout: try_parse_figure is the parser, and parse_figure wraps it, turning `why`
/// into input_error (an out-of-memory in a figure of over 32 code points ends the program).
using why_not = const char*;

constexpr why_not overflow = "overflow";

/// The outcome of a parse: the figure, or why there is none.
struct outcome {
  std::optional<figure> value;
  why_not why = nullptr;
};

constexpr int max_significant_digits = 36;

// ---- decoding ---------------------------------------------------------------------------------

/// A sequence kept on the stack up to N elements, on the heap beyond (figures are short: the
/// parse of one allocates nothing).
template <class T, std::size_t N>
class small_vector {
 public:
  void push_back(const T& v) {
    if (heap_.empty() && n_ < N) {
      local_[n_++] = v;
      return;
    }
    if (heap_.empty()) heap_.assign(local_.begin(), local_.begin() + static_cast<std::ptrdiff_t>(n_));
    heap_.push_back(v);
    ++n_;
  }
  [[nodiscard]] std::size_t size() const noexcept { return n_; }
  [[nodiscard]] T* data() noexcept { return heap_.empty() ? local_.data() : heap_.data(); }
  [[nodiscard]] const T* data() const noexcept { return heap_.empty() ? local_.data() : heap_.data(); }
  T& operator[](std::size_t i) noexcept { return data()[i]; }
  const T& operator[](std::size_t i) const noexcept { return data()[i]; }
  [[nodiscard]] std::span<const T> span(std::size_t from, std::size_t to) const noexcept {
    return {data() + from, to - from};
  }

 private:
  std::array<T, N> local_;  // not value-initialised: only [0, n_) is ever read
  std::vector<T> heap_;
  std::size_t n_ = 0;
};

using code_points = small_vector<char32_t, 32>;

/// The code points of `s`; ill-formed UTF-8 (overlongs, surrogates, truncation) is refused.
why_not decode(std::string_view s, code_points& out) noexcept {
  for (std::size_t i = 0; i < s.size();) {
    const utf8::code_point cp = utf8::decode(s, i);
    if (!cp.valid) return "not valid UTF-8";
    out.push_back(cp.value);
    i += cp.length;
  }
  return nullptr;
}

constexpr char32_t fold(char32_t c) noexcept { return detail::fold_width(c); }
constexpr bool is_space(char32_t c) noexcept { return detail::is_blank(c); }

// ---- tokens -----------------------------------------------------------------------------------

enum class tok { arabic, digit, small_unit, big_unit, point };

struct token {
  tok kind = tok::digit;
  int value = 0;            // digit value or unit exponent
  bool liang = false;       // the digit was written 两
  bool zero_char = false;   // 〇 / 零
  decimal number;           // tok::arabic
  int frac_digits = 0;      // tok::arabic: digits after '.'
  int int_digits = 0;       // tok::arabic: digits before '.'
  int significant = 0;      // tok::arabic: significant digits
};

/// Reads an Arabic number starting at cps[i] (a digit) into `t`: digits, at most one '.', and ','
/// between valid three-digit groups of the integer part.
why_not read_arabic(std::span<const char32_t> cps, std::size_t& i, token& t) noexcept {
  // at most 36 significant digits, leading zeros and one point: the stack suffices for nearly all
  small_vector<char, 48> digits;
  int int_digits = 0, frac_digits = 0, significant = 0;
  bool point = false;
  // sizes of the comma-separated groups of the integer part: the first, and whether a later one
  // is not of three digits
  int first_group = 0, group = 0;
  bool bad_group = false;
  bool any_comma = false;
  for (; i < cps.size(); ++i) {
    const char32_t c = cps[i];
    if (c >= U'0' && c <= U'9') {
      if (point) {
        ++frac_digits;
      } else {
        ++int_digits;
        ++group;
      }
      if (significant > 0 || c != U'0') ++significant;
      if (significant > max_significant_digits) return "too many digits";
      digits.push_back(static_cast<char>(c));
    } else if (c == U'.') {
      if (point) return "more than one decimal point";
      point = true;
      digits.push_back('.');
    } else if (c == U',') {
      if (point) return "thousands separator after the decimal point";
      if (any_comma) {
        bad_group = bad_group || group != 3;
      } else {
        first_group = group;
      }
      any_comma = true;
      group = 0;
    } else {
      break;
    }
  }
  if (point && frac_digits == 0) return "decimal point without digits after it";
  if (any_comma && (first_group < 1 || first_group > 3 || bad_group || group != 3)) return "bad thousands separator";
  t.kind = tok::arabic;
  auto d = decimal::try_parse(std::string_view(digits.data(), digits.size()));
  if (!d) return "too many digits";
  t.number = *d;
  t.int_digits = int_digits;
  t.frac_digits = frac_digits;
  t.significant = significant;
  return nullptr;
}

using tokens = small_vector<token, 8>;

why_not tokenize(std::span<const char32_t> part, tokens& out) noexcept {
  std::size_t i = 0;
  while (i < part.size()) {
    const char32_t c = part[i];
    if (c >= U'0' && c <= U'9') {
      token t;
      if (const why_not w = read_arabic(part, i, t)) return w;
      out.push_back(t);
      continue;
    }
    token t;
    if (const int d = detail::chinese_digit(c); d >= 0) {
      t.kind = tok::digit;
      t.value = d;
      t.liang = c == U'两';
      t.zero_char = d == 0;
    } else if (const int e = detail::chinese_unit_exponent(c); e > 0) {
      t.kind = e >= 4 ? tok::big_unit : tok::small_unit;
      t.value = e;
    } else if (c == U'点') {
      t.kind = tok::point;
    } else if (c == U'.') {
      return "decimal point without digits before it";
    } else if (c == U',') {
      return "bad thousands separator";
    } else if (c == U'%') {
      return "misplaced percent sign";
    } else if (c == U'-' || c == U'+') {
      return "misplaced sign";
    } else if (is_space(c)) {
      return "space inside the figure";
    } else {
      return "unexpected character";
    }
    out.push_back(t);
    ++i;
  }
  return nullptr;
}

// ---- evaluation -------------------------------------------------------------------------------

class evaluator {
 public:
  explicit evaluator(std::span<const token> toks) : t_(toks) {}

  /// The figure, or nullopt with why() saying why not.
  std::optional<figure> run() noexcept {
    for (i_ = 0; i_ < t_.size(); ++i_) {
      const token& t = t_[i_];
      bool ok = false;
      switch (t.kind) {
        case tok::arabic: ok = on_arabic(t); break;
        case tok::digit: ok = on_digit(t); break;
        case tok::small_unit: ok = on_small_unit(t.value); break;
        case tok::big_unit: ok = on_big_unit(t.value); break;
        case tok::point: ok = on_point(); break;
      }
      if (!ok) return std::nullopt;
    }
    return finish();
  }
  [[nodiscard]] why_not why() const noexcept { return why_; }

 private:
  enum class prev_kind { none, digit, zero, small_unit, big_unit, number };

  struct pending {
    decimal v;
    int exp = 0;             // place of its last digit
    bool arabic = false;     // an Arabic number (not Chinese digits)
    bool fraction = false;   // carries decimals
    int run = 0;             // Chinese digits written one by one (二〇二四): their count
    bool liang = false;      // contains 两
    int arabic_int_digits = 0;
    int after_unit = 0;      // exponent of the unit written just before it (0: none)
    int colloquial = 0;      // a lone Chinese digit right after this unit counts one place below it
  };

  /// Records why the text is not a figure; every step returns its false.
  bool fail(why_not w) noexcept {
    why_ = w;
    return false;
  }
  /// out = a + b; false (overflow) when the sum does not fit.
  bool add(decimal& out, const decimal& a, const decimal& b) noexcept {
    const auto r = decimal::try_add(a, b);
    if (!r) return fail(overflow);
    out = *r;
    return true;
  }
  /// out = v × 10^k; false (overflow) when it does not fit.
  bool shift(decimal& out, const decimal& v, int k) noexcept {
    const auto r = v.try_shifted(k);
    if (!r) return fail(overflow);
    out = *r;
    return true;
  }

  bool on_arabic(const token& t) noexcept {
    if (closed_) return fail("digits after a decimal number");
    if (p_) return fail("digits without a unit between them");
    significant_ += t.significant;
    if (significant_ > max_significant_digits) return fail("too many digits");
    pending p;
    p.v = t.number;
    p.exp = -t.frac_digits;
    p.arabic = true;
    p.fraction = t.frac_digits > 0;
    p.arabic_int_digits = t.int_digits;
    p.after_unit = just_after_unit() ? last_unit_ : 0;
    if (p.fraction) {
      fraction_ = true;
      closed_ = true;
    }
    p_ = p;
    after_zero_ = false;
    prev_ = prev_kind::number;
    written_ = group_written_ = true;
    return true;
  }

  bool on_digit(const token& t) noexcept {
    if (closed_) return fail("digits after a decimal number");
    if (!count_significant(t.value)) return false;
    if (p_ && !p_->arabic && p_->run > 0 && !unit_seen_) {
      // 二〇二四: Chinese digits one by one, no units anywhere so far
      if (!shift(p_->v, p_->v, 1) || !add(p_->v, p_->v, decimal{t.value})) return false;
      ++p_->run;
      p_->liang = p_->liang || t.liang;
      prev_ = prev_kind::digit;
      return true;
    }
    if (t.zero_char && written_) {
      // 一千零五: 零 marks a skipped place
      if (p_) return fail("digits without a unit between them");
      after_zero_ = true;
      prev_ = prev_kind::zero;
      return true;
    }
    if (p_) return fail("digits without a unit between them");
    pending p;
    p.v = decimal{t.value};
    p.exp = 0;
    p.run = unit_seen_ ? 0 : 1;
    p.liang = t.liang;
    p.after_unit = just_after_unit() ? last_unit_ : 0;
    p.colloquial = (!after_zero_ && t.value != 0) ? p.after_unit : 0;
    p_ = p;
    after_zero_ = false;
    prev_ = prev_kind::digit;
    written_ = group_written_ = true;
    return true;
  }

  bool on_small_unit(int k) noexcept {
    if (k >= small_floor_) return fail("units out of order");
    decimal v;
    if (p_) {
      if (!check_run_before_unit()) return false;
      v = p_->v;
      if (p_->arabic) {
        arabic_with_unit_ = true;
        last_exp_ = p_->exp + k;  // 3千: the 3 is the last digit, at 10^3
      } else {
        last_exp_ = 0;  // Chinese 十百千 are place value: 一千二百 is as precise as 1200
      }
    } else if (!written_) {
      v = decimal{1};  // 十六, 百分之百, 千万: an implicit 一 at the start
      last_exp_ = 0;
      if (!count_significant(1)) return false;
    } else {
      return fail("unit without a digit before it");
    }
    if (!shift(v, v, k) || !add(section_, section_, v)) return false;
    p_.reset();
    small_floor_ = k;
    unit_seen_ = true;
    last_unit_ = k;
    after_zero_ = false;
    prev_ = prev_kind::small_unit;
    written_ = group_written_ = true;
    return true;
  }

  bool on_big_unit(int k) noexcept {
    if (k == 8 && prev_ == prev_kind::big_unit && last_unit_ == 4) {
      // 万亿: the 万 group just closed is multiplied by a further 亿
      if (yi_seen_) return fail("亿 written twice");
      if (!shift(total_yi_, total_wan_, 8)) return false;
      total_wan_ = decimal{};
      wan_seen_ = false;
      yi_seen_ = true;
      last_exp_ += 8;
      last_unit_ = 12;
      return true;
    }
    if (prev_ == prev_kind::big_unit || !group_written_) return fail("multiplier without a number");
    if (k == 4 && wan_seen_) return fail("万 written twice");
    if (k == 8 && yi_seen_) return fail("亿 written twice");
    if (k == 8 && wan_seen_) return fail("亿 after 万");
    decimal v;
    if (!take_pending_for_unit(v) || !add(v, section_, v)) return false;
    if (!shift(k == 8 ? total_yi_ : total_wan_, v, k)) return false;
    (k == 8 ? yi_seen_ : wan_seen_) = true;
    last_exp_ += k;
    section_ = decimal{};
    small_floor_ = 4;
    big_used_ = true;
    unit_seen_ = true;
    last_unit_ = k;
    after_zero_ = false;
    group_written_ = false;
    prev_ = prev_kind::big_unit;
    return true;
  }

  bool on_point() noexcept {
    if (closed_) return fail("more than one decimal point");
    if (!written_ || prev_ == prev_kind::big_unit || prev_ == prev_kind::zero)
      return fail("decimal point without digits before it");
    // the fraction: Chinese digits one by one, or one Arabic integer
    decimal frac;
    int n = 0;
    std::size_t j = i_ + 1;
    if (j < t_.size() && t_[j].kind == tok::arabic) {
      if (t_[j].frac_digits > 0) return fail("more than one decimal point");
      frac = t_[j].number;
      n = t_[j].int_digits;
      significant_ += n;
      ++j;
    } else {
      for (; j < t_.size() && t_[j].kind == tok::digit; ++j) {
        if (t_[j].liang) return fail("两 after the decimal point");
        if (!shift(frac, frac, 1) || !add(frac, frac, decimal{t_[j].value})) return false;
        ++n;
        ++significant_;
      }
    }
    if (n == 0) return fail("decimal point without digits after it");
    if (significant_ > max_significant_digits) return fail("too many digits");
    decimal whole;
    if (!take_pending_for_unit(whole) || !add(whole, section_, whole)) return false;
    const auto fraction = decimal::try_from_parts(frac.coefficient(), n);
    pending p;
    if (!fraction || !add(p.v, whole, *fraction)) return fail(overflow);
    p.exp = -n;
    p.fraction = true;
    p_ = p;
    section_ = decimal{};
    fraction_ = true;
    closed_ = true;
    prev_ = prev_kind::number;
    i_ = j - 1;
    return true;
  }

  std::optional<figure> finish() noexcept {
    if (!written_ || prev_ == prev_kind::zero) {
      fail(written_ ? "ends with 零" : "no digits");
      return std::nullopt;
    }
    decimal last, v;
    if (!take_pending_at_end(last) || !add(v, total_yi_, total_wan_) || !add(v, v, section_) || !add(v, v, last))
      return std::nullopt;
    figure f;
    f.value = v;
    f.approximate = big_used_ || fraction_ || arabic_with_unit_;
    f.last_digit = f.approximate ? last_exp_ : 0;
    return f;
  }

  /// The pending number as the last part of a group (before 万/亿 or at the end) into `out` (0
  /// when there is none), colloquial readings included: 一万五 → 五 counts 千, 两百四 → 四 counts 十.
  bool take_pending_for_unit(decimal& out, bool at_end = false) noexcept {
    out = decimal{};
    if (!p_) return true;
    if (!at_end && !check_run_before_unit()) return false;
    const pending p = *p_;
    p_.reset();
    if (!p.arabic && !p.fraction && p.colloquial > 1) {
      last_exp_ = p.colloquial - 1;
      return shift(out, p.v, p.colloquial - 1);
    }
    // 3千5: Arabic digits right after 十/百/千 with no unit of their own say nothing certain
    if (p.arabic && p.after_unit > 0 && p.after_unit < 4) return fail("ambiguous digits after a unit");
    last_exp_ = p.exp;
    out = p.v;
    return true;
  }

  bool take_pending_at_end(decimal& out) noexcept {
    out = decimal{};
    if (!p_) return true;
    if (p_->run > 1 && p_->liang) return fail("两 in a digit-by-digit number");
    // 1万2000: Arabic digits after 万/亿 must fill the places below the unit exactly
    if (p_->arabic && p_->after_unit >= 4 && (p_->fraction || p_->arabic_int_digits != p_->after_unit))
      return fail("ambiguous digits after a unit");
    return take_pending_for_unit(out, true);
  }

  bool just_after_unit() const noexcept {
    return prev_ == prev_kind::small_unit || prev_ == prev_kind::big_unit;
  }

  bool check_run_before_unit() noexcept {
    if (p_ && p_->run > 1) return fail("digit-by-digit number followed by a unit");
    return true;
  }

  bool count_significant(int digit) noexcept {
    if (significant_ > 0 || digit != 0) ++significant_;
    if (significant_ > max_significant_digits) return fail("too many digits");
    return true;
  }

  std::span<const token> t_;
  std::size_t i_ = 0;
  why_not why_ = nullptr;
  std::optional<pending> p_;
  decimal total_yi_, total_wan_, section_;
  int small_floor_ = 4;
  int last_unit_ = 0;
  int last_exp_ = 0;
  int significant_ = 0;
  bool written_ = false, group_written_ = false, unit_seen_ = false;
  bool wan_seen_ = false, yi_seen_ = false, big_used_ = false;
  bool fraction_ = false, closed_ = false, arabic_with_unit_ = false, after_zero_ = false;
  prev_kind prev_ = prev_kind::none;
};

/// The figure written by the code points `cps` (folded here), or why there is none.
outcome parse_code_points(code_points& cps) noexcept {
  for (std::size_t k = 0; k < cps.size(); ++k) cps[k] = fold(cps[k]);
  std::size_t b = 0, e = cps.size();
  while (b < e && is_space(cps[b])) ++b;
  while (e > b && is_space(cps[e - 1])) --e;
  if (b == e) return {std::nullopt, "empty"};

  bool negative = false;
  if (cps[b] == U'-' || cps[b] == U'+') {
    negative = cps[b] == U'-';
    ++b;
  }
  bool percent = false, cheng = false;
  if (e - b >= 3 && cps[b] == U'百' && cps[b + 1] == U'分' && cps[b + 2] == U'之') {
    percent = true;
    b += 3;
  }
  if (b < e && cps[e - 1] == U'%') {
    if (percent) return {std::nullopt, "percent written twice"};
    percent = true;
    --e;
  } else if (b < e && cps[e - 1] == U'成' && !percent) {
    percent = cheng = true;
    --e;
  }
  if (b == e) return {std::nullopt, "no digits"};

  tokens toks;
  if (const why_not w = tokenize(cps.span(b, e), toks)) return {std::nullopt, w};
  figure f;
  if (toks.size() == 1 && toks[0].kind == tok::arabic) {
    // one Arabic number (5652, 89.6, 1,286): what the evaluator would make of it, directly
    f.value = toks[0].number;
    f.approximate = toks[0].frac_digits > 0;
    f.last_digit = f.approximate ? -toks[0].frac_digits : 0;
  } else {
    evaluator ev(toks.span(0, toks.size()));
    const auto r = ev.run();
    if (!r) return {std::nullopt, ev.why()};
    f = *r;
  }
  if (cheng) {  // 三成 = 30%: a tenth, as rough as the word
    const auto tenfold = f.value.try_shifted(1);
    if (!tenfold) return {std::nullopt, overflow};
    f.value = *tenfold;
    f.last_digit = (f.approximate ? f.last_digit : 0) + 1;
    f.approximate = true;
  } else if (percent && !f.approximate) {
    f.approximate = true;  // 98% is rounded to the unit: [97.5, 98.5)
    f.last_digit = 0;
  }
  f.percent = percent;
  if (negative) f.value = -f.value;
  return {f, nullptr};
}

outcome parse(std::string_view text) noexcept {
  code_points cps;
  if (const why_not w = decode(text, cps)) return {std::nullopt, w};
  return parse_code_points(cps);
}

/// The text for an error message: at most 48 bytes of input, one printable line.
std::string excerpt(std::string_view s) { return utf8::printable(s, 48); }

}  // namespace

std::optional<figure> try_parse_figure(std::string_view utf8) noexcept { return parse(utf8).value; }

figure parse_figure(std::string_view utf8) {
  outcome r = parse(utf8);
  if (!r.value) throw input_error("figure: '" + excerpt(utf8) + "': " + r.why);
  return *r.value;
}

namespace detail {

namespace {

// Two short ways around the general parse (parse_code_points: copy, fold, tokenize, evaluate),
// which was 6-7 % of `annals extract`'s time, for the texts the reader hands over most: Arabic
// digits (864, 1.11) and one Chinese numeral (一, 三). figure_test holds both to the general
// parse's answers.

/// `written` when it is ASCII digits with at most one '.' between them (864, 1.11, 89.60, 007):
/// the figure parse_code_points makes of such a text (one Arabic token, read as read_arabic reads
/// it); nullopt for anything else, which takes the general parse.
std::optional<figure> plain_arabic(std::u32string_view written) noexcept {
  constexpr std::size_t most = 24;  // well under max_significant_digits and decimal's 38 digits
  if (written.empty() || written.size() > most) return std::nullopt;
  char text[most];
  int frac_digits = -1;  // digits after the point; -1 before one
  for (std::size_t k = 0; k < written.size(); ++k) {
    const char32_t c = written[k];
    if (c >= U'0' && c <= U'9') {
      if (frac_digits >= 0) ++frac_digits;
    } else if (c == U'.' && frac_digits < 0 && k > 0 && k + 1 < written.size()) {
      frac_digits = 0;
    } else {
      return std::nullopt;
    }
    text[k] = static_cast<char>(c);
  }
  const auto value = decimal::try_parse(std::string_view(text, written.size()));
  if (!value) return std::nullopt;
  figure f;
  f.value = *value;
  f.approximate = frac_digits > 0;
  f.last_digit = f.approximate ? -frac_digits : 0;
  return f;
}

/// The figure of `c` alone when it is one of the Chinese numerals written alone most often (the
/// 一 of 一是, the 三 of 三个 …: half of the figures the reader parses), from a table the general
/// parse makes once; nullptr for any other character.
const std::optional<figure>* single_numeral(char32_t c) noexcept {
  static constexpr std::u32string_view numerals = U"一二三四五六七八九十两";
  const std::size_t at = numerals.find(c);
  if (at == std::u32string_view::npos) return nullptr;
  static const auto table = [] {
    std::array<std::optional<figure>, numerals.size()> t;
    for (std::size_t i = 0; i < numerals.size(); ++i) {
      code_points one;
      one.push_back(numerals[i]);
      t[i] = parse_code_points(one).value;
    }
    return t;
  }();
  return &table[at];
}

}  // namespace

std::optional<figure> try_parse_figure(std::u32string_view written) noexcept {
  if (written.size() == 1)
    if (const std::optional<figure>* f = single_numeral(written[0])) return *f;
  if (auto f = plain_arabic(written)) return f;
  code_points cps;
  for (const char32_t c : written) {
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return std::nullopt;  // as decode() would
    cps.push_back(c);
  }
  return parse_code_points(cps).value;
}

}  // namespace detail

}  // namespace annals
