#include "courtvoice/surveys/audit_log.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

namespace courtvoice::surveys {

namespace {

void field(std::string& out, const char* name, const std::string& value) {
  out += name;
  out += '=';
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

std::string seq(std::int64_t sequence) { return std::to_string(sequence); }

AuditVerification broken(std::int64_t checked, std::int64_t at, const char* problem, const std::string& message) {
  return {checked, false, at, problem, message};
}

// How many places an entry was moved down, if its hash matches its content at a later sequence
// (rows renumbered to close the gap of a removal); searched only once the chain is broken.
std::optional<std::int64_t> renumberedBy(const AuditEntry& entry) {
  constexpr std::int64_t kSearched = 1000;
  AuditEntry moved = entry;
  for (std::int64_t shift = 1; shift <= kSearched; ++shift) {
    moved.sequence = entry.sequence + shift;
    if (auditEntryHash(moved) == entry.hash) return shift;
  }
  return std::nullopt;
}

}  // namespace

std::string auditCanonicalForm(const AuditEntry& entry) {
  // Changing this form changes every hash: bump the version line, and keep reading the old one.
  std::string out = "courtvoice-audit-v1\n";
  field(out, "sequence", seq(entry.sequence));
  field(out, "at", entry.at);
  field(out, "account", entry.account);
  field(out, "role", entry.role);
  field(out, "via", entry.via);
  field(out, "action", entry.action);
  field(out, "parameters", entry.parameters);
  field(out, "scope", entry.scope);
  field(out, "status", std::to_string(entry.status));
  field(out, "error_code", entry.errorCode);
  field(out, "previous_hash", entry.previousHash);
  return out;
}

std::string auditEntryHash(const AuditEntry& entry) {
  const std::string form = auditCanonicalForm(entry);
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(form.data(), static_cast<unsigned>(form.size()));
  return Poco::DigestEngine::digestToHex(sha.digest());
}

AuditVerification verifyAuditChain(AuditStore& store, int pageSize) {
  const AuditHead head = store.head();
  std::int64_t checked = 0;
  std::string previousHash = kAuditGenesisHash;
  std::int64_t expected = 1;
  while (true) {
    const auto page = store.chainPage(expected - 1, pageSize);
    if (page.empty()) break;
    for (const AuditEntry& entry : page) {
      if (entry.sequence != expected) {
        return broken(checked, expected, "removed",
                      "entries " + seq(expected) + " to " + seq(entry.sequence - 1) + " are missing: removed");
      }
      if (entry.previousHash != previousHash) {
        const auto owner = store.sequenceOfHash(entry.previousHash);
        if (owner && *owner != entry.sequence - 1) {
          return broken(checked, entry.sequence, "reordered",
                        "entry " + seq(entry.sequence) + " was chained after entry " + seq(*owner) +
                            ", which is now stored at another place: entries were reordered");
        }
        if (auditEntryHash(entry) == entry.hash) {
          return broken(checked, entry.sequence, "removed",
                        "entry " + seq(entry.sequence) + " was chained after an entry that is no longer stored" +
                            " (removed, or entry " + seq(entry.sequence - 1) + " rewritten with a new hash)");
        }
        if (const auto removed = renumberedBy(entry)) {
          return broken(checked, entry.sequence, "removed",
                        "entry " + seq(entry.sequence) + " was appended as entry " + seq(entry.sequence + *removed) +
                            ": " + seq(*removed) + " entries before it were removed and the rest renumbered");
        }
        return broken(checked, entry.sequence, "edited",
                      "entry " + seq(entry.sequence) + " matches neither its hash nor the entry before: edited");
      }
      if (auditEntryHash(entry) != entry.hash) {
        return broken(checked, entry.sequence, "edited",
                      "entry " + seq(entry.sequence) + " does not match its hash: edited");
      }
      previousHash = entry.hash;
      ++checked;
      ++expected;
    }
  }
  const std::int64_t last = expected - 1;
  if (head.sequence > last) {
    return broken(checked, last + 1, "removed",
                  "the head says " + seq(head.sequence) + " entries were appended but the chain ends at " + seq(last) +
                      ": entries " + seq(last + 1) + " to " + seq(head.sequence) + " were removed");
  }
  if (head.sequence < last) {
    return broken(checked, head.sequence + 1, "edited",
                  "entries " + seq(head.sequence + 1) + " to " + seq(last) + " were added behind the head's back");
  }
  if (head.hash != previousHash) {
    return broken(checked, last, "edited",
                  "entry " + seq(last) + " does not match the head's hash: the last entry was rewritten");
  }
  return {checked, true, 0, "", seq(checked) + " entries checked, chain OK"};
}

}  // namespace courtvoice::surveys
