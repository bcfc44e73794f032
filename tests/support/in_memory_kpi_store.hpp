#pragma once
// In-memory fake of KpiStore for unit tests, with the MySQL store's contract (versions 1, 2, ...,
// expected-version conflicts, archived KPIs listed only on request).
#include <map>
#include <mutex>

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/kpi_store.hpp"

namespace courtvoice::surveys::testing {

class InMemoryKpiStore final : public KpiStore {
 public:
  int save(const KpiRecord& record, std::optional<int> expectedVersion) override {
    std::lock_guard lock(mutex_);
    auto& versions = kpis_[record.definition.id];
    const int latest = static_cast<int>(versions.size());
    if (expectedVersion && *expectedVersion == 0 && latest > 0) {
      throw DomainError(ErrorKind::Conflict, "kpi_exists", "exists", "id");
    }
    if (expectedVersion && *expectedVersion > 0 && *expectedVersion != latest) {
      throw DomainError(ErrorKind::Conflict, "version_conflict", "changed meanwhile", "version");
    }
    KpiRecord stored = record;
    // Stored as the MySQL store does: through the JSON, so that what is not kept is lost here too.
    stored.definition = parseKpiDefinition(kpiDefinitionToJson(record.definition));
    stored.version = latest + 1;
    versions.push_back(stored);
    return stored.version;
  }

  std::optional<KpiRecord> find(const std::string& id) override {
    std::lock_guard lock(mutex_);
    const auto it = kpis_.find(id);
    if (it == kpis_.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
  }

  std::vector<KpiRecord> list(bool withArchived) override {
    std::lock_guard lock(mutex_);
    std::vector<KpiRecord> out;
    for (const auto& [id, versions] : kpis_) {
      if (!versions.empty() && (withArchived || !versions.back().archived)) out.push_back(versions.back());
    }
    return out;
  }

  std::vector<KpiRecord> history(const std::string& id) override {
    std::lock_guard lock(mutex_);
    const auto it = kpis_.find(id);
    return it == kpis_.end() ? std::vector<KpiRecord>{} : it->second;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::vector<KpiRecord>> kpis_;
};

}  // namespace courtvoice::surveys::testing
