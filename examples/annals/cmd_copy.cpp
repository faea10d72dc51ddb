// annals copy — move a store to another file or backend (SQLite ⇄ PostgreSQL), verified.
//
// Every report (every revision, in ingest order), the user's catalogue mappings and the stored
// verdicts (annals::copy_store), then a check that the destination reads back the same. A new
// SQLite file is written under a temporary name beside it and renamed into place only when the
// copy is verified: a failed copy leaves no file. Into an existing store (a file or a
// PostgreSQL database) each report is one transaction: a failed copy leaves whole reports, and
// running it again adds what is missing (reports already there are skipped by sha256).
#include "cli.hpp"
#include "files.hpp"

#include <annals/error.hpp>
#include <annals/store.hpp>
#include <annals/store_copy.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include <unistd.h>

namespace {

struct copy_args {
  std::string from;
  std::string to;
  bool quiet = false;
};

bool is_postgres(const std::string& location) {
  return location.rfind("postgresql:", 0) == 0 || location.rfind("postgres:", 0) == 0;
}

std::string sqlite_file(const std::string& location) {
  return location.rfind("sqlite:", 0) == 0 ? location.substr(7) : location;
}

/// A new SQLite destination: a temporary file beside it (so the rename stays on one file system).
class temporary_store_file {
 public:
  explicit temporary_store_file(const std::string& target) {
    std::string name = target + ".annals-copy-XXXXXX";  // mkstemp template: it replaces the six X
    const int fd = ::mkstemp(name.data());
    if (fd < 0) throw annals::output_error(target + ": cannot write: " + std::strerror(errno));
    ::close(fd);
    std::filesystem::remove(name);  // store::open creates it as an SQLite database
    path_ = name;
  }
  ~temporary_store_file() {
    if (path_.empty()) return;
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path_ + suffix, ec);
  }
  temporary_store_file(const temporary_store_file&) = delete;
  temporary_store_file& operator=(const temporary_store_file&) = delete;
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  void rename_to(const std::string& target) {
    if (std::rename(path_.c_str(), target.c_str()) != 0)
      throw annals::output_error(target + ": cannot write: " + std::strerror(errno));
    path_.clear();
  }

 private:
  std::string path_;
};

/// "annals: copied 300 of 1200 reports", rewritten in place on a terminal.
class progress_line final : public annals::copy_observer {
 public:
  explicit progress_line(std::ostream& err) : err_(err) {}
  void copied(std::size_t i, std::size_t n, const annals::report_summary&) override {
    if ((i + 1) % 100 == 0 || i + 1 == n) err_ << "\rannals: copied " << (i + 1) << " of " << n << " reports" << std::flush;
  }

 private:
  std::ostream& err_;
};

void check_locations(const copy_args& o) {
  if (o.from == o.to) throw annals::usage_error("copy: --from and --to name the same store");
  if (!is_postgres(o.from) && !is_postgres(o.to))
    annals::cli::refuse_overwriting(sqlite_file(o.to), {{"the source store", sqlite_file(o.from)}});
}

void summarise(const annals::copy_result& r, const std::string& from, const std::string& to, std::ostream& out) {
  out << "copied " << annals::cli::safe(from) << " -> " << annals::cli::safe(to) << ": " << r.reports << " reports ("
      << r.reports_added << " added, " << r.reports_present << " already there), " << r.facts << " facts, "
      << r.aliases << " catalogue mappings, " << r.verdicts << " verdicts (" << r.verdicts_added << " added, "
      << r.verdicts_present << " already there); verified\n";
}

int run(const copy_args& o, annals::cli::io& io) {
  check_locations(o);
  const annals::store from = annals::cli::open_store_read_only(o.from);
  progress_line line(io.err);
  annals::copy_options progress;
  if (!o.quiet && io.stderr_is_tty) progress.progress = &line;
  const bool new_file = !is_postgres(o.to) && !std::filesystem::exists(sqlite_file(o.to));
  if (!new_file) {
    annals::store to = annals::store::open(o.to, annals::open_mode::read_write);
    const annals::copy_result r = annals::copy_store(from, to, progress);
    if (progress.progress) io.err << "\n";
    summarise(r, o.from, to.path().string(), io.out);
    return 0;
  }
  const std::string target = sqlite_file(o.to);
  temporary_store_file tmp(target);
  annals::copy_result r;
  {
    annals::store to = annals::store::open(tmp.path(), annals::open_mode::read_write);
    r = annals::copy_store(from, to, progress);
  }  // closed (checkpointed) before the rename
  if (progress.progress) io.err << "\n";
  tmp.rename_to(target);
  summarise(r, o.from, target, io.out);
  return 0;
}

const annals::cli::registration reg{97, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<copy_args>();
  CLI::App* sub = app.add_subcommand("copy", "Copy a store to another file or backend (SQLite <-> PostgreSQL), verified");
  sub->add_option("--from", o->from, "the store to copy, opened read-only: a file (or sqlite:PATH) or postgresql://…")
      ->required();
  sub->add_option("--to", o->to, "the destination: a new or existing file (or sqlite:PATH), or postgresql://…")
      ->required();
  sub->add_flag("-q,--quiet", o->quiet, "no progress on stderr");
  sub->footer(
      "Copies every report (every revision, in the order ingested), the catalogue mappings you\n"
      "imported and the stored verdicts, then verifies: each report reads back the same (its JSON\n"
      "byte for byte), the same one is current, every verdict and mapping is there.\n"
      "A new file appears only when the copy is verified; into an existing store each report is one\n"
      "transaction and a rerun adds what is missing.\n"
      "Example: annals copy --from annals.db --to postgresql://annals@db.example/annals");
  return [o](annals::cli::io& io) { return run(*o, io); };
}};

}  // namespace
