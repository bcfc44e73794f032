// The audit trail in the server, in process (the real router and dispatcher on a local port, the
// in-memory audit store): what a request records, the outcome of refused and failed requests,
// secrets redacted, and no data served when the entry cannot be written.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include "courtvoice/server/account_handlers.hpp"
#include "courtvoice/server/account_service.hpp"
#include "courtvoice/server/admin_handlers.hpp"
#include "courtvoice/server/audit_trail.hpp"
#include "courtvoice/server/http_util.hpp"
#include "support/in_memory_account_store.hpp"
#include "support/in_memory_audit_store.hpp"

namespace courtvoice::server {
namespace {

using surveys::testing::InMemoryAuditStore;

class FixedUtcClock final : public UtcClock {
 public:
  std::string now() const override { return "2026-12-01 03:04:05"; }
};

/// Answers {"secret_figure": 42}, or the domain error it was built with.
class SampleHandler final : public Handler {
 public:
  explicit SampleHandler(std::optional<surveys::DomainError> failure = std::nullopt) : failure_(std::move(failure)) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response, const PathParams&) override {
    if (failure_) throw *failure_;
    sendJson(response, 200, R"({"secret_figure": 42})");
  }

 private:
  std::optional<surveys::DomainError> failure_;
};

struct Reply {
  int status = 0;
  std::string body;
};

class AuditedServer : public ::testing::Test {
 protected:
  void SetUp() override {
    router_ = new Router();
    const auto admin = [this](std::shared_ptr<Handler> inner) { return std::make_shared<RoleGate>(accounts_, std::move(inner)); };
    router_->add("GET", "/api/v1/admin/surveys/{id}/summary", admin(std::make_shared<SampleHandler>()));
    router_->add("POST", "/api/v1/admin/surveys/{id}/close",
                 admin(std::make_shared<SampleHandler>(
                     surveys::DomainError(surveys::ErrorKind::NotFound, "survey_not_found", "no such survey", "id"))));
    router_->add("GET", "/api/v1/surveys/{id}", std::make_shared<SampleHandler>());
    for (const char* method : {"GET", "POST"}) {
      router_->wrap(method, "/api/v1/admin/", [this](std::shared_ptr<Handler> inner) -> std::shared_ptr<Handler> {
        return std::make_shared<AuditedHandler>(trail_, std::move(inner));
      });
    }
    socket_ = std::make_unique<Poco::Net::ServerSocket>(Poco::Net::SocketAddress("127.0.0.1", 0));
    server_ = std::make_unique<Poco::Net::HTTPServer>(router_, *socket_, new Poco::Net::HTTPServerParams);
    server_->start();
  }

  void TearDown() override { server_->stopAll(true); }

  Reply request(const std::string& method, const std::string& path, const std::string& token = "good-token",
                const std::string& body = "") {
    Poco::Net::HTTPClientSession session("127.0.0.1", socket_->address().port());
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!token.empty()) request.set("Authorization", "Bearer " + token);
    if (!body.empty()) {
      request.setContentType("application/json");
      request.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    Reply reply;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), reply.body);
    reply.status = static_cast<int>(response.getStatus());
    return reply;
  }

  std::vector<surveys::AuditEntry> entries() { return store_.chainPage(0, 1000); }

  static AccountSettings bootstrap() {
    AccountSettings settings;
    settings.bootstrapToken = "good-token";
    return settings;
  }

  surveys::testing::InMemoryAccountStore accountStore_;
  SteadyClock steady_;
  AccountService accounts_{accountStore_, nullptr, systemUnixSeconds, steady_, bootstrap()};
  InMemoryAuditStore store_;
  FixedUtcClock clock_;
  AuditTrail trail_{store_, clock_};
  Poco::SharedPtr<Router> router_;
  std::unique_ptr<Poco::Net::ServerSocket> socket_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

TEST_F(AuditedServer, AReadIsRecordedWithWhoWhatParametersAndOutcome) {
  const Reply reply = request("GET", "/api/v1/admin/surveys/court_user/summary?court=AST-01&court=ALM-01&lang=kk");
  EXPECT_EQ(reply.status, 200);
  const auto recorded = entries();
  ASSERT_EQ(recorded.size(), 1U);
  const auto& entry = recorded[0];
  EXPECT_EQ(entry.sequence, 1);
  EXPECT_EQ(entry.at, "2026-12-01 03:04:05");
  EXPECT_EQ(entry.account, "admin-token");
  EXPECT_EQ(entry.role, "administrator");
  EXPECT_EQ(entry.via, "admin-token");
  EXPECT_EQ(entry.action, "GET /api/v1/admin/surveys/{id}/summary");
  EXPECT_EQ(entry.parameters,
            R"({"path":{"id":"court_user"},"query":[["court","AST-01"],["court","ALM-01"],["lang","kk"]]})");
  EXPECT_EQ(entry.scope, "country");
  EXPECT_EQ(entry.status, 200);
  EXPECT_EQ(entry.errorCode, "");
  EXPECT_EQ(entry.hash, surveys::auditEntryHash(entry));
}

