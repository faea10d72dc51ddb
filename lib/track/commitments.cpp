// Rating commitments (next steps, plan tasks, plan counts) and problems of an earlier report
// against a later one, rubric annals-track/1 (docs/tracking.md).

#include "track_detail.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace annals::detail {

// ---- region index ----------------------------------------------------------------------------

void region::add(const document& d, text_span span, std::size_t group, const std::string& owner_id) {
  units.push_back(span);
  groups.push_back(group);
  owners.push_back(owner_id);
  auto v = d.view(span);
  grams.push_back(bigrams(v));
  cues.push_back(cue_of(v));
  const auto idx = static_cast<std::uint32_t>(units.size() - 1);
  for (auto b : grams.back()) index[b].push_back(idx);
}

region body_region(const document& d) {
  region r;
  for (const auto& c : d.clauses)
    if (c.end <= d.outlook_start) r.add(d, {c.start, c.end}, c.sentence, {});
  return r;
}

region next_step_region(const document& d) {
  region r;
  for (std::size_t u = 0; u < d.next_steps.size(); ++u) {
    const auto& unit = d.next_steps[u];
    for (const auto& c : d.clauses) {
      // a clause that begins with the unit's marker (一是严格落实…, where the unit starts after
      // 一是) or runs past its end belongs to it, clipped to the unit
      const std::size_t b = std::max(c.start, unit.span.start), e = std::min(c.end, unit.span.end);
      if (e <= b || han_count(d.view({b, e})) < 2) continue;
      // windows never cross a sentence or a unit
      r.add(d, {b, e}, c.sentence * 64 + u % 64, unit.id);
    }
  }
  return r;
}

region problem_region(const document& d) {
  region r;
  for (std::size_t u = 0; u < d.problems.size(); ++u) r.add(d, d.problems[u].span, u, d.problems[u].id);
  return r;
}

namespace {

bool has(const std::vector<bigram>& sorted, bigram b) { return std::binary_search(sorted.begin(), sorted.end(), b); }

}  // namespace

match_result best_match(const std::vector<bigram>& part, const weights& w, const region& r) {
  match_result best;
  if (part.empty() || r.units.empty()) return best;
  double total = 0;
  std::vector<double> pw(part.size());
  for (std::size_t i = 0; i < part.size(); ++i) total += pw[i] = w.weight(part[i]);
  if (total <= 0) return best;
  // clauses that share at least one bigram with the part
  std::vector<std::uint32_t> touched;
  for (auto b : part) {
    auto it = r.index.find(b);
    if (it != r.index.end()) touched.insert(touched.end(), it->second.begin(), it->second.end());
  }
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  std::vector<std::pair<std::size_t, std::size_t>> windows;  // [first, last]
  for (auto t : touched) {
    for (std::size_t len = 1; len <= max_window; ++len) {
      for (std::size_t k = 0; k < len; ++k) {
        if (t < k) break;
        const std::size_t first = t - k, last = first + len - 1;
        if (last >= r.units.size()) continue;
        if (r.groups[first] != r.groups[last]) continue;
        windows.emplace_back(first, last);
      }
    }
  }
  std::sort(windows.begin(), windows.end());
  windows.erase(std::unique(windows.begin(), windows.end()), windows.end());

  double best_adjusted = -1;
  match_result best_cue;  // the best window that carries a work or completion cue
  double best_cue_adjusted = -1;
  std::vector<double> contrib;
  for (auto [first, last] : windows) {
    contrib.assign(last - first + 1, 0.0);
    double matched = 0;
    for (std::size_t i = 0; i < part.size(); ++i) {
      for (std::size_t u = first; u <= last; ++u) {
        if (has(r.grams[u], part[i])) {
          contrib[u - first] += pw[i];
          matched += pw[i];
          break;
        }
      }
    }
    if (matched <= 0) continue;
    // the state of the clauses that carry the match (≥ 30% of it each)
    bool all_done = true, any_work = false;
    for (std::size_t u = first; u <= last; ++u) {
      if (contrib[u - first] < 0.3 * matched) continue;
      const auto s = r.cues[u];
      if (s != part_state::done) all_done = false;
      if (s == part_state::done || s == part_state::progress) any_work = true;
    }
    const part_state state = all_done ? part_state::done : (any_work ? part_state::progress : part_state::mentioned);
    const double score = matched / total;
    const double adjusted = score - window_penalty * static_cast<double>(last - first);
    const text_span span{r.units[first].start, r.units[last].end};
    if (adjusted > best_adjusted + 1e-12) {
      best_adjusted = adjusted;
      best = {score, span, state, r.owners[first], first};
    }
    if (state != part_state::mentioned && adjusted > best_cue_adjusted + 1e-12) {
      best_cue_adjusted = adjusted;
      best_cue = {score, span, state, r.owners[first], first};
    }
  }
  // a bare mention does not hide a passage that describes work on the same content
  if (best.state == part_state::mentioned && best_cue.score >= match_threshold) return best_cue;
  return best;
}

