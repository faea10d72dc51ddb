// Permission tests when the tests run as root (CI containers and this project's machines do):
// root ignores file permissions, so such a test forks, drops to the unprivileged uid/gid 65534
// ("nobody") in the child, and runs its check there.
#pragma once

#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <exception>
#include <functional>
#include <string>

namespace annals::test {

/// The uid/gid the child runs as.
inline constexpr unsigned unprivileged_id = 65534;

/**
 * Runs `body` in a child process as uid/gid 65534 and returns what it returned: "" when the
 * check passed, else what went wrong (also when the child could not drop its privileges or died).
 * `body` must not use gtest assertions (they would not reach the parent); it returns a message.
 */
inline std::string run_unprivileged(const std::function<std::string()>& body) {
  int fds[2];
  if (::pipe(fds) != 0) return "pipe() failed";
  const pid_t pid = ::fork();
  if (pid < 0) return "fork() failed";
  if (pid == 0) {
    ::close(fds[0]);
    std::string msg;
    if (::setgroups(0, nullptr) != 0 || ::setgid(unprivileged_id) != 0 || ::setuid(unprivileged_id) != 0) {
      msg = "cannot drop to uid 65534";
    } else {
      try {
        msg = body();
      } catch (const std::exception& e) {
        msg = std::string("unexpected exception: ") + e.what();
      }
    }
    std::size_t done = 0;
    while (done < msg.size()) {
      const ssize_t n = ::write(fds[1], msg.data() + done, msg.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string out;
  char buf[512];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    out += " (the unprivileged child did not exit normally)";
  return out;
}

}  // namespace annals::test
