// annals::store on SQLite: loading a stored report back (store::load_report, store::find), exact
// values parsed from their stored text. Every statement is a string literal with bound parameters.

#include <annals/catalogue.hpp>
#include <annals/error.hpp>
#include <annals/store.hpp>

#include "store/store_detail.hpp"
#include "store/schema_detail.hpp"
#include "store/statements_detail.hpp"

#include <algorithm>

namespace annals {

using namespace detail;

// ---- loading ---------------------------------------------------------------------------------

decimal detail::sqlite_store::stored_decimal(const std::string& t, std::string_view what) const {
  auto v = decimal::try_parse(t);
  if (!v) throw error("stored " + std::string(what) + " '" + t.substr(0, 40) + "' is not a decimal number");
  return *v;
}

std::optional<decimal> detail::sqlite_store::stored_opt_decimal(const std::optional<std::string>& t,
                                                       std::string_view what) const {
  if (!t) return std::nullopt;
  return stored_decimal(*t, what);
}

calendar_date detail::sqlite_store::stored_date(const std::string& t, std::string_view what) const {
  auto v = calendar_date::try_parse_iso(t);
  if (!v) throw error("stored " + std::string(what) + " '" + t.substr(0, 40) + "' is not an ISO date");
  return *v;
}

fact detail::sqlite_store::read_fact(const SQLite::Statement& s, int c) const {
  fact f;
  f.id = text(s, c);
  f.section = opt_int(s, c + 1);
  f.item = opt_int(s, c + 2);
  f.label = text(s, c + 3);
  f.text = text(s, c + 4);
  f.q.value = stored_decimal(text(s, c + 5), "fact value");
  f.q.unit = text(s, c + 6);
  const auto q = from_string<qualifier>(text(s, c + 7));
  if (!q) throw error("stored qualifier '" + text(s, c + 7) + "' is unknown");
  f.q.qual = *q;
  f.qualifier_text = text(s, c + 8);
  f.q.last_digit = s.getColumn(c + 9).getInt();
  f.q.approximate = s.getColumn(c + 10).getInt() != 0;
  const auto k = from_string<fact_kind>(text(s, c + 11));
  if (!k) throw error("stored fact kind '" + text(s, c + 11) + "' is unknown");
  f.kind = *k;
  f.cumulative = s.getColumn(c + 12).getInt() != 0;
  f.average = s.getColumn(c + 13).getInt() != 0;
  f.span = {static_cast<std::size_t>(int64(s, c + 14)), static_cast<std::size_t>(int64(s, c + 15))};
  return f;
}

change detail::sqlite_store::read_change(const SQLite::Statement& s, int c) const {
  change ch;
  ch.id = text(s, c);
  const auto k = from_string<change_kind>(text(s, c + 1));
  if (!k) throw error("stored change kind '" + text(s, c + 1) + "' is unknown");
  ch.kind = *k;
  const auto basis = opt_text(s, c + 2);
  // the backends write yoy or mom, or NULL for none
  ch.basis = basis ? from_string<growth_basis>(*basis).value_or(growth_basis::yoy) : growth_basis::none;
  ch.label = text(s, c + 3);
  ch.text = text(s, c + 4);
  ch.value = stored_opt_decimal(opt_text(s, c + 5), "change value");
  ch.from = stored_opt_decimal(opt_text(s, c + 6), "change from");
  ch.to = stored_opt_decimal(opt_text(s, c + 7), "change to");
  ch.unit = text(s, c + 8);
  const auto q = from_string<qualifier>(text(s, c + 9));
  if (!q) throw error("stored qualifier '" + text(s, c + 9) + "' is unknown");
  ch.qual = *q;
  const auto dir = from_string<direction>(text(s, c + 10));
  if (!dir) throw error("stored direction '" + text(s, c + 10) + "' is unknown");
  ch.dir = *dir;
  ch.fact = opt_text(s, c + 11);
  ch.section = opt_int(s, c + 12);
  ch.item = opt_int(s, c + 13);
  ch.span = {static_cast<std::size_t>(int64(s, c + 14)), static_cast<std::size_t>(int64(s, c + 15))};
  return ch;
}

detail::sqlite_store::load_statements& detail::sqlite_store::loads() const {
  if (!load_st) load_st = std::make_unique<load_statements>(db);
  return *load_st;
}


/// A stored report read back, table by table (store::load_report).
struct detail::sqlite_store::report_reader {
  const sqlite_store& d;
  report_id id;
  report r;

  /// The reports row: source, title, issuer, place, year, dates, the text.
  void read_report_row() {
    SQLite::Statement& s = d.loads().report_row;
    const reset_after use{s};
    bind_int(s, 1, id.value);
    if (!s.executeStep()) throw usage_error(d.name + ": no report with id " + std::to_string(id.value));
    r.source.sha256 = text(s, 0);
    r.source.name = text(s, 1);
    r.source.encoding = text(s, 2);
    const auto format = from_string<source_format>(text(s, 3));
    if (!format) throw d.error("stored source format '" + text(s, 3) + "' is unknown");
    r.source.format = *format;
    r.meta.title = text(s, 4);
    r.meta.issuer = opt_text(s, 5);
    r.meta.jurisdiction = opt_text(s, 6);
    if (auto y = opt_int(s, 7)) r.meta.year = report_year(*y);
    if (auto p = opt_text(s, 8)) r.meta.published = d.stored_date(*p, "published date");
    r.meta.recipient = opt_text(s, 9);
    r.text = text(s, 10);
  }

