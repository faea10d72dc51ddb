// annals report — one self-contained HTML page (or Markdown) on a jurisdiction: its metrics across
// the years, growth computed vs stated, the commitments with their statuses, the inconsistencies.
#include "cli.hpp"

#include <annals/error.hpp>
#include <annals/html_report.hpp>
#include <annals/store.hpp>

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>
#include <string>
#include <system_error>

namespace {

namespace fs = std::filesystem;

struct report_options {
  std::string db;
  std::string jurisdiction;
  std::string html;
  std::string md;
};

/// Writes `content` to `path` through a temporary file in the same folder, renamed into place:
/// a failure leaves no partial file. @throws input_error "<path>: cannot write: <why>".
void write_whole(const std::string& path, const std::string& content) {
  const fs::path target(path);
  const fs::path tmp = target.parent_path() / (".annals-" + std::to_string(::getpid()) + "-" +
                                               target.filename().string() + ".tmp");
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) throw annals::input_error(path + ": cannot write: " + std::strerror(errno));
    f.write(content.data(), static_cast<std::streamsize>(content.size()));
    f.close();
    if (!f) {
      std::error_code ignore;
      fs::remove(tmp, ignore);
      throw annals::input_error(path + ": cannot write: " + std::strerror(errno));
    }
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    std::error_code ignore;
    fs::remove(tmp, ignore);
    throw annals::input_error(path + ": cannot write: " + ec.message());
  }
}

std::string size_text(std::size_t bytes) {
  if (bytes < 10 * 1024) return std::to_string(bytes) + " bytes";
  return std::to_string((bytes + 512) / 1024) + " KB";
}

int run(const report_options& o, annals::cli::io& io) {
  const annals::store db = annals::store::open(o.db, annals::open_mode::read_only);
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
  if (!o.html.empty()) write_whole(o.html, html);
  if (!o.md.empty()) write_whole(o.md, md);
  if (!o.html.empty()) io.out << "wrote " << o.html << " (" << size_text(html.size()) << ") — " << summary << "\n";
  if (!o.md.empty()) io.out << "wrote " << o.md << " (" << size_text(md.size()) << ") — " << summary << "\n";
  return 0;
}

const annals::cli::registration reg{80, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<report_options>();
  CLI::App* sub = app.add_subcommand("report", "Write a self-contained HTML (or Markdown) report on a jurisdiction");
  sub->add_option("--db", o->db, "the SQLite store (opened read-only)")->required();
  sub->add_option("--jurisdiction", o->jurisdiction, "whose reports (e.g. 成都市; see annals reports)")->required();
  sub->add_option("--html", o->html, "write the HTML page here (inline CSS and SVG, nothing fetched)");
  sub->add_option("--md", o->md, "write the same content as Markdown here");
  sub->footer(
      "Without --html or --md the Markdown goes to stdout. Files are written whole or not at all.\n"
      "Example: annals report --db annals.db --jurisdiction 成都市 --html annals-report.html");
  return [o](annals::cli::io& io) { return run(*o, io); };
}};

}  // namespace
