#pragma once
// Shared plumbing of the `annals` command-line tool: the subcommand registry, output formats,
// and the rule that a failing command writes nothing to stdout.
//
// Each subcommand lives in its own cmd_<name>.cpp and registers itself with
//   static const annals::cli::registration reg{order, [](CLI::App& app) -> annals::cli::runner {...}};
// The setup function adds the subcommand (with options bound to state it owns) and returns the
// function that runs it. The runner writes to `out` (buffered; printed only on success) and
// returns the exit code (0 ok, 1 found a problem); failures are thrown as annals::error.

#include <annals/lang.hpp>

#include <CLI/CLI.hpp>

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace annals::cli {

/// Where a command writes. `out` is a buffer flushed to stdout only when the command succeeds;
/// `err` is stderr (progress, warnings).
struct io {
  std::ostream& out;
  std::ostream& err;
  bool stderr_is_tty = false;
  /// Write straight to stdout, bypassing the buffer: for commands whose output is too large to
  /// buffer. Such a command must validate all its input before writing anything.
  std::ostream& direct;
};

using runner = std::function<int(io&)>;
using setup = std::function<runner(CLI::App& app)>;

struct command_entry {
  int order;
  setup fn;
};

std::vector<command_entry>& registry();

/// Registers a subcommand at static-initialisation time; `order` sorts `annals --help`.
struct registration {
  registration(int order, setup fn) { registry().push_back({order, std::move(fn)}); }
};

/// Output formats shared by the commands.
enum class format { table, json, jsonl, csv, md };

/// Adds `--format table|csv|json|jsonl|md` (every command offers all five; the value is matched
/// whatever its case, and a bad one is a usage error, exit 2, with "did you mean") and `--no-bom`
/// (CSV without the UTF-8 byte order mark; `bom` becomes false). The default is table when stdout
/// is a terminal, else `fallback` (the command's documented default). Keep `value` and `bom`
/// alive as long as the App (e.g. in a shared_ptr captured by the runner).
void add_format_option(CLI::App& sub, format& value, bool& bom, format fallback);
/// The format named `name` (any case); nullopt for an unknown name.
std::optional<format> parse_format(std::string_view name);
std::string_view to_string(format f);

/// Adds `--lang zh|en` (any case; anything else is a usage error, exit 2): the language of the
/// command's Markdown, Chinese by default. Keep `value` alive as long as the App.
void add_lang_option(CLI::App& sub, report_lang& value);

/// Text from a report, a file name or the command line made safe for a terminal: every control
/// character (C0, DEL, C1: ESC, OSC, backspace, CR …) shown as a visible escape (`\x1B`), bytes
/// that are not UTF-8 as U+FFFD. The same annals::utf8::printable that every error line goes
/// through (main.cpp), without its length cut. Every table cell (text_table.hpp) and every
/// message that quotes such text uses it; Markdown uses annals::markdown_text (markdown.hpp),
/// which applies the same function first.
std::string safe(std::string_view s);

/// Pads a UTF-8 string to `width` terminal columns (CJK characters count as two).
std::string pad(std::string_view s, std::size_t width);
/// Terminal columns of a UTF-8 string (CJK wide characters count as two).
std::size_t display_width(std::string_view s);

}  // namespace annals::cli
