#pragma once
// The audit trail (migration 008): who read or changed what, when, with what outcome. Entries are
// append-only and chained: each carries the SHA-256 of its canonical form, which includes the hash
// of the entry before, so that an entry edited, removed or moved is detected (verifyAuditChain).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace courtvoice::surveys {

/// The previous hash of the first entry: 64 zeros.
inline const std::string kAuditGenesisHash(64, '0');

/// One audit entry. `sequence`, `previousHash` and `hash` are assigned by the store on append.
struct AuditEntry {
  std::int64_t sequence = 0;  ///< 1, 2, ... with no gap
  std::string at;             ///< "YYYY-MM-DD HH:MM:SS", UTC, to the second
  std::string account;        ///< "" when nobody was authenticated
  std::string role;           ///< "" when none
  std::string via;            ///< "session", "token", "admin-token", "" when none
  std::string action;         ///< method + route template: "GET /api/v1/admin/surveys/{id}/summary"
  std::string parameters;     ///< JSON object: path parameters and query string (secrets redacted); never a body
  std::string scope;          ///< the principal's scope: "country" or "regions=a,b;courts=X,Y"
  int status = 0;             ///< HTTP status of the outcome
  std::string errorCode;      ///< the error code of a failure, "" on success
  std::string previousHash;   ///< hex SHA-256 of the entry before (kAuditGenesisHash for the first)
  std::string hash;           ///< hex SHA-256 of auditCanonicalForm(*this)
  bool operator==(const AuditEntry&) const = default;
};

/// The bytes that are hashed: a version line, then one line per field in a fixed order, each
/// "name=<byte length>:<value>", so that no value can be confused with a field boundary.
std::string auditCanonicalForm(const AuditEntry& entry);

/// Lower-case hex SHA-256 of auditCanonicalForm(entry).
std::string auditEntryHash(const AuditEntry& entry);

/// The last entry appended, as the store's head row says (sequence 0 and the genesis hash when empty).
struct AuditHead {
  std::int64_t sequence = 0;
  std::string hash = kAuditGenesisHash;
};

/// Which entries to list, newest first.
struct AuditFilter {
  std::string account;                  ///< exact account name; "" for all
  std::string action;                   ///< a part of the action text; "" for all
  std::optional<std::string> fromDay;   ///< "YYYY-MM-DD" inclusive (UTC)
  std::optional<std::string> toDay;     ///< "YYYY-MM-DD" inclusive (UTC)
  std::optional<std::int64_t> before;   ///< only entries with a smaller sequence (paging)
  int limit = 100;
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;
  /// Appends `entry` as the next entry of the chain: assigns sequence, previousHash and hash
  /// (other fields are kept) in one step that is serialised across threads and processes, so the
  /// chain stays linear. Returns the stored entry. Throws when it cannot be stored.
  virtual AuditEntry append(const AuditEntry& entry) = 0;
  /// Entries matching `filter`, newest first, at most filter.limit.
  virtual std::vector<AuditEntry> list(const AuditFilter& filter) = 0;
  /// Up to `limit` entries with a sequence above `afterSequence`, in sequence order, as stored.
  virtual std::vector<AuditEntry> chainPage(std::int64_t afterSequence, int limit) = 0;
  /// The sequence of the stored entry whose hash is `hash`, if any (to tell a move from a removal).
  virtual std::optional<std::int64_t> sequenceOfHash(const std::string& hash) = 0;
  /// The head row: the last entry appended.
  virtual AuditHead head() = 0;
};

/// What verifyAuditChain found.
struct AuditVerification {
  std::int64_t checked = 0;   ///< entries checked (and found sound) before the break, or all
  bool ok = true;
  std::int64_t brokenAt = 0;  ///< the first sequence where the chain breaks (when !ok)
  std::string problem;        ///< "edited", "removed" or "reordered" (when !ok)
  std::string message;        ///< for a person: where and why
};

/// Walks the stored chain page by page: sequences 1, 2, ... with no gap, each previous hash equal
/// to the hash of the entry before, each hash equal to the hash of the entry's content, and the
/// last entry equal to the head row. Stops at the first break and says what it looks like.
AuditVerification verifyAuditChain(AuditStore& store, int pageSize = 1000);

}  // namespace courtvoice::surveys
