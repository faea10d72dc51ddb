#pragma once
/// @file html_report.hpp
/// The jurisdiction report: what a store knows about one jurisdiction, gathered into plain values
/// (jurisdiction_view, built on analyze.hpp's metric histories) and rendered as one self-contained
/// HTML page or as Markdown.
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

#include <annals/analyze.hpp>
#include <annals/store.hpp>
#include <annals/track.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace annals {

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
  /// When the page was made, as the footer shows it ("2026-12-05 13:45:00 UTC"); left empty by
  /// build_jurisdiction_view() (then the footer has no time, and the page depends only on the
  /// store). `annals report` sets it from SOURCE_DATE_EPOCH, else the clock (docs/cli.md).
  std::string generated_at;
};

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
