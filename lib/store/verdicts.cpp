// annals::store: the tracker's verdicts. A verdict is keyed by (earlier, later, subject, ref,
// rubric) and never overwritten; a newer rubric adds rows beside the old ones.

#include <annals/store.hpp>

#include "store/store_detail.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace annals {

using namespace detail;

save_verdicts_result detail::sqlite_store::save_verdicts(report_id earlier, report_id later, std::string_view rubric,
                                          const std::vector<verdict_record>& verdicts) {
  sqlite_store& d = *this;
  if (rubric.empty()) throw usage_error(d.name + ": save_verdicts: empty rubric");
  if (earlier == later) throw usage_error(d.name + ": save_verdicts: a report compared with itself");
  for (const auto& v : verdicts) {
    const std::string what = d.name + ": save_verdicts: verdict '" + v.ref + "'";
    if (v.ref.empty()) throw usage_error(d.name + ": save_verdicts: a verdict has an empty ref");
    if (v.status.empty()) throw usage_error(what + " has an empty status");
    if (v.score && !(std::isfinite(*v.score) && *v.score >= 0.0 && *v.score <= 1.0))
      throw usage_error(what + " has a score outside 0..1");
    if (!nlohmann::json::accept(v.evidence_json)) throw usage_error(what + " has evidence that is not valid JSON");
  }
  const std::string rubric_text(rubric);
  return d.guarded([&] {
    d.set_foreign_keys(true);
    SQLite::Transaction tx(d.db, SQLite::TransactionBehavior::IMMEDIATE);
    for (const report_id id : {earlier, later})
      if (!d.report_exists(id))
        throw usage_error(d.name + ": save_verdicts: no report with id " + std::to_string(id.value));
    save_verdicts_result res;
    SQLite::Statement find(d.db,
                           "SELECT status FROM verdicts WHERE earlier_report = ?1 AND later_report = ?2 "
                           "AND subject = ?3 AND ref = ?4 AND rubric = ?5");
    SQLite::Statement add(d.db,
                          "INSERT INTO verdicts (earlier_report, later_report, subject, ref, label, status, score, "
                          "evidence, rubric) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    for (const auto& v : verdicts) {
      const std::string& subject = name_of(v.subject);
      bind_int(find, 1, earlier.value);
      bind_int(find, 2, later.value);
      bind_ref(find, 3, subject);
      bind_ref(find, 4, v.ref);
      bind_ref(find, 5, rubric_text);
      if (find.executeStep()) {
        if (text(find, 0) == v.status) ++res.unchanged;
        else ++res.conflicting;
        find.reset();
        continue;
      }
      find.reset();
      bind_int(add, 1, earlier.value);
      bind_int(add, 2, later.value);
      bind_ref(add, 3, subject);
      bind_ref(add, 4, v.ref);
      bind_ref(add, 5, v.label);
      bind_ref(add, 6, v.status);
      if (v.score) add.bind(7, *v.score);
      else add.bind(7);
      bind_ref(add, 8, v.evidence_json);
      bind_ref(add, 9, rubric_text);
      run(add);
      ++res.added;
    }
    tx.commit();
    return res;
  });
}

namespace {

std::vector<stored_verdict> read_verdicts(const std::string& db_name, SQLite::Statement& s) {
  std::vector<stored_verdict> out;
  while (s.executeStep()) {
    stored_verdict v;
    v.earlier = report_id{int64(s, 0)};
    v.later = report_id{int64(s, 1)};
    if (auto y = opt_int(s, 2)) v.earlier_year = report_year(*y);
    if (auto y = opt_int(s, 3)) v.later_year = report_year(*y);
    v.earlier_sha256 = text(s, 4);
    v.later_sha256 = text(s, 5);
    v.rubric = text(s, 6);
    const auto subject = from_string<verdict_subject>(text(s, 7));
    if (!subject) throw storage_error(db_name + ": stored verdict subject '" + text(s, 7) + "' is unknown");
    v.record.subject = *subject;
    v.record.ref = text(s, 8);
    v.record.label = text(s, 9);
    v.record.status = text(s, 10);
    if (!s.isColumnNull(11)) v.record.score = s.getColumn(11).getDouble();
    v.record.evidence_json = text(s, 12);
    v.recorded_at = text(s, 13);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

std::vector<stored_verdict> detail::sqlite_store::verdicts(report_id earlier, report_id later) const {
  const sqlite_store& d = *this;
  return d.guarded([&] {
    SQLite::Statement s(d.db,
                        "SELECT v.earlier_report, v.later_report, re.year, rl.year, re.sha256, rl.sha256, v.rubric, "
                        "v.subject, v.ref, v.label, v.status, v.score, v.evidence, v.recorded_at "
                        "FROM verdicts v JOIN reports re ON re.id = v.earlier_report "
                        "JOIN reports rl ON rl.id = v.later_report "
                        "WHERE v.earlier_report = ?1 AND v.later_report = ?2 "
                        "ORDER BY v.subject, v.ref, v.rubric");
    bind_int(s, 1, earlier.value);
    bind_int(s, 2, later.value);
    return read_verdicts(d.name, s);
  });
}

std::vector<std::pair<report_id, report_id>> detail::sqlite_store::verdict_pairs() const {
  const sqlite_store& d = *this;
  return d.guarded([&] {
    SQLite::Statement s(d.db,
                        "SELECT DISTINCT earlier_report, later_report FROM verdicts "
                        "ORDER BY earlier_report, later_report");
    std::vector<std::pair<report_id, report_id>> out;
    while (s.executeStep())
      out.emplace_back(report_id{s.getColumn(0).getInt64()}, report_id{s.getColumn(1).getInt64()});
    return out;
  });
}

std::vector<stored_verdict> detail::sqlite_store::verdict_history(std::string_view jurisdiction) const {
  const sqlite_store& d = *this;
  const std::string j(jurisdiction);
  return d.guarded([&] {
    SQLite::Statement s(d.db,
                        "SELECT v.earlier_report, v.later_report, re.year, rl.year, re.sha256, rl.sha256, v.rubric, "
                        "v.subject, v.ref, v.label, v.status, v.score, v.evidence, v.recorded_at "
                        "FROM jurisdictions j JOIN reports rl ON rl.jurisdiction_id = j.id "
                        "JOIN verdicts v ON v.later_report = rl.id "
                        "JOIN reports re ON re.id = v.earlier_report "
                        "WHERE j.name = ?1 AND rl.current = 1 AND re.current = 1 "
                        "ORDER BY rl.year, re.year, v.subject, v.ref, v.rubric");
    bind_ref(s, 1, j);
    return read_verdicts(d.name, s);
  });
}

}  // namespace annals
