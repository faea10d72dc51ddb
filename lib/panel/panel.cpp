// Panel YoY: the CSV scanner, string interning, ordering (dense grid or radix sort) and the exact
// division pass behind annals::panel_yoy. See include/annals/panel.hpp for the contract and
// bench/README.md ("Panel") for the measurements that shaped it.
//
// Layout of the work:
//   1. map the file (one mmap, MAP_POPULATE), check the header;
//   2. cut the data into one chunk per thread at newlines that are outside quoted fields (the
//      quote parity before each cut is counted first, so quoted newlines never split a record);
//   3. each thread parses its chunk: jurisdiction and metric are interned to local integer ids,
//      a row becomes {local key, value as int64 × 100} (values with more decimals or too large
//      go to a side table of exact decimals);
//   4. the local dictionaries are merged into global ones sorted by name, so row order (and the
//      output) does not depend on the input order or the number of threads;
//   5. rows are placed in (jurisdiction, metric, year) order: scattered into a dense grid when
//      the panel is dense, otherwise radix-sorted on a packed 64-bit key;
//   6. one linear pass per thread computes growth = (value − prior) × 10^12 / prior with integer
//      division rounded half-up, and sums it exactly in 128 bits.

#include <annals/csv.hpp>
#include <annals/error.hpp>
#include <annals/panel.hpp>
#include <annals/source.hpp>
#include <annals/text.hpp>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <limits>
#include <ostream>
#include <thread>
#include <type_traits>
#include <utility>

namespace annals {

namespace {

__extension__ using i128 = __int128;
__extension__ using u128 = unsigned __int128;

// ---- value encoding -------------------------------------------------------------------------
// A value or growth slot is an int64:
//   |x| ≤ fast_limit                 a fixed-point number (values: × 10^2, growths: × 10^12)
//   x = big_base + i  (x < −limit)   index i into a table of exact decimals
//   no_growth / zero_growth          growth slot only: no prior row / prior value zero
constexpr std::int64_t fast_limit = std::int64_t{1} << 62;
constexpr std::int64_t big_base = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t empty_cell = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t no_growth = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t zero_growth = std::numeric_limits<std::int64_t>::max() - 1;
constexpr int value_scale = 2;
constexpr std::int64_t growth_unit = 1'000'000'000'000;  // 10^panel_growth_digits
static_assert(panel_growth_digits == 12);

constexpr bool is_big(std::int64_t x) noexcept { return x < -fast_limit; }
constexpr std::size_t big_index(std::int64_t x) noexcept {
  return static_cast<std::size_t>(static_cast<std::uint64_t>(x) - static_cast<std::uint64_t>(big_base));
}
constexpr std::int64_t big_slot(std::size_t i) noexcept {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(big_base) + i);
}

constexpr int min_year = 1;
constexpr int max_year = 9999;
constexpr unsigned local_id_bits = 24;
constexpr std::uint32_t max_local_id = (1u << local_id_bits) - 1;

/// A row as parsed: local key (jurisdiction id << 40 | metric id << 16 | year) and value slot.
/// After merging, `key` holds the global packed key (see key_layout).
struct record {
  std::uint64_t key;
  std::int64_t value;
};

std::string quote_for_message(std::string_view s) {
  std::string r = "'";
  r.append(s.substr(0, 40));
  if (s.size() > 40) r += "…";
  r += "'";
  return r;
}

// ---- the input ------------------------------------------------------------------------------

/// The bytes of a file: mmapped when it is a regular file, read otherwise. release() drops the
/// mapping early (its pages count towards the peak memory).
class file_bytes {
 public:
  explicit file_bytes(const std::filesystem::path& path) {
    const std::string name = path.string();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw input_error(name + ": cannot open: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      const int e = errno;
      ::close(fd);
      throw input_error(name + ": cannot read: " + std::strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
      ::close(fd);
      throw input_error(name + ": cannot read: is a directory");
    }
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
      size_ = static_cast<std::size_t>(st.st_size);
      void* m = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (m != MAP_FAILED) {
        map_ = m;
        ::madvise(m, size_, MADV_SEQUENTIAL);
        ::close(fd);
        return;
      }
      size_ = 0;
    }
    // not mappable (pipe, special file, empty): read everything
    char buf[1 << 16];
    for (;;) {
      const ssize_t n = ::read(fd, buf, sizeof buf);
      if (n == 0) break;
      if (n < 0) {
        if (errno == EINTR) continue;
        const int e = errno;
        ::close(fd);
        throw input_error(name + ": cannot read: " + std::strerror(e));
      }
      owned_.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
  }
  file_bytes(const file_bytes&) = delete;
  file_bytes& operator=(const file_bytes&) = delete;
  ~file_bytes() { release(); }

  [[nodiscard]] std::string_view view() const noexcept {
    return map_ ? std::string_view(static_cast<const char*>(map_), size_) : std::string_view(owned_);
  }
  void release() noexcept {
    if (map_) ::munmap(map_, size_);
    map_ = nullptr;
    size_ = 0;
    std::string().swap(owned_);
  }

 private:
  void* map_ = nullptr;
  std::size_t size_ = 0;
  std::string owned_;
};

// ---- memory -----------------------------------------------------------------------------------

/// A growable array of trivially copyable T in its own anonymous mapping: zero-filled, its pages
/// are faulted (and counted in the resident size) only when written, large ones are backed by
/// transparent huge pages (about 500× fewer page faults), and growing is an mremap, not a copy.
template <class T>
class big_array {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  big_array() = default;
  big_array(const big_array&) = delete;
  big_array& operator=(const big_array&) = delete;
  big_array(big_array&& o) noexcept { swap(o); }
  big_array& operator=(big_array&& o) noexcept {
    big_array tmp(std::move(o));
    swap(tmp);
    return *this;
  }
  ~big_array() { release(); }

