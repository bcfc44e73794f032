// The dashboard's comments view in a real headless Chromium: masked texts with their month,
// a search, a filter by another question's score, pages, and a cell too small to show.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "browser_support.hpp"

namespace courtvoice::e2e::pages {
namespace {

class BrowserComments : public BrowserTest {
 protected:
  /// Paper responses at Almaty on `date`: one per (fair_listened, comment).
  void importComments(const std::string& date, const std::vector<std::pair<int, std::string>>& answers,
                      const TestCourt& court = kCourtAlmaty) {
    std::string list;
    for (const auto& [fair, comment] : answers) {
      if (!list.empty()) list += ",";
      list += R"({"submission_id": "comments-)" + randomHex(16) + R"(", "court": ")" + court.code +
              R"(", "channel": "paper", "language": "ru", "date": ")" + date +
              R"(", "answers": {"visit_purpose": 1, "appeared": 1, "fair_listened": )" + std::to_string(fair) +
              R"(, "comment": ")" + comment + R"("}})";
    }
    const auto r = admin("POST", "/api/v1/admin/surveys/" + kSurveyId + "/responses/import",
                         R"({"version": )" + std::to_string(version()) + R"(, "responses": [)" + list + "]}");
    ASSERT_EQ(r.status, 200) << r.body;
  }

  void showComments(const std::string& lang = "") {
    signInToDashboard(server().adminToken());
    ASSERT_TRUE(browser().waitVisible("#survey"));
    if (!lang.empty()) {
      browser().click("#lang-switch button[data-lang='" + lang + "']");
      ASSERT_TRUE(browser().waitUntil([&] { return browser().evalString("return document.documentElement.lang;") == lang; }));
      ASSERT_TRUE(browser().waitVisible("#survey"));
    }
    browser().click("#view option[value='comments']");
    browser().click("#show");
  }

  std::vector<std::string> shownTexts() {
    std::vector<std::string> out;
    for (const auto& e : browser().findAll("#comments-list .comment-text")) out.push_back(browser().text(e));
    return out;
  }
};

TEST_F(BrowserComments, ShowsMaskedCommentsSearchesAndFiltersByScore) {
  importComments("2025-03-10", {{1, "Долгая очередь, звоните +7 (701) 123-45-67"},
                                {2, "Пишите: ivan@mail.kz"},
                                {1, "Очередь в канцелярию"},
                                {5, "Всё хорошо"},
                                {4, "Вежливо"},
                                {2, "Карта 4000 0000 0000 0002"}});
  importComments("2025-04-10", {{1, "ИИН 900101300126, прошу перезвонить"}});
  showComments();  // the browser is en-US: English
  ASSERT_TRUE(browser().waitVisible("#comments-list"));
  EXPECT_EQ(browser().text("#comments-total"), "Comments found: 7");
  const auto texts = shownTexts();
  ASSERT_EQ(texts.size(), 7U);
  EXPECT_EQ(texts[0], "ИИН [IIN], прошу перезвонить");  // newest first
  EXPECT_NE(std::find(texts.begin(), texts.end(), "Долгая очередь, звоните [phone]"), texts.end());
  EXPECT_NE(std::find(texts.begin(), texts.end(), "Пишите: [e-mail]"), texts.end());
  EXPECT_NE(std::find(texts.begin(), texts.end(), "Карта [card]"), texts.end());
  const std::string meta = browser().text("#comments-list .comment:first-child .comment-meta");
  EXPECT_EQ(meta, "2025-04 · " + kCourtAlmaty.nameEn + " · Almaty · in Russian");
  screenshot("comments");
  // Nothing of the raw data is anywhere on the page.
  const std::string page = browser().evalString("return document.body.innerText;");
  for (const std::string raw : {"123-45-67", "mail.kz", "900101300126", "4000 0000"}) {
    EXPECT_EQ(page.find(raw), std::string::npos) << raw;
  }

  browser().sendKeys("#comments-q", "ОЧЕРЕДЬ");
  browser().click("#comments-search");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#comments-total") == "Comments found: 2"; }));
  EXPECT_EQ(shownTexts(), (std::vector<std::string>{"Очередь в канцелярию", "Долгая очередь, звоните [phone]"}));

  browser().clear(browser().find("#comments-q"));
  browser().click("#comments-item option[value='fair_listened']");
  ASSERT_TRUE(browser().waitVisible("#comments-score-1"));
  browser().click("#comments-score-1");
  browser().click("#comments-score-2");
  browser().click("#comments-search");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#comments-total") == "Comments found: 5"; }));
  EXPECT_EQ(shownTexts().size(), 5U);

  // Two respondents gave 4 or 5: too few, so nothing they wrote is shown.
  browser().click("#comments-score-1");
  browser().click("#comments-score-2");
  browser().click("#comments-score-4");
  browser().click("#comments-score-5");
  browser().click("#comments-search");
  ASSERT_TRUE(browser().waitVisible("#comments-too-few"));
  EXPECT_EQ(browser().text("#comments-too-few"),
            "Too few responses (fewer than 5): comments are not shown, to keep respondents anonymous.");
  EXPECT_TRUE(browser().findAll("#comments-list").empty());
}

TEST_F(BrowserComments, PagesThroughManyCommentsAndSpeaksKazakh) {
  std::vector<std::pair<int, std::string>> many;
  for (int i = 1; i <= 55; ++i) many.emplace_back(3, "Пікір " + std::to_string(i));
  importComments("2025-05-10", many);
  importComments("2025-05-11", {{1, "Астана"}, {2, "Астана"}}, kCourtAstana);  // a court under the minimum
  showComments("kk");
  ASSERT_TRUE(browser().waitVisible("#comments-list"));
  EXPECT_EQ(browser().text("#comments-total"), "Табылған пікірлер: 55");
  EXPECT_EQ(browser().text("#comments-withheld"), "1 соттың пікірлері көрсетілмейді: жауаптары тым аз.");
  EXPECT_EQ(shownTexts().size(), 50U);
  EXPECT_EQ(shownTexts().front(), "Пікір 55");
  EXPECT_EQ(browser().text("#comments-page"), "1-бет / 2");
  browser().click("#comments-next");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#comments-page") == "2-бет / 2"; }));
  EXPECT_EQ(shownTexts(), (std::vector<std::string>{"Пікір 5", "Пікір 4", "Пікір 3", "Пікір 2", "Пікір 1"}));
  EXPECT_EQ(browser().property(browser().find("#comments-next"), "disabled"), "true");
}

}  // namespace
}  // namespace courtvoice::e2e::pages
