// A build without libpq (ANNALS_WITH_POSTGRES=OFF, or libpq-dev missing at configure time): a
// postgresql:// location is a clear error, never a silent fallback to SQLite.

#include <annals/error.hpp>

#include "store/backend_detail.hpp"

namespace annals::detail {

bool postgres_available() noexcept { return false; }

std::unique_ptr<store_backend> open_postgres(const std::string& conninfo, open_mode, const store_options&) {
  throw storage_error((conninfo.empty() ? std::string("postgresql:") : conninfo) +
                      ": this annals was built without PostgreSQL support (install libpq-dev and rebuild)");
}

}  // namespace annals::detail
