// annals.report/1 serialisation (include/annals/report_json.hpp). nlohmann::json stays in here.
#include <annals/csv.hpp>
#include <annals/error.hpp>
#include <annals/markdown.hpp>
#include <annals/report_json.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <limits>
#include <optional>

namespace annals {
namespace {

using ojson = nlohmann::ordered_json;
using json = nlohmann::json;

// ---- enum names ---------------------------------------------------------------------------------

constexpr std::array<fact_kind, 5> all_fact_kinds = {fact_kind::count, fact_kind::percent, fact_kind::multiple,
                                                     fact_kind::amount, fact_kind::duration};
constexpr std::array<change_kind, 7> all_change_kinds = {change_kind::growth_pct, change_kind::pp,
                                                         change_kind::from_to,    change_kind::multiple,
                                                         change_kind::doubling,   change_kind::streak,
                                                         change_kind::threshold};
constexpr std::array<commitment_kind, 4> all_commitment_kinds = {commitment_kind::plan, commitment_kind::next_step,
                                                                 commitment_kind::problem, commitment_kind::target};

std::string_view basis_name(growth_basis b) noexcept {
  switch (b) {
    case growth_basis::yoy: return "yoy";
    case growth_basis::mom: return "mom";
    case growth_basis::none: return "";
  }
  return "";
}

// ---- writing ------------------------------------------------------------------------------------

ojson opt_int(const std::optional<int>& v) { return v ? ojson(*v) : ojson(nullptr); }
ojson opt_string(const std::optional<std::string>& v) { return v ? ojson(*v) : ojson(nullptr); }
ojson opt_decimal(const std::optional<decimal>& v) { return v ? ojson(v->to_string()) : ojson(nullptr); }
ojson string_or_null(const std::string& s) { return s.empty() ? ojson(nullptr) : ojson(s); }
ojson direction_json(direction d) { return d == direction::none ? ojson(nullptr) : ojson(std::string(to_string(d))); }

/// The interval a fact allows; unbounded on both sides when its bounds cannot be computed.
interval fact_bounds(const fact& f) {
  try {
    return f.q.bounds();
  } catch (const error&) {
    return {std::nullopt, std::nullopt, false, false};
  }
}

ojson fact_json(const fact& f) {
  const interval b = fact_bounds(f);
  ojson o;
  o["id"] = f.id;
  o["section"] = opt_int(f.section);
  o["item"] = opt_int(f.item);
  o["label"] = f.label;
  o["text"] = f.text;
  o["value"] = f.q.value.to_string();
  o["unit"] = f.q.unit;
  o["qualifier"] = std::string(to_string(f.q.qual));
  o["qualifier_text"] = f.qualifier_text;
  o["lo"] = opt_decimal(b.lo);
  o["hi"] = opt_decimal(b.hi);
  o["lo_closed"] = b.lo_closed;
  o["hi_closed"] = b.hi_closed;
  o["kind"] = std::string(to_string(f.kind));
  ojson flags = ojson::array();
  if (f.cumulative) flags.push_back("cumulative");
  if (f.average) flags.push_back("average");
  o["flags"] = std::move(flags);
  o["last_digit"] = f.q.last_digit;
  o["approximate"] = f.q.approximate;
  o["start"] = f.span.start;
  o["end"] = f.span.end;
  return o;
}

/// A target's goal: what a fact says of its figure, without id, place or flags.
ojson goal_json(const target_goal& g) {
  interval b{std::nullopt, std::nullopt, false, false};
  try {
    b = g.q.bounds();
  } catch (const error&) {
  }
  ojson o;
  o["label"] = g.label;
  o["text"] = g.text;
  o["value"] = g.q.value.to_string();
  o["unit"] = g.q.unit;
  o["qualifier"] = std::string(to_string(g.q.qual));
  o["qualifier_text"] = g.qualifier_text;
  o["lo"] = opt_decimal(b.lo);
  o["hi"] = opt_decimal(b.hi);
  o["lo_closed"] = b.lo_closed;
  o["hi_closed"] = b.hi_closed;
  o["kind"] = std::string(to_string(g.kind));
  o["last_digit"] = g.q.last_digit;
  o["approximate"] = g.q.approximate;
  o["start"] = g.span.start;
  o["end"] = g.span.end;
  return o;
}

ojson change_json(const change& c) {
  ojson o;
  o["id"] = c.id;
  o["kind"] = std::string(to_string(c.kind));
  if (c.kind == change_kind::growth_pct) o["basis"] = string_or_null(std::string(basis_name(c.basis)));
  o["label"] = c.label;
  o["text"] = c.text;
  switch (c.kind) {
    case change_kind::growth_pct:
    case change_kind::pp:
      o["value"] = opt_decimal(c.value);
      o["direction"] = direction_json(c.dir);
      break;
    case change_kind::from_to:
      o["from"] = opt_decimal(c.from);
      o["to"] = opt_decimal(c.to);
      o["unit"] = c.unit;
      o["direction"] = direction_json(c.dir);
      break;
    case change_kind::multiple:
      o["value"] = opt_decimal(c.value);
      o["qualifier"] = std::string(to_string(c.qual));
      break;
    case change_kind::doubling: o["value"] = opt_decimal(c.value); break;
    case change_kind::streak:
      o["value"] = opt_decimal(c.value);
      o["unit"] = c.unit;
      break;
    case change_kind::threshold:
      o["value"] = opt_decimal(c.value);
      o["unit"] = c.unit;
      o["direction"] = direction_json(c.dir);
      break;
  }
  o["fact"] = opt_string(c.fact);
  o["section"] = opt_int(c.section);
  o["item"] = opt_int(c.item);
  o["start"] = c.span.start;
  o["end"] = c.span.end;
  return o;
}

ojson commitment_json(const commitment& k) {
  ojson o;
  o["id"] = k.id;
  o["kind"] = std::string(to_string(k.kind));
  switch (k.kind) {
    case commitment_kind::plan:
      o["text"] = k.text;
      o["groups"] = opt_int(k.groups);
      o["count"] = opt_int(k.count);
      break;
    case commitment_kind::next_step:
      o["ordinal"] = opt_int(k.ordinal);
      o["title"] = k.title;
      o["text"] = k.text;
      break;
    case commitment_kind::problem:
      o["ordinal"] = opt_int(k.ordinal);
      o["text"] = k.text;
      break;
    case commitment_kind::target:
      o["text"] = k.text;
      o["fact"] = opt_string(k.fact);
      o["goal"] = k.goal ? goal_json(*k.goal) : ojson(nullptr);
      o["deadline"] = k.deadline ? ojson(k.deadline->to_iso()) : ojson(nullptr);
      break;
  }
  o["section"] = opt_int(k.section);
  o["item"] = opt_int(k.item);
  o["start"] = k.span.start;
  o["end"] = k.span.end;
  return o;
}

ojson report_json_object(const report& r, bool include_text) {
  ojson o;
  o["schema"] = std::string(report_schema);
  ojson& src = o["source"];
  src["name"] = r.source.name;
  src["sha256"] = r.source.sha256;
  src["encoding"] = r.source.encoding;
  src["format"] = r.source.format;
  if (!r.source.page_starts.empty()) src["page_starts"] = r.source.page_starts;  // PDF only
  ojson& meta = o["report"];
  meta["title"] = string_or_null(r.meta.title);
  meta["issuer"] = opt_string(r.meta.issuer);
  meta["jurisdiction"] = opt_string(r.meta.jurisdiction);
  meta["year"] = r.meta.year ? ojson(r.meta.year->value()) : ojson(nullptr);
  meta["published"] = r.meta.published ? ojson(r.meta.published->to_iso()) : ojson(nullptr);
  meta["recipient"] = opt_string(r.meta.recipient);
  if (include_text) o["text"] = r.text;
  ojson& sections = o["sections"] = ojson::array();
  for (const section& s : r.sections) {
    ojson so;
    so["ordinal"] = s.ordinal;
    so["marker"] = s.marker;
    so["heading"] = s.heading;
    so["start"] = s.span.start;
    so["end"] = s.span.end;
    ojson& items = so["items"] = ojson::array();
    for (const item& it : s.items) {
      ojson io;
      io["ordinal"] = it.ordinal;
      io["marker"] = it.marker;
      io["title"] = it.title;
      io["start"] = it.span.start;
      io["end"] = it.span.end;
      items.push_back(std::move(io));
    }
    sections.push_back(std::move(so));
  }
  ojson& facts = o["facts"] = ojson::array();
  for (const fact& f : r.facts) facts.push_back(fact_json(f));
  ojson& changes = o["changes"] = ojson::array();
  for (const change& c : r.changes) changes.push_back(change_json(c));
  ojson& dates = o["dates"] = ojson::array();
  for (const date_mention& d : r.dates) {
    ojson dobj;
    dobj["text"] = d.text;
    dobj["value"] = d.value.to_iso();
    dobj["role"] = d.role;
    dobj["start"] = d.span.start;
    dobj["end"] = d.span.end;
    dates.push_back(std::move(dobj));
  }
  ojson& commitments = o["commitments"] = ojson::array();
  for (const commitment& k : r.commitments) commitments.push_back(commitment_json(k));
  ojson& warnings = o["warnings"] = ojson::array();
  for (const warning& w : r.warnings) {
    ojson wo;
    wo["code"] = w.code;
    wo["message"] = w.message;
    wo["start"] = w.start;
    warnings.push_back(std::move(wo));
  }
  return o;
}

std::string dump(const ojson& o, int indent) {
  return o.dump(indent < 0 ? -1 : indent, ' ', false, ojson::error_handler_t::replace);
}

// ---- reading ------------------------------------------------------------------------------------

[[noreturn]] void bad(const std::string& path, const std::string& why) {
  throw input_error("report json: " + path + ": " + why);
}

std::string at(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : path + "." + std::string(name);
}

const json* find(const json& obj, std::string_view name) {
  const auto it = obj.find(std::string(name));
  return it == obj.end() ? nullptr : &*it;
}

const json& require(const json& obj, std::string_view name, const std::string& path) {
  const json* v = find(obj, name);
  if (!v) bad(at(path, name), "missing");
  return *v;
}

const json& require_object(const json& obj, std::string_view name, const std::string& path) {
  const json& v = require(obj, name, path);
  if (!v.is_object()) bad(at(path, name), "not an object");
  return v;
}

const json& require_array(const json& obj, std::string_view name, const std::string& path) {
  const json& v = require(obj, name, path);
  if (!v.is_array()) bad(at(path, name), "not an array");
  return v;
}

std::string get_string(const json& obj, std::string_view name, const std::string& path) {
  const json& v = require(obj, name, path);
  if (!v.is_string()) bad(at(path, name), "not a string");
  return v.get<std::string>();
}

/// A string that may be missing or null (→ "").
std::string get_string_or_empty(const json& obj, std::string_view name, const std::string& path) {
  const json* v = find(obj, name);
  if (!v || v->is_null()) return {};
  if (!v->is_string()) bad(at(path, name), "not a string");
  return v->get<std::string>();
}

std::optional<std::string> get_opt_string(const json& obj, std::string_view name, const std::string& path) {
  const json* v = find(obj, name);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) bad(at(path, name), "not a string or null");
  return v->get<std::string>();
}

std::optional<int> get_opt_int(const json& obj, std::string_view name, const std::string& path) {
  const json* v = find(obj, name);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_number_integer()) bad(at(path, name), "not an integer or null");
  const auto n = v->get<std::int64_t>();
  if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max())
    bad(at(path, name), "out of range");
  return static_cast<int>(n);
}

