// Plan documents (年度法治政府建设重点工作安排) as JSON or CSV, and the check of their counts
// against a report's plan commitment (明确七个方面24项工作任务).

#include "track_detail.hpp"

#include "figures/numerals_detail.hpp"

#include <annals/sha256.hpp>
#include <annals/text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace annals {

std::vector<std::string> plan::groups() const {
  std::vector<std::string> out;
  for (const auto& t : tasks)
    if (std::find(out.begin(), out.end(), t.group) == out.end()) out.push_back(t.group);
  return out;
}

std::optional<int> parse_count(std::string_view s) {
  if (s.empty() || s.size() > 40) return std::nullopt;
  bool ascii = true;
  for (char c : s) ascii = ascii && c >= '0' && c <= '9';
  if (ascii) {
    if (s.size() > 4) return std::nullopt;
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
  }
  const auto t = detail::decode(s);
  int total = 0, current = 0;
  bool any = false;
  for (char32_t c : t) {
    // 〇 is not a digit of a count (counts write 一百零五)
    if (const int d = detail::chinese_digit(c); d >= 0 && c != U'〇') {
      current = d;
      any = true;
      continue;
    }
    const int e = detail::chinese_unit_exponent(c);
    if (e < 1 || e > 3) return std::nullopt;  // 十 百 千 only
    const int unit = e == 1 ? 10 : e == 2 ? 100 : 1000;
    if (current == 0 && unit == 10) current = 1;  // 十二 = 12
    total += current * unit;
    current = 0;
    any = true;
  }
  if (!any) return std::nullopt;
  total += current;
  if (total > 9999) return std::nullopt;
  return total;
}

namespace {

[[noreturn]] void fail(std::string_view name, std::size_t line, const std::string& why) {
  std::string m = "plan: " + std::string(name);
  if (line > 0) m += ": line " + std::to_string(line);
  throw input_error(m + ": " + why);
}

std::string sha_hex(std::string_view bytes) {
  sha256 h;
  h.update(bytes);
  return h.finish_hex();
}

std::string_view strip_bom(std::string_view t) {
  if (t.size() >= 3 && t.substr(0, 3) == "\xEF\xBB\xBF") t.remove_prefix(3);
  return t;
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return std::string(s.substr(b, e - b));
}

decimal number(std::string_view name, std::size_t line, const std::string& field, const std::string& text) {
  std::string t = trim(text);
  t.erase(std::remove(t.begin(), t.end(), ','), t.end());
  auto v = decimal::try_parse(t);
  if (!v) fail(name, line, field + " '" + t.substr(0, 40) + "' is not a number");
  return *v;
}

calendar_date deadline_of(std::string_view name, std::size_t line, const std::string& text) {
  const std::string t = trim(text);
  // the ASCII digits t[at, at + n) as a number, if they are all digits
  const auto number = [&t](std::size_t at, std::size_t n) -> std::optional<int> {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return std::nullopt;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  std::optional<calendar_date> d;
  if (t.size() == 4) {
    if (const auto y = number(0, 4)) d = calendar_date::from_ymd(*y, 12, 31);
  } else if (t.size() == 7 && t[4] == '-') {
    const auto y = number(0, 4), m = number(5, 2);
    if (y && m) d = calendar_date::try_end_of_month(*y, *m);
  } else {
    d = calendar_date::try_parse_iso(t);
  }
  if (!d) fail(name, line, "deadline '" + t.substr(0, 40) + "' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
  return *d;
}

int year_number(std::string_view name, std::size_t line, const std::string& field, const std::string& text) {
  const std::string t = trim(text);
  if (t.empty() || t.size() > 4 || !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }))
    fail(name, line, field + " '" + t.substr(0, 20) + "' is not a year");
  const int y = std::stoi(t);
  if (y < 1949 || y > 2200) fail(name, line, field + " " + t + " is out of range");
  return y;
}

void validate(plan& p, std::string_view name) {
  if (p.tasks.empty()) fail(name, 0, "no tasks");
  std::map<std::string, std::size_t> seen;
  for (const auto& t : p.tasks) {
    if (t.id.empty()) fail(name, t.line, "task without an id");
    if (trim(t.text).empty()) fail(name, t.line, "task " + t.id + " has no text");
    if (trim(t.group).empty()) fail(name, t.line, "task " + t.id + " has no group");
    auto [it, fresh] = seen.emplace(t.id, t.line);
    if (!fresh) fail(name, t.line, "duplicate task id " + t.id + " (first on line " + std::to_string(it->second) + ")");
  }
}

// ---- JSON ----------------------------------------------------------------------------------

std::size_t line_at(std::string_view text, std::size_t byte) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) line += text[i] == '\n' ? 1u : 0u;
  return line;
}

