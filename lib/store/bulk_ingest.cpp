// annals::bulk_ingest: ingest groups that commit themselves (include/annals/bulk_ingest.hpp).
#include <annals/bulk_ingest.hpp>

#include <annals/error.hpp>

#include <utility>

namespace annals {

bulk_ingest::bulk_ingest(store& target, bulk_ingest_options options) : store_(target), options_(options) {
  if (options_.group_reports == 0) options_.group_reports = 1;
  if (options_.checkpoint_in_background) checkpoints_.emplace(store_.checkpoint_in_background());
}

bulk_ingest::~bulk_ingest() {
  try {
    (void)commit();
  } catch (...) {  // the group is then rolled back whole, as a failed commit leaves it
  }
}

std::size_t bulk_ingest::pending() const noexcept { return group_ ? group_->added() : 0; }

std::size_t bulk_ingest::commit() {
  if (!group_) return 0;
  store::ingest_group g = std::move(*group_);
  group_.reset();
  g.commit();  // storage_error: none of the group is stored, and it is over
  const std::size_t n = g.added();
  committed_ += n;
  if (options_.observer != nullptr && n > 0) options_.observer->committed(n);
  return n;
}

template <class Report>
ingest_result bulk_ingest::store_one(const Report& r) {
  if (!group_) {
    group_.emplace(store_.group_ingests());
    began_ = std::chrono::steady_clock::now();
  }
  ingest_result res;
  try {
    res = store_.ingest(r);
  } catch (const storage_error&) {
    // The reports before this one are kept, as they would be with one transaction each (unless
    // SQLite gave the whole group up: the error says so, and the commit refuses).
    try {
      (void)commit();
    } catch (const error&) {
    }
    throw;
  }
  if (group_->added() >= options_.group_reports || std::chrono::steady_clock::now() - began_ >= options_.group_age)
    (void)commit();
  return res;
}

ingest_result bulk_ingest::ingest(const encoded_report& r) { return store_one(r); }
ingest_result bulk_ingest::ingest(const report& r) { return store_one(r); }

}  // namespace annals
