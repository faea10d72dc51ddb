// The CSV field writer (include/annals/csv.hpp).
#include <annals/csv.hpp>

namespace annals {
namespace {

/// A first character that makes a spreadsheet read the field as a formula.
constexpr bool starts_formula(char c) noexcept {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

}  // namespace

void append_csv_field(std::string& out, std::string_view s, csv_kind kind) {
  const bool neutralise = kind == csv_kind::text && !s.empty() && starts_formula(s.front());
  const bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (quote) out.push_back('"');
  if (neutralise) out.push_back('\'');
  if (quote) {
    for (const char c : s) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
  } else {
    out.append(s);
  }
}

std::string csv_field(std::string_view s, csv_kind kind) {
  std::string out;
  out.reserve(s.size() + 2);
  append_csv_field(out, s, kind);
  return out;
}

std::string_view csv_unneutralise(std::string_view s) noexcept {
  if (s.size() >= 2 && s[0] == '\'' && starts_formula(s[1])) s.remove_prefix(1);
  return s;
}

}  // namespace annals
