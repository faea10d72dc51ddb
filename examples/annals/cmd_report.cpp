// annals report — one self-contained HTML page (or Markdown) on a jurisdiction: its metrics across
// the years, growth computed vs stated, the commitments with their statuses, the inconsistencies.
#include "cli.hpp"
#include "files.hpp"

#include <annals/error.hpp>
#include <annals/html_report.hpp>
#include <annals/store.hpp>

#include <memory>
#include <ostream>
#include <string>

namespace {

struct report_options {
  std::string db;
  std::string jurisdiction;
  std::string html;
  std::string md;
};

std::string size_text(std::size_t bytes) {
  if (bytes < 10 * 1024) return std::to_string(bytes) + " bytes";
  return std::to_string((bytes + 512) / 1024) + " KB";
}

int run(const report_options& o, annals::cli::io& io) {
  // An output must never replace what the command reads: --html s.db would put a web page where
  // the store was (same device and inode, so links and ./s.db are caught too).
  if (!o.html.empty()) annals::cli::refuse_overwriting(o.html, {{"the store", o.db}, {"the --md output", o.md}});
  if (!o.md.empty()) annals::cli::refuse_overwriting(o.md, {{"the store", o.db}});
  if (!o.html.empty() && o.html == o.md) throw annals::usage_error(o.html + ": given as both --html and --md");
  const annals::store db = annals::cli::open_store_read_only(o.db);
  const annals::jurisdiction_view v = annals::build_jurisdiction_view(db, o.jurisdiction);
  const std::string summary = o.jurisdiction + ": " + std::to_string(v.reports.size()) + " reports, " +
                              std::to_string(v.metrics.size()) + " metrics, " +
                              std::to_string(v.inconsistencies.size()) + " inconsistencies, " +
                              std::to_string(v.commitments.size()) + " commitments followed";
  if (o.html.empty() && o.md.empty()) {
    io.out << annals::to_markdown(v);
    return 0;
  }
  // Render both first, then write: a rendering failure writes nothing.
  const std::string html = o.html.empty() ? std::string() : annals::to_html(v);
  const std::string md = o.md.empty() ? std::string() : annals::to_markdown(v);
  if (!o.html.empty()) annals::cli::write_file_atomically(o.html, html);
  if (!o.md.empty()) annals::cli::write_file_atomically(o.md, md);
  if (!o.html.empty())
    io.out << "wrote " << annals::cli::safe(o.html) << " (" << size_text(html.size()) << ") — " << annals::cli::safe(summary) << "\n";
  if (!o.md.empty())
    io.out << "wrote " << annals::cli::safe(o.md) << " (" << size_text(md.size()) << ") — " << annals::cli::safe(summary) << "\n";
  return 0;
}

const annals::cli::registration reg{80, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<report_options>();
  CLI::App* sub = app.add_subcommand("report", "Write a self-contained HTML (or Markdown) report on a jurisdiction");
  sub->add_option("--db", o->db, "the store, opened read-only: a file (or sqlite:PATH) or postgresql://…")->required();
  sub->add_option("--jurisdiction", o->jurisdiction, "whose reports (e.g. 成都市; see annals reports)")->required();
  sub->add_option("--html", o->html, "write the HTML page here (inline CSS and SVG, nothing fetched)");
  sub->add_option("--md", o->md, "write the same content as Markdown here");
  sub->footer(
      "Without --html or --md the Markdown goes to stdout. Files are written whole or not at all (a\n"
      "temporary file renamed into place); the store itself is never an output (exit 2).\n"
      "Example: annals report --db annals.db --jurisdiction 成都市 --html annals-report.html");
  return [o](annals::cli::io& io) { return run(*o, io); };
}};

}  // namespace
