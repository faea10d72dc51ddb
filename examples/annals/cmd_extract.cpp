// annals extract — read report files and print what the reader found (annals.report/1).
//
// Every file is read before anything is printed: one unreadable file fails the command (exit 3)
// with nothing on stdout (with --skip-unsupported, a file in a format annals does not read is named
// on stderr and left out instead).
#include "cli.hpp"
#include "files.hpp"

#include <annals/error.hpp>
#include <annals/reader.hpp>
#include <annals/report_json.hpp>

#include <memory>
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
};

int run(const extract_options& o, annals::cli::io& io) {
  std::vector<annals::report> reports;
  reports.reserve(o.files.size());
  std::size_t unsupported = 0;
  for (const auto& f : o.files) {
    try {
      reports.push_back(annals::cli::read_input_report(f));
    } catch (const annals::unsupported_input_error& e) {
      if (!o.skip_unsupported) throw;
      io.err << "annals: " << e.what() << " (skipped)\n";
      ++unsupported;
    }
  }
  if (reports.empty())  // every file was of a format annals does not read
    throw annals::input_error("extract: none of the " + std::to_string(unsupported) + " files is in a format annals reads");

  switch (o.fmt) {
    case format::json: {
      annals::json_options jo;
      jo.include_text = o.with_text;
      if (reports.size() == 1) {
        io.out << annals::to_json(reports.front(), jo) << "\n";
        break;
      }
      // Several files: a JSON array of annals.report/1 objects, in the order given.
      io.out << "[\n";
      for (std::size_t i = 0; i < reports.size(); ++i) {
        if (i) io.out << ",\n";
        io.out << annals::to_json(reports[i], jo);
      }
      io.out << "\n]\n";
      break;
    }
    case format::jsonl: io.out << annals::to_jsonl(reports); break;
    case format::csv: io.out << annals::to_csv(reports); break;
    case format::md: io.out << annals::to_markdown(reports); break;
    case format::table: break;  // not offered
  }
  return 0;
}

const annals::cli::registration reg{10, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<extract_options>();
  CLI::App* sub = app.add_subcommand("extract", "Read report files and print their figures, changes and commitments");
  sub->add_option("files", o->files, "report files (.txt in UTF-8, GB18030 or UTF-16; saved .htm/.html; .pdf with a text layer; .docx); - reads standard input")->required();
  annals::cli::add_max_bytes_option(*sub);
  annals::cli::add_format_option(*sub, o->fmt, {format::json, format::jsonl, format::csv, format::md}, format::json);
  sub->add_flag("--with-text", o->with_text, "json: add the decoded text the spans index");
  sub->add_flag("--skip-unsupported", o->skip_unsupported,
                "leave out files in a format annals does not read (.doc, .xls, images …), naming them on stderr, "
                "instead of failing with exit 3");
  sub->footer(
      "json: one annals.report/1 object (docs/report-json.md); with several files, a JSON array of them\n"
      "in the order given. jsonl and csv: one line per fact, with the report's source, sha256,\n"
      "jurisdiction and year on each. md: a readable summary per report.\n"
      "Example: annals extract data/chengdu-2024.txt --format md");
  return [o](annals::cli::io& io) { return run(*o, io); };
}};

}  // namespace
