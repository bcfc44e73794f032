// Leaks in error bodies (issue 10): a domain error's detail (database host, MySQL text) goes to
// the log, never into the body; the `details` list of any error is capped.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include "courtvoice/server/http_error.hpp"
#include "courtvoice/surveys/detailed_error.hpp"

namespace courtvoice::server {
namespace {

using surveys::DomainError;
using surveys::ErrorKind;
using surveys::ValidationError;

Poco::JSON::Object::Ptr errorOf(const std::string& body) {
  Poco::JSON::Parser parser;
  return parser.parse(body).extract<Poco::JSON::Object::Ptr>()->getObject("error");
}

std::vector<ValidationError> unknownKeys(std::size_t count) {
  std::vector<ValidationError> errors;
  for (std::size_t i = 0; i < count; ++i) {
    errors.push_back({"unknown_field", "no such field", "answers.k" + std::to_string(i)});
  }
  return errors;
}

TEST(ErrorLeaks, DetailGoesToTheLogNotTheBody) {
  const ErrorResponse response =
      errorResponseFor(surveys::DetailedError(ErrorKind::Unavailable, "database_unavailable", "the database is unavailable",
                                              "cannot connect to the database at 10.1.2.3:3306: MySQL error 2003 (HY000)"));
  EXPECT_EQ(response.status, 503);
  EXPECT_FALSE(response.unexpected);
  EXPECT_EQ(response.body,
            R"({"error":{"code":"database_unavailable","message":"the database is unavailable","field":""}})");
  EXPECT_EQ(response.logDetail, "cannot connect to the database at 10.1.2.3:3306: MySQL error 2003 (HY000)");
}

TEST(ErrorLeaks, APlainDomainErrorHasNoDetailToLog) {
  EXPECT_EQ(errorResponseFor(DomainError(ErrorKind::Conflict, "not_draft", "only a draft", "version")).logDetail, "");
}

TEST(ErrorLeaks, DetailsAreCappedAtAHundredWithTheCountLeftOut) {
  const auto body = errorOf(errorResponseFor(DomainError(unknownKeys(250))).body);
  const auto details = body->getArray("details");
  ASSERT_EQ(details->size(), kMaxErrorDetails);
  EXPECT_EQ(kMaxErrorDetails, 100U);
  EXPECT_EQ(details->getObject(99)->getValue<std::string>("field"), "answers.k99");
  EXPECT_EQ(body->getValue<int>("details_truncated"), 150);
  EXPECT_EQ(body->getValue<std::string>("field"), "answers.k0");
}

TEST(ErrorLeaks, AHundredDetailsAreNotTruncated) {
  const auto body = errorOf(errorResponseFor(DomainError(unknownKeys(100))).body);
  EXPECT_EQ(body->getArray("details")->size(), 100U);
  EXPECT_FALSE(body->has("details_truncated"));
  const auto more = errorOf(errorResponseFor(DomainError(unknownKeys(101))).body);
  EXPECT_EQ(more->getArray("details")->size(), 100U);
  EXPECT_EQ(more->getValue<int>("details_truncated"), 1);
}

}  // namespace
}  // namespace courtvoice::server
