#pragma once
// Internals of the reader's extraction (lib/reader/extract*.cpp, lexicon.cpp); not installed.
//
// The text is held as width-folded code points (full-width digits, letters and punctuation mapped
// to ASCII, compatibility ideographs and Kangxi radicals to unified ideographs, one code point for
// one), so an index into `doc::t` is a code-point offset of the
// decoded text: spans need no conversion. Strings for the report (labels, texts as written) are
// cut from the original UTF-8 text through a table of the byte offset of every code point.

#include <annals/figure.hpp>
#include <annals/reader.hpp>
#include <annals/report.hpp>
#include <annals/text.hpp>

#include "figures/numerals_detail.hpp"

#include <array>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace annals::detail {

using u32 = std::u32string_view;
inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

// ---- characters ---------------------------------------------------------------------------------

[[nodiscard]] constexpr bool is_digit(char32_t c) noexcept { return c >= U'0' && c <= U'9'; }
[[nodiscard]] constexpr bool is_latin(char32_t c) noexcept {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}
/// 0..9 for 〇 零 一 二 两 三 … 九, −1 otherwise (the one numeral table, numerals_detail.hpp).
[[nodiscard]] constexpr int cn_digit(char32_t c) noexcept { return detail::chinese_digit(c); }
/// 十 百 千 万 亿 (the place and group units of Chinese numerals; the simplified forms only, as the
/// reader matches simplified text, where figure parsing also takes 萬 億).
[[nodiscard]] constexpr bool is_cn_unit(char32_t c) noexcept {
  return detail::chinese_unit_exponent(c) > 0 && c != U'萬' && c != U'億';
}
[[nodiscard]] constexpr bool is_cn_numeral(char32_t c) noexcept { return cn_digit(c) >= 0 || is_cn_unit(c); }
[[nodiscard]] constexpr bool is_han(char32_t c) noexcept {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FFFF) ||
         c == U'〇';
}
[[nodiscard]] constexpr bool is_space(char32_t c) noexcept {
  return c == U' ' || c == U'\t' || c == U'\r' || c == 0x3000 || c == 0xA0 || c == 0xFEFF;
}
/// Ends a clause: 。！？；，：and their ASCII forms, and line ends.
[[nodiscard]] constexpr bool is_clause_end(char32_t c) noexcept {
  switch (c) {
    case U'。': case U'！': case U'？': case U'；': case U'!': case U'?': case U';': case U',':
    case U':': case U'\n': case U'，': case U'：': case U'｡':
      return true;
    default:
      return false;
  }
}
/// Ends a sentence: 。！？ and line ends.
[[nodiscard]] constexpr bool is_sentence_end(char32_t c) noexcept {
  switch (c) {
    case U'。': case U'！': case U'？': case U'!': case U'?': case U'\n': case U'｡':
      return true;
    default:
      return false;
  }
}
[[nodiscard]] constexpr bool is_open_quote(char32_t c) noexcept {
  return c == U'“' || c == U'《' || c == U'「' || c == U'『' || c == U'〈' || c == U'‘';
}
[[nodiscard]] constexpr bool is_close_quote(char32_t c) noexcept {
  return c == U'”' || c == U'》' || c == U'」' || c == U'』' || c == U'〉' || c == U'’';
}

/// A filter of a few characters (512 bits, one hash): may_hold(c) is true for each of them and
/// false for most other characters, so a scan can step over ordinary text after one test.
class char_filter {
 public:
  constexpr explicit char_filter(std::u32string_view chars) noexcept {
    for (const char32_t c : chars) {
      const std::uint32_t h = slot(c);
      bits_[h >> 6] |= std::uint64_t{1} << (h & 63u);
    }
  }
  [[nodiscard]] constexpr bool may_hold(char32_t c) const noexcept {
    const std::uint32_t h = slot(c);
    return (bits_[h >> 6] >> (h & 63u)) & 1u;
  }

 private:
  static constexpr std::uint32_t slot(char32_t c) noexcept {
    return (static_cast<std::uint32_t>(c) * 0x9E3779B1u) >> 23;  // 9 bits
  }
  std::array<std::uint64_t, 8> bits_{};
};

/// 一 … 九, 两 and 十: the characters an ordinal marker (一是, 十二是) can start with.
inline constexpr char_filter ordinal_starts{U"一二两三四五六七八九十"};

// ---- the document -------------------------------------------------------------------------------

struct line {
  std::size_t start = 0;  ///< code point of the first character
  std::size_t end = 0;    ///< one past the last character (the newline is not part of the line)
  bool furniture = false;
};

