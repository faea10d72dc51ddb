// annals::store on PostgreSQL (libpq): the same operations, guarantees and errors as the SQLite
// backend (include/annals/store.hpp), for a store many people and processes share.
//
// - One transaction per report. Two processes ingesting the same bytes store them once: an
//   advisory lock on the sha256 makes the second wait for the first's COMMIT, then see its row
//   (the UNIQUE constraint on sha256 backs it up). Revisions take a second advisory lock on the
//   jurisdiction and year, so the latest ingested is the current one.
// - Child rows go in by COPY … FROM STDIN, one COPY a table a report.
// - Exact values are numeric; every statement is a literal with $n parameters, prepared once.
// - A deadlock between two ingests (both adding the same new metric aliases) is retried.

#include <annals/catalogue.hpp>
#include <annals/csv.hpp>
#include <annals/error.hpp>
#include <annals/report.hpp>
#include <annals/store.hpp>
#include <annals/text.hpp>

#include "store/backend_detail.hpp"
#include "store/postgres/pg_schema_detail.hpp"
#include "store/postgres/pq_detail.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <ostream>
#include <set>
#include <unordered_map>

namespace annals::detail {

namespace {

std::int64_t i64(std::size_t v) { return static_cast<std::int64_t>(v); }
std::size_t size_of(std::int64_t v) { return static_cast<std::size_t>(v); }

// The advisory lock classes (first key of pg_advisory_xact_lock(int, int)).
constexpr int lock_migrate = 0x616E6E01, lock_report = 0x616E6E02, lock_key = 0x616E6E03;

const char* const fact_columns_sql =
    "f.ident, f.section, f.item, f.label, f.text, f.value, f.unit, f.qualifier, f.qualifier_text, "
    "f.last_digit, f.approximate, f.kind, f.cumulative, f.average, f.span_start, f.span_end";

}  // namespace

class pg_store final : public store_backend {
 public:
  pg_store(const std::string& conninfo, open_mode mode, const store_options& options)
      : path_(redacted_conninfo(conninfo)), c_(conninfo, path_.string(), options.busy_timeout) {
    prepare(mode);
  }

  const std::filesystem::path& location() const noexcept override { return path_; }
  const std::string& open_note() const noexcept override { return note_; }
  bool can_write() const noexcept override { return writable_; }
  int schema_version() const override {
    const auto r = c_.exec("SELECT version FROM annals_schema");
    return r.rows() == 1 ? static_cast<int>(r.int64(0, 0)) : 0;
  }
  std::optional<int> migrated_from() const noexcept override { return migrated_from_; }

  ingest_result ingest(const report& r, const encoded_rows& rows) override;
  std::optional<report_id> find(std::string_view sha256) const override;
  report load_report(report_id id) const override;
  std::vector<report_summary> reports(const report_filter& filter) const override;
  void each_report(const report_filter& filter, void (*call)(void*, const report_summary&), void* each) const override;
  std::optional<report_id> current_report(std::string_view jurisdiction, report_year year) const override;
  bool remove_report(report_id id) override;
  std::vector<jurisdiction_summary> jurisdictions() const override;
  std::vector<std::string> metrics(std::optional<std::string_view> jurisdiction) const override;
  metric_series series(std::string_view jurisdiction, std::string_view metric) const override;
  std::vector<metric_series> all_series(std::string_view jurisdiction) const override;
  std::size_t panel_csv(std::ostream& out) const override;
  save_verdicts_result save_verdicts(report_id earlier, report_id later, std::string_view rubric,
                                     const std::vector<verdict_record>& verdicts) override;
  std::vector<stored_verdict> verdicts(report_id earlier, report_id later) const override;
  std::vector<stored_verdict> verdict_history(std::string_view jurisdiction) const override;
  std::vector<std::pair<report_id, report_id>> verdict_pairs() const override;
  std::vector<catalogue_entry> catalogue() const override;
  std::vector<catalogue_entry> aliases(alias_scope scope) const override;
  std::string metric_of(std::string_view label, std::string_view unit) const override;
  catalogue_import_result import_catalogue(std::istream& csv, std::string_view source) override;
  std::size_t export_catalogue(std::ostream& csv) const override;
  integrity_result check_integrity() const override;
  void begin_read() const override { c_.begin_snapshot(); }
  void end_read() const noexcept override { c_.end_snapshot(); }

 private:
  std::filesystem::path path_;
  pq_connection c_;
  std::string note_;
  bool writable_ = true;
  std::optional<int> migrated_from_;
  /// A listing is reading the cursor annals_listing (each_report): one inside it lists on its own.
  mutable bool listing_ = false;
  /// metric_aliases.id by "label\x1Funit"; alias rows are never deleted, so committed ids stay.
  std::unordered_map<std::string, std::int64_t> alias_ids_;