  /// Room for n elements (contents kept). @throws std::bad_alloc
  void reserve(std::size_t n) {
    if (n <= cap_) return;
    const std::size_t bytes = round_up(n * sizeof(T));
    void* m = data_ ? ::mremap(data_, cap_bytes(), bytes, MREMAP_MAYMOVE)
                    : ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) throw std::bad_alloc();
    if (bytes >= huge) ::madvise(m, bytes, MADV_HUGEPAGE);
    data_ = static_cast<T*>(m);
    cap_ = bytes / sizeof(T);
  }
  /// n zero-filled elements (only valid right after construction or release()).
  void assign_zero(std::size_t n) {
    release();
    reserve(n);
    size_ = n;
  }
  void push_back(const T& v) {
    if (size_ == cap_) reserve(cap_ < 1024 ? 1024 : cap_ * 2);
    data_[size_++] = v;
  }
  void release() noexcept {
    if (data_) ::munmap(data_, cap_bytes());
    data_ = nullptr;
    size_ = cap_ = 0;
  }
  [[nodiscard]] T* begin() noexcept { return data_; }
  [[nodiscard]] T* end() noexcept { return data_ + size_; }
  [[nodiscard]] const T* begin() const noexcept { return data_; }
  [[nodiscard]] const T* end() const noexcept { return data_ + size_; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  T& operator[](std::size_t i) noexcept { return data_[i]; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }

 private:
  static constexpr std::size_t huge = std::size_t{2} << 20;
  static std::size_t round_up(std::size_t bytes) noexcept {
    const std::size_t unit = bytes >= huge ? huge : 4096;
    return (bytes + unit - 1) / unit * unit;
  }
  [[nodiscard]] std::size_t cap_bytes() const noexcept { return round_up(cap_ * sizeof(T)); }
  void swap(big_array& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
    std::swap(cap_, o.cap_);
  }
  T* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t cap_ = 0;
};

// ---- interning ------------------------------------------------------------------------------

/// A name as a lookup key: its length and two 64-bit words that determine it when it is at most
/// 16 bytes long (overlapping loads, so no byte-by-byte copy); longer names are also compared by
/// bytes.
struct name_key {
  std::uint64_t w0 = 0;
  std::uint64_t w1 = 0;
  std::size_t n = 0;

  explicit name_key(std::string_view s) noexcept : n(s.size()) {
    const char* p = s.data();
    if (n >= 8) {
      std::memcpy(&w0, p, 8);
      std::memcpy(&w1, p + (n <= 16 ? n - 8 : 8), 8);
      for (std::size_t i = 16; i + 8 <= n; i += 8) {  // long names: fold the rest into w1
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        w1 = (w1 ^ w) * 0xbf58476d1ce4e5b9ull;
      }
      if (n > 16 && n % 8 != 0) {
        std::uint64_t w;
        std::memcpy(&w, p + n - 8, 8);
        w1 = (w1 ^ w) * 0x94d049bb133111ebull;
      }
    } else if (n >= 4) {
      std::uint32_t a, b;
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + n - 4, 4);
      w0 = a | (std::uint64_t{b} << 32);
    } else {
      for (std::size_t i = 0; i < n; ++i) w0 |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
    }
  }
  [[nodiscard]] std::uint64_t hash() const noexcept {
    std::uint64_t h = (w0 ^ (n * 0x9E3779B97F4A7C15ull)) * 0xbf58476d1ce4e5b9ull;
    h = (h ^ (h >> 29) ^ w1) * 0x94d049bb133111ebull;
    return h ^ (h >> 32);
  }
  [[nodiscard]] bool same(const name_key& o) const noexcept { return w0 == o.w0 && w1 == o.w1 && n == o.n; }
  [[nodiscard]] bool exact() const noexcept { return n <= 16; }
};

/// Strings → dense ids in order of first appearance: open addressing on a power-of-two table
/// whose slots hold the name keys (no pointer chasing for names up to 16 bytes), plus a
/// one-entry cache for runs of the same name (sorted panels).
class dictionary {
 public:
  dictionary() : slots_(1024), mask_(1023) {}

  /// The id of `s`, adding it when new (`fresh` tells). Returns max_local_id + 1 when full.
  std::uint32_t intern(std::string_view s, bool& fresh) {
    fresh = false;
    const name_key k(s);
    if (last_ != npos_id && last_key_.same(k) && (k.exact() || names_[last_] == s)) return last_;
    std::size_t i = static_cast<std::size_t>(k.hash()) & mask_;
    for (;;) {
      const slot& sl = slots_[i];
      if (sl.id == 0) break;
      if (sl.key.same(k) && (k.exact() || names_[sl.id - 1] == s)) {
        last_key_ = k;
        return last_ = sl.id - 1;
      }
      i = (i + 1) & mask_;
    }
    if (names_.size() > max_local_id) return max_local_id + 1;
    const auto id = static_cast<std::uint32_t>(names_.size());
    names_.emplace_back(s);
    slots_[i] = {k, id + 1};
    fresh = true;
    if (names_.size() * 2 > slots_.size()) grow();
    last_key_ = k;
    return last_ = id;
  }
  [[nodiscard]] const std::vector<std::string>& names() const noexcept { return names_; }

 private:
  struct slot {
    name_key key{std::string_view{}};
    std::uint32_t id = 0;  ///< id + 1; 0 = free
  };
  static constexpr std::uint32_t npos_id = std::numeric_limits<std::uint32_t>::max();
  void grow() {
    std::vector<slot> slots(slots_.size() * 2);
    const std::size_t mask = slots.size() - 1;
    for (const slot& sl : slots_) {
      if (sl.id == 0) continue;
      std::size_t i = static_cast<std::size_t>(sl.key.hash()) & mask;
      while (slots[i].id != 0) i = (i + 1) & mask;
      slots[i] = sl;
    }
    slots_ = std::move(slots);
    mask_ = mask;
  }

