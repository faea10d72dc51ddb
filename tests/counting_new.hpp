#pragma once
// Counts the heap a program holds through operator new: live bytes and the peak since it was last
// reset (annals::heap::peak_bytes.store(live_bytes)). It REPLACES the global operator new and
// delete, so include it in exactly one translation unit of a program (a test or a benchmark),
// never in the library. Blocks come from malloc, so AddressSanitizer and LeakSanitizer still see
// every one.

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

namespace annals::heap {

/// Bytes held through operator new now, and the most held since peak_bytes was last set.
inline std::atomic<std::size_t> live_bytes{0};
inline std::atomic<std::size_t> peak_bytes{0};

// Each block carries its size in a header of max_align_t, so operator delete knows what it frees.
constexpr std::size_t header = alignof(std::max_align_t);

inline void* counted_alloc(std::size_t n) {
  void* p = std::malloc(n + header);
  if (!p) return nullptr;
  *static_cast<std::size_t*>(p) = n;
  const std::size_t now = live_bytes.fetch_add(n) + n;
  std::size_t peak = peak_bytes.load();
  while (now > peak && !peak_bytes.compare_exchange_weak(peak, now)) {
  }
  return static_cast<char*>(p) + header;
}

inline void counted_free(void* p) noexcept {
  if (!p) return;
  char* base = static_cast<char*>(p) - header;
  live_bytes.fetch_sub(*reinterpret_cast<std::size_t*>(base));
  std::free(base);
}

}  // namespace annals::heap

void* operator new(std::size_t n) {
  if (void* p = annals::heap::counted_alloc(n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  if (void* p = annals::heap::counted_alloc(n)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return annals::heap::counted_alloc(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return annals::heap::counted_alloc(n); }
void operator delete(void* p) noexcept { annals::heap::counted_free(p); }
void operator delete[](void* p) noexcept { annals::heap::counted_free(p); }
void operator delete(void* p, std::size_t) noexcept { annals::heap::counted_free(p); }
void operator delete[](void* p, std::size_t) noexcept { annals::heap::counted_free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { annals::heap::counted_free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { annals::heap::counted_free(p); }

