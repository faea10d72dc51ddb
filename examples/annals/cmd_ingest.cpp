// annals ingest — read report files (or whole folders) into a store.
//
// Each report is stored in its own transaction: all of it or none of it. A file that cannot be
// read is reported and skipped, the others are still ingested (exit 3 at the end); a storage
// failure stops at once (exit 4), keeping the reports already committed.
#include "cli.hpp"
#include "files.hpp"

#include <annals/error.hpp>
#include <annals/reader.hpp>
#include <annals/store.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <system_error>
#include <vector>

namespace {

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

struct ingest_options {
  std::string db;
  std::vector<std::string> paths;
  bool quiet = false;
};

bool is_report_file(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".txt" || ext == ".htm" || ext == ".html";
}

/// "permission denied" rather than the library's "Permission denied" and friends.
std::string folder_error(const std::error_code& ec) {
  if (ec == std::errc::permission_denied || ec == std::errc::operation_not_permitted) return "permission denied";
  if (ec == std::errc::no_such_file_or_directory) return "no such folder";
  return ec.message();
}

/// One input: a file to read, or a path that could not be used (with why).
struct input {
  fs::path path;
  std::string problem;  ///< empty when the file is to be read
};

/// Expands the paths as given: files as they are, folders recursively (.txt .htm .html, sorted).
std::vector<input> collect(const std::vector<std::string>& paths) {
  std::vector<input> out;
  for (const auto& given : paths) {
    const fs::path p(given);
    if (given == "-") {  // standard input
      out.push_back({p, {}});
      continue;
    }
    std::error_code ec;
    const auto st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      out.push_back({p, given + ": no such file or directory"});
      continue;
    }
    if (!fs::is_directory(st)) {
      out.push_back({p, {}});
      continue;
    }
    // Walk the folder ourselves, one folder at a time: a sub-folder that cannot be listed (no
    // permission, vanished, I/O error) is a failed input with its name, and the walk goes on.
    // Symbolic links to folders are not followed (no cycles); links to files are read.
    std::vector<fs::path> found;
    std::vector<fs::path> pending{p};
    std::vector<input> unlisted;
    while (!pending.empty()) {
      const fs::path folder = std::move(pending.back());
      pending.pop_back();
      fs::directory_iterator it(folder, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        std::error_code fec;
        const auto link = it->symlink_status(fec);
        if (fs::is_directory(link)) pending.push_back(it->path());
        else if (it->is_regular_file(fec) && is_report_file(it->path())) found.push_back(it->path());
      }
      if (ec) {
        unlisted.push_back({folder, folder.string() + ": cannot list the folder: " + folder_error(ec)});
        ec.clear();
      }
    }
    std::sort(found.begin(), found.end());
    for (auto& f : found) out.push_back({std::move(f), {}});
    std::sort(unlisted.begin(), unlisted.end(), [](const input& a, const input& b) { return a.path < b.path; });
    for (auto& u : unlisted) out.push_back(std::move(u));
  }
  return out;
}

std::string duration_text(double seconds) {
  if (seconds < 1) return "<1s";
  const auto s = static_cast<long>(seconds + 0.5);
  if (s < 60) return std::to_string(s) + "s";
  return std::to_string(s / 60) + "m" + std::to_string(s % 60) + "s";
}

/// The progress line on a terminal: files done/total, facts/s, ETA. Redrawn at most 10× a second.
class progress {
 public:
  progress(std::ostream& err, bool enabled, std::size_t total)
      : err_(err), enabled_(enabled), total_(total), start_(clock_type::now()) {}