/// Lines of the objects inside arrays that sit directly in the top-level object (the tasks).
std::vector<std::size_t> task_object_lines(std::string_view t) {
  std::vector<std::size_t> out;
  std::vector<char> stack;
  std::size_t line = 1;
  bool in_string = false, escaped = false;
  for (char c : t) {
    if (c == '\n') ++line;
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (c == '{' && stack.size() == 2 && stack[0] == '{' && stack[1] == '[') out.push_back(line);
      stack.push_back(c);
    } else if ((c == '}' || c == ']') && !stack.empty()) {
      stack.pop_back();
    }
  }
  return out;
}

std::string scalar_text(const nlohmann::json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number()) return j.dump();
  return {};
}

}  // namespace

plan parse_plan_json(std::string_view raw, std::string_view name) {
  const std::string_view text = strip_bom(raw);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    fail(name, line_at(text, e.byte > 0 ? e.byte - 1 : 0), "malformed JSON");
  }
  if (!j.is_object()) fail(name, 1, "a plan is a JSON object with a \"tasks\" array");
  if (!j.contains("tasks") || !j["tasks"].is_array()) fail(name, 1, "no \"tasks\" array");
  plan p;
  p.name = std::string(name);
  p.sha256 = sha_hex(raw);
  if (j.contains("title") && j["title"].is_string()) p.title = j["title"].get<std::string>();
  if (j.contains("jurisdiction") && j["jurisdiction"].is_string())
    p.jurisdiction = j["jurisdiction"].get<std::string>();
  if (j.contains("year") && !j["year"].is_null()) {
    const auto y = scalar_text(j["year"]);
    p.year = report_year(year_number(name, 1, "year", y));
  }
  const auto lines = task_object_lines(text);
  std::size_t k = 0;
  for (const auto& t : j["tasks"]) {
    const std::size_t line = k < lines.size() ? lines[k] : 0;
    ++k;
    if (!t.is_object()) fail(name, line, "task " + std::to_string(k) + " is not an object");
    plan_task task;
    task.line = line;
    if (t.contains("id")) task.id = trim(scalar_text(t["id"]));
    if (t.contains("group") && t["group"].is_string()) task.group = t["group"].get<std::string>();
    if (t.contains("text") && t["text"].is_string()) task.text = t["text"].get<std::string>();
    const nlohmann::json* tg = nullptr;
    if (t.contains("target") && t["target"].is_object()) tg = &t["target"];
    if (tg || (t.contains("target") && !t["target"].is_null())) {
      const nlohmann::json& o = tg ? *tg : t;
      plan_target target;
      const std::string value_field = tg ? "value" : "target";
      if (!o.contains(value_field) || scalar_text(o[value_field]).empty())
        fail(name, line, "task " + task.id + ": target without a value");
      target.value = number(name, line, "target", scalar_text(o[value_field]));
      const std::string label_field = tg ? "label" : "target_label";
      if (o.contains(label_field) && o[label_field].is_string()) target.label = o[label_field].get<std::string>();
      if (o.contains("unit") && o["unit"].is_string()) target.unit = o["unit"].get<std::string>();
      if (o.contains("baseline") && !o["baseline"].is_null())
        target.baseline = number(name, line, "baseline", scalar_text(o["baseline"]));
      if (o.contains("baseline_year") && !o["baseline_year"].is_null())
        target.baseline_year = year_number(name, line, "baseline_year", scalar_text(o["baseline_year"]));
      if (o.contains("deadline") && !o["deadline"].is_null())
        target.deadline = deadline_of(name, line, scalar_text(o["deadline"]));
      task.target = std::move(target);
    }
    p.tasks.push_back(std::move(task));
  }
  validate(p, name);
  return p;
}

// ---- CSV -----------------------------------------------------------------------------------------

