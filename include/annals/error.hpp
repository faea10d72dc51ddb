#pragma once
/// @file error.hpp
/// The exception hierarchy of annals and the exit codes the command-line tool maps it to.

#include <stdexcept>
#include <string>

namespace annals {

/// What kind of failure an annals::error reports. The numeric values are the exit codes of the
/// `annals` command-line tool (see docs/formats.md, "Exit codes").
enum class errc : int {
  ok = 0,
  found_problem = 1,  ///< the command ran and found what it exists to find (e.g. inconsistencies)
  usage = 2,          ///< bad flags, bad arguments, misuse of the API
  input = 3,          ///< unreadable file, not a text document, unparsable figure
  storage = 4,        ///< database locked, read-only, corrupt, disk full
  output = 5,         ///< an output (stdout, a written file) could not be written: disk full,
                      ///< /dev/full, the file size limit (ulimit -f), a closed pipe
};

/// Base of every exception annals throws. `what()` is one line, "<what>: <why>".
class error : public std::runtime_error {
 public:
  error(errc code, const std::string& message) : std::runtime_error(message), code_(code) {}
  [[nodiscard]] errc code() const noexcept { return code_; }
  /// The process exit code the CLI uses for this error.
  [[nodiscard]] int exit_code() const noexcept { return static_cast<int>(code_); }

 private:
  errc code_;
};

/// Bad input: a figure that cannot be parsed, a file that is not a report, an overflow.
class input_error : public error {
 public:
  explicit input_error(const std::string& message) : error(errc::input, message) {}
};

/// Input in a format annals does not read (binary Word or Excel, a spreadsheet or other zip
/// archive, RTF, an image or other binary data). Still exit code 3 (`input`); a separate class so
/// that callers walking folders can count such files apart from files that failed to read.
class unsupported_input_error : public input_error {
 public:
  explicit unsupported_input_error(const std::string& message) : input_error(message) {}
};

/// The store failed: locked, read-only, corrupt, full.
class storage_error : public error {
 public:
  explicit storage_error(const std::string& message) : error(errc::storage, message) {}
};

/// An output could not be written (stdout, a file the command writes).
class output_error : public error {
 public:
  explicit output_error(const std::string& message) : error(errc::output, message) {}
};

/// The caller misused the API or the command line.
class usage_error : public error {
 public:
  explicit usage_error(const std::string& message) : error(errc::usage, message) {}
};

}  // namespace annals
