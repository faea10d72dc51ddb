#pragma once
// The one output contract of the `annals` commands (docs/cli.md, "Output formats"; issue 13):
// a command that prints records describes them once — named columns of typed cells — and ONE
// renderer per format writes them, so that quoting, nulls, the BOM and line ends live here only.
//
//   table  padded columns for a terminal (text_table.hpp), numbers right-aligned, null as "—"
//   csv    RFC 4180 through annals::csv_field (formula neutralisation), UTF-8 BOM unless --no-bom,
//          one header line, LF line ends, null as an empty field
//   json   {"schema": "annals.<thing>/1", "<key>": [ {column: cell, …}, … ]}, 2-space indent,
//          keys in column order; text and exact decimals are strings, integers numbers,
//          booleans true/false, null for missing
//   jsonl  one record per line, the same objects as json's array (no schema key: a line is a
//          record, not a document)
//   md     a Markdown pipe table, every cell through annals::markdown_text

#include "cli.hpp"

#include <annals/decimal.hpp>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace annals::cli {

enum class cell_type { text, decimal, integer, boolean };

struct column {
  std::string name;
  cell_type type = cell_type::text;
};

/// A cell: nullopt is missing (null in JSON, empty in CSV). Else its text: an exact decimal as
/// written ("15.38"), an integer in digits, a boolean "true" or "false".
using cell = std::optional<std::string>;

[[nodiscard]] inline cell text_cell(std::string s) { return cell(std::move(s)); }
/// Empty text as null: for optional text the library keeps as "".
[[nodiscard]] inline cell text_or_null(std::string s) { return s.empty() ? cell() : cell(std::move(s)); }
[[nodiscard]] inline cell int_cell(std::int64_t v) { return cell(std::to_string(v)); }
[[nodiscard]] inline cell bool_cell(bool v) { return cell(v ? "true" : "false"); }
[[nodiscard]] inline cell dec_cell(const std::optional<decimal>& d) {
  return d ? cell(d->to_string()) : cell();
}

/// Records of one kind, as a command prints them.
struct record_set {
  std::string schema;  ///< annals.<thing>/1: the "schema" of the json document
  std::string key;     ///< the name of the records' array in the json document ("reports")
  std::vector<column> columns;
  std::vector<std::vector<cell>> rows;
};

/// The UTF-8 byte order mark every CSV starts with unless --no-bom.
inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

/// Writes `r` in `fmt`; `bom` is for csv only.
void render(std::ostream& out, const record_set& r, format fmt, bool bom);

/// csv, md and jsonl, whose records stand alone: writes `r`'s rows, after the header (csv: the
/// BOM when `bom` and the column names; md: the head and rule) when `header`. Rows of several
/// sets with the same columns, the first with its header, are render() of all of them.
/// @throws std::logic_error for table and json (whole documents).
void render_rows(std::ostream& out, const record_set& r, format fmt, bool bom, bool header);

/**
 * Records written as they come, for a listing too long to hold (reports of a national store):
 * construct with the set's schema, key and columns (its rows are ignored), add() each row, then
 * finish(). The bytes are render()'s of all the rows, in every format but table (whose column
 * widths need every row first): the header before the first row, json's closing after the last.
 * Rows are written in batches of a few hundred.
 * @throws std::logic_error for table.
 */
class record_writer {
 public:
  record_writer(std::ostream& out, record_set columns, format fmt, bool bom);
  void add(std::vector<cell> row);
  /// Writes what is held and the end of the document. Call once, after the last add().
  void finish();
  [[nodiscard]] std::size_t rows() const noexcept { return count_; }

 private:
  void write_batch();
  std::ostream& out_;
  record_set set_;
  format fmt_;
  bool bom_;
  std::size_t count_ = 0;
  bool header_written_ = false;
  std::string json_;  ///< json: the text not yet written
};

}  // namespace annals::cli
