// annals yoy --db: every metric's series across years from the store (metric_histories), with
// computed growth, stated growth and the verdict; as a table, CSV or JSON.
#include "yoy_db.hpp"
#include "files.hpp"

#include "parallel_detail.hpp"
#include "records.hpp"
#include "text_table.hpp"

#include <annals/analyze.hpp>
#include <annals/error.hpp>
#include <annals/range_text.hpp>
#include <annals/records_json.hpp>
#include <annals/store.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace annals::cli {

namespace {

/// "1099–1101件", "?–1101件": the prior year a stated growth implies (whole units, outward).
constexpr range_style implied_prior_style{.between = "–", .no_lower = "?", .no_upper = "?", .digits = 0, .outward = true};

std::string verdict_text(const yoy_point& p) {
  return p.verdict ? std::string(to_string(*p.verdict)) : std::string();
}

std::string signed2(const decimal& d) {
  std::string t = d.to_string(2);
  if (d.sign() > 0) t.insert(t.begin(), '+');
  return t;
}

std::string allowed_text(const yoy_point& p) {
  if (!p.growth_lo && !p.growth_hi) return "";
  const std::string u = p.in_pp ? "pp" : "%";
  return (p.growth_lo ? p.growth_lo->to_string(2) : std::string("-∞")) + ".." +
         (p.growth_hi ? p.growth_hi->to_string(2) : std::string("∞")) + u;
}

/// csv, jsonl and md: one record per shown point, with the names of the json's points (flat):
/// growth_pct (a percent) with its bounds, or change_pp (points, for a metric in %) with its.
record_set records_of(const std::vector<metric_history>& all, const yoy_filter& filter) {
  record_set rs{"annals.yoy/1", "points", {}, {}};
  for (const char* name : {"jurisdiction", "metric", "label", "unit"}) rs.columns.push_back({name, cell_type::text});
  rs.columns.push_back({"year", cell_type::integer});
  for (const char* name : {"fact", "text"}) rs.columns.push_back({name, cell_type::text});
  for (const char* name : {"value", "lo", "hi"}) rs.columns.push_back({name, cell_type::decimal});
  rs.columns.push_back({"growth_kind", cell_type::text});
  for (const char* name : {"growth_pct", "growth_pct_lo", "growth_pct_hi", "change_pp", "change_pp_lo", "change_pp_hi"})
    rs.columns.push_back({name, cell_type::decimal});
  rs.columns.push_back({"stated_kind", cell_type::text});
  rs.columns.push_back({"stated_value", cell_type::decimal});
  for (const char* name : {"stated_text", "verdict", "reason"}) rs.columns.push_back({name, cell_type::text});
  for (const char* name : {"implied_prior_lo", "implied_prior_hi"}) rs.columns.push_back({name, cell_type::decimal});
  for (const auto& m : all)
    for (const auto& p : m.points) {
      if (!filter.shows(p)) continue;
      const cell growth = p.growth_pct ? cell(p.growth_pct->to_string(2)) : cell();
      const cell lo = dec_cell(p.growth_lo), hi = dec_cell(p.growth_hi);
      std::vector<cell> row{m.jurisdiction, m.metric, m.label, text_or_null(m.unit), int_cell(p.year), p.fact,
                            p.text, p.value.to_string(), dec_cell(p.bounds.lo), dec_cell(p.bounds.hi),
                            std::string(p.in_pp ? "pp" : "pct")};
      for (const cell& c : {growth, lo, hi}) row.push_back(p.in_pp ? cell() : c);
      for (const cell& c : {growth, lo, hi}) row.push_back(p.in_pp ? c : cell());
      row.insert(row.end(), {p.stated ? cell(std::string(to_string(p.stated_kind))) : cell(), dec_cell(p.stated),
                             text_or_null(p.stated_text), p.verdict ? cell(std::string(to_string(*p.verdict))) : cell(),
                             text_or_null(p.reason), dec_cell(p.implied_prior_lo), dec_cell(p.implied_prior_hi)});
      rs.rows.push_back(std::move(row));
    }
  return rs;
}

/// The table's columns, and the widest a cell is shown (wider ones end in "…").
constexpr std::array<const char*, 9> table_header = {"metric", ">year", "year before", "figure", ">growth",
                                                     "allowed", "stated", "verdict", "why"};
constexpr std::size_t table_cell = 40;

/// What the line under the table counts.
struct table_counts {
  std::size_t metrics = 0, rows = 0, inconsistent = 0;
};

/// The table rows of one metric's shown points, after a "== jurisdiction" group line when
/// `several` and the jurisdiction is not `last_j`'s (then updated). Table: text_table or
/// spilled_text_table.
template <class Table>
void add_table_rows(Table& t, const metric_history& m, const yoy_filter& filter, bool several, std::string& last_j,
                    table_counts& counts) {
  ++counts.metrics;
  if (several && m.jurisdiction != last_j) {
    t.add_group("== " + m.jurisdiction);
    last_j = m.jurisdiction;
  }
  bool first = true;
  for (std::size_t i = 0; i < m.points.size(); ++i) {
    const auto& p = m.points[i];
    if (!filter.shows(p)) continue;
    // the figure the growth is computed from (the point before, when it is the year before)
    const std::string before = p.growth_pct && i > 0 ? m.points[i - 1].text : std::string();
    std::string growth;
    if (p.growth_pct) growth = signed2(*p.growth_pct) + (p.in_pp ? "pp" : "%");
    std::string why = p.reason;
    if (p.implied_prior_lo || p.implied_prior_hi)
      why = "implies " + std::to_string(p.year - 1) + " ≈ " +
            range_text(p.implied_prior_lo, p.implied_prior_hi, m.unit, implied_prior_style);
    if (p.verdict && *p.verdict == metric_verdict::inconsistent) ++counts.inconsistent;
    t.add({first ? m.label + (m.unit.empty() ? "" : " (" + m.unit + ")") : "", std::to_string(p.year), before, p.text,
           growth, allowed_text(p), p.stated_text, verdict_text(p), why});
    first = false;
    ++counts.rows;
  }
}

void print_table_counts(std::ostream& out, const table_counts& c) {
  out << c.metrics << (c.metrics == 1 ? " metric, " : " metrics, ") << c.rows << " metric-years, " << c.inconsistent
      << " inconsistent\n";
}

/// What a worker made of one jurisdiction, or what computing it threw.
template <class T>
struct jurisdiction_outcome {
  T made;
  std::exception_ptr error;
};

/// The store's jurisdictions, by name.
std::vector<std::string> jurisdiction_names(const store& db) {
  std::vector<std::string> names;
  for (const auto& j : db.jurisdictions()) names.push_back(j.name);
  return names;
}

/// Each of `names` in turn: its shown histories are computed on --jobs threads
/// (a read-only connection each) and turned into a T by `make` on the same thread; `take` gets
/// the Ts in the store's order as they are done, so memory holds a few jurisdictions, not the
/// store's. The first failure is rethrown in order.
template <class T, class Make, class Take>
void each_jurisdiction(const yoy_db_options& o, const std::vector<std::string>& names, const history_options& h,
                       const yoy_filter& filter, Make&& make, Take&& take) {
  const bool filtering = filter.with_growth || filter.stated;
  annals::detail::store_pool pool(o.db);
  annals::detail::ordered_parallel<jurisdiction_outcome<T>>(
      names.size(), annals::detail::worker_count(o.jobs, names.size()),
      [&](std::size_t i, annals::detail::reader_state&) {
        jurisdiction_outcome<T> r;
        try {
          auto conn = pool.take();
          std::vector<metric_history> mine;
          for (auto& m : metric_histories(*conn, names[i], h))
            if (!filtering || filter.shows_any(m)) mine.push_back(std::move(m));
          pool.give_back(std::move(conn));
          r.made = make(std::move(mine));
        } catch (...) {
          r.error = std::current_exception();
        }
        return r;
      },
      [&](std::size_t, jurisdiction_outcome<T>&& r) {
        if (r.error) std::rethrow_exception(r.error);
        take(std::move(r.made));
      });
}

/// The metrics of `mine` as elements of the "metrics" array of the json document, written as
/// nlohmann's dump(2) of the whole document writes them (an element at depth 2: four spaces).
std::string json_elements_of(const std::vector<metric_history>& mine, const yoy_filter& filter) {
  std::string out;
  for (const auto& element : nlohmann::json::parse(histories_to_json(mine, filter))) {
    if (!out.empty()) out += ",\n";
    out += "    ";
    for (const char c : element.dump(2)) {
      out += c;
      if (c == '\n') out += "    ";  // a newline only ever separates lines: strings escape theirs
    }
  }
  return out;
}

/// csv, jsonl, md and json of every jurisdiction (each_jurisdiction: formatted on the workers,
/// written in the store's order) through a stdout_spool (nothing of it on stdout when a
/// jurisdiction fails). The bytes are those of yoy_histories() of all at once (json: of the
/// document run_yoy_db builds for one jurisdiction, {"metrics": [...], "schema"}).
int stream_every_jurisdiction(const yoy_db_options& o, const store& db, const history_options& h,
                              const yoy_filter& filter) {
  annals::cli::spooled_stdout spooled;
  std::ostream& out = spooled.stream();
  const std::vector<std::string> names = jurisdiction_names(db);
  bool header = true;
  if (o.fmt == format::json) {
    out << "{\n  \"metrics\": [";
    each_jurisdiction<std::string>(
        o, names, h, filter, [&](std::vector<metric_history>&& mine) { return json_elements_of(mine, filter); },
        [&](std::string&& elements) {
          if (elements.empty()) return;  // no metric shown: nothing, not even a separator
          out << (header ? "\n" : ",\n") << elements;
          header = false;
        });
    out << (header ? "]" : "\n  ]") << ",\n  \"schema\": \"annals.yoy/1\"\n}\n";
  } else {
    each_jurisdiction<record_set>(
        o, names, h, filter, [&](std::vector<metric_history>&& mine) { return records_of(mine, filter); },
        [&](record_set&& records) {
          render_rows(out, records, o.fmt, o.bom, header);
          header = false;
        });
    if (header) render_rows(out, records_of({}, filter), o.fmt, o.bom, true);  // no jurisdiction: the header alone
  }
  spooled.commit();
  return 0;
}

/// The table of every jurisdiction (each_jurisdiction): the rows go in the store's order into a
/// spilled_text_table (a temporary file), so memory holds a few jurisdictions, not the store's
/// table; the bytes are those of the table of yoy_histories() of all at once, through the
/// stdout spool.
int table_of_every_jurisdiction(const yoy_db_options& o, const store& db, const history_options& h,
                                const yoy_filter& filter) {
  spilled_text_table t(std::vector<std::string>(table_header.begin(), table_header.end()), table_cell);
  table_counts counts;
  std::string last_j;
  const std::vector<std::string> names = jurisdiction_names(db);
  each_jurisdiction<std::vector<metric_history>>(
      o, names, h, filter, [](std::vector<metric_history>&& mine) { return std::move(mine); },
      [&](std::vector<metric_history>&& mine) {
        for (const auto& m : mine) add_table_rows(t, m, filter, names.size() > 1, last_j, counts);
      });
  annals::cli::spooled_stdout spooled;
  t.print(spooled.stream());
  print_table_counts(spooled.stream(), counts);
  spooled.commit();
  return 0;
}

}  // namespace

