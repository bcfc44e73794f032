#pragma once
// In-memory fake of PopulationStore for unit tests, with the MySQL store's contract: one set per
// survey, replaced whole, cleared with a "was there one" answer. Thread-safe (one mutex).
#include <map>
#include <mutex>

#include "courtvoice/surveys/population_store.hpp"

namespace courtvoice::surveys::testing {

class InMemoryPopulationStore final : public PopulationStore {
 public:
  void replace(const PopulationSet& set) override {
    std::lock_guard lock(mutex_);
    sets_[set.surveyId] = set;
  }
  std::optional<PopulationSet> find(const std::string& surveyId) override {
    std::lock_guard lock(mutex_);
    const auto found = sets_.find(surveyId);
    if (found == sets_.end()) return std::nullopt;
    return found->second;
  }
  bool clear(const std::string& surveyId) override {
    std::lock_guard lock(mutex_);
    return sets_.erase(surveyId) > 0;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, PopulationSet> sets_;
};

}  // namespace courtvoice::surveys::testing
