// annals_read_bytes — the C++ side of the Python comparison (issue 18, bench/README.md "Python"):
//   annals_read_bytes DIR [PASSES]
// reads every DIR/*.txt into memory, then times annals::read_report_bytes over all of them (best
// of PASSES, default 5, one thread) and prints one JSON line. bench/compare/read_python.py does
// the same through `import annals`.
#include <annals/reader.hpp>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: annals_read_bytes DIR [PASSES]\n");
    return 2;
  }
  std::vector<std::pair<std::string, std::string>> files;
  std::size_t bytes = 0;
  for (const auto& e : std::filesystem::directory_iterator(argv[1])) {
    if (e.path().extension() != ".txt") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    files.emplace_back(e.path().filename().string(), ss.str());
    bytes += files.back().second.size();
  }
  const int passes = argc > 2 ? std::atoi(argv[2]) : 5;
  double best = 1e9;
  std::size_t facts = 0;
  for (int p = 0; p < passes; ++p) {
    const auto t0 = std::chrono::steady_clock::now();
    facts = 0;
    for (const auto& [name, b] : files) facts += annals::read_report_bytes(b, name).facts.size();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (s < best) best = s;
  }
  std::printf("{\"files\": %zu, \"bytes\": %zu, \"facts\": %zu, \"best_s\": %.4f, \"mb_s\": %.2f}\n", files.size(), bytes,
              facts, best, static_cast<double>(bytes) / 1e6 / best);
}
