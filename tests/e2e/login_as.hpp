#pragma once
// Signing in as an account of a given role and scope, for the end-to-end scope tests
// (server_scope_leaks_test.cpp): a new account made through the administrator's API and an API
// token of it (account_support.hpp).
#include <string>
#include <vector>

#include "account_support.hpp"
#include "server_fixture.hpp"

namespace courtvoice::e2e {

/// An account's scope: regions and/or courts (both empty: the whole country).
struct ScopeSpec {
  std::vector<std::string> regions;
  std::vector<std::string> courts;
};

/// Headers that authenticate as a new account with `role` ("administrator", "analyst",
/// "court_manager", "viewer") and `scope` on `server`.
inline Env loginAs(const ServerProcess& server, const std::string& role, const ScopeSpec& scope) {
  static int made = 0;
  const std::string name = "scope-" + std::to_string(++made);
  return bearer(accountToken(server, name, role, scope.regions, scope.courts));
}

}  // namespace courtvoice::e2e
