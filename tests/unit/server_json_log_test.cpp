// Log lines as JSON (server.logFormat = json): every line one object that a shipper can parse,
// an access line also as fields; text that needs escaping stays one line.
#include <string>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include "courtvoice/server/json_log.hpp"
#include "courtvoice/server/request_log.hpp"

namespace courtvoice::server {
namespace {

Poco::JSON::Object::Ptr parsed(const std::string& line) {
  return Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
}

TEST(JsonLog, AnAccessLineCarriesItsFields) {
  const std::string text = accessLogLine("GET", "/api/v1/surveys/{id}", 404, 0.84, "proxy-trace-42");
  const std::string line = jsonLogLine("2026-12-01T14:25:03.123Z", "information", "courtvoice.access", text);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const auto object = parsed(line);
  EXPECT_EQ(object->getValue<std::string>("time"), "2026-12-01T14:25:03.123Z");
  EXPECT_EQ(object->getValue<std::string>("level"), "information");
  EXPECT_EQ(object->getValue<std::string>("message"), text);
  EXPECT_EQ(object->getValue<std::string>("method"), "GET");
  EXPECT_EQ(object->getValue<std::string>("route"), "/api/v1/surveys/{id}");
  EXPECT_EQ(object->getValue<int>("status"), 404);
  EXPECT_DOUBLE_EQ(object->getValue<double>("ms"), 0.8);
  EXPECT_EQ(object->getValue<std::string>("request_id"), "proxy-trace-42");
  EXPECT_FALSE(object->has("code"));
}

TEST(JsonLog, TheGuardsOwnReplyHasItsCode) {
  const std::string text = accessLogLine("-", "", 503, 0, "0f3a9c2e1b4d4c8e") + " too_many_connections";
  const auto object = parsed(jsonLogLine("2026-12-01T14:25:03.123Z", "information", "courtvoice.access", text));
  EXPECT_EQ(object->getValue<std::string>("route"), "-");
  EXPECT_EQ(object->getValue<int>("status"), 503);
  EXPECT_EQ(object->getValue<std::string>("code"), "too_many_connections");
}

TEST(JsonLog, OtherLinesAreTimeLevelLoggerAndMessageEscapedOnOneLine) {
  const std::string message = "cannot run: \"db\" said\nno\tway: Сотқа қош келдіңіз \\";
  const std::string line = jsonLogLine("2026-12-01T14:25:03.123Z", "warning", "courtvoice.server", message);
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  const auto object = parsed(line);
  EXPECT_EQ(object->getValue<std::string>("message"), message);
  EXPECT_EQ(object->getValue<std::string>("logger"), "courtvoice.server");
  EXPECT_FALSE(object->has("status"));
  // A line of another logger that looks like an access line is not split into fields.
  EXPECT_FALSE(parsed(jsonLogLine("t", "information", "courtvoice.server", "GET / 200 1.0 ms id=x"))->has("status"));
}

}  // namespace
}  // namespace courtvoice::server
