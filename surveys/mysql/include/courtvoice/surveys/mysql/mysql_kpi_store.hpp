#pragma once
#include "courtvoice/surveys/kpi_store.hpp"

namespace courtvoice::surveys::mysql {

class ConnectionPool;

/// KPIs in tables kpis (the current version of each) and kpi_versions (every version), migration
/// 005. A save is one transaction that locks the KPI's row, so concurrent saves get consecutive
/// versions or a version_conflict, never a lost update.
class MySqlKpiStore final : public KpiStore {
 public:
  explicit MySqlKpiStore(ConnectionPool& pool) : pool_(pool) {}

  int save(const KpiRecord& record, std::optional<int> expectedVersion) override;
  std::optional<KpiRecord> find(const std::string& id) override;
  std::vector<KpiRecord> list(bool withArchived) override;
  std::vector<KpiRecord> history(const std::string& id) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace courtvoice::surveys::mysql
