#pragma once
// RFC 4180 CSV reading for the catalogue import (internal to lib/); writing is annals::csv_field
// (include/annals/csv.hpp).

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace annals::detail {

/// Reads CSV records one at a time. Records may span lines inside quotes.
class csv_reader {
 public:
  explicit csv_reader(std::istream& in) : in_(in) {}
  /// The next record, or nullopt at the end. @throws input_error("line N: <why>") (no prefix).
  std::optional<std::vector<std::string>> next();
  /// The line the last record returned started on (1-based).
  [[nodiscard]] std::size_t line() const noexcept { return record_line_; }

 private:
  std::istream& in_;
  std::size_t line_ = 1;
  std::size_t record_line_ = 0;
};

}  // namespace annals::detail
