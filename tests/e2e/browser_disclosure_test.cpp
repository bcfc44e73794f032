// Disclosure control in the dashboard (issue 9): a refused report says why, in the page's
// language, with the server's detail naming what to change; no figures of the refused query.
#include <gtest/gtest.h>

#include <string>

#include "browser_support.hpp"

namespace courtvoice::e2e::pages {
namespace {

class BrowserDisclosure : public BrowserTest {};

TEST_F(BrowserDisclosure, ARefusedReportShowsWhyInThePagesLanguage) {
  importResponses(kCourtAlmaty, {4, 4, 5, 5, 3, 2}, "2025-03-10");
  importResponses(kCourtAlmaty, {1, 2}, "2025-04-20");  // April: two responses, under the minimum of 5
  signInToDashboard(server().adminToken());
  ASSERT_TRUE(browser().waitVisible("#survey"));

  // A range cut inside a month: reports cover whole months.
  browser().execute("document.getElementById('from').value = '2025-03-02';");
  browser().click("#show");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#status").find("whole months") != std::string::npos; }))
      << browser().text("#status");
  EXPECT_EQ(browser().text("#status").rfind("Reports cover whole months only", 0), 0U) << browser().text("#status");
  EXPECT_NE(browser().text("#status").find("from must be the first day of a month"), std::string::npos);
  screenshot("whole-months");

  // March to April against March alone would give April's two respondents away.
  browser().execute("document.getElementById('from').value = '2025-03-01';"
                    "document.getElementById('to').value = '2025-04-30';");
  browser().click("#show");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#status").find("2025-04") != std::string::npos; }))
      << browser().text("#status");
  EXPECT_EQ(browser().text("#status").rfind("This filter would let a small group", 0), 0U) << browser().text("#status");

  // In Russian too.
  browser().click("#lang-switch button[data-lang='ru']");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#show") == "Показать"; }));
  browser().click("#show");
  ASSERT_TRUE(browser().waitUntil(
      [&] { return browser().text("#status").rfind("Этот фильтр позволил бы вычислить", 0) == 0; }))
      << browser().text("#status");

  // Without dates the whole survey is shown (April stays inside the total).
  browser().execute("document.getElementById('from').value = '';"
                    "document.getElementById('to').value = '';");
  browser().click("#show");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#report-total") == "Всего показано ответов: 8"; }))
      << browser().text("#report-total");
  EXPECT_EQ(browser().text("#status"), "");
}

}  // namespace
}  // namespace courtvoice::e2e::pages
