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
#include <annals/lang.hpp>
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
  std::string reason;     ///< one line, in English (localize_reason() gives it in Chinese)
  /// The id of the evidence_quote it rests on (jurisdiction_view::quotes), or empty when the
  /// finding compares whole series (streaks, chains, parts) rather than one stated figure.
  std::string quote;
};

/// A sentence of a report that a verdict or status rests on, quoted for the page's evidence
/// list: where it stands (part and item), the figure or passage highlighted, and its source.
struct evidence_quote {
  std::string id;  ///< the page anchor: q2024-f53 (figure f53 of 2024), q2025-p812 (passage at 812)
  int year = 0;
  std::string section_marker;   ///< 三 (of 三、…); empty outside any part
  std::string section_heading;  ///< the part's heading
  int item = 0;                 ///< the item's ordinal in its part; 0 outside any item
  std::string item_title;
  std::string before;  ///< the sentence up to the highlighted text
  std::string marked;  ///< the highlighted figure or passage
  std::string after;   ///< the rest of the sentence
  std::string source_name;  ///< the file name or address the report was read from
  std::string sha256;       ///< of the source bytes
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
  /// The quoted sentences the verdicts and statuses rest on, by year then place in the report, one
  /// per anchor id (quote_id, passage_quote_id, commitment_quote_id); left empty by a view built
  /// by hand, whose page then links nothing.
  std::vector<evidence_quote> quotes;
};

/// The anchor id of figure `fact` of the `year` report: "q2024-f53".
[[nodiscard]] std::string quote_id(int year, std::string_view fact);
/// The id of the quote a commitment's status links to: its first evidence passage in the later
/// report, or (none found) the commitment itself in the earlier one: quote_id(earlier_year, k2).
[[nodiscard]] std::string commitment_quote_id(const timeline_entry& e);
/// The anchor id of the passage starting at code point `start` of the `year` report: "q2025-p812".
[[nodiscard]] std::string passage_quote_id(int year, std::size_t start);

/// How to_html() writes the page.
struct html_options {
  /// zh (the default): every heading, explanation, status, verdict and reason in Chinese, with
  /// the evidence list, growths grouped by metric and the verdict filter. en: the English page as
  /// annals 0.1 wrote it, byte for byte.
  report_lang lang = report_lang::zh;
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

/// The self-contained HTML page (UTF-8, inline CSS and SVG, no script, nothing fetched), in
/// Chinese unless `o` says en.
[[nodiscard]] std::string to_html(const jurisdiction_view& v, const html_options& o = {});

/// The same content as GitHub-flavoured Markdown, in English; all report text through
/// annals::markdown_text (markdown.hpp): no HTML, link, image or control character from a report
/// reaches the document.
[[nodiscard]] std::string to_markdown(const jurisdiction_view& v);

/// to_markdown() in `lang`: zh writes the headings, columns, statuses, verdicts and reasons in
/// Chinese (the words of the Chinese HTML page, localize_reason()); en is to_markdown(v).
[[nodiscard]] std::string to_markdown(const jurisdiction_view& v, report_lang lang);

/// `&<>"'` → entities. What to_html() applies to every piece of report text.
[[nodiscard]] std::string html_escape(std::string_view text);

}  // namespace annals
