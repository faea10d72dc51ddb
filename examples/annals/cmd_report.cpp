// annals report — one self-contained HTML page (or Markdown) on a jurisdiction: its metrics across
// the years, growth computed vs stated, the commitments with their statuses, the inconsistencies.
#include "cli.hpp"
#include "files.hpp"

#include <annals/error.hpp>
#include <annals/html_report.hpp>
#include <annals/store.hpp>

#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace {

struct report_options {
  std::string db;
  std::string jurisdiction;
  std::string html;
  std::string md;
  std::string lang = "zh";
};

std::string size_text(std::size_t bytes) {
  if (bytes < 10 * 1024) return std::to_string(bytes) + " bytes";
  return std::to_string((bytes + 512) / 1024) + " KB";
}

/// When the page was made, in UTC: SOURCE_DATE_EPOCH (whole seconds since 1970-01-01 UTC, the
/// reproducible-builds convention) when it is set and not empty, so that two runs on one store
/// give the same bytes; else the clock. A value that is not such a number is a usage error.
std::string generated_at() {
  std::int64_t seconds = 0;
  const char* env = std::getenv("SOURCE_DATE_EPOCH");
  const std::string_view text = env == nullptr ? std::string_view() : std::string_view(env);
  if (text.empty()) {
    seconds = static_cast<std::int64_t>(std::time(nullptr));
  } else {
    const auto r = std::from_chars(text.data(), text.data() + text.size(), seconds);
    // year 9999 at most: a four-digit year, and far inside what time_t and gmtime_r hold
    if (r.ec != std::errc() || r.ptr != text.data() + text.size() || seconds < 0 || seconds > 253402300799)
      throw annals::usage_error("SOURCE_DATE_EPOCH: '" + annals::cli::safe(text) +
                                "' is not a whole number of seconds since 1970-01-01 (0 to 253402300799)");
  }
  const auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  char buf[64];
  if (::gmtime_r(&t, &tm) == nullptr || std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
    throw annals::usage_error("SOURCE_DATE_EPOCH: " + std::to_string(seconds) + ": not a date this system can write");
  return buf;
}

int run(const report_options& o, annals::cli::io& io) {
  // An output must never replace what the command reads: --html s.db would put a web page where
  // the store was (same device and inode, so links and ./s.db are caught too).
  if (!o.html.empty() && o.html != "-") annals::cli::refuse_overwriting(o.html, {{"the store", o.db}, {"the --md output", o.md}});
  if (!o.md.empty() && o.md != "-") annals::cli::refuse_overwriting(o.md, {{"the store", o.db}});
  if (!o.html.empty() && o.html == o.md) throw annals::usage_error(o.html + ": given as both --html and --md");
  const auto lang = annals::parse_report_lang(o.lang);
  if (!lang) throw annals::usage_error("--lang: '" + annals::cli::safe(o.lang) + "' is not a language of the page (zh or en)");
  const annals::store db = annals::cli::open_store_read_only(o.db);
  annals::jurisdiction_view v = annals::build_jurisdiction_view(db, o.jurisdiction);
  if (!o.html.empty()) v.generated_at = generated_at();
  const std::string summary = o.jurisdiction + ": " + std::to_string(v.reports.size()) + " reports, " +
                              std::to_string(v.metrics.size()) + " metrics, " +
                              std::to_string(v.inconsistencies.size()) + " inconsistencies, " +
                              std::to_string(v.commitments.size()) + " commitments followed";
  if (o.html.empty() && o.md.empty()) {
    io.out << annals::to_markdown(v, *lang);
    return 0;
  }
  // Render both first, then write: a rendering failure writes nothing. `-` is stdout (the page
  // itself, no "wrote" line for it).
  const std::string html = o.html.empty() ? std::string() : annals::to_html(v, annals::html_options{.lang = *lang});
  const std::string md = o.md.empty() ? std::string() : annals::to_markdown(v, *lang);
  const auto put = [&](const std::string& path, const std::string& content) {
    if (path.empty()) return;
    if (path == "-") {
      io.out << content;
      return;
    }
    annals::cli::write_file_atomically(path, content);
  };
  put(o.html, html);
  put(o.md, md);
  // what was written to files, on stderr when the page itself went to stdout
  std::ostream& said = o.html == "-" || o.md == "-" ? io.err : io.out;
  if (!o.html.empty() && o.html != "-")
    said << "wrote " << annals::cli::safe(o.html) << " (" << size_text(html.size()) << ") — " << annals::cli::safe(summary) << "\n";
  if (!o.md.empty() && o.md != "-")
    said << "wrote " << annals::cli::safe(o.md) << " (" << size_text(md.size()) << ") — " << annals::cli::safe(summary) << "\n";
  return 0;
}

const annals::cli::registration reg{80, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<report_options>();
  CLI::App* sub = app.add_subcommand("report", "Write a self-contained HTML (or Markdown) report on a jurisdiction");
  sub->add_option("--db", o->db, "the store, opened read-only: a file (or sqlite:PATH) or postgresql://…")->required();
  sub->add_option("--jurisdiction", o->jurisdiction, "whose reports (e.g. 成都市; see annals reports)")->required();
  sub->add_option("--html", o->html, "write the HTML page here (inline CSS and SVG, nothing fetched); - writes it to stdout");
  sub->add_option("--md", o->md, "write the same content as Markdown here; - writes it to stdout");
  sub->add_option("--lang", o->lang, "the language of the page and the Markdown: zh (default) or en");
  sub->footer(
      "Without --html or --md the Markdown goes to stdout. Files are written whole or not at all (a\n"
      "temporary file renamed into place); the store itself is never an output (exit 2).\n"
      "The page's footer says when it was made (UTC): SOURCE_DATE_EPOCH=<seconds since 1970> fixes\n"
      "that time, so that two runs give the same bytes (not a whole number: exit 2).\n"
      "--lang zh (the default) writes the page in Chinese with the evidence list and the verdict filter,\n"
      "and the Markdown in Chinese; --lang en both in English (any other value: exit 2).\n"
      "Example: annals report --db annals.db --jurisdiction 成都市 --html annals-report.html");
  return [o](annals::cli::io& io) { return run(*o, io); };
}};

}  // namespace
