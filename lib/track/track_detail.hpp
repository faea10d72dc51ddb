#pragma once
// Internals of the tracker (lib/track/*.cpp): code-point text, sentence and clause
// segmentation, the regions of a report (body, problems, next steps), character bigrams with
// IDF weights, status cues. Not installed; never included by public headers.

#include <annals/plan.hpp>
#include <annals/report.hpp>
#include <annals/track.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace annals::detail {

// ---- code points -----------------------------------------------------------------------
/// Decodes UTF-8 (an invalid byte becomes U+FFFD and counts as one code point, like the reader);
/// compatibility ideographs and Kangxi radicals become the unified ideographs they stand for
/// (annals::to_unified_ideograph, one code point for one), so ⾏政 and 行政 match.
std::u32string decode(std::string_view utf8);
std::string encode(std::u32string_view text);
bool is_han(char32_t c) noexcept;
bool is_digit(char32_t c) noexcept;

// ---- thresholds of rubric annals-track/1 (docs/tracking.md) -------------------------------
inline constexpr double match_threshold = 0.5;      // a part is matched by a passage
inline constexpr double fulfilled_share = 0.6;      // done weight needed for fulfilled
inline constexpr double carried_share_min = 0.5;    // weight promised again for carried_over
inline constexpr double worked_share_min = 0.2;     // weight worked on for in_progress
inline constexpr double window_penalty = 0.1;       // per extra clause in an evidence window
inline constexpr double boilerplate_factor = 0.15;  // weight of boilerplate bigrams
inline constexpr double function_factor = 0.4;      // weight of bigrams with a function character
inline constexpr double label_threshold = 0.6;      // Dice similarity to align two figures
inline constexpr std::size_t min_label_han = 4;     // shorter labels (小区, 镇(街道)) align only by alias
inline constexpr std::size_t max_window = 3;        // clauses per evidence window
inline constexpr std::size_t min_part_han = 6;      // shorter clauses merge with a neighbour
inline constexpr double min_content_ratio = 0.35;   // parts mostly boilerplate (damped weight / IDF) are not rated

// ---- segmentation ----------------------------------------------------------------------
struct clause {
  std::size_t start = 0;  // code points, end exclusive, delimiter excluded
  std::size_t end = 0;
  std::size_t sentence = 0;
};

struct sentence {
  std::size_t start = 0;
  std::size_t end = 0;
  std::size_t first_clause = 0;
  std::size_t clause_count = 0;
};

/// A later-report unit promised again (next step) or admitted again (problem).
struct outlook_unit {
  std::string id;  // commitment id, or n1/p1 when found by the fallback
  text_span span;
};

/// A report's text cut into sentences and clauses, with its regions.
struct document {
  std::u32string text;
  std::vector<sentence> sentences;
  std::vector<clause> clauses;
  std::size_t outlook_start = 0;  // first code point of the problems / next-steps part
  std::vector<outlook_unit> problems;
  std::vector<outlook_unit> next_steps;
  [[nodiscard]] std::u32string_view view(text_span s) const {
    const auto b = std::min(s.start, text.size());
    const auto e = std::min(std::max(s.end, b), text.size());
    return std::u32string_view(text).substr(b, e - b);
  }
  [[nodiscard]] std::string utf8(text_span s) const { return encode(view(s)); }
};

/// Segments `r.text`; regions from r's problem / next_step commitments, else from the text.
document segment(const report& r);

/// Splits `text` into sentences/clauses (used for report text and commitment text alike).
void split(const std::u32string& text, std::size_t from, std::size_t to,
           std::vector<sentence>& sentences, std::vector<clause>& clauses);

/// The earlier report's commitments as the tracker uses them: the reader's when it found any
/// next steps or problems, else the tracker's own reading of the 存在问题 / 下一步 paragraph.
std::vector<commitment> outlook_commitments(const report& r, const document& d);

/// 明确七个方面24项工作任务 in the body of `d`, as plan commitments (ids plan1, plan2, …).
std::vector<commitment> plan_mentions(const document& d);

// ---- bigrams ---------------------------------------------------------------------------
using bigram = std::uint64_t;
inline bigram make_bigram(char32_t a, char32_t b) noexcept {
  return (static_cast<bigram>(a) << 21) | static_cast<bigram>(b);
}
/// Distinct bigrams of adjacent Han characters, sorted.
std::vector<bigram> bigrams(std::u32string_view s);
std::size_t han_count(std::u32string_view s) noexcept;

/// IDF over sentences, with boilerplate bigrams damped.
class weights {
 public:
  void add_document(const std::vector<bigram>& distinct);
  void finish();
  [[nodiscard]] double weight(bigram b) const;
  [[nodiscard]] double total(const std::vector<bigram>& bs) const;
  /// IDF without damping: weight() of a part over this says how much of it is content.
  [[nodiscard]] double idf(bigram b) const;
  /// True when the part carries content: its damped weight is at least min_content_ratio of its IDF.
  [[nodiscard]] bool has_content(const std::vector<bigram>& bs) const;