  [[nodiscard]] storage_error error(const std::string& why) const { return storage_error(c_.name() + ": " + why); }
  [[nodiscard]] report_summary listed_report(const pq_result& s, int row) const;
  void prepare(open_mode mode);
  ingest_result ingest_once(const report& r, const std::string& sha);
  std::vector<std::int64_t> fact_aliases(const report& r, std::unordered_map<std::string, std::int64_t>& pending);
  void load_sections(const pq_params& p, report& r) const;
  void load_commitments(const pq_params& p, report& r) const;
  std::int64_t alias_id(const std::string& label, const std::string& unit,
                        std::unordered_map<std::string, std::int64_t>& pending);
  report_counts counts(report_id id) const;
  decimal stored_decimal(const std::string& t, std::string_view what) const {
    auto v = decimal::try_parse(t);
    if (!v) throw error("stored " + std::string(what) + " '" + t.substr(0, 40) + "' is not a decimal number");
    return *v;
  }
  std::optional<decimal> stored_opt_decimal(const std::optional<std::string>& t, std::string_view what) const {
    if (!t) return std::nullopt;
    return stored_decimal(*t, what);
  }
  calendar_date stored_date(const std::string& t, std::string_view what) const {
    auto v = calendar_date::try_parse_iso(t);
    if (!v) throw error("stored " + std::string(what) + " '" + t.substr(0, 40) + "' is not an ISO date");
    return *v;
  }
  fact read_fact(const pq_result& s, int row, int c) const;
  change read_change(const pq_result& s, int row, int c) const;
  std::vector<stored_verdict> read_verdicts(const pq_result& s) const;
};

// ---- opening and migrating ---------------------------------------------------------------

void pg_store::prepare(open_mode mode) {
  const auto has_schema = c_.exec("SELECT to_regclass('annals_schema') IS NOT NULL");
  int v = 0;
  if (has_schema.boolean(0, 0)) {
    const auto r = c_.exec("SELECT application, version FROM annals_schema");
    if (r.rows() != 1 || r.text(0, 0) != "annals") throw error("not an annals database (annals_schema is not annals')");
    v = static_cast<int>(r.int64(0, 1));
  }
  if (v > pg_schema::current_version)
    throw error("schema version " + std::to_string(v) + " is newer than this annals understands (" +
                std::to_string(pg_schema::current_version) + "); upgrade annals");
  if (mode == open_mode::read_only) {
    writable_ = false;
    c_.run("SET default_transaction_read_only = on");
    if (v == 0) throw error("not an annals database (no annals tables, and opened read-only)");
    if (v < pg_schema::current_version)
      throw error("schema version " + std::to_string(v) + " is older than this annals (" +
                  std::to_string(pg_schema::current_version) +
                  "); open the database read-write once to migrate it");
    return;
  }
  if (v < pg_schema::current_version) {
    pq_transaction tx(c_);
    pq_params lock;
    lock.add(lock_migrate).add(0);
    c_.exec("SELECT pg_advisory_xact_lock($1::integer, $2::integer)", lock);
    // another process may have migrated while we waited for the lock
    const auto again = c_.exec("SELECT to_regclass('annals_schema') IS NOT NULL");
    int now = 5;
    if (!again.boolean(0, 0)) {
      const auto tables = c_.exec(
          "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()");
      if (tables.int64(0, 0) > 0)
        throw error("not an annals database (it has tables but no annals schema version)");
      c_.run(pg_schema::v5_ddl);
    } else {
      now = static_cast<int>(c_.exec("SELECT version FROM annals_schema").int64(0, 0));
    }
    if (now < 6) c_.run(pg_schema::v6_ddl);
    tx.commit();
    migrated_from_ = v;  // 0: created now
  }
  // A role that may read but not write (the analysts' role of docs/store.md) opens read-only.
  const auto w = c_.exec("SELECT has_table_privilege('reports', 'INSERT')");
  writable_ = w.boolean(0, 0);
}

// ---- ingest ------------------------------------------------------------------------------

std::int64_t pg_store::alias_id(const std::string& label, const std::string& unit,
                                std::unordered_map<std::string, std::int64_t>& pending) {
  std::string raw = label;
  raw.push_back('\x1F');
  raw.append(unit);
  if (auto it = alias_ids_.find(raw); it != alias_ids_.end()) return it->second;
  if (auto it = pending.find(raw); it != pending.end()) return it->second;
  const std::string alias = alias_key(label, unit);
  pq_params p;
  p.add(alias);
  auto found = c_.exec("SELECT id FROM metric_aliases WHERE alias = $1", p);
  std::int64_t id = 0;
  if (found.rows() == 1) {
    id = found.int64(0, 0);
  } else {
    const std::string metric = metric_key(label, unit);
    const auto parts = split_metric_key(metric);
    pq_params m;
    m.add(metric).add(parts ? parts->unit : std::string());
    c_.exec("INSERT INTO metrics (key, unit) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", m);
    pq_params k;
    k.add(metric);
    const auto mid = c_.exec("SELECT id FROM metrics WHERE key = $1", k).int64(0, 0);
    pq_params a;
    a.add(alias).add(mid);
    c_.exec("INSERT INTO metric_aliases (alias, metric_id) VALUES ($1, $2) ON CONFLICT (alias) DO NOTHING", a);
    id = c_.exec("SELECT id FROM metric_aliases WHERE alias = $1", p).int64(0, 0);
  }
  pending.emplace(std::move(raw), id);
  return id;
}

report_counts pg_store::counts(report_id id) const {
  pq_params p;
  p.add(id.value);
  const auto s = c_.exec(
      "SELECT (SELECT count(*) FROM sections WHERE report_id = $1), "
      "(SELECT count(*) FROM items WHERE report_id = $1), "
      "(SELECT count(*) FROM facts WHERE report_id = $1), "
      "(SELECT count(*) FROM changes WHERE report_id = $1), "
      "(SELECT count(*) FROM dates WHERE report_id = $1), "
      "(SELECT count(*) FROM commitments WHERE report_id = $1), "
      "(SELECT count(*) FROM warnings WHERE report_id = $1)",
      p);
  report_counts c;
  c.sections = size_of(s.int64(0, 0));
  c.items = size_of(s.int64(0, 1));
  c.facts = size_of(s.int64(0, 2));
  c.changes = size_of(s.int64(0, 3));
  c.dates = size_of(s.int64(0, 4));
  c.commitments = size_of(s.int64(0, 5));
  c.warnings = size_of(s.int64(0, 6));
  return c;
}

namespace {

/// COPY rows of one table: fields separated by tabs, rows by newlines.
struct copy_rows {
  std::string data;
  bool first = true;
  copy_rows& text(std::string_view v) {
    sep();
    copy_field(data, v);
    return *this;
  }
  copy_rows& num(std::int64_t v) {
    sep();
    data += std::to_string(v);
    return *this;
  }
  copy_rows& boolean(bool v) {
    sep();
    data += v ? 't' : 'f';
    return *this;
  }
  copy_rows& opt_num(const std::optional<int>& v) {
    if (v) return num(*v);
    return null();
  }
  copy_rows& opt_text(const std::optional<std::string>& v) {
    if (v) return text(*v);
    return null();
  }
  copy_rows& dec(const std::optional<decimal>& v) {
    if (!v) return null();
    sep();
    append_decimal_text(data, *v);
    return *this;
  }
  copy_rows& null() {
    sep();
    copy_null(data);
    return *this;
  }
  void end() {
    data.push_back('\n');
    first = true;
  }
  void sep() {
    if (!first) data.push_back('\t');
    first = false;
  }
};

/// The report's own row; its id.
std::int64_t insert_report_row(const pq_connection& c, const std::string& sha, const report& r,
                               const std::optional<std::int64_t>& jurisdiction) {
  pq_params p;
  p.add(sha).add(r.source.name).add(r.source.encoding).add(name_of(r.source.format)).add(r.meta.title).add(r.meta.issuer);
  if (jurisdiction) p.add(*jurisdiction);
  else p.null();
  if (r.meta.year) p.add(r.meta.year->value());
  else p.null();
  if (r.meta.published) p.add(r.meta.published->to_iso());
  else p.null();
  p.add(r.meta.recipient).add(r.text);
  return c.exec(
            "INSERT INTO reports (sha256, source_name, encoding, format, title, issuer, jurisdiction_id, year, "
            "published, recipient, text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
            p)
           .int64(0, 0);
}

/// COPY of a report's sections (one COPY per table, inside the report's transaction).
void copy_sections(const pq_connection& c, std::int64_t id, const report& r, report_counts& n) {
  if (!r.sections.empty()) {
    copy_rows sec, itm;
    for (std::size_t si = 0; si < r.sections.size(); ++si) {
      const section& s = r.sections[si];
      sec.num(id).num(i64(si)).num(s.ordinal).text(s.marker).text(s.heading).num(i64(s.span.start)).num(i64(s.span.end));
      sec.end();
      for (std::size_t ii = 0; ii < s.items.size(); ++ii) {
        const item& it = s.items[ii];
        itm.num(id).num(i64(si)).num(i64(ii)).num(it.ordinal).text(it.marker).text(it.title);
        itm.num(i64(it.span.start)).num(i64(it.span.end));
        itm.end();
        ++n.items;
      }
    }
    c.copy("COPY sections (report_id, seq, ordinal, marker, heading, span_start, span_end) FROM STDIN", sec.data);
    if (n.items > 0)
      c.copy("COPY items (report_id, section_seq, seq, ordinal, marker, title, span_start, span_end) FROM STDIN",
              itm.data);
    n.sections = r.sections.size();
  }
}

/// COPY of a report's facts (one COPY per table, inside the report's transaction).
void copy_facts(const pq_connection& c, std::int64_t id, const report& r, const std::vector<std::int64_t>& fact_alias, report_counts& n) {
  if (!r.facts.empty()) {
    copy_rows f;
    for (std::size_t i = 0; i < r.facts.size(); ++i) {
      const fact& x = r.facts[i];
      const interval bounds = x.q.bounds();
      f.num(id).num(i64(i)).text(x.id).opt_num(x.section).opt_num(x.item).text(x.label).text(x.text);
      f.dec(x.q.value).text(x.q.unit).text(name_of(x.q.qual)).text(x.qualifier_text);
      f.num(x.q.last_digit).boolean(x.q.approximate).dec(bounds.lo).dec(bounds.hi);
      f.boolean(bounds.lo_closed).boolean(bounds.hi_closed).text(name_of(x.kind));
      f.boolean(x.cumulative).boolean(x.average).num(i64(x.span.start)).num(i64(x.span.end)).num(fact_alias[i]);
      f.end();
    }
    c.copy("COPY facts (report_id, seq, ident, section, item, label, text, value, unit, qualifier, qualifier_text, "
            "last_digit, approximate, lo, hi, lo_closed, hi_closed, kind, cumulative, average, span_start, span_end, "
            "alias_id) FROM STDIN",
            f.data);
    n.facts = r.facts.size();
  }
}

/// COPY of a report's changes (one COPY per table, inside the report's transaction).
void copy_changes(const pq_connection& conn, std::int64_t id, const report& r, report_counts& n) {
  if (!r.changes.empty()) {
    copy_rows ch;
    for (std::size_t i = 0; i < r.changes.size(); ++i) {
      const change& c = r.changes[i];
      ch.num(id).num(i64(i)).text(c.id).text(name_of(c.kind));
      if (c.basis == growth_basis::none) ch.null();
      else ch.text(name_of(c.basis));
      ch.text(c.label).text(c.text).dec(c.value).dec(c.from).dec(c.to).text(c.unit);
      ch.text(name_of(c.qual)).text(name_of(c.dir)).opt_text(c.fact);
      ch.opt_num(c.section).opt_num(c.item).num(i64(c.span.start)).num(i64(c.span.end));
      ch.end();
    }
    conn.copy("COPY changes (report_id, seq, ident, kind, basis, label, text, value, from_value, to_value, unit, "
            "qualifier, direction, fact, section, item, span_start, span_end) FROM STDIN",
            ch.data);
    n.changes = r.changes.size();
  }
}

/// COPY of a report's dates (one COPY per table, inside the report's transaction).
void copy_dates(const pq_connection& c, std::int64_t id, const report& r, report_counts& n) {
  if (!r.dates.empty()) {
    copy_rows dt;
    for (std::size_t i = 0; i < r.dates.size(); ++i) {
      const date_mention& dm = r.dates[i];
      dt.num(id).num(i64(i)).text(dm.text).text(dm.value.to_iso()).text(name_of(dm.role));
      dt.num(i64(dm.span.start)).num(i64(dm.span.end));
      dt.end();
    }
    c.copy("COPY dates (report_id, seq, text, value, role, span_start, span_end) FROM STDIN", dt.data);
    n.dates = r.dates.size();
  }
}

/// COPY of a report's commitments (one COPY per table, inside the report's transaction).
void copy_commitments(const pq_connection& c, std::int64_t id, const report& r, report_counts& n) {
  if (!r.commitments.empty()) {
    copy_rows k;
    for (std::size_t i = 0; i < r.commitments.size(); ++i) {
      const commitment& x = r.commitments[i];
      k.num(id).num(i64(i)).text(x.id).text(name_of(x.kind)).opt_num(x.ordinal);
      k.text(x.title).text(x.text).opt_num(x.groups).opt_num(x.count).opt_text(x.fact);
      if (x.deadline) k.text(x.deadline->to_iso());
      else k.null();
      k.opt_num(x.section).opt_num(x.item).num(i64(x.span.start)).num(i64(x.span.end));
      if (const auto& g = x.goal) {
        k.text(g->label).text(g->text).dec(g->q.value).text(g->q.unit).text(name_of(g->q.qual));
        k.text(g->qualifier_text).num(g->q.last_digit).boolean(g->q.approximate).text(name_of(g->kind));
        k.num(i64(g->span.start)).num(i64(g->span.end));
      } else {
        for (int p = 0; p < 11; ++p) k.null();
      }
      k.end();
    }
    c.copy("COPY commitments (report_id, seq, ident, kind, ordinal, title, text, group_count, task_count, fact, "
            "deadline, section, item, span_start, span_end, goal_label, goal_text, goal_value, goal_unit, "
            "goal_qualifier, goal_qualifier_text, goal_last_digit, goal_approximate, goal_kind, goal_start, "
            "goal_end) FROM STDIN",
            k.data);
    n.commitments = r.commitments.size();
  }
}

/// COPY of a report's warnings (one COPY per table, inside the report's transaction).
void copy_warnings(const pq_connection& c, std::int64_t id, const report& r, report_counts& n) {
  if (!r.warnings.empty()) {
    copy_rows w;
    for (std::size_t i = 0; i < r.warnings.size(); ++i) {
      const warning& x = r.warnings[i];
      w.num(id).num(i64(i)).text(x.code).text(x.message).num(i64(x.start));
      w.end();
    }
    c.copy("COPY warnings (report_id, seq, code, message, position) FROM STDIN", w.data);
    n.warnings = r.warnings.size();
  }
}

}  // namespace

ingest_result pg_store::ingest(const report& r, const encoded_rows& rows) {
  for (int attempt = 0;; ++attempt) {
    try {
      return ingest_once(r, rows.sha256);
    } catch (const pq_retry&) {
      if (attempt >= 8) throw;  // a deadlock with another ingest: the whole report again
    }
  }
}

/// The catalogue rows (metric_aliases) of the report's facts, taken in one order for every process
/// (fewer deadlocks between concurrent ingests).
std::vector<std::int64_t> pg_store::fact_aliases(const report& r, std::unordered_map<std::string, std::int64_t>& pending) {
  std::vector<std::int64_t> fact_alias(r.facts.size());
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> by_alias;
  for (std::size_t i = 0; i < r.facts.size(); ++i) by_alias[{r.facts[i].label, r.facts[i].q.unit}].push_back(i);
  for (const auto& [key, facts] : by_alias) {
    const auto id = alias_id(key.first, key.second, pending);
    for (const auto i : facts) fact_alias[i] = id;
  }
  return fact_alias;
}

ingest_result pg_store::ingest_once(const report& r, const std::string& sha) {
  std::unordered_map<std::string, std::int64_t> pending;
  pq_transaction tx(c_);
  // Same bytes in two processes: the second waits here for the first's COMMIT, then finds it.
  {
    pq_params p;
    p.add(lock_report).add(sha);
    c_.exec("SELECT pg_advisory_xact_lock($1::integer, hashtext($2))", p);
  }
  {
    pq_params p;
    p.add(sha);
    const auto existing = c_.exec("SELECT id FROM reports WHERE sha256 = $1", p);
    if (existing.rows() == 1) {
      const report_id id{existing.int64(0, 0)};
      auto n = counts(id);
      tx.commit();
      return {ingest_status::skipped, id, n, std::nullopt, 1};
    }
  }
  std::optional<std::int64_t> jurisdiction;
  if (r.meta.jurisdiction) {
    pq_params p;
    p.add(*r.meta.jurisdiction);
    c_.exec("INSERT INTO jurisdictions (name) VALUES ($1) ON CONFLICT (name) DO NOTHING", p);
    jurisdiction = c_.exec("SELECT id FROM jurisdictions WHERE name = $1", p).int64(0, 0);
  }
  std::optional<report_id> supersedes;
  std::size_t revisions = 1;
  if (jurisdiction && r.meta.year) {
    pq_params lock;
    lock.add(lock_key).add(*r.meta.jurisdiction + "\x1F" + std::to_string(r.meta.year->value()));
    c_.exec("SELECT pg_advisory_xact_lock($1::integer, hashtext($2))", lock);
    pq_params p;
    p.add(*jurisdiction).add(r.meta.year->value());
    const auto cur = c_.exec(
        "SELECT id, (SELECT count(*) FROM reports o WHERE o.jurisdiction_id = $1 AND o.year = $2) "
        "FROM reports WHERE jurisdiction_id = $1 AND year = $2 AND current",
        p);
    if (cur.rows() == 1) {
      supersedes = report_id{cur.int64(0, 0)};
      revisions = size_of(cur.int64(0, 1)) + 1;
      pq_params s;
      s.add(supersedes->value);
      c_.exec("UPDATE reports SET current = false WHERE id = $1", s);
    }
  }
  const std::vector<std::int64_t> fact_alias = fact_aliases(r, pending);
  const std::int64_t id = insert_report_row(c_, sha, r, jurisdiction);
  report_counts n;
  copy_sections(c_, id, r, n);
  copy_facts(c_, id, r, fact_alias, n);
  copy_changes(c_, id, r, n);
  copy_dates(c_, id, r, n);
  copy_commitments(c_, id, r, n);
  copy_warnings(c_, id, r, n);
  tx.commit();
  alias_ids_.merge(pending);
  return {ingest_status::added, report_id{id}, n, supersedes, revisions};
}

bool pg_store::remove_report(report_id id) {
  pq_transaction tx(c_);
  pq_params p;
  p.add(id.value);
  const auto j = c_.exec("SELECT jurisdiction_id, year, current FROM reports WHERE id = $1 FOR UPDATE", p);
  if (j.rows() == 0) return false;
  const bool has_j = !j.null(0, 0);
  const std::int64_t jid = has_j ? j.int64(0, 0) : 0;
  const std::optional<int> year = j.opt_int(0, 1);
  const bool was_current = j.boolean(0, 2);
  if (has_j && year) {
    pq_params lock;
    const auto name = c_.exec("SELECT name FROM jurisdictions WHERE id = $1", pq_params().add(jid)).text(0, 0);
    lock.add(lock_key).add(name + "\x1F" + std::to_string(*year));
    c_.exec("SELECT pg_advisory_xact_lock($1::integer, hashtext($2))", lock);
  }
  c_.exec("DELETE FROM reports WHERE id = $1", p);
  if (has_j && year && was_current) {  // the latest remaining revision takes its place
    pq_params q;
    q.add(jid).add(*year);
    c_.exec("UPDATE reports SET current = true WHERE id = "
            "(SELECT max(id) FROM reports WHERE jurisdiction_id = $1 AND year = $2)",
            q);
  }
  if (has_j) {
    pq_params q;
    q.add(jid);
    c_.exec("DELETE FROM jurisdictions WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM reports WHERE jurisdiction_id = $1)",
            q);
  }
  tx.commit();
  return true;
}

// ---- reading -----------------------------------------------------------------------------

std::optional<report_id> pg_store::find(std::string_view sha256) const {
  const auto sha = normalised_sha256(sha256);
  if (!sha) return std::nullopt;
  const auto s = c_.exec("SELECT id FROM reports WHERE sha256 = $1", pq_params().add(*sha));
  if (s.rows() == 0) return std::nullopt;
  return report_id{s.int64(0, 0)};
}

fact pg_store::read_fact(const pq_result& s, int row, int c) const {
  fact f;
  f.id = s.text(row, c);
  f.section = s.opt_int(row, c + 1);
  f.item = s.opt_int(row, c + 2);
  f.label = s.text(row, c + 3);
  f.text = s.text(row, c + 4);
  f.q.value = stored_decimal(s.text(row, c + 5), "fact value");
  f.q.unit = s.text(row, c + 6);
  const auto q = from_string<qualifier>(s.text(row, c + 7));
  if (!q) throw error("stored qualifier '" + s.text(row, c + 7) + "' is unknown");
  f.q.qual = *q;
  f.qualifier_text = s.text(row, c + 8);
  f.q.last_digit = static_cast<int>(s.int64(row, c + 9));
  f.q.approximate = s.boolean(row, c + 10);
  const auto k = from_string<fact_kind>(s.text(row, c + 11));
  if (!k) throw error("stored fact kind '" + s.text(row, c + 11) + "' is unknown");
  f.kind = *k;
  f.cumulative = s.boolean(row, c + 12);
  f.average = s.boolean(row, c + 13);
  f.span = {size_of(s.int64(row, c + 14)), size_of(s.int64(row, c + 15))};
  return f;
}

change pg_store::read_change(const pq_result& s, int row, int c) const {
  change ch;
  ch.id = s.text(row, c);
  const auto k = from_string<change_kind>(s.text(row, c + 1));
  if (!k) throw error("stored change kind '" + s.text(row, c + 1) + "' is unknown");
  ch.kind = *k;
  const auto basis = s.opt_text(row, c + 2);
  // the backends write yoy or mom, or NULL for none
  ch.basis = basis ? from_string<growth_basis>(*basis).value_or(growth_basis::yoy) : growth_basis::none;
  ch.label = s.text(row, c + 3);
  ch.text = s.text(row, c + 4);
  ch.value = stored_opt_decimal(s.opt_text(row, c + 5), "change value");
  ch.from = stored_opt_decimal(s.opt_text(row, c + 6), "change from");
  ch.to = stored_opt_decimal(s.opt_text(row, c + 7), "change to");
  ch.unit = s.text(row, c + 8);
  const auto q = from_string<qualifier>(s.text(row, c + 9));
  if (!q) throw error("stored qualifier '" + s.text(row, c + 9) + "' is unknown");
  ch.qual = *q;
  const auto dir = from_string<direction>(s.text(row, c + 10));
  if (!dir) throw error("stored direction '" + s.text(row, c + 10) + "' is unknown");
  ch.dir = *dir;
  ch.fact = s.opt_text(row, c + 11);
  ch.section = s.opt_int(row, c + 12);
  ch.item = s.opt_int(row, c + 13);
  ch.span = {size_of(s.int64(row, c + 14)), size_of(s.int64(row, c + 15))};
  return ch;
}

/// A stored report's sections and their items, in their order.
void pg_store::load_sections(const pq_params& p, report& r) const {
  {
    const auto s = c_.exec(
        "SELECT ordinal, marker, heading, span_start, span_end FROM sections WHERE report_id = $1 ORDER BY seq", p);
    for (int i = 0; i < s.rows(); ++i) {
      section sec;
      sec.ordinal = static_cast<int>(s.int64(i, 0));
      sec.marker = s.text(i, 1);
      sec.heading = s.text(i, 2);
      sec.span = {size_of(s.int64(i, 3)), size_of(s.int64(i, 4))};
      r.sections.push_back(std::move(sec));
    }
  }
  {
    const auto s = c_.exec(
        "SELECT section_seq, ordinal, marker, title, span_start, span_end FROM items "
        "WHERE report_id = $1 ORDER BY section_seq, seq",
        p);
    for (int i = 0; i < s.rows(); ++i) {
      const auto si = size_of(s.int64(i, 0));
      if (si >= r.sections.size()) throw error("stored item refers to a missing section");
      item it;
      it.ordinal = static_cast<int>(s.int64(i, 1));
      it.marker = s.text(i, 2);
      it.title = s.text(i, 3);
      it.span = {size_of(s.int64(i, 4)), size_of(s.int64(i, 5))};
      r.sections[si].items.push_back(std::move(it));
    }
  }
}

/// A stored report's commitments (a target's goal with them), in their order.
void pg_store::load_commitments(const pq_params& p, report& r) const {
  {
    const auto s = c_.exec(
        "SELECT ident, kind, ordinal, title, text, group_count, task_count, fact, deadline, "
        "section, item, span_start, span_end, goal_label, goal_text, goal_value, goal_unit, "
        "goal_qualifier, goal_qualifier_text, goal_last_digit, goal_approximate, goal_kind, "
        "goal_start, goal_end FROM commitments WHERE report_id = $1 ORDER BY seq",
        p);
    for (int i = 0; i < s.rows(); ++i) {
      commitment k;
      k.id = s.text(i, 0);
      const auto kind = from_string<commitment_kind>(s.text(i, 1));
      if (!kind) throw error("stored commitment kind '" + s.text(i, 1) + "' is unknown");
      k.kind = *kind;
      k.ordinal = s.opt_int(i, 2);
      k.title = s.text(i, 3);
      k.text = s.text(i, 4);
      k.groups = s.opt_int(i, 5);
      k.count = s.opt_int(i, 6);
      k.fact = s.opt_text(i, 7);
      if (auto dl = s.opt_text(i, 8)) k.deadline = stored_date(*dl, "deadline");
      k.section = s.opt_int(i, 9);
      k.item = s.opt_int(i, 10);
      k.span = {size_of(s.int64(i, 11)), size_of(s.int64(i, 12))};
      if (auto value = s.opt_text(i, 15)) {
        target_goal g;
        g.label = s.opt_text(i, 13).value_or("");
        g.text = s.opt_text(i, 14).value_or("");
        g.q.value = stored_decimal(*value, "goal value");
        g.q.unit = s.opt_text(i, 16).value_or("");
        const auto q = from_string<qualifier>(s.opt_text(i, 17).value_or("exact"));
        if (!q) throw error("stored goal qualifier '" + s.text(i, 17) + "' is unknown");
        g.q.qual = *q;
        g.qualifier_text = s.opt_text(i, 18).value_or("");
        g.q.last_digit = s.opt_int(i, 19).value_or(0);
        g.q.approximate = !s.null(i, 20) && s.boolean(i, 20);
        const auto gk = from_string<fact_kind>(s.opt_text(i, 21).value_or("count"));
        if (!gk) throw error("stored goal kind '" + s.text(i, 21) + "' is unknown");
        g.kind = *gk;
        g.span = {size_of(s.null(i, 22) ? 0 : s.int64(i, 22)), size_of(s.null(i, 23) ? 0 : s.int64(i, 23))};
        k.goal = std::move(g);
      }
      r.commitments.push_back(std::move(k));
    }
  }
}

report pg_store::load_report(report_id id) const {
  // One snapshot for every table: a report removed meanwhile is not read half.
  pq_transaction tx(c_, true);
  pq_params p;
  p.add(id.value);
  report r;
  {
    const auto s = c_.exec(
        "SELECT r.sha256, r.source_name, r.encoding, r.format, r.title, r.issuer, j.name, r.year, "
        "r.published, r.recipient, r.text FROM reports r "
        "LEFT JOIN jurisdictions j ON j.id = r.jurisdiction_id WHERE r.id = $1",
        p);
    if (s.rows() == 0) throw usage_error(c_.name() + ": no report with id " + std::to_string(id.value));
    r.source.sha256 = s.text(0, 0);
    r.source.name = s.text(0, 1);
    r.source.encoding = s.text(0, 2);
    const auto format = from_string<source_format>(s.text(0, 3));
    if (!format) throw error("stored source format '" + s.text(0, 3) + "' is unknown");
    r.source.format = *format;
    r.meta.title = s.text(0, 4);
    r.meta.issuer = s.opt_text(0, 5);
    r.meta.jurisdiction = s.opt_text(0, 6);
    if (auto y = s.opt_int(0, 7)) r.meta.year = report_year(*y);
    if (auto pub = s.opt_text(0, 8)) r.meta.published = stored_date(*pub, "published date");
    r.meta.recipient = s.opt_text(0, 9);
    r.text = s.text(0, 10);
  }
  load_sections(p, r);
  {
    const auto s = c_.exec(
        "SELECT f.ident, f.section, f.item, f.label, f.text, f.value, f.unit, f.qualifier, f.qualifier_text, "
        "f.last_digit, f.approximate, f.kind, f.cumulative, f.average, f.span_start, f.span_end "
        "FROM facts f WHERE f.report_id = $1 ORDER BY f.seq",
        p);
    for (int i = 0; i < s.rows(); ++i) r.facts.push_back(read_fact(s, i, 0));
  }
  {
    const auto s = c_.exec(
        "SELECT ident, kind, basis, label, text, value, from_value, to_value, unit, qualifier, "
        "direction, fact, section, item, span_start, span_end FROM changes WHERE report_id = $1 ORDER BY seq",
        p);
    for (int i = 0; i < s.rows(); ++i) r.changes.push_back(read_change(s, i, 0));
  }
  {
    const auto s = c_.exec(
        "SELECT text, value, role, span_start, span_end FROM dates WHERE report_id = $1 ORDER BY seq", p);
    for (int i = 0; i < s.rows(); ++i) {
      const auto role = from_string<date_role>(s.text(i, 2));
      if (!role) throw error("stored date role '" + s.text(i, 2) + "' is unknown");
      r.dates.push_back({s.text(i, 0), stored_date(s.text(i, 1), "date"), *role,
                         {size_of(s.int64(i, 3)), size_of(s.int64(i, 4))}});
    }
  }
  load_commitments(p, r);
  goals_from_facts(r);  // as the SQLite backend: a target without a goal takes the fact it names
  {
    const auto s = c_.exec("SELECT code, message, position FROM warnings WHERE report_id = $1 ORDER BY seq", p);
    for (int i = 0; i < s.rows(); ++i) r.warnings.push_back({s.text(i, 0), s.text(i, 1), size_of(s.int64(i, 2))});
  }
  tx.commit();
  return r;
}

// The listing of reports() and each_report() after its SELECT: one query, run directly or
// through a cursor.
#define ANNALS_PG_REPORT_LISTING                                                                        \
  "r.id, r.sha256, r.source_name, r.title, r.issuer, j.name, r.year, r.published, r.recipient, "  \
  "to_char(r.ingested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "                        \
  "(SELECT count(*) FROM facts f WHERE f.report_id = r.id), "                                          \
  "(SELECT count(*) FROM changes c WHERE c.report_id = r.id), "                                        \
  "(SELECT count(*) FROM commitments k WHERE k.report_id = r.id), "                                    \
  "r.current, "                                                                                         \
  "(SELECT count(*) FROM reports o WHERE o.jurisdiction_id = r.jurisdiction_id AND o.year = r.year "    \
  "AND o.id <= r.id), "                                                                                 \
  "(SELECT count(*) FROM reports o WHERE o.jurisdiction_id = r.jurisdiction_id AND o.year = r.year) "   \
  "FROM reports r LEFT JOIN jurisdictions j ON j.id = r.jurisdiction_id "                              \
  "WHERE ($1::text IS NULL OR j.name = $1::text) AND ($2::integer IS NULL OR r.year = $2::integer) "    \
  "AND (NOT $3::boolean OR r.current) "                                                                 \
  "ORDER BY j.name IS NULL, j.name, r.year NULLS FIRST, r.id"

namespace {

/// A cursor WITH HOLD, which the server keeps until it is closed (even past the end of the
/// transaction that declared it): closed by close(), or by the destructor when something ends
/// the reading early (the receiver throws, a FETCH fails), so that the next reading can declare
/// it again. `close_sql` is the CLOSE statement, a literal.
class held_cursor {
 public:
  held_cursor(const pq_connection& c, const char* close_sql) : c_(c), close_sql_(close_sql) {}
  held_cursor(const held_cursor&) = delete;
  held_cursor& operator=(const held_cursor&) = delete;
  ~held_cursor() {
    if (!open_) return;
    try {
      c_.run(close_sql_);
    } catch (const storage_error&) {  // the connection is gone, or the snapshot's transaction
    }                                   // failed: either drops the cursor itself
  }
  void close() {
    open_ = false;
    c_.run(close_sql_);
  }

