// annals ingest — read report files (or whole folders) into a store.
//
// Each report is stored all or nothing, in a savepoint of its own inside a group of reports that
// commit together (annals::bulk_ingest): a group is committed every 64 reports, every 100 ms,
// whenever the writer has stored every file read so far and would wait for the next, and at the
// end. A killed ingest leaves whole reports only, and running it again stores the rest. A file
// that cannot be read is reported and skipped, the others are still ingested; a storage failure
// stops at once (exit 4), keeping the reports stored before it (those of its group too, unless
// the failure made SQLite give the whole group up: the message then says so). The summary counts every input: added,
// skipped (already stored), failed (a file in a format annals reads that could not be read:
// missing, damaged, encrypted, a PDF with no text layer …) and unsupported (a format annals does
// not read: binary Word or Excel, xlsx, RTF, images …), naming the unsupported ones. Exit 3 when
// anything failed, or anything was unsupported without --skip-unsupported.
//
// The files are read on --jobs threads while this thread stores them, one at a time and in the
// order given (parallel_detail.hpp): the store sees the same reports in the same order as with
// one job.
#include "cli.hpp"
#include "exit_codes.hpp"
#include "files.hpp"
#include "parallel_detail.hpp"

#include <annals/bulk_ingest.hpp>
#include <annals/error.hpp>
#include <annals/reader.hpp>
#include <annals/store.hpp>

#include <fnmatch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <system_error>
#include <vector>

