#pragma once
// Internal: the quoted sentences a jurisdiction_view's verdicts and statuses rest on.

#include <annals/html_report.hpp>
#include <annals/store.hpp>

#include <vector>

namespace annals::detail {

/**
 * Fills v.quotes (by year, then place in the report) from the reports of `by_year`: one quote per point
 * with a verdict or stated change (its figure and the change stated on it highlighted), one per
 * commitment (the first evidence passage of the later report, else the commitment itself in the
 * earlier one). Clears every inconsistency::quote that names no quote.
 * @throws storage_error when a report cannot be loaded.
 */
void collect_quotes(const store& db, const std::vector<report_summary>& by_year, jurisdiction_view& v);

}  // namespace annals::detail
