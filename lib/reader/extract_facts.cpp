// Numerals of the body (scan_mentions) and the facts made of them (build_facts), with labels.
//
// A numeral is a fact when grammar says it counts something: a measure word, %, 百分之 or 成
// after it, or a counting verb (达, 共计 …) before a bare number. Years and dates, ordinals (第),
// enumeration markers, numerals inside quotes and book titles, codes (5G, 1+N), numbered fixed
// terms, 一 used as an article (一个, 一次), periods (近三年, 3年来) and compound names (三年攻坚
// 行动) are not. See docs/reader.md for the rules and the label rules.

#include <annals/period.hpp>

#include "extract_detail.hpp"
#include "figures/figure_detail.hpp"

#include <algorithm>
#include <cstdint>
#include <string_view>

namespace annals::detail {
namespace {

constexpr std::size_t label_window = 64;   // how far back a label may start
constexpr std::size_t max_noun = 16;       // noun after a measure word
constexpr std::size_t long_label = 16;     // labels longer than this are shortened
constexpr std::size_t max_after_label = 40;

std::string folded_utf8(const doc& d, std::size_t b, std::size_t e) {
  std::string out;
  for (std::size_t i = b; i < e; ++i) utf8::append(out, d.at(i));
  return out;
}

bool is_multiplier(char32_t c) noexcept { return c == U'万' || c == U'亿'; }

/// Chinese digits written one by one (二〇二四): every character a digit, no units.
bool digit_by_digit(const doc& d, std::size_t b, std::size_t e) {
  for (std::size_t i = b; i < e; ++i)
    if (cn_digit(d.at(i)) < 0 || d.at(i) == U'两') return false;
  return true;
}

/// Value of a small number written at [b, e) (Arabic or Chinese), or −1.
int small_value(const doc& d, std::size_t b, std::size_t e) {
  if (b >= e || e - b > 4) return -1;
  if (is_digit(d.at(b))) {
    int v = 0;
    for (std::size_t i = b; i < e; ++i) {
      if (!is_digit(d.at(i))) return -1;
      v = v * 10 + static_cast<int>(d.at(i) - U'0');
    }
    return v;
  }
  if (e - b == 1 && d.at(b) == U'两') return 2;  // 两成, 两个月 (not an ordinal form)
  std::size_t len = 0;
  const int v = cn_ordinal_at(d, b, len);
  return len == e - b ? v : -1;
}

struct run {
  std::size_t b = 0, e = 0;
  bool chinese = false;
  bool percent = false;  // 百分之 in front or % behind
  bool bare_unit = false;  // 千 of 近千条: the figure is 一千
};

/// The numeral starting at i (which is a digit or a Chinese numeral), or nullopt.
std::optional<run> read_run(const doc& d, std::size_t i, std::size_t lim) {
  run r;
  r.b = i;
  std::size_t j = i;
  if (d.has(i, U"百分之")) {
    r.percent = true;
    j = i + 3;
  }
  if (is_digit(d.at(j))) {
    while (j < lim && is_digit(d.at(j))) ++j;
    while (j + 3 < lim + 1 && d.at(j) == U',' && is_digit(d.at(j + 1)) && is_digit(d.at(j + 2)) &&
           is_digit(d.at(j + 3)) && !is_digit(d.at(j + 4)))
      j += 4;
    if (d.at(j) == U'.' && is_digit(d.at(j + 1))) {
      ++j;
      while (j < lim && is_digit(d.at(j))) ++j;
    }
    if (is_multiplier(d.at(j))) {
      ++j;
      if (d.at(j - 1) == U'万' && d.at(j) == U'亿') ++j;
    }
  } else {
    const std::size_t s = j;
    bool has_digit = false;
    while (j < lim) {
      const char32_t c = d.at(j);
      if (cn_digit(c) >= 0) {
        has_digit = true;
        ++j;
      } else if (is_cn_unit(c)) {
        ++j;
      } else if (c == U'点' && j > s && cn_digit(d.at(j + 1)) >= 0) {
        ++j;
      } else {
        break;
      }
    }
    if (j == s) return std::nullopt;
    const char32_t first = d.at(s);
    const bool hundred_percent = r.percent && first == U'百';  // 百分之百
    // 近千条, 约万人, 超百家: a lone 百/千/万 after a qualifier is one hundred/thousand/ten thousand
    const bool bare_unit = !has_digit && j == s + 1 && (first == U'百' || first == U'千' || first == U'万') &&
                           lexicon::prefix_qualifier_before(d, s) != nullptr;
    if (bare_unit) {
      r.chinese = true;
      r.bare_unit = true;
      r.e = j;
      return r;
    }
    if (!has_digit && first != U'十' && !hundred_percent) return std::nullopt;
    if (is_cn_unit(first) && first != U'十' && !hundred_percent) return std::nullopt;  // 千家万户, 百姓
    r.chinese = true;
  }
  if (!r.percent && d.at(j) == U'%') {
    r.percent = true;
    ++j;
  }
  r.e = j;
  return r;
}

/// A fixed term containing the numeral that starts at `b`.
bool in_fixed_term(const doc& d, std::size_t b) {
  for (const u32 term : lexicon::fixed_terms()) {
    for (std::size_t off = 0; off < term.size(); ++off) {
      if (!is_cn_numeral(term[off]) && !is_digit(term[off])) continue;
      if (off <= b && d.has(b - off, term)) return true;
      break;  // only the term's first numeral anchors it
    }
  }
  return false;
}

/// Something before position p lets a Chinese numeral start a count (a verb, a scope word, a
/// boundary …).
bool count_may_start(const doc& d, std::size_t p, std::size_t line_start) {
  if (p <= line_start) return true;
  const char32_t c = d.before(p);
  if (is_clause_end(c) || c == U'、' || is_space(c) || is_open_quote(c) || is_close_quote(c) || c == U'(' ||
      c == U')' || c == U'"')
    return true;
  return lexicon::longest_before(d, p, lexicon::predicate_words()) > 0 ||
         lexicon::longest_before(d, p, lexicon::scope_words()) > 0 ||
         lexicon::longest_before(d, p, lexicon::counting_verbs()) > 0 ||
         lexicon::longest_before(d, p, lexicon::dummy_verbs()) > 0 ||
         lexicon::longest_before(d, p, lexicon::count_verbs()) > 0 ||
         lexicon::longest_before(d, p, lexicon::predicate_chars()) > 0;
}

/// After a 分 at `i`: it is a score (92.6分, 提高1.8分) when the clause ends or a qualifier, a
/// conjunction or 的 follows; not 分别, 分局, 三分之一, 十分重要.
bool score_follows(const doc& d, std::size_t i, std::size_t e) {
  if (i >= e) return true;
  const char32_t c = d.at(i);
  return is_clause_end(c) || is_space(c) || c == U'、' || c == U'的' || c == U'以' || c == U'左' || c == U')' ||
         c == U'和' || c == U'及' || c == U'与' || c == U'或' || c == U'，' || is_close_quote(c);
}

struct per_unit {
  std::string_view unit;  ///< the whole rate: 微克/立方米
  std::size_t length;     ///< code points of the denominator as written
};

/// A rate's denominator at `i` (after the /), for the measure words that take one.
std::optional<per_unit> per_unit_at_for(const doc& d, std::size_t i, std::string_view base) {
  struct rate {
    std::string_view base;
    std::u32string_view den;
    std::string_view unit;
  };
  static constexpr rate rates[] = {
      {"微克", U"立方米", "微克/立方米"}, {"毫克", U"立方米", "毫克/立方米"}, {"毫克", U"升", "毫克/升"},
      {"元", U"人", "元/人"},             {"元", U"户", "元/户"},             {"元", U"年", "元/年"},
      {"元", U"月", "元/月"},             {"元", U"吨", "元/吨"},             {"元", U"亩", "元/亩"},
      {"元", U"平方米", "元/平方米"},     {"件", U"十万人", "件/十万人"},     {"件", U"万人", "件/万人"},
      {"件", U"千人", "件/千人"},         {"人", U"万人", "人/万人"},         {"人", U"十万人", "人/十万人"},
      {"个", U"万人", "个/万人"},         {"次", U"年", "次/年"},             {"次", U"人", "次/人"},
      {"天", U"件", "天/件"},             {"小时", U"件", "小时/件"},         {"吨", U"年", "吨/年"},
      {"吨", U"日", "吨/日"},             {"起", U"万人", "起/万人"},         {"起", U"十万人", "起/十万人"},
  };
  const rate* best = nullptr;
  for (const auto& r : rates)
    if (r.base == base && d.has(i, r.den) && (!best || r.den.size() > best->den.size())) best = &r;
  if (best) return per_unit{best->unit, best->den.size()};
  // any other measure word over an area or a population: 公里/平方公里, 个/平方公里, 家/万人
  static constexpr std::u32string_view areas[] = {U"平方公里", U"平方米", U"十万人", U"万人", U"千人", U"百人"};
  for (const auto den : areas)
    if (d.has(i, den)) return per_unit{lexicon::intern(std::string(base) + "/" + utf8::encode(den)), den.size()};
  return std::nullopt;
}

/// 区委十三届45次常委会, 县委十四届二次、三次全会, 党的二十届三中全会, 市十七届人大: the term (届)
/// of a body and the session (次) within it are ordinals, not counts. 连续5届 (a streak) and
/// 举办三届 (届 after a counting verb, nothing of a body around) stay counts.
bool is_session_ordinal(const doc& d, const mention& m, std::size_t line_start) {
  static constexpr std::u32string_view bodies[] = {
      U"中全会", U"全会", U"全体会议", U"人大", U"政协", U"党代会", U"代表大会", U"常委会", U"委员会",
      U"市委", U"区委", U"县委", U"省委", U"全国", U"人民代表", U"纪委", U"党委", U"历次全会",
  };
  static constexpr std::u32string_view meetings[] = {
      U"全会", U"全体会议", U"会议", U"常委会", U"常务会议", U"主任会议", U"党组会议", U"扩大会议",
  };
  if (m.unit == "届") {
    if (d.ends_with(m.start, U"连续")) return false;
    const char32_t nx = d.at(m.unit_end);
    if (is_digit(nx) || is_cn_numeral(nx)) return true;  // 十三届45次, 二十届三中全会
    for (auto w : bodies)
      if (d.has(m.unit_end, w)) return true;
    const char32_t pv = d.before(m.start);
    return d.ends_with(m.start, U"党的") || pv == U'委' || pv == U'市' || pv == U'省' || pv == U'区' ||
           pv == U'县' || pv == U'大' || pv == U'协';
  }
  if (m.unit == "次") {
    // back over numerals, 次 and 、 to a 届: 十三届45次, 十四届二次、三次
    std::size_t p = m.start;
    const std::size_t lim = m.start > line_start + 12 ? m.start - 12 : line_start;
    while (p > lim) {
      const char32_t c = d.before(p);
      if (c == U'届') return true;
      if (!(is_digit(c) || is_cn_numeral(c) || c == U'次' || c == U'、')) break;
      --p;
    }
    // 十四届人大三次会议: a meeting noun after, a 届 a few characters before
    bool meeting = false;
    for (auto w : meetings)
      if (d.has(m.unit_end, w)) meeting = true;
    if (!meeting) return false;
    const std::size_t from = m.start > line_start + 8 ? m.start - 8 : line_start;
    for (std::size_t k = from; k < m.start; ++k)
      if (d.at(k) == U'届') return true;
  }
  return false;
}

/// A yardstick noun right after a figure (95%目标值, 60%的考核指标, 15%的问责红线); only for a
/// percent or through 的 (46项考核指标 is a count of indicators).
bool benchmark_follows(const doc& d, std::size_t e) {
  static constexpr std::u32string_view nouns[] = {
      U"目标值", U"考核指标", U"考核目标", U"目标进度", U"问责红线", U"红线", U"控制目标", U"目标要求",
      U"考核要求", U"警戒线", U"控制线", U"的目标", U"预期目标",
  };
  const std::size_t p = d.at(e) == U'的' && !d.has(e, U"的目标") ? e + 1 : e;
  for (auto w : nouns)
    if (d.has(p, w)) return true;
  return false;
}

/// 应 before a figure, directly or through a level verb (应不低于95%, 应控制在15%以内, 应达到90%).
bool should_precede(const doc& d, std::size_t b) {
  std::size_t p = b;
  for (std::u32string_view v : {U"控制在", U"保持在", U"稳定在", U"达到", U"提高到", U"降至", U"不低于", U"不超过"})
    if (d.ends_with(p, v)) {
      p -= v.size();
      break;
    }
  return d.before(p) == U'应' && !d.ends_with(p, U"响应") && !d.ends_with(p, U"供应") && !d.ends_with(p, U"适应");
}

/// A Chinese numeral ending a list of names (东城、西城和北湖三个区; 公安、农业农村等十余个部门)
/// or joined by 和/及/与/或/等: it counts what the list names.
bool ends_a_list(const doc& d, std::size_t p, std::size_t line_start) {
  if (p <= line_start) return false;
  const char32_t c = d.before(p);
  if (c == U'和' || c == U'及' || c == U'与' || c == U'或' || c == U'等') return true;
  const std::size_t lim = p > line_start + 24 ? p - 24 : line_start;
  for (std::size_t k = p; k > lim; --k) {
    const char32_t x = d.before(k);
    if (x == U'、' || x == U'和' || x == U'及' || x == U'等') return true;
    if (is_clause_end(x) || is_digit(x)) return false;
  }
  return false;
}

/// The characters at which scan_line has something to do: quotes, digits, Chinese numerals, 上
/// of 上万. Any other character is stepped over after one test.
constexpr char_filter scan_starts{U"“《「『〈‘”》」』〉’\"0123456789〇零一二两三四五六七八九十百千万亿上"};

class scanner {
 public:
  scanner(const doc& d, std::vector<date_mention>& dates, std::optional<int>& first_year)
      : d_(d), dates_(dates), first_year_(first_year) {}

