#pragma once
// Libraries annals loads only when an input needs them (docs/architecture.md, "Libraries loaded
// on demand"): libpq for a postgresql:// store, libzip for a DOCX, and annals' own PDF module
// (poppler-cpp) for a PDF. Linking them would make every process pay for loading and relocating
// some forty shared libraries (~20 ms of start-up, most of a short command) that most runs never
// call.
//
// A library is opened once per process, on first use, and kept open; the functions annals calls
// are looked up by name into a table of pointers. Each has an environment variable naming the
// file to load instead of the default (ANNALS_LIBPQ, ANNALS_LIBZIP, ANNALS_PDF_MODULE).

#include <string>
#include <vector>

namespace annals::detail {

/// Where a library was looked for, and why it could not be loaded (or "" when it was).
struct load_failure {
  std::string why;
  [[nodiscard]] explicit operator bool() const noexcept { return !why.empty(); }
};

/// An open shared library; a null handle when it could not be opened (`failure` says why).
class optional_library {
 public:
  /// Opens the file named by the environment variable `env` when it is set (and only that), or
  /// else the first of `candidates` that opens: sonames are searched the system's way, paths
  /// are taken as they are. Never throws; never closed.
  optional_library(const char* env, const std::vector<std::string>& candidates) noexcept;

  [[nodiscard]] bool loaded() const noexcept { return handle_ != nullptr; }
  [[nodiscard]] const load_failure& failure() const noexcept { return failure_; }

  /// Stores the address of `name` in `out`; false, with the reason in failure(), when the library
  /// lacks it (an older or foreign library under the expected name).
  template <class F>
  bool bind(const char* name, F*& out) noexcept {
    void* p = lookup(name);
    out = reinterpret_cast<F*>(p);
    return p != nullptr;
  }

 private:
  void* lookup(const char* name) noexcept;
  void* handle_ = nullptr;
  std::string file_;
  load_failure failure_;
};

/// Where annals' own module `file_name` (annals_pdf.so) may be, in the order tried: annals/ beside
/// the object holding annals' code (libannals.so, or the program or Python extension linking
/// libannals.a), ../<libdir>/annals/ from there (a program in <prefix>/bin), the build tree's
/// module directory, and the install prefix's <libdir>/annals/.
std::vector<std::string> module_candidates(const char* file_name);

}  // namespace annals::detail
