#pragma once
/// @file store.hpp
/// The multi-year store: years of reports from many governments in one database — an SQLite
/// file (the default) or a PostgreSQL database shared by a team. Schema, migrations and
/// guarantees: docs/store.md.

#include <annals/catalogue.hpp>
#include <annals/period.hpp>
#include <annals/report.hpp>
#include <annals/verdict.hpp>

#include <chrono>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace annals {

namespace detail {
class store_backend;
class checkpoint_thread;
struct encoded_rows;
}

/// The id of a report in one store; stable for the life of the database.
struct report_id {
  std::int64_t value = 0;
  friend constexpr auto operator<=>(const report_id&, const report_id&) = default;
};

enum class open_mode {
  read_write,  ///< create the file if missing, migrate an older schema, allow writes
  read_only,   ///< never write; an older schema is an error (open it read-write once)
};

/// How hard a commit waits for the disk.
enum class sync_mode {
  normal,  ///< WAL + synchronous=NORMAL: a killed process never loses a commit; a power cut
           ///< may lose the last few, never corrupts
  full,    ///< synchronous=FULL: every commit is on disk before ingest() returns
};

struct store_options {
  /// How long a writer waits for another writer's lock before failing with storage_error.
  std::chrono::milliseconds busy_timeout{5000};
  sync_mode sync = sync_mode::normal;
  /// Cap on the database file size (rounded down to whole pages, PRAGMA max_page_count);
  /// a write beyond it fails like a full disk. nullopt: no cap.
  std::optional<std::uint64_t> max_size_bytes;
};

enum class ingest_status {
  added,    ///< the report is new and is now stored whole
  skipped,  ///< a report with the same sha256 was already stored; nothing changed
};

/// How many rows of each kind one report has.
struct report_counts {
  std::size_t sections = 0;
  std::size_t items = 0;
  std::size_t facts = 0;
  std::size_t changes = 0;
  std::size_t dates = 0;
  std::size_t commitments = 0;
  std::size_t warnings = 0;
  friend bool operator==(const report_counts&, const report_counts&) = default;
};

/// What store::ingest did. For `skipped`, `id` and `counts` describe the report already stored.
struct [[nodiscard]] ingest_result {
  ingest_status status = ingest_status::added;
  report_id id;
  report_counts counts;
  /// `added` as a revision: the store already held a report of the same jurisdiction and year
  /// (other bytes: another file of the same report, or a re-issued one). That report is kept but
  /// is no longer current; this one is. nullopt for a first report, and for `skipped`.
  std::optional<report_id> supersedes;
  /// How many reports of this jurisdiction and year the store holds after the ingest (1 for a
  /// first report, and for a report without a jurisdiction or a year).
  std::size_t revisions = 1;
};

/// Which reports store::reports lists; unset fields match everything.
struct report_filter {
  std::optional<std::string> jurisdiction;
  std::optional<report_year> year;
  /// Only the current report of each jurisdiction and year (its earlier revisions left out).
  bool current_only = false;
};

/// One stored report, without its contents.
struct report_summary {
  report_id id;
  std::string sha256;
  std::string source_name;
  std::string title;
  std::optional<std::string> issuer;
  std::optional<std::string> jurisdiction;
  std::optional<report_year> year;
  std::optional<calendar_date> published;
  std::optional<std::string> recipient;
  std::size_t facts = 0;
  std::size_t changes = 0;
  std::size_t commitments = 0;
  std::string ingested_at;  ///< UTC, 2025-01-06T08:00:00Z
  /// The report of its jurisdiction and year that queries, the tracker and the analyzers use:
  /// the one ingested last. False for an earlier revision. Always true without a jurisdiction
  /// or a year.
  bool current = true;
  std::size_t revision = 1;   ///< 1 for the first report of its jurisdiction and year, 2 for the next …
  std::size_t revisions = 1;  ///< how many reports of its jurisdiction and year are stored
};

