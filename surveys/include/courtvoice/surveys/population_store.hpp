#pragma once
// Repository interface of the population counts that post-stratification weights are computed
// from (migration 006, docs/api.md "Weights"): one set per survey, replaced as a whole.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace courtvoice::surveys {

/// One cell's population count: a court, or a court and a case type.
struct PopulationCell {
  std::string court;
  std::optional<int> caseType;  ///< option code of the survey's case_type item; none: the whole court
  std::int64_t population = 0;  ///< >= 0; 0 drops the cell from weighted figures
  bool operator==(const PopulationCell&) const = default;
};

/// The counts loaded for a survey, in the order of the file they came from.
struct PopulationSet {
  std::string surveyId;
  std::vector<PopulationCell> cells;
  std::string loadedBy;  ///< the name the loader gave ("" when none)
  std::string loadedOn;  ///< "YYYY-MM-DD HH:MM:SS" UTC
};

class PopulationStore {
 public:
  virtual ~PopulationStore() = default;
  /// Replaces the survey's set (if any) with `set` atomically: a reader sees the old set or the
  /// new one, never a mix. The survey and every court must exist (checked by the caller).
  virtual void replace(const PopulationSet& set) = 0;
  /// The survey's set, or none when no counts are loaded.
  virtual std::optional<PopulationSet> find(const std::string& surveyId) = 0;
  /// Removes the survey's set; false when there was none.
  virtual bool clear(const std::string& surveyId) = 0;
};

}  // namespace courtvoice::surveys
