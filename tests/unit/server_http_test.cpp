// The HTTP-level pieces without a network: routing, the error mapping, body limits, auth.
#include <gtest/gtest.h>

#include <sstream>

#include <Poco/JSON/Parser.h>

#include "courtvoice/server/admin_auth.hpp"
#include "courtvoice/server/http_error.hpp"
#include "courtvoice/server/http_util.hpp"
#include "courtvoice/server/json_io.hpp"
#include "courtvoice/server/request_body.hpp"
#include "courtvoice/server/router.hpp"
#include "courtvoice/surveys/json_text.hpp"

namespace courtvoice::server {
namespace {

using surveys::DomainError;
using surveys::ErrorKind;

class NamedHandler final : public Handler {
 public:
  explicit NamedHandler(std::string handlerName) : name(std::move(handlerName)) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override {}
  std::string name;
};

std::string nameOf(const Router::Match& match) {
  return match.handler ? std::static_pointer_cast<NamedHandler>(match.handler)->name : "";
}

void addSampleRoutes(Router& router) {
  router.add("GET", "/healthz", std::make_shared<NamedHandler>("health"));
  router.add("GET", "/api/v1/surveys/{id}", std::make_shared<NamedHandler>("survey"));
  router.add("POST", "/api/v1/surveys/{id}/responses", std::make_shared<NamedHandler>("submit"));
  router.add("GET", "/api/v1/admin/surveys/{id}/versions/{v}", std::make_shared<NamedHandler>("version"));
  router.add("POST", "/api/v1/admin/surveys/{id}/versions/{v}/publish", std::make_shared<NamedHandler>("publish"));
  router.add("GET", "/", std::make_shared<NamedHandler>("index"));
}

Poco::JSON::Object::Ptr errorOf(const std::string& body) {
  Poco::JSON::Parser parser;
  return parser.parse(body).extract<Poco::JSON::Object::Ptr>()->getObject("error");
}

TEST(Router, MatchesLiteralPathsAndCapturesParameters) {
  Router router;
  addSampleRoutes(router);

  EXPECT_EQ(nameOf(router.match("GET", "/healthz")), "health");
  EXPECT_EQ(nameOf(router.match("GET", "/")), "index");
  const auto submit = router.match("POST", "/api/v1/surveys/court_user/responses");
  EXPECT_EQ(nameOf(submit), "submit");
  EXPECT_EQ(submit.params.at("id"), "court_user");
  const auto publish = router.match("POST", "/api/v1/admin/surveys/judges/versions/3/publish");
  EXPECT_EQ(nameOf(publish), "publish");
  EXPECT_EQ(publish.params.at("id"), "judges");
  EXPECT_EQ(publish.params.at("v"), "3");
}

TEST(Router, UnknownPathsAreNotFound) {
  Router router;
  addSampleRoutes(router);
  for (const std::string path : {"/nope", "/api/v1/surveys", "/api/v1/surveys/x/responses/extra",
                                 "/api/v1/surveys//responses", "/healthz/", "/api/v1/surveys/"}) {
    EXPECT_EQ(router.match("GET", path).outcome, Router::Outcome::NotFound) << path;
  }
}

TEST(Router, WrongMethodIsMethodNotAllowedWithTheAllowedOnes) {
  Router router;
  addSampleRoutes(router);
  const auto match = router.match("DELETE", "/api/v1/surveys/court_user/responses");
  EXPECT_EQ(match.outcome, Router::Outcome::MethodNotAllowed);
  EXPECT_EQ(match.allowed, std::vector<std::string>{"POST"});
  EXPECT_EQ(router.match("POST", "/healthz").outcome, Router::Outcome::MethodNotAllowed);
}

TEST(Router, HeadIsAnsweredWhereverGetIs) {
  Router router;
  addSampleRoutes(router);
  const auto head = router.match("HEAD", "/api/v1/surveys/court_user");
  EXPECT_EQ(nameOf(head), "survey");
  EXPECT_EQ(head.pattern, "/api/v1/surveys/{id}");
  EXPECT_EQ(router.match("HEAD", "/api/v1/surveys/court_user/responses").outcome, Router::Outcome::MethodNotAllowed);
  const auto put = router.match("PUT", "/api/v1/admin/surveys/judges/versions/3");
  EXPECT_EQ(put.allowed, (std::vector<std::string>{"GET", "HEAD"}));
}

TEST(AcceptEncoding, GzipWhenListedOrStarUnlessItsQualityIsZero) {
  EXPECT_TRUE(acceptsGzip("gzip"));
  EXPECT_TRUE(acceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(acceptsGzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(acceptsGzip("*"));
  EXPECT_TRUE(acceptsGzip("x-gzip"));
  EXPECT_FALSE(acceptsGzip(""));
  EXPECT_FALSE(acceptsGzip("identity"));
  EXPECT_FALSE(acceptsGzip("deflate, br"));
  EXPECT_FALSE(acceptsGzip("gzip;q=0"));
  EXPECT_FALSE(acceptsGzip("gzip; q=0.000"));
  EXPECT_TRUE(acceptsGzip("gzip;q=0.01"));
  EXPECT_FALSE(acceptsGzip("gzipx"));
}

TEST(Router, WrapReplacesTheHandlersOfTheMatchingRoutesOnly) {
  Router router;
  addSampleRoutes(router);
  router.add("POST", "/api/v1/surveys/{id}/invitation-check", std::make_shared<NamedHandler>("check"));
  router.wrap("POST", "/api/v1/surveys/", [](std::shared_ptr<Handler> inner) -> std::shared_ptr<Handler> {
    return std::make_shared<NamedHandler>("limited " + std::static_pointer_cast<NamedHandler>(inner)->name);
  });
  EXPECT_EQ(nameOf(router.match("POST", "/api/v1/surveys/s1/responses")), "limited submit");
  EXPECT_EQ(nameOf(router.match("POST", "/api/v1/surveys/s1/invitation-check")), "limited check");
  EXPECT_EQ(nameOf(router.match("GET", "/api/v1/surveys/s1")), "survey");
  EXPECT_EQ(nameOf(router.match("POST", "/api/v1/admin/surveys/s1/versions/2/publish")), "publish");
}

TEST(ErrorMapping, DomainErrorKindsMapToTheirStatuses) {
  EXPECT_EQ(statusFor(ErrorKind::Invalid), 400);
  EXPECT_EQ(statusFor(ErrorKind::Forbidden), 403);
  EXPECT_EQ(statusFor(ErrorKind::NotFound), 404);
  EXPECT_EQ(statusFor(ErrorKind::Conflict), 409);
  EXPECT_EQ(statusFor(ErrorKind::TooLarge), 413);
  EXPECT_EQ(statusFor(ErrorKind::TooManyRequests), 429);
  EXPECT_EQ(statusFor(ErrorKind::Unavailable), 503);
}

TEST(ErrorMapping, ValidationErrorsCarryCodeFieldAndDetails) {
  const DomainError error({{"out_of_range", "must be 1..5", "answers.q1"}, {"required", "missing", "answers.q2"}});
  const ErrorResponse response = errorResponseFor(error);

  EXPECT_EQ(response.status, 400);
  EXPECT_FALSE(response.unexpected);
  const auto body = errorOf(response.body);
  EXPECT_EQ(body->getValue<std::string>("code"), "out_of_range");
  EXPECT_EQ(body->getValue<std::string>("field"), "answers.q1");
  EXPECT_EQ(body->getValue<std::string>("message"), "must be 1..5");
  const auto details = body->getArray("details");
  ASSERT_EQ(details->size(), 2U);
  EXPECT_EQ(details->getObject(1)->getValue<std::string>("field"), "answers.q2");
}

TEST(ErrorMapping, SingleDomainErrorHasNoDetails) {
  const ErrorResponse response = errorResponseFor(DomainError(ErrorKind::Conflict, "survey_not_accepting", "closed"));
  EXPECT_EQ(response.status, 409);
  const auto body = errorOf(response.body);
  EXPECT_EQ(body->getValue<std::string>("code"), "survey_not_accepting");
  EXPECT_EQ(body->getValue<std::string>("field"), "");
  EXPECT_FALSE(body->has("details"));
}

TEST(ErrorMapping, HttpErrorsKeepTheirStatus) {
  const ErrorResponse response = errorResponseFor(HttpError(401, "unauthorized", "token needed"));
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(errorOf(response.body)->getValue<std::string>("code"), "unauthorized");
}

TEST(ErrorMapping, UnexpectedFailuresAre500WithoutInternals) {
  const ErrorResponse response = errorResponseFor(std::runtime_error("Table 'courtvoice.secret' doesn't exist"));

  EXPECT_EQ(response.status, 500);
  EXPECT_TRUE(response.unexpected);
  EXPECT_EQ(response.body, R"({"error":{"code":"internal","message":"internal error","field":""}})");
}

TEST(RequestBody, DeclaredLengthOverTheLimitIsRefusedBeforeReading) {
  std::istringstream in(std::string(100, 'x'));
  try {
    readLimitedBody(in, 100, 99);
    FAIL() << "expected 413";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 413);
    EXPECT_EQ(e.code(), "body_too_large");
    EXPECT_EQ(e.field(), "");
  }
  EXPECT_EQ(in.tellg(), 0);  // not a byte was read
}

TEST(RequestBody, UndeclaredBodyIsCountedWhileReading) {
  std::istringstream tooLong(std::string(20000, 'x'));
  EXPECT_THROW(readLimitedBody(tooLong, std::nullopt, 19999), HttpError);
  // A client that declares less than it sends is caught by the count as well.
  std::istringstream lying(std::string(20000, 'x'));
  EXPECT_THROW(readLimitedBody(lying, 10, 19999), HttpError);

  std::istringstream exact(std::string(20000, 'y'));
  EXPECT_EQ(readLimitedBody(exact, std::nullopt, 20000).size(), 20000U);
}

TEST(RequestBody, ABodyEndingBeforeItsDeclaredLengthIsIncomplete) {
  std::istringstream shortBody(std::string(10, 'x'));
  try {
    readLimitedBody(shortBody, 20, 1000);
    FAIL() << "expected 400";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.code(), "incomplete_body");
  }
  std::istringstream whole(std::string(20, 'x'));
  EXPECT_EQ(readLimitedBody(whole, 20, 1000), std::string(20, 'x'));
}

TEST(RequestBody, OnlyJsonContentTypeIsAccepted) {
  EXPECT_TRUE(isJsonContentType("application/json"));
  EXPECT_TRUE(isJsonContentType("application/json; charset=utf-8"));
  EXPECT_TRUE(isJsonContentType("Application/JSON"));
  EXPECT_FALSE(isJsonContentType(""));
  EXPECT_FALSE(isJsonContentType("text/plain"));
  EXPECT_FALSE(isJsonContentType("application/x-www-form-urlencoded"));
  EXPECT_FALSE(isJsonContentType("application/jsonp"));
  try {
    requireJsonContentType("text/plain");
    FAIL() << "expected 415";
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 415);
    EXPECT_EQ(e.code(), "unsupported_media_type");
  }
}

TEST(AdminAuth, BearerTokenIsCheckedExactly) {
  const std::string token = "s3cret-token-value";
  EXPECT_EQ(checkBearerToken(std::nullopt, token), AuthResult::Missing);
  EXPECT_EQ(checkBearerToken("", token), AuthResult::Missing);
  EXPECT_EQ(checkBearerToken("Basic czNjcmV0", token), AuthResult::Missing);
  EXPECT_EQ(checkBearerToken("Bearer ", token), AuthResult::Missing);
  EXPECT_EQ(checkBearerToken("Bearer s3cret-token-valu", token), AuthResult::Denied);
  EXPECT_EQ(checkBearerToken("Bearer s3cret-token-value2", token), AuthResult::Denied);
  EXPECT_EQ(checkBearerToken("Bearer S3CRET-TOKEN-VALUE", token), AuthResult::Denied);
  EXPECT_EQ(checkBearerToken("Bearer s3cret-token-value", token), AuthResult::Allowed);
  EXPECT_EQ(checkBearerToken("bearer s3cret-token-value", token), AuthResult::Allowed);
}

TEST(AdminAuth, NoConfiguredTokenDeniesEveryCall) {
  EXPECT_EQ(checkBearerToken("Bearer anything", ""), AuthResult::Denied);
  EXPECT_EQ(checkBearerToken(std::nullopt, ""), AuthResult::Missing);
}

TEST(AdminAuth, MissingIs401AndWrongIs403) {
  try {
    requireAdmin(std::nullopt, "t0ken");
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 401);
  }
  try {
    requireAdmin("Bearer nope", "t0ken");
    FAIL();
  } catch (const HttpError& e) {
    EXPECT_EQ(e.status(), 403);
  }
  EXPECT_NO_THROW(requireAdmin("Bearer t0ken", "t0ken"));
}