/// The reports of one jurisdiction the year-over-year analyses read (store::yearly_reports):
/// one report per year, the current one (the latest ingested), by year; and apart, the current
/// reports that name no year, which no comparison can place.
struct yearly_reports {
  std::vector<report_summary> by_year;       ///< ascending years, one report each
  std::vector<report_summary> without_year;  ///< by id
  [[nodiscard]] bool empty() const noexcept { return by_year.empty() && without_year.empty(); }
};

struct jurisdiction_summary {
  std::string name;
  std::size_t reports = 0;
  std::optional<report_year> first_year;
  std::optional<report_year> last_year;
};

/// One year of a metric: the fact that states it and the changes the report ties to that fact.
struct series_point {
  report_year year;
  report_id report;
  fact value;
  std::vector<change> changes;
};

/**
 * A metric of one jurisdiction across years, one point per year in ascending order, from the
 * current report of each year (the latest ingested; earlier revisions are not read). When that
 * report states the metric twice, the first statement wins.
 */
struct metric_series {
  std::string jurisdiction;
  std::string metric;  ///< the canonical key, "新收行政复议案件|件"
  std::vector<series_point> points;
};

/// A verdict as stored, with the reports it compares and the rubric it was made under.
struct stored_verdict {
  report_id earlier;
  report_id later;
  std::optional<report_year> earlier_year;
  std::optional<report_year> later_year;
  std::string earlier_sha256;
  std::string later_sha256;
  std::string rubric;  ///< annals-track/1
  verdict_record record;
  std::string recorded_at;  ///< UTC timestamp
};

/**
 * What store::save_verdicts did. A verdict is keyed by (earlier, later, subject, ref, rubric):
 * a key already stored is never overwritten — the same status counts as `unchanged`, another
 * status as `conflicting` (the old row is kept; make a new rubric to re-rate).
 */
struct [[nodiscard]] save_verdicts_result {
  std::size_t added = 0;
  std::size_t unchanged = 0;
  std::size_t conflicting = 0;
};

/// One alias of the metric catalogue.
struct catalogue_entry {
  std::string alias;   ///< label|unit as written in reports
  std::string metric;  ///< canonical key
  bool user_defined = false;  ///< set by import_catalogue (seeding never overrides it)
  std::size_t facts = 0;      ///< facts stored under this alias
};

/// Which aliases store::aliases() lists.
enum class alias_scope {
  all,  ///< every alias: seeded from the reports' labels and the user's
  user  ///< only the mappings the user made (import_catalogue)
};

/// What store::import_catalogue did.
struct [[nodiscard]] catalogue_import_result {
  std::size_t rows = 0;             ///< mapping rows read
  std::size_t aliases_added = 0;    ///< aliases the catalogue did not have
  std::size_t aliases_moved = 0;    ///< aliases now mapped to another metric
  std::size_t unchanged = 0;        ///< rows that were already so
  std::size_t metrics_added = 0;
  std::size_t metrics_removed = 0;  ///< metrics left without any alias
};

/// PRAGMA integrity_check and foreign_key_check.
struct [[nodiscard]] integrity_result {
  bool ok = true;
  std::vector<std::string> problems;  ///< empty when ok
};

/**
 * A report made ready for store::ingest ahead of time: checked as ingest checks it, and its
 * figures encoded as the store writes them (decimal texts and their nearest doubles, catalogue
 * keys). Encoding reads no store, so it can run on any thread while a store on another thread
 * writes the reports encoded before: `annals ingest` encodes each report on the thread that read
 * it, and its one writing thread only writes (docs/store.md, Performance).
 * store::ingest(const report&) encodes the report itself; either way the stored rows are the same.
 * Owns its report; movable, not copyable (as prepared_report, track.hpp, is for track()).
 *
 * @code
 *   annals::encoded_report p(annals::read_report("data/chengdu-2024.txt"));  // any thread
 *   auto res = db.ingest(p);                                                 // the store's thread
 * @endcode
 */
class encoded_report {
 public:
  /// Takes `r` over. @throws input_error when it is malformed, as store::ingest would say so.
  explicit encoded_report(report r);
  encoded_report(encoded_report&& other) noexcept;
  encoded_report& operator=(encoded_report&& other) noexcept;
  encoded_report(const encoded_report&) = delete;
  encoded_report& operator=(const encoded_report&) = delete;
  ~encoded_report();

