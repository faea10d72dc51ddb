// yoy_histories(): the metric histories `annals yoy --db` shows, of one jurisdiction or all.

#include <annals/analyze.hpp>
#include <annals/error.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace annals {

bool yoy_filter::shows_any(const metric_history& m) const noexcept {
  return std::any_of(m.points.begin(), m.points.end(), [this](const yoy_point& p) { return shows(p); });
}

std::vector<metric_history> yoy_histories(const store& db, std::string_view jurisdiction,
                                          const history_options& options, const yoy_filter& filter) {
  std::vector<std::string> names;
  const auto known = db.jurisdictions();
  if (!jurisdiction.empty()) {
    if (std::none_of(known.begin(), known.end(), [&](const jurisdiction_summary& j) { return j.name == jurisdiction; })) {
      const std::string db_name = db.path().string();
      throw usage_error("yoy: " + std::string(jurisdiction) + ": no reports of this jurisdiction in " + db_name +
                        " (see annals reports --db " + db_name + ")");
    }
    names.emplace_back(jurisdiction);
  } else {
    for (const auto& j : known) names.push_back(j.name);
  }
  const bool filtering = filter.with_growth || filter.stated;
  std::vector<metric_history> all;
  for (const auto& j : names)
    for (auto& m : metric_histories(db, j, options))
      if (!filtering || filter.shows_any(m)) all.push_back(std::move(m));
  return all;
}

}  // namespace annals
