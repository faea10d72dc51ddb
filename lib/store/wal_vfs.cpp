// The SQLite VFS a file store is opened with: the system's default VFS, except that the writes of
// a WAL file are gathered in memory and handed to the OS as one write per commit.
//
// Why: SQLite writes each WAL frame as two calls, its 24-byte header and then its page, so a
// frame (24 + 4096 bytes) straddles the OS's pages and a commit of 20 frames is 40 pwrite calls
// touching 60 page-cache pages. An ingest commits once per report, and on a 2-core VM those calls
// were a fifth of its CPU time (bench/README.md, fifth pass). Gathered, a commit is one call.
//
// When a gathered write reaches the file matters for correctness, and the rule is simple: before
// anything could read the WAL, or SQLite could act on what it wrote. So the gathered bytes are
// written
//  - right after the page of a commit frame (a frame header whose "database size after commit"
//    field is not zero; file format: https://www.sqlite.org/fileformat.html#wal_file_format) —
//    SQLite publishes a commit to other connections (the wal-index header) only after its writes
//    of the frames have returned, so every connection, in this process or another, finds the
//    committed frames in the file, and a failing write fails the commit, not a later call;
//  - before any other call on the file (read, sync, size, truncate, file control, close) and
//    before a write that does not continue the gathered bytes (the WAL restarting at its start);
//  - when they pass gather_limit (a large transaction spilling pages before its commit).
// A process killed before a commit's write leaves that commit unwritten, as a kill in the middle
// of SQLite's own 40 writes would: WAL recovery ignores frames after the last whole commit
// (store_crash_test kills ingests at random moments; wal_vfs_test checks the rule itself).
// Every other file (the database, the journal of a rollback-mode database, temporary files) is
// the default VFS's own object: the wrapper costs nothing there.
//
// On Linux the WAL's written bytes are also handed to the OS's writeback every MiB
// (sync_file_range, which does not wait): a checkpoint's fsync of the WAL then finds most of them
// on disk already, and the ingest writer, which waits for that fsync, waits less. Nothing about
// durability changes: the fsyncs are SQLite's, as before.
#include "sqlite_detail.hpp"

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cstring>
#include <new>
#include <string>

namespace annals::detail {
namespace {

constexpr std::size_t gather_limit = std::size_t{4} << 20;  // bytes held before they are written
constexpr int frame_header_size = 24;
constexpr sqlite3_int64 kick_every = sqlite3_int64{1} << 20;  // bytes handed to writeback at once
// The most one call of the default VFS writes: the unix VFS masks a write's length with 0x1ffff
// (SQLite itself never writes more than a 64 KiB page at once), so larger writes are split.
constexpr std::size_t write_limit = 0x1ffff & ~std::size_t{0xfff};

sqlite3_vfs* root_vfs() noexcept {
  static sqlite3_vfs* const root = sqlite3_vfs_find(nullptr);
  return root;
}

/// A WAL file: the default VFS's file (`real`, in the same allocation) and the gathered writes.
struct wal_file {
  sqlite3_file base;  // first: SQLite sees this
  sqlite3_file* real = nullptr;
  std::string held;        // bytes not yet written, for the file from offset `start`
  sqlite3_int64 start = 0;
  bool commit_frame_next = false;  // the last write was the header of a commit frame
  int kick_fd = -1;                // the WAL opened again, for sync_file_range
  sqlite3_int64 kick_from = 0;     // written since this offset, not yet handed to writeback
};

constexpr std::size_t real_offset = (sizeof(wal_file) + 15) / 16 * 16;

wal_file* as_wal(sqlite3_file* f) noexcept { return reinterpret_cast<wal_file*>(f); }

/// Starts the writeback of the WAL's bytes up to `end` once kick_every bytes are written since the
/// last start, without waiting for it. A checkpoint fsyncs the WAL; what the OS has already
/// written by then costs that fsync nothing, and an ingest's writer waits for the fsyncs (the
/// copying, and the reading of the next reports, go on meanwhile on the other threads).
void kick_writeback(wal_file* f, sqlite3_int64 end) noexcept {
#ifdef __linux__
  if (f->kick_fd < 0) return;
  if (f->start < f->kick_from) f->kick_from = f->start;  // the WAL restarted at its beginning
  if (end - f->kick_from < kick_every) return;
  // A failure only loses the head start: the checkpoint's fsync writes the bytes anyway.
  ::sync_file_range(f->kick_fd, f->kick_from, end - f->kick_from, SYNC_FILE_RANGE_WRITE);
  f->kick_from = end;
#else
  (void)f;
  (void)end;
#endif
}

int write_held(wal_file* f) noexcept {
  int rc = SQLITE_OK;
  for (std::size_t at = 0; at < f->held.size() && rc == SQLITE_OK; at += write_limit) {
    const std::size_t n = std::min(write_limit, f->held.size() - at);
    rc = f->real->pMethods->xWrite(f->real, f->held.data() + at, static_cast<int>(n),
                                   f->start + static_cast<sqlite3_int64>(at));
  }
  if (rc == SQLITE_OK && !f->held.empty()) kick_writeback(f, f->start + static_cast<sqlite3_int64>(f->held.size()));
  f->held.clear();  // written or failed: SQLite fails the transaction on an error, and rolls back
  return rc;
}

/// The commit size field (bytes 4-7, big-endian) of the frame header at `p`.
bool is_commit_header(const unsigned char* p) noexcept { return (p[4] | p[5] | p[6] | p[7]) != 0; }

bool is_power_of_two(std::size_t n) noexcept { return n != 0 && (n & (n - 1)) == 0; }

int wal_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  wal_file* f = as_wal(file);
  const auto n = static_cast<std::size_t>(amount);
  const auto* bytes = static_cast<const unsigned char*>(data);
  if (!f->held.empty() && (offset != f->start + static_cast<sqlite3_int64>(f->held.size()) ||
                           f->held.size() + n > gather_limit)) {
    if (const int rc = write_held(f); rc != SQLITE_OK) return rc;
  }
  // A whole frame in one call (a header and a page) or a header alone: is it a commit's?
  bool commit_done = false;
  if (offset >= 32 && n > frame_header_size && is_power_of_two(n - frame_header_size))
    commit_done = is_commit_header(bytes);
  const bool header_alone = offset >= 32 && n == frame_header_size;
  if (!header_alone && f->commit_frame_next) commit_done = true;  // the page after a commit header
  f->commit_frame_next = header_alone && is_commit_header(bytes);