int get_int(const json& obj, std::string_view name, const std::string& path) {
  require(obj, name, path);
  const auto v = get_opt_int(obj, name, path);
  if (!v) bad(at(path, name), "not an integer");
  return *v;
}

std::size_t get_offset(const json& obj, std::string_view name, const std::string& path) {
  const json& v = require(obj, name, path);
  if (!v.is_number_unsigned()) bad(at(path, name), "not a non-negative integer");
  return static_cast<std::size_t>(v.get<std::uint64_t>());
}

bool get_bool(const json& obj, std::string_view name, const std::string& path) {
  const json& v = require(obj, name, path);
  if (!v.is_boolean()) bad(at(path, name), "not true or false");
  return v.get<bool>();
}

std::optional<decimal> get_opt_decimal(const json& obj, std::string_view name, const std::string& path) {
  const json* v = find(obj, name);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) bad(at(path, name), "not a decimal string");
  const auto d = decimal::try_parse(v->get_ref<const std::string&>());
  if (!d) bad(at(path, name), "not a decimal string");
  return d;
}

decimal get_decimal(const json& obj, std::string_view name, const std::string& path) {
  require(obj, name, path);
  const auto d = get_opt_decimal(obj, name, path);
  if (!d) bad(at(path, name), "not a decimal string");
  return *d;
}

