// The annals tool's stderr buffer (examples/annals/line_buffer.hpp): what is written reaches the
// file descriptor a whole line per write, and nothing is lost or reordered.
#include "line_buffer.hpp"
#include "scratch_dir.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <ostream>
#include <sstream>
#include <string>

namespace {

using annals::cli::line_buffer;
using annals::cli::stderr_by_lines;

/// A file to write into, and what it holds.
struct sink {
  annals::test::scratch_dir dir;
  std::string path = (dir.path / "stderr").string();
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  ~sink() {
    if (fd >= 0) ::close(fd);
  }
  std::string text() const {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

/// A line_buffer on a fresh file, and a stream written through it.
struct writer {
  sink out;
  line_buffer buf{out.fd};
  std::ostream os{&buf};
};

TEST(cli_line_buffer, a_line_is_written_when_it_ends_and_not_before) {
  writer w;
  ASSERT_GE(w.out.fd, 0);
  auto& [out, buf, os] = w;
  os << "annals: warning: " << "a.txt" << ": " << 2024 << ' ' << 'x';
  EXPECT_EQ(out.text(), "");  // six insertions, no write yet
  EXPECT_EQ(buf.pending(), 30u);
  os << " (report " << 7 << ")\n";
  EXPECT_EQ(out.text(), "annals: warning: a.txt: 2024 x (report 7)\n");
  EXPECT_EQ(buf.pending(), 0u);
}

TEST(cli_line_buffer, the_start_of_the_next_line_waits_for_its_end) {
  writer w;
  auto& [out, buf, os] = w;
  os << "first\nsecond\nthi";
  EXPECT_EQ(out.text(), "first\nsecond\n");
  EXPECT_EQ(buf.pending(), 3u);
  os.put('r');
  os.put('d');
  EXPECT_EQ(out.text(), "first\nsecond\n");
  os.put('\n');
  EXPECT_EQ(out.text(), "first\nsecond\nthird\n");
}

TEST(cli_line_buffer, a_flush_writes_a_partial_line_as_the_progress_line_needs) {
  writer w;
  auto& [out, buf, os] = w;
  os << "\r\033[Kingesting 3/10 files" << std::flush;
  EXPECT_EQ(out.text(), "\r\033[Kingesting 3/10 files");
  EXPECT_EQ(buf.pending(), 0u);
}

TEST(cli_line_buffer, a_line_longer_than_the_buffer_goes_out_in_pieces_and_whole) {
  writer w;
  auto& [out, buf, os] = w;
  const std::string chunk(1000, 'x');
  for (int i = 0; i < 100; ++i) os << chunk;  // 100,000 bytes, no newline
  EXPECT_GE(out.text().size(), 64u * 1024);   // written before the line ended
  EXPECT_LT(buf.pending(), 64u * 1024);
  os << "\n";
  EXPECT_EQ(out.text(), std::string(100000, 'x') + "\n");
}

TEST(cli_line_buffer, what_is_held_is_written_when_the_buffer_goes) {
  sink out;
  {
    line_buffer buf(out.fd);
    std::ostream os(&buf);
    os << "no newline at the end";
  }
  EXPECT_EQ(out.text(), "no newline at the end");
}

TEST(cli_line_buffer, a_write_that_fails_sets_the_stream_bad_and_throws_nothing) {
  sink out;
  const std::string read_only = out.path;
  const int fd = ::open(read_only.c_str(), O_RDONLY | O_CLOEXEC);  // write(2) fails with EBADF
  ASSERT_GE(fd, 0);
  {
    line_buffer buf(fd);
    std::ostream os(&buf);
    os << "held";
    EXPECT_TRUE(os.good());  // nothing written yet
    os << " and lost\n";
    EXPECT_TRUE(os.bad());  // the line's write failed, as an unbuffered stream's would
    EXPECT_EQ(buf.pending(), 0u);
    os.clear();
    os << "partial";
    os.flush();
    EXPECT_TRUE(os.bad());  // a flush that fails tells too
  }
  ::close(fd);
  EXPECT_EQ(out.text(), "");
}

TEST(cli_line_buffer, stderr_by_lines_routes_cerr_and_gives_it_back) {
  sink out;
  std::streambuf* const before = std::cerr.rdbuf();
  const bool unitbuf_before = (std::cerr.flags() & std::ios::unitbuf) != 0;
  {
    const stderr_by_lines lines(out.fd);
    EXPECT_NE(std::cerr.rdbuf(), before);
    std::cerr << "annals: " << "x" << ": " << 1;
    EXPECT_EQ(out.text(), "");
    std::cerr << "\n" << "tail";
    EXPECT_EQ(out.text(), "annals: x: 1\n");
  }
  EXPECT_EQ(out.text(), "annals: x: 1\ntail");  // written when it goes
  EXPECT_EQ(std::cerr.rdbuf(), before);
  EXPECT_EQ((std::cerr.flags() & std::ios::unitbuf) != 0, unitbuf_before);
}

}  // namespace
