// Strict input on the server's side (issue 10): one check for every JSON body, error bodies that
// stay valid UTF-8 JSON whatever they quote, and the CSV readers' messages.
#include <gtest/gtest.h>

#include <string>

#include <Poco/JSON/Parser.h>

#include "courtvoice/server/court_records.hpp"
#include "courtvoice/server/csv.hpp"
#include "courtvoice/server/http_error.hpp"
#include "courtvoice/server/json_io.hpp"
#include "support/domain_error_of.hpp"
#include "support/strict_json_reply.hpp"

namespace courtvoice::server {
namespace {

using surveys::testing::domainErrorOf;

TEST(StrictJsonBody, ARepeatedKeyIsRefusedWithItsPath) {
  const auto top = domainErrorOf([] { parseJsonObject(R"({"count": 1, "count": 2})"); });
  EXPECT_EQ(top.code(), "duplicate_key");
  EXPECT_EQ(top.field(), "count");
  const auto nested = domainErrorOf([] { requireStrictJson(R"({"answers": {"q": 4, "q": 5}})"); });
  EXPECT_EQ(nested.code(), "duplicate_key");
  EXPECT_EQ(nested.field(), "answers.q");
  EXPECT_EQ(statusFor(nested.kind()), 400);
  // The courts registry reads JSON through the same reader.
  const auto court = domainErrorOf([] { parseCourtsJson(R"([{"code": "A"}, {"code": "B", "code": "C"}])"); });
  EXPECT_EQ(court.code(), "duplicate_key");
  EXPECT_EQ(court.field(), "[1].code");
}

TEST(StrictJsonBody, ATopLevelValueThatIsNotAnObjectIsTheWrongTypeNotMalformed) {
  for (const std::string top : {"42", "\"x\"", "null", "[]", "false"}) {
    const auto error = domainErrorOf([&] { parseJsonObject(top); });
    EXPECT_EQ(error.code(), "wrong_type") << top;
    EXPECT_EQ(error.field(), "") << top;
  }
  EXPECT_EQ(domainErrorOf([] { parseCourtsJson("7"); }).code(), "wrong_type");
}

TEST(StrictJsonBody, InvalidUtf8NamesTheFieldAndTheReplyStaysValidUtf8Json) {
  const auto error = domainErrorOf([] { requireStrictJson("{\"answers\": {\"comment\": \"caf\xE9\"}}"); });
  EXPECT_EQ(error.code(), "invalid_utf8");
  EXPECT_EQ(error.field(), "answers.comment");
  const auto reply = errorResponseFor(error);
  const auto parsed = test_support::strictErrorOf(reply.body);
  EXPECT_EQ(parsed.code, "invalid_utf8");
  EXPECT_NE(parsed.message.find("\\xe9"), std::string::npos) << parsed.message;
}

TEST(StrictJsonBody, AnErrorBodyQuotingRawBytesIsStillValidUtf8Json) {
  // Whatever a message quotes, the body is valid UTF-8: raw bytes become the text \xNN.
  const std::string body = errorBody("invalid_value", "the cell holds \"\xFF\xC3(\"", "line 2: \xFE",
                                     {{"invalid_value", "bad \x80", "f\xC0"}});
  const auto parsed = test_support::strictErrorOf(body);
  EXPECT_EQ(parsed.message, "the cell holds \"\\xff\\xc3(\"");
  EXPECT_EQ(parsed.field, "line 2: \\xfe");
  const auto detail = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>()->getObject("error")->getArray(
      "details")->getObject(0);
  EXPECT_EQ(detail->getValue<std::string>("message"), "bad \\x80");
  EXPECT_EQ(detail->getValue<std::string>("field"), "f\\xc0");
}

TEST(StrictJsonBody, CsvHeadersWithBadBytesAreQuotedAsText) {
  const auto error = domainErrorOf([] { parseCourtsCsv("code,name_kk,name_ru,name_en,region,level,active,\xFF\n"); });
  const auto reply = errorResponseFor(error);
  const auto parsed = test_support::strictErrorOf(reply.body);
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(reply.body.find("there is no column \\\"\\\\xff\\\""), std::string::npos) << reply.body;
  EXPECT_NE(parsed.field.find("\\xff"), std::string::npos) << parsed.field;
}

}  // namespace
}  // namespace courtvoice::server