std::optional<calendar_date> get_opt_date(const json& obj, std::string_view name, const std::string& path) {
  const auto s = get_opt_string(obj, name, path);
  if (!s) return std::nullopt;
  const auto d = calendar_date::try_parse_iso(*s);
  if (!d) bad(at(path, name), "not an ISO date (YYYY-MM-DD)");
  return d;
}

text_span get_span(const json& obj, const std::string& path) {
  text_span s{get_offset(obj, "start", path), get_offset(obj, "end", path)};
  if (s.end < s.start) bad(at(path, "end"), "before start");
  return s;
}

template <class Enum, std::size_t N>
Enum get_enum(const json& obj, std::string_view name, const std::string& path, const std::array<Enum, N>& all) {
  const std::string s = get_string(obj, name, path);
  for (const Enum e : all)
    if (to_string(e) == s) return e;
  bad(at(path, name), "unknown value '" + s.substr(0, 32) + "'");
}

qualifier get_qualifier(const json& obj, std::string_view name, const std::string& path) {
  const std::string s = get_string(obj, name, path);
  const auto q = qualifier_from_string(s);
  if (!q) bad(at(path, name), "unknown qualifier '" + s.substr(0, 32) + "'");
  return *q;
}

direction get_direction(const json& obj, const std::string& path) {
  const auto s = get_opt_string(obj, "direction", path);
  if (!s || *s == "none") return direction::none;
  if (*s == "up") return direction::up;
  if (*s == "down") return direction::down;
  bad(at(path, "direction"), "unknown value '" + s->substr(0, 32) + "'");
}

