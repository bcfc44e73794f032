// The respondent page (/s/{surveyId}) in a real headless Chromium against the real server:
// what a citizen at a kiosk or on a phone sees and does, and what ends up stored.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "browser_support.hpp"

namespace courtvoice::e2e::pages {
namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

class BrowserSurvey : public BrowserTest {
 protected:
  /// Answers the two required items.
  void answerRequired() {
    choose("visit_purpose", 2);
    choose("appeared", 2);
  }

  /// Replaces window.fetch so that the page's POSTs can be observed and disturbed: every status
  /// is recorded in window.__postStatuses; while window.__offline is true a POST fails without
  /// reaching the server; with window.__loseNextResponse the next POST reaches the server but
  /// its answer is lost on the way back (as when a kiosk's network drops mid-request).
  void instrumentFetch() {
    browser().execute(R"(
      const realFetch = window.fetch.bind(window);
      window.__postStatuses = [];
      window.__offline = false;
      window.__loseNextResponse = false;
      window.fetch = async function (url, options) {
        const isPost = options && options.method === 'POST';
        if (isPost && window.__offline) throw new TypeError('Failed to fetch');
        const response = await realFetch(url, options);
        if (isPost) {
          window.__postStatuses.push(response.status);
          if (window.__loseNextResponse) {
            window.__loseNextResponse = false;
            throw new TypeError('Failed to fetch');
          }
        }
        return response;
      };)");
  }

