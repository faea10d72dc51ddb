#pragma once
/// @file report_json.hpp
/// annals.report/1: a report as JSON (and back), and the flat variants `annals extract` prints —
/// JSON Lines, CSV and Markdown. See docs/report-json.md.

#include <annals/report.hpp>

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>

namespace annals {

/// The schema name written to and required in "schema".
inline constexpr std::string_view report_schema = "annals.report/1";

/// Options of to_json.
struct json_options {
  int indent = 2;              ///< spaces per level; negative: one line
  bool include_text = false;   ///< add "text": the decoded document the spans index
};

/**
 * The report as an annals.report/1 JSON object (UTF-8): "schema", "source", "report",
 * "sections", "facts", "changes", "dates", "commitments", "warnings", in that order. Figures are
 * decimal strings; unknown values are null; spans are code-point offsets. Facts carry two fields
 * beyond the spec's example, "last_digit" and "approximate", so that a report read back has the
 * same quantities (the spec allows added fields).
 *
 * @code
 *   std::string json = annals::to_json(annals::read_report(path));
 * @endcode
 */
[[nodiscard]] std::string to_json(const report& r, int indent = 2);
[[nodiscard]] std::string to_json(const report& r, const json_options& options);

/**
 * Parses annals.report/1 JSON back into a report. Fields added by later minor revisions are
 * ignored; the "text" field, when present, becomes report::text.
 * @throws input_error "report json: <why>" for malformed JSON, another schema, a missing or
 *         mistyped field, or a value out of range (the message names the field, e.g.
 *         "report json: facts[3].value: not a decimal string").
 */
[[nodiscard]] report report_from_json(std::string_view json);

/**
 * One JSON object per fact and line, each carrying the report's identity ("source", "sha256",
 * "jurisdiction", "year") followed by the fact's fields as in to_json. Ends with a newline when
 * there is at least one fact.
 */
[[nodiscard]] std::string to_jsonl(const report& r);
[[nodiscard]] std::string to_jsonl(std::span<const report> reports);

/**
 * One CSV row per fact after a header row (RFC 4180 quoting, LF line ends like every annals output, fields with , " CR LF
 * quoted, quotes doubled). Text fields beginning with = + - @ (or tab / CR) get a leading ' so
 * spreadsheets do not run them as formulas; numeric fields (value, lo, hi, year, section, item,
 * start, end) are written as they are, so "-5" stays a number.
 * Columns: source, sha256, jurisdiction, year, id, section, item, label, text, value, unit,
 * qualifier, qualifier_text, lo, hi, lo_closed, hi_closed, kind, flags, start, end.
 */
[[nodiscard]] std::string to_csv(const report& r);
[[nodiscard]] std::string to_csv(std::span<const report> reports);

/**
 * A readable Markdown summary: the report's identity, then one table of facts per section (facts
 * outside sections first), then tables of changes and commitments and a list of warnings. All
 * report text and the file name go through annals::markdown_text (markdown.hpp): report text
 * cannot break a table, inject HTML, a link or an image, or send a control character.
 */
[[nodiscard]] std::string to_markdown(const report& r);
[[nodiscard]] std::string to_markdown(std::span<const report> reports);

/// @name Streaming forms
/// The same text as to_json, to_jsonl, to_csv and to_markdown, written to `out` as it is made:
/// at most about 64 kB of it is held at a time, so a report's output is never built whole
/// (`annals extract` writes each report so as soon as it is read). Write errors are the stream's
/// (its state, or its exceptions).
/// @{
void write_json(std::ostream& out, const report& r, const json_options& options = {});
void write_jsonl(std::ostream& out, const report& r);
/// to_csv of several reports is write_csv_header once, then write_csv_rows of each.
void write_csv_header(std::ostream& out);
void write_csv_rows(std::ostream& out, const report& r);
/// to_markdown of several reports separates them with "\n---\n\n".
void write_markdown(std::ostream& out, const report& r);
/// @}

}  // namespace annals