  std::vector<std::string> names_;
  std::vector<slot> slots_;
  std::size_t mask_;
  std::uint32_t last_ = npos_id;
  name_key last_key_{std::string_view{}};
};

// ---- the CSV scanner ------------------------------------------------------------------------

/// Bytes that end an unquoted field or need a closer look: , \n \r "
struct byte_classes {
  bool special[256] = {};
  constexpr byte_classes() {
    special[static_cast<unsigned char>(',')] = true;
    special[static_cast<unsigned char>('\n')] = true;
    special[static_cast<unsigned char>('\r')] = true;
    special[static_cast<unsigned char>('"')] = true;
  }
};
constexpr byte_classes classes{};

struct scan_error {
  std::size_t at = std::string_view::npos;  ///< byte offset in the data
  std::string why;
};

/// Reads one CSV record of up to `max_fields` fields starting at `p` (< e). Returns the number of
/// fields (max_fields + 1 when there are more), advances `p` past the record's line end, and
/// fills `fields` (views into the data, or into `unquoted[k]` for fields with "" escapes).
/// On a malformed record returns 0 with `err` set.
inline std::size_t read_record(const char*& p, const char* e, const char* base, std::string_view* fields,
                               std::size_t max_fields, std::string* unquoted, scan_error& err,
                               bool& saw_quote) {
  std::size_t n = 0;
  for (;;) {
    std::string_view field;
    const char* field_start = p;
    if (p < e && *p == '"') {
      saw_quote = true;
      ++p;
      const char* s = p;
      bool escaped = false;
      for (;;) {
        const auto* q = static_cast<const char*>(std::memchr(p, '"', static_cast<std::size_t>(e - p)));
        if (q == nullptr) {
          err = {static_cast<std::size_t>(field_start - base), "unterminated quoted field"};
          return 0;
        }
        if (q + 1 < e && q[1] == '"') {
          escaped = true;
          p = q + 2;
          continue;
        }
        p = q + 1;
        break;
      }
      field = std::string_view(s, static_cast<std::size_t>(p - 1 - s));
      if (escaped && n < max_fields) {
        std::string& u = unquoted[n];
        u.clear();
        for (std::size_t i = 0; i < field.size(); ++i) {
          u += field[i];
          if (field[i] == '"') ++i;  // "" → "
        }
        field = u;
      }
      if (p < e && *p != ',' && *p != '\n' && *p != '\r') {
        err = {static_cast<std::size_t>(p - base), "text after a closing quote"};
        return 0;
      }
    } else {
      while (p < e && !classes.special[static_cast<unsigned char>(*p)]) ++p;
      if (p < e && *p == '"') {
        saw_quote = true;
        err = {static_cast<std::size_t>(p - base), "quote inside an unquoted field"};
        return 0;
      }
      field = std::string_view(field_start, static_cast<std::size_t>(p - field_start));
    }
    if (n < max_fields) fields[n] = field;
    ++n;
    if (p >= e) return n;
    if (*p == ',') {
      ++p;
      if (n > max_fields) {  // skip the rest of the line cheaply; the record is wrong anyway
        while (p < e && *p != '\n') ++p;
        if (p < e) ++p;
        return n;
      }
      continue;
    }
    if (*p == '\r') {
      if (p + 1 < e && p[1] != '\n') {
        err = {static_cast<std::size_t>(p - base), "carriage return inside an unquoted field"};
        return 0;
      }
      ++p;
      if (p < e) ++p;
      return n;
    }
    ++p;  // '\n'
    return n;
  }
}

/// `digits` as a year 1…9999, or 0.
inline int parse_year(std::string_view s) noexcept {
  if (s.empty() || s.size() > 4) return 0;
  int y = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return 0;
    y = y * 10 + (c - '0');
  }
  return y;
}

/// `[-+]digits[.digits]` with ≤ 16 integer digits and ≤ 2 decimals as × 100; false otherwise.
inline bool parse_value_fast(std::string_view s, std::int64_t& out) noexcept {
  std::size_t i = 0;
  const std::size_t n = s.size();
  bool neg = false;
  if (i < n && (s[i] == '-' || s[i] == '+')) {
    neg = s[i] == '-';
    ++i;
  }
  std::int64_t v = 0;
  int int_digits = 0, frac_digits = 0;
  while (i < n && s[i] >= '0' && s[i] <= '9') {
    if (++int_digits > 16) return false;
    v = v * 10 + (s[i] - '0');
    ++i;
  }
  if (i < n && s[i] == '.') {
    ++i;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
      if (++frac_digits > 2) return false;
      v = v * 10 + (s[i] - '0');
      ++i;
    }
  }
  if (i != n || int_digits + frac_digits == 0) return false;
  if (frac_digits == 0) v *= 100;
  else if (frac_digits == 1) v *= 10;
  out = neg ? -v : v;
  return true;
}

/// What one thread makes of its chunk.
struct chunk_result {
  big_array<record> records;
  bool saw_quote = false;  ///< a quote character was met (the cut points must then be checked)
  dictionary jurisdictions;
  dictionary metrics;
  std::vector<decimal> big_values;
  int year_min = max_year + 1;
  int year_max = 0;
  scan_error error;
};

constexpr std::size_t header_fields = 4;
constexpr const char* header_names[header_fields] = {"jurisdiction", "metric", "year", "value"};
constexpr const char* field_what[header_fields] = {"jurisdiction", "metric", "year", "value"};

void parse_chunk(std::string_view data, std::size_t begin, std::size_t end, chunk_result& out) {
  const char* const base = data.data();
  const char* p = base + begin;
  const char* const e = base + end;
  out.records.reserve((end - begin) / 8 + 2);  // every row takes ≥ 8 bytes but the last
  std::string_view f[header_fields];
  std::string unquoted[header_fields];
  while (p < e) {
    if (*p == '\n') {
      ++p;
      continue;
    }
    if (*p == '\r' && p + 1 < e && p[1] == '\n') {
      p += 2;
      continue;
    }
    const char* const row_start = p;
    const std::size_t n = read_record(p, e, base, f, header_fields, unquoted, out.error, out.saw_quote);
    if (n == 0) return;
    if (n != header_fields) {
      out.error = {static_cast<std::size_t>(row_start - base),
                   n > header_fields ? "more than 4 fields (expected jurisdiction,metric,year,value)"
                                     : "expected 4 fields (jurisdiction,metric,year,value), found " +
                                           std::to_string(n)};
      return;
    }
    const int year = parse_year(f[2]);
    if (year < min_year) {
      out.error = {static_cast<std::size_t>(row_start - base),
                   "bad year " + quote_for_message(f[2]) + " (expected an integer 1…9999)"};
      return;
    }
    std::int64_t v;
    if (!parse_value_fast(f[3], v)) {
      auto d = decimal::try_parse(f[3]);
      if (!d) {
        out.error = {static_cast<std::size_t>(row_start - base),
                     "bad number " + quote_for_message(f[3]) + " in column value"};
        return;
      }
      const decimal nd = d->normalized();
      if (nd.scale() <= value_scale) {
        const decimal r = nd.rescaled(value_scale);
        const auto c = r.coefficient();
        if (c >= -fast_limit && c <= fast_limit) {
          v = static_cast<std::int64_t>(c);
        } else {
          v = big_slot(out.big_values.size());
          out.big_values.push_back(r);
        }
      } else {
        v = big_slot(out.big_values.size());
        out.big_values.push_back(nd);
      }
    }
    std::uint32_t ids[2];
    for (int k = 0; k < 2; ++k) {
      if (f[k].empty()) {
        out.error = {static_cast<std::size_t>(row_start - base), std::string("empty ") + field_what[k]};
        return;
      }
      bool fresh = false;
      dictionary& d = k == 0 ? out.jurisdictions : out.metrics;
      ids[k] = d.intern(f[k], fresh);
      if (ids[k] > max_local_id) {
        out.error = {static_cast<std::size_t>(row_start - base),
                     std::string("too many distinct ") + field_what[k] + " names (limit 16777215)"};
        return;
      }
      if (fresh && !utf8::is_valid(f[k])) {
        out.error = {static_cast<std::size_t>(row_start - base), std::string(field_what[k]) + " is not valid UTF-8"};
        return;
      }
    }
    const std::uint64_t jm = (std::uint64_t{ids[0]} << 40) | (std::uint64_t{ids[1]} << 16);
    out.year_min = std::min(out.year_min, year);
    out.year_max = std::max(out.year_max, year);
    out.records.push_back({jm | static_cast<std::uint64_t>(year), v});
  }
}

