// annals extract — read report files and print what the reader found (annals.report/1).
//
// The files are read and formatted on --jobs threads (report_json.hpp's writers, each report into
// its own text) and written in the order given, each as soon as it and those before it are done,
// so memory holds a few reports, never the whole output. One unreadable file fails the command
// (exit 3) with nothing on stdout: the output goes through a stdout_spool (files.hpp) — straight
// into stdout when it is a regular file, truncated back on failure; else in memory up to 32 MB,
// past that in a temporary file, until every file is read, then to stdout. With --skip-unsupported, a file in a format annals
// does not read is named on stderr and left out instead.
#include "cli.hpp"
#include "files.hpp"
#include "parallel_detail.hpp"
#include "records.hpp"

#include <annals/error.hpp>
#include <annals/reader.hpp>
#include <annals/report_json.hpp>

#include <iostream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace {

using annals::cli::format;

struct extract_options {
  std::vector<std::string> files;
  format fmt = format::json;
  bool with_text = false;
  bool skip_unsupported = false;
  bool bom = true;
  unsigned jobs = 0;
};

/// A stream buffer appending to a string: a worker formats its report into its own text.
class append_buf : public std::streambuf {
 public:
  explicit append_buf(std::string& s) : s_(s) {}

 protected:
  std::streamsize xsputn(const char* p, std::streamsize n) override {
    s_.append(p, static_cast<std::size_t>(n));
    return n;
  }
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) s_.push_back(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }

 private:
  std::string& s_;
};

/// The report as one entry of the chosen format (table: nothing, its rows are made at the end).
void format_entry(const annals::report& r, const extract_options& o, const annals::json_options& jo,
                  std::ostream& out) {
  switch (o.fmt) {
    case format::json: annals::write_json(out, r, jo); break;
    case format::jsonl: annals::write_jsonl(out, r); break;
    case format::csv: annals::write_csv_rows(out, r); break;
    case format::md: annals::write_markdown(out, r); break;
    case format::table: break;
  }
}

/// Reports up to this size of text are formatted on the worker that read them (so --jobs N
/// formats in parallel); larger ones stream from the report on the writing thread instead, so
/// their output is never held whole in memory.
constexpr std::size_t format_on_worker_below = std::size_t{8} << 20;

/// Writes the entries in the layout of the chosen format as they come. JSON of one report is a
/// single object and of several an array, so the first report waits until the second arrives
/// (or the end) to know which.
class report_printer {
 public:
  report_printer(std::ostream& out, const extract_options& o, const annals::json_options& jo)
      : out_(out), o_(o), jo_(jo) {}

  /// The next report: formatted by the worker (r.text) or still a report (r.report).
  void add(annals::detail::read_outcome&& r) {
    switch (o_.fmt) {
      case format::json:
        if (count_ == 0) {
          held_ = std::move(r);
        } else {
          if (count_ == 1) {
            out_ << "[\n";
            emit(held_);
            held_ = {};
          }
          out_ << ",\n";
          emit(r);
        }
        break;
      case format::jsonl: emit(r); break;
      case format::csv:
        if (count_ == 0) {
          if (o_.bom) out_ << annals::cli::utf8_bom;
          annals::write_csv_header(out_);
        }
        emit(r);
        break;
      case format::md:
        if (count_ > 0) out_ << "\n---\n\n";
        emit(r);
        break;
      case format::table: add_rows(*r.report); break;
    }
    ++count_;
  }

  void finish() {
    if (o_.fmt == format::table) annals::cli::render(out_, table_, format::table, false);
    if (o_.fmt != format::json) return;
    if (count_ == 1) {  // exactly one report
      emit(held_);
      out_ << "\n";
    } else if (count_ > 1) {
      out_ << "\n]\n";
    }
  }

  [[nodiscard]] std::size_t count() const noexcept { return count_; }

 private:
  void emit(const annals::detail::read_outcome& r) {
    if (r.report) format_entry(*r.report, o_, jo_, out_);
    else out_ << r.text;
  }

