#pragma once
// Shared by the libFuzzer targets of tests/fuzz: an invariant check that reports what broke and
// aborts (libFuzzer then saves the input as a crash artifact), and the one-line-message rule of
// annals::error.

#include <annals/error.hpp>
#include <annals/text.hpp>

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace annals::fuzz {

/// Aborts with `what` on stderr when `ok` is false.
inline void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
  std::abort();
}

/// Every annals::error message is one non-empty line of the form "<what>: <why>": the CLI prints
/// it to a terminal as "annals: <what>: <why>", so it holds no line break or other control
/// character (an echoed ESC could drive the terminal) and is valid UTF-8.
///
/// ANNALS_FUZZ_LENIENT_MESSAGES=1 in the environment checks only that a message is non-empty: for
/// exploring past a message bug that is already reported (never set by make fuzz or make test).
inline void require_one_line_message(const annals::error& e) {
  const std::string_view m = e.what();
  static const bool lenient = [] {
    const char* v = std::getenv("ANNALS_FUZZ_LENIENT_MESSAGES");
    return v != nullptr && std::string_view(v) == "1";
  }();
  if (lenient) {
    require(!m.empty(), "error message is empty");
    return;
  }
  require(!m.empty(), "error message is empty");
  require(m.find('\n') == std::string_view::npos, "error message spans several lines");
  for (const char c : m) {
    const auto b = static_cast<unsigned char>(c);
    require(b >= 0x20 && b != 0x7F, "error message holds a control character");
  }
  require(annals::utf8::is_valid(m), "error message is not valid UTF-8");
  require(m.find(": ") != std::string_view::npos, "error message is not '<what>: <why>'");
}

}  // namespace annals::fuzz
