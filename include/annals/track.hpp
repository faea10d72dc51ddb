#pragma once
/// @file track.hpp
/// The tracker: what became of an earlier report's commitments, and whether the later report's
/// figures agree with the earlier one's (annals.tracking/1, rubric annals-track/1).
/// The rubric, the thresholds and the matching method are documented in docs/tracking.md.

#include <annals/decimal.hpp>
#include <annals/growth.hpp>
#include <annals/lang.hpp>
#include <annals/plan.hpp>
#include <annals/quantity.hpp>
#include <annals/report.hpp>
#include <annals/verdict.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace annals {

/// "annals.tracking/1": the schema name of the JSON output.
inline constexpr std::string_view tracking_schema = "annals.tracking/1";
/// "annals-track/1": the version of the rules that produce the verdicts. Stored with every
/// verdict; a new rubric adds verdicts, it never re-rates old ones.
inline constexpr std::string_view track_rubric = "annals-track/1";

/// What became of a commitment (next_step, plan task) or of a problem.
enum class track_status {
  fulfilled,     ///< described as done in the later report
  carried_over,  ///< promised again in the later report's 下一步 (or listed again as a task)
  in_progress,   ///< worked on, without completion (also: only part of it done)
  not_reported,  ///< nothing in the later report matches it
  persisting,    ///< problem: listed again among the later report's problems
  addressed,     ///< problem: the later report describes improvement or completion on it
};

/// Whether a stated change agrees with the two reports' figures: growth.hpp's verdict, with
/// not_stated for a growth computed where the later report states no change.
using metric_verdict = consistency_verdict;

/// What a consistent verdict rests on: the stated change read as rounded (四舍五入) or, only
/// when that fails, as truncated; none for any other verdict.
enum class consistency_basis { none, rounding, truncation };
[[nodiscard]] constexpr std::string_view to_string(consistency_basis b) noexcept {
  switch (b) {
    case consistency_basis::rounding: return "rounding";
    case consistency_basis::truncation: return "truncation";
    case consistency_basis::none: return "none";
  }
  return "none";
}
template <>
struct enum_values<consistency_basis> {
  static constexpr std::array all{consistency_basis::none, consistency_basis::rounding, consistency_basis::truncation};
};

/// How a part (sub-clause) of a commitment fared.
enum class part_state { done, progress, mentioned, none };

/// ESCAP / Statistics Canada progress class of a numeric target: growth.hpp's progress_category,
/// with no_data when there is nothing to assess it with.
using target_status = progress_category;

[[nodiscard]] std::string_view to_string(track_status s) noexcept;
[[nodiscard]] std::string_view to_string(part_state s) noexcept;
template <>
struct enum_values<track_status> {
  static constexpr std::array all{track_status::fulfilled,    track_status::carried_over, track_status::in_progress,
                                  track_status::not_reported, track_status::persisting,   track_status::addressed};
};
template <>
struct enum_values<part_state> {
  static constexpr std::array all{part_state::done, part_state::progress, part_state::mentioned, part_state::none};
};
// from_string<track_status>, from_string<metric_verdict> (enum_names.hpp) read the names back.

/// A passage of the later report that a verdict rests on (code points, end exclusive).
struct evidence_span {
  std::string text;
  text_span span;
  friend bool operator==(const evidence_span&, const evidence_span&) = default;
};

/// One sub-clause of a commitment and what the later report says about it.
struct commitment_part {
  std::string text;
  double weight = 0;   ///< share of the commitment's distinctive content (sums to 1)
  part_state state = part_state::none;
  double score = 0;    ///< best match strength in the later report's body, 0..1
  std::optional<evidence_span> where;         ///< the best-matching passage of the body
  bool carried = false;                  ///< matched by the later report's 下一步
};

