#pragma once
/// @file reader.hpp
/// The reader: the text of a Chinese government's annual report (法治政府建设情况报告) →
/// annals::report (annals.report/1): title, issuer, year, recipient, sections and items, facts
/// with labels, stated changes, dates, and the report's plan, problems, next steps and targets.
/// How the reader decides what is a fact is documented in docs/reader.md.

#include <annals/report.hpp>
#include <annals/source.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace annals {

/// A numeral the reader saw in the report body and did not report as a fact or a change.
struct skipped_numeral {
  std::string text;    ///< the numeral as written (with its measure word when it has one)
  std::string reason;  ///< year, date, month, quoted, ordinal, enumeration, fixed_term, article,
                       ///< code, period, no_measure, from_value
  text_span span;
};

/// Knobs of read_report_text().
struct read_options {
  /// Page-furniture lines of the text (code-point spans, as decode_document() reports them).
  /// nullopt: the reader finds them itself with furniture_spans().
  std::optional<std::vector<text_span>> furniture;
  /// When set, receives every numeral of the body that became neither a fact nor a change, with
  /// the reason (for diagnostics and tests). Cleared first.
  std::vector<skipped_numeral>* skipped = nullptr;
};

/**
 * Reads a report from its decoded text (UTF-8).
 *
 * Extraction is linear in the length of the text: one pass to fold widths and split lines, one
 * over the lines for the layout, one over the body for numerals, and bounded look-backs (at most
 * a clause, capped) for labels and change patterns.
 *
 * Invalid UTF-8 is replaced by U+FFFD (one per ill-formed subpart) with an `invalid_utf8`
 * warning; `report::text` is the repaired text and every span indexes its code points. Text
 * without 一、… sections gets a `no_sections` warning, text holding a second report after the first
 * gets `multiple_reports` (only the first is read), a missing title `no_title`, an unknown
 * reporting year `no_year`.
 *
 * @code
 *   annals::report r = annals::read_report_text("…市人大常委会:\n2024年,…一、…");
 *   for (const auto& f : r.facts) std::cout << f.id << ' ' << f.label << ' ' << f.text << '\n';
 * @endcode
 * @param utf8_text the decoded report
 * @param src where it came from; copied into report::source unchanged
 * @throws input_error "<name>: empty text" when the text holds nothing but whitespace (<name> is
 *         src.name, or "report" when that is empty).
 */
[[nodiscard]] report read_report_text(std::string_view utf8_text, source_info src = {});

/// read_report_text() with options (furniture spans, skipped-numeral diagnostics).
[[nodiscard]] report read_report_text(std::string_view utf8_text, source_info src,
                                      const read_options& options);

/**
 * Reads a report from the raw bytes of a file: decode_document() (encoding, HTML, furniture),
 * then read_report_text(). The decoder's warnings come first in report::warnings;
 * report::source gets `name`, the SHA-256 of `bytes`, the encoding and the format.
 * @throws input_error from decode_document() ("<name>: empty file", "<name>: not a text
 *         document (binary data)", …).
 */
[[nodiscard]] report read_report_bytes(std::string_view bytes, std::string name);

/// read_report_bytes() with decode limits (the inflated size of a DOCX's parts).
[[nodiscard]] report read_report_bytes(std::string_view bytes, std::string name, const decode_options& options);

/**
 * Reads a report file: read_file_bytes() then read_report_bytes() with the path as given as the
 * source name.
 * @throws input_error "<path>: no such file", "<path>: is a directory", … and everything
 *         read_report_bytes() throws.
 */
[[nodiscard]] report read_report(const std::filesystem::path& path);

}  // namespace annals
