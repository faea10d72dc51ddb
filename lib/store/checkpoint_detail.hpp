#pragma once
// The thread behind store::checkpoint_in_background() (internal to lib/store).

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace annals::detail {

/// Calls `step` on a thread of its own every `period` until destroyed; the destructor wakes the
/// thread, lets a step under way finish, joins it, then destroys `step` (and what it holds).
class checkpoint_thread {
 public:
  checkpoint_thread(std::function<void()> step, std::chrono::milliseconds period);
  checkpoint_thread(const checkpoint_thread&) = delete;
  checkpoint_thread& operator=(const checkpoint_thread&) = delete;
  ~checkpoint_thread();

 private:
  std::function<void()> step_;
  std::chrono::milliseconds period_;
  std::mutex m_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;  // last: started once everything it uses is constructed
};

}  // namespace annals::detail