 private:
  const pq_connection& c_;
  const char* close_sql_;
  bool open_ = true;
};

pq_params listing_params(const report_filter& filter) {
  pq_params p;
  p.add(filter.jurisdiction);
  if (filter.year) p.add(filter.year->value());
  else p.null();
  p.add(filter.current_only);
  return p;
}

}  // namespace

report_summary pg_store::listed_report(const pq_result& s, int i) const {
  report_summary r;
  r.id = report_id{s.int64(i, 0)};
  r.sha256 = s.text(i, 1);
  r.source_name = s.text(i, 2);
  r.title = s.text(i, 3);
  r.issuer = s.opt_text(i, 4);
  r.jurisdiction = s.opt_text(i, 5);
  if (auto y = s.opt_int(i, 6)) r.year = report_year(*y);
  if (auto pub = s.opt_text(i, 7)) r.published = stored_date(*pub, "published date");
  r.recipient = s.opt_text(i, 8);
  r.ingested_at = s.text(i, 9);
  r.facts = size_of(s.int64(i, 10));
  r.changes = size_of(s.int64(i, 11));
  r.commitments = size_of(s.int64(i, 12));
  r.current = s.boolean(i, 13);
  r.revision = std::max<std::size_t>(1, size_of(s.int64(i, 14)));
  r.revisions = std::max<std::size_t>(1, size_of(s.int64(i, 15)));
  return r;
}

std::vector<report_summary> pg_store::reports(const report_filter& filter) const {
  const auto s = c_.exec("SELECT " ANNALS_PG_REPORT_LISTING, listing_params(filter));
  std::vector<report_summary> out;
  out.reserve(static_cast<std::size_t>(s.rows()));
  for (int i = 0; i < s.rows(); ++i) out.push_back(listed_report(s, i));
  return out;
}

// A cursor WITH HOLD: outside a transaction the server runs the listing when it is declared (one
// consistent read) and keeps the rows on its side, and they come 256 at a time, so a store of
// 100,000 reports is never one result in this process. Being outside any transaction, `each`
// may read and write through the store as it can during SQLite's listing; inside a
// store::snapshot() the cursor is the snapshot's. A listing inside another (`each` lists again)
// is collected by reports(): one cursor name, one statement text.
void pg_store::each_report(const report_filter& filter, void (*call)(void*, const report_summary&), void* each) const {
  if (listing_) {
    store_backend::each_report(filter, call, each);
    return;
  }
  c_.exec("DECLARE annals_listing NO SCROLL CURSOR WITH HOLD FOR SELECT " ANNALS_PG_REPORT_LISTING, listing_params(filter));
  held_cursor cursor(c_, "CLOSE annals_listing");
  struct listing_flag {
    const pg_store& store;
    explicit listing_flag(const pg_store& s) : store(s) { store.listing_ = true; }
    listing_flag(const listing_flag&) = delete;
    listing_flag& operator=(const listing_flag&) = delete;
    ~listing_flag() { store.listing_ = false; }
  } flag(*this);
  constexpr int batch = 256;  // the FETCH below
  for (;;) {
    const auto s = c_.exec("FETCH 256 FROM annals_listing");
    for (int i = 0; i < s.rows(); ++i) call(each, listed_report(s, i));
    if (s.rows() < batch) break;
  }
  cursor.close();
}
#undef ANNALS_PG_REPORT_LISTING

std::optional<report_id> pg_store::current_report(std::string_view jurisdiction, report_year year) const {
  pq_params p;
  p.add(jurisdiction).add(year.value());
  const auto s = c_.exec(
      "SELECT r.id FROM reports r JOIN jurisdictions j ON j.id = r.jurisdiction_id "
      "WHERE j.name = $1 AND r.year = $2 AND r.current",
      p);
  if (s.rows() == 0) return std::nullopt;
  return report_id{s.int64(0, 0)};
}

std::vector<jurisdiction_summary> pg_store::jurisdictions() const {
  const auto s = c_.exec(
      "SELECT j.name, count(r.id), min(r.year), max(r.year) FROM jurisdictions j "
      "JOIN reports r ON r.jurisdiction_id = j.id GROUP BY j.id, j.name ORDER BY j.name");
  std::vector<jurisdiction_summary> out;
  for (int i = 0; i < s.rows(); ++i) {
    jurisdiction_summary j;
    j.name = s.text(i, 0);
    j.reports = size_of(s.int64(i, 1));
    if (auto y = s.opt_int(i, 2)) j.first_year = report_year(*y);
    if (auto y = s.opt_int(i, 3)) j.last_year = report_year(*y);
    out.push_back(std::move(j));
  }
  return out;
}

std::vector<std::string> pg_store::metrics(std::optional<std::string_view> jurisdiction) const {
  std::vector<std::string> out;
  if (jurisdiction) {
    const auto s = c_.exec(
        "SELECT DISTINCT m.key FROM jurisdictions j JOIN reports r ON r.jurisdiction_id = j.id "
        "JOIN facts f ON f.report_id = r.id JOIN metric_aliases a ON a.id = f.alias_id "
        "JOIN metrics m ON m.id = a.metric_id WHERE j.name = $1 AND r.current ORDER BY m.key",
        pq_params().add(*jurisdiction));
    for (int i = 0; i < s.rows(); ++i) out.push_back(s.text(i, 0));
  } else {
    const auto s = c_.exec(
        "SELECT DISTINCT m.key FROM reports r JOIN facts f ON f.report_id = r.id "
        "JOIN metric_aliases a ON a.id = f.alias_id JOIN metrics m ON m.id = a.metric_id "
        "WHERE r.current ORDER BY m.key");
    for (int i = 0; i < s.rows(); ++i) out.push_back(s.text(i, 0));
  }
  return out;
}

metric_series pg_store::series(std::string_view jurisdiction, std::string_view metric) const {
  metric_series out;
  out.jurisdiction = std::string(jurisdiction);
  out.metric = std::string(metric);
  std::vector<std::string> candidates{std::string(metric)};
  if (auto parts = split_metric_key(normalize_width(metric))) {
    std::string cleaned = alias_key(parts->label, parts->unit);
    if (cleaned != candidates.front()) candidates.push_back(std::move(cleaned));
  }
  std::optional<std::int64_t> metric_id;
  for (const auto& c : candidates) {
    const auto s = c_.exec(
        "(SELECT id, key FROM metrics WHERE key = $1) UNION ALL "
        "(SELECT m.id, m.key FROM metric_aliases a JOIN metrics m ON m.id = a.metric_id WHERE a.alias = $1) LIMIT 1",
        pq_params().add(c));
    if (s.rows() == 1) {
      metric_id = s.int64(0, 0);
      out.metric = s.text(0, 1);
      break;
    }
  }
  if (!metric_id) return out;
  pq_transaction tx(c_, true);
  pq_params p;
  p.add(out.jurisdiction).add(*metric_id);
  const auto s = c_.exec(
      "SELECT r.id, r.year, f.ident, f.section, f.item, f.label, f.text, f.value, f.unit, f.qualifier, "
      "f.qualifier_text, f.last_digit, f.approximate, f.kind, f.cumulative, f.average, f.span_start, f.span_end "
      "FROM jurisdictions j JOIN reports r ON r.jurisdiction_id = j.id "
      "JOIN facts f ON f.report_id = r.id JOIN metric_aliases a ON a.id = f.alias_id "
      "WHERE j.name = $1 AND a.metric_id = $2 AND r.year IS NOT NULL AND r.current "
      "ORDER BY r.year, f.report_id, f.seq",
      p);
  for (int i = 0; i < s.rows(); ++i) {
    const int year = static_cast<int>(s.int64(i, 1));
    if (!out.points.empty() && out.points.back().year.value() == year) continue;  // first wins
    out.points.push_back({report_year(year), report_id{s.int64(i, 0)}, read_fact(s, i, 2), {}});
  }
  for (auto& pt : out.points) {
    pq_params q;
    q.add(pt.report.value).add(pt.value.id);
    const auto ch = c_.exec(
        "SELECT ident, kind, basis, label, text, value, from_value, to_value, unit, qualifier, "
        "direction, fact, section, item, span_start, span_end FROM changes WHERE report_id = $1 AND fact = $2 "
        "ORDER BY seq",
        q);
    for (int i = 0; i < ch.rows(); ++i) pt.changes.push_back(read_change(ch, i, 0));
  }
  tx.commit();
  return out;
}

std::vector<metric_series> pg_store::all_series(std::string_view jurisdiction) const {
  std::vector<metric_series> out;
  const std::string j(jurisdiction);
  pq_transaction tx(c_, true);
  const auto s = c_.exec(
      "SELECT m.key, r.id, r.year, f.ident, f.section, f.item, f.label, f.text, f.value, f.unit, "
      "f.qualifier, f.qualifier_text, f.last_digit, f.approximate, f.kind, f.cumulative, "
      "f.average, f.span_start, f.span_end "
      "FROM jurisdictions j JOIN reports r ON r.jurisdiction_id = j.id "
      "JOIN facts f ON f.report_id = r.id JOIN metric_aliases a ON a.id = f.alias_id "
      "JOIN metrics m ON m.id = a.metric_id "
      "WHERE j.name = $1 AND r.year IS NOT NULL ORDER BY m.key, r.year, r.id DESC, f.seq",
      pq_params().add(j));
  for (int i = 0; i < s.rows(); ++i) {
    std::string key = s.text(i, 0);
    if (out.empty() || out.back().metric != key) {
      metric_series m;
      m.jurisdiction = j;
      m.metric = std::move(key);
      out.push_back(std::move(m));
    }
    auto& points = out.back().points;
    const int year = static_cast<int>(s.int64(i, 2));
    if (!points.empty() && points.back().year.value() == year) continue;  // first wins, as in series()
    points.push_back({report_year(year), report_id{s.int64(i, 1)}, read_fact(s, i, 3), {}});
  }
  std::map<std::int64_t, std::unordered_map<std::string, std::vector<series_point*>>> wanted;
  for (auto& m : out)
    for (auto& pt : m.points) wanted[pt.report.value][pt.value.id].push_back(&pt);
  for (const auto& [r, facts] : wanted) {
    const auto ch = c_.exec(
        "SELECT ident, kind, basis, label, text, value, from_value, to_value, unit, qualifier, "
        "direction, fact, section, item, span_start, span_end FROM changes "
        "WHERE report_id = $1 AND fact IS NOT NULL ORDER BY seq",
        pq_params().add(r));
    for (int i = 0; i < ch.rows(); ++i) {
      const auto it = facts.find(ch.text(i, 11));
      if (it == facts.end()) continue;
      const change c = read_change(ch, i, 0);
      for (auto* pt : it->second) pt->changes.push_back(c);
    }
  }
  tx.commit();
  return out;
}

std::size_t pg_store::panel_csv(std::ostream& out) const {
  // Per jurisdiction × metric × year, the first fact of the current report; sorted by the server,
  // which keeps the rows in a cursor (one consistent read) and sends them 1,024 at a time: the
  // panel of a national store is millions of rows, never one result in this process.
  c_.exec(
      "DECLARE annals_panel NO SCROLL CURSOR WITH HOLD FOR "
      "SELECT DISTINCT ON (j.name, m.key, r.year) j.name, m.key, r.year, f.value "
      "FROM reports r JOIN jurisdictions j ON j.id = r.jurisdiction_id "
      "JOIN facts f ON f.report_id = r.id JOIN metric_aliases a ON a.id = f.alias_id "
      "JOIN metrics m ON m.id = a.metric_id "
      "WHERE r.year IS NOT NULL AND r.current "
      "ORDER BY j.name, m.key, r.year, r.id DESC, f.seq");
  held_cursor cursor(c_, "CLOSE annals_panel");
  out << "jurisdiction,metric,year,value\n";
  std::string place, place_field, metric, metric_field;
  std::size_t rows = 0;
  constexpr int batch = 1024;  // the FETCH below
  for (;;) {
    const auto s = c_.exec("FETCH 1024 FROM annals_panel");
    for (int i = 0; i < s.rows(); ++i, ++rows) {
      if (rows == 0 || s.text(i, 0) != place) {
        place = s.text(i, 0);
        place_field = csv_field(place);
      }
      if (rows == 0 || s.text(i, 1) != metric) {
        metric = s.text(i, 1);
        metric_field = csv_field(metric);
      }
      out << place_field << ',' << metric_field << ',' << s.text(i, 2) << ',' << s.text(i, 3) << '\n';
    }
    if (!out) throw error("cannot write the panel CSV (output stream failed)");
    if (s.rows() < batch) break;
  }
  cursor.close();
  return rows;
}

// ---- verdicts ----------------------------------------------------------------------------

save_verdicts_result pg_store::save_verdicts(report_id earlier, report_id later, std::string_view rubric,
                                             const std::vector<verdict_record>& verdicts) {
  const std::string& name = c_.name();
  if (rubric.empty()) throw usage_error(name + ": save_verdicts: empty rubric");
  if (earlier == later) throw usage_error(name + ": save_verdicts: a report compared with itself");
  for (const auto& v : verdicts) {
    const std::string what = name + ": save_verdicts: verdict '" + v.ref + "'";
    if (v.ref.empty()) throw usage_error(name + ": save_verdicts: a verdict has an empty ref");
    if (v.status.empty()) throw usage_error(what + " has an empty status");
    if (v.score && !(std::isfinite(*v.score) && *v.score >= 0.0 && *v.score <= 1.0))
      throw usage_error(what + " has a score outside 0..1");
    if (!nlohmann::json::accept(v.evidence_json)) throw usage_error(what + " has evidence that is not valid JSON");
  }
  pq_transaction tx(c_);
  for (const report_id id : {earlier, later})
    if (c_.exec("SELECT 1 FROM reports WHERE id = $1", pq_params().add(id.value)).rows() == 0)
      throw usage_error(name + ": save_verdicts: no report with id " + std::to_string(id.value));
  save_verdicts_result res;
  for (const auto& v : verdicts) {
    const std::string& subject = name_of(v.subject);
    pq_params p;
    p.add(earlier.value).add(later.value).add(subject).add(v.ref).add(v.label).add(v.status);
    if (v.score) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.17g", *v.score);
      p.add(std::string(buf));
    } else {
      p.null();
    }
    p.add(v.evidence_json).add(std::string(rubric));
    const auto added = c_.exec(
        "INSERT INTO verdicts (earlier_report, later_report, subject, ref, label, status, score, evidence, rubric) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
        "ON CONFLICT (earlier_report, later_report, subject, ref, rubric) DO NOTHING",
        p);
    if (added.changed() == 1) {
      ++res.added;
      continue;
    }
    pq_params f;
    f.add(earlier.value).add(later.value).add(subject).add(v.ref).add(std::string(rubric));
    const auto old = c_.exec(
        "SELECT status FROM verdicts WHERE earlier_report = $1 AND later_report = $2 AND subject = $3 "
        "AND ref = $4 AND rubric = $5",
        f);
    if (old.rows() == 1 && old.text(0, 0) == v.status) ++res.unchanged;
    else ++res.conflicting;
  }
  tx.commit();
  return res;
}

