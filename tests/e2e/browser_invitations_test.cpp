// The invitations page (/admin/invitations) in headless Chromium: an administrator makes a batch,
// downloads its codes once, and sees the counts move when a code is used.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "browser_support.hpp"
#include "invitation_samples.hpp"

namespace courtvoice::e2e::pages {
namespace {

class BrowserInvitations : public BrowserTest {
 protected:
  void SetUp() override {
    BrowserTest::SetUp();
    ASSERT_EQ(admin("POST", "/api/v1/admin/surveys", kStaffSurveyJson).status, 201);
    ASSERT_EQ(admin("POST", "/api/v1/admin/surveys/" + kStaffSurveyId + "/versions/1/publish").status, 200);
  }

  std::filesystem::path waitForDownload(const std::string& extension) {
    std::filesystem::path file;
    const bool found = browser().waitUntil([&] {
      for (const auto& entry : std::filesystem::directory_iterator(browser().downloadDir())) {
        if (entry.path().extension() == extension) {
          file = entry.path();
          return true;
        }
      }
      return false;
    });
    EXPECT_TRUE(found) << "no " << extension << " in " << browser().downloadDir();
    return file;
  }
};

TEST_F(BrowserInvitations, AnAdministratorMakesABatchDownloadsItsCodesAndSeesThemUsed) {
  browser().navigate(url("/admin/invitations"));
  ASSERT_TRUE(browser().waitVisible("#token"));
  browser().click("#lang-switch button[data-lang='en']");
  browser().sendKeys("#token", server().adminToken());
  browser().click("#sign-in");
  ASSERT_TRUE(browser().waitVisible("#create-form"));
  // Only staff and judge surveys are offered.
  EXPECT_EQ(browser().evalNumber("return document.querySelectorAll('#survey option').length;"), 1);
  EXPECT_TRUE(browser().waitVisible("#batches"));

  browser().click("#court option[value='" + kCourtAstana.code + "']");
  browser().clear(browser().find("#count"));
  browser().sendKeys("#count", "12");
  browser().evalBool("document.getElementById('expires').value = '2099-12-31'; return true;");
  browser().click("#create");
  ASSERT_TRUE(browser().waitVisible("#download-csv"));
  EXPECT_NE(browser().text("#created").find("12 codes made"), std::string::npos) << browser().text("#created");
  ASSERT_TRUE(browser().waitVisible("#batch-table"));
  EXPECT_EQ(browser().text("#batch-table tbody tr td:nth-child(5)"), "12");  // issued
  EXPECT_EQ(browser().text("#batch-table tbody tr td:nth-child(6)"), "0");   // used

  browser().click("#download-csv");
  const auto csvFile = waitForDownload(".csv");
  std::istringstream lines(readFile(csvFile.string()));
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "code,link");
  std::vector<std::string> codes;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    codes.push_back(line.substr(0, line.find(',')));
    EXPECT_TRUE(looksLikeInvitationCode(codes.back())) << line;
    EXPECT_NE(line.find("/s/" + kStaffSurveyId + "#code=" + codes.back()), std::string::npos) << line;
  }
  ASSERT_EQ(codes.size(), 12U);
  EXPECT_EQ(server().count("SELECT COUNT(*) FROM invitation_codes"), 12);

  screenshot("created");
  browser().click("#download-slips");
  const auto slipsFile = waitForDownload(".html");
  const auto slips = readFile(slipsFile.string());
  for (const auto& code : codes) EXPECT_NE(slips.find(">" + code + "<"), std::string::npos) << code;

  // The saved sheet opened from disk, as it is printed: its first A4 page holds ten slips whose
  // QR codes scan to ten of the batch's links.
  const std::string page = url("/admin/invitations");
  browser().setViewportSize(794, 1123);
  browser().navigate("file://" + slipsFile.string());
  ASSERT_TRUE(browser().waitVisible(".slip"));
  std::vector<std::string> scanned = decodeQr(screenshot("slips-page-1"));
  std::vector<std::string> expected;
  for (const auto& code : codes) expected.push_back("http://127.0.0.1:8080/s/" + kStaffSurveyId + "#code=" + code);
  EXPECT_EQ(scanned.size(), 10U);
  for (const auto& link : scanned) {
    EXPECT_NE(std::find(expected.begin(), expected.end(), link), expected.end()) << link;
  }
  browser().setViewportSize(1280, 800);

