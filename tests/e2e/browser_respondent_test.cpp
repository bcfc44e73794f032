// The respondent page's defects of issue 7, each as a citizen or a kiosk would meet it, in a real
// headless Chromium against the real server (browser_support.hpp).
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "browser_fetch_stub.hpp"
#include "browser_second_edition.hpp"
#include "browser_support.hpp"

namespace courtvoice::e2e::pages {
namespace {

using std::chrono::seconds;

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

class BrowserRespondent : public BrowserTest {
 protected:
  void answerRequired() {
    choose("visit_purpose", 2);
    choose("appeared", 2);
  }
  void stubFetch() { browser().execute(kFetchStub); }
  int posts() { return static_cast<int>(browser().evalNumber("return window.__posts.length;")); }
  std::string value(const std::string& id) { return browser().evalString("return document.getElementById('" + id + "').value;"); }
  std::string progressWidth() { return browser().evalString("return document.getElementById('progress-fill').style.width;"); }
};

TEST_F(BrowserRespondent, KioskSubmissionWaitingForTheNetworkLeavesTheScreenForAFreshForm) {
  openSurvey("court=BRW-ALM&channel=kiosk&lang=ru&idle=60&reset=3");
  stubFetch();
  browser().execute("window.__offline = true;");
  answerRequired();
  browser().sendKeys("#q-comment-input", "Первый посетитель");
  submit();

  ASSERT_TRUE(browser().waitUntil([&] { return !browser().displayed("#survey-form"); }, seconds(5)))
      << "the submitted form leaves the screen although the network is down";
  EXPECT_EQ(browser().text("#thanks-kept"), "Ваши ответы сохранены на этом устройстве и будут отправлены автоматически.");
  EXPECT_EQ(browser().text("#outbox-mark"), "1");
  screenshot("kept");

  ASSERT_TRUE(browser().waitVisible("#survey-form", seconds(20))) << "the next visitor gets a form";
  EXPECT_EQ(answeredInputs(), 0) << "none of the first visitor's answers";
  EXPECT_EQ(value("q-comment-input"), "");
  EXPECT_EQ(storedResponses(), 0);

  // The next visitor answers while the network is back; the first response follows from the device.
  browser().execute("window.__offline = false;");
  choose("visit_purpose", 3);
  choose("appeared", 2);
  submit();
  ASSERT_TRUE(waitThanks());
  ASSERT_TRUE(browser().waitUntil([&] { return storedResponses() == 2; }, seconds(40)));
  EXPECT_EQ(sql("SELECT text FROM answers WHERE item_id = 'comment'"), "Первый посетитель\n");
  EXPECT_EQ(sql("SELECT code FROM answers WHERE item_id = 'visit_purpose' ORDER BY code"), "2\n3\n")
      << "two responses, each with its own visitor's answers";
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#outbox-mark") == "0"; }));
  EXPECT_EQ(browser().evalString("return localStorage.getItem('courtvoice.outbox') || '';"), "")
      << "an acknowledged response leaves the device";
}

TEST_F(BrowserRespondent, EnterOnAnOptionChoosesItAndOnlyTheButtonSubmits) {
  openSurvey("court=BRW-ALM&lang=ru");
  answerRequired();  // a submission would now be accepted
  browser().execute("document.getElementById('q-access_find-4').focus();");
  browser().pressKeys({Browser::kEnter});
  browser().execute("document.getElementById('q-services-2').focus();");
  browser().pressKeys({Browser::kEnter});
  browser().execute("document.getElementById('q-visits-input').focus();");
  browser().pressKeys({"3", Browser::kEnter});

  EXPECT_FALSE(browser().waitVisible("#thanks-text", seconds(2))) << "Enter did not submit the survey";
  EXPECT_TRUE(checked("access_find", "4")) << "Enter chose the focused option";
  EXPECT_TRUE(checked("services", "2"));
  EXPECT_EQ(storedResponses(), 0);

  submit();
  ASSERT_TRUE(waitThanks());
  EXPECT_EQ(sql("SELECT CONCAT_WS('|', item_id, COALESCE(code, number)) FROM answers WHERE item_id IN "
                "('access_find', 'services', 'visits') ORDER BY item_id"),
            "access_find|4\nservices|2\nvisits|3\n");
}

TEST_F(BrowserRespondent, MistypedCourtInTheLinkOffersThePickerAtOnce) {
  browser().navigate(url("/s/" + kSurveyId + "?court=AST-XYZ&lang=ru"));
  ASSERT_TRUE(browser().waitVisible("#court-search")) << "the picker is offered before any question is answered";
  EXPECT_EQ(browser().text("#court-link-error"), "Суда «AST-XYZ» из ссылки нет в реестре. Выберите суд из списка.");
  EXPECT_FALSE(browser().tryFind("#court-name").has_value()) << "the unknown code is not shown as the court";
  screenshot("picker");

  answerRequired();
  submit();
  ASSERT_TRUE(browser().waitVisible("#err-court"));
  EXPECT_EQ(browser().text("#err-court"), "Этого суда нет в реестре. Выберите суд из списка.");
  browser().click("label[data-court='BRW-AST']");
  ASSERT_TRUE(browser().waitVisible("#court-name"));
  EXPECT_EQ(browser().text("#court-name"), kCourtAstana.nameRu);
  submit();
  ASSERT_TRUE(waitThanks());
  EXPECT_EQ(sql("SELECT court_code FROM responses"), "BRW-AST\n");
}

TEST_F(BrowserRespondent, ServerRefusalsAreShownInThePageLanguageOnly) {
  openSurvey("court=BRW-ALM&lang=ru");
  TestCourt closed = kCourtAlmaty;
  ASSERT_EQ(admin("POST", "/api/v1/admin/courts",
                  "[" + replaceAll(courtJson(closed), "\"active\": true", "\"active\": false") + "]")
                .status,
            200);
  answerRequired();
  submit();
  ASSERT_TRUE(browser().waitVisible("#err-court"));
  EXPECT_EQ(browser().text("#err-court"), "Этого суда нет в реестре.");
  EXPECT_FALSE(std::regex_search(browser().text("#form-error"), std::regex("[A-Za-z]")))
      << "no server English in the Russian page: " << browser().text("#form-error");
  EXPECT_EQ(storedResponses(), 0);

  // Codes the server answers with (stood in for here): each in the page's language.
  addCourts();  // active again
  openSurvey("court=BRW-ALM&lang=ru");
  stubFetch();
  browser().execute(R"(window.__fake['/responses'] = [{status: 400, body: {error: {code: 'empty_response',
      message: 'a response needs at least one substantive answer', field: 'answers'}}}];)");
  answerRequired();
  submit();
  ASSERT_TRUE(browser().waitUntil([&] { return browser().displayed("#form-error"); }));
  EXPECT_EQ(browser().text("#form-error"), "Ответьте хотя бы на один вопрос: пустая анкета не отправляется.");

  browser().execute(R"(window.__fake['/responses'] = [{status: 429, headers: {'Retry-After': '37'},
      body: {error: {code: 'rate_limited', message: 'too many requests', field: ''}}}];)");
  submit();
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#send-status").find("Слишком много") == 0; }));
  EXPECT_EQ(browser().text("#send-status").rfind("Слишком много ответов с этого устройства. Попробуйте снова через 3", 0), 0u)
      << browser().text("#send-status");
  screenshot("rate-limited");
  EXPECT_EQ(storedResponses(), 0);
}