/// e with step == 10^e, for a positive power of ten; nullopt otherwise.
std::optional<int> power_of_ten(const decimal& step) {
  const decimal n = step.normalized();
  auto c = n.coefficient();
  if (c <= 0) return std::nullopt;
  int e = -n.scale();
  while (c % 10 == 0) {
    c /= 10;
    ++e;
  }
  if (c != 1) return std::nullopt;
  return e;
}

/// For JSON written without "last_digit"/"approximate": recover them from the interval.
void infer_precision(quantity& q, const std::optional<decimal>& lo, const std::optional<decimal>& hi) {
  q.last_digit = -q.value.normalized().scale();
  q.approximate = q.qual != qualifier::exact || q.value.normalized().scale() > 0;
  if (!lo || !hi) return;
  try {
    decimal width = *hi - *lo;
    if (q.qual == qualifier::about) width = decimal::divide(width, decimal{2}, decimal::max_scale - 1);
    if (width.is_zero()) {
      q.approximate = false;
      return;
    }
    if (const auto e = power_of_ten(width)) {
      q.last_digit = *e;
      q.approximate = true;
    }
  } catch (const error&) {
    // keep the defaults
  }
}

fact fact_from(const json& o, const std::string& path) {
  if (!o.is_object()) bad(path, "not an object");
  fact f;
  f.id = get_string(o, "id", path);
  f.section = get_opt_int(o, "section", path);
  f.item = get_opt_int(o, "item", path);
  f.label = get_string(o, "label", path);
  f.text = get_string(o, "text", path);
  f.q.value = get_decimal(o, "value", path);
  f.q.unit = get_string(o, "unit", path);
  f.q.qual = get_qualifier(o, "qualifier", path);
  f.qualifier_text = get_string_or_empty(o, "qualifier_text", path);
  f.kind = get_enum(o, "kind", path, all_fact_kinds);
  const json& flags = require_array(o, "flags", path);
  for (std::size_t i = 0; i < flags.size(); ++i) {
    const std::string fp = at(path, "flags") + "[" + std::to_string(i) + "]";
    if (!flags[i].is_string()) bad(fp, "not a string");
    const auto& s = flags[i].get_ref<const std::string&>();
    if (s == "cumulative") f.cumulative = true;
    else if (s == "average") f.average = true;
    else bad(fp, "unknown flag '" + s.substr(0, 32) + "'");
  }
  if (find(o, "last_digit") && find(o, "approximate")) {
    f.q.last_digit = get_int(o, "last_digit", path);
    if (f.q.last_digit < -decimal::max_scale || f.q.last_digit > 38) bad(at(path, "last_digit"), "out of range");
    f.q.approximate = get_bool(o, "approximate", path);
  } else {
    infer_precision(f.q, get_opt_decimal(o, "lo", path), get_opt_decimal(o, "hi", path));
  }
  f.span = get_span(o, path);
  return f;
}

