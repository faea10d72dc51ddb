// Whole-file reads with one-line errors (include/annals/source.hpp).
#include <annals/error.hpp>
#include <annals/source.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace annals {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, int err) {
  std::string why;
  switch (err) {
    case ENOENT:
    case ENOTDIR: why = "no such file"; break;
    case EISDIR: why = "is a directory"; break;
    case EACCES:
    case EPERM: why = "permission denied"; break;
    default: why = std::strerror(err); break;
  }
  throw input_error(path.string() + ": " + why);
}

/// Closes the descriptor on every path out.
struct fd_guard {
  int fd;
  ~fd_guard() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string read_file_bytes(const std::filesystem::path& path) {
  if (path.empty()) throw input_error("(empty path): no such file");
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(path, errno);
  const fd_guard guard{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) fail(path, errno);
  if (S_ISDIR(st.st_mode)) fail(path, EISDIR);

  std::string bytes;
  if (S_ISREG(st.st_mode) && st.st_size > 0) bytes.reserve(static_cast<std::size_t>(st.st_size));
  std::size_t used = 0;
  std::size_t chunk = S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) + 1 : std::size_t{1} << 16;
  while (true) {
    if (bytes.size() < used + chunk) bytes.resize(used + chunk);
    const ssize_t n = ::read(fd, bytes.data() + used, bytes.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(path, errno);
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
    if (used == bytes.size()) chunk = std::max<std::size_t>(chunk, used);  // grow geometrically
  }
  bytes.resize(used);
  return bytes;
}

}  // namespace annals