  void scan_line(std::size_t b, std::size_t e) {
    int depth = 0;
    bool ascii_quote = false;
    std::size_t i = b;
    while (i < e) {
      const char32_t c = d_.at(i);
      if (!scan_starts.may_hold(c)) {
        ++i;
        continue;
      }
      if (is_open_quote(c)) {
        ++depth;
        ++i;
        continue;
      }
      if (is_close_quote(c)) {
        depth = depth > 0 ? depth - 1 : 0;
        ++i;
        continue;
      }
      if (c == U'"') {
        ascii_quote = !ascii_quote;
        ++i;
        continue;
      }
      const bool arabic = is_digit(c);
      const bool chinese = !arabic && is_cn_numeral(c);
      const bool shang = c == U'上' && is_multiplier(d_.at(i + 1)) && i + 2 < e;
      if (!arabic && !chinese && !shang) {
        ++i;
        continue;
      }
      if (shang) {
        i = on_shang(i, e);
        continue;
      }
      const auto r = read_run(d_, i, e);
      if (!r) {
        ++i;
        continue;
      }
      i = std::max(r->e, on_run(*r, b, e, depth > 0 || ascii_quote));
    }
  }

  std::vector<mention> take() { return std::move(out_); }
  void reserve(std::size_t n) { out_.reserve(n); }

