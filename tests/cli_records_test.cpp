// The tool's record writer (examples/annals/records.hpp): record_writer, which writes a listing
// row by row, gives render()'s bytes in every format, across its batches.
#include "records.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace annals::cli;

record_set columns() {
  return {"annals.test/1",
          "things",
          {{"id", cell_type::integer}, {"name", cell_type::text}, {"value", cell_type::decimal}, {"ok", cell_type::boolean}},
          {}};
}

/// Row k: every kind of cell, with nulls, quoting and a formula-looking text now and then.
std::vector<cell> row(std::size_t k) {
  const std::string names[] = {"成都市", "a \"quoted\", name", "line\nbreak", "=SUM(A1)", "pipe | cell", ""};
  return {int_cell(static_cast<std::int64_t>(k)), k % 7 == 3 ? cell() : text_cell(names[k % 6]),
          k % 5 == 0 ? cell() : cell(std::to_string(k) + ".50"), bool_cell(k % 2 == 0)};
}

std::string rendered(std::size_t n, format fmt, bool bom) {
  record_set all = columns();
  for (std::size_t k = 0; k < n; ++k) all.rows.push_back(row(k));
  std::ostringstream out;
  render(out, all, fmt, bom);
  return out.str();
}

std::string written(std::size_t n, format fmt, bool bom) {
  std::ostringstream out;
  record_writer w(out, columns(), fmt, bom);
  for (std::size_t k = 0; k < n; ++k) w.add(row(k));
  w.finish();
  EXPECT_EQ(w.rows(), n);
  return out.str();
}

TEST(cli_records, the_writer_gives_renders_bytes_in_every_format_and_across_batches) {
  for (const format fmt : {format::json, format::jsonl, format::csv, format::md}) {
    for (const std::size_t n : {0u, 1u, 2u, 255u, 256u, 257u, 600u}) {
      for (const bool bom : {true, false}) {
        SCOPED_TRACE(std::to_string(static_cast<int>(fmt)) + " rows " + std::to_string(n) + (bom ? " bom" : ""));
        const std::string expected = rendered(n, fmt, bom);
        EXPECT_EQ(expected.empty(), fmt == format::jsonl && n == 0);  // jsonl has no header
        EXPECT_EQ(written(n, fmt, bom), expected);
      }
    }
  }
}

TEST(cli_records, the_writer_writes_before_the_listing_ends) {
  std::ostringstream out;
  record_writer w(out, columns(), format::jsonl, false);
  for (std::size_t k = 0; k < 1000; ++k) w.add(row(k));
  // at most one batch is held: the rest is out already
  const std::string so_far = out.str();
  EXPECT_GT(std::count(so_far.begin(), so_far.end(), '\n'), 700);
  w.finish();
  const std::string all = out.str();
  EXPECT_EQ(std::count(all.begin(), all.end(), '\n'), 1000);  // a newline in a text is escaped
}

TEST(cli_records, a_table_cannot_be_written_row_by_row) {
  std::ostringstream out;
  EXPECT_THROW(record_writer(out, columns(), format::table, false), std::logic_error);
}

}  // namespace
