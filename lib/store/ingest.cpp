// annals::store on SQLite: storing a report (store::ingest) and removing one. One transaction a
// report (or a savepoint in an ingest group); facts and changes through multi-row INSERTs bound
// with SQLite's C API (docs/store.md, Performance). What is derived from the report's figures
// comes encoded (encode.cpp). Every statement is a string literal with bound parameters.

#include <annals/catalogue.hpp>
#include <annals/error.hpp>
#include <annals/store.hpp>

#include "store/store_detail.hpp"
#include "store/schema_detail.hpp"
#include "statements_detail.hpp"

#include <sqlite3.h>

#include <array>
#include <exception>

namespace annals {

using namespace detail;

void append_decimal_text(std::string& out, const decimal& d) {
  char buf[decimal::max_chars];  // the decimal as written (its own scale), without a temporary
  out.append(buf, d.to_chars(buf, d.scale()));
}

std::string decimal_text(const decimal& d) {
  std::string s;
  append_decimal_text(s, d);
  return s;
}

// ---- writing rows ------------------------------------------------------------------------------

namespace {

/// Inserts rows 0..n-1 with the largest statements first: bind_row(statement, first
/// parameter offset, row) binds one row's columns.
template <class BindRow>
void insert_rows(std::array<bulk_statement, 4>& by_size, int columns, std::size_t n, BindRow&& bind_row) {
  std::size_t row = 0;
  for (std::size_t k = by_size.size(); k-- > 0;) {
    const std::size_t size = rows_per_insert[k];
    for (; row + size <= n; row += size) {
      for (std::size_t b = 0; b < size; ++b) bind_row(by_size[k], static_cast<int>(b) * columns, row + b);
      by_size[k].run();
    }
  }
}

}  // namespace

// ---- the catalogue seen from ingest --------------------------------------------------------

std::int64_t detail::sqlite_store::alias_id(const std::string& label, const std::string& unit) {
  std::string key;
  append_alias_lookup_key(key, label, unit);
  return alias_id(label, unit, {key, alias_hash::of(key)});
}

std::int64_t detail::sqlite_store::alias_id(const std::string& label, const std::string& unit, alias_key_view key) {
  if (auto it = alias_ids.find(key); it != alias_ids.end()) return it->second;
  if (auto it = pending_alias_ids.find(key); it != pending_alias_ids.end()) return it->second;
  if (auto it = group_alias_ids.find(key); it != group_alias_ids.end()) return it->second;

  if (!alias_st) alias_st = std::make_unique<alias_statements>(db);
  auto& st = *alias_st;
  const std::string alias = alias_key(label, unit);
  std::int64_t id = 0;
  bind_ref(st.find, 1, alias);
  const bool found = st.find.executeStep();
  if (found) id = int64(st.find, 0);
  st.find.reset();
  if (!found) {
    const std::string metric = metric_key(label, unit);
    const auto parts = split_metric_key(metric);
    const std::string metric_unit = parts ? parts->unit : std::string();
    bind_ref(st.add_metric, 1, metric);
    bind_ref(st.add_metric, 2, metric_unit);
    run(st.add_metric);
    bind_ref(st.metric_id, 1, metric);
    st.metric_id.executeStep();
    const std::int64_t mid = int64(st.metric_id, 0);
    st.metric_id.reset();
    bind_ref(st.add_alias, 1, alias);
    bind_int(st.add_alias, 2, mid);
    run(st.add_alias);
    id = db.getLastInsertRowid();
  }
  pending_alias_ids.emplace(std::string(key.key), id);
  return id;
}

// ---- ingest ----------------------------------------------------------------------------------


namespace {

std::int64_t i64(std::size_t v) { return static_cast<std::int64_t>(v); }

/// facts.id: the report's id in the high bits, the fact's position in the low 20.
std::int64_t fact_key(std::int64_t report, std::size_t seq) { return report * (std::int64_t{1} << 20) + i64(seq); }

}  // namespace

report_counts detail::sqlite_store::counts(report_id id) const {
  report_counts c;
  SQLite::Statement s(db,
                      "SELECT (SELECT count(*) FROM sections WHERE report_id = ?1), "
                      "(SELECT count(*) FROM items WHERE report_id = ?1), "
                      "(SELECT count(*) FROM facts WHERE id BETWEEN ?1 * 1048576 AND ?1 * 1048576 + 1048575), "
                      "(SELECT count(*) FROM changes WHERE report_id = ?1), "
                      "(SELECT count(*) FROM dates WHERE report_id = ?1), "
                      "(SELECT count(*) FROM commitments WHERE report_id = ?1), "
                      "(SELECT count(*) FROM warnings WHERE report_id = ?1)");
  bind_int(s, 1, id.value);
  s.executeStep();
  auto n = [&](int col) { return static_cast<std::size_t>(int64(s, col)); };
  c.sections = n(0);
  c.items = n(1);
  c.facts = n(2);
  c.changes = n(3);
  c.dates = n(4);
  c.commitments = n(5);
  c.warnings = n(6);
  return c;
}

bool detail::sqlite_store::report_exists(report_id id) const {
  SQLite::Statement s(db, "SELECT 1 FROM reports WHERE id = ?1");
  bind_int(s, 1, id.value);
  return s.executeStep();
}

/// One report written into an open transaction, table by table: the report row, its structure,
/// facts, changes, dates, commitments and warnings. Everything derived from the report's figures
/// (decimal texts, doubles, catalogue keys) comes ready in `p` (encode_rows).
struct detail::sqlite_store::report_writer {
  sqlite_store& d;
  ingest_statements& st;
  const report& r;
  const encoded_rows& p;
  std::int64_t id = 0;  ///< reports.id, once write_report_row() has run
  report_counts n;

