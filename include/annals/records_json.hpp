#pragma once
/// @file records_json.hpp
/// The records the `annals` commands print, beside annals.report/1 (report_json.hpp): the
/// reports a store holds (`annals reports`), the metric series with their verdicts
/// (`annals yoy --db`) and the checked changes of a report (`annals check`) — as JSON (2-space
/// indent, keys in alphabetical order), as CSV (annals::csv_field, one header line) or as
/// Markdown (every piece of report text through annals::markdown_text). The timeline's are
/// timeline_to_json / timeline_to_markdown (track.hpp). Each string ends with a newline.

#include <annals/analyze.hpp>
#include <annals/store.hpp>
#include <annals/track.hpp>

#include <string>
#include <vector>

namespace annals {

/// The reports as a JSON array: id, jurisdiction, year, issuer, title, published, recipient,
/// source, sha256, facts, changes, commitments, ingested_at, current, revision, revisions.
[[nodiscard]] std::string reports_to_json(const std::vector<report_summary>& reports);
/// The same as CSV (without the recipient).
[[nodiscard]] std::string reports_to_csv(const std::vector<report_summary>& reports);

/// The metrics as a JSON array, each with the points `filter` shows.
[[nodiscard]] std::string histories_to_json(const std::vector<metric_history>& metrics, const yoy_filter& filter);
/// One CSV row per shown point of each metric.
[[nodiscard]] std::string histories_to_csv(const std::vector<metric_history>& metrics, const yoy_filter& filter);

/// {"report", "earlier", "note"?, "changes", "implied_priors", "inconsistent"}.
[[nodiscard]] std::string check_to_json(const change_check& c);
/// A title, what it was checked against, the table of changes, the implied prior-year values
/// and the count of inconsistent ones.
[[nodiscard]] std::string check_to_markdown(const change_check& c);
/// check_to_markdown() in `lang`: zh writes headings, columns, kinds, verdicts and reasons in
/// Chinese; en is check_to_markdown(c).
[[nodiscard]] std::string check_to_markdown(const change_check& c, report_lang lang);

}  // namespace annals
