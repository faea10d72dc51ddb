#pragma once
// Work on several threads for `annals extract`, `ingest`, `yoy --db` and `track --db --all`
// (issue 15): N threads read and parse the files (or compute from the store, each on its own
// connection); the results are written (output, store) one at a time in input order, so
// everything a command prints or stores comes in the order given, whatever the number of threads.
#include "files.hpp"

#include <CLI/CLI.hpp>

#include <annals/report.hpp>
#include <annals/store.hpp>

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace annals::detail {

/// Adds `-j,--jobs N` (1 … 1024; default: the machine's cores). `jobs` stays 0 when not given.
inline void add_jobs_option(CLI::App& sub, unsigned& jobs) {
  sub.add_option("-j,--jobs", jobs,
                 "read the files on N threads (default: the number of cores); the output is in the order given "
                 "whatever N")
      ->check(CLI::Range(1u, 1024u));
}

/// The worker count to use: --jobs when given, else the machine's cores; never more than the
/// number of inputs, never less than one.
inline unsigned worker_count(unsigned jobs_option, std::size_t inputs) {
  unsigned n = jobs_option != 0 ? jobs_option : std::max(1u, std::thread::hardware_concurrency());
  if (inputs < n) n = static_cast<unsigned>(std::max<std::size_t>(inputs, 1));
  return n;
}

/// One input file read: its report, or the exception reading it threw (rethrown, in order, by
/// whoever takes it), and the warning lines the reader would print on stderr.
struct read_outcome {
  std::optional<annals::report> report;
  std::string text;  ///< the report as the command prints it, when the worker formats it (extract)
  std::string notes;
  std::exception_ptr error;
};

/// What each worker keeps between files: the buffer the files are read into.
struct reader_state {
  std::string buffer;
};

/// Reads `path` as read_input_report does, catching what it throws.
inline read_outcome read_one(const std::string& path, reader_state& state) {
  read_outcome out;
  try {
    out.report = annals::cli::read_input_report(path, state.buffer, out.notes);
  } catch (...) {
    out.error = std::current_exception();
  }
  // a large file's buffer is not kept for the next (small) one
  if (state.buffer.capacity() > (std::size_t{64} << 20)) std::string().swap(state.buffer);
  return out;
}

/// Read-only connections to the store, one per worker thread at a time (a connection is not
/// shared between threads).
class store_pool {
 public:
  explicit store_pool(std::string location) : location_(std::move(location)) {}
  std::unique_ptr<annals::store> take() {
    {
      const std::lock_guard lock(m_);
      if (!free_.empty()) {
        auto s = std::move(free_.back());
        free_.pop_back();
        return s;
      }
    }
    return std::make_unique<annals::store>(annals::cli::open_store_read_only(location_));
  }
  void give_back(std::unique_ptr<annals::store> s) {
    const std::lock_guard lock(m_);
    free_.push_back(std::move(s));
  }

 private:
  std::string location_;
  std::mutex m_;
  std::vector<std::unique_ptr<annals::store>> free_;
};

/**
 * Calls `produce(i, state)` for i in [0, n) on `jobs` threads (a reader_state per thread; the
 * calling thread is one of them) and `consume(i, result)` for i = 0, 1, … in order, one call at a
 * time. Whichever thread finishes the result next in order consumes it, and every result after it
 * that is already done: there is no separate writing thread to wake for each file (on a 2-core
 * machine that thread and its ~2 context switches a file cost more than a fifth of the CPU of
 * `extract --jobs 2`). So `consume` runs on any of the threads, never two at once, each call
 * after the one before it (a mutex orders them): a store or an output stream it uses needs no
 * lock of its own, only to be usable from another thread than the one that opened it (SQLite's
 * serialized mode and libpq's connections are).
 *
 * At most 2·jobs results are done ahead of the one consumed (memory: a few reports, not all of
 * them); `ahead` may allow more while the results held weigh little (`weigh(result)`, e.g. a
 * report's text in bytes): `ingest` reads up to 16·jobs sample-sized reports ahead, so that its
 * writer, the slower side, never waits for a file, yet holds no more than 2·jobs large ones.
 * When `consume` throws, the threads stop after the file each is reading, and the
 * exception is rethrown on the calling thread. With one job there is no thread: each file is
 * produced, then consumed.
 *
 * `idle()` is called, in the same order as the consume calls (never beside one), when the
 * consuming thread has consumed every result done so far and the next one is still being read:
 * once each time that happens before the last result, never with one job. `ingest` commits its
 * group of reports there, so that the store is not locked while a slow file is read. What it
 * throws is handled as what `consume` throws.
 */
struct no_idle {
  void operator()() const noexcept {}
};

/// How many results may be done ahead of the one consumed, per job: `results` always, and up to
/// `results + extra` while those held weigh less than `bytes` in all.
struct read_ahead {
  std::size_t results = 2;
  std::size_t extra = 0;
  std::size_t bytes = 0;
};

struct no_weight {
  template <class Result>
  std::size_t operator()(const Result&) const noexcept {
    return 0;
  }
};

template <class Result, class Produce, class Consume, class Idle = no_idle, class Weigh = no_weight>
void ordered_parallel(std::size_t n, unsigned jobs, Produce produce, Consume consume, Idle idle = Idle{},
                      read_ahead ahead = {}, Weigh weigh = Weigh{}) {
  if (jobs <= 1 || n <= 1) {
    reader_state state;
    for (std::size_t i = 0; i < n; ++i) consume(i, produce(i, state));
    return;
  }
  const std::size_t always = std::max<std::size_t>(ahead.results, 1) * jobs;
  const std::size_t window = always + ahead.extra * jobs;
  std::vector<std::optional<Result>> ring(window);
  std::vector<std::size_t> weights(window);
  std::size_t held = 0;  // the weight of the results done and not yet consumed
  std::mutex m;
  std::condition_variable space;
  std::size_t next = 0, consumed = 0;
  std::size_t idled_at = 0;  // `consumed` at the last idle(): once per wait, none before a result
  bool consuming = false, stop = false;
  std::exception_ptr failed;

  auto work = [&] {
    reader_state state;
    std::unique_lock lock(m);
    // Runs f without the lock; what it throws stops every thread (false: it threw).
    const auto unlocked = [&](auto&& f) {
      lock.unlock();
      try {
        f();
      } catch (...) {
        lock.lock();
        failed = std::current_exception();
        stop = true;
        return false;
      }
      lock.lock();
      return true;
    };
    while (true) {
      space.wait(lock, [&] {
        return stop || next >= n || next < consumed + always || (next < consumed + window && held < ahead.bytes);
      });
      if (stop || next >= n) return;
      const std::size_t i = next++;
      lock.unlock();
      Result r = produce(i, state);  // produce catches what reading throws
      lock.lock();
      weights[i % window] = weigh(r);
      held += weights[i % window];
      ring[i % window] = std::move(r);
      // The thread that stores the next result in order writes it, and those done after it.
      if (consuming) continue;
      consuming = true;
      while (!stop) {
        if (!ring[consumed % window].has_value()) {
          if (idled_at == consumed || consumed >= n) break;
          idled_at = consumed;
          if (!unlocked([&] { idle(); })) break;
          continue;  // a result stored meanwhile was left to this thread (consuming is set)
        }
        Result mine = std::move(*ring[consumed % window]);
        ring[consumed % window].reset();
        held -= weights[consumed % window];
        const std::size_t at = consumed;
        if (!unlocked([&] { consume(at, std::move(mine)); })) break;
        ++consumed;
        space.notify_all();
      }
      consuming = false;
      if (stop) {
        space.notify_all();
        return;
      }
    }
  };
  std::vector<std::thread> helpers;
  helpers.reserve(jobs - 1);
  try {
    for (unsigned k = 1; k < jobs; ++k) helpers.emplace_back(work);
  } catch (...) {  // no thread could be started: stop those that were, then fail
    {
      const std::lock_guard lock(m);
      stop = true;
    }
    space.notify_all();
    for (auto& t : helpers) t.join();
    throw;
  }
  work();
  for (auto& t : helpers) t.join();
  if (failed) std::rethrow_exception(failed);
}

}  // namespace annals::detail