std::size_t line_of(std::string_view data, std::size_t at) {
  return 1 + static_cast<std::size_t>(std::count(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(std::min(at, data.size())), '\n'));
}

/// Runs fn(0) … fn(n − 1), fn(0) on this thread.
template <class Fn>
void run_parallel(unsigned n, Fn&& fn) {
  std::vector<std::thread> workers;
  workers.reserve(n > 0 ? n - 1 : 0);
  for (unsigned t = 1; t < n; ++t) workers.emplace_back([&fn, t] { fn(t); });
  fn(0u);
  for (auto& w : workers) w.join();
}

unsigned bits_for(std::size_t count) noexcept {  // bits to hold 0 … count − 1
  unsigned b = 0;
  while (b < 64 && (std::size_t{1} << b) < count) ++b;
  return b;
}

/// The global packed key: jurisdiction rank | metric rank | year − year_min.
struct key_layout {
  unsigned metric_bits = 0;
  unsigned year_bits = 0;
  int year_min = 0;
  [[nodiscard]] std::uint64_t make(std::uint64_t j, std::uint64_t m, int year) const noexcept {
    return (j << (metric_bits + year_bits)) | (m << year_bits) | static_cast<std::uint64_t>(year - year_min);
  }
  [[nodiscard]] std::size_t jurisdiction(std::uint64_t k) const noexcept {
    return static_cast<std::size_t>(k >> (metric_bits + year_bits));
  }
  [[nodiscard]] std::size_t metric(std::uint64_t k) const noexcept {
    return static_cast<std::size_t>((k >> year_bits) & ((std::uint64_t{1} << metric_bits) - 1));
  }
  [[nodiscard]] int year(std::uint64_t k) const noexcept {
    return year_min + static_cast<int>(k & ((std::uint64_t{1} << year_bits) - 1));
  }
};

/// growth slot of value v over prior p (both fixed-point × 100, p ≠ 0): round((v − p)·10^12 / p).
/// Returns false when the quotient does not fit the fast range (then `wide` holds it).
inline bool fast_growth(std::int64_t v, std::int64_t p, std::int64_t& slot, i128& wide) noexcept {
  const i128 num = (static_cast<i128>(v) - p) * growth_unit;
  const bool neg = (num < 0) != (p < 0);
  const u128 an = num < 0 ? static_cast<u128>(-num) : static_cast<u128>(num);
  const auto ap = static_cast<std::uint64_t>(p < 0 ? -p : p);
  u128 q;
  std::uint64_t r;
  if (static_cast<std::uint64_t>(an >> 64) < ap) {
    // the quotient fits 64 bits: one 128/64 division
    const auto q64 = static_cast<std::uint64_t>(an / ap);
    r = static_cast<std::uint64_t>(an - static_cast<u128>(q64) * ap);
    q = q64;
  } else {
    q = an / ap;
    r = static_cast<std::uint64_t>(an - q * ap);
  }
  if (r >= ap - r) ++q;  // half-up: 2r ≥ |p|
  const i128 sq = neg ? -static_cast<i128>(q) : static_cast<i128>(q);
  wide = sq;
  if (sq >= -fast_limit && sq <= fast_limit) {
    slot = static_cast<std::int64_t>(sq);
    return true;
  }
  return false;
}

decimal value_of(std::int64_t slot, const std::vector<decimal>& big) {
  return is_big(slot) ? big[big_index(slot)] : decimal::from_parts(slot, value_scale);
}

/// Per-thread accumulator of the division pass.
struct pass_totals {
  i128 sum = 0;
  std::size_t ok = 0;
  std::size_t zero = 0;
  std::size_t none = 0;
  std::vector<decimal> big_growths;  ///< growths out of the fast range (keep mode)
  std::string error;
};

/// Computes the growth slot of a row whose prior row exists. Adds to the totals.
inline std::int64_t growth_of(std::int64_t v, std::int64_t p, const std::vector<decimal>& big, pass_totals& t,
                              bool keep) {
  std::int64_t slot = 0;
  i128 q = 0;
  if (!is_big(v) && !is_big(p)) {
    if (p == 0) {
      ++t.zero;
      return zero_growth;
    }
    if (!fast_growth(v, p, slot, q) && keep) {
      slot = big_slot(t.big_growths.size());
      t.big_growths.push_back(decimal::from_parts(q, panel_growth_digits));
    }
  } else {
    const decimal dv = value_of(v, big), dp = value_of(p, big);
    if (dp.is_zero()) {
      ++t.zero;
      return zero_growth;
    }
    const decimal g = decimal::divide(dv - dp, dp, panel_growth_digits, rounding::half_up);
    q = g.coefficient();
    if (q >= -fast_limit && q <= fast_limit) {
      slot = static_cast<std::int64_t>(q);
    } else {
      slot = keep ? big_slot(t.big_growths.size()) : 0;
      if (keep) t.big_growths.push_back(g);
    }
  }
  ++t.ok;
  if (__builtin_add_overflow(t.sum, q, &t.sum)) throw input_error("growth sum overflow");
  return slot;
}

/// LSD radix sort of records on the low `bits` bits of key (11 bits a pass).
void radix_sort(std::vector<record>& a, unsigned bits) {
  if (a.size() < 2 || bits == 0) return;
  if (std::is_sorted(a.begin(), a.end(), [](const record& x, const record& y) { return x.key < y.key; })) return;
  if (a.size() < 256) {
    std::sort(a.begin(), a.end(), [](const record& x, const record& y) { return x.key < y.key; });
    return;
  }
  constexpr unsigned digit = 11;
  constexpr std::size_t radix = std::size_t{1} << digit;
  std::vector<record> tmp(a.size());
  std::vector<std::size_t> count(radix);
  for (unsigned shift = 0; shift < bits; shift += digit) {
    std::fill(count.begin(), count.end(), 0);
    for (const record& r : a) ++count[(r.key >> shift) & (radix - 1)];
    std::size_t sum = 0;
    for (auto& c : count) {
      const std::size_t x = c;
      c = sum;
      sum += x;
    }
    for (const record& r : a) tmp[count[(r.key >> shift) & (radix - 1)]++] = r;
    a.swap(tmp);
  }
}

}  // namespace