namespace {

struct csv_record {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

std::vector<csv_record> read_csv(std::string_view t, std::string_view name) {
  std::vector<csv_record> out;
  std::size_t i = 0, line = 1;
  while (i < t.size()) {
    csv_record rec;
    rec.line = line;
    std::string field;
    bool quoted = false, was_quoted = false;
    bool end_of_record = false;
    while (i < t.size() && !end_of_record) {
      const char c = t[i];
      if (quoted) {
        if (c == '"') {
          if (i + 1 < t.size() && t[i + 1] == '"') {
            field += '"';
            i += 2;
          } else {
            quoted = false;
            ++i;
          }
        } else {
          if (c == '\n') ++line;
          field += c;
          ++i;
        }
        continue;
      }
      if (c == '"') {
        if (!trim(field).empty()) fail(name, line, "a quote inside an unquoted field");
        field.clear();
        quoted = was_quoted = true;
        ++i;
      } else if (c == ',') {
        rec.fields.push_back(was_quoted ? field : trim(field));
        field.clear();
        was_quoted = false;
        ++i;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < t.size() && t[i + 1] == '\n') ++i;
        ++i;
        ++line;
        end_of_record = true;
      } else {
        if (was_quoted && c != ' ' && c != '\t') fail(name, line, "text after a closing quote");
        field += c;
        ++i;
      }
    }
    if (quoted) fail(name, rec.line, "unterminated quoted field");
    rec.fields.push_back(was_quoted ? field : trim(field));
    const bool blank = rec.fields.size() == 1 && rec.fields[0].empty();
    if (!blank) out.push_back(std::move(rec));
  }
  return out;
}

std::string column_of(const std::string& header) {
  static const std::map<std::string, std::string> names{
      {"id", "id"},          {"编号", "id"},           {"序号", "id"},
      {"group", "group"},    {"方面", "group"},         {"分组", "group"},
      {"类别", "group"},     {"text", "text"},          {"任务", "text"},
      {"工作任务", "text"},  {"内容", "text"},          {"target_label", "target_label"},
      {"label", "target_label"}, {"指标", "target_label"}, {"target", "target"},
      {"目标值", "target"},  {"unit", "unit"},          {"单位", "unit"},
      {"baseline", "baseline"}, {"基数", "baseline"},   {"基期值", "baseline"},
      {"baseline_year", "baseline_year"}, {"基期年份", "baseline_year"},
      {"deadline", "deadline"}, {"完成时限", "deadline"}, {"截止日期", "deadline"}};
  std::string h = trim(header);
  std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) {
    return c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c);
  });
  auto it = names.find(h);
  return it == names.end() ? std::string() : it->second;
}

}  // namespace

plan parse_plan_csv(std::string_view raw, std::string_view name) {
  const std::string_view text = strip_bom(raw);
  plan p;
  p.name = std::string(name);
  p.sha256 = sha_hex(raw);
  // leading "# key: value" lines carry the plan's title, jurisdiction and year
  std::size_t pos = 0, line = 1;
  while (pos < text.size() && text[pos] == '#') {
    std::size_t e = text.find('\n', pos);
    if (e == std::string_view::npos) e = text.size();
    const std::string l = trim(text.substr(pos + 1, e - pos - 1));
    const auto colon = l.find_first_of(":=");
    if (colon != std::string::npos) {
      const std::string key = trim(l.substr(0, colon)), value = trim(l.substr(colon + 1));
      if (key == "title") p.title = value;
      if (key == "jurisdiction") p.jurisdiction = value;
      if (key == "year") p.year = report_year(year_number(name, line, "year", value));
    }
    pos = e < text.size() ? e + 1 : e;
    ++line;
  }
  auto records = read_csv(text.substr(pos), name);
  for (auto& r : records) r.line += line - 1;
  if (records.empty()) fail(name, line, "no header line");
  const auto& header = records.front();
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const auto c = column_of(header.fields[i]);
    if (c.empty()) continue;
    if (col.count(c)) fail(name, header.line, "column '" + c + "' appears twice");
    col[c] = i;
  }
  for (const char* need : {"id", "group", "text"})
    if (!col.count(need)) fail(name, header.line, std::string("header has no '") + need + "' column");
  for (std::size_t k = 1; k < records.size(); ++k) {
    const auto& r = records[k];
    if (r.fields.size() > header.fields.size())
      fail(name, r.line, std::to_string(r.fields.size()) + " fields, the header has " +
                             std::to_string(header.fields.size()));
    auto get = [&](const char* c) -> std::string {
      auto it = col.find(c);
      if (it == col.end() || it->second >= r.fields.size()) return {};
      return r.fields[it->second];
    };
    plan_task t;
    t.line = r.line;
    t.id = trim(get("id"));
    t.group = get("group");
    t.text = get("text");
    const std::string target = trim(get("target"));
    if (!target.empty()) {
      plan_target g;
      g.value = number(name, r.line, "target", target);
      g.label = get("target_label");
      g.unit = trim(get("unit"));
      if (auto b = trim(get("baseline")); !b.empty()) g.baseline = number(name, r.line, "baseline", b);
      if (auto y = trim(get("baseline_year")); !y.empty()) g.baseline_year = year_number(name, r.line, "baseline_year", y);
      if (auto d = trim(get("deadline")); !d.empty()) g.deadline = deadline_of(name, r.line, d);
      t.target = std::move(g);
    } else {
      for (const char* c : {"unit", "baseline", "baseline_year", "deadline"})
        if (!trim(get(c)).empty()) fail(name, r.line, std::string(c) + " given without a target");
    }
    p.tasks.push_back(std::move(t));
  }
  validate(p, name);
  return p;
}