  std::string postStatuses() { return browser().evalString("return window.__postStatuses.join(',');"); }
};

TEST_F(BrowserSurvey, CitizenFillsEveryItemTypeInRussianAndTheResponseIsStored) {
  importResponses(kCourtAlmaty, {4, 4, 4, 4, 4});  // five on paper, so that the group is reported
  const long long before = totalResponses();
  ASSERT_EQ(before, 5);

  openSurvey("court=BRW-ALM&lang=ru");
  EXPECT_EQ(browser().text("#survey-title"), "Опрос посетителей суда");
  EXPECT_EQ(browser().text("#court-name"), kCourtAlmaty.nameRu);
  EXPECT_EQ(browser().text("label[for='q-access_find-1']"), "Полностью не согласен(на)");
  EXPECT_EQ(browser().text("label[for='q-access_find-5']"), "Полностью согласен(на)");
  EXPECT_EQ(browser().text("label[for='q-staff_courtesy-1']"), "Совсем не удовлетворён(а)");
  EXPECT_EQ(browser().text("label[for='q-staff_courtesy-5']"), "Вполне удовлетворён(а)");
  EXPECT_EQ(browser().text("label[for='q-access_find-na-not_applicable']"), "Ко мне не относится");
  EXPECT_EQ(browser().text("label[for='q-staff_courtesy-na-dont_know']"), "Не знаю");
  EXPECT_EQ(browser().text("label[for='q-staff_courtesy-na-no_opinion']"), "Нет мнения");
  EXPECT_EQ(browser().findAll("#item-trust label[for^='q-trust-']").size(), 11u);  // 0..10
  screenshot("empty-kiosk-1280x800");

  choose("visit_purpose", 1);
  choose("access_find", 2);
  choose("staff_courtesy", "na-dont_know");
  choose("appeared", 1);
  ASSERT_TRUE(browser().waitVisible("#item-fair_listened"));
  choose("fair_listened", 5);
  choose("trust", 9);
  choose("services", 1);
  choose("services", 3);
  browser().sendKeys("#q-visits-input", "3");
  browser().sendKeys("#q-comment-input", "Всё понятно, спасибо");
  EXPECT_EQ(browser().text("#count-comment"), "20 / 200 знаков");
  EXPECT_EQ(browser().text("#progress-text"), "Отвечено: 9 из 9");
  screenshot("filled");

  submit();
  ASSERT_TRUE(waitThanks());
  EXPECT_EQ(browser().text("#thanks-text"), "Спасибо! Ваши ответы сохранены.");
  EXPECT_FALSE(browser().displayed("#survey-form"));
  screenshot("thanks");
  EXPECT_EQ(browser().evalString("return JSON.stringify([Object.keys(localStorage), Object.keys(sessionStorage), document.cookie]);"),
            R"([[],[],""])")
      << "nothing about the respondent is kept in the browser";

  EXPECT_EQ(totalResponses(), before + 1);
  EXPECT_EQ(sql("SELECT CONCAT_WS('|', court_code, channel, language, version) FROM responses WHERE channel = 'web'"),
            "BRW-ALM|web|ru|" + std::to_string(version()) + "\n");
  // Every answer in long format, as given: item | seq | code | number | text | non-answer.
  const auto stored = lines(sql(
      "SELECT CONCAT_WS('|', a.item_id, a.seq, COALESCE(a.code, ''), COALESCE(a.number, ''), COALESCE(a.text, ''), "
      "COALESCE(a.non_answer, '')) FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.channel = 'web' "
      "ORDER BY a.item_id, a.seq"));
  const std::vector<std::string> expected = {
      "access_find|0|2|||",          "appeared|0|1|||",       "comment|0|||Всё понятно, спасибо|",
      "fair_listened|0|5|||",        "services|0|1|||",       "services|1|3|||",
      "staff_courtesy|0||||dont_know", "trust|0|9|||",        "visit_purpose|0|1|||",
      "visits|0||3||"};
  EXPECT_EQ(stored, expected);
}

TEST_F(BrowserSurvey, SwitchingToKazakhChangesTheTextsAndKeepsTheAnswers) {
  openSurvey("court=BRW-ALM&lang=ru");
  choose("access_find", 4);
  EXPECT_EQ(browser().text("#item-access_find .item-label"), "Здание суда было легко найти.");

  browser().click("#lang-switch button[data-lang='kk']");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#survey-title") == "Сот пайдаланушыларының сауалнамасы"; }));
  EXPECT_EQ(browser().evalString("return document.documentElement.lang;"), "kk");
  EXPECT_EQ(browser().text("#item-access_find .item-label"), "Сот ғимаратын табу оңай болды.");
  EXPECT_EQ(browser().text("label[for='q-access_find-1']"), "Мүлде келіспеймін");
  EXPECT_EQ(browser().text("label[for='q-access_find-5']"), "Толық келісемін");
  EXPECT_EQ(browser().text("label[for='q-access_find-na-not_applicable']"), "Маған қатысы жоқ");
  EXPECT_EQ(browser().text("label[for='q-staff_courtesy-na-dont_know']"), "Білмеймін");
  EXPECT_EQ(browser().text("label[for='q-visit_purpose-3']"), "Ақпарат алу үшін");
  EXPECT_EQ(browser().text("#court-name"), kCourtAlmaty.nameKk);
  EXPECT_EQ(browser().text("#submit"), "Жіберу");
  EXPECT_EQ(browser().property(browser().find("#lang-switch button[data-lang='kk']"), "ariaPressed"), "true");
  EXPECT_TRUE(checked("access_find", "4")) << "the answer given in Russian is kept";
  screenshot("kazakh");

  browser().click("#lang-switch button[data-lang='en']");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#survey-title") == "Court user survey"; }));
  EXPECT_EQ(browser().text("label[for='q-access_find-5']"), "Strongly agree");
  EXPECT_EQ(browser().text("label[for='q-staff_courtesy-1']"), "Very dissatisfied");
  EXPECT_EQ(browser().text("label[for='q-access_find-na-not_applicable']"), "Does not apply to me");
  browser().click("#lang-switch button[data-lang='kk']");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#submit") == "Жіберу"; }));

  answerRequired();
  submit();
  ASSERT_TRUE(waitThanks());
  EXPECT_EQ(browser().text("#thanks-text"), "Рахмет! Жауаптарыңыз сақталды.");
  EXPECT_EQ(browser().evalString("return JSON.stringify(Object.entries(localStorage));"), R"([["courtvoice.lang","kk"]])")
      << "the language choice, and nothing else, is remembered";
  EXPECT_EQ(sql("SELECT language FROM responses"), "kk\n");
  EXPECT_EQ(sql("SELECT code FROM answers WHERE item_id = 'access_find'"), "4\n");
}

TEST_F(BrowserSurvey, ConditionalItemAppearsOnlyAfterTheTriggeringAnswer) {
  openSurvey("court=BRW-ALM&lang=ru");
  EXPECT_FALSE(browser().displayed("#item-fair_listened"));
  EXPECT_EQ(browser().text("#progress-text"), "Отвечено: 0 из 8");

  choose("appeared", 2);
  EXPECT_FALSE(browser().displayed("#item-fair_listened"));
  choose("appeared", 1);
  ASSERT_TRUE(browser().waitVisible("#item-fair_listened"));
  EXPECT_EQ(browser().text("#progress-text"), "Отвечено: 1 из 9");
  choose("fair_listened", 4);
  EXPECT_TRUE(checked("fair_listened", "4"));
  screenshot("shown");

  choose("appeared", 2);
  ASSERT_TRUE(browser().waitUntil([&] { return !browser().displayed("#item-fair_listened"); }));
  choose("appeared", 1);
  ASSERT_TRUE(browser().waitVisible("#item-fair_listened"));
  EXPECT_FALSE(checked("fair_listened", "4")) << "hiding the item dropped its answer";
  choose("fair_listened", 4);
  choose("appeared", 2);
  ASSERT_TRUE(browser().waitUntil([&] { return !browser().displayed("#item-fair_listened"); }));

  choose("visit_purpose", 3);
  submit();
  ASSERT_TRUE(waitThanks());
  EXPECT_EQ(storedResponses(), 1);
  EXPECT_EQ(sqlCount("SELECT COUNT(*) FROM answers WHERE item_id = 'fair_listened'"), 0);
  EXPECT_EQ(sql("SELECT code FROM answers WHERE item_id = 'appeared'"), "2\n");
}

TEST_F(BrowserSurvey, MissingRequiredItemShowsTheMessageThereAndSubmitsNothing) {
  openSurvey("court=BRW-ALM&lang=ru");
  choose("access_find", 5);
  choose("appeared", 2);  // visit_purpose, also required, is left out
  submit();

  ASSERT_TRUE(browser().waitVisible("#err-visit_purpose"));
  EXPECT_EQ(browser().text("#err-visit_purpose"), "Ответьте, пожалуйста, на этот вопрос.");
  EXPECT_FALSE(browser().displayed("#err-appeared"));
  EXPECT_FALSE(browser().displayed("#err-access_find"));
  EXPECT_EQ(browser().text("#form-error"), "Ответьте на отмеченные вопросы (1).");
  EXPECT_EQ(browser().evalString("const f = document.activeElement.closest('fieldset'); return f ? f.id : '';"),
            "item-visit_purpose")
      << "focus moves to the unanswered item";
  EXPECT_EQ(browser().property(browser().find("#item-visit_purpose .choices"), "ariaInvalid"), "true");
  EXPECT_FALSE(browser().displayed("#thanks-text"));
  screenshot("message");
  EXPECT_EQ(storedResponses(), 0);

  choose("visit_purpose", 1);
  EXPECT_FALSE(browser().displayed("#err-visit_purpose")) << "the message goes once the item is answered";
  submit();
  ASSERT_TRUE(waitThanks());
  EXPECT_EQ(storedResponses(), 1);
}

TEST_F(BrowserSurvey, PagesLoadNothingFromOtherOrigins) {
  const std::string origin = server().baseUrl() + "/";
  struct Page {
    std::string path;
    std::string readySelector;
  };
  for (const Page& page : {Page{"/", ".lang-block"}, Page{"/s/" + kSurveyId + "?court=BRW-ALM&lang=kk", "#survey-form"},
                           Page{"/s/" + kSurveyId, "#court-search"}, Page{"/dashboard", "#token"}}) {
    SCOPED_TRACE(page.path);
    browser().navigate(url(page.path));
    ASSERT_TRUE(browser().waitVisible(page.readySelector));
    const auto names = Poco::JSON::Parser()
                           .parse(browser().evalString(
                               "return JSON.stringify(performance.getEntriesByType('resource').map(e => e.name));"))
                           .extract<Poco::JSON::Array::Ptr>();
    ASSERT_GT(names->size(), 0u) << "the page's own stylesheet at least";
    for (std::size_t i = 0; i < names->size(); ++i) {
      const std::string name = names->getElement<std::string>(static_cast<unsigned>(i));
      EXPECT_EQ(name.rfind(origin, 0), 0u) << name;
    }
    // The stylesheet applied (a CSP or MIME problem would leave the default serif font).
    EXPECT_NE(browser().evalString("return getComputedStyle(document.body).fontFamily;").find("system-ui"),
              std::string::npos);
  }
}

TEST_F(BrowserSurvey, KioskStartsAFreshFormAfterThanks) {
  openSurvey("court=BRW-ALM&channel=kiosk&lang=ru&reset=2");
  answerRequired();
  choose("access_find", 5);
  submit();
  ASSERT_TRUE(waitThanks());
  EXPECT_TRUE(browser().displayed("#start-over"));
  screenshot("thanks");

  ASSERT_TRUE(browser().waitUntil(
      [&] { return browser().displayed("#survey-form") && !browser().displayed("#thanks-text"); }, std::chrono::seconds(20)))
      << "the kiosk returns to an empty form";
  EXPECT_EQ(answeredInputs(), 0);
  EXPECT_EQ(browser().text("#progress-text"), "Отвечено: 0 из 8");

  // The next person's answers are a new response, not a retry of the first.
  answerRequired();
  choose("access_find", 1);
  submit();
  ASSERT_TRUE(waitThanks());
  EXPECT_EQ(sqlCount("SELECT COUNT(*) FROM responses WHERE channel = 'kiosk' AND court_code = 'BRW-ALM'"), 2);
  EXPECT_EQ(sql("SELECT code FROM answers WHERE item_id = 'access_find' ORDER BY code"), "1\n5\n");
}

TEST_F(BrowserSurvey, KioskClearsAnAbandonedFormAfterAWarning) {
  // idle=9: the warning shows for the last 3 seconds of 9 without a touch.
  openSurvey("court=BRW-ALM&channel=kiosk&lang=kk&idle=9");
  choose("access_find", 3);
  ASSERT_TRUE(browser().waitVisible("#idle-dialog", std::chrono::seconds(20)));
  EXPECT_EQ(browser().text("#idle-title"), "Сіз әлі осындасыз ба?");
  screenshot("warning");
  browser().click("#idle-continue");
  EXPECT_FALSE(browser().displayed("#idle-dialog"));
  EXPECT_TRUE(checked("access_find", "3")) << "'continue' keeps the answers";

  ASSERT_TRUE(browser().waitVisible("#idle-dialog", std::chrono::seconds(20)));
  ASSERT_TRUE(browser().waitUntil([&] { return answeredInputs() == 0 && !browser().displayed("#idle-dialog"); },
                                  std::chrono::seconds(20)))
      << "nobody came back: the form is cleared for the next person";
  EXPECT_TRUE(browser().displayed("#survey-form"));
  EXPECT_EQ(storedResponses(), 0);
}

TEST_F(BrowserSurvey, LostAnswerFromTheServerIsRetriedWithTheSameSubmission) {
  importResponses(kCourtAlmaty, {4, 4, 4, 4, 4});
  const long long before = totalResponses();
  openSurvey("court=BRW-ALM&lang=ru");
  instrumentFetch();
  browser().execute("window.__loseNextResponse = true;");
  answerRequired();
  choose("access_find", 2);
  submit();

  // The first POST was stored; its answer never reached the page, which retries by itself.
  ASSERT_TRUE(waitThanks());
  EXPECT_EQ(postStatuses(), "201,200") << "the retry was recognised as the same submission";
  EXPECT_EQ(totalResponses(), before + 1);
  EXPECT_EQ(sqlCount("SELECT COUNT(*) FROM responses WHERE channel = 'web'"), 1);
}

TEST_F(BrowserSurvey, AnswersAreKeptWhileOfflineAndSentWithRetry) {
  openSurvey("court=BRW-ALM&lang=ru");
  instrumentFetch();
  browser().execute("window.__offline = true;");
  answerRequired();
  choose("trust", 7);
  submit();

  ASSERT_TRUE(browser().waitVisible("#retry"));
  EXPECT_EQ(browser().text("#send-status").rfind("Ответы не отправлены.", 0), 0u) << browser().text("#send-status");
  EXPECT_FALSE(browser().displayed("#thanks-text"));
  EXPECT_TRUE(checked("trust", "7"));
  EXPECT_EQ(storedResponses(), 0);
  screenshot("offline");

  browser().execute("window.__offline = false;");
  browser().click("#retry");
  ASSERT_TRUE(waitThanks());
  EXPECT_EQ(storedResponses(), 1);
  EXPECT_EQ(sql("SELECT code FROM answers WHERE item_id = 'trust'"), "7\n");
}

TEST_F(BrowserSurvey, NewVersionPublishedMeanwhileReloadsTheFormAndKeepsAnswers) {
  openSurvey("court=BRW-ALM&lang=ru");
  answerRequired();
  choose("access_find", 4);
  const int newVersion = createAndPublish(testDefinition(" (v2)"));
  submit();

  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#survey-title") == "Опрос посетителей суда (v2)"; }));
  EXPECT_EQ(browser().text("#survey-notice"), "Анкета обновилась. Проверьте ответы и отправьте ещё раз.");
  EXPECT_TRUE(checked("access_find", "4"));
  EXPECT_EQ(storedResponses(), 0);
  screenshot("reloaded");

  submit();
  ASSERT_TRUE(waitThanks());
  EXPECT_EQ(sql("SELECT version FROM responses"), std::to_string(newVersion) + "\n");
}

TEST_F(BrowserSurvey, ServerRejectionIsShownNextToTheNamedField) {
  openSurvey("court=NO-SUCH-COURT&lang=en");
  answerRequired();
  submit();
  ASSERT_TRUE(browser().waitVisible("#err-court"));
  EXPECT_EQ(browser().text("#err-court").rfind("This court is not in the registry.", 0), 0u) << browser().text("#err-court");
  EXPECT_FALSE(browser().displayed("#thanks-text"));
  EXPECT_EQ(storedResponses(), 0);
  screenshot("rejected");
}

TEST_F(BrowserSurvey, WithoutACourtInTheLinkThePersonPicksOneFromASearchableList) {
  browser().navigate(url("/s/" + kSurveyId));  // no court, no language: the browser says en-US
  ASSERT_TRUE(browser().waitVisible("#court-search"));
  EXPECT_EQ(browser().text("#survey-title"), "Court user survey");
  EXPECT_EQ(browser().findAll("#court-list .court-option").size(), 2u);

  answerRequired();
  submit();
  ASSERT_TRUE(browser().waitVisible("#err-court"));
  EXPECT_EQ(browser().text("#err-court"), "Choose the court.");
  EXPECT_EQ(storedResponses(), 0);

  browser().sendKeys("#court-search", "astana");
  ASSERT_TRUE(browser().waitUntil([&] { return !browser().displayed("label[data-court='BRW-ALM']"); }));
  EXPECT_TRUE(browser().displayed("label[data-court='BRW-AST']"));
  screenshot("search");
  browser().click("label[data-court='BRW-AST']");
  ASSERT_TRUE(browser().waitVisible("#court-name"));
  EXPECT_EQ(browser().text("#court-name"), kCourtAstana.nameEn);

  submit();
  ASSERT_TRUE(waitThanks());
  EXPECT_EQ(sql("SELECT CONCAT_WS('|', court_code, language) FROM responses"), "BRW-AST|en\n");
}

TEST_F(BrowserSurvey, FitsA360PixelPhoneWithLargeTouchTargets) {
  browser().setViewportSize(360, 740);
  openSurvey("court=BRW-AST&lang=kk");  // the longest court name and the longest labels
  choose("appeared", 1);
  ASSERT_TRUE(browser().waitVisible("#item-fair_listened"));

  EXPECT_LE(browser().evalNumber("return document.documentElement.scrollWidth;"),
            browser().evalNumber("return window.innerWidth;"))
      << "nothing makes the page scroll sideways";
  // Every tappable thing at least 44 x 44 CSS pixels.
  const std::string smallest = browser().evalString(R"(
      const targets = Array.from(document.querySelectorAll(
          '#survey-form label, #survey-form button, #survey-form textarea, #survey-form input[type=number], #lang-switch button'))
        .filter(e => e.offsetParent !== null);
      let worst = null;
      for (const e of targets) {
        const r = e.getBoundingClientRect();
        const size = Math.min(r.width, r.height);
        if (worst === null || size < worst.size) worst = {size, what: e.outerHTML.slice(0, 80)};
      }
      return JSON.stringify(worst);)");
  const auto worst = Poco::JSON::Parser().parse(smallest).extract<Poco::JSON::Object::Ptr>();
  EXPECT_GE(worst->getValue<double>("size"), 44.0) << smallest;
  // No label's text spills out of its button.
  EXPECT_EQ(browser().evalString(
                "return Array.from(document.querySelectorAll('#survey-form label')).filter(l => l.scrollWidth > l.clientWidth + 1)"
                ".map(l => l.textContent).join(' | ');"),
            "");
  browser().execute("window.scrollTo(0, 0);");
  screenshot("phone-top");
  browser().execute("document.getElementById('item-staff_courtesy').scrollIntoView();");
  screenshot("phone-satisfaction");
  browser().execute("document.getElementById('item-trust').scrollIntoView();");
  screenshot("phone-scale");
}

TEST_F(BrowserSurvey, KeyboardAloneCanAnswer) {
  openSurvey("court=BRW-ALM&lang=ru");
  browser().execute("document.getElementById('q-visit_purpose-1').focus();");
  browser().pressKeys({" "});  // space selects the focused option
  EXPECT_TRUE(checked("visit_purpose", "1"));
  browser().pressKeys({Browser::kArrowRight});  // arrows move through the group
  EXPECT_TRUE(checked("visit_purpose", "2"));
  EXPECT_FALSE(checked("visit_purpose", "1"));
  EXPECT_EQ(browser().evalString("return getComputedStyle(document.querySelector(\"label[for='q-visit_purpose-2']\")).outlineStyle;"),
            "solid")
      << "the focused option shows a focus ring";
  screenshot("focus");

  // Tab leaves the group for the next item; arrows answer it.
  browser().pressKeys({Browser::kTab, Browser::kArrowRight, Browser::kArrowRight});
  EXPECT_EQ(browser().evalString("const f = document.activeElement.closest('fieldset'); return f ? f.id : '';"),
            "item-access_find");
  EXPECT_TRUE(checked("access_find", "3"));
}

}  // namespace
}  // namespace courtvoice::e2e::pages
