#pragma once
// Accounts for end-to-end tests: an account of a role and scope, made through the API with the
// fixture's bootstrap admin token, and an API token of it to send as Authorization: Bearer.
// (For the scope tests' loginAs(role, scope).)
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "server_fixture.hpp"

namespace courtvoice::e2e {

inline std::string jsonList(const std::vector<std::string>& codes) {
  std::string out = "[";
  for (std::size_t i = 0; i < codes.size(); ++i) out += (i ? ", \"" : "\"") + codes[i] + "\"";
  return out + "]";
}

/// Creates account `name` (role: administrator, analyst, court_manager, viewer; empty lists: the
/// country) and returns a 30-day API token of it; "" (and a test failure) when refused.
inline std::string accountToken(const ServerProcess& server, const std::string& name, const std::string& role,
                                const std::vector<std::string>& regions = {}, const std::vector<std::string>& courts = {}) {
  const auto created = http(server.port(), "POST", "/api/v1/admin/accounts",
                            R"({"name": ")" + name + R"(", "role": ")" + role + R"(", "password": "e2e password of )" + role +
                                R"(", "regions": )" + jsonList(regions) + R"(, "courts": )" + jsonList(courts) + "}",
                            server.adminHeaders());
  EXPECT_EQ(created.status, 201) << created.body;
  const auto token = http(server.port(), "POST", "/api/v1/admin/accounts/" + name + "/tokens",
                          R"({"label": "e2e", "expires_in_days": 30})", server.adminHeaders());
  EXPECT_EQ(token.status, 201) << token.body;
  if (token.status != 201) return "";
  return token.json().extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("token");
}

}  // namespace courtvoice::e2e