  bool gathered = false;
  if (n <= gather_limit) {
    try {
      if (f->held.empty()) f->start = offset;
      // The buffer is made gather_limit large once and kept while the file is open: it never
      // grows past that (the bytes are written first), so a commit's frames are copied once,
      // into memory already mapped. Released after each large commit instead, a group commit of
      // ingest (~3.4 MB for 64 sample-sized reports) grew it again by doubling every time: the
      // copies of each doubling and a page fault for each fresh 4 KiB (bench/README.md).
      if (f->held.capacity() < gather_limit) f->held.reserve(gather_limit);
      f->held.append(reinterpret_cast<const char*>(bytes), n);  // unchanged if it throws
      gathered = true;
    } catch (const std::bad_alloc&) {
      // no memory to gather: written through below, as the default VFS would
    }
  }
  if (!gathered) {
    if (const int rc = write_held(f); rc != SQLITE_OK) return rc;
    return f->real->pMethods->xWrite(f->real, data, amount, offset);
  }
  return commit_done ? write_held(f) : SQLITE_OK;
}

// Every other call writes what is held first, then is the default VFS's.
int wal_close(sqlite3_file* file) {
  wal_file* f = as_wal(file);
  const int held_rc = write_held(f);
  const int rc = f->real->pMethods->xClose(f->real);
  if (f->kick_fd >= 0) ::close(f->kick_fd);
  f->~wal_file();
  return held_rc != SQLITE_OK ? held_rc : rc;
}

template <auto Member, class... A>
int after_writing(sqlite3_file* file, A... args) {
  wal_file* f = as_wal(file);
  if (const int rc = write_held(f); rc != SQLITE_OK) return rc;
  return (f->real->pMethods->*Member)(f->real, args...);
}

int wal_read(sqlite3_file* file, void* data, int amount, sqlite3_int64 offset) {
  return after_writing<&sqlite3_io_methods::xRead>(file, data, amount, offset);
}
int wal_truncate(sqlite3_file* file, sqlite3_int64 size) {
  return after_writing<&sqlite3_io_methods::xTruncate>(file, size);
}
int wal_sync(sqlite3_file* file, int flags) { return after_writing<&sqlite3_io_methods::xSync>(file, flags); }
int wal_file_size(sqlite3_file* file, sqlite3_int64* size) {
  return after_writing<&sqlite3_io_methods::xFileSize>(file, size);
}
int wal_file_control(sqlite3_file* file, int op, void* arg) {
  return after_writing<&sqlite3_io_methods::xFileControl>(file, op, arg);
}
int wal_lock(sqlite3_file* file, int level) { return after_writing<&sqlite3_io_methods::xLock>(file, level); }
int wal_unlock(sqlite3_file* file, int level) { return after_writing<&sqlite3_io_methods::xUnlock>(file, level); }
int wal_check_reserved(sqlite3_file* file, int* out) {
  wal_file* f = as_wal(file);
  return f->real->pMethods->xCheckReservedLock(f->real, out);
}
int wal_sector_size(sqlite3_file* file) {
  wal_file* f = as_wal(file);
  return f->real->pMethods->xSectorSize(f->real);
}
int wal_device(sqlite3_file* file) {
  wal_file* f = as_wal(file);
  return f->real->pMethods->xDeviceCharacteristics(f->real);
}

// Version 1 methods: SQLite uses neither shared memory nor memory maps on a WAL file itself.
const sqlite3_io_methods wal_methods = {
    1,          wal_close,   wal_read,          wal_write,          wal_truncate,   wal_sync,
    wal_file_size, wal_lock, wal_unlock, wal_check_reserved, wal_file_control, wal_sector_size,
    wal_device, nullptr,     nullptr,           nullptr,            nullptr,        nullptr,
    nullptr};

int vfs_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  sqlite3_vfs* root = root_vfs();
  if ((flags & SQLITE_OPEN_WAL) == 0) return root->xOpen(root, name, file, flags, out_flags);
  auto* f = new (file) wal_file;
  f->base.pMethods = nullptr;
  f->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<unsigned char*>(file) + real_offset);
  const int rc = root->xOpen(root, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    if (f->real->pMethods) f->real->pMethods->xClose(f->real);
    f->~wal_file();
    file->pMethods = nullptr;  // SQLite calls no xClose on a failed open
    return rc;
  }
