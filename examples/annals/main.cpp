// annals — the command-line tool. Subcommands register themselves (see cli.hpp); this file
// parses, runs the chosen one, and turns failures into one line on stderr and an exit code:
//   0 ok · 1 found a problem · 2 usage · 3 input · 4 storage · 5 output (a write failed) · 70 internal error
#include "cli.hpp"
#include "exit_codes.hpp"
#include "line_buffer.hpp"
#include "suggest.hpp"

#include <annals/error.hpp>
#include <annals/text.hpp>
#include <annals/version.hpp>

#include <malloc.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

#include <algorithm>
#include <iostream>
#include <sstream>
#include <string_view>

#ifdef ANNALS_TOOL_JEMALLOC
// jemalloc's options, read before the first allocation (examples/CMakeLists.txt links jemalloc
// when it is found). `thp:always`: its arenas ask for transparent huge pages (madvise; Linux's
// default THP mode serves them only to regions that ask), so the heap is faulted in 2 MiB at a
// time instead of 4 KiB. Page faults are dear on a paravirtualised machine (about 10 µs each
// here): `annals ingest` of 1,200 sample-sized files took 3,680 of them, now about 1,100, and
// the 43 MB report's JSON is written in 1.2 s instead of 2.0 s (bench/README.md, thirteenth
// pass). Peak memory grows by a few huge pages per arena. MALLOC_CONF in the environment still
// overrides this (`MALLOC_CONF=thp:default`); cli_jobs_test checks both.
extern "C" {
// NOLINTNEXTLINE: the name and type jemalloc looks for
const char* malloc_conf = "thp:always,metadata_thp:always";
}
#endif

namespace {
/// An error message as one printable line: a file name or a figure quoted in it may hold control
/// characters or bytes that are not UTF-8 (escaped, or U+FFFD), and it must not end the line early.
std::string one_line(std::string_view message) { return annals::utf8::printable(message, 4096); }

/// Writes `text` to stdout (after whatever the command streamed there) and tells whether all of
/// it arrived: a full disk, /dev/full, the file size limit or a closed pipe make a write fail, and
/// that must not pass as success. Returns `code`, or 5 (output error) with one line on stderr.
int finish_stdout(int code, std::string_view text = {}) {
  errno = 0;
  std::cout.flush();
  int err = (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout) != 0) ? (errno ? errno : EIO) : 0;
  // The buffered output goes out with write(2) itself: its errno is the reason, not a guess.
  for (std::size_t done = 0; err == 0 && done < text.size();) {
    const ssize_t n = ::write(STDOUT_FILENO, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) err = n < 0 ? errno : EIO;
    else done += static_cast<std::size_t>(n);
  }
  if (err == 0) return code;
  std::cerr << "annals: stdout: cannot write: " << std::strerror(err) << "\n";
  return annals::cli::exit_output;
}
/// The one line of a usage error: a mistyped command or option named, with the likely intended one
/// ("unknown command 'extrac' (did you mean 'extract'?)"); else the parser's own message.
std::string usage_message(CLI::App& app, int argc, char** argv, std::string parser_message) {
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands({})) commands.push_back(sub->get_name());
  const std::vector<std::string> args(argv + 1, argv + argc);
  const auto options_of = [&app](const std::string& command) {
    std::vector<std::string> names;
    for (const CLI::Option* opt : app.get_subcommand(command)->get_options())
      for (const auto& n : opt->get_lnames()) names.push_back("--" + n);
    return names;
  };
  if (auto explained = annals::cli::explain_unknown(args, commands, options_of)) return *explained;
  const bool any_command = std::any_of(args.begin(), args.end(), [](const std::string& a) { return !a.starts_with('-'); });
  if (!any_command) {
    std::string list;
    for (const auto& c : commands) list += (list.empty() ? "" : ", ") + c;
    return "no command given; one of: " + list;
  }
  std::replace(parser_message.begin(), parser_message.end(), '\n', ' ');
  return parser_message;
}
}  // namespace

