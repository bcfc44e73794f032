// The dashboard's export buttons (dashboard_exports.js) in headless Chromium: each downloads the
// API's file with the form's filters, named by the server, in the page's language's CSV style.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "browser_support.hpp"

namespace courtvoice::e2e::pages {
namespace {

class BrowserExports : public BrowserTest {
 protected:
  /// The downloaded file whose name contains `part`, once it is complete ("" on timeout).
  std::string downloaded(const std::string& part) {
    std::filesystem::path file;
    const bool found = browser().waitUntil([&] {
      for (const auto& entry : std::filesystem::directory_iterator(browser().downloadDir())) {
        const std::string name = entry.path().filename().string();
        if (name.find(part) != std::string::npos && entry.path().extension() == ".csv") {
          file = entry.path();
          return true;
        }
      }
      return false;
    });
    return found ? readFile(file.string()) : "";
  }

  static int lines(const std::string& text) {
    int n = 0;
    for (std::size_t at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", at + 2)) ++n;
    return n;
  }

  void openDashboard() {
    signInToDashboard(server().adminToken());
    ASSERT_TRUE(browser().waitVisible("#exports"));
    browser().click("#survey option[value='" + kSurveyId + "']");
  }
};

TEST_F(BrowserExports, ResponseButtonsDownloadTheApiFilesWithTheFormsFilters) {
  importResponses(kCourtAlmaty, {5, 4, 4, 3, 2, 5});
  importResponses(kCourtAstana, {4, 4});
  openDashboard();  // en-US browser: English, commas
  EXPECT_EQ(browser().text("#export-responses-wide"), "Responses CSV (wide)");

  browser().click("#export-responses-wide");
  const std::string wide = downloaded("responses-wide");
  ASSERT_FALSE(wide.empty()) << "no responses-wide CSV in " << browser().downloadDir();
  EXPECT_EQ(wide.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(wide.substr(3, wide.find("\r\n") - 3).substr(0, 45), "response,survey_id,version,court,court_name,r");
  EXPECT_EQ(lines(wide), 9) << wide;  // header + 8 responses
  EXPECT_NE(wide.find(kCourtAlmaty.nameEn), std::string::npos);

  // The form's region narrows the long file to Astana's two responses.
  browser().click("#region option[value='" + kCourtAstana.region + "']");
  browser().click("#export-responses-long");
  const std::string longFile = downloaded("responses-long");
  ASSERT_FALSE(longFile.empty());
  EXPECT_EQ(longFile.find(kCourtAlmaty.code), std::string::npos) << longFile;
  EXPECT_NE(longFile.find(kCourtAstana.code), std::string::npos) << longFile;
}

TEST_F(BrowserExports, InRussianTheSummaryAndCodebookUseSemicolonsAndCyrillic) {
  importResponses(kCourtAlmaty, {5, 4, 4, 3, 2, 5});
  openDashboard();
  browser().click("#lang-switch button[data-lang='ru']");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#export-summary") == "Сводка CSV"; }));
  browser().click("#survey option[value='" + kSurveyId + "']");

  browser().click("#export-summary");
  const std::string summary = downloaded("summary");
  ASSERT_FALSE(summary.empty());
  EXPECT_EQ(summary.substr(3, 22), "group;group_label;grou");
  EXPECT_NE(summary.find("Здание суда было легко найти."), std::string::npos);

  browser().click("#export-codebook");
  const std::string codebook = downloaded("codebook");
  ASSERT_FALSE(codebook.empty());
  EXPECT_EQ(codebook.substr(3, 13), "item_id;type;");
  EXPECT_NE(codebook.find("Здание суда было легко найти."), std::string::npos);

  browser().click("#lang-switch button[data-lang='kk']");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#export-codebook") == "Кодтар кітабы CSV"; }));
  screenshot("exports");
}

}  // namespace
}  // namespace courtvoice::e2e::pages
