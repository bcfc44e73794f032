// The dashboard's lists narrowed to the account's scope, which the page reads from
// GET /api/v1/admin/me: each test signs in with the API token of a real account of that scope.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "account_support.hpp"
#include "browser_support.hpp"

namespace courtvoice::e2e::pages {
namespace {

class BrowserDashboardScope : public BrowserTest {
 protected:
  std::vector<std::string> optionValues(const std::string& select) {
    std::vector<std::string> values;
    for (const auto& option : browser().findAll("#" + select + " option")) values.push_back(browser().property(option, "value"));
    return values;
  }

  /// Signs in to the dashboard as a new analyst of `regions` and `courts` (both empty: the country).
  void openBoard(const std::vector<std::string>& regions, const std::vector<std::string>& courts) {
    static int made = 0;
    const std::string token = accountToken(server(), "board-scope-" + std::to_string(++made), "analyst", regions, courts);
    ASSERT_FALSE(token.empty());
    signInToDashboard(token);
    ASSERT_TRUE(browser().waitVisible("#court"));
  }
};

TEST_F(BrowserDashboardScope, ARegionalAccountSeesItsRegionsCourtsOnly) {
  openBoard({"almaty_city"}, {});
  EXPECT_EQ(optionValues("court"), std::vector<std::string>{kCourtAlmaty.code});
  EXPECT_EQ(optionValues("region"), std::vector<std::string>{"almaty_city"});
  const auto groups = optionValues("group");
  EXPECT_NE(std::find(groups.begin(), groups.end(), "region"), groups.end());  // whole regions: region groups offered
}

TEST_F(BrowserDashboardScope, ACourtAccountGetsNoRegionToChooseAndNoRegionGroups) {
  openBoard({}, {kCourtAstana.code});
  EXPECT_EQ(optionValues("court"), std::vector<std::string>{kCourtAstana.code});
  EXPECT_TRUE(optionValues("region").empty());
  const auto groups = optionValues("group");
  EXPECT_EQ(std::find(groups.begin(), groups.end(), "region"), groups.end());
  EXPECT_NE(std::find(groups.begin(), groups.end(), "court"), groups.end());
}

TEST_F(BrowserDashboardScope, ACountryAccountListsEveryCourtAndRegion) {
  openBoard({}, {});
  EXPECT_EQ(optionValues("court").size(), 2U);
  EXPECT_EQ(optionValues("region").size(), 2U);
}

}  // namespace
}  // namespace courtvoice::e2e::pages