// ---- the result -------------------------------------------------------------------------------

struct panel_yoy_result::impl {
  std::vector<std::string> jurisdictions;
  std::vector<std::string> metrics;
  key_layout layout;
  std::vector<record> rows;           ///< global key and value slot, in key order
  std::vector<std::int64_t> growth;   ///< growth slot per row
  std::vector<decimal> big_values;
  std::vector<decimal> big_growths;
  panel_summary summary;
};

/// The engine: parse, order, divide. keep = store every row (panel_yoy) or only the summary.
struct panel_access {
  static std::unique_ptr<panel_yoy_result::impl> run(std::string_view name, std::string_view data,
                                                     file_bytes* file, const panel_options& options, bool keep);
  static panel_yoy_result wrap(std::unique_ptr<panel_yoy_result::impl> p) {
    panel_yoy_result r;
    r.impl_ = std::move(p);
    return r;
  }
  static const panel_yoy_result::impl& of(const panel_yoy_result& r) { return *r.impl_; }
  struct engine;
};

/// One run of the engine, phase by phase (the numbers of the layout at the top of this file).
struct panel_access::engine {
  engine(std::string_view name, std::string_view bytes, file_bytes* f, const panel_options& o, bool k)
      : fname(name), data(bytes), file(f), options(o), keep(k), out(std::make_unique<panel_yoy_result::impl>()) {}

  const std::string fname;
  const std::string_view data;
  file_bytes* const file;  ///< released once the names are copied (nullptr for text in memory)
  const panel_options& options;
  const bool keep;

  unsigned threads = 1;
  std::vector<std::size_t> cut;  ///< chunk t is data[cut[t], cut[t+1])
  std::vector<chunk_result> chunks;
  std::unique_ptr<panel_yoy_result::impl> out;
  /// Local name id → global name id, per chunk.
  std::vector<std::vector<std::uint32_t>> jmap, mmap;
  std::vector<std::size_t> big_offset, row_offset;
  std::size_t total = 0, J = 0, M = 0, Y = 1;
  int ymin = 0;
  std::vector<pass_totals> totals;
  /// Rows [first[t], last[t]) of out->growth are thread t's (for shifting its big-growth slots).
  std::vector<std::size_t> first, last;

  std::unique_ptr<panel_yoy_result::impl> run() {
    const std::size_t body_start = read_header();
    cut_chunks(body_start);
    parse_chunks();
    merge_dictionaries();
    totals.assign(threads, pass_totals{});
    if (use_grid()) divide_on_grid();
    else divide_sorted();
    if (keep) shift_big_growths();
    add_up();
    return std::move(out);
  }

  input_error fail_at(std::size_t at, const std::string& why) const {
    return input_error(fname + ":" + std::to_string(line_of(data, at)) + ": " + why);
  }