namespace {

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

struct ingest_options {
  std::string db;
  std::vector<std::string> paths;
  std::vector<std::string> globs;
  bool skip_unsupported = false;
  bool quiet = false;
  unsigned jobs = 0;
};

std::string lower_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

/// Files a folder walk takes without --glob: the formats annals reads, and the document formats
/// it does not read (so that they are counted as unsupported rather than passed over in silence).
/// Other files (README.md, notes.json, …) are not report inputs.
bool is_document_file(const fs::path& p) {
  static constexpr std::string_view exts[] = {
      ".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".pdf", ".docx", ".docm",  // read
      ".doc", ".dot", ".dotx", ".wps", ".rtf", ".odt", ".ofd", ".xls", ".xlsx", ".et", ".ppt", ".pptx",
      ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif", ".caj", ".zip", ".rar", ".7z"};
  const std::string ext = lower_extension(p);
  return std::find(std::begin(exts), std::end(exts), ext) != std::end(exts);
}

/// --glob: the file name matches a pattern; a pattern with a '/' is matched against the path
/// below the folder given (fnmatch with FNM_PATHNAME).
bool matches_globs(const std::vector<std::string>& globs, const fs::path& root, const fs::path& file) {
  const std::string name = file.filename().string();
  const std::string rel = file.lexically_relative(root).string();
  for (const auto& g : globs) {
    if (g.find('/') != std::string::npos) {
      if (::fnmatch(g.c_str(), rel.c_str(), FNM_PATHNAME) == 0) return true;
    } else if (::fnmatch(g.c_str(), name.c_str(), 0) == 0) {
      return true;
    }
  }
  return false;
}

/// "permission denied" rather than the library's "Permission denied" and friends.
std::string folder_error(const std::error_code& ec) {
  if (ec == std::errc::permission_denied || ec == std::errc::operation_not_permitted) return "permission denied";
  if (ec == std::errc::no_such_file_or_directory) return "no such folder";
  return ec.message();
}

/// One input: a file to read, or a path that could not be used (with why).
struct input {
  fs::path path;
  std::string problem;  ///< empty when the file is to be read
};

/// Expands the paths as given: files as they are (whatever their name: the content decides),
/// folders recursively (document files, or the files matching --glob; hidden ones skipped; sorted).
std::vector<input> collect(const std::vector<std::string>& paths, const std::vector<std::string>& globs) {
  std::vector<input> out;
  for (const auto& given : paths) {
    const fs::path p(given);
    if (given == "-") {  // standard input
      out.push_back({p, {}});
      continue;
    }
    std::error_code ec;
    const auto st = fs::status(p, ec);
    if (ec || !fs::exists(st)) {
      out.push_back({p, given + ": no such file or directory"});
      continue;
    }
    if (!fs::is_directory(st)) {
      out.push_back({p, {}});
      continue;
    }
    // Walk the folder ourselves, one folder at a time: a sub-folder that cannot be listed (no
    // permission, vanished, I/O error) is a failed input with its name, and the walk goes on.
    // Symbolic links to folders are not followed (no cycles); links to files are read.
    std::vector<fs::path> found;
    std::vector<fs::path> pending{p};
    std::vector<input> unlisted;
    while (!pending.empty()) {
      const fs::path folder = std::move(pending.back());
      pending.pop_back();
      fs::directory_iterator it(folder, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        std::error_code fec;
        const auto link = it->symlink_status(fec);
        const std::string fname = it->path().filename().string();
        if (!fname.empty() && fname.front() == '.') continue;  // .git, .DS_Store, editor files
        if (fs::is_directory(link)) pending.push_back(it->path());
        else if (it->is_regular_file(fec) &&
                 (globs.empty() ? is_document_file(it->path()) : matches_globs(globs, p, it->path())))
          found.push_back(it->path());
      }
      if (ec) {
        unlisted.push_back({folder, folder.string() + ": cannot list the folder: " + folder_error(ec)});
        ec.clear();
      }
    }
    std::sort(found.begin(), found.end());
    for (auto& f : found) out.push_back({std::move(f), {}});
    std::sort(unlisted.begin(), unlisted.end(), [](const input& a, const input& b) { return a.path < b.path; });
    for (auto& u : unlisted) out.push_back(std::move(u));
  }
  return out;
}

/// One input file read and made ready for the store (annals::encoded_report) on a worker
/// thread, so that the thread that writes only writes; or what reading or encoding it threw.
struct encoded_outcome {
  std::optional<annals::encoded_report> report;
  std::string notes;  ///< the reader's warning lines for stderr
  std::exception_ptr error;
};

std::string duration_text(double seconds) {
  if (seconds < 1) return "<1s";
  const auto s = static_cast<long>(seconds + 0.5);
  if (s < 60) return std::to_string(s) + "s";
  return std::to_string(s / 60) + "m" + std::to_string(s % 60) + "s";
}

/// The progress line on a terminal: files done/total, facts/s, ETA. Redrawn at most 10× a second.
class progress {
 public:
  progress(std::ostream& err, bool enabled, std::size_t total)
      : err_(err), enabled_(enabled), total_(total), start_(clock_type::now()) {}

  void update(std::size_t done, std::size_t facts, bool force = false) {
    if (!enabled_) return;
    const auto now = clock_type::now();
    if (!force && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(facts) / elapsed : 0;
    std::string line = "\r\033[Kingesting " + std::to_string(done) + "/" + std::to_string(total_) + " files, " +
                       std::to_string(static_cast<long>(rate)) + " facts/s";
    if (done > 0 && done < total_)
      line += ", ETA " + duration_text(elapsed / static_cast<double>(done) * static_cast<double>(total_ - done));
    err_ << line << std::flush;
    drawn_ = true;
  }
  void clear() {
    if (enabled_ && drawn_) err_ << "\r\033[K" << std::flush;
    drawn_ = false;
  }

 private:
  std::ostream& err_;
  bool enabled_;
  std::size_t total_;
  clock_type::time_point start_;
  clock_type::time_point last_{};
  bool drawn_ = false;
};

/// "a.xls, b.doc" — at most five names, then how many more.
std::string name_list(const std::vector<std::string>& names) {
  std::string s;
  for (std::size_t i = 0; i < names.size() && i < 5; ++i) s += (i ? ", " : "") + names[i];
  if (names.size() > 5) s += ", … (" + std::to_string(names.size() - 5) + " more)";
  return s;
}

int run(const ingest_options& o, annals::cli::io& io) {
  const auto inputs = collect(o.paths, o.globs);
  annals::store db = annals::store::open(o.db);  // storage_error → exit 4

  std::size_t added = 0, skipped = 0, facts = 0;
  std::vector<std::string> failures;     // messages
  std::vector<std::string> unsupported;  // messages
  std::vector<std::string> unsupported_names;
  progress bar(io.err, io.stderr_is_tty && !o.quiet, inputs.size());
  std::size_t done = 0;
  bar.update(0, 0, true);
  std::size_t stdin_uses = 0;
  for (const auto& in : inputs)
    if (in.problem.empty() && in.path == "-") ++stdin_uses;
  // standard input read twice: in order, on one thread (the second read finds it empty)
  const unsigned jobs = stdin_uses > 1 ? 1 : annals::detail::worker_count(o.jobs, inputs.size());
  // Stored through annals::bulk_ingest (bulk_ingest.hpp): ingest groups that commit every 64
  // reports or 100 ms (a commit writes every page the reports touched to the log, ~30 pages for
  // one sample-sized report alone, most of them the same few again; grouped, ingest stores
  // several times as many reports a second, bench/README.md), and the log copied into the
  // database on a thread of its own meanwhile (store::checkpoint_in_background), stopped before
  // the store closes. The warnings about revisions are printed once what they say is committed.
  std::string group_warnings;
  struct print_warnings final : annals::bulk_ingest_observer {
    std::string& warnings;
    progress& bar;
    std::ostream& err;
    print_warnings(std::string& w, progress& b, std::ostream& e) : warnings(w), bar(b), err(e) {}
    void committed(std::size_t) override { flush(); }
    void flush() {
      if (warnings.empty()) return;
      bar.clear();
      err << warnings;
      warnings.clear();
    }
  } on_commit(group_warnings, bar, io.err);
  annals::bulk_ingest_options bulk_options;  // its defaults (64 reports, 100 ms) are this command's
  bulk_options.checkpoint_in_background = inputs.size() > 1;
  bulk_options.observer = &on_commit;
  annals::bulk_ingest bulk(db, bulk_options);
  annals::detail::ordered_parallel<encoded_outcome>(
      inputs.size(), jobs,
      [&](std::size_t i, annals::detail::reader_state& state) {
        encoded_outcome out;
        if (!inputs[i].problem.empty()) return out;
        annals::detail::read_outcome got = annals::detail::read_one(inputs[i].path.string(), state);
        out.notes = std::move(got.notes);
        out.error = got.error;
        if (got.report) {
          try {
            out.report.emplace(std::move(*got.report));  // checked and encoded on this thread
          } catch (...) {
            out.error = std::current_exception();
          }
        }
        return out;
      },
      [&](std::size_t i, encoded_outcome&& got) {
        const input& in = inputs[i];
        if (!in.problem.empty()) {
          failures.push_back(in.problem);
        } else {
          if (!got.notes.empty()) {
            bar.clear();
            io.err << got.notes;
          }
          try {
            if (got.error) std::rethrow_exception(got.error);
            const annals::report& r = got.report->get();
            const annals::ingest_result res = bulk.ingest(*got.report);  // may commit the group
            if (res.status == annals::ingest_status::added) {
              ++added;
              facts += res.counts.facts;
              if (res.supersedes) {  // same jurisdiction and year, other bytes: a revision
                group_warnings += "annals: warning: " + in.path.string() + ": " + r.meta.jurisdiction.value_or("") +
                                  ' ' + std::to_string(r.meta.year->value()) + " was already stored (report " +
                                  std::to_string(res.supersedes->value) + "); stored as revision " +
                                  std::to_string(res.revisions) + " (report " + std::to_string(res.id.value) +
                                  "), now the current one (annals reports --revisions lists them all)\n";
                if (bulk.pending() == 0) on_commit.flush();  // its group committed with it
              }
            } else {
              ++skipped;
            }
          } catch (const annals::storage_error&) {
            // bulk_ingest committed the reports before this one (unless SQLite gave the whole
            // group up: the error says so)
            bar.clear();
            throw;
          } catch (const annals::unsupported_input_error& e) {  // a format annals does not read
            unsupported.push_back(e.what());
            unsupported_names.push_back(in.path.string());
          } catch (const annals::error& e) {  // input_error, or a report the store refuses
            failures.push_back(e.what());
          }
        }
        ++done;
        bar.update(done, facts);
      },
      [&bulk] { (void)bulk.commit(); },  // the next file is still being read: no lock held meanwhile
      // The writer is the slower side: small reports are read up to 16 per job ahead (≤ 4 MiB of
      // text), large ones 2 per job as by default.
      annals::detail::read_ahead{2, 14, std::size_t{4} << 20},
      [](const encoded_outcome& got) { return got.report ? got.report->get().text.size() : std::size_t{0}; });
  bulk.finish();
  bar.clear();

  std::string summary = "ingested " + std::to_string(inputs.size()) + (inputs.size() == 1 ? " file" : " files") +
                        " into " + o.db + ": " + std::to_string(added) + " added (" + std::to_string(facts) +
                        " facts), " + std::to_string(skipped) + " skipped (already stored), " +
                        std::to_string(failures.size()) + " failed";
  if (!unsupported.empty())
    summary += ", " + std::to_string(unsupported.size()) + " unsupported: " + name_list(unsupported_names);
  const bool ok = failures.empty() && (unsupported.empty() || o.skip_unsupported);
  // Every file that was not read is named on stderr, with why.
  for (const auto& u : unsupported) io.err << "annals: " << annals::cli::safe(u) << "\n";
  for (const auto& f : failures) io.err << "annals: " << annals::cli::safe(f) << "\n";
  if (ok) {
    io.out << annals::cli::safe(summary) << "\n";
    return 0;
  }
  // Some input could not be read: the summary goes to stderr too, nothing to stdout.
  io.err << "annals: " << annals::cli::safe(summary) << "\n";
  return annals::cli::exit_input;
}

const annals::cli::registration reg{20, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<ingest_options>();
  CLI::App* sub = app.add_subcommand("ingest", "Read report files or folders into a store (each report all or nothing)");
  sub->add_option("--db", o->db, "the store: a file (or sqlite:PATH), created when missing, or postgresql://…")->required();
  sub->add_option("paths", o->paths,
                  "report files (.txt in UTF-8, GB18030 or UTF-16; saved .htm/.html; .pdf with a text layer; "
                  ".docx) or folders, read recursively")
      ->required();
  sub->add_option("--glob", o->globs,
                  "in folders, take only the files whose name matches this pattern (fnmatch: '*.pdf'; a pattern "
                  "with / matches the path below the folder); repeatable")
      ->allow_extra_args(false);
  sub->add_flag("--skip-unsupported", o->skip_unsupported,
                "files in a format annals does not read (.doc, .xls, .xlsx, images …) are named on stderr and "
                "counted, but do not make the exit code 3");
  annals::cli::add_max_bytes_option(*sub);
  annals::detail::add_jobs_option(*sub, o->jobs);
  sub->add_flag("-q,--quiet", o->quiet, "no progress line, even on a terminal");
  sub->footer(
      "A report already stored (same sha256) is skipped. Files are recognised by their content (%PDF-, a\n"
      "zip holding word/document.xml, else text or HTML), not by their name. In a folder, without --glob,\n"
      "the document files are taken (.txt .htm .html .pdf .docx, and .doc .xls .xlsx .rtf images … to be\n"
      "counted as unsupported); hidden files never. Every file not read is named on stderr: failed (could\n"
      "not be read: missing, damaged, encrypted, a PDF with no text layer, a sub-folder that cannot be\n"
      "listed) or unsupported (binary Word or Excel, other zips, RTF, images). Exit 3 when any failed, or\n"
      "any was unsupported without --skip-unsupported; the others are still ingested. A storage failure\n"
      "stops at once (exit 4). A report of a jurisdiction and year already stored (other bytes) is stored\n"
      "as a revision and becomes the current one, with a warning on stderr. Only regular files are read (- reads standard input).\n"
      "Example: annals ingest --db annals.db reports/ --glob '*.pdf' --glob '*.docx'");
  return [o](annals::cli::io& io) { return run(*o, io); };
}};

}  // namespace
