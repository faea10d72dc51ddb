#pragma once
// `annals yoy --db`: every metric's series across the years a store holds, with the growth
// computed from consecutive years, the growth the report states, and the verdict on it.
// Registered by cmd_yoy.cpp (the `yoy` subcommand), implemented in yoy_db.cpp.

#include "cli.hpp"

#include <string>

namespace annals::cli {

struct yoy_db_options {
  std::string db;            ///< --db: the store (opened read-only)
  std::string jurisdiction;  ///< --jurisdiction: empty = every jurisdiction in the store
  std::string metric;        ///< --metric: only metrics whose key contains this text
  format fmt = format::table;
  bool bom = true;           ///< csv: the UTF-8 byte order mark (false: --no-bom)
  bool with_growth = false;  ///< --with-growth: only years with a computed or a stated growth
  bool stated = false;       ///< --stated: only years whose report states a change (the checked ones)
  unsigned jobs = 0;         ///< --jobs: jurisdictions computed at a time (0: the machine's cores)
};

/// Runs `annals yoy --db`. Exit 0; throws usage_error for an unknown jurisdiction,
/// storage_error when the store cannot be read.
int run_yoy_db(const yoy_db_options& o, io& io);

}  // namespace annals::cli