namespace {

std::string read_all(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) fail(path.string(), 0, "is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path.string(), 0, "cannot be read");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) fail(path.string(), 0, "cannot be read");
  return ss.str();
}

std::string extension(const std::filesystem::path& path) {
  std::string e = path.extension().string();
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return e;
}

}  // namespace

plan load_plan(const std::filesystem::path& path) {
  const std::string ext = extension(path);
  if (ext != ".json" && ext != ".csv") fail(path.string(), 0, "not a .json or .csv plan");
  const std::string bytes = read_all(path);
  if (bytes.find('\0') != std::string::npos) fail(path.string(), 0, "not a text file");
  if (!utf8::is_valid(bytes)) fail(path.string(), 0, "not valid UTF-8");
  const std::string name = path.filename().string();
  return ext == ".json" ? parse_plan_json(bytes, name) : parse_plan_csv(bytes, name);
}

bool is_plan_file(const std::filesystem::path& path) {
  const std::string ext = extension(path);
  if (ext == ".csv") return true;
  if (ext != ".json") return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  try {
    const auto j = nlohmann::json::parse(strip_bom(text));
    return j.is_object() && j.contains("tasks") && !j.contains("schema_report") &&
           !(j.contains("schema") && j["schema"].is_string() && j["schema"].get<std::string>() == "annals.report/1");
  } catch (const nlohmann::json::exception&) {
    // malformed: a plan if it says so, so that load_plan reports the line
    return text.find("\"tasks\"") != std::string::npos;
  }
}

std::vector<plan_finding> check_plan_counts(const plan& p, const report& r) {
  std::vector<plan_finding> out;
  const auto doc = detail::segment(r);
  std::vector<commitment> candidates;
  for (const auto& c : r.commitments)
    if (c.kind == commitment_kind::plan && (c.groups || c.count)) candidates.push_back(c);
  if (candidates.empty()) candidates = detail::plan_mentions(doc);
  const int groups = static_cast<int>(p.groups().size());
  const int tasks = static_cast<int>(p.tasks.size());
  if (p.year && r.meta.year && *p.year != *r.meta.year) {
    out.push_back({"year_mismatch",
                   "the plan is for " + std::to_string(p.year->value()) + ", the report for " +
                       std::to_string(r.meta.year->value()),
                   p.year->value(), r.meta.year->value(), std::nullopt});
  }
  if (candidates.empty()) {
    out.push_back({"no_plan_commitment", "the report states no plan count (明确…个方面…项工作任务)", tasks,
                   std::nullopt, std::nullopt});
    return out;
  }
  // prefer the commitment whose sentence names the plan's year, then one with both counts
  const commitment* best = nullptr;
  int best_rank = -1;
  for (const auto& c : candidates) {
    int rank = (c.groups && c.count) ? 1 : 0;
    if (p.year) {
      const auto year = std::to_string(p.year->value()) + "年度";
      std::size_t from = 0;
      for (const auto& s : doc.sentences)
        if (s.start <= c.span.start && c.span.start <= s.end) from = s.start;
      const auto sentence = doc.utf8({from, std::max(c.span.end, from)});
      if (sentence.find(year) != std::string::npos || c.text.find(year) != std::string::npos) rank += 2;
    }
    if (rank > best_rank) {
      best_rank = rank;
      best = &c;
    }
  }
  bool agree = true;
  if (best->groups && *best->groups != groups) {
    agree = false;
    out.push_back({"group_count_mismatch",
                   "the report counts " + std::to_string(*best->groups) + " groups, the plan has " +
                       std::to_string(groups),
                   groups, *best->groups, best->id});
  }
  if (best->count && *best->count != tasks) {
    agree = false;
    out.push_back({"task_count_mismatch",
                   "the report counts " + std::to_string(*best->count) + " tasks, the plan has " +
                       std::to_string(tasks),
                   tasks, *best->count, best->id});
  }
  if (agree)
    out.push_back({"counts_agree",
                   "the plan has " + std::to_string(groups) + " groups and " + std::to_string(tasks) +
                       " tasks, as the report says",
                   tasks, best->count, best->id});
  return out;
}

}  // namespace annals