  /// The id of a report with this sha256 already stored, if any.
  std::optional<report_id> stored_already(const std::string& sha) {
    bind_ref(st.find_report, 1, sha);
    std::optional<report_id> existing;
    if (st.find_report.executeStep()) existing = report_id{int64(st.find_report, 0)};
    st.find_report.reset();
    return existing;
  }

  /// jurisdictions.id of the report's place (added when new); nullopt when it names none.
  std::optional<std::int64_t> jurisdiction_row() {
    if (!r.meta.jurisdiction) return std::nullopt;
    bind_ref(st.add_jurisdiction, 1, *r.meta.jurisdiction);
    run(st.add_jurisdiction);
    bind_ref(st.jurisdiction_id, 1, *r.meta.jurisdiction);
    st.jurisdiction_id.executeStep();
    const std::int64_t jid = int64(st.jurisdiction_id, 0);
    st.jurisdiction_id.reset();
    return jid;
  }

  /// A report of a jurisdiction and year already stored: the new one is a revision and becomes
  /// the current one (the partial unique index reports_current allows one per key). Returns the
  /// superseded report and the number of revisions with the new one.
  /// In an ingest group the count is taken once per key and group, then carried from report to
  /// report (sqlite_store::group_revisions): counted every time, a folder of many revisions of
  /// one report made ingest quadratic in them.
  std::pair<std::optional<report_id>, std::size_t> supersede_current(std::int64_t jurisdiction) {
    std::optional<report_id> supersedes;
    std::size_t revisions = 1;
    const int year = r.meta.year->value();
    bind_int(st.current_of, 1, jurisdiction);
    bind_int(st.current_of, 2, year);
    if (st.current_of.executeStep()) supersedes = report_id{int64(st.current_of, 0)};
    st.current_of.reset();
    const revision_key key{jurisdiction, year};
    if (supersedes) {
      const auto known = d.group_open() ? d.group_revisions.find(key) : d.group_revisions.end();
      if (known != d.group_revisions.end()) {
        revisions = known->second + 1;
      } else {
        bind_int(st.revisions_of, 1, jurisdiction);
        bind_int(st.revisions_of, 2, year);
        st.revisions_of.executeStep();
        revisions = static_cast<std::size_t>(int64(st.revisions_of, 0)) + 1;
        st.revisions_of.reset();
      }
    }
    if (d.group_open()) d.pending_revisions = {key, revisions};
    if (supersedes) {
      bind_int(st.supersede, 1, supersedes->value);
      run(st.supersede);
    }
    return {supersedes, revisions};
  }

