// The dashboard's lists narrowed to the account's scope from GET /api/v1/admin/me (the accounts
// contract). That endpoint belongs to the accounts branch, so its reply is stubbed in the page
// here; without it (404 from today's server) the lists are whole, as every other dashboard test shows.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "browser_support.hpp"

namespace courtvoice::e2e::pages {
namespace {

/// Answers GET /api/v1/admin/me with `scopeJson` as the account's scope; other requests go to the server.
std::string meStub(const std::string& scopeJson) {
  return R"JS(
(function () {
  const realFetch = window.fetch.bind(window);
  window.fetch = async function (url, options) {
    if (String(url).split('?')[0] === '/api/v1/admin/me') {
      return new Response(JSON.stringify({account: 'someone', role: 'analyst', via: 'token', scope: )JS" +
         scopeJson + R"JS(}), {status: 200, headers: {'Content-Type': 'application/json'}});
    }
    return realFetch(url, options);
  };
})();
)JS";
}

class BrowserDashboardScope : public BrowserTest {
 protected:
  void TearDown() override {
    if (!stub_.empty()) browser().removeScriptOnNewDocument(stub_);  // the browser outlives the test
    BrowserTest::TearDown();
  }

  std::vector<std::string> optionValues(const std::string& select) {
    std::vector<std::string> values;
    for (const auto& option : browser().findAll("#" + select + " option")) values.push_back(browser().property(option, "value"));
    return values;
  }

  void openBoard(const std::string& scopeJson) {
    stub_ = browser().addScriptOnNewDocument(meStub(scopeJson));
    signInToDashboard(server().adminToken());
    ASSERT_TRUE(browser().waitVisible("#court"));
  }

  std::string stub_;
};

TEST_F(BrowserDashboardScope, ARegionalAccountSeesItsRegionsCourtsOnly) {
  openBoard(R"({"country": false, "regions": ["almaty_city"], "courts": []})");
  EXPECT_EQ(optionValues("court"), std::vector<std::string>{kCourtAlmaty.code});
  EXPECT_EQ(optionValues("region"), std::vector<std::string>{"almaty_city"});
  const auto groups = optionValues("group");
  EXPECT_NE(std::find(groups.begin(), groups.end(), "region"), groups.end());  // whole regions: region groups offered
}

TEST_F(BrowserDashboardScope, ACourtAccountGetsNoRegionToChooseAndNoRegionGroups) {
  openBoard(R"({"country": false, "regions": [], "courts": [")" + kCourtAstana.code + R"("]})");
  EXPECT_EQ(optionValues("court"), std::vector<std::string>{kCourtAstana.code});
  EXPECT_TRUE(optionValues("region").empty());
  const auto groups = optionValues("group");
  EXPECT_EQ(std::find(groups.begin(), groups.end(), "region"), groups.end());
  EXPECT_NE(std::find(groups.begin(), groups.end(), "court"), groups.end());
}

TEST_F(BrowserDashboardScope, ACountryAccountListsEveryCourtAndRegion) {
  openBoard(R"({"country": true, "regions": [], "courts": []})");
  EXPECT_EQ(optionValues("court").size(), 2U);
  EXPECT_EQ(optionValues("region").size(), 2U);
}

}  // namespace
}  // namespace courtvoice::e2e::pages
