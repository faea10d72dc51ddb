// stored_timeline(): each commitment of a jurisdiction across the years the store holds, its
// verdicts saved in the store and read back (what `annals timeline` prints).

#include <annals/analyze.hpp>
#include <annals/error.hpp>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace annals {

namespace {

struct tracked_pair {
  report_id earlier, later;
  int earlier_year = 0, later_year = 0;
  tracking result;
};

/// Tracks every consecutive pair of years (consecutive in the store, not necessarily in the calendar).
std::vector<tracked_pair> track_consecutive(const store& db, const std::vector<report_summary>& by_year) {
  const track_options options = track_options_from(db);
  std::vector<tracked_pair> out;
  std::optional<prepared_report> prev;  // the later report of the pair before: read and prepared once
  for (std::size_t i = 0; i + 1 < by_year.size(); ++i) {
    const auto& a = by_year[i];
    const auto& b = by_year[i + 1];
    tracked_pair p{a.id, b.id, a.year->value(), b.year->value(), {}};
    prepared_report earlier = prev ? std::move(*prev) : prepared_report(db.load_report(p.earlier));
    prepared_report later(db.load_report(p.later));
    p.result = track(earlier, later, options);
    out.push_back(std::move(p));
    prev = std::move(later);
  }
  return out;
}

/// Saves each pair's verdicts; a pair whose stored verdicts differ is noted (they are kept).
void save_pairs(store& db, const std::vector<tracked_pair>& tracked, stored_timeline_notes& notes) {
  for (const auto& p : tracked) {
    const auto saved = db.save_verdicts(p.earlier, p.later, track_rubric, verdict_rows(p.result));
    if (saved.conflicting > 0) notes.conflicts.push_back({p.earlier_year, p.later_year, saved.conflicting});
  }
}

/// The commitment verdicts the store holds for the tracked pairs: this rubric's, else the newest
/// other rubric's, as timeline entries.
std::vector<timeline_entry> stored_entries(const store& db, std::string_view jurisdiction,
                                           const std::vector<tracked_pair>& tracked) {
  std::set<std::pair<std::int64_t, std::int64_t>> wanted;
  for (const auto& p : tracked) wanted.insert({p.earlier.value, p.later.value});
  std::map<std::tuple<std::int64_t, std::int64_t, std::string>, const stored_verdict*> chosen;
  const auto history = db.verdict_history(jurisdiction);
  for (const auto& v : history) {
    if (v.record.subject != verdict_subject::commitment) continue;
    if (!wanted.count({v.earlier.value, v.later.value})) continue;
    auto& slot = chosen[{v.earlier.value, v.later.value, v.record.ref}];
    const bool better =
        !slot || (v.rubric == track_rubric) || (slot->rubric != track_rubric && v.rubric > slot->rubric);
    if (better) slot = &v;
  }
  std::vector<timeline_entry> entries;
  for (const auto& [key, v] : chosen)
    entries.push_back(timeline_entry_from_row(v->earlier_year ? v->earlier_year->value() : 0,
                                              v->later_year ? v->later_year->value() : 0, v->rubric, v->record));
  return entries;
}

/// Each pair's commitments in the earlier report's order (then by id).
void order_entries(std::vector<timeline_entry>& entries, const std::vector<tracked_pair>& tracked) {
  std::map<std::pair<int, std::string>, std::size_t> order;
  for (const auto& p : tracked)
    for (std::size_t i = 0; i < p.result.commitments.size(); ++i)
      order.emplace(std::make_pair(p.earlier_year, p.result.commitments[i].earlier), i);
  std::stable_sort(entries.begin(), entries.end(), [&](const timeline_entry& a, const timeline_entry& b) {
    if (a.earlier_year != b.earlier_year) return a.earlier_year < b.earlier_year;
    const auto ia = order.find({a.earlier_year, a.commitment}), ib = order.find({b.earlier_year, b.commitment});
    const std::size_t ka = ia == order.end() ? SIZE_MAX : ia->second, kb = ib == order.end() ? SIZE_MAX : ib->second;
    if (ka != kb) return ka < kb;
    return a.commitment < b.commitment;
  });
}

}  // namespace

stored_timeline_result stored_timeline(store& db, std::string_view jurisdiction, bool save) {
  const yearly_reports reports = db.yearly(jurisdiction);
  if (reports.empty())
    throw usage_error("timeline: no reports of " + std::string(jurisdiction) + " in " + db.path().string());
  stored_timeline_result out;
  out.notes.without_year = reports.without_year;

  // track every consecutive pair first: a failure leaves the store untouched
  const std::vector<tracked_pair> tracked = track_consecutive(db, reports.by_year);
  out.notes.fewer_than_two_years = tracked.empty();

  std::vector<timeline_entry> entries;
  if (save) {
    save_pairs(db, tracked, out.notes);
    entries = stored_entries(db, jurisdiction, tracked);
  } else {
    for (const auto& p : tracked)
      for (auto& row : verdict_rows(p.result))
        if (row.subject == verdict_subject::commitment)
          entries.push_back(timeline_entry_from_row(p.earlier_year, p.later_year, p.result.rubric, row));
  }
  order_entries(entries, tracked);
  out.threads = build_timeline(std::move(entries));
  return out;
}

}  // namespace annals
