// ordered_parallel (examples/annals/parallel_detail.hpp): results consumed in input order, one
// call at a time, and idle() — where `annals ingest` commits its group of reports — only between
// them, when the results done so far are all consumed, never after the last one.
#include "parallel_detail.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using annals::detail::ordered_parallel;
using annals::detail::reader_state;

TEST(cli_parallel_test, idle_comes_only_between_consumes_in_order_and_never_after_the_last) {
  constexpr std::size_t n = 300;
  for (const unsigned jobs : {1u, 2u, 4u}) {
    std::vector<std::string> log;  // "c<i>" and "idle", as called
    std::atomic<int> inside{0};
    std::atomic<bool> overlapped{false};
    const auto enter = [&] {
      if (inside.fetch_add(1) != 0) overlapped = true;
    };
    ordered_parallel<std::size_t>(
        n, jobs,
        [](std::size_t i, reader_state&) {
          // every 7th file slow to read: the consumer catches up and has to wait for it
          if (i % 7 == 3) std::this_thread::sleep_for(std::chrono::milliseconds(2));
          return i * 10;
        },
        [&](std::size_t i, std::size_t&& r) {
          enter();
          EXPECT_EQ(r, i * 10);
          log.push_back("c" + std::to_string(i));
          inside.fetch_sub(1);
        },
        [&] {
          enter();
          log.push_back("idle");
          inside.fetch_sub(1);
        });
    EXPECT_FALSE(overlapped) << jobs << " jobs";
    std::size_t next = 0, idles = 0;
    bool idle_before = false;
    for (const auto& e : log) {
      if (e == "idle") {
        EXPECT_FALSE(idle_before) << "two idle() calls with no result consumed between them, " << jobs << " jobs";
        idle_before = true;
        ++idles;
        EXPECT_LT(next, n) << "idle() after the last result, " << jobs << " jobs";
      } else {
        EXPECT_EQ(e, "c" + std::to_string(next)) << jobs << " jobs";
        ++next;
        idle_before = false;
      }
    }
    EXPECT_EQ(next, n);
    if (jobs == 1) EXPECT_EQ(idles, 0u);
    else EXPECT_GT(idles, 0u) << "the slow files make the consumer wait: idle() was never called";
  }
}

TEST(cli_parallel_test, what_idle_throws_stops_the_work_and_is_rethrown) {
  std::atomic<std::size_t> consumed{0};
  EXPECT_THROW(ordered_parallel<std::size_t>(
                   200, 2,
                   [](std::size_t i, reader_state&) {
                     if (i % 5 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
                     return i;
                   },
                   [&](std::size_t, std::size_t&&) { ++consumed; },
                   [] { throw std::runtime_error("commit failed"); }),
               std::runtime_error);
  EXPECT_LT(consumed.load(), 200u);
}

// read_ahead: with a slow consumer, light results are read up to (results + extra)·jobs ahead;
// heavy ones (each past the byte budget) no more than results·jobs, as by default.
TEST(cli_parallel_test, light_results_are_read_further_ahead_than_heavy_ones) {
  const auto most_ahead = [](std::size_t weight) {
    std::atomic<std::size_t> done{0}, consumed{0}, most{0};
    ordered_parallel<std::size_t>(
        120, 2,
        [&](std::size_t i, reader_state&) {
          ++done;
          return i;
        },
        [&](std::size_t, std::size_t&&) {
          std::this_thread::sleep_for(std::chrono::microseconds(300));
          const std::size_t ahead = done.load() - consumed.load() - 1;
          if (ahead > most.load()) most = ahead;
          ++consumed;
        },
        annals::detail::no_idle{}, annals::detail::read_ahead{2, 6, 1000}, [&](const std::size_t&) { return weight; });
    return most.load();
  };
  const std::size_t light = most_ahead(1), heavy = most_ahead(5000);
  EXPECT_LE(light, 16u);  // (2 + 6) · 2 jobs
  EXPECT_GT(light, 4u);
  EXPECT_LE(heavy, 4u);  // 2 · 2 jobs
}

}  // namespace
