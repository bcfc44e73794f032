// MySqlAccountStore against the real MariaDB (migration 007), in a schema of its own: accounts,
// page sessions and API tokens as AccountService relies on them.
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/mysql/mysql_account_store.hpp"
#include "db/db_fixture.hpp"

namespace courtvoice::surveys::testing {
namespace {

using mysql::MySqlAccountStore;

class AccountStoreTest : public DbTest {};

Account makeAccount(const std::string& name, const std::string& role, AccountScope scope = {}) {
  return Account{name, role, std::move(scope), "pbkdf2-sha256$1000$c2FsdA$a2V5", 1767225600, false};
}

TEST_F(AccountStoreTest, AccountsRoundTripAndNamesAreUnique) {
  MySqlAccountStore store(pool());
  store.createAccount(makeAccount("anna", "analyst", {{"almaty_city", "astana"}, {"AST-ESL"}}));
  store.createAccount(makeAccount("boss", "administrator"));
  try {
    store.createAccount(makeAccount("anna", "viewer"));
    FAIL() << "a second account named anna";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), "account_exists");
    EXPECT_EQ(e.field(), "name");
  }
  const auto anna = store.findAccount("anna");
  ASSERT_TRUE(anna);
  EXPECT_EQ(anna->role, "analyst");
  EXPECT_EQ(anna->scope.regions, (std::vector<std::string>{"almaty_city", "astana"}));
  EXPECT_EQ(anna->scope.courts, std::vector<std::string>{"AST-ESL"});
  EXPECT_EQ(anna->passwordHash, "pbkdf2-sha256$1000$c2FsdA$a2V5");
  EXPECT_EQ(anna->createdAt, 1767225600);
  EXPECT_FALSE(anna->disabled);
  EXPECT_TRUE(store.findAccount("boss")->scope.country());
  EXPECT_FALSE(store.findAccount("Anna")) << "names are compared exactly";
  const auto all = store.listAccounts();
  ASSERT_EQ(all.size(), 2U);
  EXPECT_EQ(all[0].name, "anna");

  Account changed = *anna;
  changed.role = "viewer";
  changed.scope = {};
  changed.disabled = true;
  EXPECT_TRUE(store.updateAccount(changed));
  EXPECT_TRUE(store.updateAccount(changed)) << "no change still finds the account";
  const auto after = store.findAccount("anna");
  EXPECT_EQ(after->role, "viewer");
  EXPECT_TRUE(after->scope.country());
  EXPECT_TRUE(after->disabled);
  EXPECT_FALSE(store.updateAccount(makeAccount("nobody", "viewer")));
}

TEST_F(AccountStoreTest, SessionsAreFoundByHashTouchedAndDeleted) {
  MySqlAccountStore store(pool());
  store.createAccount(makeAccount("anna", "analyst"));
  const std::string hash(64, 'a');
  store.createSession(SessionRecord{hash, "anna", "csrf-token", 100, 100, 1000});
  store.createSession(SessionRecord{std::string(64, 'b'), "anna", "csrf-2", 100, 100, 150});
  auto found = store.findSession(hash);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->account, "anna");
  EXPECT_EQ(found->csrfToken, "csrf-token");
  EXPECT_EQ(found->expiresAt, 1000);
  store.touchSession(hash, 200);
  store.touchSession(hash, 150);  // never backwards
  EXPECT_EQ(store.findSession(hash)->lastSeenAt, 200);
  store.deleteSession(hash);
  EXPECT_FALSE(store.findSession(hash));
  store.createSession(SessionRecord{hash, "anna", "csrf-3", 300, 300, 1000});
  store.deleteSessionsOf("anna", 300);
  EXPECT_FALSE(store.findSession(hash));
  EXPECT_FALSE(store.findSession(std::string(64, 'b')));
}

TEST_F(AccountStoreTest, TokensAreListedNewestFirstAndRevokedPerAccount) {
  MySqlAccountStore store(pool());
  store.createAccount(makeAccount("anna", "analyst", {{"astana"}, {}}));
  store.createAccount(makeAccount("boss", "administrator"));
  const auto first = store.createToken(ApiTokenRecord{0, std::string(64, '1'), "anna", "nightly export", {{"astana"}, {}}, 10, 20, false});
  const auto second = store.createToken(ApiTokenRecord{0, std::string(64, '2'), "anna", "отчёт", {{}, {"AST-ESL"}}, 11, 30, false});
  EXPECT_GT(second, first);
  const auto tokens = store.listTokens("anna");
  ASSERT_EQ(tokens.size(), 2U);
  EXPECT_EQ(tokens[0].id, second);
  EXPECT_EQ(tokens[0].label, "отчёт");
  EXPECT_EQ(tokens[0].scope.courts, std::vector<std::string>{"AST-ESL"});
  EXPECT_EQ(tokens[1].expiresAt, 20);
  EXPECT_FALSE(store.revokeToken("boss", first)) << "another account's token";
  EXPECT_TRUE(store.revokeToken("anna", first));
  EXPECT_TRUE(store.findToken(std::string(64, '1'))->revoked);
  EXPECT_FALSE(store.findToken(std::string(64, '2'))->revoked);
  EXPECT_FALSE(store.findToken(std::string(64, '3')));
  try {
    store.createToken(ApiTokenRecord{0, std::string(64, '4'), "nobody", "x", {}, 1, 2, false});
    FAIL() << "a token of no account";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), "account_not_found");
  }
}

}  // namespace
}  // namespace courtvoice::surveys::testing
