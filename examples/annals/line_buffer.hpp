#pragma once
// stderr written a whole line at a time. std::cerr is unbuffered: every `<<` is its own write(2),
// so a warning of seven pieces was seven system calls (an ingest of 1,200 revisions made 15,588
// of them), and lines written by two annals processes to one log could interleave mid-line.
// line_buffer holds what is written until a newline (or an explicit flush, as the progress line
// does after its '\r'), then writes everything up to the last newline in one call. A mutex keeps
// its buffer whole when two threads write to std::cerr at once (the stream itself never did
// promise whole lines then).
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <mutex>
#include <streambuf>
#include <string>

namespace annals::cli {

class line_buffer final : public std::streambuf {
 public:
  explicit line_buffer(int fd) : fd_(fd) {}
  line_buffer(const line_buffer&) = delete;
  line_buffer& operator=(const line_buffer&) = delete;
  ~line_buffer() override { sync(); }

  /// Bytes held: the start of a line not yet ended (for tests).
  std::size_t pending() const {
    const std::lock_guard lock(m_);
    return held_.size();
  }

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (n <= 0) return 0;
    const std::lock_guard lock(m_);
    const auto count = static_cast<std::size_t>(n);
    const bool line_end = std::memchr(s, '\n', count) != nullptr;
    held_.append(s, count);
    bool ok = true;
    if (line_end) ok = write_through_last_newline();
    else if (held_.size() >= limit) ok = write_all();  // a very long line goes out in pieces
    return ok ? n : 0;  // 0: the stream turns bad, as an unbuffered one would
  }

  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return sync() == 0 ? traits_type::not_eof(ch) : ch;
    const char c = traits_type::to_char_type(ch);
    return xsputn(&c, 1) == 1 ? ch : traits_type::eof();
  }

  int sync() override {
    const std::lock_guard lock(m_);
    return write_all() ? 0 : -1;
  }

 private:
  static constexpr std::size_t limit = 64 * 1024;

  bool write_bytes(const char* p, std::size_t n) {
    while (n > 0) {
      const ssize_t w = ::write(fd_, p, n);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) return false;  // stderr closed or full: nothing to report the failure on
      p += w;
      n -= static_cast<std::size_t>(w);
    }
    return true;
  }
  bool write_through_last_newline() {
    const std::size_t end = held_.rfind('\n') + 1;
    const bool ok = write_bytes(held_.data(), end);
    held_.erase(0, end);
    return ok;
  }
  bool write_all() {
    const bool ok = write_bytes(held_.data(), held_.size());
    held_.clear();
    return ok;
  }

  int fd_;
  mutable std::mutex m_;
  std::string held_;
};

/// Makes std::cerr write through a line_buffer on `fd` for as long as it lives, then writes what
/// is held and gives std::cerr its own buffer back.
class stderr_by_lines {
 public:
  explicit stderr_by_lines(int fd) : buffer_(fd), old_(std::cerr.rdbuf(&buffer_)), flags_(std::cerr.flags()) {
    std::cerr.unsetf(std::ios::unitbuf);
  }
  stderr_by_lines(const stderr_by_lines&) = delete;
  stderr_by_lines& operator=(const stderr_by_lines&) = delete;
  ~stderr_by_lines() {
    std::cerr.flush();
    std::cerr.rdbuf(old_);
    std::cerr.flags(flags_);
  }

 private:
  line_buffer buffer_;
  std::streambuf* old_;
  std::ios::fmtflags flags_;
};

}  // namespace annals::cli