/// The verdict on one commitment or problem of the earlier report (or one plan task).
struct commitment_verdict {
  std::string earlier;  ///< the earlier commitment's id (k2), or the plan task's id
  commitment_kind kind = commitment_kind::next_step;
  std::optional<int> ordinal;
  std::string title;
  std::string text;
  std::optional<std::string> group;  ///< plan tasks: the task's group
  track_status status = track_status::not_reported;
  double score = 0;  ///< match strength 0..1 behind the status (the best one for not_reported)
  std::vector<evidence_span> evidence;      ///< spans in the LATER report, in text order
  std::vector<commitment_part> parts;  ///< next_step / plan: the sub-clause breakdown
  double done_share = 0;     ///< weight of parts described as done
  double worked_share = 0;   ///< weight of parts done or worked on
  double carried_share = 0;  ///< weight of parts promised again
  std::optional<std::string> carried_into;  ///< id of the later commitment it was carried into
};

/// One side of a metric comparison: a fact of one report.
struct metric_side {
  std::string fact;  ///< fact id (f53)
  std::string label;
  std::string text;  ///< as written: 超1.11万件
  decimal value;
  interval bounds;   ///< the interval the statement allows
};

/// The change the later report states for a metric (同比增长21.4%, 提高2.45个百分点).
struct stated_change {
  std::string change;  ///< change id
  change_kind kind = change_kind::growth_pct;
  decimal value;       ///< signed: a decrease is negative
  std::string text;
};

/// A figure of the later report set beside the earlier report's figure for the same metric.
struct metric_comparison {
  std::string label;        ///< the earlier label (or the later one when there is no earlier)
  std::string later_label;
  std::string unit;
  double similarity = 0;    ///< label similarity of the alignment (1 for a catalogue alias)
  std::optional<metric_side> earlier;
  metric_side later;
  std::optional<decimal> growth_pct;     ///< from the two values, 2 dp
  std::optional<decimal> growth_pct_lo;  ///< from the intervals (floor, 2 dp); nullopt = unbounded
  std::optional<decimal> growth_pct_hi;  ///< (ceiling, 2 dp); nullopt = unbounded
  std::optional<decimal> change_pp;      ///< percent figures: later − earlier
  std::optional<decimal> change_pp_lo;
  std::optional<decimal> change_pp_hi;
  std::optional<stated_change> stated;
  metric_verdict verdict = metric_verdict::not_stated;
  consistency_basis basis = consistency_basis::none;  ///< consistent: rounding or truncation
  std::string reason;  ///< unverifiable / inconsistent: why, in one line
};

/// 连续16年 → 连续17年.
struct streak_check {
  std::string label;
  std::string unit;
  std::string earlier_change;
  std::string later_change;
  decimal earlier;
  decimal later;
  metric_verdict verdict = metric_verdict::consistent;
};

/// The later report's 由A至B starting where the earlier one's ended.
struct from_to_check {
  std::string label;
  std::string unit;
  std::string earlier_change;
  std::string later_change;
  decimal earlier_to;
  decimal later_from;
  metric_verdict verdict = metric_verdict::consistent;
};

/// Which of the two tracked reports something is in.
enum class which_report { earlier, later };
/// What a parts check checks: a multiple (是…的2.8倍) or a share (其中…占比12.5%).
enum class parts_kind { multiple, share };

[[nodiscard]] constexpr std::string_view to_string(which_report w) noexcept {
  return w == which_report::earlier ? "earlier" : "later";
}
[[nodiscard]] constexpr std::string_view to_string(parts_kind k) noexcept {
  return k == parts_kind::share ? "share" : "multiple";
}
template <>
struct enum_values<which_report> {
  static constexpr std::array all{which_report::earlier, which_report::later};
};
template <>
struct enum_values<parts_kind> {
  static constexpr std::array all{parts_kind::multiple, parts_kind::share};
};

