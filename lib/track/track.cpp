// track(): the earlier report's (or plan's) commitments and figures against the later report.

#include "track_detail.hpp"

#include <algorithm>
#include <map>

namespace annals {

std::string_view to_string(track_status s) noexcept {
  switch (s) {
    case track_status::fulfilled: return "fulfilled";
    case track_status::carried_over: return "carried_over";
    case track_status::in_progress: return "in_progress";
    case track_status::not_reported: return "not_reported";
    case track_status::persisting: return "persisting";
    case track_status::addressed: return "addressed";
  }
  return "not_reported";
}

std::string_view to_string(part_state s) noexcept {
  switch (s) {
    case part_state::done: return "done";
    case part_state::progress: return "progress";
    case part_state::mentioned: return "mentioned";
    case part_state::none: return "none";
  }
  return "none";
}

bool tracking::has_inconsistency() const noexcept {
  for (const auto& m : metrics)
    if (m.verdict == metric_verdict::inconsistent) return true;
  for (const auto& s : streaks)
    if (s.verdict == metric_verdict::inconsistent) return true;
  for (const auto& f : from_to)
    if (f.verdict == metric_verdict::inconsistent) return true;
  for (const auto& p : parts)
    if (p.verdict == metric_verdict::inconsistent) return true;
  for (const auto& f : plan_findings)
    if (f.code == "group_count_mismatch" || f.code == "task_count_mismatch") return true;
  return false;
}

namespace {

using namespace detail;

tracked_identity identity_of(const report& r) {
  tracked_identity id;
  id.kind = tracked_kind::report;
  id.name = r.source.name;
  id.sha256 = r.source.sha256;
  id.jurisdiction = r.meta.jurisdiction;
  if (r.meta.year) id.year = r.meta.year->value();
  return id;
}

void add_sentences(weights& w, const document& d) {
  for (const auto& s : d.sentences) w.add_document(bigrams(d.view({s.start, s.end})));
}

void check_jurisdictions(const std::optional<std::string>& a, const std::optional<std::string>& b,
                         const track_options& options, tracking& t) {
  if (!a || !b || *a == *b) return;
  const std::string m = "reports of different jurisdictions: " + *a + " and " + *b;
  if (!options.allow_other_jurisdiction) throw usage_error("track: " + m);
  t.warnings.push_back(m);
}

/// The earlier report's outlook (next steps, plan counts, problems), each rated against the later
/// report's text.
void rate_outlook(const report& earlier, const document& ed, const document& ld, tracking& t) {
  weights w;
  add_sentences(w, ed);
  add_sentences(w, ld);
  w.finish();
  const region body = body_region(ld), next = next_step_region(ld), problems = problem_region(ld);
  const rating_input in{&ld, &w, &body, &next, &problems};
  for (const auto& c : outlook_commitments(earlier, ed)) {
    switch (c.kind) {
      case commitment_kind::next_step: t.commitments.push_back(rate_commitment(c, std::nullopt, in)); break;
      case commitment_kind::plan: t.commitments.push_back(rate_plan_count(c, in)); break;
      case commitment_kind::problem: t.commitments.push_back(rate_problem(c, in)); break;
      case commitment_kind::target: break;
    }
  }
  if (ld.next_steps.empty()) t.warnings.push_back("the later report has no 下一步 section: nothing can be carried over");
}

}  // namespace

/// A prepared report's parts: the report, its segmented text, its figures. The two views hold
/// references to the report and the document, so the parts stay where they were built (on the
/// heap, behind prepared_report's pointer).
struct detail::prepared_parts {
  /// Owning `from` (prepared_report).
  explicit prepared_parts(report from) : owned(std::move(from)), r(*owned), d(segment(r)), figures(r, d) {}
  /// Borrowing `from`, which must outlive the parts (track() of two plain reports).
  explicit prepared_parts(const report* from) : r(*from), d(segment(r)), figures(r, d) {}
  prepared_parts(const prepared_parts&) = delete;
  prepared_parts& operator=(const prepared_parts&) = delete;