change change_from(const json& o, const std::string& path) {
  if (!o.is_object()) bad(path, "not an object");
  change c;
  c.id = get_string(o, "id", path);
  c.kind = get_enum(o, "kind", path, all_change_kinds);
  const auto basis = get_opt_string(o, "basis", path);
  if (!basis) c.basis = growth_basis::none;
  else if (*basis == "yoy") c.basis = growth_basis::yoy;
  else if (*basis == "mom") c.basis = growth_basis::mom;
  else bad(at(path, "basis"), "unknown value '" + basis->substr(0, 32) + "'");
  c.label = get_string_or_empty(o, "label", path);
  c.text = get_string(o, "text", path);
  c.value = get_opt_decimal(o, "value", path);
  c.from = get_opt_decimal(o, "from", path);
  c.to = get_opt_decimal(o, "to", path);
  c.unit = get_string_or_empty(o, "unit", path);
  if (find(o, "qualifier") && !require(o, "qualifier", path).is_null()) c.qual = get_qualifier(o, "qualifier", path);
  c.dir = get_direction(o, path);
  c.fact = get_opt_string(o, "fact", path);
  c.section = get_opt_int(o, "section", path);
  c.item = get_opt_int(o, "item", path);
  c.span = get_span(o, path);
  return c;
}

target_goal goal_from(const json& o, const std::string& path) {
  if (!o.is_object()) bad(path, "not an object");
  target_goal g;
  g.label = get_string_or_empty(o, "label", path);
  g.text = get_string(o, "text", path);
  g.q.value = get_decimal(o, "value", path);
  g.q.unit = get_string(o, "unit", path);
  g.q.qual = get_qualifier(o, "qualifier", path);
  g.qualifier_text = get_string_or_empty(o, "qualifier_text", path);
  g.kind = get_enum(o, "kind", path, all_fact_kinds);
  if (find(o, "last_digit") && find(o, "approximate")) {
    g.q.last_digit = get_int(o, "last_digit", path);
    if (g.q.last_digit < -decimal::max_scale || g.q.last_digit > 38) bad(at(path, "last_digit"), "out of range");
    g.q.approximate = get_bool(o, "approximate", path);
  } else {
    infer_precision(g.q, get_opt_decimal(o, "lo", path), get_opt_decimal(o, "hi", path));
  }
  g.span = get_span(o, path);
  return g;
}

commitment commitment_from(const json& o, const std::string& path) {
  if (!o.is_object()) bad(path, "not an object");
  commitment k;
  k.id = get_string(o, "id", path);
  k.kind = get_enum(o, "kind", path, all_commitment_kinds);
  k.ordinal = get_opt_int(o, "ordinal", path);
  k.title = get_string_or_empty(o, "title", path);
  k.text = get_string(o, "text", path);
  k.groups = get_opt_int(o, "groups", path);
  k.count = get_opt_int(o, "count", path);
  k.fact = get_opt_string(o, "fact", path);
  if (const json* g = find(o, "goal"); g && !g->is_null()) k.goal = goal_from(*g, at(path, "goal"));
  k.deadline = get_opt_date(o, "deadline", path);
  k.section = get_opt_int(o, "section", path);
  k.item = get_opt_int(o, "item", path);
  k.span = get_span(o, path);
  return k;
}

std::string element(std::string_view array, std::size_t i) {
  return std::string(array) + "[" + std::to_string(i) + "]";
}

// ---- CSV / Markdown -----------------------------------------------------------------------------