#ifdef __linux__
  // A descriptor of our own for sync_file_range (the default VFS's is not reachable). Closing it
  // releases no lock: SQLite takes its locks on the database and -shm files, never on the WAL.
  // Without it (open failed), the WAL is written as before, only without the early writeback.
  if (name != nullptr) f->kick_fd = ::open(name, O_RDONLY | O_CLOEXEC);
#endif
  f->base.pMethods = &wal_methods;
  return SQLITE_OK;
}

// The rest of the VFS is the default one's.
int vfs_delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return root_vfs()->xDelete(root_vfs(), name, sync_dir);
}
int vfs_access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return root_vfs()->xAccess(root_vfs(), name, flags, out);
}
int vfs_full_pathname(sqlite3_vfs*, const char* name, int size, char* out) {
  return root_vfs()->xFullPathname(root_vfs(), name, size, out);
}
void* vfs_dl_open(sqlite3_vfs*, const char* name) { return root_vfs()->xDlOpen(root_vfs(), name); }
void vfs_dl_error(sqlite3_vfs*, int size, char* out) { root_vfs()->xDlError(root_vfs(), size, out); }
void (*vfs_dl_sym(sqlite3_vfs*, void* handle, const char* symbol))() {
  return root_vfs()->xDlSym(root_vfs(), handle, symbol);
}
void vfs_dl_close(sqlite3_vfs*, void* handle) { root_vfs()->xDlClose(root_vfs(), handle); }
int vfs_randomness(sqlite3_vfs*, int size, char* out) { return root_vfs()->xRandomness(root_vfs(), size, out); }
int vfs_sleep(sqlite3_vfs*, int micros) { return root_vfs()->xSleep(root_vfs(), micros); }
int vfs_current_time(sqlite3_vfs*, double* out) { return root_vfs()->xCurrentTime(root_vfs(), out); }
int vfs_last_error(sqlite3_vfs*, int size, char* out) { return root_vfs()->xGetLastError(root_vfs(), size, out); }
int vfs_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) {
  sqlite3_vfs* root = root_vfs();
  if (root->iVersion >= 2 && root->xCurrentTimeInt64) return root->xCurrentTimeInt64(root, out);
  double days = 0;
  const int rc = root->xCurrentTime(root, &days);
  *out = static_cast<sqlite3_int64>(days * 86400000.0);
  return rc;
}

sqlite3_vfs make_vfs() {
  sqlite3_vfs v{};
  v.iVersion = 2;
  v.szOsFile = static_cast<int>(real_offset) + root_vfs()->szOsFile;
  v.mxPathname = root_vfs()->mxPathname;
  v.zName = gathering_wal_vfs_name;
  v.xOpen = vfs_open;
  v.xDelete = vfs_delete;
  v.xAccess = vfs_access;
  v.xFullPathname = vfs_full_pathname;
  v.xDlOpen = vfs_dl_open;
  v.xDlError = vfs_dl_error;
  v.xDlSym = vfs_dl_sym;
  v.xDlClose = vfs_dl_close;
  v.xRandomness = vfs_randomness;
  v.xSleep = vfs_sleep;
  v.xCurrentTime = vfs_current_time;
  v.xGetLastError = vfs_last_error;
  v.xCurrentTimeInt64 = vfs_current_time_int64;
  return v;
}

}  // namespace

const char* gathering_wal_vfs() {
  static sqlite3_vfs vfs = make_vfs();
  static const bool registered = sqlite3_vfs_register(&vfs, 0) == SQLITE_OK;
  return registered ? gathering_wal_vfs_name : nullptr;  // nullptr: SQLite's default VFS
}

}  // namespace annals::detail