/// The decoded text as the extraction sees it.
class doc {
 public:
  /// `text` must be valid UTF-8 and outlive the doc, unchanged.
  doc(const std::string& text, const std::vector<text_span>& furniture);
  /// Gives the code-point and byte-offset buffers back to the calling thread for the next doc
  /// (up to a size), so that reading report after report does not allocate and fault them in
  /// again each time.
  ~doc();
  doc(const doc&) = delete;
  doc& operator=(const doc&) = delete;

  [[nodiscard]] const std::u32string& t() const noexcept { return t_; }
  [[nodiscard]] std::size_t size() const noexcept { return t_.size(); }
  [[nodiscard]] char32_t at(std::size_t i) const noexcept { return i < t_.size() ? t_[i] : U'\0'; }
  /// The character before i (U'\0' at the start).
  [[nodiscard]] char32_t before(std::size_t i) const noexcept { return i > 0 && i <= t_.size() ? t_[i - 1] : U'\0'; }
  /// t[i, i + w.size()) == w
  [[nodiscard]] bool has(std::size_t i, u32 w) const noexcept {
    return i <= t_.size() && t_.size() - i >= w.size() && u32(t_).substr(i, w.size()) == w;
  }
  /// t[end − w.size(), end) == w
  [[nodiscard]] bool ends_with(std::size_t end, u32 w) const noexcept {
    return end <= t_.size() && end >= w.size() && u32(t_).substr(end - w.size(), w.size()) == w;
  }
  [[nodiscard]] u32 view(std::size_t b, std::size_t e) const noexcept {
    return b < e && b < t_.size() ? u32(t_).substr(b, e - b) : u32{};
  }
  /// Byte offset in the original text of code point `i` (the text's size for i ≥ size()).
  [[nodiscard]] std::size_t byte_at(std::size_t i) const noexcept {
    return i < t_.size() ? static_cast<std::size_t>(bytes_[i]) : text_.size();
  }
  /// The original text of [b, e) as UTF-8 (a view into the text the doc was made from).
  [[nodiscard]] std::string_view utf8_view(std::size_t b, std::size_t e) const noexcept {
    if (b >= e || b >= t_.size()) return {};
    const std::size_t bb = byte_at(b);
    return text_.substr(bb, byte_at(e) - bb);
  }
  /// The original text of [b, e) as UTF-8.
  [[nodiscard]] std::string utf8(std::size_t b, std::size_t e) const { return std::string(utf8_view(b, e)); }
  /// [b, e) without leading and trailing spaces.
  void trim(std::size_t& b, std::size_t& e) const noexcept {
    while (b < e && is_space(t_[b])) ++b;
    while (e > b && is_space(t_[e - 1])) --e;
  }
  [[nodiscard]] std::string utf8_trimmed(std::size_t b, std::size_t e) const {
    trim(b, e);
    return utf8(b, e);
  }

  /// True when the text holds a compatibility ideograph or Kangxi radical that was folded.
  [[nodiscard]] bool has_compatibility_ideographs() const noexcept { return compatibility_ideographs_; }

  [[nodiscard]] const std::vector<line>& lines() const noexcept { return lines_; }
  /// Index of the line holding code point `pos` (the last line for pos ≥ size()).
  [[nodiscard]] std::size_t line_of(std::size_t pos) const noexcept;

 private:
  std::string_view text_;
  std::u32string t_;
  std::vector<std::uint32_t> bytes_;  ///< bytes_[i] = byte offset of code point i in text_
  std::vector<line> lines_;
  bool compatibility_ideographs_ = false;
};

// ---- the layout: where the parts of the report are ---------------------------------------------

struct layout {
  std::optional<std::size_t> title_line;
  std::optional<std::size_t> recipient_line;
  std::optional<std::size_t> signature_line;
  std::optional<std::size_t> date_line;
  std::size_t body_start = 0;  ///< first code point read for facts
  std::size_t body_end = 0;    ///< one past the last
  /// The closing part (problems and next steps) when it is written after the last section as a
  /// paragraph of its own: [outlook_start, outlook_end); npos when there is none.
  std::size_t outlook_start = npos;
  std::size_t outlook_end = npos;
  std::optional<report_year> title_year;
  /// The first 4-digit year written in the title (…2023年度…), whatever its value (1801 too), and
  /// its code-point offset; 0 when the title writes none. Checked against the body's year.
  int title_year_written = 0;
  std::size_t title_year_at = 0;
};

// ---- numerals -----------------------------------------------------------------------------------

enum class measure_class { none, count, percent, times, pp, duration, money };

/// target: the figure a target aims at (力争…达到90%); it becomes its commitment's goal, not a fact.
enum class mention_role { candidate, fact, change, from_value, skipped, target };