TEST_F(BrowserRespondent, AnEmptyFormIsNotSent) {
  createAndPublish(replaceAll(testDefinition(" (v2)"), R"("required": true)", R"("required": false)"));
  openSurvey("court=BRW-ALM&lang=ru");
  stubFetch();
  submit();
  ASSERT_TRUE(browser().waitVisible("#form-error"));
  EXPECT_EQ(browser().text("#form-error"), "Ответьте хотя бы на один вопрос: пустая анкета не отправляется.");
  choose("staff_courtesy", "na-dont_know");  // a non-answer is not an answer
  submit();
  ASSERT_TRUE(browser().waitVisible("#form-error"));
  EXPECT_EQ(browser().text("#form-error"), "Ответьте хотя бы на один вопрос: пустая анкета не отправляется.");
  screenshot("message");
  EXPECT_EQ(posts(), 0) << "nothing was sent";

  choose("access_find", 4);
  submit();
  ASSERT_TRUE(waitThanks());
  EXPECT_EQ(storedResponses(), 1);
}

TEST_F(BrowserRespondent, ProgressBarDoesNotMoveBackWhenAConditionOpensItems) {
  const std::string moreConditional = R"({"id": "fair_explained", "type": "agreement5", "dimension": "fairness",
     "show_if": {"item": "appeared", "any_of": [1]},
     "text": {"kk": "Судья шешімін түсіндірді.", "ru": "Судья объяснил решение.", "en": "The judge explained the decision."}},
    {"id": "fair_respect", "type": "agreement5", "dimension": "fairness", "show_if": {"item": "appeared", "any_of": [1]},
     "text": {"kk": "Судья маған құрметпен қарады.", "ru": "Судья относился ко мне с уважением.", "en": "The judge treated me with respect."}},
    {"id": "trust",)";
  createAndPublish(replaceAll(testDefinition(" (v2)"), R"({"id": "trust",)", moreConditional));
  openSurvey("court=BRW-ALM&lang=ru");
  choose("visit_purpose", 1);
  choose("access_find", 4);
  choose("staff_courtesy", 4);
  choose("trust", 8);
  choose("appeared", 2);
  EXPECT_EQ(browser().text("#progress-text"), "Отвечено: 5 из 8");
  EXPECT_EQ(progressWidth(), "63%");  // 5 / 8

  choose("appeared", 1);  // opens three items
  ASSERT_TRUE(browser().waitVisible("#item-fair_respect"));
  EXPECT_EQ(browser().text("#progress-text"), "Отвечено: 5 из 11") << "the count is of what is shown";
  EXPECT_EQ(progressWidth(), "63%") << "the bar did not move back (5 / 11 would be 45%)";
  choose("fair_listened", 4);
  EXPECT_EQ(progressWidth(), "63%");  // 6 / 11 = 55%
  choose("fair_explained", 4);
  choose("fair_respect", 5);
  EXPECT_EQ(browser().text("#progress-text"), "Отвечено: 8 из 11");
  EXPECT_EQ(progressWidth(), "73%");
}

