// Safe input reads and output writes of the `annals` tool (files.hpp).
#include "files.hpp"
#include "cli.hpp"

#include <annals/error.hpp>
#include <annals/reader.hpp>
#include <annals/text.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>

namespace annals::cli {
namespace {

[[noreturn]] void fail(const std::string& path, int err) {
  std::string why;
  switch (err) {
    case ENOENT:
    case ENOTDIR: why = "no such file"; break;
    case EISDIR: why = "is a directory"; break;
    case EACCES:
    case EPERM: why = "permission denied"; break;
    default: why = std::strerror(err); break;
  }
  throw input_error(path + ": " + why);
}

const char* kind_of(mode_t m) {
  if (S_ISFIFO(m)) return "a FIFO";
  if (S_ISCHR(m)) return "a character device";
  if (S_ISBLK(m)) return "a block device";
  if (S_ISSOCK(m)) return "a socket";
  return "not a plain file";
}

struct fd_guard {
  int fd;
  bool owned;
  ~fd_guard() {
    if (owned && fd >= 0) ::close(fd);
  }
};

std::string limit_text(std::uint64_t n) {
  if (n >= 1024 * 1024 && n % (1024 * 1024) == 0) return std::to_string(n / (1024 * 1024)) + " MB";
  return std::to_string(n) + " bytes";
}

}  // namespace

std::uint64_t& max_input_bytes() {
  static std::uint64_t limit = default_max_input_bytes;
  return limit;
}

void add_max_bytes_option(CLI::App& sub) {
  sub.add_option("--max-bytes", max_input_bytes(),
                 "refuse an input file larger than this many bytes (exit 3; default 268435456 = 256 MB)")
      ->check(CLI::PositiveNumber);
}

namespace {

/// Opens `path` for reading without blocking (a FIFO with no writer returns at once instead of
/// waiting for one) and refuses anything but a regular file; `st` receives its status.
int open_regular(const std::string& path, struct stat& st) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) fail(path, errno);
  fd_guard guard{fd, true};
  if (::fstat(fd, &st) != 0) fail(path, errno);
  if (S_ISDIR(st.st_mode)) fail(path, EISDIR);
  if (!S_ISREG(st.st_mode)) throw input_error(path + ": not a regular file (" + kind_of(st.st_mode) + ")");
  // O_NONBLOCK (so that opening a FIFO by mistake does not hang) is left set: it changes nothing
  // for a regular file's reads, and clearing it was two system calls a file.
  guard.owned = false;
  return fd;
}

}  // namespace

void check_input_file(const std::string& path) {
  if (path.empty()) throw input_error("(empty path): no such file");
  struct stat st {};
  const fd_guard guard{open_regular(path, st), true};
  const std::uint64_t limit = max_input_bytes();
  if (static_cast<std::uint64_t>(st.st_size) > limit)
    throw input_error(path + ": larger than the input limit of " + limit_text(limit) + " (--max-bytes)");
}

