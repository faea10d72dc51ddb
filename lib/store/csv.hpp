#pragma once
// RFC 4180 CSV for the store's exports and the catalogue import (internal to lib/).

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace annals::store_csv {

/// One field: quoted when it holds , " CR LF or leading/trailing spaces; a text field starting
/// with = + - @ gets a ' in front so spreadsheets do not run it as a formula.
[[nodiscard]] std::string field(std::string_view s, bool numeric = false);

/// The inverse of field()'s neutralisation: a ' followed by = + - @ loses the '.
[[nodiscard]] std::string unneutralise(std::string_view s);

/// Reads CSV records one at a time. Records may span lines inside quotes.
class reader {
 public:
  explicit reader(std::istream& in) : in_(in) {}
  /// The next record, or nullopt at the end. @throws input_error("line N: <why>") (no prefix).
  std::optional<std::vector<std::string>> next();
  /// The line the last record returned started on (1-based).
  [[nodiscard]] std::size_t line() const noexcept { return record_line_; }

 private:
  std::istream& in_;
  std::size_t line_ = 1;
  std::size_t record_line_ = 0;
};

}  // namespace annals::store_csv