  /// table: the facts of every report, one row each (the csv's main columns), printed at the end.
  void add_rows(const annals::report& r) {
    using annals::cli::cell_type;
    if (table_.columns.empty())
      table_.columns = {{"source", cell_type::text}, {"jurisdiction", cell_type::text}, {"year", cell_type::integer},
                        {"fact", cell_type::text},   {"label", cell_type::text},        {"text", cell_type::text},
                        {"value", cell_type::decimal}, {"unit", cell_type::text},       {"kind", cell_type::text}};
    for (const annals::fact& f : r.facts)
      table_.rows.push_back({r.source.name, r.meta.jurisdiction,
                             r.meta.year ? annals::cli::int_cell(r.meta.year->value()) : annals::cli::cell(), f.id,
                             f.label, f.text, f.q.value.to_string(), annals::cli::text_or_null(f.q.unit),
                             std::string(annals::to_string(f.kind))});
  }

  annals::cli::record_set table_;
  std::ostream& out_;
  const extract_options& o_;
  const annals::json_options& jo_;
  annals::detail::read_outcome held_;
  std::size_t count_ = 0;
};

int run(const extract_options& o, annals::cli::io& io) {
  annals::cli::spooled_stdout spooled;
  std::ostream& out = spooled.stream();
  annals::json_options jo;
  jo.include_text = o.with_text;
  report_printer printer(out, o, jo);
  std::size_t unsupported = 0;
  std::size_t stdin_uses = 0;
  for (const auto& f : o.files)
    if (f == "-") ++stdin_uses;
  // standard input read twice: in order, on one thread (the second read finds it empty)
  const unsigned jobs = stdin_uses > 1 ? 1 : annals::detail::worker_count(o.jobs, o.files.size());
  annals::detail::ordered_parallel<annals::detail::read_outcome>(
      o.files.size(), jobs,
      [&](std::size_t i, annals::detail::reader_state& state) {
        auto r = annals::detail::read_one(o.files[i], state);
        if (jobs > 1 && r.report && o.fmt != format::table && r.report->text.size() < format_on_worker_below) {
          if (o.fmt == format::jsonl) {  // the text made in place, not copied from a stream's buffer
            r.text = annals::to_jsonl(*r.report);
          } else {
            append_buf buf(r.text);
            std::ostream text(&buf);
            format_entry(*r.report, o, jo, text);
          }
          r.report.reset();
        }
        return r;
      },
      [&](std::size_t, annals::detail::read_outcome&& r) {
        io.err << r.notes;
        if (r.error) {
          try {
            std::rethrow_exception(r.error);
          } catch (const annals::unsupported_input_error& e) {
            if (!o.skip_unsupported) throw;
            io.err << "annals: " << e.what() << " (skipped)\n";
            ++unsupported;
          }
          return;
        }
        printer.add(std::move(r));
      });
  if (printer.count() == 0)  // every file was of a format annals does not read
    throw annals::input_error("extract: none of the " + std::to_string(unsupported) + " files is in a format annals reads");
  printer.finish();
  spooled.commit();
  return 0;
}

const annals::cli::registration reg{10, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<extract_options>();
  CLI::App* sub = app.add_subcommand("extract", "Read report files and print their figures, changes and commitments");
  sub->add_option("files", o->files, "report files (.txt in UTF-8, GB18030 or UTF-16; saved .htm/.html; .pdf with a text layer; .docx); - reads standard input")->required();
  annals::cli::add_max_bytes_option(*sub);
  annals::detail::add_jobs_option(*sub, o->jobs);
  annals::cli::add_format_option(*sub, o->fmt, o->bom, format::json);
  sub->add_flag("--with-text", o->with_text, "json: add the decoded text the spans index");
  sub->add_flag("--skip-unsupported", o->skip_unsupported,
                "leave out files in a format annals does not read (.doc, .xls, images …), naming them on stderr, "
                "instead of failing with exit 3");
  sub->footer(
      "json: one annals.report/1 object (docs/report-json.md); with several files, a JSON array of them\n"
      "in the order given. jsonl and csv: one line per fact, with the report's source, sha256,\n"
      "jurisdiction and year on each. md: a readable summary per report. table: one row per fact.\n"
      "Example: annals extract data/chengdu-2024.txt --format md");
  return [o](annals::cli::io& io) { return run(*o, io); };
}};

}  // namespace