  /// Sections, in order.
  void read_sections() {
    SQLite::Statement& s = d.loads().sections;
    const reset_after use{s};
    bind_int(s, 1, id.value);
    while (s.executeStep()) {
      section sec;
      sec.ordinal = s.getColumn(0).getInt();
      sec.marker = text(s, 1);
      sec.heading = text(s, 2);
      sec.span = {static_cast<std::size_t>(int64(s, 3)), static_cast<std::size_t>(int64(s, 4))};
      r.sections.push_back(std::move(sec));
    }
  }

  /// Items, each under its section.
  void read_items() {
    SQLite::Statement& s = d.loads().items;
    const reset_after use{s};
    bind_int(s, 1, id.value);
    while (s.executeStep()) {
      const auto si = static_cast<std::size_t>(int64(s, 0));
      if (si >= r.sections.size()) throw d.error("stored item refers to a missing section");
      item it;
      it.ordinal = s.getColumn(1).getInt();
      it.marker = text(s, 2);
      it.title = text(s, 3);
      it.span = {static_cast<std::size_t>(int64(s, 4)), static_cast<std::size_t>(int64(s, 5))};
      r.sections[si].items.push_back(std::move(it));
    }
  }

  /// Facts in their order (by their key range: facts has no report_id index).
  void read_facts() {
    SQLite::Statement& s = d.loads().facts;
    const reset_after use{s};
    bind_int(s, 1, id.value);
    while (s.executeStep()) r.facts.push_back(d.read_fact(s, 0));
  }

  /// Stated changes, in order.
  void read_changes() {
    SQLite::Statement& s = d.loads().changes;
    const reset_after use{s};
    bind_int(s, 1, id.value);
    while (s.executeStep()) r.changes.push_back(d.read_change(s, 0));
  }

  /// Dates, in order.
  void read_dates() {
    SQLite::Statement& s = d.loads().dates;
    const reset_after use{s};
    bind_int(s, 1, id.value);
    while (s.executeStep()) {
      const auto role = from_string<date_role>(text(s, 2));
      if (!role) throw d.error("stored date role '" + text(s, 2) + "' is unknown");
      r.dates.push_back({text(s, 0), d.stored_date(text(s, 1), "date"), *role,
                         {static_cast<std::size_t>(int64(s, 3)), static_cast<std::size_t>(int64(s, 4))}});
    }
  }

  /// Commitments with their goals, in order.
  void read_commitments() {
    SQLite::Statement& s = d.loads().commitments;
    const reset_after use{s};
    bind_int(s, 1, id.value);
    while (s.executeStep()) {
      commitment k;
      k.id = text(s, 0);
      const auto kind = from_string<commitment_kind>(text(s, 1));
      if (!kind) throw d.error("stored commitment kind '" + text(s, 1) + "' is unknown");
      k.kind = *kind;
      k.ordinal = opt_int(s, 2);
      k.title = text(s, 3);
      k.text = text(s, 4);
      k.groups = opt_int(s, 5);
      k.count = opt_int(s, 6);
      k.fact = opt_text(s, 7);
      if (auto dl = opt_text(s, 8)) k.deadline = d.stored_date(*dl, "deadline");
      k.section = opt_int(s, 9);
      k.item = opt_int(s, 10);
      k.span = {static_cast<std::size_t>(int64(s, 11)), static_cast<std::size_t>(int64(s, 12))};
      if (auto value = opt_text(s, 15)) {
        target_goal g;
        g.label = opt_text(s, 13).value_or("");
        g.text = opt_text(s, 14).value_or("");
        g.q.value = d.stored_decimal(*value, "goal value");
        g.q.unit = opt_text(s, 16).value_or("");
        const auto q = from_string<qualifier>(opt_text(s, 17).value_or("exact"));
        if (!q) throw d.error("stored goal qualifier '" + text(s, 17) + "' is unknown");
        g.q.qual = *q;
        g.qualifier_text = opt_text(s, 18).value_or("");
        g.q.last_digit = opt_int(s, 19).value_or(0);
        g.q.approximate = opt_int(s, 20).value_or(0) != 0;
        const auto gk = from_string<fact_kind>(opt_text(s, 21).value_or("count"));
        if (!gk) throw d.error("stored goal kind '" + text(s, 21) + "' is unknown");
        g.kind = *gk;
        g.span = {static_cast<std::size_t>(s.isColumnNull(22) ? 0 : int64(s, 22)),
                  static_cast<std::size_t>(s.isColumnNull(23) ? 0 : int64(s, 23))};
        k.goal = std::move(g);
      }
      r.commitments.push_back(std::move(k));
    }
  }

  /// Warnings, in order.
  void read_warnings() {
    SQLite::Statement& s = d.loads().warnings;
    const reset_after use{s};
    bind_int(s, 1, id.value);
    while (s.executeStep())
      r.warnings.push_back({text(s, 0), text(s, 1), static_cast<std::size_t>(int64(s, 2))});
  }

};

report detail::sqlite_store::load_report(report_id id) const {
  const sqlite_store& d = *this;
  return d.guarded([&]() -> report {
    sqlite_store::report_reader reader{d, id, {}};
    reader.read_report_row();
    reader.read_sections();
    reader.read_items();
    reader.read_facts();
    reader.read_changes();
    reader.read_dates();
    reader.read_commitments();
    goals_from_facts(reader.r);  // a target stored before schema 4: its goal is the fact it names
    reader.read_warnings();
    return std::move(reader.r);
  });
}

std::optional<report_id> detail::sqlite_store::find(std::string_view sha256) const {
  const auto sha = normalised_sha256(sha256);
  if (!sha) return std::nullopt;
  return this->guarded([&]() -> std::optional<report_id> {
    SQLite::Statement s(this->db, "SELECT id FROM reports WHERE sha256 = ?1");
    bind_ref(s, 1, *sha);
    if (!s.executeStep()) return std::nullopt;
    return report_id{int64(s, 0)};
  });
}

}  // namespace annals