 private:
  /// 上万人, 上亿元: 10⁴ / 10⁸ and more.
  std::size_t on_shang(std::size_t i, std::size_t e) {
    const std::size_t n = i + 1;
    const auto* mw = lexicon::measure_at(d_, n + 1);
    if (!mw || mw->cls == measure_class::pp || mw->cls == measure_class::times || n + 1 >= e) return i + 1;
    mention m;
    m.start = m.qual_start = i;
    m.qual_end = m.num_start = n;
    m.num_end = n + 1;
    m.unit_start = n + 1;
    m.unit_end = m.end = n + 1 + mw->written.size();
    m.unit = mw->unit;
    m.cls = mw->cls;
    m.qual = qualifier::more_than;
    m.chinese = true;
    m.fig.value = decimal{1}.shifted(d_.at(n) == U'万' ? 4 : 8);
    m.fig.last_digit = d_.at(n) == U'万' ? 4 : 8;
    m.fig.approximate = true;
    out_.push_back(std::move(m));
    return out_.back().end;
  }

  void skip(mention& m, const char* why) {
    m.role = mention_role::skipped;
    m.reason = why;
    out_.push_back(std::move(m));
  }

  /// Years and dates at a 4-digit run followed by 年; months and days. Returns the end of what
  /// was consumed, or npos when the run is none of these.
  std::size_t try_date(const run& r, std::size_t e) {
    const std::size_t len = r.e - r.b;
    const bool four = len == 4 && (r.chinese ? digit_by_digit(d_, r.b, r.e) : !r.percent);
    if (four && !r.percent) {
      int y = 0;
      for (std::size_t k = r.b; k < r.e; ++k) {
        const char32_t c = d_.at(k);
        y = y * 10 + (is_digit(c) ? static_cast<int>(c - U'0') : cn_digit(c));
      }
      if (y >= 1949 && y <= 2200) {
        // a range 2021-2025年: this year runs into the next one
        const char32_t nx = d_.at(r.e);
        if ((nx == U'-' || nx == U'—' || nx == U'~' || nx == U'至' || nx == U'到' || nx == U'–') &&
            (is_digit(d_.at(r.e + 1)) || (nx == U'—' && d_.at(r.e + 1) == U'—'))) {
          add_skipped(r.b, r.e + 1, "year");
          return r.e + 1;
        }
        if (nx == U'年') {
          if (!first_year_) first_year_ = y;
          std::size_t j = r.e + 1;
          std::size_t mlen = 0;
          const std::size_t mb = j;
          while (j < e && j - mb < 3 && (is_digit(d_.at(j)) || is_cn_numeral(d_.at(j)))) ++j;
          mlen = j - mb;
          const int month = small_value(d_, mb, j);
          if (mlen > 0 && month >= 1 && month <= 12 && d_.at(j) == U'月') {
            ++j;
            const std::size_t db = j;
            while (j < e && j - db < 3 && (is_digit(d_.at(j)) || is_cn_numeral(d_.at(j)))) ++j;
            const int day = small_value(d_, db, j);
            if (j > db && day >= 1 && day <= 31 && (d_.at(j) == U'日' || d_.at(j) == U'号')) {
              ++j;
              if (auto cd = calendar_date::try_parse_chinese(folded_utf8(d_, r.b, j)))
                dates_.push_back({d_.utf8(r.b, j), *cd, date_role::mentioned, {r.b, j}});
              add_skipped(r.b, j, "date");
              return j;
            }
            add_skipped(r.b, db, "date");
            return db;
          }
          add_skipped(r.b, r.e + 1, "year");
          return r.e + 1;
        }
      }
    }
    // months and days without a year: 6月, 6月30日, 一月
    if (!r.percent && d_.at(r.e) == U'月') {
      const int month = small_value(d_, r.b, r.e);
      if (month >= 1 && month <= 12) {
        std::size_t j = r.e + 1;
        const std::size_t db = j;
        while (j < e && j - db < 3 && (is_digit(d_.at(j)) || is_cn_numeral(d_.at(j)))) ++j;
        const int day = small_value(d_, db, j);
        if (j > db && day >= 1 && day <= 31 && (d_.at(j) == U'日' || d_.at(j) == U'号')) {
          add_skipped(r.b, j + 1, "date");
          return j + 1;
        }
        if (!r.chinese) add_skipped(r.b, r.e + 1, "month");
        return r.e + 1;
      }
    }
    if (!r.percent && !r.chinese && (d_.at(r.e) == U'日' || d_.at(r.e) == U'号')) {
      const int day = small_value(d_, r.b, r.e);
      if (day >= 1 && day <= 31) {
        add_skipped(r.b, r.e + 1, "date");
        return r.e + 1;
      }
    }
    return npos;
  }