/// A multiple (是…的2.8倍) or share (其中…占比12.5%) checked against its parts in one report.
struct parts_check {
  which_report report = which_report::later;
  parts_kind kind = parts_kind::multiple;
  std::string label;   ///< the part / numerator
  std::string base_label;  ///< the base / whole
  std::string part_fact;
  std::string base_fact;
  std::string stated_text;
  decimal stated;
  std::optional<decimal> computed_lo;  ///< part/base from the intervals (share: in %)
  std::optional<decimal> computed_hi;
  metric_verdict verdict = metric_verdict::consistent;
};

/// The prior-year interval a growth statement implies (超1.11万件, 同比增长89.6% → 5852.88–5908.74).
struct implied_prior {
  std::string change;
  std::string fact;
  std::string label;
  std::string unit;
  decimal value;  ///< from the two written values, 2 dp
  std::optional<decimal> lo;  ///< nullopt = unbounded
  std::optional<decimal> hi;
};

/// Progress towards a numeric target (ESCAP / Statistics Canada).
struct target_progress {
  std::string source;  ///< plan task id, or the earlier report's target commitment id
  std::string label;
  std::string unit;
  decimal target;
  std::optional<calendar_date> deadline;
  std::optional<decimal> baseline;
  std::optional<int> baseline_year;
  std::optional<decimal> current;
  std::optional<int> current_year;
  std::optional<std::string> current_fact;
  std::optional<decimal> actual_rate;    ///< compound annual growth achieved, % per year
  std::optional<decimal> required_rate;  ///< compound annual growth the target needs, % per year
  std::optional<decimal> ratio;          ///< actual ÷ required, in % (ESCAP progress ratio)
  target_status status = target_status::no_data;
};

/// What a tracked side is: a report, or a plan (a task list given to `track --plan`).
enum class tracked_kind { report, plan };
[[nodiscard]] constexpr std::string_view to_string(tracked_kind k) noexcept {
  return k == tracked_kind::plan ? "plan" : "report";
}
template <>
struct enum_values<tracked_kind> {
  static constexpr std::array all{tracked_kind::report, tracked_kind::plan};
};

/// Who the two sides are.
struct tracked_identity {
  tracked_kind kind = tracked_kind::report;
  std::string name;
  std::string sha256;
  std::optional<std::string> jurisdiction;
  std::optional<int> year;
};

/// The result of tracking an earlier report (or plan) against a later report.
struct tracking {
  std::string rubric{track_rubric};
  tracked_identity earlier;
  tracked_identity later;
  std::vector<commitment_verdict> commitments;  ///< next steps, plans, problems in earlier order
  std::vector<metric_comparison> metrics;       ///< in the later report's fact order
  std::vector<streak_check> streaks;
  std::vector<from_to_check> from_to;
  std::vector<parts_check> parts;
  std::vector<implied_prior> implied_priors;    ///< of the later report's growth statements
  std::vector<target_progress> targets;
  std::vector<plan_finding> plan_findings;
  std::vector<std::string> warnings;

  /// True when a metric, streak, chain or parts check is inconsistent, or a plan count differs.
  [[nodiscard]] bool has_inconsistency() const noexcept;
};

/// Tuning of the tracker. The defaults are rubric annals-track/1; changing them is a new rubric.
struct track_options {
  /// Metric catalogue aliases: (label, canonical metric). Two labels with the same canonical
  /// metric align with similarity 1. Labels are compared after stripping 全市/全省… prefixes.
  std::vector<std::pair<std::string, std::string>> aliases;
  /// Track reports whose jurisdictions differ (default: usage_error). Adds a warning instead.
  bool allow_other_jurisdiction = false;
  /// Rate the earlier report's commitments (the costly part: every commitment is matched against
  /// every sentence of the later report). false: `tracking::commitments` stays empty and the
  /// 下一步 warning is not given; the figures (metrics, streaks, chains, parts, implied priors,
  /// targets) are the same as with true. For callers that only read the figures (metric_histories).
  bool rate_commitments = true;
};

