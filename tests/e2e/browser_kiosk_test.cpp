// A kiosk that loses nothing, and its set-up page (/kiosk), in a real headless Chromium against the
// real server, which these tests stop and start again (server_fixture.hpp).
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "browser_fetch_stub.hpp"
#include "browser_support.hpp"

namespace courtvoice::e2e::pages {
namespace {

using std::chrono::seconds;

class BrowserKiosk : public BrowserTest {
 protected:
  std::string kept() { return browser().evalString("return localStorage.getItem('courtvoice.outbox') || '';"); }
};

TEST_F(BrowserKiosk, ResponseMadeWhileTheServerIsDownSurvivesAReloadAndArrivesOnce) {
  importResponses(kCourtAlmaty, {4, 4, 4, 4, 4});  // five on paper, so that the court is reported
  ASSERT_EQ(totalResponses(), 5);
  const std::string kioskUrl = url("/s/" + kSurveyId + "?court=BRW-ALM&channel=kiosk&lang=ru&reset=2");
  browser().navigate(kioskUrl);
  ASSERT_TRUE(browser().waitVisible("#survey-form"));
  EXPECT_EQ(browser().text("#outbox-mark"), "0");

  server().stop();
  choose("visit_purpose", 1);
  choose("appeared", 2);
  choose("trust", 9);
  browser().sendKeys("#q-comment-input", "Сохранено на планшете");
  submit();
  ASSERT_TRUE(waitThanks()) << "the visitor is thanked although the server is down";
  EXPECT_TRUE(browser().displayed("#thanks-kept"));
  EXPECT_EQ(browser().text("#outbox-mark"), "1");
  EXPECT_EQ(browser().property(browser().find("#outbox-mark"), "title"), "Ждут отправки: 1; отклонено сервером: 0");
  EXPECT_NE(kept().find("Сохранено на планшете"), std::string::npos);
  screenshot("kept");

  // The tablet restarts while the server is still down: the page cannot even load.
  browser().navigate("about:blank");
  server().restart();
  browser().navigate(kioskUrl);
  ASSERT_TRUE(browser().waitVisible("#survey-form"));
  EXPECT_EQ(answeredInputs(), 0) << "the next visitor sees none of the kept answers";
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#outbox-mark") == "0"; }, seconds(30)))
      << "the kept response was sent once the server was back";
  EXPECT_EQ(kept(), "") << "an acknowledged response leaves the device";
  EXPECT_EQ(totalResponses(), 6);
  EXPECT_EQ(sqlCount("SELECT COUNT(*) FROM responses WHERE channel = 'kiosk'"), 1) << "exactly once";
  EXPECT_EQ(sql("SELECT text FROM answers WHERE item_id = 'comment'"), "Сохранено на планшете\n");
  screenshot("sent");
}

TEST_F(BrowserKiosk, RefusedKeptResponseLeavesTheDeviceAndIsCounted) {
  browser().navigate(url("/s/" + kSurveyId + "?court=BRW-ALM&channel=kiosk&lang=en&reset=30"));
  ASSERT_TRUE(browser().waitVisible("#survey-form"));
  browser().execute(kFetchStub);
  browser().execute(R"(window.__fake['/responses'] = [
      {status: 503, headers: {'Retry-After': '1'}, body: {error: {code: 'busy', message: 'busy', field: ''}}},
      {status: 429, headers: {'Retry-After': '1'}, body: {error: {code: 'rate_limited', message: 'slow down', field: ''}}},
      {status: 400, body: {error: {code: 'unknown_court', message: 'no active court', field: 'court'}}}];)");
  choose("visit_purpose", 1);
  choose("appeared", 2);
  submit();
  ASSERT_TRUE(waitThanks());
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#outbox-mark") == "0"; }, seconds(30)));
  EXPECT_EQ(browser().property(browser().find("#outbox-mark"), "title"), "Waiting to be sent: 0; refused by the server: 1");
  EXPECT_EQ(browser().evalString("return window.__posts.map(p => p.body.submission_id).filter((v, i, a) => a.indexOf(v) === i).length + '/' + window.__posts.length;"),
            "1/3")
      << "503 and 429 were retried with the same submission; the 400 ended it";
  EXPECT_EQ(storedResponses(), 0);
}

TEST_F(BrowserKiosk, SetUpPageKeepsTheDeviceSettingsAndOpensTheKiosk) {
  browser().navigate(url("/kiosk?lang=ru"));
  ASSERT_TRUE(browser().waitVisible("#kiosk-court-list"));
  EXPECT_EQ(browser().text("#kiosk-title"), "Настройка киоска");
  browser().execute("document.getElementById('kiosk-survey').value = '';");
  browser().click("#kiosk-save");
  ASSERT_TRUE(browser().waitVisible("#err-court"));
  EXPECT_EQ(browser().text("#err-court"), "Выберите суд.");
  EXPECT_EQ(browser().text("#err-kiosk-survey"), "Введите идентификатор опроса.");

  browser().sendKeys("#kiosk-survey", kSurveyId);
  browser().execute("const s = document.getElementById('kiosk-lang'); s.value = 'ru'; s.dispatchEvent(new Event('change'));");
  browser().sendKeys("#court-search", "астан");
  ASSERT_TRUE(browser().waitUntil([&] { return !browser().displayed("label[data-court='BRW-ALM']"); }));
  browser().click("label[data-court='BRW-AST']");
  browser().execute("document.getElementById('kiosk-idle').value = '45';");
  browser().sendKeys("#kiosk-token", "kiosk-secret-1");
  screenshot("filled");
  browser().click("#kiosk-save");

  ASSERT_TRUE(browser().waitVisible("#survey-form"));
  EXPECT_EQ(browser().currentUrl(), url("/s/" + kSurveyId + "?channel=kiosk"));
  EXPECT_EQ(browser().text("#court-name"), kCourtAstana.nameRu) << "the court comes from the device settings";
  EXPECT_EQ(browser().text("#submit"), "Отправить");
  EXPECT_FALSE(browser().tryFind("#court-change").has_value()) << "a visitor cannot change the kiosk's court";
  EXPECT_EQ(browser().text("#outbox-mark"), "0");
  browser().execute(kFetchStub);
  choose("visit_purpose", 1);
  choose("appeared", 2);
  submit();
  ASSERT_TRUE(waitThanks());
  EXPECT_EQ(browser().evalString("return window.__posts[0].headers['X-Kiosk-Token'];"), "kiosk-secret-1");
  EXPECT_EQ(sql("SELECT CONCAT_WS('|', court_code, channel, language) FROM responses"), "BRW-AST|kiosk|ru\n");

  // Back on the set-up page the choices are there; "forget" removes them from the device.
  browser().navigate(url("/kiosk?lang=en"));
  ASSERT_TRUE(browser().waitVisible("#kiosk-court-list"));
  EXPECT_EQ(browser().evalString("return document.getElementById('kiosk-survey').value;"), kSurveyId);
  EXPECT_TRUE(browser().evalBool("return document.getElementById('court-BRW-AST').checked;"));
  EXPECT_EQ(browser().evalString("return document.getElementById('kiosk-idle').value;"), "45");
  EXPECT_EQ(browser().text("#kiosk-waiting"), "Responses on this device waiting to be sent: 0 (refused by the server: 0).");
  browser().click("#kiosk-forget");
  EXPECT_EQ(browser().evalString("return localStorage.getItem('courtvoice.kiosk') || '';"), "");
}

}  // namespace
}  // namespace courtvoice::e2e::pages