  /// The report as given.
  [[nodiscard]] const report& get() const noexcept { return report_; }

 private:
  friend class store;
  report report_;
  std::unique_ptr<detail::encoded_rows> rows_;  ///< null once moved from
};

/**
 * A store of reports in one SQLite database file (or in memory).
 *
 * Every write is one transaction: a report is stored whole or not at all, and a process killed
 * at any moment leaves a database that passes `PRAGMA integrity_check` and holds only whole
 * reports. The file is in WAL mode: readers (other store objects, other processes) query while
 * one writer writes; a second writer waits `busy_timeout`, then fails.
 *
 * Every failure of the database — not a database, read-only, full, locked, corrupt — throws
 * annals::storage_error("<db path>: <why>"), after rolling back whatever was under way.
 *
 * A store is one connection: use it from one thread at a time (open one per thread).
 *
 * @code
 *   auto db = annals::store::open("annals.db");
 *   auto r = db.ingest(annals::read_report("data/chengdu-2024.txt"));
 *   for (const auto& p : db.series("成都市", "新收行政复议案件|件").points)
 *     std::cout << p.year.value() << ' ' << p.value.q.value.to_string() << '\n';
 * @endcode
 */
class store {
 public:
  /// The schema version this library writes (PRAGMA user_version).
  static constexpr int schema_version = 6;

  /**
   * Opens (read_write: creates if missing) the store at `location` and migrates an older
   * annals schema to the current one. `location` is
   *  - a path, or `sqlite:PATH`: an SQLite database file (`./sqlite:x` for a file named so);
   *  - `postgresql://user@host:port/db?…` or `postgres://…`: a PostgreSQL database (libpq's
   *    connection URI); `postgresql:` alone takes everything from libpq's PG* environment
   *    variables (PGHOST, PGDATABASE, …). read_write creates the annals tables in it when
   *    missing; the database itself must exist.
   * @throws storage_error when the file cannot be opened, is not an SQLite database, is another
   *         program's database, has a newer schema, is corrupt, or is locked past the timeout;
   *         when the server cannot be reached or refuses the login; when this build has no
   *         PostgreSQL backend.
   */
  [[nodiscard]] static store open(const std::filesystem::path& location,
                                  open_mode mode = open_mode::read_write,
                                  const store_options& options = {});
  /// A private in-memory store (tests, one-shot commands).
  [[nodiscard]] static store memory(const store_options& options = {});

  store(store&&) noexcept;
  store& operator=(store&&) noexcept;
  store(const store&) = delete;
  store& operator=(const store&) = delete;
  ~store();

  /// The location given to open() (a PostgreSQL URI without its password), or ":memory:".
  [[nodiscard]] const std::filesystem::path& path() const noexcept;
  /// A remark for the user on how the store was opened, or "" (usually): e.g. opened read-only
  /// in a folder that is not writable, where what the -wal file holds cannot be checkpointed.
  [[nodiscard]] const std::string& note() const noexcept;
  /// The schema version of the open database (== schema_version once open).
  [[nodiscard]] int version() const;
  /// The schema version the database had when this open() migrated it to the current one: 0
  /// when this open() created the annals tables; nullopt when they were already current.
  [[nodiscard]] std::optional<int> migrated_from() const noexcept;
  /// False when the store was opened read_only or the file is not writable.
  [[nodiscard]] bool writable() const noexcept;

  /**
   * Stores `r` in one transaction, or skips it when its sha256 is already stored.
   * New fact labels are added to the metric catalogue (metric_key()).
   * A report of a jurisdiction and year the store already holds (other bytes) is stored as a
   * revision: both are kept, the new one becomes the current one (ingest_result::supersedes).
   * @throws input_error when `r` is malformed: no 64-hex-digit sha256, duplicate fact/change/
   *         commitment ids, a change or commitment naming a fact that does not exist.
   * @throws storage_error on any database failure; nothing of `r` is stored then.
   */
  ingest_result ingest(const report& r);
  /// ingest() of a report encoded ahead of time (encoded_report): the same rows, less work on
  /// this thread. @throws usage_error for an encoded_report that was moved from.
  ingest_result ingest(const encoded_report& r);

