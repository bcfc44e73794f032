// The audit chain: the canonical form and its SHA-256 against hashes computed by Python's hashlib
// (tests/fixtures/audit_hash.py), and verification finding an edited, removed or reordered entry.
#include <gtest/gtest.h>

#include <fstream>

#include "courtvoice/surveys/audit_log.hpp"
#include "support/in_memory_audit_store.hpp"

namespace courtvoice::surveys::testing {
namespace {

AuditEntry firstSample() {
  AuditEntry entry;
  entry.sequence = 1;
  entry.at = "2026-12-01 03:04:05";
  entry.account = "Әлия";
  entry.role = "analyst";
  entry.via = "session";
  entry.action = "GET /api/v1/admin/surveys/{id}/summary";
  entry.parameters = R"({"path":{"id":"court_user"},"query":[["court","AST-ESL"]]})";
  entry.scope = "regions=astana";
  entry.status = 200;
  entry.previousHash = kAuditGenesisHash;
  return entry;
}

std::vector<std::string> pythonHashes() {
  std::ifstream in(std::string(COURTVOICE_SOURCE_DIR) + "/tests/fixtures/audit_hash.txt");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(AuditChain, CanonicalFormIsLengthPrefixedFieldsInAFixedOrder) {
  AuditEntry entry = firstSample();
  entry.account = "a";
  entry.parameters = "{}";
  EXPECT_EQ(auditCanonicalForm(entry),
            "courtvoice-audit-v1\nsequence=1:1\nat=19:2026-12-01 03:04:05\naccount=1:a\nrole=7:analyst\n"
            "via=7:session\naction=38:GET /api/v1/admin/surveys/{id}/summary\nparameters=2:{}\n"
            "scope=14:regions=astana\nstatus=3:200\nerror_code=0:\nprevious_hash=64:" +
                kAuditGenesisHash + "\n");
}

TEST(AuditChain, HashesMatchPythonHashlib) {
  const auto expected = pythonHashes();
  ASSERT_EQ(expected.size(), 2U);
  AuditEntry first = firstSample();
  EXPECT_EQ(auditEntryHash(first), expected[0]);
  AuditEntry second = first;
  second.sequence = 2;
  second.account = "admin-token";
  second.role = "administrator";
  second.via = "admin-token";
  second.action = "POST /api/v1/admin/surveys/{id}/close";
  second.parameters = R"({"path":{"id":"x=1:\n"},"query":[]})";
  second.scope = "country";
  second.status = 404;
  second.errorCode = "survey_not_found";
  second.previousHash = expected[0];
  EXPECT_EQ(auditEntryHash(second), expected[1]);
}

TEST(AuditChain, AValueCannotPassForAFieldBoundary) {
  AuditEntry a = firstSample();
  AuditEntry b = firstSample();
  a.account = "x\nrole=7:analyst";
  a.role = "";
  b.account = "x";
  b.role = "analyst";
  EXPECT_NE(auditEntryHash(a), auditEntryHash(b));
}

class AuditChainVerification : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 6; ++i) {
      AuditEntry entry = firstSample();
      entry.account = "user" + std::to_string(i);
      store_.append(entry);
    }
  }
  InMemoryAuditStore store_;
};

TEST_F(AuditChainVerification, AnUntouchedChainVerifies) {
  const auto result = verifyAuditChain(store_, 4);  // pages of 4: the walk crosses a page boundary
  EXPECT_TRUE(result.ok) << result.message;
  EXPECT_EQ(result.checked, 6);
  EXPECT_EQ(result.message, "6 entries checked, chain OK");
  EXPECT_EQ(store_.tamper()[0].previousHash, kAuditGenesisHash);
  EXPECT_EQ(store_.tamper()[3].previousHash, store_.tamper()[2].hash);
}

TEST_F(AuditChainVerification, AnEmptyChainVerifies) {
  InMemoryAuditStore empty;
  const auto result = verifyAuditChain(empty);
  EXPECT_TRUE(result.ok);
  EXPECT_EQ(result.checked, 0);
}

TEST_F(AuditChainVerification, AnEditedEntryIsFound) {
  store_.tamper()[2].status = 403;
  const auto result = verifyAuditChain(store_);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.brokenAt, 3);
  EXPECT_EQ(result.problem, "edited");
  EXPECT_EQ(result.checked, 2);
}

TEST_F(AuditChainVerification, AnEditedEntryWithItsHashRecomputedBreaksTheNextLink) {
  auto& rows = store_.tamper();
  rows[2].account = "someone else";
  rows[2].hash = auditEntryHash(rows[2]);
  const auto result = verifyAuditChain(store_);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.brokenAt, 4);
  EXPECT_EQ(result.problem, "removed");
  EXPECT_NE(result.message.find("entry 3 rewritten"), std::string::npos) << result.message;
}

TEST_F(AuditChainVerification, ARemovedEntryIsFound) {
  auto& rows = store_.tamper();
  rows.erase(rows.begin() + 3);
  const auto result = verifyAuditChain(store_);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.brokenAt, 4);
  EXPECT_EQ(result.problem, "removed");
  EXPECT_EQ(result.message, "entries 4 to 4 are missing: removed");
}

TEST_F(AuditChainVerification, TheLastEntriesRemovedAreFoundThroughTheHead) {
  auto& rows = store_.tamper();
  rows.erase(rows.begin() + 4, rows.end());
  const auto result = verifyAuditChain(store_);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.brokenAt, 5);
  EXPECT_EQ(result.problem, "removed");
  EXPECT_EQ(result.checked, 4);
}

TEST_F(AuditChainVerification, SwappedEntriesAreFoundAsReordered) {
  auto& rows = store_.tamper();
  std::swap(rows[2].sequence, rows[3].sequence);  // what swapping the sequence numbers of two rows does
  const auto result = verifyAuditChain(store_);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.brokenAt, 3);
  EXPECT_EQ(result.problem, "reordered");
  EXPECT_EQ(result.checked, 2);
}

}  // namespace
}  // namespace courtvoice::surveys::testing
