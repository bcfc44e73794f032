// Posters: the QR code the server draws (PNG, the A4 page and the SVG as Chromium renders them)
// is read back with zbarimg (Debian's zbar-tools), and must give the court's survey link.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "browser_support.hpp"

namespace courtvoice::e2e::pages {
namespace {

// Default server.publicBaseUrl: the links on posters do not depend on the port the test server got.
const std::string kPublicBase = "http://127.0.0.1:8080";

std::string surveyLink(const TestCourt& court) { return kPublicBase + "/s/" + kSurveyId + "?court=" + court.code; }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class BrowserPoster : public BrowserTest {
 protected:
  std::filesystem::path scratch(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("courtvoice-posters-" + server().schema().name());
    std::filesystem::create_directories(dir);
    return dir / name;
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(std::filesystem::temp_directory_path() / ("courtvoice-posters-" + server().schema().name()),
                                ignored);
    BrowserTest::TearDown();
  }
};

TEST_F(BrowserPoster, QrPngOfEachCourtDecodesToItsSurveyLink) {
  for (const auto& court : {kCourtAlmaty, kCourtAstana}) {
    const auto png = http(server().port(), "GET", "/posters/" + kSurveyId + "/" + court.code + "/qr.png");
    ASSERT_EQ(png.status, 200) << png.body;
    EXPECT_EQ(png.headers.at("Content-Type"), "image/png");
    const auto file = scratch(court.code + ".png");
    std::ofstream(file, std::ios::binary) << png.body;
    EXPECT_EQ(decodeQr(file), std::vector<std::string>{surveyLink(court)}) << court.code;
  }
}

TEST_F(BrowserPoster, PrintedA4PageShowsCourtTitlesAndAQrCodeThatScans) {
  browser().setViewportSize(900, 1250);  // an A4 sheet (794 x 1123 CSS px) and the Print button
  browser().navigate(url("/posters/" + kSurveyId + "/" + kCourtAstana.code));
  ASSERT_TRUE(browser().waitVisible(".qr svg"));
  const std::string text = browser().text("main");
  for (const auto& part : {kCourtAstana.nameKk, kCourtAstana.nameRu, kCourtAstana.nameEn, std::string("Сот пайдаланушыларының сауалнамасы"),
                           std::string("Опрос посетителей суда"), std::string("Court user survey"), surveyLink(kCourtAstana)}) {
    EXPECT_TRUE(contains(text, part)) << "missing on the poster: " << part << "\n" << text;
  }
  // The sheet is A4 and nothing spills out of it.
  EXPECT_EQ(browser().evalString("const r = document.querySelector('.sheet').getBoundingClientRect(); "
                                 "return Math.round(r.width) + 'x' + Math.round(r.height);"),
            "794x1123");
  EXPECT_EQ(browser().evalString("const s = document.querySelector('.sheet'); "
                                 "return String(s.scrollHeight <= s.clientHeight + 1);"),
            "true");
  EXPECT_EQ(decodeQr(screenshot("poster-a4")), std::vector<std::string>{surveyLink(kCourtAstana)});
}

TEST_F(BrowserPoster, SvgPosterRendersAndItsQrCodeScans) {
  const auto svg = http(server().port(), "GET", "/posters/" + kSurveyId + "/" + kCourtAlmaty.code + "/svg");
  ASSERT_EQ(svg.status, 200) << svg.body;
  EXPECT_EQ(svg.headers.at("Content-Type"), "image/svg+xml; charset=utf-8");
  EXPECT_TRUE(contains(svg.body, "width=\"210mm\" height=\"297mm\""));
  EXPECT_TRUE(contains(svg.body, kCourtAlmaty.nameRu));
  browser().setViewportSize(900, 1250);
  browser().navigate(url("/posters/" + kSurveyId + "/" + kCourtAlmaty.code + "/svg"));
  EXPECT_EQ(decodeQr(screenshot("poster-svg")), std::vector<std::string>{surveyLink(kCourtAlmaty)});
}

TEST_F(BrowserPoster, ListLinksEveryActiveCourtSortedByNameInTheLanguage) {
  const auto list = http(server().port(), "GET", "/posters?lang=en");
  ASSERT_EQ(list.status, 200) << list.body;
  // "Almaly ..." before "Astana ..." in English; in Russian "Алмалинский" before "Специализированный".
  const auto almaty = list.body.find("data-court=\"" + kCourtAlmaty.code + "\"");
  const auto astana = list.body.find("data-court=\"" + kCourtAstana.code + "\"");
  ASSERT_NE(almaty, std::string::npos);
  ASSERT_NE(astana, std::string::npos);
  EXPECT_LT(almaty, astana);
  EXPECT_TRUE(contains(list.body, "href=\"/posters/" + kSurveyId + "/" + kCourtAstana.code + "/svg\""));
  EXPECT_TRUE(contains(list.body, kCourtAlmaty.nameEn));
  EXPECT_EQ(http(server().port(), "GET", "/posters?lang=de").status, 400);
}

TEST_F(BrowserPoster, RefusesUnknownCourtsAndSurveysOfStaffOrNotPublished) {
  const auto unknownCourt = http(server().port(), "GET", "/posters/" + kSurveyId + "/NO-SUCH");
  EXPECT_EQ(unknownCourt.status, 404);
  EXPECT_TRUE(contains(unknownCourt.body, "\"unknown_court\"")) << unknownCourt.body;
  EXPECT_EQ(http(server().port(), "GET", "/posters/no_such_survey/" + kCourtAlmaty.code).status, 404);

  std::string staff = testDefinition();
  const auto swap = [&](const std::string& from, const std::string& to) { staff.replace(staff.find(from), from.size(), to); };
  swap("\"id\": \"" + kSurveyId + "\"", "\"id\": \"staff_check\"");
  swap("\"audience\": \"citizen\"", "\"audience\": \"staff\"");
  swap("\"min_group_size\": 5", "\"min_group_size\": 10");
  const auto created = admin("POST", "/api/v1/admin/surveys", staff);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto draft = http(server().port(), "GET", "/posters/staff_check/" + kCourtAlmaty.code);
  EXPECT_EQ(draft.status, 404);  // drafts only: not known to the public
  EXPECT_TRUE(contains(draft.body, "\"survey_not_found\"")) << draft.body;
  ASSERT_EQ(admin("POST", "/api/v1/admin/surveys/staff_check/versions/1/publish").status, 200);
  const auto staffPoster = http(server().port(), "GET", "/posters/staff_check/" + kCourtAlmaty.code);
  EXPECT_EQ(staffPoster.status, 409);
  EXPECT_TRUE(contains(staffPoster.body, "\"posters_not_used\"")) << staffPoster.body;
  // Only the citizen survey is listed.
  const auto list = http(server().port(), "GET", "/posters");
  EXPECT_TRUE(contains(list.body, "data-survey=\"" + kSurveyId + "\""));
  EXPECT_FALSE(contains(list.body, "data-survey=\"staff_check\""));
}

TEST_F(BrowserPoster, AdminToolWritesEveryPosterIntoAFolderThatOpensWithoutTheServer) {
  const auto dir = scratch("folder");
  Env env = server().schema().environment();
  env["COURTVOICE_PUBLIC_BASE_URL"] = "https://sot.example.kz/";
  const auto run = runAdmin({"posters", dir.string()}, env);
  ASSERT_EQ(run.exitCode, 0) << run.output;
  EXPECT_TRUE(contains(run.output, "wrote 2 posters")) << run.output;
  for (const auto& court : {kCourtAlmaty, kCourtAstana}) {
    EXPECT_TRUE(std::filesystem::exists(dir / kSurveyId / (court.code + ".svg")));
    const std::string html = readFile((dir / kSurveyId / (court.code + ".html")).string());
    EXPECT_TRUE(contains(html, "<style>")) << "the folder's pages carry their style";
    EXPECT_FALSE(contains(html, "/static/"));
  }
  browser().setViewportSize(900, 1250);
  browser().navigate("file://" + (dir / kSurveyId / (kCourtAlmaty.code + ".html")).string());
  ASSERT_TRUE(browser().waitVisible(".qr svg"));
  EXPECT_EQ(decodeQr(screenshot("poster-file")),
            std::vector<std::string>{"https://sot.example.kz/s/" + kSurveyId + "?court=" + kCourtAlmaty.code});
  EXPECT_TRUE(contains(readFile((dir / "index.html").string()), kSurveyId + "/" + kCourtAstana.code + ".svg"));
  EXPECT_EQ(runAdmin({"posters"}, env).exitCode, 64);
}

}  // namespace
}  // namespace courtvoice::e2e::pages