std::string opt_text(const std::optional<int>& v) { return v ? std::to_string(*v) : std::string(); }
std::string opt_text(const std::optional<decimal>& v) { return v ? v->to_string() : std::string(); }

std::string interval_text(const interval& b) {
  if (b.lo && b.hi && *b.lo == *b.hi && b.lo_closed && b.hi_closed) return b.lo->to_string();
  std::string s = b.lo ? (b.lo_closed ? "[" : "(") + b.lo->to_string() : std::string("(−∞");
  s += ", ";
  s += b.hi ? b.hi->to_string() + (b.hi_closed ? "]" : ")") : std::string("∞)");
  return s;
}

void markdown_facts(std::string& out, const report& r, const std::optional<int>& section) {
  out += "| id | label | as written | value | unit | qualifier | interval | kind | flags |\n";
  out += "| --- | --- | --- | ---: | --- | --- | --- | --- | --- |\n";
  for (const fact& f : r.facts) {
    if (f.section != section) continue;
    std::string flags;
    if (f.cumulative) flags += "cumulative";
    if (f.average) flags += flags.empty() ? "average" : ", average";
    out += "| " + markdown_text(f.id) + " | " + markdown_text(f.label) + " | " + markdown_text(f.text) + " | " + f.q.value.to_string() + " | " +
           markdown_text(f.q.unit) + " | " + std::string(to_string(f.q.qual)) +
           (f.qualifier_text.empty() ? "" : " (" + markdown_text(f.qualifier_text) + ")") + " | " +
           interval_text(fact_bounds(f)) + " | " + std::string(to_string(f.kind)) + " | " + flags + " |\n";
  }
}

void markdown_one(std::string& out, const report& r) {
  out += "# " + markdown_text(r.meta.title.empty() ? r.source.name : r.meta.title) + "\n\n";
  out += "- source: " + markdown_text(r.source.name) + " (" + markdown_text(r.source.encoding) + ", " + markdown_text(r.source.format) +
         "), sha256 " + markdown_text(r.source.sha256) + "\n";
  auto line = [&](std::string_view key, const std::optional<std::string>& v) {
    out += "- " + std::string(key) + ": " + (v ? markdown_text(*v) : std::string("—")) + "\n";
  };
  line("issuer", r.meta.issuer);
  line("jurisdiction", r.meta.jurisdiction);
  line("year", r.meta.year ? std::optional<std::string>(std::to_string(r.meta.year->value())) : std::nullopt);
  line("published", r.meta.published ? std::optional<std::string>(r.meta.published->to_iso()) : std::nullopt);
  line("recipient", r.meta.recipient);
  out += "- facts: " + std::to_string(r.facts.size()) + ", changes: " + std::to_string(r.changes.size()) +
         ", commitments: " + std::to_string(r.commitments.size()) + "\n";

  bool outside = false;
  for (const fact& f : r.facts) outside |= !f.section.has_value();
  if (outside) {
    out += "\n## Outside the sections\n\n";
    markdown_facts(out, r, std::nullopt);
  }
  for (const section& s : r.sections) {
    out += "\n## " + markdown_text(s.marker) + "、" + markdown_text(s.heading) + "\n\n";
    bool any = false;
    for (const fact& f : r.facts) any |= f.section == s.ordinal;
    if (any) markdown_facts(out, r, s.ordinal);
    else out += "(no figures)\n";
  }
  if (!r.changes.empty()) {
    out += "\n## Changes\n\n| id | kind | label | as written | value | from → to | direction | fact |\n";
    out += "| --- | --- | --- | --- | ---: | --- | --- | --- |\n";
    for (const change& c : r.changes) {
      std::string from_to = c.from || c.to ? opt_text(c.from) + " → " + opt_text(c.to) + markdown_text(c.unit) : std::string();
      out += "| " + markdown_text(c.id) + " | " + std::string(to_string(c.kind)) + " | " + markdown_text(c.label) + " | " + markdown_text(c.text) +
             " | " + opt_text(c.value) + " | " + from_to + " | " +
             (c.dir == direction::none ? std::string() : std::string(to_string(c.dir))) + " | " +
             markdown_text(c.fact.value_or("")) + " |\n";
    }
  }
  if (!r.commitments.empty()) {
    out += "\n## Commitments\n\n| id | kind | # | title | text | deadline |\n";
    out += "| --- | --- | ---: | --- | --- | --- |\n";
    for (const commitment& k : r.commitments)
      out += "| " + markdown_text(k.id) + " | " + std::string(to_string(k.kind)) + " | " + opt_text(k.ordinal) + " | " +
             markdown_text(k.title) + " | " + markdown_text(k.text) + " | " + (k.deadline ? k.deadline->to_iso() : std::string()) + " |\n";
  }
  if (!r.warnings.empty()) {
    out += "\n## Warnings\n\n";
    for (const warning& w : r.warnings)
      out += "- " + markdown_text(w.code) + " at " + std::to_string(w.start) + ": " + markdown_text(w.message) + "\n";
  }
}

}  // namespace

