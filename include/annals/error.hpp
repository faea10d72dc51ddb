#pragma once
/// @file error.hpp
/// The exception hierarchy of annals: one class per kind of failure, each with its errc.
///
/// Failures throw; expected outcomes (a text that is not a figure, a growth on a zero base, a
/// deadline not found) are values: `decimal::try_parse`, `try_parse_figure`,
/// `calendar_date::from_ymd`, `growth_result`, `deadline_result`. Where both exist, the
/// non-throwing function is the real one and the throwing one wraps it with a message.

#include <stdexcept>
#include <string>

namespace annals {

/// What kind of failure an annals::error reports. Categories only: the library gives them no
/// numbers. The `annals` tool maps them to its exit codes (docs/cli.md, "Exit codes";
/// examples/annals/exit_codes.hpp), as any program linking annals maps them to its own.
enum class errc {
  usage = 1,  ///< bad flags, bad arguments, misuse of the API (from 1: a value-initialised errc is none)
  input,      ///< unreadable file, not a text document, unparsable figure
  storage,    ///< database locked, read-only, corrupt, disk full
  output,     ///< an output (stdout, a written file) could not be written: disk full,
              ///< /dev/full, the file size limit (ulimit -f), a closed pipe
};

/// Base of every exception annals throws. `what()` is one line, "<what>: <why>".
class error : public std::runtime_error {
 public:
  error(errc code, const std::string& message) : std::runtime_error(message), code_(code) {}
  [[nodiscard]] errc code() const noexcept { return code_; }

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
