#pragma once
// Internal helpers shared by the HTML and Markdown renderings of a jurisdiction_view.

#include <annals/decimal.hpp>
#include <annals/html_report.hpp>
#include <annals/quantity.hpp>
#include <annals/range_text.hpp>

#include "figures/localize_detail.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace annals::detail {

/// At most `max_cp` code points of `s`, with "…" when cut.
std::string truncate(std::string_view s, std::size_t max_cp);

/// 12345 → "1.23万", 2.3e8 → "2.3亿", 86.5 → "86.5": axis ticks.
std::string compact_number(double v);

/// "+89.81" / "-5.20": a growth with its sign, `digits` decimals.
std::string signed_fixed(const decimal& d, int digits);
/// "+89.6" / "-5.2": as the report wrote it, with its sign.
std::string signed_plain(const decimal& d);

/// The interval a figure allows, for a tooltip: "11100 < x < 11200 件".
std::string interval_text(const interval& iv, std::string_view unit);

/// 0.8234 → "0.82".
std::string fixed2(double v);

/// "2023–2025", "2024", or "" without years.
std::string year_span(const jurisdiction_view& v);

/// Words shown on a status chip ("in_progress" → "in progress").
std::string status_label(std::string_view status);

}  // namespace annals::detail
