#include "courtvoice/server/weights_service.hpp"

#include <set>

#include "courtvoice/server/json_writer.hpp"
#include "courtvoice/server/population_csv.hpp"
#include "courtvoice/server/report_scope.hpp"
#include "courtvoice/server/utc_now.hpp"
#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

WeightsService::WeightsService(surveys::SurveyStore& surveys, surveys::CourtStore& courts,
                               surveys::PopulationStore& population, std::function<std::string()> now)
    : surveys_(surveys), courts_(courts), population_(population),
      now_(now ? std::move(now) : std::function<std::string()>(utcNowText)) {}

surveys::PopulationSet WeightsService::load(const std::string& surveyId, const std::string& csv,
                                            const std::string& loadedBy) {
  // The version reports read: its case_type item is the one weighted summaries use.
  const surveys::SurveyDefinition def = reportDefinition(surveys_, surveyId);
  std::set<std::string> codes;
  for (const auto& court : courts_.list()) codes.insert(court.code);
  surveys::PopulationSet set;
  set.surveyId = surveyId;
  set.cells = parsePopulationCsv(csv, codes, findCaseTypeItem(def));
  set.loadedBy = loadedBy;
  set.loadedOn = now_();
  population_.replace(set);
  return set;
}

surveys::PopulationSet WeightsService::show(const std::string& surveyId) {
  reportDefinition(surveys_, surveyId);  // an unknown survey is 404 survey_not_found, not no_weights
  auto set = population_.find(surveyId);
  if (!set) throw DomainError(ErrorKind::NotFound, "no_weights", "no population counts are loaded for " + surveyId, "");
  return std::move(*set);
}

bool WeightsService::clear(const std::string& surveyId) {
  reportDefinition(surveys_, surveyId);
  return population_.clear(surveyId);
}

std::string populationSetJson(const surveys::PopulationSet& set) {
  std::int64_t total = 0;
  for (const auto& cell : set.cells) total += cell.population;
  const bool byCaseType = !set.cells.empty() && set.cells.front().caseType.has_value();
  JsonWriter out;
  out.beginObject();
  out.key("survey_id").value(set.surveyId);
  out.key("loaded_on").value(set.loadedOn);
  out.key("loaded_by").value(set.loadedBy);
  out.key("cells").value(byCaseType ? "court_case_type" : "court");
  out.key("cell_count").value(static_cast<std::int64_t>(set.cells.size()));
  out.key("population_total").value(total);
  out.key("counts").beginArray();
  for (const auto& cell : set.cells) {
    out.beginObject().key("court").value(cell.court).key("case_type");
    if (cell.caseType) {
      out.value(*cell.caseType);
    } else {
      out.null();
    }
    out.key("population").value(cell.population).endObject();
  }
  out.endArray();
  out.endObject();
  return out.take();
}

}  // namespace courtvoice::server