  /// 1. The header jurisdiction,metric,year,value (after a BOM and blank lines); the offset
  /// of the first data line.
  std::size_t read_header() const {
    std::size_t pos = 0;
    if (data.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
    const char* p = data.data() + pos;
    const char* const e = data.data() + data.size();
    while (p < e && (*p == '\n' || *p == '\r')) ++p;  // leading blank lines
    if (p >= e) throw input_error(fname + ":1: empty file (expected the header jurisdiction,metric,year,value)");
    const char* const header_start = p;
    std::string_view f[header_fields];
    std::string unquoted[header_fields];
    scan_error err;
    bool header_quote = false;
    const std::size_t n = read_record(p, e, data.data(), f, header_fields, unquoted, err, header_quote);
    if (n == 0) throw fail_at(err.at, "bad header: " + err.why);
    bool good = n == header_fields;
    for (std::size_t k = 0; good && k < header_fields; ++k) good = f[k] == header_names[k];
    if (!good) {
      std::string_view line(header_start, static_cast<std::size_t>(p - header_start));
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
      throw fail_at(static_cast<std::size_t>(header_start - data.data()),
                    "bad header " + quote_for_message(line) + " (expected jurisdiction,metric,year,value)");
    }
    return static_cast<std::size_t>(p - data.data());
  }

  /// 2. One chunk per thread, cut at the first newline after equal splits.
  void cut_chunks(std::size_t pos) {
    threads = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    const std::size_t body = data.size() - pos;
    if (options.threads == 0 && body < (std::size_t{1} << 20)) threads = 1;
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, body / 16)));
    threads = std::min(threads, 64u);
    cut.assign(threads + 1, 0);
    cut[0] = pos;
    cut[threads] = data.size();
    for (unsigned t = 1; t < threads; ++t) {
      std::size_t i = std::max(pos + body / threads * t, cut[t - 1]);
      const auto* nl = i < data.size() ? static_cast<const char*>(std::memchr(data.data() + i, '\n', data.size() - i)) : nullptr;
      cut[t] = nl ? static_cast<std::size_t>(nl - data.data()) + 1 : data.size();
    }
    chunks.resize(threads);
  }

  void parse_each_chunk() {
    run_parallel(threads, [&](unsigned t) {
      chunks[t] = chunk_result();
      parse_chunk(data, cut[t], cut[t + 1], chunks[t]);
    });
  }

  /// 3. Parse every chunk; when the file holds quotes, check that every cut is outside a quoted
  /// field (even quote count before it); if one is not, move it to the next newline outside
  /// quotes and parse again.
  void parse_chunks() {
    parse_each_chunk();
    const bool any_quote = std::any_of(chunks.begin(), chunks.end(), [](const chunk_result& c) { return c.saw_quote; });
    if (any_quote && threads > 1 && move_cuts_out_of_quotes()) parse_each_chunk();
    for (const auto& c : chunks)
      if (c.error.at != std::string_view::npos) throw fail_at(c.error.at, c.error.why);
  }

  /// quotes[k] counts the quotes between the original cuts, so the parity before an original
  /// cut is exact whatever happens to the cuts before it. A cut that walks forward stops at the
  /// next newline outside quotes, which is never beyond the next cut that is itself valid.
  /// Whether any cut moved.
  bool move_cuts_out_of_quotes() {
    std::vector<std::size_t> quotes(threads, 0);
    run_parallel(threads, [&](unsigned t) {
      quotes[t] = static_cast<std::size_t>(std::count(data.begin() + static_cast<std::ptrdiff_t>(cut[t]),
                                                      data.begin() + static_cast<std::ptrdiff_t>(cut[t + 1]), '"'));
    });
    bool moved = false;
    std::size_t parity = 0;
    const std::vector<std::size_t> original = cut;
    for (unsigned t = 1; t < threads; ++t) {
      parity += quotes[t - 1];
      std::size_t i = original[t];
      if ((parity & 1u) != 0) {
        bool in_quotes = true;
        while (i < data.size()) {
          const char c = data[i++];
          if (c == '"') in_quotes = !in_quotes;
          else if (c == '\n' && !in_quotes) break;
        }
        moved = true;
      }
      cut[t] = std::max(i, cut[t - 1]);
    }
    return moved;
  }

  /// Names of every chunk, sorted by bytes and deduplicated, into `global`; remap[t][local] is
  /// the global id of chunk t's local id.
  template <class Member>
  void merge_names(Member member, std::vector<std::string>& global, std::vector<std::vector<std::uint32_t>>& remap) {
    std::vector<std::string_view> all;
    for (const auto& c : chunks)
      for (const auto& s : (c.*member).names()) all.emplace_back(s);
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    global.assign(all.begin(), all.end());
    remap.resize(chunks.size());
    for (std::size_t t = 0; t < chunks.size(); ++t) {
      const auto& names = (chunks[t].*member).names();
      remap[t].resize(names.size());
      for (std::size_t i = 0; i < names.size(); ++i)
        remap[t][i] = static_cast<std::uint32_t>(std::lower_bound(global.begin(), global.end(), names[i]) - global.begin());
    }
  }

  /// 4. Global dictionaries (names sorted by bytes), the year range, the key layout; the big
  /// values of every chunk in one table.
  void merge_dictionaries() {
    merge_names(&chunk_result::jurisdictions, out->jurisdictions, jmap);
    merge_names(&chunk_result::metrics, out->metrics, mmap);
    int ymax = 0;
    ymin = max_year + 1;
    big_offset.assign(threads, 0);
    row_offset.assign(threads, 0);
    for (unsigned t = 0; t < threads; ++t) {
      ymin = std::min(ymin, chunks[t].year_min);
      ymax = std::max(ymax, chunks[t].year_max);
      row_offset[t] = total;
      total += chunks[t].records.size();
      big_offset[t] = out->big_values.size();
      out->big_values.insert(out->big_values.end(), chunks[t].big_values.begin(), chunks[t].big_values.end());
      std::vector<decimal>().swap(chunks[t].big_values);
    }
    J = out->jurisdictions.size();
    M = out->metrics.size();
    Y = total == 0 ? 1 : static_cast<std::size_t>(ymax - ymin + 1);
    if (total == 0) ymin = 0;
    key_layout& layout = out->layout;
    layout.metric_bits = bits_for(M);
    layout.year_bits = bits_for(Y);
    layout.year_min = ymin;
    panel_summary& sum = out->summary;
    sum.rows_read = total;
    sum.jurisdictions = J;
    sum.metrics = M;
    if (file != nullptr) file->release();  // names are copied; the bytes are no longer needed
  }

  std::uint64_t global_key(unsigned t, const record& r) const {
    const std::uint64_t lj = r.key >> 40, lm = (r.key >> 16) & 0xFFFFFFu;
    return out->layout.make(jmap[t][lj], mmap[t][lm], static_cast<int>(r.key & 0xFFFFu));
  }
  std::int64_t global_value(unsigned t, std::int64_t v) const {
    return is_big(v) ? big_slot(big_index(v) + big_offset[t]) : v;
  }
  input_error duplicate(std::uint64_t key) const {
    const key_layout& layout = out->layout;
    return input_error(fname + ": duplicate row for jurisdiction " + quote_for_message(out->jurisdictions[layout.jurisdiction(key)]) +
                       ", metric " + quote_for_message(out->metrics[layout.metric(key)]) + ", year " +
                       std::to_string(layout.year(key)));
  }

  /// 5. A dense grid when the panel is dense, otherwise a radix sort.
  bool use_grid() const {
    const u128 cells = static_cast<u128>(J) * M * Y;
    switch (options.strategy) {
      case panel_strategy::automatic: return cells <= static_cast<u128>(total) * 4 + 4096;
      case panel_strategy::grid: return cells <= (u128{1} << 34);
      case panel_strategy::sort: return false;
    }
    return false;
  }

  /// 5 and 6 on a grid. cell = value slot ^ empty_cell, so that 0 (a fresh zero page) means
  /// empty. Each thread owns a contiguous range of series and scans every chunk for its rows:
  /// plain stores, no atomics, and an exact duplicate check.
  void divide_on_grid() {
    const auto cells = static_cast<std::size_t>(static_cast<u128>(J) * M * Y);
    const std::size_t series = J * M;
    big_array<std::int64_t> g;
    g.assign_zero(cells == 0 ? 1 : cells);
    std::vector<std::size_t> sp(threads + 1);
    for (unsigned t = 0; t <= threads; ++t) sp[t] = series / threads * t;
    sp[threads] = series;
    scatter_into_grid(g, sp);
    first.assign(threads, 0);
    last.assign(threads, 0);
    if (keep) {
      std::vector<std::size_t> present(threads, 0);
      run_parallel(threads, [&](unsigned t) {
        std::size_t n = 0;
        for (std::size_t c = sp[t] * Y; c < sp[t + 1] * Y; ++c) n += g[c] != 0;
        present[t] = n;
      });
      for (unsigned t = 1; t < threads; ++t) first[t] = first[t - 1] + present[t - 1];
      for (unsigned t = 0; t < threads; ++t) last[t] = first[t] + present[t];
      out->rows.resize(total);
      out->growth.resize(total);
    }
    const key_layout& layout = out->layout;
    run_parallel(threads, [&](unsigned t) {
      pass_totals& tt = totals[t];
      std::size_t w = first[t];
      try {
        for (std::size_t s = sp[t]; s < sp[t + 1]; ++s) {
          const std::int64_t* row = &g[s * Y];
          for (std::size_t y = 0; y < Y; ++y) {
            if (row[y] == 0) continue;
            const std::int64_t v = row[y] ^ empty_cell;
            std::int64_t gs;
            if (y > 0 && row[y - 1] != 0) {
              gs = growth_of(v, row[y - 1] ^ empty_cell, out->big_values, tt, keep);
            } else {
              ++tt.none;
              gs = no_growth;
            }
            if (keep) {
              out->rows[w] = {(static_cast<std::uint64_t>(s / M) << (layout.metric_bits + layout.year_bits)) |
                                  (static_cast<std::uint64_t>(s % M) << layout.year_bits) | y,
                              v};
              out->growth[w] = gs;
              ++w;
            }
          }
        }
      } catch (const std::exception& ex) {
        tt.error = ex.what();
      }
    });
  }

  /// Every chunk's rows into the grid (thread t fills series [sp[t], sp[t+1])); a cell filled
  /// twice is a duplicate row.
  void scatter_into_grid(big_array<std::int64_t>& g, const std::vector<std::size_t>& sp) {
    std::vector<std::uint64_t> dup_key(threads, std::numeric_limits<std::uint64_t>::max());
    run_parallel(threads, [&](unsigned t) {
      const std::size_t lo = sp[t] * Y, hi = sp[t + 1] * Y;
      for (unsigned c = 0; c < threads; ++c) {
        const std::vector<std::uint32_t>& jm = jmap[c];
        const std::vector<std::uint32_t>& mm = mmap[c];
        for (const record& r : chunks[c].records) {
          const std::uint64_t lj = r.key >> 40, lm = (r.key >> 16) & 0xFFFFFFu;
          const std::size_t idx = (static_cast<std::size_t>(jm[lj]) * M + mm[lm]) * Y +
                                  static_cast<std::size_t>(static_cast<int>(r.key & 0xFFFFu) - ymin);
          if (idx < lo || idx >= hi) continue;
          if (g[idx] != 0) {
            dup_key[t] = global_key(c, r);
            return;
          }
          g[idx] = global_value(c, r.value) ^ empty_cell;
        }
      }
    });
    for (auto k : dup_key)
      if (k != std::numeric_limits<std::uint64_t>::max()) throw duplicate(k);
    for (auto& c : chunks) c.records.release();
  }

  /// 5 and 6 after a radix sort on the packed key.
  void divide_sorted() {
    std::vector<record> all(total);
    run_parallel(threads, [&](unsigned t) {
      record* dst = all.data() + row_offset[t];
      for (const record& r : chunks[t].records) *dst++ = {global_key(t, r), global_value(t, r.value)};
      chunks[t].records.release();
    });
    const key_layout& layout = out->layout;
    radix_sort(all, bits_for(J) + layout.metric_bits + layout.year_bits);
    for (std::size_t i = 1; i < all.size(); ++i)
      if (all[i].key == all[i - 1].key) throw duplicate(all[i].key);
    const std::uint64_t year_mask = (std::uint64_t{1} << layout.year_bits) - 1;
    first.assign(threads, 0);
    last.assign(threads, 0);
    for (unsigned t = 0; t < threads; ++t) {
      first[t] = total / threads * t;
      last[t] = t + 1 == threads ? total : total / threads * (t + 1);
    }
    if (keep) out->growth.resize(total);
    run_parallel(threads, [&](unsigned t) {
      pass_totals& tt = totals[t];
      try {
        for (std::size_t i = first[t]; i < last[t]; ++i) {
          const record& r = all[i];
          std::int64_t gs;
          if (i > 0 && (r.key & year_mask) != 0 && all[i - 1].key == r.key - 1) {
            gs = growth_of(r.value, all[i - 1].value, out->big_values, tt, keep);
          } else {
            ++tt.none;
            gs = no_growth;
          }
          if (keep) out->growth[i] = gs;
        }
      } catch (const std::exception& ex) {
        tt.error = ex.what();
      }
    });
    if (keep) out->rows = std::move(all);
  }

  /// Each thread numbered its big growths from 0: shift the slots of later threads past those
  /// of the threads before them (the tables are concatenated in add_up()).
  void shift_big_growths() {
    std::size_t off = 0;
    for (unsigned t = 0; t < threads; ++t) {
      if (off != 0 && !totals[t].big_growths.empty())
        for (std::size_t i = first[t]; i < last[t]; ++i)
          if (is_big(out->growth[i])) out->growth[i] = big_slot(big_index(out->growth[i]) + off);
      off += totals[t].big_growths.size();
    }
  }

  /// The summary: counts and the exact sum of growths over every thread.
  void add_up() {
    panel_summary& sum = out->summary;
    i128 s = 0;
    for (auto& tt : totals) {
      if (!tt.error.empty()) throw input_error(fname + ": " + tt.error);
      if (__builtin_add_overflow(s, tt.sum, &s)) throw input_error(fname + ": growth sum overflow");
      sum.rows += tt.ok;
      sum.zero_prior += tt.zero;
      sum.no_prior += tt.none;
      if (keep) out->big_growths.insert(out->big_growths.end(), tt.big_growths.begin(), tt.big_growths.end());
    }
    sum.growth_sum = decimal::from_parts(s, panel_growth_digits);
    if (!keep) out->big_values.clear();
  }
};