  /// The reports ingested while it is open share one write transaction (store::group_ingests()).
  class ingest_group {
   public:
    ingest_group(ingest_group&& other) noexcept;
    ingest_group(const ingest_group&) = delete;
    ingest_group& operator=(const ingest_group&) = delete;
    ingest_group& operator=(ingest_group&&) = delete;
    /// Rolls back every report the group holds unless commit() was called.
    ~ingest_group();
    /**
     * Makes every report ingested in the group durable at once (with the store's sync_mode) and
     * ends the group. @throws storage_error when the commit fails: then none of the group's
     * reports is stored, and the group is over. @throws usage_error when it is already over.
     */
    void commit();
    /// Reports ingest() added in the group so far (not those skipped or failed); after a
    /// commit, those it committed.
    [[nodiscard]] std::size_t added() const noexcept;

   private:
    friend class store;
    explicit ingest_group(detail::store_backend* b) noexcept;
    detail::store_backend* b_;
    std::size_t added_ = 0;
  };

  /**
   * Group commit: until commit() on the returned object, each ingest() through this store is
   * written inside one transaction shared with the others, each report in a savepoint of its own,
   * and becomes durable (and visible to other connections) when the group commits.
   * - A report that fails leaves nothing of itself; the reports before it in the group stay and
   *   commit with the group. One failure takes the whole group with it: a storage_error that
   *   makes SQLite abandon the transaction (a full disk or a cap on the file's size in the middle
   *   of writing, an I/O error). Its message says so, and the group is over (commit() then
   *   throws usage_error).
   * - A process killed before the commit leaves none of the group's reports and nothing half
   *   written; ingesting the same files again stores what was lost, once.
   * - The write lock is held for the group's whole life: commit often (annals ingest commits
   *   every 64 reports, and whenever it would wait for a file to be read).
   * - One group at a time; while it is open the other writes (remove_report, save_verdicts,
   *   import_catalogue) and snapshot() throw usage_error.
   * - On PostgreSQL each report is still committed by its own ingest() (the server's own group
   *   commit already shares its flushes): commit() has nothing left to do.
   * Sharing a transaction makes ingest several times cheaper per report on SQLite: a commit
   * writes every page it touched to the log, about 30 pages for a sample-sized report alone,
   * most of them the same few pages (the last page of each table, page 1) again and again.
   * @throws usage_error when a group or a snapshot is already open on this store.
   * @throws storage_error when the write transaction cannot begin (a read-only store, another
   *         writer holding the lock past the busy timeout).
   */
  [[nodiscard]] ingest_group group_ingests();

  /// The id of the report with this sha256 (any case), if stored.
  [[nodiscard]] std::optional<report_id> find(std::string_view sha256) const;
  /// The report as ingested: meta, source, text, sections, facts, changes, dates,
  /// commitments, warnings. @throws usage_error when there is no report `id`.
  [[nodiscard]] report load_report(report_id id) const;
  /// Stored reports ordered by jurisdiction, year, id, with their counts; every revision unless
  /// `filter.current_only`.
  [[nodiscard]] std::vector<report_summary> reports(const report_filter& filter = {}) const;
  /// reports(), one summary at a time: `each(const report_summary&)` is called for every report
  /// in the same order, as the store reads them, so that a listing of a national store (100,000
  /// reports) is not held in memory. The listing is one consistent read (a report stored by
  /// another connection meanwhile is in it or not, whole). When `each` throws, the listing stops
  /// and the exception propagates. `each` may use the store meanwhile (read, or store a report:
  /// whether a report stored meanwhile is in the listing is not defined). On PostgreSQL the
  /// server keeps the listing in a cursor and sends it 256 reports at a time.
  /// @throws storage_error on a database failure.
  template <class Each>
  void for_each_report(const report_filter& filter, Each&& each) const {
    using fn = std::remove_reference_t<Each>;
    each_report(filter, [](void* f, const report_summary& r) { (*static_cast<fn*>(f))(r); },
                const_cast<void*>(static_cast<const void*>(std::addressof(each))));
  }
  /// The current report of `jurisdiction` and `year` (the latest ingested), if any.
  [[nodiscard]] std::optional<report_id> current_report(std::string_view jurisdiction, report_year year) const;
  /// The current report of each year of `jurisdiction` (the rule every year-over-year analysis
  /// uses: one report per year, the latest ingested), and apart those without a year.
  [[nodiscard]] yearly_reports yearly(std::string_view jurisdiction) const;
  /// Removes a report and everything of it (facts, verdicts that cite it). False when absent.
  /// When it was the current report of its jurisdiction and year, the latest remaining revision
  /// becomes current.
  bool remove_report(report_id id);

