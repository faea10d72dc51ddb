// copy_store (store_copy.hpp): a store moved to another file or backend through the public
// store interface only, so any pair of backends works, and checked afterwards.

#include <annals/csv.hpp>
#include <annals/error.hpp>
#include <annals/report_json.hpp>
#include <annals/store_copy.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace annals {

namespace {

[[noreturn]] void differs(const store& to, const std::string& what) {
  throw storage_error(to.path().string() + ": copy: verification failed: " + what);
}

std::string short_sha(const std::string& sha) { return sha.substr(0, 12) + "…"; }

/// The user's own mappings (import_catalogue), as the CSV import_catalogue reads.
std::size_t copy_mappings(const store& from, store& to, std::map<std::string, std::string>& user) {
  std::string csv = "alias,metric\n";
  for (const catalogue_entry& e : from.catalogue()) {
    if (!e.user_defined) continue;
    append_csv_field(csv, e.alias);
    csv += ',';
    append_csv_field(csv, e.metric);
    csv += '\n';
    user.emplace(e.alias, e.metric);
  }
  if (user.empty()) return 0;
  std::istringstream in(csv);
  (void)to.import_catalogue(in, from.path().string() + " (catalogue)");
  return user.size();
}

/// The destination's id of every source report, by the source's id.
using id_map = std::map<report_id, report_id>;

void copy_reports(const store& from, store& to, const copy_options& options, copy_result& r, id_map& ids) {
  const std::vector<report_summary> all = from.reports();  // by year, then id
  std::vector<const report_summary*> by_id;
  by_id.reserve(all.size());
  for (const auto& s : all) by_id.push_back(&s);
  std::sort(by_id.begin(), by_id.end(), [](const auto* a, const auto* b) { return a->id < b->id; });
  r.reports = by_id.size();
  for (std::size_t i = 0; i < by_id.size(); ++i) {
    const report_summary& s = *by_id[i];
    const ingest_result done = to.ingest(from.load_report(s.id));
    (done.status == ingest_status::added ? r.reports_added : r.reports_present) += 1;
    r.facts += s.facts;
    ids.emplace(s.id, done.id);
    if (options.progress) options.progress->copied(i, by_id.size(), s);
  }
}

void copy_verdicts(const store& from, store& to, const id_map& ids, copy_result& r) {
  for (const auto& [earlier, later] : from.verdict_pairs()) {
    // one save per rubric: a verdict's key includes its rubric
    std::map<std::string, std::vector<verdict_record>> by_rubric;
    for (stored_verdict& v : from.verdicts(earlier, later)) by_rubric[v.rubric].push_back(std::move(v.record));
    for (const auto& [rubric, records] : by_rubric) {
      const save_verdicts_result saved = to.save_verdicts(ids.at(earlier), ids.at(later), rubric, records);
      r.verdicts += records.size();
      r.verdicts_added += saved.added;
      r.verdicts_present += saved.unchanged;
      if (saved.conflicting > 0)
        differs(to, std::to_string(saved.conflicting) + " verdict(s) of reports " + std::to_string(earlier.value) +
                        " → " + std::to_string(later.value) + " (" + rubric +
                        ") are stored in the destination with another status");
    }
  }
}

void verify_reports(const store& from, const store& to, const id_map& ids) {
  std::map<report_id, bool> current;
  for (const report_summary& s : to.reports()) current.emplace(s.id, s.current);
  for (const report_summary& s : from.reports()) {
    const report_id there = ids.at(s.id);
    const auto found = to.find(s.sha256);
    if (!found || *found != there) differs(to, "report " + short_sha(s.sha256) + " is not in the destination");
    if (to_json(from.load_report(s.id), -1) != to_json(to.load_report(there), -1))
      differs(to, "report " + short_sha(s.sha256) + " (" + s.source_name + ") reads back differently");
    const auto c = current.find(there);
    if (c == current.end() || c->second != s.current)
      differs(to, "report " + short_sha(s.sha256) + " is " + (s.current ? "not " : "") +
                      "the current one of its year in the destination");
  }
}

/// A verdict as compared: evidence as parsed JSON (a server may store it normalised).
auto verdict_key(const stored_verdict& v) {
  return std::make_tuple(v.rubric, static_cast<int>(v.record.subject), v.record.ref, v.record.label, v.record.status,
                         v.record.score, nlohmann::json::parse(v.record.evidence_json));
}

void verify_verdicts(const store& from, const store& to, const id_map& ids) {
  for (const auto& [earlier, later] : from.verdict_pairs()) {
    auto a = from.verdicts(earlier, later);
    auto b = to.verdicts(ids.at(earlier), ids.at(later));
    std::vector<decltype(verdict_key(a.front()))> ka, kb;
    for (const auto& v : a) ka.push_back(verdict_key(v));
    for (const auto& v : b) kb.push_back(verdict_key(v));
    std::sort(ka.begin(), ka.end());
    std::sort(kb.begin(), kb.end());
    // the destination may hold more verdicts of the pair (it was not empty), never fewer
    if (!std::includes(kb.begin(), kb.end(), ka.begin(), ka.end()))
      differs(to, "the verdicts of reports " + std::to_string(earlier.value) + " → " + std::to_string(later.value) +
                      " differ in the destination");
  }
}

void verify_mappings(const store& to, const std::map<std::string, std::string>& user) {
  std::size_t seen = 0;
  for (const catalogue_entry& e : to.catalogue()) {
    const auto u = user.find(e.alias);
    if (u == user.end()) continue;
    ++seen;
    if (u->second != e.metric || !e.user_defined)
      differs(to, "the catalogue maps '" + e.alias + "' to '" + e.metric + "', the source to '" + u->second + "'");
  }
  if (seen != user.size()) differs(to, "the catalogue lacks " + std::to_string(user.size() - seen) + " mapping(s)");
}

}  // namespace

copy_result copy_store(const store& from, store& to, const copy_options& options) {
  if (!to.writable()) throw usage_error(to.path().string() + ": copy: the destination is not writable");
  copy_result r;
  std::map<std::string, std::string> user;
  id_map ids;
  r.aliases = copy_mappings(from, to, user);
  copy_reports(from, to, options, r, ids);
  copy_verdicts(from, to, ids, r);
  verify_mappings(to, user);
  verify_reports(from, to, ids);
  verify_verdicts(from, to, ids);
  return r;
}

}  // namespace annals
