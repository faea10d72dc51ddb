// Test helpers shared by decode_test and reliability_test: re-encoding text with glibc iconv (an
// independent path from the reader's own decoder) and splitting it into lines.
#pragma once

#include <iconv.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace annals::test {

/// Converts UTF-8 to another encoding with glibc iconv.
inline std::string convert(const std::string& utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1))) throw std::runtime_error("iconv_open");
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* o = out.data();
  std::size_t out_left = out.size();
  const std::size_t r = iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  if (r == static_cast<std::size_t>(-1)) throw std::runtime_error("iconv failed");
  out.resize(out.size() - out_left);
  return out;
}

/// The lines of `s` split at LF (a final line without LF included; "" gives one empty line).
inline std::vector<std::string> lines_of(std::string_view s) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at <= s.size()) {
    std::size_t nl = s.find('\n', at);
    if (nl == std::string_view::npos) nl = s.size();
    lines.emplace_back(s.substr(at, nl - at));
    if (nl == s.size()) break;
    at = nl + 1;
  }
  return lines;
}

}  // namespace annals::test