  void write_report_row(const std::string& sha, const std::optional<std::int64_t>& jurisdiction) {
    auto& ar = st.add_report;
    bind_ref(ar, 1, sha);
    bind_ref(ar, 2, r.source.name);
    bind_ref(ar, 3, r.source.encoding);
    bind_ref(ar, 4, name_of(r.source.format));
    bind_ref(ar, 5, r.meta.title);
    bind_opt_ref(ar, 6, r.meta.issuer);
    if (jurisdiction) bind_int(ar, 7, *jurisdiction);
    else ar.bind(7);
    if (r.meta.year) bind_int(ar, 8, r.meta.year->value());
    else ar.bind(8);
    if (r.meta.published) bind_copy(ar, 9, r.meta.published->to_iso());
    else ar.bind(9);
    bind_opt_ref(ar, 10, r.meta.recipient);
    bind_ref(ar, 11, r.text);
    run(ar);
    id = d.db.getLastInsertRowid();
  }

  void write_structure() {
    std::vector<std::pair<std::size_t, std::size_t>>& at = d.item_places;  // (section, item)
    at.clear();
    for (std::size_t si = 0; si < r.sections.size(); ++si)
      for (std::size_t ii = 0; ii < r.sections[si].items.size(); ++ii) at.emplace_back(si, ii);
    insert_rows(st.add_sections, section_columns, r.sections.size(), [&](const bulk_statement& b, int o, std::size_t si) {
      const section& sec = r.sections[si];
      b.int64(o + 1, id);
      b.int64(o + 2, i64(si));
      b.int64(o + 3, sec.ordinal);
      b.text(o + 4, sec.marker);
      b.text(o + 5, sec.heading);
      b.int64(o + 6, i64(sec.span.start));
      b.int64(o + 7, i64(sec.span.end));
    });
    insert_rows(st.add_items, item_columns, at.size(), [&](const bulk_statement& b, int o, std::size_t k) {
      const auto [si, ii] = at[k];
      const item& it = r.sections[si].items[ii];
      b.int64(o + 1, id);
      b.int64(o + 2, i64(si));
      b.int64(o + 3, i64(ii));
      b.int64(o + 4, it.ordinal);
      b.text(o + 5, it.marker);
      b.text(o + 6, it.title);
      b.int64(o + 7, i64(it.span.start));
      b.int64(o + 8, i64(it.span.end));
    });
    n.sections = r.sections.size();
    n.items = at.size();
  }

  void write_facts() {
    const std::string& texts = p.texts;
    insert_rows(st.add_facts, fact_columns, r.facts.size(), [&](const bulk_statement& b, int o, std::size_t i) {
      const fact& f = r.facts[i];
      b.int64(o + 1, fact_key(id, i));
      b.int64(o + 2, id);
      b.text(o + 3, f.id);
      b.opt_int(o + 4, f.section);
      b.opt_int(o + 5, f.item);
      b.text(o + 6, f.label);
      b.text(o + 7, f.text);
      const auto& text_at = p.fact_text[i];
      const auto& real = p.fact_real[i];
      b.arena_text(o + 8, texts, text_at[0]);
      b.text(o + 9, f.q.unit);
      b.text(o + 10, name_of(f.q.qual));
      b.text(o + 11, f.qualifier_text);
      b.int64(o + 12, f.q.last_digit);
      b.int64(o + 13, f.q.approximate ? 1 : 0);
      b.arena_text(o + 14, texts, text_at[1]);
      b.arena_text(o + 15, texts, text_at[2]);
      b.int64(o + 16, p.fact_closed[i][0] ? 1 : 0);
      b.int64(o + 17, p.fact_closed[i][1] ? 1 : 0);
      b.text(o + 18, name_of(f.kind));
      b.int64(o + 19, f.cumulative ? 1 : 0);
      b.int64(o + 20, f.average ? 1 : 0);
      b.int64(o + 21, i64(f.span.start));
      b.int64(o + 22, i64(f.span.end));
      b.int64(o + 23, d.alias_id(f.label, f.q.unit, p.alias_key_of(i)));
      for (std::size_t k = 0; k < 3; ++k) b.real_or_null(o + 24 + static_cast<int>(k), text_at[k], real[k]);
    });
    n.facts = r.facts.size();
  }