  // A staff member answers with one code: the page, opened again, shows it used.
  const auto answered = http(server().port(), "POST", "/api/v1/surveys/" + kStaffSurveyId + "/responses",
                             R"({"submission_id": "browser-staff-01", "court": ")" + kCourtAstana.code +
                                 R"(", "channel": "web", "language": "en", "invitation_code": ")" + codes[5] +
                                 R"(", "answers": {"workload": 3}})");
  ASSERT_EQ(answered.status, 201) << answered.body;
  browser().navigate(page);
  ASSERT_TRUE(browser().waitVisible("#batch-table"));
  EXPECT_EQ(browser().text("#batch-table tbody tr td:nth-child(6)"), "1");
  EXPECT_EQ(browser().text("#batch-table tbody tr td:nth-child(2)"), "Court " + kCourtAstana.code);
  // The codes are gone with the reload: shown once only.
  EXPECT_FALSE(browser().tryFind("#download-csv").has_value());
}

// The audit page shares this suite's Chromium: an administrator sees the changes made in SetUp and a
// refused request, newest first, filters by action, and reads the page in Kazakh.
TEST_F(BrowserInvitations, TheAuditPageListsFiltersAndSpeaksKazakh) {
  ASSERT_EQ(http(server().port(), "GET", "/api/v1/admin/surveys", "", bearer("wrong-token")).status, 403);
  const long long recorded = server().count("SELECT COUNT(*) FROM audit_entries");
  ASSERT_EQ(recorded, 6);  // courts, two surveys created and published, the refused list

  browser().navigate(url("/admin/audit"));
  ASSERT_TRUE(browser().waitVisible("#token"));
  browser().click("#lang-switch button[data-lang='en']");
  browser().sendKeys("#token", server().adminToken());
  browser().click("#sign-in");
  ASSERT_TRUE(browser().waitVisible("#audit-table"));
  // Newest first: the page's own look for a session (none: 401, recorded like every refusal), then
  // the refused list, then the changes.
  EXPECT_EQ(browser().evalNumber("return document.querySelectorAll('#audit-table tbody tr').length;"), 7);
  EXPECT_EQ(browser().text("#audit-table tbody tr:first-child td.action"), "GET /api/v1/admin/me");
  EXPECT_EQ(browser().text("#audit-table tbody tr:first-child td.outcome"), "401 unauthorized");
  EXPECT_EQ(browser().text("#audit-table tbody tr:nth-child(2) td.outcome"), "403 forbidden");
  EXPECT_EQ(browser().text("#audit-table tbody tr:nth-child(2) td.account"), "(not signed in)");
  EXPECT_TRUE(browser().evalBool(
      "return document.querySelector('#audit-table tbody tr:nth-child(2)').classList.contains('failed');"));
  EXPECT_EQ(browser().text("#audit-table tbody tr:nth-child(3) td.action"), "POST /api/v1/admin/surveys/{id}/versions/{v}/publish");
  EXPECT_EQ(browser().text("#audit-table tbody tr:last-child td.action"), "POST /api/v1/admin/courts");
  screenshot("audit");

  browser().sendKeys("#filter-action", "courts");
  browser().click("#apply");
  ASSERT_TRUE(browser().waitUntil([&] {
    return browser().evalNumber("return document.querySelectorAll('#audit-table tbody tr').length;") == 1;
  }));
  EXPECT_EQ(browser().text("#audit-table tbody tr td.action"), "POST /api/v1/admin/courts");
  EXPECT_EQ(browser().text("#audit-table tbody tr td.account"), "admin-token");
  EXPECT_EQ(browser().text("#audit-table tbody tr td.outcome"), "200");

  browser().click("#lang-switch button[data-lang='kk']");
  EXPECT_EQ(browser().text("h1"), "Аудит журналы");
  EXPECT_EQ(browser().text("#apply"), "Көрсету");
  EXPECT_EQ(browser().evalNumber("return document.querySelectorAll('#audit-table tbody tr').length;"), 1);
}

}  // namespace
}  // namespace courtvoice::e2e::pages