  void add_skipped(std::size_t b, std::size_t e, const char* why) {
    mention m;
    m.start = m.num_start = b;
    m.num_end = m.unit_start = m.unit_end = m.end = e;
    m.role = mention_role::skipped;
    m.reason = why;
    out_.push_back(std::move(m));
  }

  std::size_t on_run(const run& r, std::size_t line_start, std::size_t e, bool quoted) {
    if (const std::size_t j = try_date(r, e); j != npos) return j;

    mention m;
    m.num_start = r.b;
    m.num_end = r.e;
    m.chinese = r.chinese;
    m.quoted = quoted;
    // the figure as written: one stretch of the text, unless a multiplier or 成 is added below
    u32 figure_text = d_.view(r.b, r.e);
    std::u32string figure_buf;
    if (r.bare_unit) {
      figure_buf = U"一";
      figure_buf.append(figure_text);
      figure_text = figure_buf;
    }
    auto add_to_figure = [&](char32_t c) {
      if (figure_buf.empty()) figure_buf.assign(figure_text);
      figure_buf.push_back(c);
      figure_text = figure_buf;
    };
    bool percent = r.percent;

    // what comes after: 余/多 (and a multiplier after them), the measure word, (次), 以上 …
    std::size_t j = r.e;
    if (!percent) {
      if (const auto* q = lexicon::infix_qualifier_at(d_, j)) {
        const std::size_t after = j + q->written.size();
        const bool mult = !r.chinese && is_multiplier(d_.at(after)) && !is_multiplier(d_.at(r.e - 1));
        if (mult || lexicon::measure_at(d_, after)) {
          m.squal_start = j;
          m.squal_end = after;
          m.qual = q->q;
          j = after;
          if (mult) {
            add_to_figure(d_.at(j));
            ++j;
          }
        }
      }
    }
    const lexicon::measure_word* mw = nullptr;
    if (!percent) mw = lexicon::measure_at(d_, j);
    if (mw && mw->unit == "分" && !score_follows(d_, j + 1, e)) mw = nullptr;  // 分别, 分局, 十分
    // 通 counts calls and letters (41.3万通); 通过, 通报, 通知, 通道 … are words that start there
    if (mw && mw->unit == "通" && std::u32string_view(U"过报知道畅达行信用车航告").find(d_.at(j + 1)) != std::u32string_view::npos)
      mw = nullptr;
    m.unit_start = j;
    if (mw) {
      m.unit = mw->unit;
      m.cls = mw->cls;
      j += mw->written.size();
      // 微克/立方米, 元/人, 件/万人: a rate keeps its denominator
      if (d_.at(j) == U'/') {
        if (const auto den = per_unit_at_for(d_, j + 1, m.unit)) {
          m.unit = den->unit;
          j += 1 + den->length;
        }
      }
      // 2.3万余台次, 43.6万辆次: a classifier with 次 written after it counts occasions, as 场(次)
      // does; not 次 starting a word (次要, 次级, 次日, 次年 …)
      if (d_.at(j) == U'次' && lexicon::per_occasion(m.unit) != m.unit &&
          std::u32string_view(U"要级日年月序数第会全生").find(d_.at(j + 1)) == std::u32string_view::npos) {
        m.unit = lexicon::per_occasion(m.unit);
        ++j;
      }
      // 场(次) → 场次
      if (d_.at(j) == U'(') {
        std::size_t k = j + 1;
        while (k < e && k - j <= 4 && d_.at(k) != U')') ++k;
        const u32 inner = d_.view(j + 1, k);
        if (d_.at(k) == U')' && (inner == U"次" || inner == U"人次" || inner == U"户次" || inner == U"件次")) {
          m.unit = lexicon::per_occasion(m.unit);
          j = k + 1;
        }
      }
    } else if (!percent && d_.at(j) == U'成') {
      const int v = small_value(d_, r.b, r.e);  // 三成, 七成以上, 近两成: tenths
      const char32_t nx = d_.at(j + 1);
      // 近两成已整改, 三成以上: tenths unless 成 starts a word (成为, 成立, 成效, 一成不变 …)
      static constexpr std::u32string_view words_with_cheng = U"为立果效本功员都熟交绩年就长不了片批品型";
      if (v >= 1 && v <= 10 && (j + 1 >= e || words_with_cheng.find(nx) == std::u32string_view::npos)) {
        percent = true;
        add_to_figure(U'成');
        ++j;
        m.num_end = j;
      }
    }
    if (percent) {
      m.cls = measure_class::percent;
      m.unit = "%";
      if (m.num_end < j) m.num_end = j;
    }
    m.unit_end = j;
    // doubling: 翻一番, 翻两番, 翻了一番
    if (r.chinese && d_.at(r.e) == U'番' &&
        (d_.ends_with(r.b, U"翻") || d_.ends_with(r.b, U"翻了"))) {
      m.start = r.b;
      m.unit = "番";
      m.cls = measure_class::times;
      m.unit_end = m.end = r.e + 1;
      if (auto f = detail::try_parse_figure(figure_text)) {
        m.fig = *f;
        out_.push_back(std::move(m));
      }
      return r.e + 1;
    }
    if (m.cls == measure_class::duration && d_.at(j) == U'内' && m.squal_end == m.squal_start) {
      m.squal_start = j;  // 3个月内, 15个工作日内: a time limit, at most
      m.squal_end = j + 1;
      m.qual = qualifier::at_most;
      ++j;
    } else if (mw || percent) {
      if (const auto* q = lexicon::suffix_qualifier_at(d_, j)) {
        const bool loose = q->written == U"余" || q->written == U"多";
        if (!loose || (m.cls == measure_class::duration && m.squal_end == m.squal_start)) {
          m.squal_start = j;
          m.squal_end = j + q->written.size();
          m.qual = q->q;
          j = m.squal_end;
        }
      }
    }
    m.end = j;
    // what comes before: 超, 近, 约, 不足 …
    m.start = r.b;
    if (const auto* q = lexicon::prefix_qualifier_before(d_, r.b)) {
      if (r.b >= line_start + q->written.size()) {
        m.qual_start = r.b - q->written.size();
        m.qual_end = r.b;
        m.start = m.qual_start;
        m.qual = q->q;
      }
    }
    const auto fig = detail::try_parse_figure(figure_text);
    if (!fig) {
      if (!r.chinese) skip(m, "unparsable");
      return m.end;
    }
    m.fig = *fig;

    // ---- what it is not
    const char32_t before = d_.before(r.b);
    const char32_t after = d_.at(r.e);
    if (!r.chinese) {
      if (is_latin(before) || is_latin(after) || before == U'+' || after == U'+' || before == U'/' ||
          (after == U'/' && !mw) || (after == U':' && is_digit(d_.at(r.e + 1))) || before == U'#' ||
          before == U'-' || (after == U'-' && is_digit(d_.at(r.e + 1))) || before == U'.') {
        skip(m, "code");
        return m.end;
      }
    }
    if (before == U'第' || (m.qual_start < m.qual_end && d_.before(m.qual_start) == U'第')) {
      if (mw || percent || !r.chinese) skip(m, "ordinal");
      return m.end;
    }
    // 数十家, 数百人: no value is stated (十余个 states one: more than 10)
    if (r.chinese && before == U'数') {
      skip(m, "vague");
      return m.end;
    }
    // 新中国成立70周年, 建党100周年: an anniversary names an occasion, it counts nothing
    if (mw && mw->unit == "周" && d_.at(m.unit_end) == U'年') {
      skip(m, "anniversary");
      return m.end;
    }
    // 居全省前三位, 排名前5名: a rank, not a count
    if (before == U'前' && mw && (mw->unit == "人" || d_.has(m.unit_start, U"名"))) {
      skip(m, "rank");
      return m.end;
    }
    // 不足10万元的小额案件, 5000元以上的罚款: an amount bounding a category of cases, not a sum stated
    if (mw && m.cls == measure_class::money && m.qual != qualifier::exact && m.qual != qualifier::about &&
        m.qual != qualifier::nearly && d_.at(m.end) == U'的' && is_han(d_.at(m.end + 1))) {
      skip(m, "category");
      return m.end;
    }
    // 高于市里确定的95%目标值, 省定60%的考核指标, 考核指标15%的问责红线: the yardstick a figure is
    // measured against; 应不低于95%, 应控制在15%以内: what should be. Neither is an achieved figure.
    if ((percent || d_.at(m.end) == U'的') && benchmark_follows(d_, m.end)) {
      skip(m, "benchmark");
      return m.end;
    }
    if ((mw || percent) && should_precede(d_, m.start)) {
      skip(m, "benchmark");
      return m.end;
    }
    if (mw && is_session_ordinal(d_, m, line_start)) {
      skip(m, "ordinal");
      return m.end;
    }
    if (!mw && !percent) {
      if (!r.chinese) {
        const bool enumeration = after == U'、' || (after == U')' && before == U'(') ||
                                 (after == U'.' && r.b == line_start);
        if (enumeration) {
          skip(m, "enumeration");
          return m.end;
        }
        if (quoted) {
          skip(m, "quoted");
          return m.end;
        }
        const bool counted = lexicon::longest_before(d_, m.start, lexicon::counting_verbs()) > 0 &&
                             (m.end >= e || is_clause_end(d_.at(m.end)) || d_.at(m.end) == U'、');
        if (!counted) {
          skip(m, "no_measure");
          return m.end;
        }
        out_.push_back(std::move(m));
        return out_.back().end;
      }
      return r.e;  // a Chinese numeral without a measure word: a word, not a figure
    }
    if (quoted) {
      skip(m, "quoted");
      return m.end;
    }
    if (in_fixed_term(d_, r.b)) {
      skip(m, "fixed_term");
      return m.end;
    }
    if (r.chinese && r.e - r.b == 1 && d_.at(r.b) == U'一' && !percent) {
      skip(m, "article");
      return m.end;
    }
    const bool streak = d_.ends_with(m.start, U"连续");
    if (m.cls == measure_class::duration && !streak) {
      const std::size_t pb = lexicon::longest_before(d_, m.start, lexicon::period_before());
      const bool near = m.qual_start < m.qual_end && d_.view(m.qual_start, m.qual_end) == U"近";
      if (near || pb > 0 || lexicon::longest_at(d_, m.end, lexicon::period_after()) > 0) {
        skip(m, "period");
        return m.end;
      }
      // 三年攻坚行动, 五年实施方案, 3年行动计划: the name of a plan, not a span of time
      const char32_t nx = d_.at(m.end);
      if (is_han(nx) && !d_.has(m.end, U"时间") &&
          (lexicon::longest_at(d_, m.end, lexicon::plan_name_nouns()) > 0 ||
           (r.chinese && lexicon::longest_at(d_, m.end, lexicon::predicate_words()) == 0))) {
        skip(m, "fixed_term");
        return m.end;
      }
    }
    if (r.chinese && m.cls != measure_class::percent) {
      const char32_t nx = d_.at(m.end);
      const bool noun_after = is_han(nx) && lexicon::longest_at(d_, m.end, lexicon::predicate_words()) == 0;
      // 二十余家 (an infix qualifier); 连续两年, 连续三届被评为: a streak's count, not a word
      // (extract_changes.cpp reads it)
      const bool infix = m.squal_end > m.squal_start && m.squal_end <= m.unit_start;
      if (noun_after && m.qual_start == m.qual_end && !infix && !streak &&
          !count_may_start(d_, m.start, line_start) && !ends_a_list(d_, m.start, line_start)) {
        skip(m, "fixed_term");
        return m.end;
      }
    }
    out_.push_back(std::move(m));
    return out_.back().end;
  }