  /// Every jurisdiction with its number of reports and years, by name.
  [[nodiscard]] std::vector<jurisdiction_summary> jurisdictions() const;
  /// The metrics stated in any current report of `jurisdiction` (all jurisdictions when
  /// nullopt), sorted.
  [[nodiscard]] std::vector<std::string> metrics(std::optional<std::string_view> jurisdiction = {}) const;
  /**
   * The metric's values by year for one jurisdiction, from the current report of each year.
   * `metric` is a canonical key or an alias (resolved through the catalogue). Reports without a
   * year are left out. An unknown metric or jurisdiction gives an empty series.
   */
  [[nodiscard]] metric_series series(std::string_view jurisdiction, std::string_view metric) const;
  /**
   * series() of every metric of metrics(jurisdiction), in that order, read in one pass over the
   * jurisdiction's facts and changes (series() one metric at a time reads them once per metric).
   * Metrics without a point are left out.
   */
  [[nodiscard]] std::vector<metric_series> all_series(std::string_view jurisdiction) const;
  /**
   * Writes the whole panel as CSV: header `jurisdiction,metric,year,value`, then one row per
   * jurisdiction × metric × year (the value series() would give), sorted by those columns.
   * Text fields are quoted per RFC 4180 and a leading = + - @ is neutralised with a `'`.
   * On PostgreSQL rows are written as they come from a server-side cursor; on SQLite after one
   * sort of the facts in memory (faster than SQLite's ORDER BY over the names).
   * @return the number of data rows written.
   * @throws storage_error on a database failure, or when `out` fails; the rows written until
   *         then stay written (annals export writes into a temporary file for that reason).
   */
  std::size_t panel_csv(std::ostream& out) const;

  /**
   * Saves the tracker's verdicts comparing `earlier` with `later` under `rubric`, in one
   * transaction. Existing verdicts are never overwritten (see save_verdicts_result).
   * @throws usage_error when a report does not exist, `rubric` or a status is empty, a score is
   *         outside 0..1 or evidence is not valid JSON (nothing is saved then).
   */
  save_verdicts_result save_verdicts(report_id earlier, report_id later, std::string_view rubric,
                                     const std::vector<verdict_record>& verdicts);
  /// The verdicts comparing `earlier` with `later`, every rubric, by subject, ref, rubric.
  [[nodiscard]] std::vector<stored_verdict> verdicts(report_id earlier, report_id later) const;
  /// Every verdict whose later report is of `jurisdiction`, between two current reports, by
  /// later year, earlier year, subject, ref, rubric.
  [[nodiscard]] std::vector<stored_verdict> verdict_history(std::string_view jurisdiction) const;
  /// Every pair of reports (earlier, later) with at least one stored verdict, by earlier then
  /// later id, whether or not they are current.
  [[nodiscard]] std::vector<std::pair<report_id, report_id>> verdict_pairs() const;

