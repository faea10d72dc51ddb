// annals migrate — bring a store's schema to this annals' version, explicitly.
//
// Any command that opens a store for writing migrates it on the way; `migrate` does only that,
// and says what it did: for an administrator before analysts with read-only access (who cannot
// migrate) are pointed at a PostgreSQL store, or to upgrade a file before backing it up.
#include "cli.hpp"

#include <annals/error.hpp>
#include <annals/store.hpp>

#include <memory>
#include <ostream>
#include <string>

namespace {

struct migrate_options {
  std::string db;
};

int run(const migrate_options& o, annals::cli::io& io) {
  const annals::store db = annals::store::open(o.db, annals::open_mode::read_write);
  if (!db.note().empty()) io.err << "annals: note: " << annals::cli::safe(db.note()) << "\n";
  if (!db.writable())
    throw annals::storage_error(o.db + ": cannot migrate: the store is read-only (file permissions or the role's grants)");
  const std::string where = annals::cli::safe(db.path().string());
  const auto from = db.migrated_from();
  if (!from)
    io.out << where << ": schema " << db.version() << " (up to date)\n";
  else if (*from == 0)
    io.out << where << ": schema " << db.version() << " (created)\n";
  else
    io.out << where << ": schema " << *from << " -> " << db.version() << " (migrated)\n";
  return 0;
}

const annals::cli::registration reg{96, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<migrate_options>();
  CLI::App* sub = app.add_subcommand("migrate", "Bring a store's schema to this annals' version (creates an empty store when missing)");
  sub->add_option("--db", o->db, "the store: a file (or sqlite:PATH) or postgresql://…")->required();
  sub->footer(
      "Every migration runs in one transaction: an interrupted migrate leaves the old schema, and\n"
      "running it again completes it. A store of a newer annals is refused (exit 4).\n"
      "Example: annals migrate --db annals.db      prints  annals.db: schema 4 -> 5 (migrated)");
  return [o](annals::cli::io& io) { return run(*o, io); };
}};

}  // namespace
