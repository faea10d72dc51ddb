// store::checkpoint_in_background(): a thread that copies a file store's write-ahead log into the
// database file while the store's own connection ingests (docs/store.md, Performance).
#include <annals/store.hpp>

#include "store/checkpoint_detail.hpp"
#include "store/store_detail.hpp"

#include <sqlite3.h>

#include <utility>

namespace annals {

detail::checkpoint_thread::checkpoint_thread(std::function<void()> step, std::chrono::milliseconds period)
    : step_(std::move(step)), period_(period), thread_([this] {
        std::unique_lock lock(m_);
        while (!wake_.wait_for(lock, period_, [this] { return stop_; })) {
          lock.unlock();
          step_();
          lock.lock();
        }
      }) {}

detail::checkpoint_thread::~checkpoint_thread() {
  {
    const std::lock_guard lock(m_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

std::unique_ptr<detail::checkpoint_thread> detail::sqlite_store::start_checkpoints() const {
  // A file store in WAL mode that this connection may write: the only kind with a log to copy.
  const char* file = sqlite3_db_filename(db.getHandle(), "main");
  if (!writable || file == nullptr || *file == '\0') return nullptr;
  {
    SQLite::Statement mode(db, "PRAGMA journal_mode");
    if (!mode.executeStep() || mode.getColumn(0).getString() != "wal") return nullptr;
  }
  // A connection of the thread's own (a connection is used by one thread at a time), to the same
  // file through the same VFS; it never runs a statement, so it needs no checks or migration.
  sqlite3* c = nullptr;
  if (sqlite3_open_v2(file, &c, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, gathering_wal_vfs()) != SQLITE_OK) {
    sqlite3_close(c);
    return nullptr;  // no thread: the store's own checkpoints do the work, as before
  }
  // The checkpoint's fsyncs follow the store's sync mode, as the writer's own checkpoints do.
  sqlite3_exec(c, options.sync == sync_mode::full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL",
               nullptr, nullptr, nullptr);
  const std::shared_ptr<sqlite3> connection(c, [](sqlite3* p) { sqlite3_close(p); });
  return std::make_unique<checkpoint_thread>(
      [connection] {
        // Passive: copies the frames no reader still needs, never waits for a lock; a failure
        // (busy, a full disk) leaves the log to the next try or to the writer's own checkpoint.
        sqlite3_wal_checkpoint_v2(connection.get(), "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
      },
      std::chrono::milliseconds(10));
}

store::background_checkpoints store::checkpoint_in_background() const {
  return background_checkpoints(impl_->start_checkpoints());
}
store::background_checkpoints::background_checkpoints(std::unique_ptr<detail::checkpoint_thread> t) noexcept
    : t_(std::move(t)) {}
store::background_checkpoints::background_checkpoints(background_checkpoints&& o) noexcept = default;
store::background_checkpoints::~background_checkpoints() = default;

}  // namespace annals