int run_yoy_db(const yoy_db_options& o, io& io) {
  const store db = annals::cli::open_store_read_only(o.db);
  history_options h;
  h.metric_contains = o.metric;
  const yoy_filter filter{o.with_growth, o.stated};
  if (o.jurisdiction.empty() &&
      (o.fmt == format::csv || o.fmt == format::jsonl || o.fmt == format::md || o.fmt == format::json)) {
    io.out.flush();
    return stream_every_jurisdiction(o, db, h, filter);
  }
  if (o.jurisdiction.empty() && o.fmt == format::table) {
    io.out.flush();
    return table_of_every_jurisdiction(o, db, h, filter);
  }
  const std::vector<metric_history> all = yoy_histories(db, o.jurisdiction, h, filter);
  if (o.fmt == format::json) {  // the metrics with their points, under the document's schema
    nlohmann::json doc;
    doc["schema"] = "annals.yoy/1";
    doc["metrics"] = nlohmann::json::parse(histories_to_json(all, filter));
    io.out << doc.dump(2) << "\n";
    return 0;
  }
  if (o.fmt != format::table) {
    render(io.out, records_of(all, filter), o.fmt, o.bom);
    return 0;
  }

  // a heading per jurisdiction when the store holds several and all are shown
  const bool several = o.jurisdiction.empty() && db.jurisdictions().size() > 1;
  text_table t(std::vector<std::string>(table_header.begin(), table_header.end()));
  table_counts counts;
  std::string last_j;
  for (const auto& m : all) add_table_rows(t, m, filter, several, last_j, counts);
  t.print(io.out, table_cell);
  print_table_counts(io.out, counts);
  return 0;
}

}  // namespace annals::cli
