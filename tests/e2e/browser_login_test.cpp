// Signing in with an account on /login in headless Chromium: a wrong password is told plainly, the
// right one opens the dashboard with the session (an HttpOnly cookie the page cannot read), the
// dashboard hides what the role may not use, and "Sign out" ends the session.
#include <gtest/gtest.h>

#include "account_support.hpp"
#include "browser_support.hpp"

namespace courtvoice::e2e::pages {
namespace {

class BrowserLogin : public BrowserTest {};

TEST_F(BrowserLogin, AViewerSignsInSeesNoExportsAndSignsOut) {
  accountToken(server(), "viewer-one", "viewer");  // password "e2e password of viewer"
  browser().navigate(url("/login?next=/dashboard"));
  ASSERT_TRUE(browser().waitVisible("#login-form"));
  browser().click("#lang-switch button[data-lang='en']");
  browser().sendKeys("#account", "viewer-one");
  browser().sendKeys("#password", "not the password");
  browser().click("#sign-in");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().displayed("#login-error"); }));
  EXPECT_EQ(browser().text("#login-error"), "Wrong account name or password.");

  browser().clear(browser().find("#password"));
  browser().sendKeys("#password", "e2e password of viewer");
  browser().click("#sign-in");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().currentUrl().find("/dashboard") != std::string::npos; }));
  ASSERT_TRUE(browser().waitVisible("#sign-out"));
  // The session is the browser's: no token asked for, and the cookie is out of the page's reach.
  EXPECT_FALSE(browser().tryFind("#token").has_value());
  EXPECT_EQ(browser().evalString("return document.cookie;").find("courtvoice_session"), std::string::npos);
  // A viewer reads summaries and trends only: no CSV button, no export panel.
  EXPECT_FALSE(browser().displayed("#download-csv"));
  EXPECT_FALSE(browser().tryFind("#exports").has_value());

  browser().click("#sign-out");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().currentUrl().find("/login") != std::string::npos; }));
  // The session has ended on the server: the dashboard's own check is now refused.
  browser().navigate(url("/dashboard"));
  ASSERT_TRUE(browser().waitVisible("#token"));
  const auto sessions = http(server().port(), "GET", "/api/v1/admin/audit?account=viewer-one&action=/api/v1/session", "", server().adminHeaders());
  ASSERT_EQ(sessions.status, 200) << sessions.body;
  const auto entries = sessions.object()->getArray("entries");
  ASSERT_EQ(entries->size(), 3U);  // signed out, signed in, refused
  EXPECT_EQ(entries->getObject(0)->getValue<std::string>("action"), "DELETE /api/v1/session");
  EXPECT_EQ(entries->getObject(2)->getValue<int>("status"), 401);
}

// Every administrators' page without a session offers the account sign-in, which comes back to it.
TEST_F(BrowserLogin, TheInvitationsPageSendsToSignInAndBack) {
  accountToken(server(), "chief-admin", "administrator");  // password "e2e password of administrator"
  browser().navigate(url("/admin/invitations"));
  ASSERT_TRUE(browser().waitVisible("#token"));  // no session: the token form, with the link
  browser().click("#lang-switch button[data-lang='en']");
  ASSERT_TRUE(browser().waitVisible("#account-sign-in"));
  EXPECT_EQ(browser().text("#token-help"), "The token is kept in this browser tab only, until it is closed.");
  browser().click("#account-sign-in");
  ASSERT_TRUE(browser().waitVisible("#login-form"));
  EXPECT_NE(browser().currentUrl().find("/login?next=%2Fadmin%2Finvitations"), std::string::npos) << browser().currentUrl();
  browser().sendKeys("#account", "chief-admin");
  browser().sendKeys("#password", "e2e password of administrator");
  browser().click("#sign-in");
  ASSERT_TRUE(browser().waitUntil([&] { return browser().currentUrl().find("/admin/invitations") != std::string::npos &&
                                               browser().tryFind("#sign-out").has_value(); }));
  EXPECT_EQ(browser().text("h1"), "Invitation codes");
  EXPECT_FALSE(browser().tryFind("#token").has_value());
  browser().click("#sign-out");  // back to /login: the session ended
  ASSERT_TRUE(browser().waitUntil([&] { return browser().currentUrl().find("/login") != std::string::npos; }));
}

// The API reference (/docs/api, public): an operation with its path parameter and its error codes,
// and the filter box that finds operations by an error code.
TEST_F(BrowserLogin, TheApiReferenceShowsOperationsParametersAndErrorCodes) {
  browser().navigate(url("/docs/api"));
  ASSERT_TRUE(browser().waitVisible("#api-filter"));
  const std::string submit = "#op-post-api-v1-surveys-id-responses";
  EXPECT_NE(browser().text(submit + " > summary").find("POST"), std::string::npos);
  EXPECT_NE(browser().text(submit + " > summary").find("/api/v1/surveys/{id}/responses"), std::string::npos);
  browser().click(submit + " > summary");
  ASSERT_TRUE(browser().waitVisible(submit + " .parameters"));
  const std::string parameters = browser().text(submit + " .parameters");
  EXPECT_NE(parameters.find("id"), std::string::npos) << parameters;
  EXPECT_NE(parameters.find("path"), std::string::npos) << parameters;
  const std::string details = browser().text(submit + " .op-body");
  for (const char* code : {"empty_response", "survey_not_found", "rate_limited", "body_too_large"}) {
    EXPECT_NE(details.find(code), std::string::npos) << code << " in:\n" << details;
  }
  EXPECT_NE(details.find("submission_id"), std::string::npos) << "the request body's schema";

  // Filtering by an error code keeps the operations that can give it.
  browser().sendKeys("#api-filter", "invitation_unknown");
  ASSERT_TRUE(browser().waitUntil([&] { return !browser().displayed("#op-get-api-v1-courts"); }));
  EXPECT_TRUE(browser().displayed(submit));
  EXPECT_TRUE(browser().displayed("#op-post-api-v1-surveys-id-invitation-check"));
  EXPECT_NE(browser().text("#api-count").find(" of "), std::string::npos);
}

}  // namespace
}  // namespace courtvoice::e2e::pages