/// A numeral of the body with what surrounds it.
struct mention {
  std::size_t start = 0;       ///< as written, prefix qualifier included
  std::size_t num_start = 0;   ///< the figure (百分之 included)
  std::size_t num_end = 0;     ///< end of the figure (%, 万, 亿 included)
  std::size_t unit_start = 0;  ///< the measure word as written ((次) included); == unit_end when none
  std::size_t unit_end = 0;
  std::size_t end = 0;         ///< suffix qualifier included
  figure fig;
  std::string_view unit;       ///< normalised measure word (static storage)
  measure_class cls = measure_class::none;
  qualifier qual = qualifier::exact;
  std::size_t qual_start = 0, qual_end = 0;    ///< prefix qualifier (超, 近 …), empty when none
  std::size_t squal_start = 0, squal_end = 0;  ///< suffix qualifier (余, 以上 …), empty when none
  bool chinese = false;        ///< written in Chinese numerals
  bool quoted = false;         ///< inside “…” or 《…》
  mention_role role = mention_role::candidate;
  const char* reason = "";     ///< why skipped
  std::size_t fact = npos;     ///< index into report::facts once it is a fact
  std::size_t goal = npos;     ///< index into the goals once it is a target's goal (role target)
  std::optional<std::string> label;  ///< decided by a change pattern (由A至B, 连续N年)
};

/// A change before ids are given: `fact_mention` indexes the mentions.
struct change_draft {
  change c;
  std::size_t source = npos;        ///< the mention holding the change's figure
  std::size_t fact_mention = npos;  ///< the mention of the fact it qualifies, when known
  std::size_t list_of = npos;       ///< the draft whose verb it shares (分别下降8.9%和21.3%)
};

/// A numeric target found before the facts are built: where its trigger (力争, 到2027年 …) is and
/// the mention of the figure it aims at.
struct target_draft {
  std::size_t start = 0;       ///< the trigger
  std::size_t mention = npos;  ///< index into the mentions: the goal figure (role target)
};

// ---- passes -------------------------------------------------------------------------------------

/// Title, issuer, jurisdiction, recipient, published date, sections and items, the outlook; adds
/// warnings (no_title, no_sections, multiple_reports) and the published date to r.dates.
void read_layout(const doc& d, report& r, layout& lay);

/// Every numeral of the body (furniture lines skipped); dates and years go to `dates`, the first
/// bare year of the body to `first_year`.
std::vector<mention> scan_mentions(const doc& d, const layout& lay, std::vector<date_mention>& dates,
                                   std::optional<int>& first_year);

/// Marks the mentions that are changes (or their from-values) and returns the changes.
std::vector<change_draft> find_changes(const doc& d, std::vector<mention>& ms);

/// Finds the target triggers of the body (力争, 确保…达到, 有望, 预计, 目标为, 考核指标为, 到<a later
/// year> …) and marks the figure each one aims at (role target): a goal, not an achieved figure.
/// Runs after find_changes and before build_facts, so that goals never become facts and fact ids
/// stay dense. The drafts are in text order.
std::vector<target_draft> find_targets(const doc& d, const layout& lay, std::vector<mention>& ms,
                                       const std::optional<report_year>& year);

/// Turns the remaining candidates into facts with labels and flags (appended to r.facts), and the
/// target mentions into goals (appended to `goals`, labelled the same way; m.goal indexes them).
void build_facts(const doc& d, std::vector<mention>& ms, report& r, std::vector<target_goal>& goals);

/// Labels and fact links of changes.
void finish_changes(const doc& d, const std::vector<mention>& ms, std::vector<change_draft>& drafts,
                    const report& r);

/// Plan statements, problems, next steps, numeric targets (appended to r.commitments); the
/// targets are the drafts of find_targets with their goals.
void find_commitments(const doc& d, const layout& lay, const std::vector<mention>& ms,
                      const std::vector<target_draft>& targets, std::vector<target_goal>& goals, report& r);

// ---- shared helpers -----------------------------------------------------------------------------

/// Start of the clause holding `pos`: after the nearest clause end before it, at most `window`
/// code points back.
[[nodiscard]] std::size_t clause_start(const doc& d, std::size_t pos, std::size_t window = 64) noexcept;
/// End of the clause holding `pos` (the clause end character's index), at most `window` ahead.
[[nodiscard]] std::size_t clause_end(const doc& d, std::size_t pos, std::size_t window = 64) noexcept;
/// Start of the sentence holding `pos`, at most `window` back.
[[nodiscard]] std::size_t sentence_start(const doc& d, std::size_t pos, std::size_t window = 400) noexcept;
/// End of the sentence holding `pos` (index of 。 or the newline), at most `window` ahead.
[[nodiscard]] std::size_t sentence_end(const doc& d, std::size_t pos, std::size_t window = 400) noexcept;