  /// The catalogue: every alias with its metric, by metric then alias.
  [[nodiscard]] std::vector<catalogue_entry> catalogue() const;
  /// The catalogue's aliases as catalogue() lists them, without counting facts (`facts` is 0):
  /// what the tracker needs, read without a scan of every fact of the store.
  [[nodiscard]] std::vector<catalogue_entry> aliases(alias_scope scope = alias_scope::all) const;
  /// The metric an alias (label as written + unit) is filed under; metric_key() when the
  /// catalogue does not know the alias yet.
  [[nodiscard]] std::string metric_of(std::string_view label, std::string_view unit) const;
  /**
   * Reads a mapping CSV (header `alias,metric`, then one `label|unit,label|unit` row each;
   * RFC 4180 quoting; a leading `'` before = + - @ is dropped) and files each alias under its
   * metric, in one transaction. Imported rows are marked user-defined.
   * @param source name for error messages (the file name)
   * @throws input_error("<source>: line N: <why>") on a malformed row, a key without `|`,
   *         an alias and metric with different units, or one alias mapped twice; nothing changes.
   */
  catalogue_import_result import_catalogue(std::istream& csv, std::string_view source = "catalogue");
  /// Writes the catalogue as an `alias,metric` CSV that import_catalogue reads back.
  /// @return the number of rows written.
  std::size_t export_catalogue(std::ostream& csv) const;

  /// Runs PRAGMA integrity_check and PRAGMA foreign_key_check.
  [[nodiscard]] integrity_result check_integrity() const;

  /// A read transaction, held until this object is destroyed (store::snapshot()).
  class read_snapshot {
   public:
    read_snapshot(read_snapshot&& other) noexcept;
    read_snapshot(const read_snapshot&) = delete;
    read_snapshot& operator=(const read_snapshot&) = delete;
    read_snapshot& operator=(read_snapshot&&) = delete;
    ~read_snapshot();

   private:
    friend class store;
    explicit read_snapshot(const detail::store_backend* b) noexcept;
    const detail::store_backend* b_;
  };

  /**
   * Every read of this store while the returned object lives sees the store as it was at the
   * first of them (one read transaction; snapshots nest). Many reads in a row are cheaper too:
   * SQLite takes its file lock once instead of for each query (the analyses of one jurisdiction,
   * metric_histories() and build_jurisdiction_view(), read through one). Writing through this
   * store while one is open fails with storage_error.
   *
   *   { const auto snap = db.snapshot(); auto years = db.yearly("成都市"); … }
   * @throws storage_error when the database cannot begin the transaction.
   */
  [[nodiscard]] read_snapshot snapshot() const;

  /// Checkpoints on a thread of their own while this object lives (store::checkpoint_in_background()).
  class background_checkpoints {
   public:
    background_checkpoints(background_checkpoints&& other) noexcept;
    background_checkpoints(const background_checkpoints&) = delete;
    background_checkpoints& operator=(const background_checkpoints&) = delete;
    background_checkpoints& operator=(background_checkpoints&&) = delete;
    /// Stops the thread (it finishes the checkpoint under way) and joins it.
    ~background_checkpoints();
    /// Whether a thread is checkpointing (false for a store in memory, read-only or on PostgreSQL).
    [[nodiscard]] bool active() const noexcept { return t_ != nullptr; }

   private:
    friend class store;
    explicit background_checkpoints(std::unique_ptr<detail::checkpoint_thread> t) noexcept;
    std::unique_ptr<detail::checkpoint_thread> t_;
  };

  /**
   * Copies this store's write-ahead log into its database file on a thread of its own, through a
   * connection of its own, every 10 ms until the returned object is destroyed: SQLite's passive
   * checkpoint, which never waits for nor blocks this connection or any other. A long ingest then
   * leaves most of the copying, and the waits for its fsyncs, to that thread (SQLite still
   * checkpoints at a commit past 16 MiB of log, with little left to copy): `annals ingest` of
   * 100,000 reports on two cores took 30–32 s instead of 40–46 s. What is stored, and how safely,
   * does not change: a checkpoint is safe to interrupt at any moment. As with SQLite's own
   * automatic checkpoints, a failing background checkpoint is not reported; the writes that
   * matter (the commits) report their failures. A store in memory, opened read-only or on
   * PostgreSQL returns an inactive object.
   * @throws std::system_error when the thread cannot be started.
   */
  [[nodiscard]] background_checkpoints checkpoint_in_background() const;

 private:
  explicit store(std::unique_ptr<detail::store_backend> p);
  void each_report(const report_filter& filter, void (*call)(void*, const report_summary&), void* each) const;
  std::unique_ptr<detail::store_backend> impl_;
};

}  // namespace annals