/**
 * Tracks `earlier` against `later`: rates every next_step, plan and problem commitment of the
 * earlier report, aligns the figures, checks stated changes, chains, streaks, parts, targets.
 * Deterministic: the same two reports always give the same result.
 * @throws usage_error when both jurisdictions are known and differ (unless allowed), or when
 *         the earlier report's year is not before the later one's.
 * @throws input_error when the later report has no text.
 */
[[nodiscard]] tracking track(const report& earlier, const report& later,
                             const track_options& options = {});

namespace detail {
struct prepared_parts;  // lib/track/track.cpp
}

/**
 * A report made ready for track(): its text segmented into sentences and clauses and its figures
 * indexed, once. Tracking a run of years pair by pair (2019→2020, 2020→2021, …) with prepared
 * reports does that work once per report instead of twice; track() on plain reports prepares them
 * itself. Owns its report; movable, not copyable.
 */
class prepared_report {
 public:
  explicit prepared_report(report r);
  ~prepared_report();
  prepared_report(prepared_report&&) noexcept;
  prepared_report& operator=(prepared_report&&) noexcept;
  prepared_report(const prepared_report&) = delete;
  prepared_report& operator=(const prepared_report&) = delete;

  [[nodiscard]] const report& get() const noexcept;
  [[nodiscard]] const detail::prepared_parts& parts() const noexcept { return *parts_; }

 private:
  std::unique_ptr<detail::prepared_parts> parts_;
};

/// track() of two prepared reports: the same result as track(earlier.get(), later.get(), options).
[[nodiscard]] tracking track(const prepared_report& earlier, const prepared_report& later,
                             const track_options& options = {});

/**
 * Rates each task of `p` against `later` (normally the same year's report), checks the plan's
 * counts against the report's plan commitment, and the tasks' numeric targets.
 * @throws usage_error when jurisdictions differ (unless allowed) or the plan's year is after
 *         the report's. @throws input_error when the report has no text or the plan no tasks.
 */
[[nodiscard]] tracking track(const plan& p, const report& later, const track_options& options = {});

/// The prior-year intervals implied by `r`'s growth statements (no earlier report needed).
[[nodiscard]] std::vector<implied_prior> implied_priors(const report& r);

/// One stated change of a report with the verdict on it against the year before (`annals check`).
struct checked_change {
  std::string change;  ///< the change's id in the report (c3)
  change_kind kind = change_kind::growth_pct;
  std::string label;
  std::string text;      ///< as stated: 同比增长12.5%
  std::string earlier;   ///< the earlier figure as written
  std::string later;     ///< the figure the change is about, as written
  std::string computed;  ///< what the figures give: 8.28%, 2.45pp
  std::string allowed;   ///< the range they allow: 8.20..8.36%
  metric_verdict verdict = metric_verdict::unverifiable;
  std::string reason;    ///< one line, in English
};

/**
 * Every change `later` states, in its order, with the tracker's verdict on it from `t` (the
 * tracking of the year before against `later`; nullptr when there is no earlier report): the
 * figure comparison, streak or chain that names the change, else a multiple or share of the
 * later report whose text it is; unverifiable, with the reason, when none does.
 */
[[nodiscard]] std::vector<checked_change> check_changes(const report& later, const tracking* t);

/// A report as `annals check` names it.
struct checked_report {
  std::string name;    ///< source name
  std::string sha256;
  std::string title;   ///< empty when the report has none
  std::optional<std::string> jurisdiction;
  std::optional<report_year> year;
  [[nodiscard]] static checked_report of(const report& r);
};

/// What `annals check` prints: the stated changes of one report against the year before.
struct change_check {
  checked_report report;
  std::optional<checked_report> earlier;  ///< nullopt: none was given or found (see `note`)
  std::string note;                       ///< why there is no earlier report
  std::vector<checked_change> changes;    ///< every stated change, or only the inconsistent ones
  std::vector<implied_prior> implied_priors;  ///< of the report's growth statements (none with problems_only)
  std::size_t stated_changes = 0;         ///< how many changes the report states
  std::size_t inconsistent = 0;
};

