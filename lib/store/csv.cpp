// RFC 4180 CSV reading for the store's catalogue import.

#include "store/csv_detail.hpp"

#include <annals/error.hpp>

#include <istream>

namespace annals::detail {

std::optional<std::vector<std::string>> csv_reader::next() {
  std::vector<std::string> fields;
  std::string cur;
  bool in_quotes = false, quoted = false, any = false;
  record_line_ = line_;
  std::istream::int_type ch;
  while ((ch = in_.get()) != std::istream::traits_type::eof()) {
    const char c = static_cast<char>(ch);
    any = true;
    if (in_quotes) {
      if (c == '"') {
        if (in_.peek() == '"') {
          in_.get();
          cur.push_back('"');
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line_;
        cur.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      if (!cur.empty() || quoted)
        throw input_error("line " + std::to_string(line_) + ": stray quote inside an unquoted field");
      in_quotes = quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(cur));
      cur.clear();
      quoted = false;
    } else if (c == '\r') {
      if (in_.peek() == '\n') continue;  // CRLF: the LF ends the record
      ++line_;
      break;
    } else if (c == '\n') {
      ++line_;
      break;
    } else {
      if (quoted)
        throw input_error("line " + std::to_string(line_) + ": text after a closing quote");
      cur.push_back(c);
    }
  }
  if (in_quotes) throw input_error("line " + std::to_string(record_line_) + ": unterminated quoted field");
  if (!any) return std::nullopt;
  fields.push_back(std::move(cur));
  return fields;
}

}  // namespace annals::detail