  const doc& d_;
  std::vector<date_mention>& dates_;
  std::optional<int>& first_year_;
  std::vector<mention> out_;
};

// ---- labels ---------------------------------------------------------------------------------------

/// Drops words from the start of [b, e) while something is left.
void strip_leading(const doc& d, std::size_t& b, std::size_t e) {
  for (int guard = 0; guard < 12 && b < e; ++guard) {
    d.trim(b, e);
    std::size_t n = lexicon::longest_at(d, b, lexicon::leading_words());
    if (n == 0) {
      // time words left over after a year: 以来, 年底前, 上半年 …
      n = lexicon::longest_at(d, b, lexicon::time_leftovers());
      if (n > 0 && !(b > 0 && (is_digit(d.before(b)) || d.before(b) == U'年' || d.before(b) == U'月' ||
                               is_clause_end(d.before(b)) || d.before(b) == U' ')))
        n = 0;
    }
    if (n == 0 || b + n >= e) break;
    if (d.at(b + n) == U',' || d.at(b + n) == U'、') break;
    b += n;
  }
  d.trim(b, e);
}

void strip_trailing(const doc& d, std::size_t b, std::size_t& e) {
  for (int guard = 0; guard < 6 && e > b; ++guard) {
    d.trim(b, e);
    const std::size_t n = lexicon::longest_before(d, e, lexicon::trailing_words());
    if (n == 0 || e - n < b + 2) break;
    e -= n;
  }
  d.trim(b, e);
}

/// The last occurrence of any of `words` in [b, e): the position after it, or npos.
std::size_t after_last(const doc& d, std::size_t b, std::size_t e, const lexicon::word_list& words) {
  for (std::size_t i = e; i-- > b;) {
    const std::size_t n = lexicon::longest_at(d, i, words);
    if (n > 0 && i + n <= e) return i + n;
  }
  return npos;
}

std::size_t after_last_char(const doc& d, std::size_t b, std::size_t e, char32_t c) {
  for (std::size_t i = e; i-- > b;)
    if (d.at(i) == c) return i + 1;
  return npos;
}

/// Opening quotes and brackets cut off at the start, closing ones left at the end, balance.
void balance(const doc& d, std::size_t& b, std::size_t& e) {
  while (b < e && (is_close_quote(d.at(b)) || d.at(b) == U')' || d.at(b) == U'、')) ++b;
  while (e > b && (is_open_quote(d.at(e - 1)) || d.at(e - 1) == U'(' || d.at(e - 1) == U'、')) --e;
  d.trim(b, e);
}

/// The cleaned span of a count-before phrase [b, e).
text_span clean_before(const doc& d, std::size_t b, std::size_t e) {
  d.trim(b, e);
  balance(d, b, e);
  strip_leading(d, b, e);
  strip_trailing(d, b, e);
  if (e > b) {
    // 办理行政应诉案件 → 行政应诉案件, but 办理时限 and 实施方案 are nouns
    if (const std::size_t n = lexicon::longest_at(d, b, lexicon::dummy_verbs());
        n > 0 && e - b - n >= 2 && lexicon::longest_at(d, b + n, lexicon::process_nouns()) == 0)
      b += n;
  }
  // 组织企业开展线下沟通活动, 全市累计提供法律咨询服务: what the last empty verb takes is counted
  if (const std::size_t p = after_last(d, b + 1, e, lexicon::dummy_verbs());
      p != npos && (e - p >= 4 || (e - b > long_label && e - p >= 2)))
    b = p;
  if (e - b > long_label) {
    if (const std::size_t p = after_last_char(d, b + 1, e, U'等'); p != npos && e - p >= 2) b = p;
  }
  if (e - b > long_label + 4) {
    if (const std::size_t p = after_last_char(d, b + 1, e, U'、'); p != npos && e - p >= 4) b = p;
  }
  strip_leading(d, b, e);
  balance(d, b, e);
  return {b, e};
}

}  // namespace

std::string label_phrase(const doc& d, std::size_t from, std::size_t to) {
  const text_span s = clean_before(d, from, to);
  return d.utf8(s.start, s.end);
}

namespace {

/// The noun after a count-after figure: [a, …) up to a predicate word, a boundary, a quote (once
/// something is read) or a new figure.
text_span noun_after(const doc& d, std::size_t a) {
  std::size_t i = a;
  const std::size_t lim = std::min(d.size(), a + max_noun);
  int depth = 0;
  while (i < lim) {
    const char32_t c = d.at(i);
    if (is_clause_end(c) || c == U'、') break;
    if (is_open_quote(c)) {
      if (i > a) break;
      ++depth;
      ++i;
      continue;
    }
    if (is_close_quote(c)) {
      depth = depth > 0 ? depth - 1 : 0;
      ++i;
      continue;
    }
    if (depth == 0) {
      if (c == U'(') {
        std::size_t k = i + 1;
        while (k < lim && k - i <= 6 && d.at(k) != U')' && !is_clause_end(d.at(k))) ++k;
        if (d.at(k) == U')') {
          i = k + 1;
          continue;
        }
        break;
      }
      if (is_digit(c)) break;
      if (i > a && cn_digit(c) >= 1 && lexicon::measure_at(d, i + 1)) break;
      if (i > a && lexicon::longest_at(d, i, lexicon::predicate_words()) > 0) break;
      if (i >= a + 2 && lexicon::longest_at(d, i, lexicon::predicate_chars()) > 0) break;
      if (!is_han(c) && !is_latin(c) && c != U'(' && c != U')') break;
    }
    ++i;
  }
  std::size_t b = a, e = i;
  d.trim(b, e);
  // a generic head noun first: the rest is said about it (单位行政执法主体资格 → 单位)
  if (const std::size_t h = lexicon::longest_at(d, b, lexicon::head_nouns()); h > 0 && e - b >= h + 2 &&
                                                                             d.at(b + h) != U'(')
    e = b + h;
  // nouns of action at the end: …事项评估 → …事项
  for (int guard = 0; guard < 2; ++guard) {
    const std::size_t n = lexicon::longest_before(d, e, lexicon::action_nouns());
    if (n == 0 || e - n < b + 2) break;
    e -= n;
  }
  return {b, e};
}

struct label_result {
  std::string text;
  bool after = false;
};

/// Where 连续 starts when [.., end) ends with a streak 连续N年 (次, 届), else npos.
std::size_t streak_start_before(const doc& d, std::size_t end) {
  if (end < 4) return npos;
  const char32_t u = d.at(end - 1);
  if (u != U'年' && u != U'次' && u != U'届') return npos;
  std::size_t k = end - 1;
  while (k > 0 && (is_digit(d.at(k - 1)) || is_cn_numeral(d.at(k - 1)))) --k;
  if (k == end - 1 || k < 2 || d.at(k - 2) != U'连' || d.at(k - 1) != U'续') return npos;
  return k - 2;
}

label_result label_of_plain(const doc& d, const mention& m, std::size_t prev_end);

/// The label of mention m; `prev_end` is where the previous numeral of the body ends.
/// A streak shares its subject with the figure after it: in 出庭应诉率连续5年保持100% the 100% is
/// labelled 出庭应诉率 (the streak's own label is set where streaks are found).
label_result label_of(const doc& d, const mention& m, std::size_t prev_end) {
  constexpr std::size_t max_streak_verb = 4;  // 保持, 达到, 稳定在
  const std::size_t cs = clause_start(d, m.start, label_window);
  if (prev_end != npos && prev_end > cs && prev_end <= m.start && m.start - prev_end <= max_streak_verb) {
    if (const std::size_t ss = streak_start_before(d, prev_end); ss != npos && ss > cs) {
      std::size_t b = cs;
      while (b < ss && (d.at(b) == U'、' || is_space(d.at(b)))) ++b;
      const text_span s = clean_before(d, b, ss);
      if (s.end > s.start) return {d.utf8(s.start, s.end), false};
    }
  }
  return label_of_plain(d, m, prev_end);
}

label_result label_of_plain(const doc& d, const mention& m, std::size_t prev_end) {
  std::size_t cs = clause_start(d, m.start, label_window);
  if (prev_end != npos && prev_end > cs && prev_end <= m.start) cs = prev_end;
  while (cs < m.start && (d.at(cs) == U'、' || is_space(d.at(cs)))) ++cs;

  // count after: 389家保安服务企业, 86.15%的执法力量…
  std::size_t a = m.end;
  bool de = false;
  if (d.at(a) == U'的') {
    de = true;
    ++a;
  }
  const char32_t nx = d.at(a);
  // (not a conjunction: 320人和285人 counts before, the 和 joins two figures)
  const bool noun_follows = (is_han(nx) || is_open_quote(nx)) && cn_digit(nx) < 0 && nx != U'和' && nx != U'与' &&
                            nx != U'及' && nx != U'或' &&
                            lexicon::longest_at(d, a, lexicon::predicate_words()) == 0 &&
                            lexicon::longest_at(d, a, lexicon::yoy_words()) == 0 &&
                            lexicon::longest_at(d, a, lexicon::mom_words()) == 0;
  const bool after = de || noun_follows;
  if (after && m.cls == measure_class::percent) {
    std::size_t e = clause_end(d, a, max_after_label);
    std::size_t b = a;
    d.trim(b, e);
    return {d.utf8(b, e), true};
  }
  if (after) {
    text_span n = noun_after(d, a);
    if (n.end > n.start) {
      // X、Y等39个领域 → X、Y等领域
      if (d.before(m.start) == U'等' && n.end - n.start <= 3) {
        std::size_t b = cs, e = m.start;
        strip_leading(d, b, e);
        for (int guard = 0; guard < 3; ++guard) {
          std::size_t k = lexicon::longest_at(d, b, lexicon::predicate_words());
          if (k == 0) k = lexicon::longest_at(d, b, lexicon::count_verbs());
          if (k == 0) k = lexicon::longest_at(d, b, lexicon::predicate_chars());
          if (k == 0 || b + k >= e) break;
          b += k;
        }
        balance(d, b, e);
        if (e > b + 1 && e - b <= long_label) return {d.utf8(b, e) + d.utf8(n.start, n.end), true};
      }
      return {d.utf8(n.start, n.end), true};
    }
  }
  // count before: 全市新收行政复议案件超1.11万件
  text_span s = clean_before(d, cs, m.start);
  if (s.end > s.start && d.at(m.end) == U'、') {
    // the first item of a list shares its verb with the others: 受理法律援助案件2300件、公证事项…
    std::size_t n = lexicon::longest_at(d, s.start, lexicon::predicate_words());
    if (n == 0) n = lexicon::longest_at(d, s.start, lexicon::count_verbs());
    if (n > 0 && s.end - s.start >= n + 2) s.start += n;
  }
  if (s.end > s.start) return {d.utf8(s.start, s.end), false};
  // nothing before: what follows the figure (3000余人参加培训)
  std::size_t e = clause_end(d, a, max_after_label);
  std::size_t b = a;
  d.trim(b, e);
  return {d.utf8(b, e), true};
}

/// What scopes a position, read in one forward pass over the text: the sentence it is in and
/// the last 累计 in that sentence, the clause and the last 平均 (人均, 日均 …) in that clause.
struct context {
  explicit context(const doc& d) : d_(d) {}
  void advance(std::size_t to) noexcept {
    for (; pos_ < to && pos_ < d_.size(); ++pos_) {
      const char32_t c = d_.at(pos_);
      if (is_clause_end(c)) {
        average_at = npos;
        if (is_sentence_end(c)) {
          sentence = pos_ + 1;
          cumulative_at = npos;
        }
        continue;
      }
      const char32_t n = d_.at(pos_ + 1);
      if (c == U'累' && n == U'计') cumulative_at = pos_;
      if (n == U'均' && (c == U'平' || c == U'人' || c == U'户' || c == U'日' || c == U'年' || c == U'件'))
        average_at = pos_;
    }
  }
  std::size_t sentence = 0;
  std::size_t cumulative_at = npos;
  std::size_t average_at = npos;

