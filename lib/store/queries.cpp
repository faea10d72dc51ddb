// annals::store queries: report listing, jurisdictions, metrics, series and the panel export.

#include <annals/catalogue.hpp>
#include <annals/csv.hpp>
#include <annals/store.hpp>
#include <annals/text.hpp>

#include "store/store_detail.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <ostream>
#include <unordered_map>

namespace annals {

using namespace detail;

// The columns of report_summary, as the two statements of reports() select them (a literal: the
// preprocessor joins it to each statement's text).
#define ANNALS_REPORT_SUMMARY_COLUMNS                                                                      \
  "r.id, r.sha256, r.source_name, r.title, r.issuer, j.name, r.year, r.published, r.recipient, "       \
  "r.ingested_at, "                                                                                       \
  "(SELECT count(*) FROM facts f WHERE f.id BETWEEN r.id * 1048576 AND r.id * 1048576 + 1048575), "     \
  "(SELECT count(*) FROM changes c WHERE c.report_id = r.id), "                                          \
  "(SELECT count(*) FROM commitments k WHERE k.report_id = r.id), "                                      \
  "r.current, "                                                                                           \
  "(SELECT count(*) FROM reports o WHERE o.jurisdiction_id = r.jurisdiction_id "                          \
  "AND o.year = r.year AND o.id <= r.id), "                                                               \
  "(SELECT count(*) FROM reports o WHERE o.jurisdiction_id = r.jurisdiction_id AND o.year = r.year)"

std::vector<report_summary> detail::sqlite_store::reports(const report_filter& filter) const {
  std::vector<report_summary> out;
  each_report(
      filter, [](void* v, const report_summary& r) { static_cast<std::vector<report_summary>*>(v)->push_back(r); }, &out);
  return out;
}

void detail::sqlite_store::each_report(const report_filter& filter, void (*call)(void*, const report_summary&),
                                       void* each) const {
  const sqlite_store& d = *this;
  d.guarded([&] {
    // Two fixed statements: with a jurisdiction, `j.name = ?1` lets SQLite find its reports by
    // index; `?1 IS NULL OR j.name = ?1` read every report of the store for each jurisdiction
    // (yoy --db and report, which ask once per jurisdiction, grew with the square of the store).
    // The one of a jurisdiction is asked once per jurisdiction: prepared once and kept, unless it
    // is stepping already (`each` lists the reports of a jurisdiction while it is called).
    static constexpr const char* of_one_sql =
        "SELECT " ANNALS_REPORT_SUMMARY_COLUMNS " "
        "FROM jurisdictions j JOIN reports r ON r.jurisdiction_id = j.id "
        "WHERE j.name = ?1 AND (?2 IS NULL OR r.year = ?2) AND (?3 = 0 OR r.current = 1) "
        "ORDER BY r.year, r.id";
    std::optional<SQLite::Statement> own;
    auto& kept = d.query_st.reports_of;
    if (filter.jurisdiction && !kept) kept.emplace(d.db, of_one_sql);
    const bool kept_free = filter.jurisdiction && !d.query_st.reports_of_stepping;
    if (!filter.jurisdiction) {
      own.emplace(d.db,
                  "SELECT " ANNALS_REPORT_SUMMARY_COLUMNS " "
                  "FROM reports r LEFT JOIN jurisdictions j ON j.id = r.jurisdiction_id "
                  "WHERE (?1 IS NULL) AND (?2 IS NULL OR r.year = ?2) "
                  "AND (?3 = 0 OR r.current = 1) "
                  "ORDER BY j.name IS NULL, j.name, r.year, r.id");
    } else if (!kept_free) {
      own.emplace(d.db, of_one_sql);
    }
    SQLite::Statement& s = own ? *own : *kept;
    const reset_after done{s};
    struct stepping {  // kept in use until the listing ends, however it ends
      bool& flag;
      const bool set;
      stepping(bool& f, bool on) : flag(f), set(on) {
        if (set) flag = true;
      }
      ~stepping() {
        if (set) flag = false;
      }
      stepping(const stepping&) = delete;
      stepping& operator=(const stepping&) = delete;
    } in_use{d.query_st.reports_of_stepping, !own};
    bind_opt_ref(s, 1, filter.jurisdiction);
    if (filter.year) bind_int(s, 2, filter.year->value());
    else s.bind(2);
    bind_int(s, 3, filter.current_only ? 1 : 0);
    report_summary r;  // one object, its strings' buffers reused row after row
    while (s.executeStep()) {
      r.id = report_id{int64(s, 0)};
      assign_text(r.sha256, s, 1);
      assign_text(r.source_name, s, 2);
      assign_text(r.title, s, 3);
      r.issuer = opt_text(s, 4);
      r.jurisdiction = opt_text(s, 5);
      r.year.reset();
      if (auto y = opt_int(s, 6)) r.year = report_year(*y);
      r.published.reset();
      if (auto p = opt_text(s, 7)) r.published = d.stored_date(*p, "published date");
      r.recipient = opt_text(s, 8);
      assign_text(r.ingested_at, s, 9);
      r.facts = static_cast<std::size_t>(int64(s, 10));
      r.changes = static_cast<std::size_t>(int64(s, 11));
      r.commitments = static_cast<std::size_t>(int64(s, 12));
      r.current = int64(s, 13) != 0;
      // no jurisdiction or no year: no revisions (the counts are 0)
      r.revision = std::max<std::size_t>(1, static_cast<std::size_t>(int64(s, 14)));
      r.revisions = std::max<std::size_t>(1, static_cast<std::size_t>(int64(s, 15)));
      call(each, r);
    }
  });
}

#undef ANNALS_REPORT_SUMMARY_COLUMNS

std::optional<report_id> detail::sqlite_store::current_report(std::string_view jurisdiction, report_year year) const {
  const sqlite_store& d = *this;
  const std::string j(jurisdiction);
  return d.guarded([&]() -> std::optional<report_id> {
    SQLite::Statement s(d.db,
                        "SELECT r.id FROM reports r JOIN jurisdictions j ON j.id = r.jurisdiction_id "
                        "WHERE j.name = ?1 AND r.year = ?2 AND r.current = 1");
    bind_ref(s, 1, j);
    bind_int(s, 2, year.value());
    if (!s.executeStep()) return std::nullopt;
    return report_id{int64(s, 0)};
  });
}

std::vector<jurisdiction_summary> detail::sqlite_store::jurisdictions() const {
  const sqlite_store& d = *this;
  return d.guarded([&] {
    std::vector<jurisdiction_summary> out;
    SQLite::Statement s(d.db,
                        "SELECT j.name, count(r.id), min(r.year), max(r.year) FROM jurisdictions j "
                        "JOIN reports r ON r.jurisdiction_id = j.id GROUP BY j.id ORDER BY j.name");
    while (s.executeStep()) {
      jurisdiction_summary j;
      j.name = text(s, 0);
      j.reports = static_cast<std::size_t>(int64(s, 1));
      if (auto y = opt_int(s, 2)) j.first_year = report_year(*y);
      if (auto y = opt_int(s, 3)) j.last_year = report_year(*y);
      out.push_back(std::move(j));
    }
    return out;
  });
}

std::vector<std::string> detail::sqlite_store::metrics(std::optional<std::string_view> jurisdiction) const {
  const sqlite_store& d = *this;
  return d.guarded([&] {
    std::vector<std::string> out;
    if (jurisdiction) {
      const std::string j(*jurisdiction);
      SQLite::Statement s(d.db,
                          "SELECT DISTINCT m.key FROM jurisdictions j "
                          "JOIN reports r ON r.jurisdiction_id = j.id "
                          "JOIN facts f ON f.id BETWEEN r.id * 1048576 AND r.id * 1048576 + 1048575 "
                          "JOIN metric_aliases a ON a.id = f.alias_id "
                          "JOIN metrics m ON m.id = a.metric_id "
                          "WHERE j.name = ?1 AND r.current = 1 ORDER BY m.key");
      bind_ref(s, 1, j);
      while (s.executeStep()) out.push_back(text(s, 0));
    } else {
      SQLite::Statement s(d.db,
                          "SELECT DISTINCT m.key FROM reports r "
                          "JOIN facts f ON f.id BETWEEN r.id * 1048576 AND r.id * 1048576 + 1048575 "
                          "JOIN metric_aliases a ON a.id = f.alias_id "
                          "JOIN metrics m ON m.id = a.metric_id WHERE r.current = 1 ORDER BY m.key");
      while (s.executeStep()) out.push_back(text(s, 0));
    }
    return out;
  });
}

namespace {

/// The id and canonical key of `metric` given as a key or an alias (as written or cleaned).
std::optional<std::pair<std::int64_t, std::string>> resolve_metric(const SQLite::Database& db,
                                                                   std::string_view metric) {
  std::vector<std::string> candidates{std::string(metric)};
  if (auto parts = split_metric_key(normalize_width(metric))) {
    std::string cleaned = alias_key(parts->label, parts->unit);
    if (cleaned != candidates.front()) candidates.push_back(std::move(cleaned));
  }
  SQLite::Statement s(db,
                      "SELECT id, key FROM metrics WHERE key = ?1 "
                      "UNION ALL "
                      "SELECT m.id, m.key FROM metric_aliases a JOIN metrics m ON m.id = a.metric_id "
                      "WHERE a.alias = ?1 LIMIT 1");
  for (const auto& c : candidates) {
    bind_ref(s, 1, c);
    if (s.executeStep()) return std::make_pair(int64(s, 0), text(s, 1));
    s.reset();
  }
  return std::nullopt;
}

}  // namespace

metric_series detail::sqlite_store::series(std::string_view jurisdiction, std::string_view metric) const {
  const sqlite_store& d = *this;
  return d.guarded([&] {
    metric_series out;
    out.jurisdiction = std::string(jurisdiction);
    out.metric = std::string(metric);
    const auto m = resolve_metric(d.db, metric);
    if (!m) return out;
    out.metric = m->second;
    SQLite::Statement s(d.db,
                        "SELECT r.id, r.year, f.ident, f.section, f.item, f.label, f.text, f.value, f.unit, "
                        "f.qualifier, f.qualifier_text, f.last_digit, f.approximate, f.kind, f.cumulative, "
                        "f.average, f.span_start, f.span_end "
                        "FROM jurisdictions j "
                        "JOIN reports r ON r.jurisdiction_id = j.id "
                        "JOIN facts f ON f.id BETWEEN r.id * 1048576 AND r.id * 1048576 + 1048575 "
                        "JOIN metric_aliases a ON a.id = f.alias_id "
                        "WHERE j.name = ?1 AND a.metric_id = ?2 AND r.year IS NOT NULL AND r.current = 1 "
                        "ORDER BY r.year, f.id");
    bind_ref(s, 1, out.jurisdiction);
    bind_int(s, 2, m->first);
    while (s.executeStep()) {
      const int year = s.getColumn(1).getInt();
      if (!out.points.empty() && out.points.back().year.value() == year) continue;  // first wins
      out.points.push_back({report_year(year), report_id{int64(s, 0)}, d.read_fact(s, 2), {}});
    }
    SQLite::Statement ch(d.db,
                         "SELECT ident, kind, basis, label, text, value, from_value, to_value, unit, qualifier, "
                         "direction, fact, section, item, span_start, span_end "
                         "FROM changes WHERE report_id = ?1 AND fact = ?2 ORDER BY seq");
    for (auto& p : out.points) {
      bind_int(ch, 1, p.report.value);
      bind_ref(ch, 2, p.value.id);
      while (ch.executeStep()) p.changes.push_back(d.read_change(ch, 0));
      ch.reset();
    }
    return out;
  });
}

std::vector<metric_series> detail::sqlite_store::all_series(std::string_view jurisdiction) const {
  const sqlite_store& d = *this;
  return d.guarded([&] {
    std::vector<metric_series> out;
    const std::string j(jurisdiction);
    auto& facts_of = d.query_st.series_facts;
    if (!facts_of)
      facts_of.emplace(d.db,
                        "SELECT m.key, r.id, r.year, f.ident, f.section, f.item, f.label, f.text, f.value, f.unit, "
                        "f.qualifier, f.qualifier_text, f.last_digit, f.approximate, f.kind, f.cumulative, "
                        "f.average, f.span_start, f.span_end "
                        "FROM jurisdictions j "
                        "JOIN reports r ON r.jurisdiction_id = j.id "
                        "JOIN facts f ON f.id BETWEEN r.id * 1048576 AND r.id * 1048576 + 1048575 "
                        "JOIN metric_aliases a ON a.id = f.alias_id "
                        "JOIN metrics m ON m.id = a.metric_id "
                        "WHERE j.name = ?1 AND r.year IS NOT NULL "
                        "ORDER BY m.key, r.year, r.id DESC, f.id");
    SQLite::Statement& s = *facts_of;
    const reset_after facts_done{s};
    bind_ref(s, 1, j);
    while (s.executeStep()) {
      std::string key = text(s, 0);
      if (out.empty() || out.back().metric != key) {
        metric_series m;
        m.jurisdiction = j;
        m.metric = std::move(key);
        out.push_back(std::move(m));
      }
      auto& points = out.back().points;
      const int year = s.getColumn(2).getInt();
      if (!points.empty() && points.back().year.value() == year) continue;  // first wins, as in series()
      points.push_back({report_year(year), report_id{int64(s, 1)}, d.read_fact(s, 3), {}});
    }
    // the changes tied to those facts: one read of each report's changes instead of one per point
    std::unordered_map<std::int64_t, std::unordered_map<std::string, std::vector<series_point*>>> wanted;
    for (auto& m : out)
      for (auto& p : m.points) wanted[p.report.value][p.value.id].push_back(&p);
    auto& changes_of = d.query_st.series_changes;
    if (!changes_of)
      changes_of.emplace(d.db,
                         "SELECT ident, kind, basis, label, text, value, from_value, to_value, unit, qualifier, "
                         "direction, fact, section, item, span_start, span_end "
                         "FROM changes WHERE report_id = ?1 AND fact IS NOT NULL ORDER BY seq");
    SQLite::Statement& ch = *changes_of;
    const reset_after changes_done{ch};
    std::vector<std::int64_t> reports;
    for (const auto& [r, facts] : wanted) reports.push_back(r);
    std::sort(reports.begin(), reports.end());
    for (const auto r : reports) {
      const auto& facts = wanted.at(r);
      bind_int(ch, 1, r);
      while (ch.executeStep()) {
        const auto it = facts.find(text(ch, 11));
        if (it == facts.end()) continue;
        const change c = d.read_change(ch, 0);
        for (auto* p : it->second) p->changes.push_back(c);
      }
      ch.reset();
    }
    return out;
  });
}

std::size_t detail::sqlite_store::panel_csv(std::ostream& out) const {
  const sqlite_store& d = *this;
  return d.guarded([&] {
    // One scan of facts in key order (report by report) and a sort in memory: about four times
    // faster than letting SQLite sort a million rows by jurisdiction and metric names.
    std::unordered_map<std::int64_t, std::pair<std::uint32_t, int>> report_of;  // id → (place rank, year)
    std::vector<std::string> places;
    {
      SQLite::Statement s(d.db, "SELECT id, name FROM jurisdictions ORDER BY name");
      std::unordered_map<std::int64_t, std::uint32_t> rank;
      while (s.executeStep()) {
        rank.emplace(int64(s, 0), static_cast<std::uint32_t>(places.size()));
        places.push_back(text(s, 1));
      }
      SQLite::Statement r(d.db,
                          "SELECT id, jurisdiction_id, year FROM reports "
                          "WHERE jurisdiction_id IS NOT NULL AND year IS NOT NULL AND current = 1");
      while (r.executeStep()) report_of.emplace(int64(r, 0), std::make_pair(rank.at(int64(r, 1)), r.getColumn(2).getInt()));
    }
    std::vector<std::string> metric_names;
    std::unordered_map<std::int64_t, std::uint32_t> metric_of_alias;
    {
      SQLite::Statement s(d.db, "SELECT id FROM metrics ORDER BY key");
      SQLite::Statement k(d.db, "SELECT key FROM metrics ORDER BY key");
      std::unordered_map<std::int64_t, std::uint32_t> rank;
      while (s.executeStep()) rank.emplace(int64(s, 0), static_cast<std::uint32_t>(rank.size()));
      while (k.executeStep()) metric_names.push_back(text(k, 0));
      SQLite::Statement a(d.db, "SELECT id, metric_id FROM metric_aliases");
      while (a.executeStep()) metric_of_alias.emplace(int64(a, 0), rank.at(int64(a, 1)));
    }
    // 24 bytes a fact, its value text in one arena (NUL-terminated): a std::string in each row
    // made it 56, 261 MB at the peak for the 2.6 million facts of a national store.
    struct row {
      std::uint32_t place, metric;
      std::int32_t year;
      std::uint32_t value_at;  ///< offset of the value's text in `values`
      std::int64_t fact;       ///< facts.id: report in the high bits, position in the low
    };
    std::vector<row> rows;
    std::string values;
    {
      SQLite::Statement f(d.db, "SELECT id, report_id, alias_id, value FROM facts WHERE alias_id IS NOT NULL");
      while (f.executeStep()) {
        const auto r = report_of.find(int64(f, 1));
        if (r == report_of.end()) continue;  // no jurisdiction or no year
        if (values.size() > std::numeric_limits<std::uint32_t>::max() - 256)
          throw d.error("the panel's values are more than 4 GB of text");
        const auto at = static_cast<std::uint32_t>(values.size());
        const SQLite::Column v = f.getColumn(3);
        values.append(static_cast<const char*>(v.getBlob()), static_cast<std::size_t>(v.getBytes()));
        values.push_back('\0');
        rows.push_back({r->second.first, metric_of_alias.at(int64(f, 2)), r->second.second, at, int64(f, 0)});
      }
    }
    // Per place × metric × year (one current report each): its first fact.
    std::sort(rows.begin(), rows.end(), [](const row& a, const row& b) {
      if (a.place != b.place) return a.place < b.place;
      if (a.metric != b.metric) return a.metric < b.metric;
      if (a.year != b.year) return a.year < b.year;
      const std::int64_t ra = a.fact >> 20, rb = b.fact >> 20;
      if (ra != rb) return ra > rb;
      return a.fact < b.fact;
    });
    out << "jurisdiction,metric,year,value\n";
    std::size_t written = 0;
    std::vector<std::string> place_field(places.size()), metric_field(metric_names.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const row& r = rows[i];
      if (i > 0 && rows[i - 1].place == r.place && rows[i - 1].metric == r.metric && rows[i - 1].year == r.year)
        continue;  // not the first of its key
      if (place_field[r.place].empty()) place_field[r.place] = csv_field(places[r.place]);
      if (metric_field[r.metric].empty()) metric_field[r.metric] = csv_field(metric_names[r.metric]);
      out << place_field[r.place] << ',' << metric_field[r.metric] << ',' << r.year << ',' << (values.c_str() + r.value_at)
          << '\n';
      ++written;
    }
    if (!out) throw d.error("cannot write the panel CSV (output stream failed)");
    return written;
  });
}

}  // namespace annals