// ---- parts --------------------------------------------------------------------------------

namespace {

std::size_t skip_marker(std::u32string_view t) {
  std::size_t i = 0;
  while (i < t.size() && (t[i] == U' ' || t[i] == 0x3000)) ++i;
  static constexpr std::u32string_view digits = U"一二三四五六七八九十";
  std::size_t j = i;
  while (j < t.size() && digits.find(t[j]) != std::u32string_view::npos && j - i < 2) ++j;
  if (j > i && j < t.size() && (t[j] == U'是' || t[j] == U'要')) return j + 1;
  return i;
}

}  // namespace

std::vector<std::u32string> commitment_parts(const commitment& c) {
  std::u32string t = decode(c.text.empty() ? c.title : c.text);
  std::size_t from = skip_marker(t);
  const std::u32string title = decode(c.title);
  if (!title.empty() && t.size() >= from + title.size() && t.compare(from, title.size(), title) == 0 &&
      t.size() > from + title.size()) {
    from += title.size();
  }
  std::vector<sentence> ss;
  std::vector<clause> cs;
  split(t, from, t.size(), ss, cs);
  std::vector<std::u32string> parts;
  std::vector<std::size_t> part_sentence;
  std::u32string pending;
  for (const auto& cl : cs) {
    std::u32string text = t.substr(cl.start, cl.end - cl.start);
    if (!pending.empty()) {
      text = pending + U"，" + text;
      pending.clear();
    }
    if (han_count(text) < min_part_han) {
      if (!parts.empty() && part_sentence.back() == cl.sentence) {
        parts.back() += U"，" + text;
      } else {
        pending = text;
      }
      continue;
    }
    parts.push_back(std::move(text));
    part_sentence.push_back(cl.sentence);
  }
  if (!pending.empty()) {
    if (!parts.empty()) {
      parts.back() += U"，" + pending;
    } else {
      parts.push_back(pending);
    }
  }
  parts.erase(std::remove_if(parts.begin(), parts.end(), [](const auto& p) { return han_count(p) < 2; }),
              parts.end());
  if (parts.empty() && !title.empty() && han_count(title) >= 2) parts.push_back(title);
  return parts;
}

// ---- rating --------------------------------------------------------------------------------

namespace {

void add_evidence(commitment_verdict& v, const document& d, text_span s) {
  for (const auto& e : v.evidence)
    if (e.span == s) return;
  v.evidence.push_back({d.utf8(s), s});
}

void sort_evidence(commitment_verdict& v) {
  std::sort(v.evidence.begin(), v.evidence.end(), [](const evidence_span& a, const evidence_span& b) {
    return a.span.start != b.span.start ? a.span.start < b.span.start : a.span.end < b.span.end;
  });
}

double clamp01(double x) { return std::min(1.0, std::max(0.0, x)); }

commitment_verdict base_verdict(const commitment& c) {
  commitment_verdict v;
  v.earlier = c.id;
  v.kind = c.kind;
  v.ordinal = c.ordinal;
  v.title = c.title;
  v.text = c.text;
  return v;
}

}  // namespace