TEST(AdminAuth, ConstantTimeEqualsComparesWholeStrings) {
  EXPECT_TRUE(constantTimeEquals("abc", "abc"));
  EXPECT_TRUE(constantTimeEquals("", ""));
  EXPECT_FALSE(constantTimeEquals("abc", "abd"));
  EXPECT_FALSE(constantTimeEquals("abc", "abcd"));
  EXPECT_FALSE(constantTimeEquals("abc", ""));
  EXPECT_FALSE(constantTimeEquals(std::string("a\0b", 3), "a"));
}

TEST(JsonInput, Utf8IsCheckedStrictly) {
  EXPECT_TRUE(isValidUtf8("plain"));
  EXPECT_TRUE(isValidUtf8("Сот қазақша 😀"));
  EXPECT_FALSE(isValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(isValidUtf8("\xC0\xAF"));          // overlong "/"
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(isValidUtf8("\xFF"));
}

TEST(JsonInput, DeepNestingIsRefusedBeforeParsing) {
  const auto depthProblem = [](const std::string& text, std::size_t maxDepth) {
    const auto check = surveys::checkJsonText(text, maxDepth);
    return check.problem ? check.problem->code : std::string("none");
  };
  EXPECT_EQ(depthProblem(R"({"a": [[{"b": 1}]]})", 4), "none");
  EXPECT_EQ(depthProblem(R"({"a": [[{"b": [1]}]]})", 4), "too_deep");
  // Brackets inside strings, escaped quotes included, do not count.
  EXPECT_EQ(depthProblem(R"({"a": "[[[[[\"[[[[["})", 1), "none");
  // Refused at the 33rd bracket, before the missing end is seen; what the bodies get.
  EXPECT_THROW(requireStrictJson(std::string(10000, '[')), DomainError);
  EXPECT_EQ(depthProblem(std::string(10000, '['), kMaxBodyDepth), "too_deep");
}

}  // namespace
}  // namespace courtvoice::server