void read_input_into(const std::string& path, std::string& bytes) {
  if (path.empty()) throw input_error("(empty path): no such file");
  const bool is_stdin = path == "-";
  const std::string name = is_stdin ? std::string("(standard input)") : path;
  struct stat st {};
  const int fd = is_stdin ? STDIN_FILENO : open_regular(path, st);
  const fd_guard guard{fd, !is_stdin};
  const std::uint64_t limit = max_input_bytes();
  // A regular file's size is known: room for all of it and one byte more, so that one read takes
  // the whole file and shows its end (a file that grew fills the byte more, and reading goes on).
  // Never more than limit+1.
  std::uint64_t want = 1u << 16;
  if (!is_stdin && st.st_size >= 0) want = static_cast<std::uint64_t>(st.st_size) + 1;
  want = std::min<std::uint64_t>(want, limit + 1);
  bytes.resize(static_cast<std::size_t>(want));
  std::size_t used = 0;
  while (true) {
    // Never ask for more than limit+1 bytes in all: one byte past the limit tells "too large".
    const std::uint64_t room = limit + 1 - used;
    if (room == 0) break;
    if (bytes.size() == used) {
      const std::uint64_t grow = std::min<std::uint64_t>(std::max<std::size_t>(used, 1 << 16), room);
      bytes.resize(used + static_cast<std::size_t>(grow));
    }
    const ssize_t n = ::read(fd, bytes.data() + used, bytes.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(name, errno);
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
    // A short read that brings the whole size fstat gave: the end, without a read returning 0 (a
    // system call a file). A short read that stops before (FUSE and network file systems may
    // return less) goes on reading.
    if (!is_stdin && used < bytes.size() && used == static_cast<std::uint64_t>(st.st_size)) break;
  }
  if (used > limit)
    throw input_error(name + ": larger than the input limit of " + limit_text(limit) + " (--max-bytes)");
  bytes.resize(used);
}

std::string read_input(const std::string& path) {
  std::string bytes;
  read_input_into(path, bytes);
  return bytes;
}

annals::report read_input_report(const std::string& path, std::string& buffer, std::string& notes) {
  read_input_into(path, buffer);
  annals::decode_options options;
  options.max_bytes = max_input_bytes();  // a DOCX's parts are not inflated past the input limit
  annals::report r = annals::read_report_bytes(buffer, path, options);
  // A year the reader had to choose between the title and the body files the report under that
  // year in the store and in every comparison: say so where a person reads it (issue 17, item 10).
  for (const auto& w : r.warnings)
    if (w.code == "year_mismatch") notes += "annals: " + safe(path) + ": warning: " + safe(w.message) + "\n";
  return r;
}

annals::report read_input_report(const std::string& path) {
  std::string buffer, notes;
  annals::report r = read_input_report(path, buffer, notes);
  std::cerr << notes;
  return r;
}

annals::store open_store_read_only(const std::string& path) {
  annals::store db = annals::store::open(path, annals::open_mode::read_only);
  if (!db.note().empty()) std::cerr << "annals: note: " << annals::utf8::printable(db.note(), 4096) << "\n";
  return db;
}

void refuse_overwriting(const std::string& path, const std::vector<std::pair<std::string, std::string>>& others) {
  struct stat out {};
  if (::stat(path.c_str(), &out) != 0) return;  // a new file cannot be any input
  for (const auto& [what, other] : others) {
    if (other.empty() || other == "-") continue;
    struct stat st {};
    if (::stat(other.c_str(), &st) != 0) continue;
    if (st.st_dev == out.st_dev && st.st_ino == out.st_ino)
      throw usage_error(path + ": is " + what + " itself (" + other + "); refusing to overwrite it");
  }
}

namespace {

/// write(2) of all of `data`, retried on EINTR; 0 or the errno of the failure.
int write_all(int fd, const char* data, std::size_t size) {
  for (std::size_t done = 0; done < size;) {
    const ssize_t n = ::write(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? errno : EIO;
    done += static_cast<std::size_t>(n);
  }
  return 0;
}

}  // namespace

atomic_file::atomic_file(std::string path) : path_(std::move(path)), buf_(*this), out_(&buf_) {
  namespace fs = std::filesystem;
  const fs::path target(path_);
  const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  // mkstemp's template: it replaces the six trailing X with a unique suffix and creates the file
  temporary_ = (folder / (".annals-" + target.filename().string() + ".XXXXXX")).string();
  fd_ = ::mkstemp(temporary_.data());
  if (fd_ < 0) throw output_error(path_ + ": cannot write: " + std::strerror(errno));
  out_.exceptions(std::ios::badbit);
}

atomic_file::~atomic_file() {
  if (fd_ >= 0) ::close(fd_);
  if (!temporary_.empty()) ::unlink(temporary_.c_str());  // not renamed into place
}

void atomic_file::fail(int err) {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  ::unlink(temporary_.c_str());
  temporary_.clear();
  throw output_error(path_ + ": cannot write: " + std::strerror(err));
}

void atomic_file::write_out(const char* data, std::size_t size) {
  if (fd_ < 0) throw output_error(path_ + ": cannot write: the file was abandoned after a failure");
  if (const int err = write_all(fd_, data, size)) fail(err);
}

void atomic_file::finish() {
  if (finished_) return;
  out_.flush();  // throws what writing the rest throws
  if (fd_ < 0) throw output_error(path_ + ": cannot write: the file was abandoned after a failure");
  int err = 0;
  if (::fsync(fd_) != 0) err = errno;
  // mkstemp creates 0600; give the file the usual mode (0666 less the umask).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (err == 0 && ::fchmod(fd_, 0666 & ~mask) != 0) err = errno;
  if (err != 0) fail(err);
  const int closed = ::close(fd_);
  fd_ = -1;
  if (closed != 0) fail(errno);
  finished_ = true;
}

void atomic_file::commit() {
  finish();
  if (::rename(temporary_.c_str(), path_.c_str()) != 0) fail(errno);
  temporary_.clear();
}

atomic_file::buffer::buffer(atomic_file& f) : f_(f), space_(std::size_t{1} << 20) {
  setp(space_.data(), space_.data() + space_.size());
}

atomic_file::buffer::int_type atomic_file::buffer::overflow(int_type c) {
  sync();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

int atomic_file::buffer::sync() {
  const auto held = static_cast<std::size_t>(pptr() - pbase());
  setp(space_.data(), space_.data() + space_.size());  // emptied even when the write throws
  f_.write_out(space_.data(), held);
  return 0;
}

void write_file_atomically(const std::string& path, const std::string& content) {
  atomic_file f(path);
  f.stream().write(content.data(), static_cast<std::streamsize>(content.size()));
  f.commit();
}


namespace {

// Direct mode's undo (stdout_spool): where stdout started, for the signal handler. One spool at a
// time writes directly (the command's output); -1 when none.
volatile std::sig_atomic_t direct_active = 0;
off_t direct_start = -1;
struct sigaction saved_actions[3];
constexpr int undo_signals[3] = {SIGINT, SIGTERM, SIGHUP};

void undo_direct_output() noexcept {
  // ftruncate and lseek are async-signal-safe
  if (direct_start >= 0) {
    if (::ftruncate(STDOUT_FILENO, direct_start) != 0) { /* nothing more can be done */ }
    (void)::lseek(STDOUT_FILENO, direct_start, SEEK_SET);
  }
}

extern "C" void on_undo_signal(int sig) {
  if (direct_active) undo_direct_output();
  // the default action (termination by this signal) with the earlier handlers back
  for (std::size_t i = 0; i < 3; ++i) ::sigaction(undo_signals[i], &saved_actions[i], nullptr);
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

/// Whether stdout is a regular file written at its end; its size then.
std::optional<off_t> regular_stdout_at_end() {
  struct stat st {};
  if (::fstat(STDOUT_FILENO, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  const int flags = ::fcntl(STDOUT_FILENO, F_GETFL);
  if (flags < 0) return std::nullopt;
  if ((flags & O_APPEND) == 0 && ::lseek(STDOUT_FILENO, 0, SEEK_CUR) != st.st_size) return std::nullopt;
  return st.st_size;
}

/// Whether stdout is the null device: what is written there can never be read back.
bool stdout_is_null_device() {
  struct stat out {}, null {};
  return ::fstat(STDOUT_FILENO, &out) == 0 && S_ISCHR(out.st_mode) && ::stat("/dev/null", &null) == 0 &&
         S_ISCHR(null.st_mode) && out.st_rdev == null.st_rdev;
}

}  // namespace

stdout_spool::stdout_spool(std::size_t memory_limit) : limit_(memory_limit) {
  if (stdout_is_null_device()) {  // nothing to hold back: no one can see a partial output there
    discard_ = true;
    return;
  }
  if (const auto at = regular_stdout_at_end(); at && !direct_active) {
    direct_ = true;
    limit_ = std::min(limit_, chunk_size);
    std::cout.flush();  // what the command printed before goes first
    direct_start = *at;
    struct sigaction sa {};
    sa.sa_handler = on_undo_signal;
    ::sigemptyset(&sa.sa_mask);
    for (std::size_t i = 0; i < 3; ++i) ::sigaction(undo_signals[i], &sa, &saved_actions[i]);
    direct_active = 1;
  }
  chunks_.emplace_back().reserve(direct_ ? limit_ : chunk_size);
}

stdout_spool::~stdout_spool() {
  if (fd_ >= 0) ::close(fd_);
  if (direct_) {
    if (!committed_) undo_direct_output();
    direct_active = 0;
    for (std::size_t i = 0; i < 3; ++i) ::sigaction(undo_signals[i], &saved_actions[i], nullptr);
    direct_start = -1;
  }
}

void stdout_spool::spill() {
  const char* dir = std::getenv("TMPDIR");
  std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/annals-out.XXXXXX";
  fd_ = ::mkstemp(tmpl.data());
  if (fd_ < 0) throw output_error(tmpl + ": cannot write: " + std::strerror(errno));
  ::unlink(tmpl.c_str());  // gone when closed, whatever happens
  path_ = tmpl;
}

void stdout_spool::drain() {
  if (fd_ < 0) spill();
  for (const std::string& c : chunks_)
    if (const int err = write_all(fd_, c.data(), c.size()))
      throw output_error(path_ + ": cannot write: " + std::strerror(err));
  chunks_.resize(1);
  chunks_.front().clear();
  held_ = 0;
}

void stdout_spool::write_through() {
  std::string& c = chunks_.front();
  if (const int err = write_all(STDOUT_FILENO, c.data(), c.size()))
    throw output_error(std::string("stdout: cannot write: ") + std::strerror(err));
  c.clear();
  held_ = 0;
}

std::streamsize stdout_spool::xsputn(const char* s, std::streamsize n) {
  if (discard_) return n;
  auto left = static_cast<std::size_t>(n);
  if (direct_) {  // one reused buffer, written through when full
    std::string& c = chunks_.front();
    while (left > 0) {
      const std::size_t take = std::min(left, limit_ - c.size());
      c.append(s, take);
      s += take;
      left -= take;
      if (c.size() == limit_) write_through();
    }
    return n;
  }
  // Pieces of 1 MB, never moved once written (a growing string would copy itself at every
  // doubling); past the memory limit they go to the temporary file.
  while (left > 0) {
    if (chunks_.back().size() == chunk_size) chunks_.emplace_back().reserve(chunk_size);
    std::string& c = chunks_.back();
    const std::size_t take = std::min(left, chunk_size - c.size());
    c.append(s, take);
    s += take;
    left -= take;
    held_ += take;
    if (held_ >= (fd_ >= 0 ? chunk_size : limit_)) drain();
  }
  return n;
}

stdout_spool::int_type stdout_spool::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  const char ch = traits_type::to_char_type(c);
  xsputn(&ch, 1);
  return c;
}

std::size_t spool_memory() {
  if (const char* v = std::getenv("ANNALS_SPOOL_MEMORY"); v && *v) {
    char* end = nullptr;
    const unsigned long long n = std::strtoull(v, &end, 10);
    if (*end == '\0' && n > 0) return static_cast<std::size_t>(n);
  }
  return std::size_t{32} << 20;
}

spooled_stdout::spooled_stdout() : spool_(spool_memory()), out_(&spool_) { out_.exceptions(std::ios::badbit); }

void spooled_stdout::commit() {
  out_.flush();
  spool_.commit();
}

void stdout_spool::commit() {
  if (discard_) return;
  if (direct_) {
    write_through();
    committed_ = true;
    return;
  }
  // Whatever the command printed to std::cout before goes first (nothing, for extract).
  std::cout.flush();
  const auto to_stdout = [](const char* data, std::size_t size) {
    if (const int err = write_all(STDOUT_FILENO, data, size))
      throw output_error(std::string("stdout: cannot write: ") + std::strerror(err));
  };
  if (fd_ < 0) {  // all of it in memory
    for (const std::string& c : chunks_) to_stdout(c.data(), c.size());
    return;
  }
  drain();
  // In the kernel when it can (sendfile to a pipe or a file), else read back piece by piece.
  const off_t total = ::lseek(fd_, 0, SEEK_CUR);
  if (total < 0 || ::lseek(fd_, 0, SEEK_SET) != 0)
    throw output_error(path_ + ": cannot read back: " + std::strerror(errno));
  off_t sent = 0;
  while (sent < total) {
    const ssize_t n = ::sendfile(STDOUT_FILENO, fd_, nullptr, static_cast<std::size_t>(total - sent));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // not supported here (or stdout failed): the loop below says which
    sent += n;
  }
  if (sent == total) return;
  if (::lseek(fd_, sent, SEEK_SET) != sent) throw output_error(path_ + ": cannot read back: " + std::strerror(errno));
  std::string& chunk = chunks_.front();
  chunk.resize(chunk_size);
  while (true) {
    const ssize_t n = ::read(fd_, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw output_error(path_ + ": cannot read back: " + std::strerror(errno));
    if (n == 0) break;
    to_stdout(chunk.data(), static_cast<std::size_t>(n));
  }
  chunk.clear();
}

}  // namespace annals::cli