TEST_F(BrowserRespondent, ThanksScreenDoesNotRepeatTheIntroduction) {
  openSurvey("court=BRW-ALM&lang=ru");
  EXPECT_EQ(browser().text(".intro"), "Опрос анонимный и займёт около двух минут.");
  answerRequired();
  submit();
  ASSERT_TRUE(waitThanks());
  EXPECT_FALSE(browser().displayed(".intro")) << "the time it takes is of no use once it is done";
  EXPECT_EQ(browser().text("#thanks-text"), "Спасибо! Ваши ответы сохранены.");
}

TEST_F(BrowserRespondent, ZeroToTenEndLabelsAreTheQuestionsOwn) {
  openSurvey("court=BRW-ALM&lang=ru");
  EXPECT_EQ(browser().findAll("#item-trust .scale-ends").size(), 0u)
      << "a question that names no ends gets no invented ones (was '0 — совсем нет' for every 0-10 question)";

  const std::string likely = R"("text": {"kk": "Бұл сотты ұсыну ықтималдығыңыз қандай? 0 — мүлде ықтимал емес, 10 — өте ықтимал.",
     "ru": "Насколько вероятно, что вы порекомендуете этот суд? 0 — совсем маловероятно, 10 — очень вероятно.",
     "en": "How likely are you to recommend this court? 0 = not at all likely, 10 = extremely likely."}})";
  createAndPublish(replaceAll(testDefinition(" (v2)"),
                              R"("text": {"kk": "Бұл сотқа қаншалықты сенесіз?", "ru": "Насколько вы доверяете этому суду?", "en": "How much do you trust this court?"}})",
                              likely));
  openSurvey("court=BRW-ALM&lang=ru");
  EXPECT_EQ(browser().text("#ends-trust span:first-child"), "0 — совсем маловероятно");
  EXPECT_EQ(browser().text("#ends-trust span:last-child"), "10 — очень вероятно");
  screenshot("ru");
  browser().click("#lang-switch button[data-lang='en']");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#ends-trust span:first-child") == "0 — not at all likely"; }));
  EXPECT_EQ(browser().text("#ends-trust span:last-child"), "10 — extremely likely");
}