 private:
  const doc& d_;
  std::size_t pos_ = 0;
};

fact_kind kind_of(measure_class c) noexcept {
  switch (c) {
    case measure_class::percent: return fact_kind::percent;
    case measure_class::times: return fact_kind::multiple;
    case measure_class::duration: return fact_kind::duration;
    case measure_class::money: return fact_kind::amount;
    default: return fact_kind::count;
  }
}

}  // namespace

/// 得分分别为71.2、74.6、79.9分; 分别拆除2.1万、1.4万和0.9万平方米; 分别为62.4、18.9和0.37亿元: bare
/// numbers listed before a figure with a measure word share its unit (and its 万/亿 when they
/// have none). Only numbers joined directly by 、 和 及 与 或 take part.
void share_list_units(const doc& d, std::vector<mention>& ms) {
  for (std::size_t i = 1; i < ms.size(); ++i) {
    const mention& last = ms[i];
    if (last.role != mention_role::candidate || last.cls == measure_class::none || last.cls == measure_class::times ||
        last.chinese)
      continue;
    const char32_t mult = is_multiplier(d.at(last.num_end - 1)) ? d.at(last.num_end - 1) : U'\0';
    std::size_t j = i;
    while (j > 0) {
      const mention& p = ms[j - 1];
      const std::string_view why = p.reason;
      if (p.role != mention_role::skipped || (why != "enumeration" && why != "no_measure") || p.chinese) break;
      if (p.end + 1 != ms[j].start) break;
      const char32_t gap = d.at(p.end);
      if (gap != U'、' && gap != U'和' && gap != U'及' && gap != U'与' && gap != U'或') break;
      --j;
    }
    for (std::size_t k = j; k < i; ++k) {
      mention& p = ms[k];
      std::u32string text(d.view(p.num_start, p.num_end));
      if (mult != U'\0' && !is_multiplier(text.back())) text.push_back(mult);
      const auto fig = detail::try_parse_figure(text);
      if (!fig) continue;
      p.fig = *fig;
      p.unit = last.unit;
      p.cls = last.cls;
      p.role = mention_role::candidate;
      p.reason = "";
    }
  }
}

std::vector<mention> scan_mentions(const doc& d, const layout& lay, std::vector<date_mention>& dates,
                                   std::optional<int>& first_year) {
  scanner s(d, dates, first_year);
  s.reserve(d.size() / 32 + 16);
  const auto& ls = d.lines();
  for (std::size_t li = d.line_of(lay.body_start); li < ls.size(); ++li) {
    const line& l = ls[li];
    if (l.start >= lay.body_end) break;
    if (l.furniture) continue;
    s.scan_line(std::max(l.start, lay.body_start), std::min(l.end, lay.body_end));
  }
  auto ms = s.take();
  share_list_units(d, ms);
  return ms;
}

void build_facts(const doc& d, std::vector<mention>& ms, report& r, std::vector<target_goal>& goals) {
  std::size_t prev_end = npos;
  context ctx(d);
  std::size_t prev_fact_sentence = npos;
  std::size_t candidates = 0;
  for (const auto& m : ms) candidates += m.role == mention_role::candidate || m.role == mention_role::fact ? 1 : 0;
  r.facts.reserve(r.facts.size() + candidates);
  // the label of the figure before (fact or goal): a share or the second of a pair borrows it
  std::string prev_label;
  for (std::size_t k = 0; k < ms.size(); ++k) {
    mention& m = ms[k];
    const std::size_t pe = prev_end;
    // a label starts after the numeral before it — unless that one is part of a name (“12345”热线,
    // 三年攻坚行动), which then belongs to the label
    const std::string_view why = m.reason;
    if (m.role != mention_role::skipped || why == "year" || why == "date" || why == "month" || why == "period")
      prev_end = m.end;
    if (m.role != mention_role::candidate && m.role != mention_role::fact && m.role != mention_role::target) continue;
    fact f;
    if (m.label) {
      f.label = *m.label;  // decided by a change pattern (find_changes)
    } else {
      f.label = label_of(d, m, pe).text;
    }
    // 明确七个方面: what stands before the groups of a plan is its verb; the groups are the label
    if (m.unit == "方面" && utf8::length(f.label) <= 3) f.label = "方面";
    f.text = d.utf8(m.start, m.end);
    f.q = to_quantity(m.fig, std::string(m.unit), m.qual);
    if (m.qual != qualifier::exact) {
      std::string qt;
      if (m.qual_end > m.qual_start) qt += d.utf8(m.qual_start, m.qual_end);
      if (m.squal_end > m.squal_start) {
        if (!qt.empty()) qt += "…";
        qt += d.utf8(m.squal_start, m.squal_end);
      }
      f.qualifier_text = qt;
    }
    f.kind = kind_of(m.cls);
    // 累计 scopes the rest of its sentence; 平均 (人均, 日均 …) its clause
    ctx.advance(m.start);
    f.cumulative = ctx.cumulative_at != npos;
    f.average = ctx.average_at != npos;
    // 占比12.5%: a share borrows the label of the figure it is a share of
    if (f.kind == fact_kind::percent && prev_fact_sentence != npos && prev_fact_sentence == ctx.sentence &&
        (f.label == "占比" || f.label == "占" || f.label == "比例" || f.label == "比重" || f.label == "占比达"))
      f.label = prev_label + f.label;
    // 培训人员分别为320人和285人: the second figure of a pair shares the first one's label
    if (prev_fact_sentence != npos && prev_fact_sentence == ctx.sentence &&
        (f.label.empty() || f.label == "和" || f.label == "与" || f.label == "及" || f.label == "以及" || f.label == "或"))
      f.label = prev_label;
    prev_fact_sentence = ctx.sentence;
    prev_label = f.label;
    f.span = {m.start, m.end};
    if (m.role == mention_role::target) {
      // a target's goal: labelled like a fact, but not one (find_targets)
      m.goal = goals.size();
      goals.push_back({std::move(f.label), std::move(f.text), std::move(f.q), std::move(f.qualifier_text), f.kind,
                       f.span});
      continue;
    }
    f.id = "f" + std::to_string(r.facts.size() + 1);
    m.role = mention_role::fact;
    m.fact = r.facts.size();
    r.facts.push_back(std::move(f));
  }
}

}  // namespace annals::detail
