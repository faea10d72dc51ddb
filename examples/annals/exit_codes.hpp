#pragma once
// The exit codes of the `annals` tool (docs/cli.md, "Exit codes"), and the one place that maps the
// library's error categories (annals::errc) to them. The library itself gives errc no numbers.

#include <annals/error.hpp>

namespace annals::cli {

enum exit_code : int {
  exit_ok = 0,
  exit_found_problem = 1,  ///< done, and what the command looks for was found (check: inconsistencies)
  exit_usage = 2,
  exit_input = 3,
  exit_storage = 4,
  exit_output = 5,
  exit_internal = 70,  ///< a bug (also out of memory)
};

[[nodiscard]] constexpr int exit_code_of(errc c) noexcept {
  switch (c) {
    case errc::usage: return exit_usage;
    case errc::input: return exit_input;
    case errc::storage: return exit_storage;
    case errc::output: return exit_output;
  }
  return exit_internal;
}

[[nodiscard]] inline int exit_code_of(const error& e) noexcept { return exit_code_of(e.code()); }

}  // namespace annals::cli
