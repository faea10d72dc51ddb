#include "records.hpp"
#include "text_table.hpp"

#include <annals/csv.hpp>
#include <annals/markdown.hpp>

#include <nlohmann/json.hpp>

#include <charconv>
#include <string_view>
#include <stdexcept>

namespace annals::cli {

namespace {

using ordered = nlohmann::ordered_json;

ordered json_cell(const cell& c, cell_type type) {
  if (!c) return nullptr;
  switch (type) {
    case cell_type::integer: {
      std::int64_t v = 0;
      const auto [p, ec] = std::from_chars(c->data(), c->data() + c->size(), v);
      if (ec == std::errc() && p == c->data() + c->size()) return v;
      return *c;
    }
    case cell_type::boolean: return *c == "true";
    case cell_type::text:
    case cell_type::decimal: return *c;  // exact: a decimal stays the string it was written as
  }
  return *c;
}

ordered json_record(const record_set& r, const std::vector<cell>& row) {
  ordered o = ordered::object();
  for (std::size_t i = 0; i < r.columns.size(); ++i)
    o[r.columns[i].name] = json_cell(i < row.size() ? row[i] : cell(), r.columns[i].type);
  return o;
}

void render_csv(std::ostream& out, const record_set& r, bool bom, bool header = true) {
  std::string s;
  if (header) {
    if (bom) s += utf8_bom;
    for (std::size_t i = 0; i < r.columns.size(); ++i) {
      if (i) s += ',';
      append_csv_field(s, r.columns[i].name);
    }
    s += '\n';
  }
  for (const auto& row : r.rows) {
    for (std::size_t i = 0; i < r.columns.size(); ++i) {
      if (i) s += ',';
      if (i >= row.size() || !row[i]) continue;
      const bool number = r.columns[i].type == cell_type::decimal || r.columns[i].type == cell_type::integer;
      append_csv_field(s, *row[i], number ? csv_kind::number : csv_kind::text);
    }
    s += '\n';
    if (s.size() > (std::size_t{1} << 16)) {
      out << s;
      s.clear();
    }
  }
  out << s;
}

void render_table(std::ostream& out, const record_set& r) {
  std::vector<std::string> header;
  for (const auto& c : r.columns)
    header.push_back((c.type == cell_type::decimal || c.type == cell_type::integer ? ">" : "") + c.name);
  text_table t(std::move(header));
  for (const auto& row : r.rows) {
    std::vector<std::string> cells;
    for (std::size_t i = 0; i < r.columns.size(); ++i) cells.push_back(i < row.size() && row[i] ? *row[i] : "—");
    t.add(std::move(cells));
  }
  t.print(out, 40);
  out << r.rows.size() << (r.rows.size() == 1 ? " record" : " records") << "\n";
}

void render_md(std::ostream& out, const record_set& r, bool header = true) {
  if (header) {
    std::string head = "|", rule = "|";
    for (const auto& c : r.columns) {
      head.append(" ").append(c.name).append(" |");  // names are ASCII identifiers: nothing to escape
      rule += c.type == cell_type::decimal || c.type == cell_type::integer ? " ---: |" : " --- |";
    }
    out << head << "\n" << rule << "\n";
  }
  for (const auto& row : r.rows) {
    std::string line = "|";
    for (std::size_t i = 0; i < r.columns.size(); ++i)
      line.append(" ").append(i < row.size() && row[i] ? markdown_text(*row[i]) : std::string()).append(" |");
    out << line << "\n";
  }
}

/// The opening of the json document, up to its array's key and colon.
std::string json_head(const record_set& r) {
  std::string s = "{\n  \"schema\": ";
  s.append(ordered(r.schema).dump()).append(",\n  ").append(ordered(r.key).dump()).append(": ");
  return s;
}

/// One record of the json document's array after `s`: the bytes nlohmann's dump(2) gives for it
/// inside the whole document (the record dumped alone and indented two levels), so that no tree
/// of every record is built (`reports --db --format json` of 100,000 reports built 446 MB for
/// 63 MB of output). `first`: the array opens here, else a comma ends the record before.
void append_json_record(std::string& s, const record_set& r, const std::vector<cell>& row, bool first) {
  s += first ? "[\n    " : ",\n    ";
  for (const char c : json_record(r, row).dump(2)) {
    s += c;
    if (c == '\n') s += "    ";  // a newline in a dump is layout: one in a string is written \n
  }
}

/// The end of the json document after `rows` records.
constexpr std::string_view json_tail(std::size_t rows) { return rows == 0 ? "[]\n}\n" : "\n  ]\n}\n"; }

void render_json(std::ostream& out, const record_set& r) {
  std::string s = json_head(r);
  for (std::size_t k = 0; k < r.rows.size(); ++k) {
    append_json_record(s, r, r.rows[k], k == 0);
    if (s.size() > (std::size_t{1} << 16)) {
      out << s;
      s.clear();
    }
  }
  out << s << json_tail(r.rows.size());
}

}  // namespace

void render_rows(std::ostream& out, const record_set& r, format fmt, bool bom, bool header) {
  switch (fmt) {
    case format::csv: render_csv(out, r, bom, header); return;
    case format::md: render_md(out, r, header); return;
    case format::jsonl:
      for (const auto& row : r.rows) out << json_record(r, row).dump() << "\n";
      return;
    case format::table:
    case format::json: throw std::logic_error("render_rows: table and json are whole documents");
  }
}

void render(std::ostream& out, const record_set& r, format fmt, bool bom) {
  switch (fmt) {
    case format::csv: render_csv(out, r, bom); return;
    case format::table: render_table(out, r); return;
    case format::md: render_md(out, r); return;
    case format::jsonl:
      for (const auto& row : r.rows) out << json_record(r, row).dump() << "\n";
      return;
    case format::json: render_json(out, r); return;
  }
}

record_writer::record_writer(std::ostream& out, record_set columns, format fmt, bool bom)
    : out_(out), set_(std::move(columns)), fmt_(fmt), bom_(bom) {
  if (fmt == format::table) throw std::logic_error("record_writer: a table needs every row first");
  set_.rows.clear();
  if (fmt == format::json) json_ = json_head(set_);
}

void record_writer::add(std::vector<cell> row) {
  if (fmt_ == format::json) {
    append_json_record(json_, set_, row, count_ == 0);
    if (json_.size() > (std::size_t{1} << 16)) {
      out_ << json_;
      json_.clear();
    }
  } else {
    set_.rows.push_back(std::move(row));
    if (set_.rows.size() >= 256) write_batch();
  }
  ++count_;
}

void record_writer::write_batch() {
  // the header goes with the first batch, even an empty one (csv's names, md's head)
  render_rows(out_, set_, fmt_, bom_, !header_written_);
  header_written_ = true;
  set_.rows.clear();
}

void record_writer::finish() {
  if (fmt_ == format::json) {
    out_ << json_ << json_tail(count_);
    json_.clear();
  } else if (!set_.rows.empty() || !header_written_) {
    write_batch();
  }
}

}  // namespace annals::cli
