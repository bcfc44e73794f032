#pragma once
#include "courtvoice/surveys/population_store.hpp"

namespace courtvoice::surveys::mysql {

class ConnectionPool;

/// Population counts in tables population_sets and population_counts (migration 006). A
/// replace is one transaction (delete the old set, insert the new), so readers under
/// REPEATABLE READ see one whole set.
class MySqlPopulationStore final : public PopulationStore {
 public:
  explicit MySqlPopulationStore(ConnectionPool& pool) : pool_(pool) {}

  void replace(const PopulationSet& set) override;
  std::optional<PopulationSet> find(const std::string& surveyId) override;
  bool clear(const std::string& surveyId) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace courtvoice::surveys::mysql
