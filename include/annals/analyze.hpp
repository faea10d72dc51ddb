#pragma once
/// @file analyze.hpp
/// One jurisdiction over the years a store holds, as plain values: every metric's series with
/// its growth and the verdict on the change each year's report states (metric_histories, what
/// `annals yoy --db` prints), and each commitment's status across the years (stored_timeline,
/// what `annals timeline` prints). Each reads the current report of each year (store::yearly).
/// The renderings of a whole jurisdiction (HTML, Markdown) are in html_report.hpp; the JSON and
/// CSV records in records_json.hpp.

#include <annals/decimal.hpp>
#include <annals/quantity.hpp>
#include <annals/report.hpp>
#include <annals/store.hpp>
#include <annals/track.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace annals {

/// One year of a metric, with the growth from the year before.
struct yoy_point {
  int year = 0;
  std::string fact;   ///< fact id in that year's report (f53)
  std::string text;   ///< as written: 超1.11万件
  decimal value;      ///< 11100
  interval bounds;    ///< the values the statement allows
  /// Growth in % from the previous point's value, 2 dp half-up; nullopt for the first point, or
  /// when the previous value is 0 or negative, or the previous point is not the year before.
  std::optional<decimal> growth_pct;
  std::optional<decimal> growth_lo;  ///< lowest growth the two intervals allow (2 dp, floor)
  std::optional<decimal> growth_hi;  ///< highest (2 dp, ceiling); nullopt = unbounded
  /// The metric is a percentage (unit %): growth_pct, growth_lo and growth_hi are then the change
  /// in percentage points (86.15% → 88.6% is +2.45), never a relative growth.
  bool in_pp = false;
  /// The change this year's report states for the figure: 同比增长89.6% → 89.6 (signed, a decrease
  /// is negative), or 提高2.45个百分点 → 2.45 with stated_kind pp.
  std::optional<decimal> stated;
  change_kind stated_kind = change_kind::growth_pct;
  std::string stated_text;  ///< as written: 同比增长89.6%
  /// The verdict on the stated change (annals-track/1 terms). nullopt: nothing stated and nothing
  /// computed (a first year); not_stated: growth computed, no change stated to check.
  std::optional<metric_verdict> verdict;
  std::string reason;  ///< one line: why inconsistent or unverifiable, or the basis of consistency
  /// unverifiable, no earlier value: the prior-year interval the growth statement implies.
  std::optional<decimal> implied_prior_lo;
  std::optional<decimal> implied_prior_hi;
};

/// One metric of one jurisdiction across the years.
struct metric_history {
  std::string jurisdiction;
  std::string metric;  ///< the catalogue key: 新收行政复议案件|件
  std::string label;   ///< for people: the label half of the key
  std::string unit;    ///< 件, %, 万元 …; empty when none
  std::vector<yoy_point> points;  ///< ascending years

  /// The worst verdict of any point: inconsistent > unverifiable > consistent > not_stated.
  [[nodiscard]] std::optional<metric_verdict> worst_verdict() const noexcept;
};

/// Which metrics metric_histories() returns and how it judges them.
struct history_options {
  /// Only metrics whose key or label contains this text (e.g. "行政复议"); empty: all.
  std::string metric_contains;
  /// Take a point's verdict from the tracker (rubric annals-track/1, which also weighs scope and
  /// period words around the figure) whenever it compared the same two figures; otherwise, and
  /// when false, the verdict is growth.hpp's check_growth / check_pp on the two figures.
  bool use_tracker = true;
};

/**
 * Every metric of `jurisdiction` across the years the store holds, from store::series(), with
 * the growth computed from consecutive years (growth.hpp, exact) and the stated change checked.
 * A stated change on a figure flagged 累计 or 平均 is unverifiable (not a yearly count).
 * @throws storage_error when the database fails.
 */
[[nodiscard]] std::vector<metric_history> metric_histories(const store& db, std::string_view jurisdiction,
                                                           const history_options& options = {});

/**
 * The tracker's options for reports read from `db`: the user's own catalogue mappings
 * (store::import_catalogue) as its aliases. The catalogue's seeded entries, which file every
 * label under itself, are left out: as aliases they would keep the tracker from aligning a label
 * worded differently in two years, and would make `track --db` disagree with `track` of the same
 * two files. Every command that tracks stored reports (yoy --db, report, timeline, track --db)
 * takes its options from here.
 */
[[nodiscard]] track_options track_options_from(const store& db);

/// Which years of a metric_history `annals yoy --db` shows (all by default).
struct yoy_filter {
  bool with_growth = false;  ///< only years with a computed or a stated growth
  bool stated = false;       ///< only years whose report states a change (the checked ones)
  [[nodiscard]] bool shows(const yoy_point& p) const noexcept {
    if (stated) return p.stated.has_value();
    return !with_growth || p.growth_pct || p.stated;
  }
  /// Whether any point of `m` is shown (a metric with none is left out when filtering).
  [[nodiscard]] bool shows_any(const metric_history& m) const noexcept;
};

/**
 * metric_histories() of each jurisdiction of `db` (or only `jurisdiction`, when not empty), the
 * metrics `filter` shows none of left out, in jurisdiction then metric order.
 * @throws usage_error("yoy: <j>: no reports of this jurisdiction in <db> (see annals reports --db
 *         <db>)") for a jurisdiction the store does not know; storage_error when the database fails.
 */
[[nodiscard]] std::vector<metric_history> yoy_histories(const store& db, std::string_view jurisdiction,
                                                        const history_options& options, const yoy_filter& filter);

/// What stored_timeline() did besides its threads: what the command warns about.
struct stored_timeline_notes {
  std::vector<report_summary> without_year;  ///< current reports without a year: left out
  bool fewer_than_two_years = false;         ///< nothing to track
  struct conflict {
    int earlier_year = 0;
    int later_year = 0;
    std::size_t kept = 0;  ///< stored verdicts of this rubric that differ from this run (kept)
  };
  std::vector<conflict> conflicts;
};

struct stored_timeline_result {
  std::vector<timeline_thread> threads;
  stored_timeline_notes notes;
};

/**
 * Each commitment of `jurisdiction` across the years: tracks each consecutive pair of the
 * current reports of its years (store::yearly; the catalogue's aliases align labels) and strings
 * the commitment verdicts into threads (build_timeline). With `save`, first saves every verdict
 * of each pair under rubric annals-track/1 (store::save_verdicts: a stored verdict is never
 * overwritten) and reads the commitments back from the store — this rubric's, else the newest
 * other one's; without it, nothing is written. Every pair is tracked before anything is saved.
 * Each pair's commitments keep the earlier report's order.
 * @throws usage_error("timeline: no reports of <j> in <db>") when the store holds none;
 *         storage_error when the database fails (or is read-only and `save` is true).
 */
[[nodiscard]] stored_timeline_result stored_timeline(store& db, std::string_view jurisdiction, bool save);

}  // namespace annals
