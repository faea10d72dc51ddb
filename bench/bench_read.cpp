// Reader throughput (reader.hpp): MB/s of annals::read_report_text, one thread,
//  - on a synthetic corpus of N made-up reports (bench/gen/report_corpus.hpp), N = 8 … 512;
//  - on the sample data/chengdu-2024.txt with its body repeated k times in one document,
//    k = 1 … 64 (one report growing to ~700 KB: the cost must stay linear in the length).
// Texts are built outside the timed loop. Counters: facts and changes extracted per pass.
#include "report_corpus.hpp"

#include <annals/reader.hpp>

#include <benchmark/benchmark.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

const std::vector<std::string>& corpus_of(std::int64_t n) {
  static std::map<std::int64_t, std::vector<std::string>> cache;
  auto& v = cache[n];
  if (v.empty())
    for (std::int64_t i = 0; i < n; ++i)
      v.push_back(annals_bench::make_report(static_cast<std::size_t>(i / 4), 2021 + static_cast<int>(i % 4), 1).text);
  return v;
}

void BM_Read_Corpus(benchmark::State& state) {
  const auto& docs = corpus_of(state.range(0));
  std::size_t bytes = 0, facts = 0, changes = 0;
  for (const auto& d : docs) bytes += d.size();
  for (auto _ : state) {
    facts = changes = 0;
    for (const auto& d : docs) {
      const annals::report r = annals::read_report_text(d);
      facts += r.facts.size();
      changes += r.changes.size();
      benchmark::DoNotOptimize(r.facts.data());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes) * state.iterations());
  state.SetItemsProcessed(static_cast<std::int64_t>(docs.size()) * state.iterations());
  state.counters["facts"] = static_cast<double>(facts);
  state.counters["changes"] = static_cast<double>(changes);
}

/// The sample with the lines between the addressee and the closing signature repeated k times.
std::string sample_repeated(std::int64_t k) {
  std::ifstream f(ANNALS_DATA_DIR "/chengdu-2024.txt", std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(ss, line)) lines.push_back(line);
  std::size_t first = 0, last = 0;  // the body: the first 一、 section line … the 下一步 paragraph
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (first == 0 && lines[i].rfind("一、", 0) == 0) first = i;
    if (lines[i].find("下一步") != std::string::npos) last = i;
  }
  if (first == 0 || last < first) return ss.str();  // layout changed: time the sample as it is
  std::string out;
  for (std::size_t i = 0; i < first; ++i) out += lines[i] + "\n";
  for (std::int64_t r = 0; r < k; ++r)
    for (std::size_t i = first; i <= last; ++i) out += lines[i] + "\n";
  for (std::size_t i = last + 1; i < lines.size(); ++i) out += lines[i] + "\n";
  return out;
}

void BM_Read_SampleRepeated(benchmark::State& state) {
  const std::string text = sample_repeated(state.range(0));
  std::size_t facts = 0;
  for (auto _ : state) {
    const annals::report r = annals::read_report_text(text);
    facts = r.facts.size();
    benchmark::DoNotOptimize(r.facts.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(text.size()) * state.iterations());
  state.counters["facts"] = static_cast<double>(facts);
  state.counters["kB"] = static_cast<double>(text.size()) / 1000.0;
}

}  // namespace

BENCHMARK(BM_Read_Corpus)->RangeMultiplier(4)->Range(8, 512)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Read_SampleRepeated)->RangeMultiplier(4)->Range(1, 64)->Unit(benchmark::kMillisecond);
