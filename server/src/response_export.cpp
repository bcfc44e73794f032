#include "courtvoice/server/response_export.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>

#include "courtvoice/server/csv.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/version_compatibility.hpp"

namespace courtvoice::server {

namespace {

// An answer's value as one CSV cell, by the item's type.
std::string valueText(const surveys::Item& item, const surveys::Answer& answer) {
  switch (item.type) {
    case surveys::ItemType::MultipleChoice: {
      std::string value;
      for (int code : answer.codes) value += (value.empty() ? "" : ";") + std::to_string(code);
      return value;
    }
    case surveys::ItemType::Number: {
      std::ostringstream number;
      number << answer.number;
      return number.str();
    }
    case surveys::ItemType::Text: return answer.text;
    default: return std::to_string(answer.code);
  }
}

}  // namespace

ResponseExport writeResponsesCsv(surveys::SurveyStore& surveys, surveys::ResponseStore& responses,
                                 const std::string& surveyId, bool noText, std::ostream& out) {
  const auto versions = surveys::loadAllVersions(surveys, surveyId, /*withDrafts=*/true);
  if (versions.empty()) {
    throw surveys::DomainError(surveys::ErrorKind::NotFound, "survey_not_found", "no survey " + surveyId, "");
  }
  ResponseExport result;
  // Respondents told "never reported by court" (judges in a court of 3-8) are not given a court
  // code even in the raw file: region and level say where without saying which court. The
  // versions that can have responses decide, as for the summary and the trend.
  const auto answerable = surveys::loadAllVersions(surveys, surveyId, /*withDrafts=*/false);
  result.byCourt = std::all_of(answerable.begin(), answerable.end(),
                               [](const surveys::SurveyDefinition& def) { return def.reportByCourt; });
  std::map<int, const surveys::SurveyDefinition*> definitions;  // versions never change
  for (const auto& def : versions) definitions.emplace(def.version, &def);

  // Long format, no response or submission ids: a row says nothing that links it to a person.
  out << (result.byCourt ? "response,survey_id,version,court,region,channel,language,date,item_id,value,non_answer\n"
                         : "response,survey_id,version,region,level,channel,language,date,item_id,value,non_answer\n");
  surveys::ResponseQuery query;
  query.surveyId = surveyId;
  responses.forEach(query, [&](const surveys::StoredResponse& stored) {
    ++result.responses;
    const auto& r = stored.response;
    const std::string place = result.byCourt ? csvField(r.courtCode) + "," + csvField(stored.region)
                                             : csvField(stored.region) + "," + csvField(stored.level);
    const std::string prefix = std::to_string(result.responses) + "," + csvField(r.surveyId) + "," +
                               std::to_string(r.version) + "," + place + "," + toString(r.channel) + "," +
                               r.language + "," + r.givenOn.toString() + ",";
    const auto def = definitions.find(r.version);
    for (const auto& answer : r.answers) {
      const surveys::Item* item = def == definitions.end() ? nullptr : def->second->findItem(answer.itemId);
      if (noText && item != nullptr && item->type == surveys::ItemType::Text) {
        ++result.textsLeftOut;
        continue;
      }
      out << prefix << csvField(answer.itemId) << "," << csvField(answer.nonAnswer || !item ? "" : valueText(*item, answer))
          << "," << (answer.nonAnswer ? toString(*answer.nonAnswer) : "") << "\n";
    }
  });
  return result;
}

}  // namespace courtvoice::server