  void write_changes() {
    const std::string& texts = p.texts;
    insert_rows(st.add_changes, change_columns, r.changes.size(), [&](const bulk_statement& b, int o, std::size_t i) {
      const change& c = r.changes[i];
      b.int64(o + 1, id);
      b.int64(o + 2, i64(i));
      b.text(o + 3, c.id);
      b.text(o + 4, name_of(c.kind));
      if (c.basis == growth_basis::none) b.null(o + 5);
      else b.text(o + 5, name_of(c.basis));
      b.text(o + 6, c.label);
      b.text(o + 7, c.text);
      for (int k = 0; k < 3; ++k) b.arena_text(o + 8 + k, texts, p.change_text[i][static_cast<std::size_t>(k)]);
      b.text(o + 11, c.unit);
      b.text(o + 12, name_of(c.qual));
      b.text(o + 13, name_of(c.dir));
      if (c.fact) b.text(o + 14, *c.fact);
      else b.null(o + 14);
      b.opt_int(o + 15, c.section);
      b.opt_int(o + 16, c.item);
      b.int64(o + 17, i64(c.span.start));
      b.int64(o + 18, i64(c.span.end));
    });
    n.changes = r.changes.size();
  }

  void write_dates() {
    for (std::size_t i = 0; i < r.dates.size(); ++i) {
      const date_mention& dm = r.dates[i];
      auto& s = st.add_date;
      bind_int(s, 1, id);
      bind_int(s, 2, i64(i));
      bind_ref(s, 3, dm.text);
      bind_copy(s, 4, dm.value.to_iso());
      bind_ref(s, 5, name_of(dm.role));
      bind_int(s, 6, i64(dm.span.start));
      bind_int(s, 7, i64(dm.span.end));
      run(s);
    }
    n.dates = r.dates.size();
  }

  void write_commitments() {
    insert_rows(st.add_commitments, commitment_columns, r.commitments.size(),
                [&](const bulk_statement& b, int o, std::size_t i) {
                  const commitment& k = r.commitments[i];
                  b.int64(o + 1, id);
                  b.int64(o + 2, i64(i));
                  b.text(o + 3, k.id);
                  b.text(o + 4, name_of(k.kind));
                  b.opt_int(o + 5, k.ordinal);
                  b.text(o + 6, k.title);
                  b.text(o + 7, k.text);
                  b.opt_int(o + 8, k.groups);
                  b.opt_int(o + 9, k.count);
                  b.opt_text(o + 10, k.fact);
                  if (k.deadline) b.text_copy(o + 11, k.deadline->to_iso());
                  else b.null(o + 11);
                  b.opt_int(o + 12, k.section);
                  b.opt_int(o + 13, k.item);
                  b.int64(o + 14, i64(k.span.start));
                  b.int64(o + 15, i64(k.span.end));
                  if (const auto& g = k.goal) {
                    b.text(o + 16, g->label);
                    b.text(o + 17, g->text);
                    b.text_copy(o + 18, g->q.value.to_string());
                    b.text(o + 19, g->q.unit);
                    b.text(o + 20, name_of(g->q.qual));
                    b.text(o + 21, g->qualifier_text);
                    b.int64(o + 22, g->q.last_digit);
                    b.int64(o + 23, g->q.approximate ? 1 : 0);
                    b.text(o + 24, name_of(g->kind));
                    b.int64(o + 25, i64(g->span.start));
                    b.int64(o + 26, i64(g->span.end));
                  } else {
                    for (int col = 16; col <= 26; ++col) b.null(o + col);
                  }
                });
    n.commitments = r.commitments.size();
  }

