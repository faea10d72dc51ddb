// annals::store, the front: picks the backend a location names (an SQLite file, a PostgreSQL
// URI) and forwards every public operation to it (backend_detail.hpp).

#include <annals/error.hpp>
#include <annals/store.hpp>

#include "store/backend_detail.hpp"

#include <utility>

namespace annals {

namespace detail {

store_location parse_store_location(const std::string& text) {
  store_location loc;
  const auto starts = [&](std::string_view prefix) { return std::string_view(text).substr(0, prefix.size()) == prefix; };
  if (starts("postgresql://") || starts("postgres://")) {
    loc.backend = store_location::kind::postgres;
    loc.conninfo = text;
  } else if (text == "postgresql:" || text == "postgres:") {
    loc.backend = store_location::kind::postgres;  // everything from PGHOST, PGDATABASE, …
  } else if (starts("sqlite:")) {
    // sqlite:PATH (sqlite://PATH is not a form: a path never starts with //)
    std::string file = text.substr(7);
    if (file.empty()) throw usage_error("store: sqlite: names no database file (sqlite:PATH)");
    loc.file = std::move(file);
  } else {
    loc.file = text;
  }
  return loc;
}

}  // namespace detail

store::store(std::unique_ptr<detail::store_backend> p) : impl_(std::move(p)) {}
store::store(store&&) noexcept = default;
store& store::operator=(store&&) noexcept = default;
store::~store() = default;

store store::open(const std::filesystem::path& location, open_mode mode, const store_options& options) {
  const auto loc = detail::parse_store_location(location.string());
  if (loc.backend == detail::store_location::kind::postgres)
    return store(detail::open_postgres(loc.conninfo, mode, options));
  return store(detail::open_sqlite(loc.file, mode, options));
}

store store::memory(const store_options& options) { return store(detail::memory_sqlite(options)); }

const std::filesystem::path& store::path() const noexcept { return impl_->location(); }
const std::string& store::note() const noexcept { return impl_->open_note(); }
int store::version() const { return impl_->schema_version(); }
std::optional<int> store::migrated_from() const noexcept { return impl_->migrated_from(); }
bool store::writable() const noexcept { return impl_->can_write(); }

namespace {
/// store::ingest of a report already encoded, counted in the open ingest group.
ingest_result ingest_encoded(detail::store_backend& b, const report& r, const detail::encoded_rows& rows) {
  ingest_result res = b.ingest(r, rows);
  if (b.group_open() && res.status == ingest_status::added) b.count_group_add();
  return res;
}
}  // namespace

ingest_result store::ingest(const report& r) {
  impl_->check_group_usable();
  detail::encoded_rows& rows = impl_->scratch_rows();
  detail::encode_rows(r, rows);
  return ingest_encoded(*impl_, r, rows);
}
ingest_result store::ingest(const encoded_report& r) {
  if (!r.rows_) throw usage_error("store: ingest of a encoded_report that was moved from");
  impl_->check_group_usable();
  return ingest_encoded(*impl_, r.get(), *r.rows_);
}

store::ingest_group store::group_ingests() {
  impl_->open_group();
  return ingest_group(impl_.get());
}
store::ingest_group::ingest_group(detail::store_backend* b) noexcept : b_(b) {}
store::ingest_group::ingest_group(ingest_group&& o) noexcept
    : b_(std::exchange(o.b_, nullptr)), added_(o.added_) {}
store::ingest_group::~ingest_group() {
  if (b_ && b_->group_open()) b_->end_group(false);  // rolls back; never throws when open
}
void store::ingest_group::commit() {
  if (!b_) throw usage_error("store: the ingest group is over (committed or rolled back)");
  added_ = b_->group_added();
  // Detached first: whatever happens, this object no longer speaks for the store's next group.
  std::exchange(b_, nullptr)->end_group(true);
}
std::size_t store::ingest_group::added() const noexcept { return b_ ? b_->group_added() : added_; }
std::optional<report_id> store::find(std::string_view sha256) const { return impl_->find(sha256); }
report store::load_report(report_id id) const { return impl_->load_report(id); }
std::vector<report_summary> store::reports(const report_filter& filter) const { return impl_->reports(filter); }
void store::each_report(const report_filter& filter, void (*call)(void*, const report_summary&), void* each) const {
  impl_->each_report(filter, call, each);
}

yearly_reports store::yearly(std::string_view jurisdiction) const {
  report_filter f;
  f.jurisdiction = std::string(jurisdiction);
  f.current_only = true;  // one report per jurisdiction and year
  yearly_reports out;
  // reports() orders by year (no year first), then id: each list keeps that order (both backends)
  for (auto& r : reports(f)) (r.year ? out.by_year : out.without_year).push_back(std::move(r));
  return out;
}
std::optional<report_id> store::current_report(std::string_view jurisdiction, report_year year) const {
  return impl_->current_report(jurisdiction, year);
}
bool store::remove_report(report_id id) {
  impl_->no_group("remove_report");
  return impl_->remove_report(id);
}
std::vector<jurisdiction_summary> store::jurisdictions() const { return impl_->jurisdictions(); }
std::vector<std::string> store::metrics(std::optional<std::string_view> jurisdiction) const {
  return impl_->metrics(jurisdiction);
}
metric_series store::series(std::string_view jurisdiction, std::string_view metric) const {
  return impl_->series(jurisdiction, metric);
}
std::vector<metric_series> store::all_series(std::string_view jurisdiction) const {
  return impl_->all_series(jurisdiction);
}
std::size_t store::panel_csv(std::ostream& out) const { return impl_->panel_csv(out); }
save_verdicts_result store::save_verdicts(report_id earlier, report_id later, std::string_view rubric,
                                          const std::vector<verdict_record>& verdicts) {
  impl_->no_group("save_verdicts");
  return impl_->save_verdicts(earlier, later, rubric, verdicts);
}
std::vector<stored_verdict> store::verdicts(report_id earlier, report_id later) const {
  return impl_->verdicts(earlier, later);
}
std::vector<stored_verdict> store::verdict_history(std::string_view jurisdiction) const {
  return impl_->verdict_history(jurisdiction);
}
std::vector<std::pair<report_id, report_id>> store::verdict_pairs() const { return impl_->verdict_pairs(); }
std::vector<catalogue_entry> store::catalogue() const { return impl_->catalogue(); }
std::vector<catalogue_entry> store::aliases(alias_scope scope) const { return impl_->aliases(scope); }
std::string store::metric_of(std::string_view label, std::string_view unit) const {
  return impl_->metric_of(label, unit);
}
catalogue_import_result store::import_catalogue(std::istream& csv, std::string_view source) {
  impl_->no_group("import_catalogue");
  return impl_->import_catalogue(csv, source);
}
std::size_t store::export_catalogue(std::ostream& csv) const { return impl_->export_catalogue(csv); }
integrity_result store::check_integrity() const { return impl_->check_integrity(); }

store::read_snapshot store::snapshot() const {
  impl_->hold_reads();
  return read_snapshot(impl_.get());
}
store::read_snapshot::read_snapshot(const detail::store_backend* b) noexcept : b_(b) {}
store::read_snapshot::read_snapshot(read_snapshot&& o) noexcept : b_(std::exchange(o.b_, nullptr)) {}
store::read_snapshot::~read_snapshot() {
  if (b_) b_->release_reads();
}

}  // namespace annals
