#include "scorer.hpp"

#include <annals/reader.hpp>
#include <annals/track.hpp>

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

namespace annals::accuracy {
namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (true) {
    const auto tab = line.find('\t', pos);
    out.push_back(line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
    if (tab == std::string::npos) break;
    pos = tab + 1;
  }
  return out;
}

std::string strip_cr(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

[[noreturn]] void fail(const std::string& file, int line, const std::string& why) {
  throw gold_error(file + ":" + std::to_string(line) + ": " + why);
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else if (c != ' ') {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

const std::set<std::string>& known_classes() {
  static const std::set<std::string> s{"ordinal", "streak", "target", "from_to", "list",   "word_count", "qualifier",
                                       "multiple", "unit",  "growth", "base",    "name",   "year"};
  return s;
}

const std::set<std::string>& known_change_kinds() {
  static const std::set<std::string> s{"growth_pct", "pp", "from_to", "multiple", "doubling", "streak", "threshold"};
  return s;
}

const std::set<std::string>& known_qualifiers() {
  static const std::set<std::string> s{"exact", "more_than", "at_least", "nearly", "about", "at_most", "less_than"};
  return s;
}

std::size_t code_points(std::string_view s, std::size_t bytes) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < bytes && i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  return n;
}

bool overlaps(const text_span& a, const text_span& b) { return a.start < b.end && b.start < a.end; }

bool decimal_equals(const std::string& gold, const std::optional<decimal>& got) {
  if (!got) return false;
  const auto g = decimal::try_parse(gold);
  return g && *g == *got;
}

std::string describe(const fact& f) {
  return "'" + f.text + "' = " + f.q.value.to_string() + " " + f.q.unit + " " + std::string(to_string(f.q.qual)) +
         " [" + f.label + "]";
}

std::string describe(const change& c) {
  std::string s = "'" + c.text + "' " + std::string(to_string(c.kind));
  if (c.value) s += " value=" + c.value->to_string();
  if (c.from) s += " from=" + c.from->to_string();
  if (c.to) s += " to=" + c.to->to_string();
  if (!c.unit.empty()) s += " unit=" + c.unit;
  if (c.qual != qualifier::exact) s += " qualifier=" + std::string(to_string(c.qual));
  if (c.dir != direction::none) s += " direction=" + std::string(to_string(c.dir));
  return s;
}

/// key=value of a change row that disagrees with the reader's change, or "" when all agree.
std::string change_mismatch(const gold_row& row, const change& c) {
  for (std::size_t i = 1; i < row.fields.size(); ++i) {
    const auto& kv = row.fields[i];
    const auto eq = kv.find('=');
    const auto key = kv.substr(0, eq);
    const auto val = kv.substr(eq + 1);
    bool ok = true;
    if (key == "value") ok = decimal_equals(val, c.value);
    else if (key == "from") ok = decimal_equals(val, c.from);
    else if (key == "to") ok = decimal_equals(val, c.to);
    else if (key == "unit") ok = c.unit == val;
    else if (key == "qualifier") ok = to_string(c.qual) == val;
    else if (key == "direction") ok = to_string(c.dir) == val;
    if (!ok) return kv;
  }
  return {};
}

struct located_row {
  const gold_row* row;
  text_span span;
};

/// Finds each row's text in `text`, in order. @throws gold_error when one is missing.
std::vector<located_row> locate(const std::vector<gold_row>& rows, const std::string& text, const std::string& file) {
  std::vector<located_row> out;
  std::size_t from = 0;
  for (const auto& row : rows) {
    auto at = text.find(row.text, from);
    if (at == std::string::npos) fail(file, row.line, "'" + row.text + "' not found (in text order)");
    const auto start = code_points(text, at);
    out.push_back({&row, {start, start + code_points(row.text, row.text.size())}});
    from = at;
  }
  return out;
}

/// The core: one read report against its located gold rows.
tally score_rows(const report& r, const std::vector<located_row>& rows, const std::string& where,
                 bool count_unlisted_changes, std::vector<miss>& misses) {
  tally t;
  std::vector<bool> fact_used(r.facts.size(), false), change_used(r.changes.size(), false);
  for (const auto& lr : rows) {
    const auto& row = *lr.row;
    const std::string at = where + " line " + std::to_string(row.line);
    if (row.kind == "fact") {
      ++t.gold_facts;
      std::optional<std::size_t> pick;
      for (std::size_t i = 0; i < r.facts.size(); ++i) {
        if (fact_used[i] || !overlaps(r.facts[i].span, lr.span)) continue;
        if (!pick || r.facts[i].span.start == lr.span.start) pick = i;
        if (r.facts[i].span.start == lr.span.start) break;
      }
      if (!pick) {
        misses.push_back({at, "missed fact '" + row.text + "'"});
        continue;
      }
      fact_used[*pick] = true;
      ++t.found_facts;
      const auto& f = r.facts[*pick];
      const auto& g = row.fields;  // value unit qualifier label
      const bool right = decimal_equals(g[0], f.q.value) && f.q.unit == g[1] && to_string(f.q.qual) == g[2];
      if (right) ++t.right_facts;
      else
        misses.push_back({at, "wrong fact " + describe(f) + ", gold " + g[0] + " " + g[1] + " " + g[2]});
      if (g.size() > 3 && g[3] != "-" && f.label == g[3]) ++t.label_right;
    } else if (row.kind == "change") {
      ++t.gold_changes;
      std::optional<std::size_t> pick;
      for (std::size_t i = 0; i < r.changes.size(); ++i) {
        if (change_used[i] || !overlaps(r.changes[i].span, lr.span)) continue;
        if (to_string(r.changes[i].kind) != row.fields[0]) continue;
        if (!pick || change_mismatch(row, r.changes[i]).empty()) pick = i;
        if (change_mismatch(row, r.changes[i]).empty()) break;
      }
      if (!pick) {
        misses.push_back({at, "missed change " + row.fields[0] + " '" + row.text + "'"});
        continue;
      }
      change_used[*pick] = true;
      ++t.found_changes;
      const auto bad = change_mismatch(row, r.changes[*pick]);
      if (bad.empty()) ++t.right_changes;
      else
        misses.push_back({at, "wrong change " + describe(r.changes[*pick]) + ", gold " + bad});
    }
  }
  t.extracted_facts = static_cast<int>(r.facts.size());
  for (std::size_t i = 0; i < r.facts.size(); ++i) {
    if (fact_used[i]) continue;
    std::string why = "unlisted";
    for (const auto& lr : rows)
      if ((lr.row->kind == "not" || lr.row->kind == "target") && overlaps(lr.span, r.facts[i].span))
        why = lr.row->kind + ": " + (lr.row->fields.empty() ? "" : lr.row->fields[0]);
    misses.push_back({where, "extra fact " + describe(r.facts[i]) + " (" + why + ")"});
  }
  if (count_unlisted_changes) {
    t.extracted_changes = static_cast<int>(r.changes.size());
    for (std::size_t i = 0; i < r.changes.size(); ++i)
      if (!change_used[i]) misses.push_back({where, "extra change " + describe(r.changes[i])});
  } else {
    t.extracted_changes = t.found_changes;
  }
  return t;
}

double ratio(int a, int b) { return b == 0 ? 1.0 : static_cast<double>(a) / b; }

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw gold_error(p.string() + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

void tally::add(const tally& o) {
  gold_facts += o.gold_facts;
  found_facts += o.found_facts;
  right_facts += o.right_facts;
  extracted_facts += o.extracted_facts;
  gold_changes += o.gold_changes;
  found_changes += o.found_changes;
  right_changes += o.right_changes;
  extracted_changes += o.extracted_changes;
  label_right += o.label_right;
  sentences += o.sentences;
}
double tally::fully_correct() const { return ratio(right(), gold()); }
double tally::recall() const { return ratio(found(), gold()); }
double tally::precision() const { return ratio(found(), extracted()); }

std::vector<gold_sentence> parse_sentences(const std::string& content, const std::string& file) {
  std::vector<gold_sentence> out;
  std::set<std::string> ids;
  std::istringstream in(content);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    line = strip_cr(line);
    if (line.empty() || line[0] == '#') continue;
    auto f = split_tabs(line);
    if (f[0] == "@") {
      if (f.size() != 4) fail(file, n, "a sentence line is @<TAB>id<TAB>classes<TAB>text");
      if (!ids.insert(f[1]).second) fail(file, n, "duplicate id " + f[1]);
      gold_sentence s{file, f[1], split_commas(f[2]), f[3], {}, n};
      if (s.classes.empty()) fail(file, n, "a sentence needs at least one class");
      for (const auto& c : s.classes)
        if (!known_classes().contains(c)) fail(file, n, "unknown class '" + c + "'");
      if (s.text.empty()) fail(file, n, "empty sentence");
      out.push_back(std::move(s));
      continue;
    }
    if (out.empty()) fail(file, n, "a gold row before the first @ sentence line");
    gold_row row{f[0], f.size() > 1 ? f[1] : "", {}, n};
    if (row.text.empty()) fail(file, n, "a gold row needs its text");
    row.fields.assign(f.begin() + std::min<std::ptrdiff_t>(2, static_cast<std::ptrdiff_t>(f.size())), f.end());
    if (row.kind == "fact") {
      if (row.fields.size() < 3 || row.fields.size() > 4) fail(file, n, "fact: text value unit qualifier [label]");
      if (!decimal::try_parse(row.fields[0])) fail(file, n, "fact: value '" + row.fields[0] + "' is not a decimal");
      if (row.fields[1].empty() || row.fields[1] == "-") fail(file, n, "fact: a unit is required");
      if (!known_qualifiers().contains(row.fields[2])) fail(file, n, "unknown qualifier '" + row.fields[2] + "'");
    } else if (row.kind == "change") {
      if (row.fields.empty() || !known_change_kinds().contains(row.fields[0]))
        fail(file, n, "change: unknown kind '" + (row.fields.empty() ? "" : row.fields[0]) + "'");
      for (std::size_t i = 1; i < row.fields.size(); ++i) {
        const auto& kv = row.fields[i];
        const auto eq = kv.find('=');
        const auto key = kv.substr(0, eq);
        if (eq == std::string::npos ||
            !(key == "value" || key == "from" || key == "to" || key == "unit" || key == "qualifier" ||
              key == "direction"))
          fail(file, n, "change: '" + kv + "' is not one of value= from= to= unit= qualifier= direction=");
        const auto val = kv.substr(eq + 1);
        if ((key == "value" || key == "from" || key == "to") && !decimal::try_parse(val))
          fail(file, n, "change: " + key + " '" + val + "' is not a decimal");
        if (key == "qualifier" && !known_qualifiers().contains(val)) fail(file, n, "unknown qualifier '" + val + "'");
        if (key == "direction" && val != "up" && val != "down") fail(file, n, "direction is up or down");
      }
    } else if (row.kind != "not" && row.kind != "target") {
      fail(file, n, "unknown row kind '" + row.kind + "' (fact, change, not, target)");
    }
    out.back().rows.push_back(std::move(row));
  }
  return out;
}

sentence_score score_sentences(const std::vector<gold_sentence>& sentences) {
  sentence_score out;
  for (const auto& s : sentences) {
    const report r = read_report_text(s.text);
    const auto rows = locate(s.rows, r.text, s.file);
    auto t = score_rows(r, rows, s.file + ":" + std::to_string(s.line) + " " + s.id, true, out.misses);
    t.sentences = 1;
    out.total.add(t);
    for (const auto& c : s.classes) out.by_class[c].add(t);
    out.by_style[s.file].add(t);
  }
  return out;
}

sentence_score score_report_gold(const std::filesystem::path& report_path, const std::filesystem::path& gold) {
  const auto content = read_file(gold);
  std::vector<gold_row> rows;
  std::istringstream in(content);
  std::string line;
  int n = 0;
  bool header = true;
  const auto file = gold.filename().string();
  while (std::getline(in, line)) {
    ++n;
    line = strip_cr(line);
    if (line.empty() || line[0] == '#') continue;
    if (header) {  // kind text value unit qualifier label reason
      header = false;
      continue;
    }
    auto f = split_tabs(line);
    if (f.size() < 2) fail(file, n, "a row is kind<TAB>text<TAB>…");
    gold_row row{f[0], f[1], {}, n};
    if (row.kind == "fact") {
      if (f.size() < 6) fail(file, n, "fact: kind text value unit qualifier label");
      row.fields = {f[2], f[3], f[4], f[5]};
    } else if (row.kind == "change") {
      if (f.size() < 7 || f[6].rfind("change:", 0) != 0) fail(file, n, "change: reason must be change:<kind>");
      // change:growth_pct (a note): the kind runs to the first space; a from_to's value is its end
      std::string kind = f[6].substr(7);
      kind = kind.substr(0, kind.find(' '));
      row.fields = {kind, (kind == "from_to" ? "to=" : "value=") + f[2]};
    }
    rows.push_back(std::move(row));
  }
  const report r = read_report(report_path);
  sentence_score out;
  const auto located = locate(rows, r.text, file);
  out.total = score_rows(r, located, file, false, out.misses);
  out.total.sentences = 1;
  return out;
}

pair_score score_pair(const std::filesystem::path& dir) {
  pair_score out;
  out.name = dir.filename().string();
  const auto gold_file = (dir / "gold.tsv").string();
  struct status_row {
    std::string kind;
    int ordinal;
    std::string expected;
    int line;
  };
  struct verdict_gold {
    std::string what, text, expected;
    int line;
  };
  std::vector<status_row> statuses;
  std::vector<verdict_gold> verdicts;
  {
    std::istringstream in(read_file(dir / "gold.tsv"));
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      line = strip_cr(line);
      if (line.empty() || line[0] == '#') continue;
      auto f = split_tabs(line);
      if (f[0] == "status") {
        if (f.size() < 4) fail(gold_file, n, "status: kind ordinal expected [why]");
        if (f[1] != "next_step" && f[1] != "problem" && f[1] != "plan") fail(gold_file, n, "unknown kind " + f[1]);
        int ord = 0;
        try {
          ord = std::stoi(f[2]);
        } catch (const std::exception&) {
          fail(gold_file, n, "ordinal '" + f[2] + "' is not a number");
        }
        if (!from_string<track_status>(f[3])) fail(gold_file, n, "unknown status " + f[3]);
        statuses.push_back({f[1], ord, f[3], n});
      } else if (f[0] == "verdict" || f[0] == "streak" || f[0] == "from_to") {
        if (f.size() < 3) fail(gold_file, n, f[0] + ": later-text expected [why]");
        if (!from_string<metric_verdict>(f[2])) fail(gold_file, n, "unknown verdict " + f[2]);
        verdicts.push_back({f[0], f[1], f[2], n});
      } else {
        fail(gold_file, n, "unknown row kind '" + f[0] + "' (status, verdict, streak, from_to)");
      }
    }
  }
  out.statuses = static_cast<int>(statuses.size());
  out.verdicts = static_cast<int>(verdicts.size());
  const report earlier = read_report(dir / "earlier.txt");
  const report later = read_report(dir / "later.txt");
  tracking t;
  try {
    t = track(earlier, later);
  } catch (const std::exception& e) {
    out.misses.push_back({out.name, std::string("track failed: ") + e.what()});
    return out;
  }
  for (const auto& s : statuses) {
    const commitment_kind kind = s.kind == "plan"        ? commitment_kind::plan
                                 : s.kind == "next_step" ? commitment_kind::next_step
                                                         : commitment_kind::problem;
    const commitment_verdict* pick = nullptr;
    int nth = 0;
    for (const auto& v : t.commitments) {
      if (v.kind != kind) continue;
      ++nth;
      const bool hit = kind == commitment_kind::plan ? nth == s.ordinal : v.ordinal.value_or(nth) == s.ordinal;
      if (hit) {
        pick = &v;
        break;
      }
    }
    const std::string at = out.name + " gold line " + std::to_string(s.line);
    if (!pick) {
      out.misses.push_back({at, s.kind + " " + std::to_string(s.ordinal) + ": not found in the earlier report"});
      continue;
    }
    const std::string got{to_string(pick->status)};
    if (got == s.expected) ++out.statuses_right;
    else
      out.misses.push_back({at, s.kind + " " + std::to_string(s.ordinal) + " '" + pick->title + "': " + got +
                                    ", gold " + s.expected});
  }
  auto fact_span = [&](const std::string& id) -> std::optional<text_span> {
    for (const auto& f : later.facts)
      if (f.id == id) return f.span;
    return std::nullopt;
  };
  auto change_span = [&](const std::string& id) -> std::optional<text_span> {
    for (const auto& c : later.changes)
      if (c.id == id) return c.span;
    return std::nullopt;
  };
  std::vector<text_span> listed;
  for (const auto& v : verdicts) {
    const auto at = later.text.find(v.text);
    if (at == std::string::npos) fail(gold_file, v.line, "'" + v.text + "' not found in later.txt");
    const auto start = code_points(later.text, at);
    const text_span span{start, start + code_points(v.text, v.text.size())};
    listed.push_back(span);
    std::optional<std::string> got;
    if (v.what == "verdict") {
      for (const auto& m : t.metrics) {
        const auto fs = fact_span(m.later.fact);
        if (fs && overlaps(*fs, span)) {
          got = std::string(to_string(m.verdict));
          break;
        }
      }
    } else if (v.what == "streak") {
      for (const auto& s : t.streaks) {
        const auto cs = change_span(s.later_change);
        if (cs && overlaps(*cs, span)) got = std::string(to_string(s.verdict));
      }
    } else {
      for (const auto& c : t.from_to) {
        const auto cs = change_span(c.later_change);
        if (cs && overlaps(*cs, span)) got = std::string(to_string(c.verdict));
      }
    }
    const std::string where = out.name + " gold line " + std::to_string(v.line);
    if (got && *got == v.expected) ++out.verdicts_right;
    else
      out.misses.push_back({where, v.what + " '" + v.text + "': " + got.value_or("no comparison") + ", gold " +
                                       v.expected});
  }
  for (const auto& m : t.metrics) {
    if (m.verdict == metric_verdict::not_stated) continue;
    const auto fs = fact_span(m.later.fact);
    const bool is_listed =
        fs && std::any_of(listed.begin(), listed.end(), [&](const text_span& s) { return overlaps(s, *fs); });
    if (!is_listed) {
      ++out.unlisted_verdicts;
      out.misses.push_back({out.name, "unlisted verdict " + std::string(to_string(m.verdict)) + " on '" +
                                          m.later.text + "' [" + m.later_label + "]"});
    }
  }
  return out;
}

std::map<std::string, double> parse_floors(const std::string& content, const std::string& file) {
  std::map<std::string, double> out;
  std::istringstream in(content);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    line = strip_cr(line);
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string name;
    double v = 0;
    if (!(fields >> name >> v)) fail(file, n, "a floor is <name> <number>");
    out[name] = v;
  }
  return out;
}

}  // namespace annals::accuracy
