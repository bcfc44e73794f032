// The printable report (/dashboard/report) in a real headless Chromium: opened from the
// dashboard, its sections and figures, and its A4 print (Chromium's DevTools printToPDF).
#include <gtest/gtest.h>

#include <Poco/Base64Decoder.h>
#include <Poco/StreamCopier.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "browser_support.hpp"

namespace courtvoice::e2e::pages {
namespace {

class BrowserReport : public BrowserTest {
 protected:
  // Q1 2025: Almaty access_find 5,4,4,3,5,2; Q2 2025: Almaty 4,4,5,5,3, Astana 1,2,3 and Esil
  // 3,3 (two courts under the minimum of 5, never ranked). With Astana alone under the minimum,
  // complementary suppression (docs/analytics.md) would hide Almaty too, as the total minus Almaty
  // gives Astana away; Astana and Esil together hold 5, so Almaty can be shown.
  void importQuarters() {
    const TestCourt esil{"BRW-ESL", "Астана қаласы Есіл аудандық соты", "Есильский районный суд города Астаны",
                         "Esil District Court of Astana", "astana"};
    const auto added = admin("POST", "/api/v1/admin/courts", "[" + courtJson(esil) + "]");
    ASSERT_EQ(added.status, 200) << added.body;
    importResponses(kCourtAlmaty, {5, 4, 4, 3, 5, 2}, "2025-02-10");
    importResponses(kCourtAlmaty, {4, 4, 5, 5, 3}, "2025-05-10");
    importResponses(kCourtAstana, {1, 2, 3}, "2025-05-10");
    importResponses(esil, {3, 3}, "2025-05-10");
  }

  void openReportFromDashboard() {
    signInToDashboard(server().adminToken());
    ASSERT_TRUE(browser().waitVisible("#report-page"));
    browser().click("#report-page");
    ASSERT_TRUE(browser().waitUntil([&] { return browser().evalBool("return document.getElementById('main').dataset.ready === 'true';"); }));
  }

