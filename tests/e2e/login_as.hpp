#pragma once
// Signing in as an account of a given role and scope, for the end-to-end scope tests
// (server_scope_leaks_test.cpp).
//
// TODO(lead, issue 10): connect loginAs to the accounts branch when it is merged: create the
// account through the administrator's API (role and scope as the accounts contract says), give it
// an API token (or a session), and return the headers that authenticate as it. Then remove the
// DISABLED_ prefix of the tests in server_scope_leaks_test.cpp. Until then loginAs throws, so a
// test that uses it fails loudly rather than passing with the shared admin token.
#include <stdexcept>
#include <string>
#include <vector>

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
  (void)server;
  (void)scope;
  throw std::logic_error("loginAs(" + role + ") is not connected to accounts yet: see the TODO in login_as.hpp");
}

}  // namespace courtvoice::e2e
