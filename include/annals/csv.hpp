#pragma once
/// @file csv.hpp
/// The one CSV field writer of annals: every CSV that the library and the `annals` tool write
/// (annals::to_csv, store::panel_csv and export_catalogue, panel_yoy_result::write_csv, and the
/// tool's `reports`, `yoy --db` and `catalogue` tables) quotes and neutralises its fields here.

#include <string>
#include <string_view>

namespace annals {

/// What a CSV field holds: text is neutralised against spreadsheet formulas; a number is not
/// (-12.5 stays a number).
enum class csv_kind { text, number };

/**
 * Appends `s` to `out` as one CSV field, by these rules:
 * - a text field that starts with = + - @, tab or CR gets a `'` in front, so that a spreadsheet
 *   never runs it as a formula (docs/reliability.md §7); a number field is written as it is;
 * - the field is quoted (RFC 4180: in `"`, its quotes doubled) when it holds , " CR or LF, or
 *   starts or ends with a space (so that no reader trims it).
 *
 * @code
 *   annals::csv_field("a,b")                          // "\"a,b\""
 *   annals::csv_field("=SUM(A1)")                     // "'=SUM(A1)"
 *   annals::csv_field("-12.5", annals::csv_kind::number)  // "-12.5"
 * @endcode
 */
void append_csv_field(std::string& out, std::string_view s, csv_kind kind = csv_kind::text);

/// append_csv_field() into a new string.
[[nodiscard]] std::string csv_field(std::string_view s, csv_kind kind = csv_kind::text);

/// The inverse of the neutralisation, for a text field read back from such a CSV: a `'`
/// followed by = + - @, tab or CR loses the `'`; anything else is returned unchanged.
[[nodiscard]] std::string_view csv_unneutralise(std::string_view s) noexcept;

}  // namespace annals
