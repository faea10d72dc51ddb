#include <annals/version.hpp>

namespace annals {
std::string_view version() noexcept { return ANNALS_VERSION_STRING; }
}  // namespace annals