  void write_warnings() {
    for (std::size_t i = 0; i < r.warnings.size(); ++i) {
      const warning& w = r.warnings[i];
      auto& s = st.add_warning;
      bind_int(s, 1, id);
      bind_int(s, 2, i64(i));
      bind_ref(s, 3, w.code);
      bind_ref(s, 4, w.message);
      bind_int(s, 5, i64(w.start));
      run(s);
    }
    n.warnings = r.warnings.size();
  }
};

// Foreign keys while ingesting. Every row ingest writes refers to the report row it inserted
// in the same transaction, to the jurisdiction it found or added in it, or to a catalogue alias
// that is committed (alias rows are never deleted or renumbered) or added in it (forgotten on
// rollback): the rows are consistent by construction, and SQLite's check of each reference
// (a parent lookup per child row, two per fact) was 5-6 % of `annals ingest` (bench/README.md,
// ninth pass). So this connection turns enforcement off for ingest and back on before any
// other write: removing a report needs the cascades, the catalogue and the verdicts need the
// checks. The pragma expires the connection's prepared statements (they are prepared again on
// their next use), so it is switched only when the kind of write changes, not per report.
// store_test.ingested_rows_pass_the_foreign_key_check_and_other_writes_enforce_them holds
// both halves; `annals check-store` runs PRAGMA foreign_key_check on any store.
void detail::sqlite_store::set_foreign_keys(bool on) {
  if (foreign_keys_off != on) return;
  if (sqlite3_get_autocommit(db.getHandle()) == 0) return;  // ignored inside a transaction
  if (on) db.exec("PRAGMA foreign_keys = ON");
  else db.exec("PRAGMA foreign_keys = OFF");
  foreign_keys_off = !on;
}

ingest_result detail::sqlite_store::write_report(report_writer& w, const std::string& sha) {
  if (const auto existing = w.stored_already(sha))
    return {ingest_status::skipped, *existing, counts(*existing), std::nullopt, 1};
  const std::optional<std::int64_t> jurisdiction = w.jurisdiction_row();
  std::pair<std::optional<report_id>, std::size_t> revision{std::nullopt, 1};
  if (jurisdiction && w.r.meta.year) revision = w.supersede_current(*jurisdiction);
  w.write_report_row(sha, jurisdiction);
  w.write_structure();
  w.write_facts();
  w.write_changes();
  w.write_dates();
  w.write_commitments();
  w.write_warnings();
  return {ingest_status::added, report_id{w.id}, w.n, revision.first, revision.second};
}

void detail::sqlite_store::forget_report() noexcept {
  if (ins) ins->reset_all();
  if (alias_st) alias_st->reset_all();
  if (group_st)
    for (SQLite::Statement* s : {&group_st->begin, &group_st->release, &group_st->undo}) s->tryReset();
  pending_alias_ids.clear();
  pending_revisions.reset();
}

// In the group's transaction (store::group_ingests): the report in a savepoint of its own. Its
// alias ids join the group's when it is released; the group's become known when the group commits.
ingest_result detail::sqlite_store::ingest_in_group(report_writer& w, const std::string& sha) {
  auto& g = *group_st;
  try {
    run(g.begin);
    ingest_result res = write_report(w, sha);
    run(g.release);
    group_alias_ids.merge(pending_alias_ids);
    pending_alias_ids.clear();
    if (pending_revisions) group_revisions[pending_revisions->first] = pending_revisions->second;
    pending_revisions.reset();
    return res;
  } catch (...) {
    std::exception_ptr failure = std::current_exception();
    std::string why;
    try {
      std::rethrow_exception(failure);
    } catch (const SQLite::Exception& e) {
      const storage_error converted = error(e);
      why = converted.what();
      failure = std::make_exception_ptr(converted);
    } catch (const std::exception& e) {
      why = e.what();
    } catch (...) {
      why = "unknown failure";
    }
    forget_report();
    // SQLite may have abandoned the whole transaction (a full disk, an I/O error, an INSERT
    // OR ROLLBACK); else only the report is undone and the group goes on.
    bool lost = sqlite3_get_autocommit(db.getHandle()) != 0;
    if (!lost) {
      try {
        run(g.undo);
        run(g.release);
      } catch (const SQLite::Exception&) {
        lost = true;
        rollback_group();
      }
    }
    if (lost) {
      group_alias_ids.clear();
      group_revisions.clear();
      group_lost();
      throw storage_error(why + "; the ingest group it was part of was rolled back with it (none of its reports is stored)");
    }
    std::rethrow_exception(failure);
  }
}

ingest_result detail::sqlite_store::ingest(const report& r, const encoded_rows& rows) {
  sqlite_store& d = *this;
  if (!d.ins) d.guarded([&] { d.ins = std::make_unique<sqlite_store::ingest_statements>(d.db); });
  sqlite_store::report_writer w{d, *d.ins, r, rows, 0, {}};
  const std::string& sha = rows.sha256;

  if (d.group_open()) return d.ingest_in_group(w, sha);

  /// Alias ids added by the transaction become known on commit; on a rollback the statements
  /// are reset and the ids forgotten.
  struct pending_guard {
    sqlite_store& d;
    bool committed = false;
    ~pending_guard() {
      if (committed) {
        d.alias_ids.merge(d.pending_alias_ids);
        d.pending_alias_ids.clear();
      } else {
        d.forget_report();
      }
    }
  };

  return d.guarded([&]() -> ingest_result {
    d.set_foreign_keys(false);
    SQLite::Transaction tx(d.db, SQLite::TransactionBehavior::IMMEDIATE);
    pending_guard guard{d};  // destroyed before tx: statements are reset before the rollback
    ingest_result res = d.write_report(w, sha);
    tx.commit();
    guard.committed = true;
    return res;
  });
}

void detail::sqlite_store::begin_group() {
  guarded([&] {
    set_foreign_keys(false);  // as for a report's own transaction (set_foreign_keys)
    if (!group_st) group_st = std::make_unique<group_statements>(db);
    db.exec("BEGIN IMMEDIATE");
  });
  group_alias_ids.clear();
  group_revisions.clear();
}

void detail::sqlite_store::commit_group() {
  try {
    db.exec("COMMIT");
  } catch (const SQLite::Exception& e) {
    rollback_group();
    throw error(e);
  }
  alias_ids.merge(group_alias_ids);
  group_alias_ids.clear();
  group_revisions.clear();
}

void detail::sqlite_store::rollback_group() noexcept {
  forget_report();
  group_alias_ids.clear();
  group_revisions.clear();
  try {
    if (sqlite3_get_autocommit(db.getHandle()) == 0) db.exec("ROLLBACK");
  } catch (...) {  // SQLite rolls back what a connection leaves open when it closes
  }
}

bool detail::sqlite_store::remove_report(report_id id) {
  sqlite_store& d = *this;
  return d.guarded([&] {
    d.set_foreign_keys(true);  // the cascades delete the report's rows
    SQLite::Transaction tx(d.db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement j(d.db, "SELECT jurisdiction_id, year, current FROM reports WHERE id = ?1");
    bind_int(j, 1, id.value);
    if (!j.executeStep()) return false;
    const bool has_j = !j.isColumnNull(0);
    const std::int64_t jid = has_j ? int64(j, 0) : 0;
    const std::optional<int> year = opt_int(j, 1);
    const bool was_current = int64(j, 2) != 0;
    j.reset();
    // The facts by their key range first: facts has no index on report_id (see schema.cpp), so
    // the cascade then finds nothing left to delete.
    SQLite::Statement del_facts(d.db, "DELETE FROM facts WHERE id BETWEEN ?1 * 1048576 AND ?1 * 1048576 + 1048575");
    bind_int(del_facts, 1, id.value);
    run(del_facts);
    SQLite::Statement del(d.db, "DELETE FROM reports WHERE id = ?1");
    bind_int(del, 1, id.value);
    run(del);
    if (has_j && year && was_current) {  // the latest remaining revision takes its place
      SQLite::Statement promote(d.db,
                                "UPDATE reports SET current = 1 WHERE id = "
                                "(SELECT max(id) FROM reports WHERE jurisdiction_id = ?1 AND year = ?2)");
      bind_int(promote, 1, jid);
      bind_int(promote, 2, *year);
      run(promote);
    }
    if (has_j) {
      SQLite::Statement dj(d.db,
                           "DELETE FROM jurisdictions WHERE id = ?1 "
                           "AND NOT EXISTS (SELECT 1 FROM reports WHERE jurisdiction_id = ?1)");
      bind_int(dj, 1, jid);
      run(dj);
    }
    tx.commit();
    return true;
  });
}

}  // namespace annals