TEST_F(BrowserRespondent, Scale5ItemShowsItsOwnFiveLabelsAndSubmitsTheCodeChosen) {
  createAndPublish(secondEditionDefinition());
  openSurvey("court=BRW-ALM&lang=en");
  // Each of the five radios, in order, with the label bound to it (tapping the label answers).
  EXPECT_EQ(browser().evalString(
                "return Array.from(document.querySelectorAll('#item-trust_change input'))"
                ".map(i => `${i.type}:${i.name}:${i.value}:${i.labels.length === 1 ? i.labels[0].textContent : '?'}`).join('|');"),
            "radio:q-trust_change:1:Decreased a lot|radio:q-trust_change:2:Decreased somewhat|radio:q-trust_change:3:Unchanged|"
            "radio:q-trust_change:4:Increased somewhat|radio:q-trust_change:5:Increased a lot");
  // A radio group named by the question, in a fieldset with the question as its legend.
  EXPECT_EQ(browser().evalString(
                "const g = document.querySelector('#item-trust_change [role=radiogroup]');"
                "const legend = document.getElementById(g.getAttribute('aria-labelledby'));"
                "return legend.tagName + ':' + legend.parentElement.tagName + ':' + legend.querySelector('.item-label').textContent;"),
            "LEGEND:FIELDSET:How has your trust in the courts changed?");
  // Laid out like the agreement item: five buttons in one row on the kiosk's screen.
  EXPECT_EQ(browser().evalNumber("return getComputedStyle(document.querySelector('#item-trust_change .options')).gridTemplateColumns.split(' ').length;"), 5.0);
  EXPECT_EQ(browser().evalNumber("return getComputedStyle(document.querySelector('#item-access_find .options')).gridTemplateColumns.split(' ').length;"), 5.0);
  const std::string look = "const s = getComputedStyle(document.querySelector(\"label[for='q-%-1']\"));"
                           "return [s.fontSize, s.fontWeight, s.minHeight, s.borderTopWidth].join(' ');";
  EXPECT_EQ(browser().evalString(replaceAll(look, "%", "trust_change")), browser().evalString(replaceAll(look, "%", "access_find")))
      << "the buttons look like the agreement item's";
  EXPECT_TRUE(browser().findAll("#item-trust_change .scale-ends").empty()) << "the labels are on the buttons";
  browser().execute("document.getElementById('item-trust_change').scrollIntoView();");
  screenshot("scale5-en");

  browser().click("#lang-switch button[data-lang='ru']");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("label[for='q-trust_change-1']") == "Сильно снизилось"; }));
  EXPECT_EQ(browser().text("label[for='q-trust_change-5']"), "Сильно выросло");
  EXPECT_EQ(browser().text("label[for='q-access_find-1']"), "Полностью не согласен(на)") << "the standard agreement labels";
  EXPECT_EQ(browser().text("label[for='q-access_find-3']"), "И да, и нет");
  EXPECT_EQ(browser().text("label[for='q-access_find-5']"), "Полностью согласен(на)");

  answerRequired();
  choose("trust_change", 4);
  submit();
  ASSERT_TRUE(waitThanks());
  EXPECT_EQ(sql("SELECT CONCAT_WS('|', r.version, a.code) FROM answers a JOIN responses r ON r.id = a.response_id "
                "WHERE a.item_id = 'trust_change'"),
            "2|4\n");
}