/// The label of what a count-before figure counts: the phrase between `from` and `to`, cleaned.
[[nodiscard]] std::string label_phrase(const doc& d, std::size_t from, std::size_t to);

/// N是 or N要 at i (一是, 二是 …; 一要, 二要 …) with a clause boundary (or the line start) before it: its ordinal, and
/// the marker's length in `len`; 0 when there is none.
[[nodiscard]] int item_marker_at(const doc& d, std::size_t i, std::size_t line_start, std::size_t& len);

/// Value of a Chinese ordinal written 一 … 九十九 at t[i..); its length in `len`; 0 when none.
[[nodiscard]] int cn_ordinal_at(const doc& d, std::size_t i, std::size_t& len) noexcept;

}  // namespace annals::detail

// ---- the word tables (lexicon.cpp) ---------------------------------------------------------------

namespace annals::detail::lexicon {

struct measure_word {
  u32 written;            ///< as matched (folded text)
  std::string_view unit;  ///< normalised
  measure_class cls;
};
struct qualifier_word {
  u32 written;
  qualifier q;
};

/// Where in a character-keyed filter of 512 bits a character falls.
[[nodiscard]] constexpr std::uint32_t char_slot(char32_t c) noexcept {
  return (static_cast<std::uint32_t>(c) * 0x9E3779B1u) >> 23;  // 9 bits
}

/// The words of a closed list indexed by their first and by their last character: a 512-bit
/// filter on each says in one test that no word starts (ends) with a character, and copies
/// sorted by first (last) character give the few words that do by binary search.
class word_list {
 public:
  using bits = std::array<std::uint64_t, 8>;
  constexpr word_list(std::span<const u32> words, std::span<const u32> by_first, std::span<const u32> by_last,
                      const bits& first, const bits& last) noexcept
      : words_(words), by_first_(by_first), by_last_(by_last), first_(&first), last_(&last) {}

  [[nodiscard]] constexpr auto begin() const noexcept { return words_.begin(); }
  [[nodiscard]] constexpr auto end() const noexcept { return words_.end(); }
  [[nodiscard]] constexpr std::size_t size() const noexcept { return words_.size(); }

  /// False when no word starts with c (true: some may).
  [[nodiscard]] bool may_start(char32_t c) const noexcept { return test(*first_, c); }
  /// False when no word ends with c.
  [[nodiscard]] bool may_end(char32_t c) const noexcept { return test(*last_, c); }
  /// The words that start with c.
  [[nodiscard]] std::span<const u32> starting_with(char32_t c) const noexcept;
  /// The words that end with c.
  [[nodiscard]] std::span<const u32> ending_with(char32_t c) const noexcept;

