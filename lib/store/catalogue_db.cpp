// annals::store: the metric catalogue — listing, lookup, CSV import and export.

#include <annals/catalogue.hpp>
#include <annals/csv.hpp>
#include <annals/source.hpp>
#include <annals/store.hpp>

#include "store/csv_detail.hpp"
#include "store/store_detail.hpp"

#include <algorithm>
#include <cctype>
#include <istream>
#include <iterator>
#include <map>
#include <ostream>
#include <sstream>

namespace annals {

using namespace detail;

std::vector<catalogue_entry> detail::sqlite_store::catalogue() const {
  const sqlite_store& d = *this;
  return d.guarded([&] {
    std::vector<catalogue_entry> out;
    SQLite::Statement s(d.db,
                        "SELECT a.alias, m.key, a.origin, coalesce(c.n, 0) FROM metric_aliases a "
                        "JOIN metrics m ON m.id = a.metric_id "
                        "LEFT JOIN (SELECT alias_id, count(*) AS n FROM facts GROUP BY alias_id) c "
                        "ON c.alias_id = a.id ORDER BY m.key, a.alias");
    while (s.executeStep())
      out.push_back({text(s, 0), text(s, 1), text(s, 2) == "user", static_cast<std::size_t>(int64(s, 3))});
    return out;
  });
}

std::vector<catalogue_entry> detail::sqlite_store::aliases(alias_scope scope) const {
  const sqlite_store& d = *this;
  return d.guarded([&] {
    std::vector<catalogue_entry> out;
    auto read = [&](SQLite::Statement& s) {
      while (s.executeStep()) out.push_back({text(s, 0), text(s, 1), text(s, 2) == "user", 0});
    };
    if (scope == alias_scope::user) {
      SQLite::Statement s(d.db,
                          "SELECT a.alias, m.key, a.origin FROM metric_aliases a "
                          "JOIN metrics m ON m.id = a.metric_id WHERE a.origin = 'user' ORDER BY m.key, a.alias");
      read(s);
    } else {
      SQLite::Statement s(d.db,
                          "SELECT a.alias, m.key, a.origin FROM metric_aliases a "
                          "JOIN metrics m ON m.id = a.metric_id ORDER BY m.key, a.alias");
      read(s);
    }
    return out;
  });
}

std::string detail::sqlite_store::metric_of(std::string_view label, std::string_view unit) const {
  const sqlite_store& d = *this;
  const std::string alias = alias_key(label, unit);
  return d.guarded([&] {
    SQLite::Statement s(d.db,
                        "SELECT m.key FROM metric_aliases a JOIN metrics m ON m.id = a.metric_id "
                        "WHERE a.alias = ?1");
    bind_ref(s, 1, alias);
    if (s.executeStep()) return text(s, 0);
    return metric_key(label, unit);
  });
}

namespace {

std::string trimmed_lower(std::string_view s) {
  if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);  // UTF-8 BOM
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::vector<detail::mapping_row> detail::read_catalogue_mapping(std::istream& csv, std::string_view source) {
  const std::string src(source);
  auto bad = [&](std::size_t line, const std::string& why) {
    return input_error(src + ": line " + std::to_string(line) + ": " + why);
  };

  // Decoded like a report (UTF-8 with or without a BOM, UTF-16, GB18030 as Excel saves it on a
  // Chinese Windows); ill-formed text is refused with its line, never imported as U+FFFD.
  std::string raw{std::istreambuf_iterator<char>(csv), std::istreambuf_iterator<char>()};
  std::istringstream text(decode_text_data(raw, src).text);
  raw.clear();
  std::vector<mapping_row> rows;
  std::map<std::string, std::string> seen;  // alias → metric
  detail::csv_reader in(text);
  bool header = false;
  try {
    while (auto rec = in.next()) {
      if (rec->size() == 1 && trimmed_lower((*rec)[0]).empty()) continue;  // blank line
      if (!header) {
        if (rec->size() != 2 || trimmed_lower((*rec)[0]) != "alias" || trimmed_lower((*rec)[1]) != "metric")
          throw bad(in.line(), "expected the header 'alias,metric'");
        header = true;
        continue;
      }
      if (rec->size() != 2)
        throw bad(in.line(), "expected 2 fields (alias,metric), found " + std::to_string(rec->size()));
      const std::string alias_in = std::string(csv_unneutralise((*rec)[0]));
      const std::string metric_in = std::string(csv_unneutralise((*rec)[1]));
      const auto a = split_metric_key(alias_in);
      if (!a) throw bad(in.line(), "alias '" + alias_in + "' is not label|unit");
      const auto m = split_metric_key(metric_in);
      if (!m) throw bad(in.line(), "metric '" + metric_in + "' is not label|unit");
      mapping_row row{alias_key(a->label, a->unit), alias_key(m->label, m->unit), {}};
      const auto alias_unit = split_metric_key(row.alias)->unit;
      row.unit = split_metric_key(row.metric)->unit;
      if (alias_unit != row.unit)
        throw bad(in.line(), "alias unit '" + alias_unit + "' differs from metric unit '" + row.unit +
                                 "' (a series never mixes units)");
      if (auto it = seen.find(row.alias); it != seen.end()) {
        if (it->second != row.metric)
          throw bad(in.line(), "alias '" + row.alias + "' is mapped twice (to '" + it->second + "' and '" +
                                   row.metric + "')");
        continue;
      }
      seen.emplace(row.alias, row.metric);
      rows.push_back(std::move(row));
    }
  } catch (const input_error& e) {
    const std::string what = e.what();
    if (what.rfind(src + ": ", 0) == 0) throw;
    throw input_error(src + ": " + what);  // the reader's "line N: …"
  }
  if (!header) throw input_error(src + ": empty catalogue (expected the header 'alias,metric')");
  return rows;
}

catalogue_import_result detail::sqlite_store::import_catalogue(std::istream& csv, std::string_view source) {
  sqlite_store& d = *this;
  // Read and check everything before touching the database.
  const std::vector<detail::mapping_row> rows = detail::read_catalogue_mapping(csv, source);
  return d.guarded([&] {
    catalogue_import_result res;
    res.rows = rows.size();
    d.set_foreign_keys(true);
    SQLite::Transaction tx(d.db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement add_metric(d.db, "INSERT INTO metrics (key, unit) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING");
    SQLite::Statement metric_id(d.db, "SELECT id FROM metrics WHERE key = ?1");
    SQLite::Statement find_alias(d.db, "SELECT id, metric_id, origin FROM metric_aliases WHERE alias = ?1");
    SQLite::Statement move_alias(d.db, "UPDATE metric_aliases SET metric_id = ?2, origin = 'user' WHERE id = ?1");
    SQLite::Statement add_alias(d.db,
                                "INSERT INTO metric_aliases (alias, metric_id, origin) VALUES (?1, ?2, 'user')");
    for (const auto& row : rows) {
      bind_ref(add_metric, 1, row.metric);
      bind_ref(add_metric, 2, row.unit);
      res.metrics_added += static_cast<std::size_t>(run(add_metric));
      bind_ref(metric_id, 1, row.metric);
      metric_id.executeStep();
      const std::int64_t mid = int64(metric_id, 0);
      metric_id.reset();
      bind_ref(find_alias, 1, row.alias);
      if (find_alias.executeStep()) {
        const std::int64_t aid = int64(find_alias, 0);
        const bool same = int64(find_alias, 1) == mid;
        const bool user = text(find_alias, 2) == "user";
        find_alias.reset();
        if (same && user) {
          ++res.unchanged;
          continue;
        }
        bind_int(move_alias, 1, aid);
        bind_int(move_alias, 2, mid);
        run(move_alias);
        if (same) ++res.unchanged;
        else ++res.aliases_moved;
      } else {
        find_alias.reset();
        bind_ref(add_alias, 1, row.alias);
        bind_int(add_alias, 2, mid);
        run(add_alias);
        ++res.aliases_added;
      }
    }
    SQLite::Statement orphans(d.db,
                              "DELETE FROM metrics WHERE NOT EXISTS "
                              "(SELECT 1 FROM metric_aliases a WHERE a.metric_id = metrics.id)");
    res.metrics_removed = static_cast<std::size_t>(run(orphans));
    tx.commit();
    return res;
  });
}

std::size_t detail::sqlite_store::export_catalogue(std::ostream& csv) const {
  const sqlite_store& d = *this;
  return d.guarded([&] {
    SQLite::Statement s(d.db,
                        "SELECT a.alias, m.key FROM metric_aliases a JOIN metrics m ON m.id = a.metric_id "
                        "ORDER BY m.key, a.alias");
    csv << "alias,metric\n";
    std::size_t rows = 0;
    while (s.executeStep()) {
      csv << csv_field(text(s, 0)) << ',' << csv_field(text(s, 1)) << '\n';
      ++rows;
    }
    if (!csv) throw d.error("cannot write the catalogue CSV (output stream failed)");
    return rows;
  });
}

}  // namespace annals