  void update(std::size_t done, std::size_t facts, bool force = false) {
    if (!enabled_) return;
    const auto now = clock_type::now();
    if (!force && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(facts) / elapsed : 0;
    std::string line = "\r\033[Kingesting " + std::to_string(done) + "/" + std::to_string(total_) + " files, " +
                       std::to_string(static_cast<long>(rate)) + " facts/s";
    if (done > 0 && done < total_)
      line += ", ETA " + duration_text(elapsed / static_cast<double>(done) * static_cast<double>(total_ - done));
    err_ << line << std::flush;
    drawn_ = true;
  }
  void clear() {
    if (enabled_ && drawn_) err_ << "\r\033[K" << std::flush;
    drawn_ = false;
  }

 private:
  std::ostream& err_;
  bool enabled_;
  std::size_t total_;
  clock_type::time_point start_;
  clock_type::time_point last_{};
  bool drawn_ = false;
};

int run(const ingest_options& o, annals::cli::io& io) {
  const auto inputs = collect(o.paths);
  annals::store db = annals::store::open(o.db);  // storage_error → exit 4

  std::size_t added = 0, skipped = 0, facts = 0;
  std::vector<std::string> failures;
  progress bar(io.err, io.stderr_is_tty && !o.quiet, inputs.size());
  std::size_t done = 0;
  bar.update(0, 0, true);
  for (const auto& in : inputs) {
    if (!in.problem.empty()) {
      failures.push_back(in.problem);
    } else {
      try {
        const annals::report r = annals::cli::read_input_report(in.path.string());
        const annals::ingest_result res = db.ingest(r);
        if (res.status == annals::ingest_status::added) {
          ++added;
          facts += res.counts.facts;
          if (res.supersedes) {  // same jurisdiction and year, other bytes: a revision
            bar.clear();
            io.err << "annals: warning: " << in.path.string() << ": " << r.meta.jurisdiction.value_or("")
                   << ' ' << r.meta.year->value() << " was already stored (report " << res.supersedes->value
                   << "); stored as revision " << res.revisions << " (report " << res.id.value
                   << "), now the current one (annals reports --revisions lists them all)\n";
          }
        } else {
          ++skipped;
        }
      } catch (const annals::storage_error&) {
        bar.clear();
        throw;
      } catch (const annals::error& e) {  // input_error, or a report the store refuses
        failures.push_back(e.what());
      }
    }
    ++done;
    bar.update(done, facts);
  }
  bar.clear();

  std::string summary = "ingested " + std::to_string(inputs.size()) + (inputs.size() == 1 ? " file" : " files") +
                        " into " + o.db + ": " + std::to_string(added) + " added (" + std::to_string(facts) +
                        " facts), " + std::to_string(skipped) + " skipped (already stored), " +
                        std::to_string(failures.size()) + " failed";
  if (failures.empty()) {
    io.out << annals::cli::safe(summary) << "\n";
    return 0;
  }
  // Some input failed: the reasons and the summary go to stderr, nothing to stdout.
  for (const auto& f : failures) io.err << "annals: " << annals::cli::safe(f) << "\n";
  io.err << "annals: " << annals::cli::safe(summary) << "\n";
  return static_cast<int>(annals::errc::input);
}

const annals::cli::registration reg{20, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<ingest_options>();
  CLI::App* sub = app.add_subcommand("ingest", "Read report files or folders into a store (one transaction per report)");
  sub->add_option("--db", o->db, "the SQLite store; created when missing")->required();
  sub->add_option("paths", o->paths,
                  "report files (.txt, saved .htm/.html; UTF-8, GB18030 or UTF-16) or folders, read recursively")
      ->required();
  annals::cli::add_max_bytes_option(*sub);
  sub->add_flag("-q,--quiet", o->quiet, "no progress line, even on a terminal");
  sub->footer(
      "A report already stored (same sha256) is skipped. A report of a jurisdiction and year already stored\n"
      "(other bytes) is stored as a revision and becomes the current one, with a warning on stderr.\n"
      "Unreadable files, and sub-folders that cannot be\n"
      "listed, are reported on stderr and counted as failed, the others still ingested (exit 3); a storage\n"
      "failure stops at once (exit 4). Only regular files are read (- reads standard input).\n"
      "Example: annals ingest --db annals.db data/");
  return [o](annals::cli::io& io) { return run(*o, io); };
}};

}  // namespace