std::unique_ptr<panel_yoy_result::impl> panel_access::run(std::string_view name, std::string_view data,
                                                           file_bytes* file, const panel_options& options,
                                                           bool keep) {
  // Panels are UTF-8 (the fast path reads the bytes in place and checks each name). Other
  // encodings are decoded like a report (decode_text_data): UTF-16, seen at once by its BOM or
  // NUL bytes, before parsing; GB18030/GBK, or ill-formed text, when the UTF-8 parse fails on
  // bytes that are not UTF-8 — decoded then (the error names the line of an ill-formed
  // sequence) and parsed again, so a UTF-8 panel pays nothing.
  const auto* u = reinterpret_cast<const unsigned char*>(data.data());
  const bool utf16 = (data.size() >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) ||
                     std::memchr(data.data(), 0, std::min<std::size_t>(data.size(), 4096)) != nullptr;
  if (utf16) {
    const std::string text = decode_text_data(data, name).text;
    return engine(name, text, nullptr, options, keep).run();
  }
  try {
    return engine(name, data, file, options, keep).run();
  } catch (const input_error&) {
    // the bytes, if still mapped (the engine releases a file once its names are copied)
    const std::string_view bytes = file != nullptr ? file->view() : data;
    if (bytes.empty() || utf8::is_valid(bytes)) throw;
    const std::string text = decode_text_data(bytes, name).text;
    return engine(name, text, nullptr, options, keep).run();
  }
}

// ---- public API -------------------------------------------------------------------------------

panel_yoy_result::panel_yoy_result() : impl_(std::make_unique<impl>()) {}
panel_yoy_result::~panel_yoy_result() = default;
panel_yoy_result::panel_yoy_result(panel_yoy_result&&) noexcept = default;
panel_yoy_result& panel_yoy_result::operator=(panel_yoy_result&&) noexcept = default;

std::size_t panel_yoy_result::size() const noexcept { return impl_ ? impl_->rows.size() : 0; }
const panel_summary& panel_yoy_result::summary() const noexcept { return impl_->summary; }