TEST_F(BrowserRespondent, ZeroToTenItemShowsTheLabelsItDefinesAndAnUnlabelledOneShowsNone) {
  createAndPublish(secondEditionDefinition());
  openSurvey("court=BRW-ALM&lang=en");
  const std::string ends =
      "return Array.from(document.querySelectorAll('#ends-recommend span')).map(s => s.textContent).join('|');";
  EXPECT_EQ(browser().evalString(ends), "0 — Not at all likely|5 — Neither likely nor unlikely|10 — Extremely likely");
  EXPECT_TRUE(browser().displayed("#ends-recommend"));
  // Under 0 and 10 of the scale (left and right ends of the row of buttons).
  EXPECT_LE(std::abs(browser().evalNumber(
                "return document.querySelector('#ends-recommend span:first-child').getBoundingClientRect().left"
                " - document.querySelector(\"label[for='q-recommend-0']\").getBoundingClientRect().left;")), 1.0);
  EXPECT_LE(std::abs(browser().evalNumber(
                "return document.querySelector('#ends-recommend span:last-child').getBoundingClientRect().right"
                " - document.querySelector(\"label[for='q-recommend-10']\").getBoundingClientRect().right;")), 1.0);
  // A screen reader hears the label with its number; unlabelled points are just numbers.
  EXPECT_EQ(browser().evalString("return document.querySelector(\"label[for='q-recommend-0']\").textContent;"),
            "0, Not at all likely");
  EXPECT_EQ(browser().evalString("return document.querySelector(\"label[for='q-recommend-10']\").textContent;"),
            "10, Extremely likely");
  EXPECT_EQ(browser().evalString("return document.querySelector(\"label[for='q-recommend-3']\").textContent;"), "3");
  EXPECT_LE(browser().evalNumber(
                "return document.querySelector(\"label[for='q-recommend-0'] .sr-only\").getBoundingClientRect().width;"),
            1.0)
      << "on screen the button shows the number only";

  // `trust` labels nothing and its question names no ends: numbers only, no words under them.
  EXPECT_TRUE(browser().findAll("#item-trust .scale-ends").empty());
  EXPECT_EQ(browser().evalString(
                "return Array.from(document.querySelectorAll('#item-trust label')).map(l => l.textContent).join(' ');"),
            "0 1 2 3 4 5 6 7 8 9 10");
  browser().execute("document.getElementById('item-recommend').scrollIntoView();");
  screenshot("labelled-0-10");

  browser().click("#lang-switch button[data-lang='ru']");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().evalString(ends) == "0 — Совсем маловероятно|5 — Ни да, ни нет|10 — Очень вероятно"; }));

  // On a phone the scale wraps; the three labels stack and nothing scrolls sideways.
  browser().setViewportSize(360, 740);
  EXPECT_LE(browser().evalNumber("return document.documentElement.scrollWidth;"),
            browser().evalNumber("return window.innerWidth;"));
  EXPECT_EQ(browser().evalString(
                "const r = Array.from(document.querySelectorAll('#ends-recommend span')).map(s => s.getBoundingClientRect());"
                "return r.every((x, i) => i === 0 || x.top >= r[i - 1].bottom - 0.5) ? 'stacked' : 'overlapping';"),
            "stacked");
  EXPECT_EQ(browser().evalString("return Array.from(document.querySelectorAll('#ends-recommend span'))"
                                 ".map(s => getComputedStyle(s).textAlign).join(' ');"),
            "left left left")
      << "one label a line, each starting at the left like the list it is";
  browser().execute("document.getElementById('item-recommend').scrollIntoView();");
  screenshot("labelled-0-10-phone");

  answerRequired();
  choose("recommend", 10);
  submit();
  ASSERT_TRUE(waitThanks());
  EXPECT_EQ(sql("SELECT code FROM answers WHERE item_id = 'recommend'"), "10\n");
}

