#pragma once
// How `annals` reads its input files and writes its output files, safely:
//  - inputs are regular files (or `-`, standard input), opened without blocking (a FIFO with no
//    writer, a device, a socket is refused at once) and read up to a limit (--max-bytes, default
//    256 MB): an endless input (/dev/zero) is never read whole;
//  - output files go through a temporary file in the same folder, renamed into place, and are
//    never the store or an input of the command (same device and inode).

#include <annals/report.hpp>
#include <annals/store.hpp>

#include <CLI/CLI.hpp>

#include <cstdint>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

namespace annals::cli {

/// The default of --max-bytes: 256 MB.
inline constexpr std::uint64_t default_max_input_bytes = 256ull * 1024 * 1024;

/// The limit every input read of this process obeys (set by --max-bytes).
std::uint64_t& max_input_bytes();

/// Adds `--max-bytes N` (the input size limit) to a command that reads report files.
void add_max_bytes_option(CLI::App& sub);

/**
 * The bytes of `path` (or of standard input for "-"): a regular file, opened with O_NONBLOCK, at
 * most max_input_bytes() of it (reading stops at limit+1).
 * @throws input_error "<path>: no such file", "<path>: is a directory", "<path>: permission
 *         denied", "<path>: not a regular file (a FIFO|character device|…)", "<path>: larger than
 *         the input limit of N bytes (--max-bytes)".
 */
std::string read_input(const std::string& path);

/// read_input() into `bytes`, reusing its storage: a regular file is read with one read(2) of its
/// size (and one more to see its end); standard input and files that grow while read in pieces.
/// Same checks and errors as read_input().
void read_input_into(const std::string& path, std::string& bytes);

/// The checks of read_input() on a file a library function will read itself (a panel, a plan):
/// a regular file, opened without blocking, no larger than max_input_bytes(). Same errors.
void check_input_file(const std::string& path);

/// read_input() then annals::read_report_bytes(); the source name is the path as given ("-" for
/// standard input). A `year_mismatch` warning (the title's year is not the body's) is also printed
/// on stderr: "annals: <path>: warning: the title says 2023年 but the body's first year is 2024年; …".
annals::report read_input_report(const std::string& path);

/// read_input_report() for a worker thread: the file is read into `buffer` (reused from file to
/// file), and the warning lines it would print on stderr are appended to `notes` instead, for the
/// caller to print in input order.
annals::report read_input_report(const std::string& path, std::string& buffer, std::string& notes);

/// Opens a store read-only (works in a read-only folder or mount: store::open's immutable URI)
/// and prints its note, if any, on stderr as "annals: note: …".
annals::store open_store_read_only(const std::string& path);

/// Throws usage_error when `path` is the same file (device + inode) as one of `others` (the store,
/// the inputs): "<path>: is <what> itself; refusing to overwrite it". Missing files never match.
void refuse_overwriting(const std::string& path, const std::vector<std::pair<std::string, std::string>>& others);

/**
 * A file written as it is made, through a temporary file (mkstemp) in the same folder that
 * commit() flushes, fsyncs and renames into place: a failure, or destruction without commit(),
 * removes the temporary file and leaves the old file intact. The stream buffers 1 MiB; a write
 * that fails throws output_error from the stream (not a silent stream state).
 * @throws output_error "<path>: cannot write: <why>" (creating, writing, committing).
 */
class atomic_file {
 public:
  explicit atomic_file(std::string path);
  ~atomic_file();
  atomic_file(const atomic_file&) = delete;
  atomic_file& operator=(const atomic_file&) = delete;

  [[nodiscard]] std::ostream& stream() noexcept { return out_; }
  /// Writes what the stream holds, fsyncs and closes the temporary file: everything that can
  /// fail but the rename (to stage several files before renaming any).
  void finish();
  /// finish() unless done, then the rename into place.
  void commit();

 private:
  class buffer : public std::streambuf {
   public:
    explicit buffer(atomic_file& f);

   protected:
    int_type overflow(int_type c) override;
    int sync() override;

   private:
    atomic_file& f_;
    std::vector<char> space_;
  };
  void write_out(const char* data, std::size_t size);
  [[noreturn]] void fail(int err);

  std::string path_;
  std::string temporary_;
  int fd_ = -1;
  bool finished_ = false;
  buffer buf_;
  std::ostream out_;
};

/// Writes `content` to `path` as one atomic_file: a failure leaves no partial file and the old
/// file intact.
/// @throws output_error "<path>: cannot write: <why>".
void write_file_atomically(const std::string& path, const std::string& content);

/**
 * The output of a command that must print nothing when it fails, however large.
 *
 * When stdout is a regular file written at its end (`> out`, `>> out`), the output goes straight
 * into it through a buffer of min(memory_limit, 1 MB), and a spool dropped without commit() -
 * an error, or SIGINT/SIGTERM/SIGHUP meanwhile - truncates the file back to where it started:
 * one copy of the output, no temporary file. Otherwise (a pipe, a terminal, a file written in
 * its middle) it holds the first `memory_limit` bytes in memory and past that goes on in an
 * unlinked temporary file ($TMPDIR, else /tmp); commit() writes it all to stdout (file
 * descriptor 1, after flushing std::cout). Dropped without commit(), nothing of it is printed.
 * When stdout is the null device (`> /dev/null`: checking files for their exit code and
 * warnings), the output is dropped as it comes, neither held nor spooled: 35 MB of JSONL of
 * 1,200 files had gone through a temporary file for nothing, doubling `extract`'s time.
 * Only a SIGKILL (or a crash) in the direct case leaves a partial file, as any program writing
 * through the shell's redirection would.
 * @throws output_error "<temporary file>: cannot write: <why>", "stdout: cannot write: <why>".
 */
class stdout_spool : public std::streambuf {
 public:
  explicit stdout_spool(std::size_t memory_limit);
  ~stdout_spool() override;
  stdout_spool(const stdout_spool&) = delete;
  stdout_spool& operator=(const stdout_spool&) = delete;

  void commit();
  /// Whether the output went past memory_limit into the temporary file.
  [[nodiscard]] bool spilled() const noexcept { return fd_ >= 0; }
  /// Whether the output goes straight into stdout, a regular file (truncated back on failure).
  [[nodiscard]] bool direct() const noexcept { return direct_; }

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int_type overflow(int_type c) override;

 private:
  void spill();
  void drain();
  void write_through();
  static constexpr std::size_t chunk_size = std::size_t{1} << 20;
  std::size_t limit_;
  std::vector<std::string> chunks_;  ///< what is held in memory, in pieces of chunk_size
  std::size_t held_ = 0;
  int fd_ = -1;
  std::string path_;
  bool direct_ = false;
  bool discard_ = false;
  bool committed_ = false;
};

/// The output stream of a command that writes through a stdout_spool: spool_memory() bytes
/// held, a failing write thrown (not a silent stream state); commit() flushes it and commits.
class spooled_stdout {
 public:
  spooled_stdout();
  [[nodiscard]] std::ostream& stream() noexcept { return out_; }
  void commit();

 private:
  stdout_spool spool_;
  std::ostream out_;
};

/// Output a stdout_spool holds in memory before its temporary file: 32 MB, or
/// ANNALS_SPOOL_MEMORY bytes (for tests of the temporary file; docs/cli.md).
std::size_t spool_memory();

}  // namespace annals::cli
