#pragma once
/// @file panel.hpp
/// Year-over-year growth of every row of a CSV panel `jurisdiction,metric,year,value`, exact,
/// fast enough for millions of rows (see bench/README.md, "Panel").

#include <annals/decimal.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace annals {

/// Decimals of every per-row growth: value/prior − 1 rounded half-up (ties away from zero).
inline constexpr int panel_growth_digits = 12;
/// Decimals of the printed growth_sum of a summary (the exact sum, rounded half-up).
inline constexpr int panel_summary_digits = 6;

/// What became of one row.
enum class panel_status {
  ok,          ///< year − 1 is present for the same jurisdiction and metric: growth computed
  no_prior,    ///< no row for year − 1
  zero_prior,  ///< the row for year − 1 has value 0: growth undefined, counted apart
};

/// "ok", "no_prior", "zero_prior".
[[nodiscard]] constexpr std::string_view to_string(panel_status s) noexcept {
  switch (s) {
    case panel_status::ok: return "ok";
    case panel_status::no_prior: return "no_prior";
    case panel_status::zero_prior: return "zero_prior";
  }
  return "ok";
}
template <>
struct enum_values<panel_status> {
  static constexpr std::array all{panel_status::ok, panel_status::no_prior, panel_status::zero_prior};
};

/// How rows are put in (jurisdiction, metric, year) order; the answer never depends on it.
enum class panel_strategy {
  automatic,  ///< grid when the panel is dense (cells ≤ 4 × rows), sort otherwise
  grid,       ///< a dense jurisdiction × metric × year array
  sort,       ///< radix sort of packed 64-bit keys
};

/// Tuning knobs; the defaults are right for almost everyone.
struct panel_options {
  unsigned threads = 0;  ///< worker threads; 0 = std::thread::hardware_concurrency()
  panel_strategy strategy = panel_strategy::automatic;
};

/// One row of the panel with its growth, as returned by panel_yoy_result::row().
struct panel_row {
  std::string_view jurisdiction;
  std::string_view metric;
  int year = 0;
  decimal value;                 ///< as written (2 decimals kept when it had ≤ 2)
  std::optional<decimal> prior;  ///< the value of year − 1; set for ok and zero_prior
  std::optional<decimal> growth;  ///< value/prior − 1 to panel_growth_digits decimals; set for ok
  panel_status status = panel_status::no_prior;
};

/// Counts and the growth sum of a panel, comparable with any other engine's.
struct panel_summary {
  std::size_t rows_read = 0;    ///< data rows in the file
  std::size_t rows = 0;         ///< rows with status ok (a prior year with a nonzero value)
  std::size_t no_prior = 0;     ///< rows without a row for year − 1
  std::size_t zero_prior = 0;   ///< rows whose prior value is zero (not in rows, not in the sum)
  std::size_t jurisdictions = 0;
  std::size_t metrics = 0;
  /// Σ over the ok rows of growth, each growth rounded to panel_growth_digits decimals first;
  /// the sum itself is exact (scale panel_growth_digits).
  decimal growth_sum;

  /// growth_sum rounded half-up to panel_summary_digits decimals: "12345.678901".
  [[nodiscard]] std::string growth_sum_text() const {
    return growth_sum.to_string(panel_summary_digits, rounding::half_up);
  }
  /// The one-line JSON the CLI prints for `--summary`:
  /// {"rows": N, "growth_sum": "…", "zero_prior": Z, "no_prior": P, "rows_read": R}
  [[nodiscard]] std::string to_json() const;
};

/**
 * The growth of every row of a panel, in (jurisdiction, metric, year) order — names compared
 * as bytes — whatever the order of the input.
 *
 * The rows are stored compactly (about 24 bytes each); row(i) builds a panel_row on demand.
 */
class panel_yoy_result {
 public:
  panel_yoy_result();
  ~panel_yoy_result();
  panel_yoy_result(panel_yoy_result&&) noexcept;
  panel_yoy_result& operator=(panel_yoy_result&&) noexcept;
  panel_yoy_result(const panel_yoy_result&) = delete;
  panel_yoy_result& operator=(const panel_yoy_result&) = delete;

  /// Number of rows (every data row of the input, with or without a prior year).
  [[nodiscard]] std::size_t size() const noexcept;
  /// Row `i` (0 ≤ i < size()). @throws usage_error when i is out of range.
  [[nodiscard]] panel_row row(std::size_t i) const;
  [[nodiscard]] const panel_summary& summary() const noexcept;

  /// Writes `jurisdiction,metric,year,value,prior,growth_ratio,status` with a header row (growth_ratio
  /// is a fraction, value/prior − 1: `growth` before issue 13). Names are
  /// quoted per RFC 4180 when needed; a name starting with = + - @ gets a ' prefix (as every
  /// annals CSV, against spreadsheet formula injection). prior/growth_ratio are empty when absent.
  void write_csv(std::ostream& out) const;
  /// Writes a JSON array, one object per line:
  /// {"jurisdiction":"…","metric":"…","year":2020,"value":"1.5","prior":"1.2","growth_ratio":"0.25…",
  ///  "status":"ok"} with null for an absent prior or growth_ratio.
  void write_json(std::ostream& out) const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
  friend struct panel_access;
};

/**
 * Reads a CSV panel and computes value/prior − 1 for every row whose year − 1 exists for the
 * same jurisdiction and metric.
 *
 * Input: UTF-8 CSV (RFC 4180: quoted fields, "" inside quotes, CRLF or LF; a UTF-8 BOM and
 * blank lines are skipped) with the header `jurisdiction,metric,year,value` exactly; rows in
 * any order. year: an integer 1…9999. value: `[-+]digits[.digits]`. Growth is exact: the
 * quotient rounded half-up to panel_growth_digits decimals. A prior of zero gives status
 * zero_prior (no growth, excluded from the summary's rows and sum).
 *
 * Uses options.threads threads for parsing and for the division pass.
 *
 * @throws input_error "<file>: cannot open: …" when the file cannot be read;
 *         "<file>:<line>: …" for a bad header, a wrong number of fields, a bad year or
 *         number, a name that is not UTF-8; "<file>: duplicate row for …" when a
 *         (jurisdiction, metric, year) appears twice; "<file>: … overflow" when a growth or
 *         the sum does not fit the exact decimal.
 *
 * @code
 *   auto r = annals::panel_yoy("panel.csv");
 *   std::cout << r.summary().rows << " " << r.summary().growth_sum_text() << "\n";
 *   for (std::size_t i = 0; i < r.size(); ++i)
 *     if (auto row = r.row(i); row.growth) std::cout << row.growth->to_string() << "\n";
 * @endcode
 */
[[nodiscard]] panel_yoy_result panel_yoy(const std::filesystem::path& csv,
                                         const panel_options& options = {});

/// panel_yoy() on CSV text in memory; `name` stands for the file name in error messages.
[[nodiscard]] panel_yoy_result panel_yoy_text(std::string_view csv, std::string_view name = "<text>",
                                              const panel_options& options = {});

/// Only the summary of panel_yoy(): the same numbers, without keeping the rows (less memory).
[[nodiscard]] panel_summary panel_yoy_summary(const std::filesystem::path& csv,
                                              const panel_options& options = {});

/// panel_yoy_summary() on CSV text in memory.
[[nodiscard]] panel_summary panel_yoy_summary_text(std::string_view csv,
                                                   std::string_view name = "<text>",
                                                   const panel_options& options = {});

}  // namespace annals