int main(int argc, char** argv) {
  using namespace annals::cli;
  // Past `ulimit -f`, the kernel sends SIGXFSZ, whose default kills the process silently; ignored,
  // the write fails with EFBIG and is reported (exit 5).
  std::signal(SIGXFSZ, SIG_IGN);
  // Warnings and errors go to stderr a whole line per write (line_buffer.hpp).
  const stderr_by_lines stderr_lines(STDERR_FILENO);
  // glibc's allocator hands the top of the heap back to the kernel once 128 kB of it are free,
  // and serves blocks from 128 kB up by mmap: a command that builds and drops a report's objects
  // thousands of times (yoy --db, track --all, ingest) then takes page faults for the same memory
  // again and again — 17 % of `yoy --db`'s CPU was the allocator and the kernel's page work. Freed
  // memory is kept for reuse up to 256 MB, the heap grows 16 MB at a time, and only blocks of
  // 32 MB and more are mapped on their own. Peak memory is unchanged (bench/README.md, "Fourth
  // pass"); a library user's program keeps its own allocator settings.
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  // SQLite's memory statistics off: with them on (Debian's build), every allocation and free
  // SQLite makes takes a process-wide mutex to count the bytes, 7 % of the samples of `annals
  // ingest`'s storing (bench/README.md, twelfth pass). The tool never asks for them (no
  // sqlite3_memory_used, no soft heap limit). It must come before SQLite initialises; the
  // library leaves a user's program's SQLite settings alone.
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  CLI::App app{"annals: read governments' annual reports, keep them year over year, check the figures "
               "and track the commitments.",
               "annals"};
  app.set_version_flag("--version", std::string("annals ") + std::string(annals::version()));
  app.require_subcommand(1);
  app.footer("Exit codes: 0 ok, 1 found a problem (e.g. check found inconsistencies), 2 usage error,\n"
             "3 input error, 4 storage error, 5 output error (stdout or an output file could not be\n"
             "written). Errors are one line on stderr: annals: <what>: <why>.\n"
             "Input files larger than 256 MB are refused (--max-bytes N to change the limit).\n"
             "Run 'annals <command> --help' for a command's options and an example.");

  auto& entries = registry();
  std::stable_sort(entries.begin(), entries.end(),
                   [](const command_entry& a, const command_entry& b) { return a.order < b.order; });
  std::vector<std::pair<CLI::App*, runner>> commands;
  for (auto& e : entries) {
    const auto before = app.get_subcommands({}).size();
    runner r = e.fn(app);
    auto subs = app.get_subcommands({});
    if (subs.size() > before) commands.emplace_back(subs.back(), std::move(r));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    return finish_stdout(0, app.help());
  } catch (const CLI::CallForAllHelp&) {
    return finish_stdout(0, app.help("", CLI::AppFormatMode::All));
  } catch (const CLI::CallForVersion&) {
    return finish_stdout(0, std::string("annals ") + std::string(annals::version()) + "\n");
  } catch (const CLI::ParseError& e) {
    std::cerr << "annals: usage: " << one_line(usage_message(app, argc, argv, e.what())) << " (try --help)\n";
    return annals::cli::exit_usage;
  }

  std::ostringstream buffer;
  io streams{buffer, std::cerr, isatty(STDERR_FILENO) != 0, std::cout};
  try {
    for (auto& [sub, run] : commands) {
      if (sub->parsed()) {
        const int code = run(streams);
        // view(), not str(): no copy of what the command printed (20 MB of JSON from `track` at
        // 20,000 figures)
        return finish_stdout(code, buffer.view());
      }
    }
    std::cerr << "annals: usage: no command given (try --help)\n";
    return annals::cli::exit_usage;
  } catch (const annals::error& e) {
    std::cerr << "annals: " << one_line(e.what()) << "\n";
    return annals::cli::exit_code_of(e);
  } catch (const std::bad_alloc&) {
    std::cerr << "annals: out of memory\n";
    return annals::cli::exit_internal;
  } catch (const std::exception& e) {
    std::cerr << "annals: internal error: " << one_line(e.what()) << "\n";
    return annals::cli::exit_internal;
  }
}
