// Invitation surveys (audience staff or judge) on the respondent page: the code page, the check,
// the translated refusals, the court from the check, the code sent with the response. Where a test
// needs an answer the real server gives only by chance (busy, then created; a given refusal), the
// page's POSTs are answered in the browser as docs/api.md says the server answers
// (browser_fetch_stub.hpp); the last test runs against the real endpoints only.
#include <gtest/gtest.h>

#include <string>

#include "browser_fetch_stub.hpp"
#include "browser_support.hpp"

namespace courtvoice::e2e::pages {
namespace {

inline const std::string kStaffSurveyId = "browser_staff";

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// Contract answers of POST /invitation-check for a few codes (others: 403 invitation_unknown).
const std::string kCheckStub = R"JS(
window.__fakeFn = (path, body) => {
  if (!path.endsWith('/invitation-check')) return null;
  const error = (status, code) => ({ status, body: { error: { code, message: 'english server text', field: 'invitation_code' } } });
  switch (body.invitation_code) {
    case 'K7QM-X2PD-9TRH-WC4N': return { status: 200, body: { status: 'valid', court: null, region: 'almaty_city',
      courts: [{ code: 'BRW-ALM', name: 'Алмалинский районный суд города Алматы' },
               { code: 'BRW-AST', name: 'Специализированный межрайонный экономический суд города Астаны' }],
      expires_on: '2026-12-31' } };
    case 'HCRT-2222-3333-4444': return { status: 200, body: { status: 'valid', court: 'BRW-AST', region: null,
      courts: [{ code: 'BRW-AST', name: 'Специализированный межрайонный экономический суд города Астаны' }], expires_on: '2026-12-31' } };
    case 'SPNT-2222-3333-4444': return error(409, 'invitation_spent');
    case 'XPRD-2222-3333-4444': return error(409, 'invitation_expired');
    default: return error(403, 'invitation_unknown');
  }
};
)JS";

class BrowserInvitationCode : public BrowserTest {
 protected:
  void SetUp() override {
    BrowserTest::SetUp();
    std::string staff = replaceAll(testDefinition(), R"("id": ")" + kSurveyId + "\"", R"("id": ")" + kStaffSurveyId + "\"");
    staff = replaceAll(staff, R"("audience": "citizen")", R"("audience": "staff")");
    staff = replaceAll(staff, R"("min_group_size": 5)", R"("min_group_size": 10)");
    const auto created = admin("POST", "/api/v1/admin/surveys", staff);
    ASSERT_EQ(created.status, 201) << created.body;
    const auto published = admin("POST", "/api/v1/admin/surveys/" + kStaffSurveyId + "/versions/" +
                                              std::to_string(created.object()->getValue<int>("version")) + "/publish");
    ASSERT_EQ(published.status, 200) << published.body;
  }

  void TearDown() override {
    // The browser is shared with the next tests: take the stand-in away.
    if (!stubScript_.empty()) browser().removeScriptOnNewDocument(stubScript_);
    BrowserTest::TearDown();
  }

  /// Answers the page's POSTs in the browser from the first script of every page on.
  void stubBeforeLoad() { stubScript_ = browser().addScriptOnNewDocument(kFetchStub + kCheckStub); }

  std::string staffUrl(const std::string& rest) { return url("/s/" + kStaffSurveyId + rest); }

  void enterCode(const std::string& code) {
    browser().execute("document.getElementById('invite-code').value = '';");
    browser().sendKeys("#invite-code", code);
    browser().click("#invite-check");
  }

  bool waitCodeError(const std::string& expected) {
    return browser().waitUntil([&] { return browser().displayed("#invite-error") && browser().text("#invite-error") == expected; });
  }

 private:
  std::string stubScript_;
};

