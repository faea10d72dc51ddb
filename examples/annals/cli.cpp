#include "cli.hpp"
#include "suggest.hpp"

#include <unistd.h>

#include <cctype>

#include <annals/text.hpp>


namespace annals::cli {

std::vector<command_entry>& registry() {
  static std::vector<command_entry> entries;
  return entries;
}

std::string_view to_string(format f) {
  switch (f) {
    case format::table: return "table";
    case format::json: return "json";
    case format::jsonl: return "jsonl";
    case format::csv: return "csv";
    case format::md: return "md";
  }
  return "table";
}

std::optional<format> parse_format(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto f : {format::table, format::csv, format::json, format::jsonl, format::md})
    if (to_string(f) == lower) return f;
  return std::nullopt;
}

void add_format_option(CLI::App& sub, format& value, bool& bom, format fallback) {
  value = isatty(STDOUT_FILENO) != 0 ? format::table : fallback;
  bom = true;
  const std::vector<std::string> names{"table", "csv", "json", "jsonl", "md"};
  const CLI::Validator known(
      [names](std::string& v) -> std::string {
        if (parse_format(v)) return {};
        std::string lower(v);
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string message = "'" + v + "' is not a format; one of table, csv, json, jsonl, md";
        if (const auto near = closest(lower, names)) message += " (did you mean '" + *near + "'?)";
        return message;
      },
      "{table,csv,json,jsonl,md}");
  sub.add_option_function<std::string>(
         "--format", [&value](const std::string& v) { value = *parse_format(v); },
         "output format: table|csv|json|jsonl|md, any case (default: table when stdout is a terminal, else " +
             std::string(to_string(fallback)) + ")")
      ->check(known);
  sub.add_flag_callback("--no-bom", [&bom] { bom = false; },
                        "csv: no UTF-8 byte order mark (by default every CSV starts with one, for spreadsheets)");
}

void add_lang_option(CLI::App& sub, report_lang& value) {
  value = report_lang::zh;
  const CLI::Validator known(
      [](std::string& v) -> std::string {
        return parse_report_lang(v) ? std::string() : "'" + v + "' is not a language; zh or en";
      },
      "{zh,en}");
  sub.add_option_function<std::string>(
         "--lang", [&value](const std::string& v) { value = *parse_report_lang(v); },
         "the language of --format md: zh (Chinese, the default) or en")
      ->check(known);
}

std::string safe(std::string_view s) { return annals::utf8::printable(s, static_cast<std::size_t>(-1)); }

std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const annals::utf8::code_point c = annals::utf8::decode(s, i);
    const char32_t cp = c.value;
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    w += wide ? 2 : 1;
    i += c.length;
  }
  return w;
}

std::string pad(std::string_view s, std::size_t width) {
  std::string r(s);
  const auto w = display_width(s);
  if (w < width) r.append(width - w, ' ');
  return r;
}

}  // namespace annals::cli
