// The request id and the one log line per request (request_log.hpp).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "courtvoice/server/request_log.hpp"

namespace courtvoice::server {
namespace {

bool isFreshId(const std::string& id) {
  return id.size() == 16 && id.find_first_not_of("0123456789abcdef") == std::string::npos;
}

TEST(RequestId, AProxysIdIsKeptWhenItIsPlainText) {
  EXPECT_EQ(requestIdFor("7f3c9a2e-1b4d-4c8e-9f00-abcdef012345"), "7f3c9a2e-1b4d-4c8e-9f00-abcdef012345");
  EXPECT_EQ(requestIdFor("nginx.req_42"), "nginx.req_42");
  EXPECT_EQ(requestIdFor(std::string(64, 'a')), std::string(64, 'a'));
}

TEST(RequestId, AnythingElseGetsAFreshIdSoTheLogCannotBeForged) {
  for (const std::string& bad : {std::string(), std::string(65, 'a'), std::string("two words"), std::string("line\nbreak"),
                                std::string("quote\""), std::string("caf\xc3\xa9")}) {
    const std::string id = requestIdFor(bad);
    EXPECT_TRUE(isFreshId(id)) << id;
  }
}

TEST(RequestId, FreshIdsDiffer) {
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) ids.insert(requestIdFor(""));
  EXPECT_EQ(ids.size(), 1000U);
}

TEST(AccessLogLine, NamesTheRouteTemplateNotThePath) {
  EXPECT_EQ(accessLogLine("GET", "/api/v1/surveys/{id}", 200, 3.14159, "abc"), "GET /api/v1/surveys/{id} 200 3.1 ms id=abc");
  EXPECT_EQ(accessLogLine("POST", "", 404, 0.04, "x"), "POST - 404 0.0 ms id=x");
  EXPECT_EQ(accessLogLine("GET", "/api/v1/admin/surveys/{id}/summary", 503, 1234.56, "y"),
            "GET /api/v1/admin/surveys/{id}/summary 503 1234.6 ms id=y");
}

}  // namespace
}  // namespace courtvoice::server
