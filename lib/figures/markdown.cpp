// The one Markdown escaping function (include/annals/markdown.hpp).
#include <annals/markdown.hpp>
#include <annals/text.hpp>

namespace annals {

std::string markdown_text(std::string_view text) {
  std::string flat(text);
  for (char& c : flat)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  // the same neutralisation as every error line and terminal table: C0, DEL and C1 controls as
  // \xHH, bad bytes as U+FFFD; the backslash of \x1B is escaped below and shows in the document
  const std::string safe = utf8::printable(flat, static_cast<std::size_t>(-1));
  std::string out;
  out.reserve(safe.size() + safe.size() / 8 + 8);
  for (const char c : safe) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '!': case '#': case '~':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace annals