  /// The report printed by Chromium on A4 with the page's own print CSS; returns the PDF.
  std::string printToPdf() {
    Poco::JSON::Object::Ptr params = new Poco::JSON::Object;
    params->set("paperWidth", 8.27);
    params->set("paperHeight", 11.69);
    params->set("preferCSSPageSize", true);
    params->set("printBackground", true);
    const auto reply = browser().cdp("Page.printToPDF", params).extract<Poco::JSON::Object::Ptr>();
    std::istringstream in(reply->getValue<std::string>("data"));
    Poco::Base64Decoder decoder(in);
    std::string pdf;
    Poco::StreamCopier::copyToString(decoder, pdf);
    return pdf;
  }
};

TEST_F(BrowserReport, ShowsTheScopeIndicesTrendAndRankedCourts) {
  importQuarters();
  openReportFromDashboard();  // the browser is en-US: English
  EXPECT_NE(browser().currentUrl().find("/dashboard/report?survey=" + kSurveyId), std::string::npos);
  EXPECT_EQ(browser().text("#report-title"), "Court user survey");
  EXPECT_EQ(browser().text("#report-scope"), "Scope: Whole country");
  EXPECT_EQ(browser().text("#report-period"), "Period: all responses");
  EXPECT_EQ(browser().text("#report-responses"), "Responses: 16");
  // The access index is the mean of (access_find - 1) / 4 * 100 over the 16 respondents:
  // Almaty 425 + 400, Astana 0 + 25 + 50 = 75, Esil 50 + 50 = 100: (425 + 400 + 75 + 100) / 16
  // = 1000 / 16 = 62.5 (by hand; the only 5-point access item answered).
  EXPECT_EQ(browser().text("#report-indices tbody tr td:nth-child(1)"), "Access index");
  EXPECT_EQ(browser().text("#report-indices tbody tr td:nth-child(2)"), "62.5");
  EXPECT_NE(browser().text("#report-indices tbody tr td:nth-child(3)").find(" – "), std::string::npos);
  EXPECT_EQ(browser().text("#report-indices tbody tr td:nth-child(4)"), "16");
  // Two quarters, one point each for the index.
  EXPECT_EQ(browser().evalNumber("return document.querySelectorAll('#report-trend-chart circle.dot').length;"), 2);
  // Almaty alone is ranked: (425 + 400) / 11 = 75.0; Astana (3 responses) and Esil (2) are not.
  EXPECT_EQ(browser().findAll("#report-courts tbody tr").size(), 1U);
  EXPECT_EQ(browser().text("#report-courts tbody tr td:nth-child(2)"), kCourtAlmaty.nameEn);
  EXPECT_EQ(browser().text("#report-courts tbody tr td:nth-child(3)"), "75.0");
  EXPECT_NE(browser().text("#report-method").find("based on 16 responses"), std::string::npos);
  // No KPI is defined, and the survey has no outcome for drivers (no 5-point "overall" item:
  // 400 invalid_outcome): those sections are left out.
  EXPECT_TRUE(browser().findAll("#report-kpis").empty());
  EXPECT_TRUE(browser().findAll("#report-drivers").empty());
  screenshot("report");
}

TEST_F(BrowserReport, ShowsTheSurveysKpisFromTheValuesReply) {
  importQuarters();
  const auto created = admin("POST", "/api/v1/admin/kpis",
                             R"({"id": "access_fav", "name": {"kk": "Қолжетімділік", "ru": "Доступность", "en": "Access favourable"}, )"
                             R"("survey_id": ")" + kSurveyId + R"(", "metric": {"kind": "favourable", "item": "access_find"}, )"
                             R"("scope": {"kind": "country"}, "period": "year", "baseline": {"period": "2024", "value": 40}, )"
                             R"("target": {"year": 2029, "value": 80}, "changed_by": "tester"})");
  ASSERT_EQ(created.status, 201) << created.body;
  openReportFromDashboard();
  // 2025: access_find 4 or 5 in 8 of the 16 responses (Almaty 5,4,4,5 and 4,4,5,5): 50.0%.
  ASSERT_EQ(browser().findAll("#report-kpis tbody tr").size(), 1U);
  EXPECT_EQ(browser().text("#report-kpis tbody tr td:nth-child(1)"), "Access favourable");
  const std::string value = browser().text("#report-kpis tbody tr td:nth-child(2)");
  EXPECT_EQ(value.rfind("50.0 (", 0), 0U) << value;
  EXPECT_NE(value.find(" – "), std::string::npos) << value;
  EXPECT_NE(browser().text("#report-kpis tbody tr td:nth-child(3)"), "—") << "the milestone due is shown";
  EXPECT_NE(browser().text("#report-kpis tbody tr td:nth-child(4)"), "");
}

TEST_F(BrowserReport, PrintsToA4WithoutControls) {
  importQuarters();
  openReportFromDashboard();
  EXPECT_TRUE(browser().displayed("#report-print"));
  browser().emulateMedia("print");
  EXPECT_FALSE(browser().displayed("#report-print")) << "controls are not printed";
  EXPECT_TRUE(browser().displayed("#report-indices"));
  EXPECT_EQ(browser().evalString("return getComputedStyle(document.querySelector('#report-indices h2')).breakAfter;"), "avoid");
  browser().emulateMedia("");

  const std::string pdf = printToPdf();
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0U) << "not a PDF";
  const std::regex page(R"(/Type\s*/Page[^s])");
  const auto pages = std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), page), std::sregex_iterator());
  EXPECT_GE(pages, 1);
  EXPECT_LE(pages, 3) << "one survey's report fits on a few A4 pages";
  // A4 is 595 x 842 points (Chromium writes 594.96 x 841.92).
  EXPECT_TRUE(std::regex_search(pdf, std::regex(R"(/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\])")));
  std::ofstream(std::filesystem::current_path() / "browser-screenshots" / "BrowserReport-report.pdf", std::ios::binary) << pdf;
}

TEST_F(BrowserReport, AsksToSignInWithoutAToken) {
  browser().navigate(url("/dashboard/report?survey=" + kSurveyId));
  ASSERT_TRUE(browser().waitVisible("#report-error"));
  EXPECT_EQ(browser().text("#report-error"), "Sign in on the results page first to open the report.");
}

}  // namespace
}  // namespace courtvoice::e2e::pages
