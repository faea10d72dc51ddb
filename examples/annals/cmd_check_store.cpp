// annals check-store — PRAGMA integrity_check (and foreign_key_check) of a store, on demand.
//
// Exit 0 when the store is sound, 4 when it is corrupt (the problems on stderr). The store is
// opened read-only: checking never writes.
#include "cli.hpp"
#include "files.hpp"

#include <annals/error.hpp>
#include <annals/store.hpp>
#include <annals/text.hpp>

#include <memory>
#include <ostream>
#include <string>

namespace {

struct check_store_options {
  std::string db;
};

int run(const check_store_options& o, annals::cli::io& io) {
  const annals::store db = annals::cli::open_store_read_only(o.db);
  const annals::integrity_result r = db.check_integrity();
  if (r.ok) {
    io.out << annals::cli::safe(o.db) << ": ok (integrity_check and foreign_key_check found no problem)\n";
    return 0;
  }
  // Up to 20 problems, one line each, then the error line.
  std::size_t shown = 0;
  for (const auto& p : r.problems) {
    if (shown++ == 20) break;
    io.err << "annals: " << annals::cli::safe(o.db) << ": " << annals::utf8::printable(p, 300) << "\n";
  }
  throw annals::storage_error(o.db + ": database file is corrupt (integrity_check found " +
                              std::to_string(r.problems.size()) +
                              (r.problems.size() == 1 ? " problem" : " problems") + "); restore a copy");
}

const annals::cli::registration reg{95, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<check_store_options>();
  CLI::App* sub = app.add_subcommand("check-store", "Check a store's integrity (PRAGMA integrity_check): exit 0 sound, 4 corrupt");
  sub->add_option("--db", o->db, "the store, opened read-only: a file (or sqlite:PATH) or postgresql://…")->required();
  sub->footer(
      "Every command that writes to a store runs PRAGMA quick_check first and refuses a corrupt store\n"
      "(exit 4, nothing written); check-store runs the full integrity_check, which also compares every\n"
      "index with its table. Example: annals check-store --db annals.db");
  return [o](annals::cli::io& io) { return run(*o, io); };
}};

}  // namespace
