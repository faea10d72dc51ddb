// Reader throughput (reader.hpp): MB/s of annals::read_report_text, one thread,
//  - on a synthetic corpus of N made-up reports (bench/gen/report_corpus.hpp), N = 8 … 512;
//  - on the sample data/chengdu-2024.txt with its body repeated k times in one document,
//    k = 1 … 64 (one report growing to ~700 KB: the cost must stay linear in the length).
//  - on PDFs of the sample (body repeated k times, k = 1, 4, 16) printed by headless Chromium
//    once at start-up (skipped with a message when Chromium is missing): BM_Read_PdfText times the
//    PDF → text step alone (decode_document: poppler's word boxes, furniture, paragraphs),
//    BM_Read_PdfReport the whole read (read_report_bytes). MB/s counts the decoded text, not the
//    PDF's bytes (fonts and images make those meaningless); pages/s is a counter.
// Texts are built outside the timed loop. Counters: facts and changes extracted per pass.
#include "report_corpus.hpp"

#include <annals/reader.hpp>
#include <annals/source.hpp>

#include <unistd.h>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
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

/// The PDF of sample_repeated(k), printed by Chromium into a temporary folder; "" when it cannot.
const std::string& sample_pdf(std::int64_t k, std::string* why) {
  static std::map<std::int64_t, std::string> cache;
  static std::map<std::int64_t, std::string> failure;
  if (auto it = cache.find(k); it != cache.end()) return it->second;
  std::string& pdf = cache[k];
  const char* exe = "/usr/bin/chromium";
  if (::access(exe, X_OK) != 0) {
    *why = failure[k] = "Chromium not found at /usr/bin/chromium: no PDF to read";
    return pdf;
  }
  namespace fs = std::filesystem;
  std::string tmpl = (fs::temp_directory_path() / "annals-bench-pdf-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) {
    *why = "mkdtemp failed";
    return pdf;
  }
  const fs::path dir = tmpl;
  std::string body;
  std::istringstream in(sample_repeated(k));
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string esc;
    for (const char c : line) esc += c == '<' ? std::string("&lt;") : c == '&' ? std::string("&amp;") : std::string(1, c);
    body += "<p>" + esc + "</p>\n";
  }
  {
    std::ofstream page(dir / "r.html", std::ios::binary);
    page << "<!doctype html><html><head><meta charset=\"utf-8\"><style>@page { size: A4; margin: 25mm 20mm;"
            " @top-center { content: \"法治政府建设情况报告\" } @bottom-center { content: \"- \" counter(page) \" -\" } }"
            " body { font-size: 14pt; line-height: 1.6 } p { text-indent: 2em; margin: 0 }</style></head><body>"
         << body << "</body></html>";
  }
  const std::string cmd = std::string("timeout 300 ") + exe +
                          " --headless --no-sandbox --disable-gpu --no-first-run --no-pdf-header-footer "
                          "--user-data-dir='" + (dir / "profile").string() + "' --print-to-pdf='" +
                          (dir / "r.pdf").string() + "' 'file://" + (dir / "r.html").string() + "' >/dev/null 2>&1";
  if (std::system(cmd.c_str()) == 0) {
    std::ifstream f(dir / "r.pdf", std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    pdf = ss.str();
  }
  if (pdf.empty()) *why = "chromium --print-to-pdf failed";
  std::error_code ec;
  fs::remove_all(dir, ec);
  return pdf;
}

void BM_Read_PdfText(benchmark::State& state) {
  std::string why;
  const std::string& pdf = sample_pdf(state.range(0), &why);
  if (pdf.empty()) {
    state.SkipWithError(why.c_str());
    return;
  }
  std::size_t text_bytes = 0, pages = 0;
  for (auto _ : state) {
    const annals::decoded_text d = annals::decode_document(pdf, "sample.pdf");
    text_bytes = d.text.size();
    pages = d.page_starts.size();
    benchmark::DoNotOptimize(d.text.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(text_bytes) * state.iterations());
  state.counters["pages"] = static_cast<double>(pages);
  state.counters["pages/s"] = benchmark::Counter(static_cast<double>(pages), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["pdf_kB"] = static_cast<double>(pdf.size()) / 1000.0;
}

void BM_Read_PdfReport(benchmark::State& state) {
  std::string why;
  const std::string& pdf = sample_pdf(state.range(0), &why);
  if (pdf.empty()) {
    state.SkipWithError(why.c_str());
    return;
  }
  std::size_t text_bytes = 0, pages = 0, facts = 0;
  for (auto _ : state) {
    const annals::report r = annals::read_report_bytes(pdf, "sample.pdf");
    text_bytes = r.text.size();
    pages = r.source.page_starts.size();
    facts = r.facts.size();
    benchmark::DoNotOptimize(r.facts.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(text_bytes) * state.iterations());
  state.counters["pages/s"] = benchmark::Counter(static_cast<double>(pages), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["facts"] = static_cast<double>(facts);
}

}  // namespace

BENCHMARK(BM_Read_PdfText)->RangeMultiplier(4)->Range(1, 16)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Read_PdfReport)->RangeMultiplier(4)->Range(1, 16)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Read_Corpus)->RangeMultiplier(4)->Range(8, 512)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Read_SampleRepeated)->RangeMultiplier(4)->Range(1, 64)->Unit(benchmark::kMillisecond);
