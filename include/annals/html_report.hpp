#pragma once
/// @file html_report.hpp
/// The jurisdiction report: what a store knows about one jurisdiction, gathered into plain values
/// (jurisdiction_view) and rendered as one self-contained HTML page or as Markdown.
///
/// A view holds every metric across the years with its computed growth, the growth the report
/// states and the verdict on it; the commitments of each year with what became of them in the
/// next (rubric annals-track/1); and the inconsistencies, which the renderings show first.
///
/// The HTML page needs nothing but itself: inline CSS, inline SVG charts, no script, no font,
/// image or link fetched from anywhere (a Content-Security-Policy forbids it). Every piece of
/// report text is HTML-escaped, so a report containing `<script>` shows it as text.
///
/// @code
///   auto db = annals::store::open("annals.db", annals::open_mode::read_only);
///   annals::jurisdiction_view v = annals::build_jurisdiction_view(db, "成都市");
///   std::ofstream("report.html") << annals::to_html(v);
/// @endcode

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

/// Something the reports contradict themselves on, found between two years or inside one.
struct inconsistency {
  int year = 0;           ///< the (later) report's year
  std::string kind;       ///< growth | pp | streak | from_to | multiple | share | plan
  std::string label;      ///< what it is about
  std::string stated;     ///< what the report says: 同比增长12.5%
  std::string found;      ///< what the figures give: 8.28% (5652 → 6120)
  std::string reason;     ///< one line, in English
};

/// Everything the report on one jurisdiction shows.
struct jurisdiction_view {
  std::string jurisdiction;
  std::vector<report_summary> reports;   ///< ascending years
  std::vector<metric_history> metrics;   ///< by label; only metrics with a value in some year
  std::vector<timeline_entry> commitments;  ///< by (earlier year, earlier report order)
  std::vector<inconsistency> inconsistencies;  ///< by year, then kind, then label
  std::string rubric{track_rubric};
  std::string generator;  ///< "annals 0.1.0"; shown in the footer
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
 * Gathers the view of `jurisdiction`: its reports, metric_histories(), the tracker's verdicts on
 * each pair of consecutive years (commitments, streaks, chains, parts), and the inconsistencies.
 * Its reports are the current ones (store revisions: one per jurisdiction and year, the one
 * ingested last; earlier revisions are not read or listed).
 * @throws usage_error("report: <jurisdiction>: no reports of this jurisdiction in <db>") when the
 *         store holds none; storage_error when the database fails.
 */
[[nodiscard]] jurisdiction_view build_jurisdiction_view(const store& db, std::string_view jurisdiction);

/// The self-contained HTML page (UTF-8, inline CSS and SVG, no script, nothing fetched).
[[nodiscard]] std::string to_html(const jurisdiction_view& v);

/// The same content as GitHub-flavoured Markdown; all report text through annals::markdown_text
/// (markdown.hpp): no HTML, link, image or control character from a report reaches the document.
[[nodiscard]] std::string to_markdown(const jurisdiction_view& v);

/// `&<>"'` → entities. What to_html() applies to every piece of report text.
[[nodiscard]] std::string html_escape(std::string_view text);

}  // namespace annals
