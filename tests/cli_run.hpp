#pragma once
// Running the built `annals` tool (ANNALS_CLI) from a test, in a scratch folder of its own:
// stdout, stderr and the exit code of one command line.

#include "scratch_dir.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace annals::test {

struct cli_result {
  int code = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

/// `s` quoted for sh (single quotes; any byte but NUL survives, line breaks and ESC included).
inline std::string sh_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// Runs the shell command line `cmdline` in `dir`, "$ANNALS" standing for the tool, killed after
/// `seconds`; stdin is /dev/null.
inline cli_result run_sh(const std::filesystem::path& dir, const std::string& cmdline, int seconds = 120) {
  const auto out = dir / ".stdout", err = dir / ".stderr";
  const std::string cmd = "cd " + sh_quote(dir.string()) + " && ANNALS=" + sh_quote(ANNALS_CLI) + " timeout -s KILL " +
                          std::to_string(seconds) + " sh -c " + sh_quote(cmdline) + " >" + sh_quote(out.string()) +
                          " 2>" + sh_quote(err.string()) + " </dev/null";
  const int status = std::system(cmd.c_str());
  cli_result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  std::error_code ec;
  std::filesystem::remove(out, ec);
  std::filesystem::remove(err, ec);
  return r;
}

/// `annals <args>` (args already quoted where needed) in `dir`.
inline cli_result run_annals(const std::filesystem::path& dir, const std::string& args) {
  return run_sh(dir, "\"$ANNALS\" " + args);
}

}  // namespace annals::test
