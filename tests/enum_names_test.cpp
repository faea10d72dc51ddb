// One name/parse pair for every closed set (issue 14, item 6): to_string() beside each enum and
// annals::from_string<E>() of enum_names.hpp, over the values each enum lists in enum_values<E>.

#include <annals/decimal.hpp>
#include <annals/enum_names.hpp>
#include <annals/growth.hpp>
#include <annals/panel.hpp>
#include <annals/period.hpp>
#include <annals/quantity.hpp>
#include <annals/report.hpp>
#include <annals/track.hpp>
#include <annals/verdict.hpp>

#include <gtest/gtest.h>

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>

namespace {

template <class E>
class enum_names_test : public ::testing::Test {};

using named = ::testing::Types<annals::rounding, annals::qualifier, annals::fact_kind, annals::change_kind,
                               annals::direction, annals::growth_basis, annals::commitment_kind,
                               annals::growth_status, annals::consistency_verdict, annals::progress_category,
                               annals::progress_status, annals::panel_status, annals::deadline_status,
                               annals::track_status, annals::part_state, annals::verdict_subject,
                               annals::date_role, annals::source_format, annals::consistency_basis,
                               annals::which_report, annals::parts_kind, annals::tracked_kind>;
TYPED_TEST_SUITE(enum_names_test, named);

TYPED_TEST(enum_names_test, every_value_is_listed_once_in_declaration_order_and_named_apart) {
  using E = TypeParam;
  constexpr auto& all = annals::enum_values<E>::all;
  std::set<std::string> names;
  for (std::size_t i = 0; i < all.size(); ++i) {
    // the store's name cache indexes names by value: the list must be 0..N-1 in order
    EXPECT_EQ(static_cast<std::size_t>(all[i]), i);
    const std::string_view name = to_string(all[i]);
    EXPECT_FALSE(name.empty());
    EXPECT_EQ(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_"), std::string_view::npos) << name;
    EXPECT_TRUE(names.insert(std::string(name)).second) << "two values named " << name;
  }
  // nothing is declared past the list: the value after the last one has no name of its own
  const auto past = static_cast<E>(all.size());
  EXPECT_TRUE(names.contains(std::string(to_string(past)))) << "a value past the list is named apart";
}

TYPED_TEST(enum_names_test, from_string_reads_back_every_name_and_refuses_others) {
  using E = TypeParam;
  for (const E e : annals::enum_values<E>::all) {
    EXPECT_EQ(annals::from_string<E>(to_string(e)), e);
    std::string upper(to_string(e));
    for (char& c : upper)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    EXPECT_FALSE(annals::from_string<E>(upper).has_value()) << upper;  // names are case-sensitive
    EXPECT_FALSE(annals::from_string<E>(std::string(to_string(e)) + " ").has_value());
  }
  EXPECT_FALSE(annals::from_string<E>("").has_value());
  EXPECT_FALSE(annals::from_string<E>("no_such_value").has_value());
}

TEST(enum_names, a_growth_basis_of_none_has_no_name_where_json_and_python_give_it) {
  // one rule for report_json's "basis" (null) and the Python module's Change.basis (None)
  static_assert(!annals::basis_name(annals::growth_basis::none).has_value());
  EXPECT_EQ(annals::basis_name(annals::growth_basis::yoy), "yoy");
  EXPECT_EQ(annals::basis_name(annals::growth_basis::mom), "mom");
  for (const auto b : annals::enum_values<annals::growth_basis>::all) {
    if (b != annals::growth_basis::none) {
      EXPECT_EQ(annals::basis_name(b), to_string(b));
    }
  }
}

TEST(enum_names, aliases_share_one_pair) {
  // the tracker's verdicts and target statuses are growth.hpp's enums, names and all
  static_assert(std::is_same_v<annals::metric_verdict, annals::consistency_verdict>);
  EXPECT_EQ(annals::from_string<annals::metric_verdict>("not_stated"), annals::metric_verdict::not_stated);
  EXPECT_EQ(annals::from_string<annals::target_status>("no_data"), annals::target_status::no_data);
  static_assert(annals::from_string<annals::fact_kind>("percent") == annals::fact_kind::percent);  // constexpr
  static_assert(!annals::named_enum<annals::errc>);  // categories, not names: no to_string
}

}  // namespace