std::string to_json(const report& r, const json_options& options) {
  return dump(report_json_object(r, options.include_text), options.indent);
}

std::string to_json(const report& r, int indent) {
  json_options o;
  o.indent = indent;
  return to_json(r, o);
}

namespace {

/// The parsed annals.report/1 document. @throws input_error when it is not one.
json parse_report_document(std::string_view text) {
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    throw input_error("report json: malformed JSON at byte " + std::to_string(e.byte));
  }
  if (!doc.is_object()) throw input_error("report json: not a JSON object");
  const json* schema = find(doc, "schema");
  if (!schema || !schema->is_string()) throw input_error("report json: no \"schema\" field");
  if (schema->get_ref<const std::string&>() != report_schema)
    throw input_error("report json: schema '" + schema->get<std::string>().substr(0, 40) + "' is not " +
                      std::string(report_schema));
  return doc;
}

/// The source and the report's metadata (and its text).
void source_and_meta_from(const json& doc, report& r) {
  const json& src = require_object(doc, "source", "");
  r.source.name = get_string(src, "name", "source");
  r.source.sha256 = get_string(src, "sha256", "source");
  r.source.encoding = get_string(src, "encoding", "source");
  r.source.format = get_string(src, "format", "source");
  if (const json* ps = find(src, "page_starts"); ps && ps->is_array())
    for (const auto& v : *ps)
      if (v.is_number_unsigned()) r.source.page_starts.push_back(v.get<std::size_t>());

  const json& meta = require_object(doc, "report", "");
  r.meta.title = get_string_or_empty(meta, "title", "report");
  r.meta.issuer = get_opt_string(meta, "issuer", "report");
  r.meta.jurisdiction = get_opt_string(meta, "jurisdiction", "report");
  if (const auto y = get_opt_int(meta, "year", "report")) {
    try {
      r.meta.year = report_year(*y);
    } catch (const error&) {
      bad("report.year", "out of range");
    }
  }
  r.meta.published = get_opt_date(meta, "published", "report");
  r.meta.recipient = get_opt_string(meta, "recipient", "report");
  r.text = get_string_or_empty(doc, "text", "");
}

section section_from(const json& so, const std::string& path) {
  if (!so.is_object()) bad(path, "not an object");
  section s;
  s.ordinal = get_int(so, "ordinal", path);
  s.marker = get_string(so, "marker", path);
  s.heading = get_string(so, "heading", path);
  s.span = get_span(so, path);
  const json& items = require_array(so, "items", path);
  for (std::size_t k = 0; k < items.size(); ++k) {
    const std::string ipath = path + "." + element("items", k);
    const json& io = items[k];
    if (!io.is_object()) bad(ipath, "not an object");
    item it;
    it.ordinal = get_int(io, "ordinal", ipath);
    it.marker = get_string(io, "marker", ipath);
    it.title = get_string(io, "title", ipath);
    it.span = get_span(io, ipath);
    s.items.push_back(std::move(it));
  }
  return s;
}

date_mention date_from(const json& d, const std::string& path) {
  if (!d.is_object()) bad(path, "not an object");
  const auto value = get_opt_date(d, "value", path);
  if (!value) bad(at(path, "value"), "missing");
  return {get_string(d, "text", path), *value, get_string(d, "role", path), get_span(d, path)};
}

warning warning_from(const json& w, const std::string& path) {
  if (!w.is_object()) bad(path, "not an object");
  return {get_string(w, "code", path), get_string(w, "message", path), get_offset(w, "start", path)};
}

}  // namespace