TEST_F(BrowserInvitationCode, CodePageChecksTheCodeAndTheResponseCarriesIt) {
  const TestCourt zhezkazgan{"BRW-AAA", "Жезқазған қалалық соты", "Жезказганский городской суд", "Zhezkazgan City Court", "ulytau"};
  ASSERT_EQ(admin("POST", "/api/v1/admin/courts", "[" + courtJson(zhezkazgan) + "]").status, 200);
  browser().navigate(staffUrl("?lang=ru"));
  ASSERT_TRUE(browser().waitVisible("#invite-code"));
  EXPECT_EQ(browser().text("#code-title"), "Код приглашения");
  EXPECT_EQ(browser().text("#invite-promise"),
            "Код только подтверждает, что вас пригласили; он не хранится вместе с вашими ответами.");
  EXPECT_FALSE(browser().tryFind("#survey-form").has_value()) << "no question before the code";
  screenshot("code-page-ru");
  browser().click("#lang-switch button[data-lang='kk']");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#code-title") == "Шақыру коды"; }));
  EXPECT_EQ(browser().text("#invite-promise"), "Код тек сіздің шақырылғаныңызды растайды; ол жауаптарыңызбен бірге сақталмайды.");
  screenshot("code-page-kk");
  browser().click("#lang-switch button[data-lang='ru']");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().text("#code-title") == "Код приглашения"; }));

  browser().execute(kFetchStub);
  browser().execute(kCheckStub);
  enterCode("k7qm x2pd 9trh wc4o");  // O is not a code symbol
  ASSERT_TRUE(waitCodeError("Код введён неверно: 16 знаков, латинские буквы и цифры (без 0, O, 1, I)."));
  EXPECT_EQ(browser().evalNumber("return window.__posts.length;"), 0) << "a mistyped code is not sent";
  enterCode("spnt 2222 3333 4444");
  ASSERT_TRUE(waitCodeError("Этот код уже использован."));
  EXPECT_EQ(browser().evalString("return window.__posts[0].body.invitation_code;"), "SPNT-2222-3333-4444")
      << "sent normalised, in groups of four";
  EXPECT_EQ(browser().evalString("return window.__posts[0].url;").find("SPNT"), std::string::npos) << "never in the URL";
  enterCode("XPRD-2222-3333-4444");
  ASSERT_TRUE(waitCodeError("Срок действия этого кода истёк."));
  enterCode("ZZZZ-2222-3333-4444");
  ASSERT_TRUE(waitCodeError("Такой код для этого опроса не найден."));
  screenshot("unknown");

  browser().execute(R"(window.__fake['/responses'] = [
      {status: 503, headers: {'Retry-After': '1'}, body: {error: {code: 'busy', message: 'busy', field: ''}}},
      {status: 201, body: {response_id: 'r-1', status: 'created'}}];)");
  enterCode("k7qm-x2pd-9trh-wc4n");
  ASSERT_TRUE(browser().waitVisible("#survey-form"));
  EXPECT_EQ(browser().evalString(
                "return Array.from(document.querySelectorAll('#court-list label')).map(l => l.dataset.court).join(',');"),
            "BRW-ALM,BRW-AST")
      << "the picker holds the courts of the invitation's region only";
  browser().click("label[data-court='BRW-ALM']");
  ASSERT_TRUE(browser().waitVisible("#court-name"));
  choose("visit_purpose", 1);
  choose("appeared", 2);
  submit();
  ASSERT_TRUE(waitThanks());
  EXPECT_EQ(browser().evalString(R"(const r = window.__posts.filter(p => p.url.includes('/responses'));
      return r.length + '|' + r.map(p => p.body.invitation_code).join(',') + '|' + new Set(r.map(p => p.body.submission_id)).size
        + '|' + r[0].body.court;)"),
            "2|K7QM-X2PD-9TRH-WC4N,K7QM-X2PD-9TRH-WC4N|1|BRW-ALM")
      << "the code goes with the response; the resend keeps the submission id";
}

TEST_F(BrowserInvitationCode, CodeFromTheLinkFragmentIsCheckedAndLeavesTheAddressBar) {
  stubBeforeLoad();
  browser().navigate(staffUrl("?lang=ru#code=hcrt-2222-3333-4444"));
  ASSERT_TRUE(browser().waitVisible("#survey-form")) << "the code from the link was checked without typing";
  EXPECT_EQ(browser().currentUrl(), staffUrl("?lang=ru")) << "the code left the address bar";
  EXPECT_EQ(browser().evalString("return window.__posts[0].body.invitation_code;"), "HCRT-2222-3333-4444");
  EXPECT_EQ(browser().text("#court-name"), kCourtAstana.nameRu) << "the court named by the invitation";
  EXPECT_FALSE(browser().tryFind("#court-change").has_value());
}

TEST_F(BrowserInvitationCode, RefusedCodeFromTheLinkIsExplainedOnTheCodePage) {
  stubBeforeLoad();
  browser().navigate(staffUrl("?lang=en#code=SPNT-2222-3333-4444"));
  ASSERT_TRUE(browser().waitVisible("#invite-error"));
  EXPECT_EQ(browser().text("#invite-error"), "This code has already been used.");
  EXPECT_EQ(browser().currentUrl(), staffUrl("?lang=en"));
  EXPECT_EQ(browser().evalString("return document.getElementById('invite-code').value;"), "SPNT-2222-3333-4444");
}

// Against the real endpoints, no stand-in.
TEST_F(BrowserInvitationCode, RealServerOpensTheSurveyForACodeOnceAndThenSaysItIsSpent) {
  const auto made = admin("POST", "/api/v1/admin/surveys/" + kStaffSurveyId + "/invitations",
                          R"({"region": "almaty_city", "count": 2, "expires_on": "2027-06-30"})");
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string code = made.object()->getArray("codes")->getObject(0)->getValue<std::string>("code");

  browser().navigate(staffUrl("?lang=ru#code=" + code));
  ASSERT_TRUE(browser().waitVisible("#survey-form")) << "the code from the link opened the survey";
  EXPECT_EQ(browser().currentUrl(), staffUrl("?lang=ru"));
  EXPECT_EQ(browser().text("#court-name"), kCourtAlmaty.nameRu) << "the only court of the code's region";
  choose("visit_purpose", 1);
  choose("appeared", 2);
  submit();
  ASSERT_TRUE(waitThanks());
  EXPECT_EQ(sqlCount("SELECT COUNT(*) FROM responses WHERE court_code = 'BRW-ALM'"), 1);

  browser().navigate(staffUrl("?lang=kk#code=" + code));
  ASSERT_TRUE(browser().waitVisible("#invite-error"));
  EXPECT_EQ(browser().text("#invite-error"), "Бұл код бұрын пайдаланылған.");
  enterCode("ZZZZ-2222-3333-4444");
  ASSERT_TRUE(waitCodeError("Бұл сауалнама үшін мұндай код табылмады."));
}

}  // namespace
}  // namespace courtvoice::e2e::pages