TEST_F(BrowserRespondent, CourtPickerIsSortedByNameInThePageLanguage) {
  // Its code sorts first, its name last in English and in the middle in Russian.
  const TestCourt zhezkazgan{"BRW-AAA", "Жезқазған қалалық соты", "Жезказганский городской суд", "Zhezkazgan City Court", "ulytau"};
  ASSERT_EQ(admin("POST", "/api/v1/admin/courts", "[" + courtJson(zhezkazgan) + "]").status, 200);
  const auto order = [&] {
    return browser().evalString(
        "return Array.from(document.querySelectorAll('#court-list label')).map(l => l.dataset.court).join(',');");
  };
  browser().navigate(url("/s/" + kSurveyId + "?lang=en"));
  ASSERT_TRUE(browser().waitVisible("#court-search"));
  EXPECT_EQ(order(), "BRW-ALM,BRW-AST,BRW-AAA");  // Almaly, Astana, Zhezkazgan
  browser().click("#lang-switch button[data-lang='ru']");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#submit") == "Отправить"; }));
  EXPECT_EQ(order(), "BRW-ALM,BRW-AAA,BRW-AST");  // Алмалинский, Жезказганский, Специализированный
}

TEST_F(BrowserRespondent, IdleDialogOffersToStartAgainAndSpeaksThreeLanguages) {
  openSurvey("court=BRW-ALM&channel=kiosk&lang=kk&idle=9");
  choose("access_find", 3);
  ASSERT_TRUE(browser().waitVisible("#idle-dialog", seconds(20)));
  EXPECT_EQ(browser().text("#idle-title"), "Сіз әлі осындасыз ба?");
  EXPECT_EQ(browser().text("#idle-other [lang='ru']").rfind("Вы ещё здесь?", 0), 0u);
  EXPECT_EQ(browser().text("#idle-other [lang='en']").rfind("Are you still there?", 0), 0u);
  EXPECT_EQ(browser().text("#idle-restart"), "Қазір басынан бастау");
  screenshot("dialog");
  browser().click("#idle-restart");
  ASSERT_TRUE(browser().waitUntil([&] { return !browser().displayed("#idle-dialog"); }, seconds(2)));
  EXPECT_EQ(answeredInputs(), 0) << "a fresh form at once";
  EXPECT_TRUE(browser().displayed("#survey-form"));
}

TEST_F(BrowserRespondent, KioskStartScreenHasThreeLargeLanguageButtons) {
  browser().navigate(url("/s/" + kSurveyId + "?court=BRW-ALM&channel=kiosk&reset=2"));
  ASSERT_TRUE(browser().waitVisible("#kiosk-start"));
  EXPECT_EQ(browser().findAll("#kiosk-start button").size(), 3u);
  EXPECT_EQ(browser().text("#start-kk .kiosk-lang-action"), "Сауалнаманы бастау");
  EXPECT_EQ(browser().text("#start-ru .kiosk-lang-action"), "Начать опрос");
  EXPECT_EQ(browser().text("#start-en .kiosk-lang-action"), "Start the survey");
  EXPECT_GE(browser().evalNumber("return document.getElementById('start-ru').getBoundingClientRect().height;"), 80.0);
  screenshot("start");

  browser().click("#start-kk");
  ASSERT_TRUE(browser().waitVisible("#survey-form"));
  EXPECT_EQ(browser().text("#submit"), "Жіберу");
  answerRequired();
  submit();
  ASSERT_TRUE(waitThanks());
  ASSERT_TRUE(browser().waitVisible("#kiosk-start", seconds(20))) << "the next visitor chooses again";
  EXPECT_EQ(sql("SELECT CONCAT_WS('|', channel, language) FROM responses"), "kiosk|kk\n");
}

}  // namespace
}  // namespace courtvoice::e2e::pages