report report_from_json(std::string_view text) {
  const json doc = parse_report_document(text);
  report r;
  source_and_meta_from(doc, r);
  const json& sections = require_array(doc, "sections", "");
  for (std::size_t i = 0; i < sections.size(); ++i) r.sections.push_back(section_from(sections[i], element("sections", i)));
  const json& facts = require_array(doc, "facts", "");
  for (std::size_t i = 0; i < facts.size(); ++i) r.facts.push_back(fact_from(facts[i], element("facts", i)));
  const json& changes = require_array(doc, "changes", "");
  for (std::size_t i = 0; i < changes.size(); ++i) r.changes.push_back(change_from(changes[i], element("changes", i)));
  const json& dates = require_array(doc, "dates", "");
  for (std::size_t i = 0; i < dates.size(); ++i) r.dates.push_back(date_from(dates[i], element("dates", i)));
  const json& commitments = require_array(doc, "commitments", "");
  for (std::size_t i = 0; i < commitments.size(); ++i)
    r.commitments.push_back(commitment_from(commitments[i], element("commitments", i)));
  goals_from_facts(r);  // the old form: a target's goal is the fact it names
  const json& warnings = require_array(doc, "warnings", "");
  for (std::size_t i = 0; i < warnings.size(); ++i) r.warnings.push_back(warning_from(warnings[i], element("warnings", i)));
  return r;
}

std::string to_jsonl(std::span<const report> reports) {
  std::string out;
  for (const report& r : reports) {
    for (const fact& f : r.facts) {
      ojson o;
      o["source"] = r.source.name;
      o["sha256"] = r.source.sha256;
      o["jurisdiction"] = opt_string(r.meta.jurisdiction);
      o["year"] = r.meta.year ? ojson(r.meta.year->value()) : ojson(nullptr);
      const ojson fields = fact_json(f);  // named: items() of a temporary would dangle
      for (const auto& [key, value] : fields.items()) o[key] = value;
      out += dump(o, -1);
      out.push_back('\n');
    }
  }
  return out;
}

std::string to_jsonl(const report& r) { return to_jsonl(std::span<const report>(&r, 1)); }

std::string to_csv(std::span<const report> reports) {
  std::string out =
      "source,sha256,jurisdiction,year,id,section,item,label,text,value,unit,qualifier,qualifier_text,lo,hi,"
      "lo_closed,hi_closed,kind,flags,start,end\r\n";
  for (const report& r : reports) {
    const std::string prefix = csv_field(r.source.name) + "," + csv_field(r.source.sha256) + "," +
                               csv_field(r.meta.jurisdiction.value_or("")) + "," +
                               (r.meta.year ? std::to_string(r.meta.year->value()) : std::string()) + ",";
    for (const fact& f : r.facts) {
      const interval b = fact_bounds(f);
      std::string flags;
      if (f.cumulative) flags += "cumulative";
      if (f.average) flags += flags.empty() ? "average" : ";average";
      out += prefix;
      out += csv_field(f.id) + "," + opt_text(f.section) + "," + opt_text(f.item) + "," +
             csv_field(f.label) + "," + csv_field(f.text) + "," +
             csv_field(f.q.value.to_string(), csv_kind::number) + "," + csv_field(f.q.unit) + "," +
             std::string(to_string(f.q.qual)) + "," + csv_field(f.qualifier_text) + "," +
             csv_field(opt_text(b.lo), csv_kind::number) + "," + csv_field(opt_text(b.hi), csv_kind::number) + "," +
             (b.lo_closed ? "true" : "false") + "," + (b.hi_closed ? "true" : "false") + "," +
             std::string(to_string(f.kind)) + "," + flags + "," + std::to_string(f.span.start) + "," +
             std::to_string(f.span.end) + "\r\n";
    }
  }
  return out;
}

std::string to_csv(const report& r) { return to_csv(std::span<const report>(&r, 1)); }

std::string to_markdown(std::span<const report> reports) {
  std::string out;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    if (i > 0) out += "\n---\n\n";
    markdown_one(out, reports[i]);
  }
  return out;
}

std::string to_markdown(const report& r) { return to_markdown(std::span<const report>(&r, 1)); }

}  // namespace annals