namespace {

/// A passage that is a section heading line (五、强化行政权力制约监督，依法化解社会矛盾纠纷): the same
/// headings come back every year, so a title matching one says nothing about the work done.
bool is_section_heading(const document& d, text_span span) {
  const std::u32string_view all(d.text);
  std::size_t b = std::min(span.start, all.size());
  while (b > 0 && all[b - 1] != U'\n') --b;
  std::size_t e = b;
  while (e < all.size() && all[e] != U'\n') ++e;
  if (e - b > 60) return false;
  std::size_t k = b;
  while (k < e && (all[k] == U' ' || all[k] == U'\u3000')) ++k;
  const std::size_t numerals = k;
  static constexpr std::u32string_view cn = U"一二三四五六七八九十";
  while (k < e && cn.find(all[k]) != std::u32string_view::npos) ++k;
  return k > numerals && k < e && (all[k] == U'、' || all[k] == U'.' || all[k] == U'．');
}

/// When no detail of a direction is matched, its title still says what it is about: a later
/// heading or passage on the same subject that describes work (法治化营商环境持续优化 for
/// 持续优化法治化营商环境), or a later next step that promises it again, rates it as in_progress or
/// carried_over with that passage as evidence. Titles that are only boilerplate rate nothing.
void rate_by_title(commitment_verdict& v, const commitment& c, const rating_input& in) {
  if (c.title.empty()) return;
  const auto grams = bigrams(decode(c.title));
  if (grams.size() < 3 || !in.w->has_content(grams)) return;
  const auto& d = *in.later;
  const auto next = best_match(grams, *in.w, *in.next);
  if (next.score >= match_threshold) {
    v.status = track_status::carried_over;
    v.score = next.score;
    v.carried_into = next.owner;
    add_evidence(v, d, next.span);
    return;
  }
  const auto body = best_match(grams, *in.w, *in.body);
  if (body.score >= match_threshold && (body.state == part_state::done || body.state == part_state::progress) &&
      !is_section_heading(d, body.span)) {
    v.status = track_status::in_progress;
    v.score = body.score;
    add_evidence(v, d, body.span);
  }
}

/// One part of a commitment with its weight and its best matches in the later report.
struct scored_part {
  std::vector<bigram> grams;
  double weight;
  match_result body, next;
};

/// The status from the shares of the parts done, carried over and worked on (in that order of
/// precedence), with the evidence of that status; else the title alone decides (not_reported).
void decide_status(commitment_verdict& v, const std::vector<scored_part>& parts,
                   const std::map<std::string, double>& carried_by, const commitment& c, const rating_input& in) {
  const auto& d = *in.later;
  double body_score = 0, next_score = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    body_score += v.parts[i].weight * clamp01(parts[i].body.score);
    next_score += v.parts[i].weight * clamp01(parts[i].next.score);
  }
  constexpr double eps = 1e-9;
  if (v.done_share + eps >= fulfilled_share) {
    v.status = track_status::fulfilled;
    v.score = body_score;
    for (const auto& p : parts)
      if (p.body.score >= match_threshold && p.body.state == part_state::done) add_evidence(v, d, p.body.span);
  } else if (v.carried_share + eps >= carried_share_min) {
    v.status = track_status::carried_over;
    v.score = next_score;
    for (const auto& p : parts)
      if (p.next.score >= match_threshold) add_evidence(v, d, p.next.span);
    double best = -1;
    for (const auto& [id, share] : carried_by) {
      if (share > best + eps && !id.empty()) {
        best = share;
        v.carried_into = id;
      }
    }
  } else if (v.worked_share + eps >= worked_share_min) {
    v.status = track_status::in_progress;
    v.score = body_score;
    for (const auto& p : parts)
      if (p.body.score >= match_threshold &&
          (p.body.state == part_state::done || p.body.state == part_state::progress))
        add_evidence(v, d, p.body.span);
  } else {
    v.status = track_status::not_reported;
    v.score = std::max(body_score, next_score);
    rate_by_title(v, c, in);
  }
}

}  // namespace

commitment_verdict rate_commitment(const commitment& c, const std::optional<std::string>& group,
                                   const rating_input& in) {
  commitment_verdict v = base_verdict(c);
  v.group = group;
  const auto& d = *in.later;
  const auto& w = *in.w;
  const auto texts = commitment_parts(c);
  std::vector<scored_part> parts;
  double total = 0;
  for (const auto& t : texts) {
    auto g = bigrams(t);
    const double wt = w.total(g);
    if (wt <= 0 || !w.has_content(g)) continue;  // nothing but boilerplate: says nothing to match
    parts.push_back({std::move(g), wt, {}, {}});
    total += wt;
    commitment_part p;
    p.text = encode(t);
    v.parts.push_back(std::move(p));
  }
  if (parts.empty() || total <= 0) return v;
  std::map<std::string, double> carried_by;  // later next-step id → carried weight (ordered)
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto& p = parts[i];
    p.body = best_match(p.grams, w, *in.body);
    p.next = best_match(p.grams, w, *in.next);
    auto& out = v.parts[i];
    out.weight = p.weight / total;
    out.score = clamp01(p.body.score);
    if (p.body.score >= match_threshold) {
      out.state = p.body.state;
      out.where = evidence_span{d.utf8(p.body.span), p.body.span};
    }
    out.carried = p.next.score >= match_threshold;
    if (out.state == part_state::done) v.done_share += out.weight;
    if (out.state == part_state::done || out.state == part_state::progress) v.worked_share += out.weight;
    if (out.carried) {
      v.carried_share += out.weight;
      carried_by[p.next.owner] += out.weight;
    }
  }
  decide_status(v, parts, carried_by, c, in);
  v.score = clamp01(v.score);
  sort_evidence(v);
  return v;
}

namespace {

/// The problem itself, without the hedges around it: a leading 部分/个别/少数/一些 (部分县（市、区）…
/// 推进不平衡) and a trailing 的问题…存在 (X的问题在一些领域依然存在), which the later report words
/// differently (…之间…仍不平衡; 开展X问题专项整治).
std::u32string problem_core(std::u32string t) {
  for (std::u32string_view w : {U"部分", U"个别", U"少数", U"一些"})
    if (t.size() > w.size() + 4 && std::u32string_view(t).substr(0, w.size()) == w) {
      t.erase(0, w.size());
      break;
    }
  const auto p = t.find(U"的问题");
  if (p != std::u32string::npos && p >= 4 && t.find(U"存在", p) != std::u32string::npos) t.resize(p);
  return t;
}

}  // namespace

