#include "cli.hpp"

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

format format_from_string(std::string_view name) {
  for (auto f : {format::table, format::json, format::jsonl, format::csv, format::md})
    if (to_string(f) == name) return f;
  return format::table;
}

void add_format_option(CLI::App& sub, format& value, std::vector<format> allowed, format fallback) {
  std::vector<std::string> names;
  std::string list;
  for (auto f : allowed) {
    names.emplace_back(to_string(f));
    if (!list.empty()) list += "|";
    list += to_string(f);
  }
  value = fallback;
  sub.add_option_function<std::string>(
         "--format", [&value](const std::string& v) { value = format_from_string(v); },
         "output format: " + list + " (default " + std::string(to_string(fallback)) + ")")
      ->check(CLI::IsMember(names));
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
