// Helper of store_crash_test: ingests made-up synthetic reports into a database until done or
// killed. Usage: store_crash_helper DB COUNT FACTS
// Writes "begin I" before and "end I added|skipped" after each report, unbuffered, so that the
// test that kills it knows what was under way.

#include <annals/store.hpp>

#include "store_synthetic.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

namespace {

void say(const std::string& line) {
  const std::string l = line + "\n";
  std::size_t off = 0;
  while (off < l.size()) {
    const ssize_t n = ::write(1, l.data() + off, l.size() - off);
    if (n <= 0) return;
    off += static_cast<std::size_t>(n);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: store_crash_helper DB COUNT FACTS\n");
    return 2;
  }
  try {
    auto db = annals::store::open(argv[1]);
    const int count = std::atoi(argv[2]);
    const auto facts = static_cast<std::size_t>(std::atol(argv[3]));
    for (int i = 0; i < count; ++i) {
      const auto r = annals::synthetic::crash_report(i, facts);
      say("begin " + std::to_string(i));
      const auto res = db.ingest(r);
      say("end " + std::to_string(i) + (res.status == annals::ingest_status::added ? " added" : " skipped"));
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "store_crash_helper: %s\n", e.what());
    return 4;
  }
  return 0;
}
