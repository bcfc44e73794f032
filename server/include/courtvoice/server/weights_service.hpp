#pragma once
// Population counts for post-stratification weights (docs/api.md, "Weights"): load a survey's
// counts from CSV, show them, clear them. Used by the API and the admin CLI; knows nothing of HTTP.
#include <functional>
#include <string>

#include "courtvoice/surveys/population_store.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

class WeightsService {
 public:
  /// `now` gives the UTC time of a load, "YYYY-MM-DD HH:MM:SS" (default: the system clock).
  WeightsService(surveys::SurveyStore& surveys, surveys::CourtStore& courts, surveys::PopulationStore& population,
                 std::function<std::string()> now = {});

  /// Reads `csv` (server/population_csv.hpp) against the court registry and the survey's
  /// case_type item (in the version reports read), and replaces the survey's counts with it.
  /// Throws NotFound "survey_not_found", Invalid with every problem of the file.
  surveys::PopulationSet load(const std::string& surveyId, const std::string& csv, const std::string& loadedBy);
  /// The loaded counts; NotFound "survey_not_found", NotFound "no_weights" (field "") when none.
  surveys::PopulationSet show(const std::string& surveyId);
  /// Removes the counts; false when none were loaded. NotFound "survey_not_found".
  bool clear(const std::string& surveyId);

 private:
  surveys::SurveyStore& surveys_;
  surveys::CourtStore& courts_;
  surveys::PopulationStore& population_;
  std::function<std::string()> now_;
};

/// The counts as JSON (docs/api.md, "Weights"): survey_id, loaded_on, loaded_by, cells
/// ("court" or "court_case_type"), cell_count, population_total, counts [{court, case_type, population}].
std::string populationSetJson(const surveys::PopulationSet& set);

}  // namespace courtvoice::server