TEST_F(AuditedServer, AFailedChangeIsRecordedWithItsErrorCode) {
  EXPECT_EQ(request("POST", "/api/v1/admin/surveys/nope/close", "good-token", "{}").status, 404);
  const auto recorded = entries();
  ASSERT_EQ(recorded.size(), 1U);
  EXPECT_EQ(recorded[0].action, "POST /api/v1/admin/surveys/{id}/close");
  EXPECT_EQ(recorded[0].status, 404);
  EXPECT_EQ(recorded[0].errorCode, "survey_not_found");
}

TEST_F(AuditedServer, RefusedRequestsAreRecordedWithoutAnAccount) {
  EXPECT_EQ(request("GET", "/api/v1/admin/surveys/x/summary", "wrong-token").status, 403);
  EXPECT_EQ(request("GET", "/api/v1/admin/surveys/x/summary", "").status, 401);
  const auto recorded = entries();
  ASSERT_EQ(recorded.size(), 2U);
  EXPECT_EQ(recorded[0].status, 403);
  EXPECT_EQ(recorded[0].errorCode, "forbidden");
  EXPECT_EQ(recorded[0].account, "");
  EXPECT_EQ(recorded[0].scope, "");
  EXPECT_EQ(recorded[1].status, 401);
  EXPECT_EQ(recorded[1].errorCode, "unauthorized");
}

TEST_F(AuditedServer, PublicRoutesAreNotRecorded) {
  EXPECT_EQ(request("GET", "/api/v1/surveys/court_user", "").status, 200);
  EXPECT_TRUE(entries().empty());
}

TEST_F(AuditedServer, SecretQueryValuesAreRedacted) {
  request("GET", "/api/v1/admin/surveys/x/summary?access_token=abc123&csrf_token=zz&Password=pw&court=A");
  const auto recorded = entries();
  ASSERT_EQ(recorded.size(), 1U);
  EXPECT_EQ(recorded[0].parameters,
            R"({"path":{"id":"x"},"query":[["access_token","[redacted]"],["csrf_token","[redacted]"],)"
            R"(["Password","[redacted]"],["court","A"]]})");
}

TEST_F(AuditedServer, WhenTheEntryCannotBeWrittenTheReadIsNotServed) {
  store_.failing = true;
  const Reply reply = request("GET", "/api/v1/admin/surveys/x/summary");
  EXPECT_EQ(reply.status, 503);
  EXPECT_NE(reply.body.find("\"audit_unavailable\""), std::string::npos) << reply.body;
  EXPECT_EQ(reply.body.find("secret_figure"), std::string::npos) << reply.body;
  // A change that failed is answered 503 as well: the client must not take the 404 as recorded.
  EXPECT_EQ(request("POST", "/api/v1/admin/surveys/nope/close", "good-token", "{}").status, 503);
}

TEST(AuditParameters, LongListsAndValuesAreCut) {
  QueryParams query;
  for (int i = 0; i < 60; ++i) query.emplace_back("court", "C" + std::to_string(i));
  query.emplace_back("q", std::string(300, 'x'));
  const std::string json = auditParameters({}, query);
  Poco::JSON::Parser parser;
  const auto list = parser.parse(json).extract<Poco::JSON::Object::Ptr>()->getArray("query");
  ASSERT_EQ(list->size(), 51U);
  EXPECT_EQ(list->getArray(50)->getElement<std::string>(1), "11 more");
  EXPECT_EQ(list->getArray(49)->getElement<std::string>(1), "C49");
}

TEST(AuditParameters, InvalidUtf8IsNotStored) {
  const std::string json = auditParameters({{"id", "\xff\xfe"}}, {});
  EXPECT_EQ(json, R"({"path":{"id":"[invalid UTF-8]"},"query":[]})");
}

TEST(AuditScope, CountryOrRegionsAndCourts) {
  EXPECT_EQ(auditScope(AccessScope{}), "country");
  EXPECT_EQ(auditScope(AccessScope{false, {"astana", "almaty_city"}, {"AST-01"}}), "regions=astana,almaty_city;courts=AST-01");
}

}  // namespace
}  // namespace courtvoice::server