std::vector<stored_verdict> pg_store::read_verdicts(const pq_result& s) const {
  std::vector<stored_verdict> out;
  for (int i = 0; i < s.rows(); ++i) {
    stored_verdict v;
    v.earlier = report_id{s.int64(i, 0)};
    v.later = report_id{s.int64(i, 1)};
    if (auto y = s.opt_int(i, 2)) v.earlier_year = report_year(*y);
    if (auto y = s.opt_int(i, 3)) v.later_year = report_year(*y);
    v.earlier_sha256 = s.text(i, 4);
    v.later_sha256 = s.text(i, 5);
    v.rubric = s.text(i, 6);
    const auto subject = from_string<verdict_subject>(s.text(i, 7));
    if (!subject) throw error("stored verdict subject '" + s.text(i, 7) + "' is unknown");
    v.record.subject = *subject;
    v.record.ref = s.text(i, 8);
    v.record.label = s.text(i, 9);
    v.record.status = s.text(i, 10);
    if (!s.null(i, 11)) v.record.score = std::strtod(s.text(i, 11).c_str(), nullptr);
    v.record.evidence_json = s.text(i, 12);
    v.recorded_at = s.text(i, 13);
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<stored_verdict> pg_store::verdicts(report_id earlier, report_id later) const {
  pq_params p;
  p.add(earlier.value).add(later.value);
  return read_verdicts(c_.exec(
      "SELECT v.earlier_report, v.later_report, re.year, rl.year, re.sha256, rl.sha256, v.rubric, "
      "v.subject, v.ref, v.label, v.status, v.score, v.evidence, "
      "to_char(v.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
      "FROM verdicts v JOIN reports re ON re.id = v.earlier_report JOIN reports rl ON rl.id = v.later_report "
      "WHERE v.earlier_report = $1 AND v.later_report = $2 ORDER BY v.subject, v.ref, v.rubric",
      p));
}

std::vector<stored_verdict> pg_store::verdict_history(std::string_view jurisdiction) const {
  return read_verdicts(c_.exec(
      "SELECT v.earlier_report, v.later_report, re.year, rl.year, re.sha256, rl.sha256, v.rubric, "
      "v.subject, v.ref, v.label, v.status, v.score, v.evidence, "
      "to_char(v.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
      "FROM jurisdictions j JOIN reports rl ON rl.jurisdiction_id = j.id "
      "JOIN verdicts v ON v.later_report = rl.id JOIN reports re ON re.id = v.earlier_report "
      "WHERE j.name = $1 AND rl.current AND re.current "
      "ORDER BY rl.year NULLS FIRST, re.year NULLS FIRST, v.subject, v.ref, v.rubric",
      pq_params().add(jurisdiction)));
}

std::vector<std::pair<report_id, report_id>> pg_store::verdict_pairs() const {
  const auto s = c_.exec(
      "SELECT DISTINCT earlier_report, later_report FROM verdicts ORDER BY earlier_report, later_report");
  std::vector<std::pair<report_id, report_id>> out;
  out.reserve(static_cast<std::size_t>(s.rows()));
  for (int i = 0; i < s.rows(); ++i) out.emplace_back(report_id{s.int64(i, 0)}, report_id{s.int64(i, 1)});
  return out;
}

// ---- the catalogue -----------------------------------------------------------------------

std::vector<catalogue_entry> pg_store::catalogue() const {
  const auto s = c_.exec(
      "SELECT a.alias, m.key, a.origin, coalesce(c.n, 0) FROM metric_aliases a "
      "JOIN metrics m ON m.id = a.metric_id "
      "LEFT JOIN (SELECT alias_id, count(*) AS n FROM facts GROUP BY alias_id) c ON c.alias_id = a.id "
      "ORDER BY m.key, a.alias");
  std::vector<catalogue_entry> out;
  for (int i = 0; i < s.rows(); ++i)
    out.push_back({s.text(i, 0), s.text(i, 1), s.text(i, 2) == "user", size_of(s.int64(i, 3))});
  return out;
}

std::vector<catalogue_entry> pg_store::aliases(alias_scope scope) const {
  const auto s = scope == alias_scope::user
                     ? c_.exec("SELECT a.alias, m.key, a.origin FROM metric_aliases a JOIN metrics m ON m.id = a.metric_id "
                               "WHERE a.origin = 'user' ORDER BY m.key, a.alias")
                     : c_.exec("SELECT a.alias, m.key, a.origin FROM metric_aliases a JOIN metrics m ON m.id = a.metric_id "
                               "ORDER BY m.key, a.alias");
  std::vector<catalogue_entry> out;
  out.reserve(static_cast<std::size_t>(s.rows()));
  for (int i = 0; i < s.rows(); ++i) out.push_back({s.text(i, 0), s.text(i, 1), s.text(i, 2) == "user", 0});
  return out;
}

std::string pg_store::metric_of(std::string_view label, std::string_view unit) const {
  const auto s = c_.exec("SELECT m.key FROM metric_aliases a JOIN metrics m ON m.id = a.metric_id WHERE a.alias = $1",
                         pq_params().add(alias_key(label, unit)));
  if (s.rows() == 1) return s.text(0, 0);
  return metric_key(label, unit);
}

catalogue_import_result pg_store::import_catalogue(std::istream& csv, std::string_view source) {
  const std::vector<mapping_row> rows = read_catalogue_mapping(csv, source);
  catalogue_import_result res;
  res.rows = rows.size();
  pq_transaction tx(c_);
  for (const auto& row : rows) {
    pq_params m;
    m.add(row.metric).add(row.unit);
    res.metrics_added +=
        c_.exec("INSERT INTO metrics (key, unit) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", m).changed();
    const auto mid = c_.exec("SELECT id FROM metrics WHERE key = $1", pq_params().add(row.metric)).int64(0, 0);
    const auto found = c_.exec("SELECT id, metric_id, origin FROM metric_aliases WHERE alias = $1 FOR UPDATE",
                               pq_params().add(row.alias));
    if (found.rows() == 1) {
      const bool same = found.int64(0, 1) == mid;
      const bool user = found.text(0, 2) == "user";
      if (same && user) {
        ++res.unchanged;
        continue;
      }
      c_.exec("UPDATE metric_aliases SET metric_id = $2, origin = 'user' WHERE id = $1",
              pq_params().add(found.int64(0, 0)).add(mid));
      if (same) ++res.unchanged;
      else ++res.aliases_moved;
    } else {
      c_.exec("INSERT INTO metric_aliases (alias, metric_id, origin) VALUES ($1, $2, 'user')",
              pq_params().add(row.alias).add(mid));
      ++res.aliases_added;
    }
  }
  res.metrics_removed =
      c_.exec("DELETE FROM metrics WHERE NOT EXISTS (SELECT 1 FROM metric_aliases a WHERE a.metric_id = metrics.id)")
          .changed();
  tx.commit();
  return res;
}

std::size_t pg_store::export_catalogue(std::ostream& csv) const {
  const auto s = c_.exec(
      "SELECT a.alias, m.key FROM metric_aliases a JOIN metrics m ON m.id = a.metric_id ORDER BY m.key, a.alias");
  csv << "alias,metric\n";
  for (int i = 0; i < s.rows(); ++i) csv << csv_field(s.text(i, 0)) << ',' << csv_field(s.text(i, 1)) << '\n';
  if (!csv) throw error("cannot write the catalogue CSV (output stream failed)");
  return static_cast<std::size_t>(s.rows());
}

// ---- integrity ---------------------------------------------------------------------------

integrity_result pg_store::check_integrity() const {
  // The server keeps its pages and constraints (foreign keys are never off); what is checked
  // here is what no constraint says: one current report per jurisdiction and year, and the
  // fact a change or commitment names exists in its report.
  integrity_result res;
  pq_transaction tx(c_, true);
  const auto no_current = c_.exec(
      "SELECT j.name, r.year FROM reports r JOIN jurisdictions j ON j.id = r.jurisdiction_id "
      "WHERE r.year IS NOT NULL GROUP BY j.name, r.year HAVING count(*) FILTER (WHERE r.current) <> 1 "
      "ORDER BY j.name, r.year");
  for (int i = 0; i < no_current.rows(); ++i)
    res.problems.push_back("reports of " + no_current.text(i, 0) + " " + no_current.text(i, 1) +
                           ": not exactly one current report");
  const auto dangling = c_.exec(
      "SELECT 'change', c.report_id, c.ident, c.fact FROM changes c WHERE c.fact IS NOT NULL AND NOT EXISTS "
      "(SELECT 1 FROM facts f WHERE f.report_id = c.report_id AND f.ident = c.fact) "
      "UNION ALL SELECT 'commitment', k.report_id, k.ident, k.fact FROM commitments k WHERE k.fact IS NOT NULL "
      "AND NOT EXISTS (SELECT 1 FROM facts f WHERE f.report_id = k.report_id AND f.ident = k.fact) "
      "ORDER BY 2, 1, 3");
  for (int i = 0; i < dangling.rows(); ++i)
    res.problems.push_back("report " + dangling.text(i, 1) + ": " + dangling.text(i, 0) + " " + dangling.text(i, 2) +
                           " names fact " + dangling.text(i, 3) + ", which is not stored");
  tx.commit();
  res.ok = res.problems.empty();
  return res;
}

// ---- the door ----------------------------------------------------------------------------

bool postgres_available() noexcept { return true; }

std::unique_ptr<store_backend> open_postgres(const std::string& conninfo, open_mode mode,
                                             const store_options& options) {
  if (options.busy_timeout.count() < 0) throw usage_error("store: negative busy timeout");
  if (options.max_size_bytes)
    throw usage_error(redacted_conninfo(conninfo) +
                      ": a size limit (max_size_bytes) is for SQLite files; on PostgreSQL the server's "
                      "quotas and disk are the limit");
  return std::make_unique<pg_store>(conninfo, mode, options);
}

}  // namespace annals::detail