  std::optional<report> owned;
  const report& r;
  document d;
  figure_views figures;
};

prepared_report::prepared_report(report r) : parts_(std::make_unique<detail::prepared_parts>(std::move(r))) {}
prepared_report::~prepared_report() = default;
prepared_report::prepared_report(prepared_report&&) noexcept = default;
prepared_report& prepared_report::operator=(prepared_report&&) noexcept = default;
const report& prepared_report::get() const noexcept { return parts_->r; }

namespace {

tracking track_parts(const detail::prepared_parts& e, const detail::prepared_parts& l, const track_options& options) {
  const report& earlier = e.r;
  const report& later = l.r;
  if (later.text.empty()) throw input_error("track: the later report has no text");
  if (earlier.text.empty()) throw input_error("track: the earlier report has no text");
  tracking t;
  t.earlier = identity_of(earlier);
  t.later = identity_of(later);
  check_jurisdictions(earlier.meta.jurisdiction, later.meta.jurisdiction, options, t);
  if (earlier.meta.year && later.meta.year && !(*earlier.meta.year < *later.meta.year))
    throw usage_error("track: the earlier report (" + std::to_string(earlier.meta.year->value()) +
                      ") is not before the later report (" + std::to_string(later.meta.year->value()) + ")");
  if (!earlier.meta.year || !later.meta.year)
    t.warnings.push_back("a report's year is unknown: streaks assume one year between them");
  if (!earlier.meta.jurisdiction || !later.meta.jurisdiction)
    t.warnings.push_back("a report's jurisdiction is unknown: cannot check that both are the same place");

  const document& ed = e.d;
  const document& ld = l.d;
  if (options.rate_commitments) rate_outlook(earlier, ed, ld, t);

  const figure_views& ef = e.figures;
  const figure_views& lf = l.figures;
  figure_input fi{&earlier, &later, &ed, &ld, &options, &ef, &lf};
  compare_figures(fi, t);
  check_parts(ef, which_report::earlier, t);
  check_parts(lf, which_report::later, t);
  t.implied_priors = implied_priors_of(later, ld);
  report_targets(ef, lf, options, t);
  return t;
}

}  // namespace

tracking track(const prepared_report& earlier, const prepared_report& later, const track_options& options) {
  return track_parts(earlier.parts(), later.parts(), options);
}

tracking track(const report& earlier, const report& later, const track_options& options) {
  return track_parts(detail::prepared_parts(&earlier), detail::prepared_parts(&later), options);
}

tracking track(const plan& p, const report& later, const track_options& options) {
  if (p.tasks.empty()) throw input_error("track: the plan " + p.name + " has no tasks");
  if (later.text.empty()) throw input_error("track: the report has no text");
  tracking t;
  t.earlier.kind = tracked_kind::plan;
  t.earlier.name = p.name;
  t.earlier.sha256 = p.sha256;
  t.earlier.jurisdiction = p.jurisdiction;
  if (p.year) t.earlier.year = p.year->value();
  t.later = identity_of(later);
  check_jurisdictions(p.jurisdiction, later.meta.jurisdiction, options, t);
  if (p.year && later.meta.year && *later.meta.year < *p.year)
    throw usage_error("track: the plan (" + std::to_string(p.year->value()) + ") is later than the report (" +
                      std::to_string(later.meta.year->value()) + ")");

  const document ld = segment(later);
  weights w;
  add_sentences(w, ld);
  for (const auto& task : p.tasks) w.add_document(bigrams(decode(task.text)));
  w.finish();
  const region body = body_region(ld), next = next_step_region(ld), problems = problem_region(ld);
  const rating_input in{&ld, &w, &body, &next, &problems};
  for (const auto& task : p.tasks) {
    commitment c;
    c.id = task.id;
    c.kind = commitment_kind::plan;
    c.text = task.text;
    t.commitments.push_back(rate_commitment(c, task.group, in));
  }
  t.plan_findings = check_plan_counts(p, later);
  const figure_views lf(later, ld);
  figure_input fi{nullptr, &later, nullptr, &ld, &options, nullptr, &lf};
  compare_figures(fi, t);
  check_parts(lf, which_report::later, t);
  t.implied_priors = implied_priors_of(later, ld);
  plan_targets(p, lf, options, t);
  return t;
}

std::vector<implied_prior> implied_priors(const report& r) {
  const document d = segment(r);
  return implied_priors_of(r, d);
}

std::vector<timeline_thread> build_timeline(std::vector<timeline_entry> entries) {
  std::stable_sort(entries.begin(), entries.end(), [](const timeline_entry& a, const timeline_entry& b) {
    if (a.earlier_year != b.earlier_year) return a.earlier_year < b.earlier_year;
    return a.later_year < b.later_year;
  });
  std::vector<timeline_thread> threads;
  std::map<std::pair<int, std::string>, std::size_t> continues;  // (year, commitment) → thread
  for (auto& e : entries) {
    std::size_t at = threads.size();
    auto it = continues.find({e.earlier_year, e.commitment});
    if (it != continues.end()) {
      at = it->second;
      continues.erase(it);
    } else {
      timeline_thread th;
      th.title = e.title.empty() ? e.text : e.title;
      th.kind = e.kind;
      threads.push_back(std::move(th));
    }
    const bool links = (e.status == track_status::carried_over || e.status == track_status::persisting) &&
                       e.carried_into && !e.carried_into->empty();
    if (links) continues.emplace(std::make_pair(e.later_year, *e.carried_into), at);
    threads[at].steps.push_back(std::move(e));
  }
  return threads;
}

}  // namespace annals