 private:
  static bool test(const bits& b, char32_t c) noexcept {
    const std::uint32_t h = char_slot(c);
    return (b[h >> 6] >> (h & 63u)) & 1u;
  }
  std::span<const u32> words_, by_first_, by_last_;
  const bits* first_;
  const bits* last_;
};

/// The longest measure word at t[i..] (nullptr when none).
[[nodiscard]] const measure_word* measure_at(const doc& d, std::size_t i) noexcept;
/// `base` counted per occasion: 场 → 场次, 件 → 件次 (unchanged when it already is, or unknown).
[[nodiscard]] std::string_view per_occasion(std::string_view base) noexcept;
/// `unit` in storage that lives as long as the program (units made of two measure words,
/// 公里/平方公里, are not in the tables); safe from several threads.
[[nodiscard]] std::string_view intern(std::string unit);
/// The longest qualifier written right before `end` (prefix qualifiers: 超, 超过, 近, 约, 不足 …).
[[nodiscard]] const qualifier_word* prefix_qualifier_before(const doc& d, std::size_t end) noexcept;
/// The suffix qualifier at t[i..] (以上, 以下, 以内, 左右, 余, 多, 上下).
[[nodiscard]] const qualifier_word* suffix_qualifier_at(const doc& d, std::size_t i) noexcept;
/// Qualifier written between a figure and its measure word (余, 多).
[[nodiscard]] const qualifier_word* infix_qualifier_at(const doc& d, std::size_t i) noexcept;

/// Length of the longest word of `words` at t[i..]; 0 when none.
[[nodiscard]] std::size_t longest_at(const doc& d, std::size_t i, const word_list& words) noexcept;
/// Length of the longest word of `words` ending right before `end`; 0 when none.
[[nodiscard]] std::size_t longest_before(const doc& d, std::size_t end, const word_list& words) noexcept;

/// Fixed terms and slogans with a numeral inside (两个确立, 八项规定, 三项制度 …).
[[nodiscard]] const word_list& fixed_terms() noexcept;
/// Verbs, prepositions and adverbs that end the noun after a measure word (开展, 围绕, 在 …).
[[nodiscard]] const word_list& predicate_words() noexcept;
/// Single characters that end that noun once it has two characters (在, 对, 向, 的 …).
[[nodiscard]] const word_list& predicate_chars() noexcept;
/// Verbs that say nothing about what is counted (开展, 办理, 组织, 召开 …).
[[nodiscard]] const word_list& dummy_verbs() noexcept;
/// Verbs after which a Chinese numeral may start a count (明确, 新建, 服务 …), besides the
/// predicate words.
[[nodiscard]] const word_list& count_verbs() noexcept;
/// Nouns that form a compound with an empty verb before them (时限, 方案, 效率 …).
[[nodiscard]] const word_list& process_nouns() noexcept;
/// Nouns after a time span that make it a plan's name (行动, 计划, 方案 …).
[[nodiscard]] const word_list& plan_name_nouns() noexcept;
/// Verbs that state a plan's size (明确, 确定, 部署 …).
[[nodiscard]] const word_list& plan_verbs() noexcept;
/// Time words left at the start of a label after a year (以来, 年底前, 上半年 …).
[[nodiscard]] const word_list& time_leftovers() noexcept;
/// Connectives and adverbs dropped from the start of a label (其中, 同时, 累计, 全面 …).
[[nodiscard]] const word_list& leading_words() noexcept;
/// Linking words dropped from the end of a label (达到, 达, 为, 保持在 …).
[[nodiscard]] const word_list& trailing_words() noexcept;
/// Nouns of action dropped from the end of a noun after a measure word (评估, 整改 …).
[[nodiscard]] const word_list& action_nouns() noexcept;
/// Generic head nouns that end the noun after a measure word (单位, 部门, 企业 …).
[[nodiscard]] const word_list& head_nouns() noexcept;
/// Words before a bare number that make it a count (达, 达到, 共计 …).
[[nodiscard]] const word_list& counting_verbs() noexcept;
/// Words before a Chinese numeral that let it start a count (全市, 共, 新增 …).
[[nodiscard]] const word_list& scope_words() noexcept;
/// Growth verbs, up and down (增长, 提高 … / 下降, 减少 …).
[[nodiscard]] const word_list& up_verbs() noexcept;
[[nodiscard]] const word_list& down_verbs() noexcept;
/// 增幅, 增速, 涨幅 (up) and 降幅 (down): nouns of growth followed by 为/达.
[[nodiscard]] const word_list& up_nouns() noexcept;
[[nodiscard]] const word_list& down_nouns() noexcept;
/// Words of comparison with the year before (同比, 比上年, 较上年 …) and the month before (环比).
[[nodiscard]] const word_list& yoy_words() noexcept;
[[nodiscard]] const word_list& mom_words() noexcept;
/// Words before a time span that make it a period, not a figure (近, 今后, 未来, 过去 …).
[[nodiscard]] const word_list& period_before() noexcept;
/// Words after a time span that make it a period (来, 以来, 内, 间 …).
[[nodiscard]] const word_list& period_after() noexcept;
/// Words that announce a target (力争, 确保, 争取, 目标是 …).
[[nodiscard]] const word_list& target_words() noexcept;
/// Words of admitted problems (问题, 不足, 短板, 差距 …) and of their existence (存在, 仍有 …).
[[nodiscard]] const word_list& problem_nouns() noexcept;
[[nodiscard]] const word_list& problem_verbs() noexcept;
/// Words that introduce the list of problems (如, 主要是, 主要表现在 …).
[[nodiscard]] const word_list& problem_intro() noexcept;
/// Words that announce the next steps (下一步, 下步, 明年, 今后 …).
[[nodiscard]] const word_list& outlook_words() noexcept;
/// Headings of a section that is the outlook (问题, 不足, 下一步, 打算, 计划, 思路 …).
[[nodiscard]] const word_list& outlook_heading_words() noexcept;
/// Nouns of plans (工作安排, 工作要点, 实施方案, 任务清单 …) and of tasks (任务, 举措, 措施 …).
[[nodiscard]] const word_list& plan_documents() noexcept;
[[nodiscard]] const word_list& task_nouns() noexcept;

}  // namespace annals::detail::lexicon
