#include "courtvoice/surveys/mysql/mysql_account_store.hpp"

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/mysql/connection_pool.hpp"
#include "session.hpp"

namespace courtvoice::surveys::mysql {
namespace {

using Repeat = ConnectionPool::Repeat;

std::string joinCodes(const std::vector<std::string>& codes) {
  std::string text;
  for (const auto& code : codes) text += (text.empty() ? "" : ",") + code;
  return text;
}

std::vector<std::string> splitCodes(const std::string& text) {
  std::vector<std::string> codes;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto comma = text.find(',', start);
    const auto end = comma == std::string::npos ? text.size() : comma;
    if (end > start) codes.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return codes;
}

constexpr const char* kAccountColumns = "name, role, scope_regions, scope_courts, password_hash, created_at, disabled";

Account readAccount(const sql::ResultSet& row) {
  Account account;
  account.name = row.getString(1).asStdString();
  account.role = row.getString(2).asStdString();
  account.scope.regions = splitCodes(row.getString(3).asStdString());
  account.scope.courts = splitCodes(row.getString(4).asStdString());
  account.passwordHash = row.getString(5).asStdString();
  account.createdAt = row.getInt64(6);
  account.disabled = row.getBoolean(7);
  return account;
}

constexpr const char* kTokenColumns =
    "id, token_hash, account, label, scope_regions, scope_courts, created_at, expires_at, revoked";

ApiTokenRecord readToken(const sql::ResultSet& row) {
  ApiTokenRecord token;
  token.id = row.getInt64(1);
  token.tokenHash = row.getString(2).asStdString();
  token.account = row.getString(3).asStdString();
  token.label = row.getString(4).asStdString();
  token.scope.regions = splitCodes(row.getString(5).asStdString());
  token.scope.courts = splitCodes(row.getString(6).asStdString());
  token.createdAt = row.getInt64(7);
  token.expiresAt = row.getInt64(8);
  token.revoked = row.getBoolean(9);
  return token;
}

}  // namespace

void MySqlAccountStore::createAccount(const Account& account) {
  // Unsafe: after a lost COMMIT a rerun would answer account_exists for the account just made.
  pool_.run(Repeat::Unsafe, [&](Session& session) {
    auto& insert = session.prepare(
        "INSERT INTO accounts (name, role, scope_regions, scope_courts, password_hash, created_at, disabled)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.setString(1, account.name);
    insert.setString(2, account.role);
    insert.setString(3, joinCodes(account.scope.regions));
    insert.setString(4, joinCodes(account.scope.courts));
    insert.setString(5, account.passwordHash);
    insert.setInt64(6, account.createdAt);
    insert.setInt(7, account.disabled ? 1 : 0);
    try {
      insert.executeUpdate();
    } catch (const sql::SQLException& error) {
      if (error.getErrorCode() != mysql_errors::kDuplicateKey) throw;
      throw DomainError(ErrorKind::Conflict, "account_exists", "an account named " + account.name + " exists", "name");
    }
  });
}

std::optional<Account> MySqlAccountStore::findAccount(const std::string& name) {
  std::optional<Account> found;
  pool_.run(Repeat::Safe, [&](Session& session) {
    auto& select = session.prepare(std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE name = ?");
    select.setString(1, name);
    ResultSetPtr row(select.executeQuery());
    if (row->next()) found = readAccount(*row);
  });
  return found;
}

std::vector<Account> MySqlAccountStore::listAccounts() {
  std::vector<Account> accounts;
  pool_.run(Repeat::Safe, [&](Session& session) {
    accounts.clear();
    ResultSetPtr rows(session.prepare(std::string("SELECT ") + kAccountColumns + " FROM accounts ORDER BY name").executeQuery());
    while (rows->next()) accounts.push_back(readAccount(*rows));
  });
  return accounts;
}

bool MySqlAccountStore::updateAccount(const Account& account) {
  bool found = false;
  pool_.run(Repeat::Safe, [&](Session& session) {
    auto& update = session.prepare(
        "UPDATE accounts SET role = ?, scope_regions = ?, scope_courts = ?, password_hash = ?, disabled = ?"
        " WHERE name = ?");
    update.setString(1, account.role);
    update.setString(2, joinCodes(account.scope.regions));
    update.setString(3, joinCodes(account.scope.courts));
    update.setString(4, account.passwordHash);
    update.setInt(5, account.disabled ? 1 : 0);
    update.setString(6, account.name);
    update.executeUpdate();
    // Affected rows are 0 when nothing changed, so existence is read separately.
    auto& exists = session.prepare("SELECT 1 FROM accounts WHERE name = ?");
    exists.setString(1, account.name);
    ResultSetPtr row(exists.executeQuery());
    found = row->next();
  });
  return found;
}

void MySqlAccountStore::createSession(const SessionRecord& record) {
  pool_.run(Repeat::Safe, [&](Session& session) {
    auto& insert = session.prepare(
        "INSERT IGNORE INTO account_sessions (id_hash, account, csrf_token, created_at, last_seen_at, expires_at)"
        " VALUES (?, ?, ?, ?, ?, ?)");
    insert.setString(1, record.idHash);
    insert.setString(2, record.account);
    insert.setString(3, record.csrfToken);
    insert.setInt64(4, record.createdAt);
    insert.setInt64(5, record.lastSeenAt);
    insert.setInt64(6, record.expiresAt);
    insert.executeUpdate();
  });
}

std::optional<SessionRecord> MySqlAccountStore::findSession(const std::string& idHash) {
  std::optional<SessionRecord> found;
  pool_.run(Repeat::Safe, [&](Session& session) {
    auto& select = session.prepare(
        "SELECT id_hash, account, csrf_token, created_at, last_seen_at, expires_at FROM account_sessions"
        " WHERE id_hash = ?");
    select.setString(1, idHash);
    ResultSetPtr row(select.executeQuery());
    if (!row->next()) return;
    found = SessionRecord{row->getString(1).asStdString(), row->getString(2).asStdString(),
                          row->getString(3).asStdString(), row->getInt64(4), row->getInt64(5), row->getInt64(6)};
  });
  return found;
}

void MySqlAccountStore::touchSession(const std::string& idHash, std::int64_t lastSeenAt) {
  pool_.run(Repeat::Safe, [&](Session& session) {
    auto& update = session.prepare("UPDATE account_sessions SET last_seen_at = GREATEST(last_seen_at, ?) WHERE id_hash = ?");
    update.setInt64(1, lastSeenAt);
    update.setString(2, idHash);
    update.executeUpdate();
  });
}

void MySqlAccountStore::deleteSession(const std::string& idHash) {
  pool_.run(Repeat::Safe, [&](Session& session) {
    auto& remove = session.prepare("DELETE FROM account_sessions WHERE id_hash = ?");
    remove.setString(1, idHash);
    remove.executeUpdate();
  });
}

void MySqlAccountStore::deleteSessionsOf(const std::string& account, std::int64_t now) {
  pool_.run(Repeat::Safe, [&](Session& session) {
    auto& remove = session.prepare("DELETE FROM account_sessions WHERE account = ? OR expires_at < ?");
    remove.setString(1, account);
    remove.setInt64(2, now);
    remove.executeUpdate();
  });
}

std::int64_t MySqlAccountStore::createToken(const ApiTokenRecord& token) {
  std::int64_t id = 0;
  pool_.run(Repeat::Unsafe, [&](Session& session) {
    auto& insert = session.prepare(
        "INSERT INTO api_tokens (token_hash, account, label, scope_regions, scope_courts, created_at, expires_at, revoked)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, 0)");
    insert.setString(1, token.tokenHash);
    insert.setString(2, token.account);
    insert.setString(3, token.label);
    insert.setString(4, joinCodes(token.scope.regions));
    insert.setString(5, joinCodes(token.scope.courts));
    insert.setInt64(6, token.createdAt);
    insert.setInt64(7, token.expiresAt);
    try {
      insert.executeUpdate();
    } catch (const sql::SQLException& error) {
      if (error.getErrorCode() != mysql_errors::kNoReferencedRow) throw;
      throw DomainError(ErrorKind::NotFound, "account_not_found", "no account named " + token.account, "account");
    }
    ResultSetPtr row(session.prepare("SELECT LAST_INSERT_ID()").executeQuery());
    row->next();
    id = row->getInt64(1);
  });
  return id;
}

std::optional<ApiTokenRecord> MySqlAccountStore::findToken(const std::string& tokenHash) {
  std::optional<ApiTokenRecord> found;
  pool_.run(Repeat::Safe, [&](Session& session) {
    auto& select = session.prepare(std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE token_hash = ?");
    select.setString(1, tokenHash);
    ResultSetPtr row(select.executeQuery());
    if (row->next()) found = readToken(*row);
  });
  return found;
}

std::vector<ApiTokenRecord> MySqlAccountStore::listTokens(const std::string& account) {
  std::vector<ApiTokenRecord> tokens;
  pool_.run(Repeat::Safe, [&](Session& session) {
    tokens.clear();
    auto& select =
        session.prepare(std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE account = ? ORDER BY id DESC");
    select.setString(1, account);
    ResultSetPtr rows(select.executeQuery());
    while (rows->next()) tokens.push_back(readToken(*rows));
  });
  return tokens;
}

bool MySqlAccountStore::revokeToken(const std::string& account, std::int64_t id) {
  bool found = false;
  pool_.run(Repeat::Safe, [&](Session& session) {
    auto& update = session.prepare("UPDATE api_tokens SET revoked = 1 WHERE account = ? AND id = ?");
    update.setString(1, account);
    update.setInt64(2, id);
    update.executeUpdate();
    auto& exists = session.prepare("SELECT 1 FROM api_tokens WHERE account = ? AND id = ?");
    exists.setString(1, account);
    exists.setInt64(2, id);
    ResultSetPtr row(exists.executeQuery());
    found = row->next();
  });
  return found;
}

}  // namespace courtvoice::surveys::mysql
