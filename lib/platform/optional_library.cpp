// Opening the libraries annals loads on demand (optional_library_detail.hpp).

#include "platform/optional_library_detail.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace annals::detail {

namespace {

std::string last_dl_error() {
  const char* e = dlerror();
  return e ? e : "unknown reason";
}

}  // namespace

optional_library::optional_library(const char* env, const std::vector<std::string>& candidates) noexcept {
  try {
    std::vector<std::string> files;
    if (const char* chosen = std::getenv(env); chosen && *chosen)
      files.emplace_back(chosen);
    else
      files = candidates;
    std::string tried;
    for (const std::string& f : files) {
      // RTLD_LOCAL: the library's symbols stay its own (no clash with a program's); RTLD_NOW:
      // a library missing a dependency fails here, not at its first call.
      handle_ = dlopen(f.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (handle_) {
        file_ = f;
        return;
      }
      if (!tried.empty()) tried += "; ";
      tried += last_dl_error();
    }
    failure_.why = files.empty() ? std::string("nowhere to look") : tried;
  } catch (...) {  // out of memory building the messages: the library stays unloaded
    handle_ = nullptr;
    failure_.why = "out of memory";
  }
}

void* optional_library::lookup(const char* name) noexcept {
  if (!handle_) return nullptr;
  dlerror();
  void* p = dlsym(handle_, name);
  if (!p) {
    try {
      failure_.why = file_ + " has no " + name + " (not the library annals was built against?)";
    } catch (...) {
      failure_.why = "out of memory";
    }
  }
  return p;
}

std::vector<std::string> module_candidates(const char* file_name) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  Dl_info info{};
  // Any function of libannals tells which object holds it.
  if (dladdr(reinterpret_cast<void*>(&module_candidates), &info) != 0 && info.dli_fname && *info.dli_fname) {
    std::error_code ec;
    fs::path self = fs::canonical(info.dli_fname, ec);
    // The main program is named as it was started (maybe a bare name found on PATH): ask the kernel.
    if (ec || !self.is_absolute()) self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
      const fs::path dir = self.parent_path();
      out.push_back((dir / "annals" / file_name).string());
      out.push_back((dir / ".." / ANNALS_INSTALL_LIBDIR / "annals" / file_name).lexically_normal().string());
    }
  }
  // The build tree before the install prefix: a test in the build tree must load the module built
  // beside it, not one an earlier version installed.
  out.push_back((fs::path(ANNALS_BUILD_MODULE_DIR) / file_name).string());
  out.push_back((fs::path(ANNALS_INSTALL_FULL_LIBDIR) / "annals" / file_name).string());
  return out;
}

}  // namespace annals::detail