 private:
  std::unordered_map<bigram, std::uint32_t> df_;
  std::size_t docs_ = 0;
};

bool is_boilerplate(bigram b);

// ---- cues --------------------------------------------------------------------------------
/// What a clause says about the state of the work it names.
part_state cue_of(std::u32string_view clause);

// ---- labels ------------------------------------------------------------------------------
/// A figure label stripped of scope prefixes (全市, 全省…), years and digits.
std::u32string normalize_label(std::u32string_view label);
/// Dice coefficient on Han bigrams of the normalised labels.
double label_similarity(std::u32string_view a, std::u32string_view b);
/// Dice coefficient of two sorted distinct bigram sets (0 when either is empty): what
/// label_similarity computes once the labels are normalised and differ.
double dice(const std::vector<bigram>& a, const std::vector<bigram>& b) noexcept;
/// The scope word of a label or its context: 市本级, 市直部门…, 其中; empty for the whole jurisdiction.
std::string scope_word(std::u32string_view text);
/// Scope class of a scope word: 0 whole jurisdiction/unspecified, 1 own level (市本级…), 2 part (其中).
int scope_class(std::u32string_view word);
/// Period or scope words (上半年, 累计, 截至, 以来…) in `context`; empty when none.
std::string period_word(std::u32string_view context);

// ---- matching ------------------------------------------------------------------------------
/// Units of one region of the later report (body clauses, next-step clauses, problems) with an
/// inverted bigram index. Evidence windows are 1..max_window consecutive units of one group.
struct region {
  std::vector<text_span> units;
  std::vector<std::size_t> groups;
  std::vector<std::string> owners;  // the later commitment a unit belongs to (next steps, problems)
  std::vector<std::vector<bigram>> grams;
  std::vector<part_state> cues;
  std::unordered_map<bigram, std::vector<std::uint32_t>> index;
  void add(const document& d, text_span span, std::size_t group, const std::string& owner);
};
region body_region(const document& d);
region next_step_region(const document& d);
region problem_region(const document& d);

struct match_result {
  double score = 0;  // weighted coverage of the part's bigrams, 0..1
  text_span span{};
  part_state state = part_state::none;
  std::string owner;
  std::size_t first = 0;
};
/// The best window of `r` for a part (its sorted distinct bigrams).
match_result best_match(const std::vector<bigram>& part, const weights& w, const region& r);

// ---- commitments -----------------------------------------------------------------------
struct rating_input {
  const document* later = nullptr;
  const weights* w = nullptr;
  const region* body = nullptr;
  const region* next = nullptr;
  const region* problems = nullptr;
};

commitment_verdict rate_commitment(const commitment& c, const std::optional<std::string>& group,
                                   const rating_input& in);
commitment_verdict rate_problem(const commitment& c, const rating_input& in);
commitment_verdict rate_plan_count(const commitment& c, const rating_input& in);

/// Parts of a commitment text: sentences split into clauses, short ones merged, marker/title
/// stripped.
std::vector<std::u32string> commitment_parts(const commitment& c);

// ---- figures -----------------------------------------------------------------------------

/// One report's figures as the figure checks read them (label, words before, period, scope)
/// with the lookups of its facts by position and id. Made once per report in track() and shared
/// by the checks below, which each made their own before (five times per report, the lookups
/// with them).
class figure_views {
 public:
  figure_views(const report& r, const document& d);
  ~figure_views();
  figure_views(const figure_views&) = delete;
  figure_views& operator=(const figure_views&) = delete;

  struct data;  // figures.cpp
  [[nodiscard]] const data& get() const { return *data_; }

 private:
  std::unique_ptr<data> data_;
};

struct figure_input {
  const report* earlier = nullptr;  // may be null (plans)
  const report* later = nullptr;
  const document* earlier_doc = nullptr;
  const document* later_doc = nullptr;
  const track_options* options = nullptr;
  const figure_views* earlier_figures = nullptr;  // of *earlier, when there is one
  const figure_views* later_figures = nullptr;    // of *later
};
void compare_figures(const figure_input& in, tracking& out);
void check_parts(const figure_views& v, which_report which, tracking& out);
std::vector<implied_prior> implied_priors_of(const report& r, const document& d);
void plan_targets(const plan& p, const figure_views& later, const track_options& options, tracking& out);
void report_targets(const figure_views& earlier, const figure_views& later, const track_options& options,
                    tracking& out);
target_progress assess_target(target_progress t);

/// The clause text around a span of `d` (the clause containing s.start).
std::u32string clause_context(const document& d, text_span s);

}  // namespace annals::detail
