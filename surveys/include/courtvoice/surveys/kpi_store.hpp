#pragma once
// Repository interface of KPI definitions and their history (migration 005). Every save is a new
// version; nothing is ever overwritten, so who changed a target and when stays readable.
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/surveys/kpi_definition.hpp"

namespace courtvoice::surveys {

/// One version of a KPI as stored: the definition, whether it is archived, and the change.
struct KpiRecord {
  KpiDefinition definition;
  int version = 0;        ///< 1, 2, ...
  bool archived = false;  ///< archived KPIs are listed only on request and not evaluated
  std::string changedBy;  ///< the name the caller gave (no accounts yet)
  std::string changedOn;  ///< "YYYY-MM-DD HH:MM:SS" UTC, as the caller's clock gave it
  std::string note;
};

class KpiStore {
 public:
  virtual ~KpiStore() = default;
  /// Stores `record.definition` as the next version of KPI record.definition.id (version 1 for a
  /// new id) and makes it current; record.version is ignored. Returns the version stored.
  /// `expectedVersion` (when given) must be the current version: otherwise DomainError(Conflict,
  /// "version_conflict", field "version"), so that two editors do not overwrite each other
  /// silently; 0 means "must be new" (Conflict "kpi_exists", field "id", when it exists).
  virtual int save(const KpiRecord& record, std::optional<int> expectedVersion) = 0;
  /// The current version, archived or not.
  virtual std::optional<KpiRecord> find(const std::string& id) = 0;
  /// Current versions, by id; archived ones only when asked.
  virtual std::vector<KpiRecord> list(bool withArchived) = 0;
  /// Every version of the KPI, oldest first (empty for an unknown id).
  virtual std::vector<KpiRecord> history(const std::string& id) = 0;
};

}  // namespace courtvoice::surveys