panel_row panel_yoy_result::row(std::size_t i) const {
  if (i >= size()) throw usage_error("panel row " + std::to_string(i) + ": out of range (size " + std::to_string(size()) + ")");
  const impl& d = *impl_;
  const record& r = d.rows[i];
  panel_row out;
  out.jurisdiction = d.jurisdictions[d.layout.jurisdiction(r.key)];
  out.metric = d.metrics[d.layout.metric(r.key)];
  out.year = d.layout.year(r.key);
  out.value = value_of(r.value, d.big_values);
  const std::int64_t g = d.growth[i];
  if (g == no_growth) {
    out.status = panel_status::no_prior;
    return out;
  }
  out.prior = value_of(d.rows[i - 1].value, d.big_values);
  if (g == zero_growth) {
    out.status = panel_status::zero_prior;
    return out;
  }
  out.status = panel_status::ok;
  out.growth = is_big(g) ? d.big_growths[big_index(g)] : decimal::from_parts(g, panel_growth_digits);
  return out;
}

namespace {

/// Appends v × 10^-scale (decimal's own text: to_chars); trim drops trailing fractional zeros
/// (and the point). The scales here are 0, value_scale and panel_growth_digits: always in range.
void append_fixed(std::string& out, i128 v, int scale, bool trim) {
  const decimal d = decimal::from_parts(v, scale);
  char buf[decimal::max_chars];
  out.append(buf, trim ? d.to_chars(buf) : d.to_chars(buf, scale));
}

void append_value(std::string& out, std::int64_t slot, const std::vector<decimal>& big) {
  if (is_big(slot)) out += big[big_index(slot)].to_string();
  else append_fixed(out, slot, value_scale, true);
}

void append_growth(std::string& out, std::int64_t slot, const std::vector<decimal>& big) {
  if (is_big(slot)) out += big[big_index(slot)].to_string(panel_growth_digits, rounding::half_up);
  else append_fixed(out, slot, panel_growth_digits, false);
}

std::string json_string(std::string_view s) {
  std::string r = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      r += '\\';
      r += c;
    } else if (c == '\n') {
      r += "\\n";
    } else if (c == '\r') {
      r += "\\r";
    } else if (c == '\t') {
      r += "\\t";
    } else if (u < 0x20) {
      static constexpr char hex[] = "0123456789abcdef";
      r += "\\u00";
      r += hex[u >> 4];
      r += hex[u & 15];
    } else {
      r += c;
    }
  }
  return r + '"';
}

template <class RowFn>
void write_rows(std::ostream& os, std::size_t n, RowFn&& fn) {
  std::string buf;
  buf.reserve(1 << 20);
  for (std::size_t i = 0; i < n; ++i) {
    fn(buf, i);
    if (buf.size() >= (1u << 20) - 512) {
      os.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  }
  os.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

}  // namespace

void panel_yoy_result::write_csv(std::ostream& os) const {
  const impl& d = *impl_;
  std::vector<std::string> jn, mn;
  for (const auto& s : d.jurisdictions) jn.push_back(csv_field(s));
  for (const auto& s : d.metrics) mn.push_back(csv_field(s));
  os << "jurisdiction,metric,year,value,prior,growth_ratio,status\n";
  write_rows(os, d.rows.size(), [&](std::string& b, std::size_t i) {
    const record& r = d.rows[i];
    b += jn[d.layout.jurisdiction(r.key)];
    b += ',';
    b += mn[d.layout.metric(r.key)];
    b += ',';
    append_fixed(b, d.layout.year(r.key), 0, false);
    b += ',';
    append_value(b, r.value, d.big_values);
    b += ',';
    const std::int64_t g = d.growth[i];
    if (g != no_growth) append_value(b, d.rows[i - 1].value, d.big_values);
    b += ',';
    if (g != no_growth && g != zero_growth) append_growth(b, g, d.big_growths);
    b += ',';
    b += to_string(g == no_growth ? panel_status::no_prior : g == zero_growth ? panel_status::zero_prior : panel_status::ok);
    b += '\n';
  });
}

void panel_yoy_result::write_json(std::ostream& os) const {
  const impl& d = *impl_;
  std::vector<std::string> jn, mn;
  for (const auto& s : d.jurisdictions) jn.push_back(json_string(s));
  for (const auto& s : d.metrics) mn.push_back(json_string(s));
  os << "[";
  write_rows(os, d.rows.size(), [&](std::string& b, std::size_t i) {
    const record& r = d.rows[i];
    b += i == 0 ? "\n{\"jurisdiction\":" : ",\n{\"jurisdiction\":";
    b += jn[d.layout.jurisdiction(r.key)];
    b += ",\"metric\":";
    b += mn[d.layout.metric(r.key)];
    b += ",\"year\":";
    append_fixed(b, d.layout.year(r.key), 0, false);
    b += ",\"value\":\"";
    append_value(b, r.value, d.big_values);
    const std::int64_t g = d.growth[i];
    b += "\",\"prior\":";
    if (g == no_growth) {
      b += "null";
    } else {
      b += '"';
      append_value(b, d.rows[i - 1].value, d.big_values);
      b += '"';
    }
    b += ",\"growth_ratio\":";
    if (g == no_growth || g == zero_growth) {
      b += "null";
    } else {
      b += '"';
      append_growth(b, g, d.big_growths);
      b += '"';
    }
    b += ",\"status\":\"";
    b += to_string(g == no_growth ? panel_status::no_prior : g == zero_growth ? panel_status::zero_prior : panel_status::ok);
    b += "\"}";
  });
  os << (d.rows.empty() ? "]\n" : "\n]\n");
}

std::string panel_summary::to_json() const {
  return "{\"rows\": " + std::to_string(rows) + ", \"growth_sum\": \"" + growth_sum_text() +
         "\", \"zero_prior\": " + std::to_string(zero_prior) + ", \"no_prior\": " + std::to_string(no_prior) +
         ", \"rows_read\": " + std::to_string(rows_read) + "}";
}

panel_yoy_result panel_yoy(const std::filesystem::path& csv, const panel_options& options) {
  file_bytes f(csv);
  return panel_access::wrap(panel_access::run(csv.string(), f.view(), &f, options, true));
}

panel_yoy_result panel_yoy_text(std::string_view csv, std::string_view name, const panel_options& options) {
  return panel_access::wrap(panel_access::run(name, csv, nullptr, options, true));
}

panel_summary panel_yoy_summary(const std::filesystem::path& csv, const panel_options& options) {
  file_bytes f(csv);
  return panel_access::run(csv.string(), f.view(), &f, options, false)->summary;
}

panel_summary panel_yoy_summary_text(std::string_view csv, std::string_view name, const panel_options& options) {
  return panel_access::run(name, csv, nullptr, options, false)->summary;
}

}  // namespace annals