commitment_verdict rate_problem(const commitment& c, const rating_input& in) {
  commitment_verdict v = base_verdict(c);
  const auto& d = *in.later;
  const auto grams = bigrams(problem_core(decode(c.text.empty() ? c.title : c.text)));
  if (!in.w->has_content(grams)) return v;
  const auto again = best_match(grams, *in.w, *in.problems);
  const auto body = best_match(grams, *in.w, *in.body);
  if (again.score >= match_threshold) {
    v.status = track_status::persisting;
    v.score = again.score;
    v.carried_into = again.owner;
    add_evidence(v, d, again.span);
  } else if (body.score >= match_threshold &&
             (body.state == part_state::done || body.state == part_state::progress)) {
    v.status = track_status::addressed;
    v.score = body.score;
    add_evidence(v, d, body.span);
  } else {
    v.status = track_status::not_reported;
    v.score = std::max(again.score, body.score);
  }
  v.score = clamp01(v.score);
  return v;
}

/// 印发《2024年法治政府建设工作要点》，明确七个方面26项重点任务: a passage issuing a plan (a verb of
/// issuing and a plan document) without saying anything was completed. In the later report it is
/// that year's plan, however alike its counts are to the earlier one's.
static std::u32string_view sentence_around(const document& d, text_span span) {
  const std::u32string_view all(d.text);
  std::size_t b = std::min(span.start, all.size()), e = std::min(span.end, all.size());
  while (b > 0 && all[b - 1] != U'。' && all[b - 1] != U'\n' && all[b - 1] != U'；' && all[b - 1] != U';') --b;
  while (e < all.size() && all[e] != U'。' && all[e] != U'\n') ++e;
  return all.substr(b, e - b);
}

/// A sentence that issues a plan (制定《2025年度…工作要点》，明确5个方面18项重点任务) is about that
/// plan, also when it goes on to say its tasks were done (…，目前已全部完成: the later year's plan,
/// done in the later year). Only a verb of issuing used as a verb counts: 印发的 / 制定的 (the plan
/// issued earlier) name the earlier plan, and a sentence about it may well report it done.
static bool states_a_new_plan(std::u32string_view t) {
  auto has = [&](std::u32string_view w) { return t.find(w) != std::u32string_view::npos; };
  auto issues = [&](std::u32string_view w) {
    for (auto p = t.find(w); p != std::u32string_view::npos; p = t.find(w, p + 1))
      if (p + w.size() >= t.size() || t[p + w.size()] != U'的') return true;
    return false;
  };
  const bool issue = issues(U"印发") || issues(U"制定") || issues(U"出台") || issues(U"部署") || issues(U"研究确定");
  const bool document = has(U"要点") || has(U"工作安排") || has(U"工作计划") || has(U"重点工作") || has(U"实施方案");
  return issue && document;
}

commitment_verdict rate_plan_count(const commitment& c, const rating_input& in) {
  if (!c.count) return rate_commitment(c, std::nullopt, in);
  commitment_verdict v = base_verdict(c);
  const auto& d = *in.later;
  const std::u32string needle = decode(std::to_string(*c.count)) + U"项";
  auto mentions = [&](const region& r, text_span& where, part_state& state) {
    for (std::size_t u = 0; u < r.units.size(); ++u) {
      auto t = d.view(r.units[u]);
      const auto p = t.find(needle);
      if (p == std::u32string_view::npos) continue;
      if (p > 0 && is_digit(t[p - 1])) continue;  // 124项 is not 24项
      if (t.find(U"任务") == std::u32string_view::npos) continue;
      if (states_a_new_plan(sentence_around(d, r.units[u]))) continue;  // the later year's own plan
      where = r.units[u];
      state = r.cues[u];
      return true;
    }
    return false;
  };
  text_span where{};
  part_state state = part_state::none;
  if (mentions(*in.body, where, state) && state == part_state::done) {
    v.status = track_status::fulfilled;
    v.score = 1.0;
    add_evidence(v, d, where);
  } else if (text_span w2{}; mentions(*in.next, w2, state)) {
    v.status = track_status::carried_over;
    v.score = 1.0;
    add_evidence(v, d, w2);
  } else if (mentions(*in.body, where, state) && state == part_state::progress) {
    v.status = track_status::in_progress;
    v.score = 1.0;
    add_evidence(v, d, where);
  } else {
    v.status = track_status::not_reported;
    v.score = 0;
  }
  return v;
}

}  // namespace annals::detail