/**
 * Checks every change `later` states against `earlier` (tracked as track(*earlier, later); null:
 * nothing to compare with, `note` says why). With `problems_only`, only the inconsistent changes
 * are kept and no implied prior-year values. @throws what track() throws.
 */
[[nodiscard]] change_check check_report(const report& later, const report* earlier, std::string note = {},
                                        bool problems_only = false);

/// annals.tracking/1 JSON (2-space indent; `indent` < 0 for one line).
[[nodiscard]] std::string to_json(const tracking& t, int indent = 2);

/// A Markdown rendering: inconsistencies first, then the commitments table with evidence (in
/// English: to_markdown(t, report_lang::en)).
[[nodiscard]] std::string to_markdown(const tracking& t);
/// to_markdown() in `lang`: zh writes headings, columns, kinds, statuses, verdicts, reasons, plan
/// findings and warnings in Chinese (the words of the Chinese HTML page, localize_reason()).
[[nodiscard]] std::string to_markdown(const tracking& t, report_lang lang);

/// One row of a commitment's history across years (`annals timeline`).
struct timeline_entry {
  int earlier_year = 0;
  int later_year = 0;
  std::string commitment;  ///< id in the earlier report
  commitment_kind kind = commitment_kind::next_step;
  std::string title;
  std::string text;
  track_status status = track_status::not_reported;
  double score = 0;
  std::string rubric;
  std::optional<std::string> carried_into;
  std::vector<evidence_span> evidence;
};

/// A commitment followed through the years: carried_over links it to the later commitment.
struct timeline_thread {
  std::string title;  ///< the first year's title (or text)
  commitment_kind kind = commitment_kind::next_step;
  std::vector<timeline_entry> steps;  ///< in year order
};

/// Every verdict of `t` as the store keeps them (commitments, metrics, streaks, chains), in output
/// order; each record's evidence_json is an object with what a timeline needs (kind, text, evidence…).
[[nodiscard]] std::vector<verdict_record> verdict_rows(const tracking& t);

/**
 * A commitment verdict read back from the store, as a timeline entry.
 * @throws input_error when `row.evidence_json` is not a JSON object or the status is unknown.
 */
[[nodiscard]] timeline_entry timeline_entry_from_row(int earlier_year, int later_year, std::string rubric,
                                                     const verdict_record& row);

/// The commitment verdicts of `t` as timeline entries of the years given (build_timeline's input).
[[nodiscard]] std::vector<timeline_entry> timeline_entries(const tracking& t, int earlier_year, int later_year);

/**
 * Strings per-pair verdicts into threads: an entry whose status is carried_over continues in the
 * entry of the later year whose `commitment` equals its `carried_into`.
 * A problem of year Y continues in the same problem of year Y+1 when it is `persisting`
 * (linked by carried_into as well). Threads are ordered by first year, then commitment order.
 */
[[nodiscard]] std::vector<timeline_thread> build_timeline(std::vector<timeline_entry> entries);

/// The threads as JSON: {"schema": "annals.timeline/1", "jurisdiction", "years", "threads": […]}.
[[nodiscard]] std::string timeline_to_json(const std::vector<timeline_thread>& threads, std::string_view jurisdiction,
                                           int indent = 2);

/// The threads as a Markdown table: one row per thread, one column per pair of years (in
/// English; `lang` zh: headings, kinds and statuses in Chinese).
[[nodiscard]] std::string timeline_to_markdown(const std::vector<timeline_thread>& threads,
                                               std::string_view jurisdiction,
                                               report_lang lang = report_lang::en);

/// The pairs of years the threads cover ("2023→2024", …), in order.
[[nodiscard]] std::vector<std::pair<int, int>> timeline_pairs(const std::vector<timeline_thread>& threads);

}  // namespace annals
