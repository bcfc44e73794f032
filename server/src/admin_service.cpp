#include "courtvoice/server/admin_service.hpp"

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <set>

#include "courtvoice/server/court_records.hpp"
#include "courtvoice/server/json_io.hpp"
#include "courtvoice/surveys/definition_json.hpp"
#include "courtvoice/surveys/definition_validation.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/response_validation.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;
using surveys::ValidationError;

namespace {

// Enough to fix a file in a few rounds without making the error response huge.
constexpr std::size_t kMaxReportedErrors = 100;

std::string prefixed(const std::string& prefix, const std::string& field) {
  return field.empty() ? prefix : prefix + "." + field;
}

// Checks the parts of an imported response that parsing and validateResponse do not: the court,
// the day, duplicates within the file. Appends to `errors`.
void checkImported(const surveys::SurveyDefinition& def, surveys::Response& response, const std::string& prefix,
                   const std::map<std::string, surveys::Court>& courts, const surveys::Date& today,
                   std::set<std::string>& seenSubmissions, std::vector<ValidationError>& errors) {
  if (response.version != 0 && response.version != def.version) {
    errors.push_back({"version_mismatch", "the response names version " + std::to_string(response.version) +
                                              " but the import is for version " + std::to_string(def.version),
                      prefix + ".version"});
  }
  response.surveyId = def.id;
  response.version = def.version;
  if (!courts.contains(response.courtCode)) {
    errors.push_back({"unknown_court", "no court " + response.courtCode + " in the registry", prefix + ".court"});
  }
  if (response.givenOn > today) {
    errors.push_back({"out_of_range", "the date " + response.givenOn.toString() + " is in the future", prefix + ".date"});
  }
  if (!seenSubmissions.insert(response.submissionId).second) {
    errors.push_back({"duplicate_submission", "submission_id " + response.submissionId + " appears twice in the import",
                      prefix + ".submission_id"});
  }
  for (const auto& error : surveys::validateResponse(def, response)) {
    errors.push_back({error.code, error.message, prefixed(prefix, error.field)});
  }
}

std::map<std::string, surveys::Court> courtsByCode(surveys::CourtStore& store) {
  std::map<std::string, surveys::Court> courts;
  for (auto& court : store.list()) courts.emplace(court.code, std::move(court));
  return courts;
}

// Paper responses belong to a version respondents could have seen: published or closed.
void requireImportable(surveys::SurveyStore& store, const surveys::SurveyDefinition& def) {
  std::optional<surveys::VersionStatus> status;
  for (const auto& info : store.listVersions(def.id)) {
    if (info.version == def.version) status = info.status;
  }
  if (!status) {
    throw DomainError(ErrorKind::NotFound, "version_not_found",
                      "survey " + def.id + " has no version " + std::to_string(def.version), "version");
  }
  if (*status != surveys::VersionStatus::Published && *status != surveys::VersionStatus::Closed) {
    throw DomainError(ErrorKind::Conflict, "version_not_importable",
                      "responses can be imported only for a published or closed version, not a " + toString(*status) +
                          " one",
                      "version");
  }
}

// Versions made after a draft were checked against its old text. Each must still follow the
// versions before it once the draft's new text replaces the old, or editing the draft would
// silently change what a kept item of a later version means. Errors name the draft's item.
std::vector<ValidationError> checkLaterVersions(std::vector<surveys::SurveyDefinition> all,
                                                const surveys::SurveyDefinition& draft) {
  std::vector<ValidationError> errors;
  for (auto& def : all) {
    if (def.version == draft.version) def = draft;
  }
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].version <= draft.version) continue;
    const std::vector<surveys::SurveyDefinition> earlier(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(i));
    for (const auto& error : surveys::validateNewVersion(earlier, all[i])) {
      // "items[k].id" points into the later version; the draft's own item is what to fix.
      std::string field = error.field;
      for (std::size_t k = 0; k < all[i].items.size(); ++k) {
        if (error.field != "items[" + std::to_string(k) + "].id") continue;
        field = "version";  // the item is not the draft's: it came from an older version
        for (std::size_t j = 0; j < draft.items.size(); ++j) {
          if (draft.items[j].id == all[i].items[k].id) field = "items[" + std::to_string(j) + "].id";
        }
      }
      errors.push_back({"breaks_later_version",
                        "version " + std::to_string(all[i].version) + " was made after this draft and would no longer fit it: " +
                            error.message,
                        field});
    }
  }
  return errors;
}

void throwIfAny(std::vector<ValidationError>& errors) {
  if (errors.empty()) return;
  if (errors.size() > kMaxReportedErrors) errors.resize(kMaxReportedErrors);
  throw DomainError(std::move(errors));
}

}  // namespace

AdminService::AdminService(surveys::SurveyStore& surveys, surveys::ResponseStore& responses, surveys::CourtStore& courts,
                           const surveys::Clock& clock, surveys::ResponseLimits limits)
    : surveys_(surveys), responses_(responses), courts_(courts), clock_(clock), limits_(limits) {}

CreatedVersion AdminService::createVersion(const std::string& definitionJson) {
  surveys::SurveyDefinition def = surveys::parseDefinition(definitionJson);
  auto errors = surveys::validateDefinition(def);
  throwIfAny(errors);
  // A kept item id must keep its meaning across versions, so that trends stay comparable.
  std::vector<surveys::SurveyDefinition> earlier;
  for (const auto& info : surveys_.listVersions(def.id)) {
    if (auto version = surveys_.findVersion(def.id, info.version)) earlier.push_back(std::move(*version));
  }
  errors = surveys::validateNewVersion(earlier, def);
  throwIfAny(errors);
  const int version = surveys_.createVersion(def);
  return {def.id, version};
}

CreatedVersion AdminService::updateDraft(const std::string& surveyId, int version, const std::string& definitionJson) {
  // Whether the version may change at all comes first: a frozen version refuses any body.
  std::optional<surveys::VersionStatus> status;
  for (const auto& info : surveys_.listVersions(surveyId)) {
    if (info.version == version) status = info.status;
  }
  if (!status) {
    if (!surveys_.findLatest(surveyId)) throw DomainError(ErrorKind::NotFound, "survey_not_found", "no survey " + surveyId, "");
    throw DomainError(ErrorKind::NotFound, "version_not_found",
                      "survey " + surveyId + " has no version " + std::to_string(version), "version");
  }
  if (*status != surveys::VersionStatus::Draft) {
    throw DomainError(ErrorKind::Conflict, "version_frozen",
                      "version " + std::to_string(version) + " is " + toString(*status) +
                          "; only a draft can change (create a new version instead)",
                      "version");
  }

  surveys::SurveyDefinition def = surveys::parseDefinition(definitionJson);
  if (def.id != surveyId) {
    throw DomainError(ErrorKind::Invalid, "survey_mismatch",
                      "the definition is of survey '" + def.id + "' but the path names '" + surveyId + "'", "id");
  }
  def.version = version;
  auto errors = surveys::validateDefinition(def);
  throwIfAny(errors);
  errors = surveys::validateNewVersion(surveys_, def);
  throwIfAny(errors);
  errors = checkLaterVersions(surveys::loadAllVersions(surveys_, surveyId, /*withDrafts=*/true), def);
  throwIfAny(errors);
  surveys_.updateDraft(def);
  return {def.id, version};
}

void AdminService::archive(const std::string& surveyId, int version) {
  surveys_.archive(surveyId, version);
}

void AdminService::publish(const std::string& surveyId, int version) {
  surveys_.publish(surveyId, version);
}

void AdminService::close(const std::string& surveyId) {
  surveys_.close(surveyId);
}

surveys::SurveyDefinition AdminService::getVersion(const std::string& surveyId, int version) {
  auto def = surveys_.findVersion(surveyId, version);
  if (!def) {
    throw DomainError(ErrorKind::NotFound, "version_not_found",
                      "survey " + surveyId + " has no version " + std::to_string(version), "");
  }
  return std::move(*def);
}

VersionChanges AdminService::diffWithPrevious(const std::string& surveyId, int version) {
  const surveys::SurveyDefinition def = getVersion(surveyId, version);
  int previous = 0;
  for (const auto& info : surveys_.listVersions(surveyId)) {
    if (info.version < version) previous = std::max(previous, info.version);
  }
  VersionChanges changes{surveyId, version, std::nullopt, {}};
  if (previous == 0) {
    // The first version: compared with nothing, every item starts a series.
    surveys::SurveyDefinition nothing;
    nothing.id = surveyId;
    changes.diff = surveys::diffVersions(nothing, def);
    return changes;
  }
  changes.previousVersion = previous;
  changes.diff = surveys::diffVersions(getVersion(surveyId, previous), def);
  return changes;
}

std::vector<surveys::SurveyVersionInfo> AdminService::list() {
  return surveys_.listVersions();
}

std::size_t AdminService::upsertCourts(const std::vector<surveys::Court>& courts) {
  // Everything is checked before the first write, so a bad entry changes nothing.
  std::vector<ValidationError> errors;
  for (std::size_t i = 0; i < courts.size(); ++i) {
    for (auto& error : validateCourt(courts[i], courts.size() == 1 ? "" : "[" + std::to_string(i) + "].")) {
      errors.push_back(std::move(error));
    }
  }
  throwIfAny(errors);
  for (const auto& court : courts) courts_.upsert(court);
  return courts.size();
}

ImportResult AdminService::importResponses(const std::string& surveyId, const std::string& body) {
  const Poco::Dynamic::Var root = parseJson(body);
  if (root.type() != typeid(Poco::JSON::Object::Ptr)) {
    throw DomainError(ErrorKind::Invalid, "wrong_type", "the body must be an object with version and responses", "");
  }
  const auto object = root.extract<Poco::JSON::Object::Ptr>();
  if (!object->has("version")) throw DomainError(ErrorKind::Invalid, "missing_field", "\"version\" is required", "version");
  const Poco::Dynamic::Var versionValue = object->get("version");
  if (!versionValue.isInteger()) {
    throw DomainError(ErrorKind::Invalid, "wrong_type", "version must be an integer", "version");
  }
  if (!object->has("responses") || object->get("responses").type() != typeid(Poco::JSON::Array::Ptr)) {
    throw DomainError(ErrorKind::Invalid, "wrong_type", "responses must be an array", "responses");
  }
  const auto items = object->getArray("responses");
  if (items->size() > kMaxImportResponses) {
    throw DomainError(ErrorKind::TooLarge, "too_many_responses",
                      "an import takes at most " + std::to_string(kMaxImportResponses) + " responses", "responses");
  }

  const auto version = versionValue.convert<int>();
  auto def = surveys_.findVersion(surveyId, version);
  if (!def) {
    if (!surveys_.findLatest(surveyId)) throw DomainError(ErrorKind::NotFound, "survey_not_found", "no survey " + surveyId, "");
    throw DomainError(ErrorKind::NotFound, "version_not_found",
                      "survey " + surveyId + " has no version " + std::to_string(version), "version");
  }
  requireImportable(surveys_, *def);

  std::vector<surveys::Response> parsed;
  std::vector<ValidationError> errors;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string prefix = "responses[" + std::to_string(i) + "]";
    const Poco::Dynamic::Var item = items->get(static_cast<unsigned>(i));
    if (item.type() != typeid(Poco::JSON::Object::Ptr)) {
      errors.push_back({"wrong_type", "a response must be an object", prefix});
      continue;
    }
    try {
      parsed.push_back(surveys::parseResponse(toJson(item), *def, limits_, /*allowDate=*/true));
    } catch (const DomainError& e) {
      if (e.errors().empty()) {
        errors.push_back({e.code(), e.what(), prefixed(prefix, e.field())});
      } else {
        for (const auto& error : e.errors()) errors.push_back({error.code, error.message, prefixed(prefix, error.field)});
      }
      parsed.emplace_back();  // keeps indices aligned; never stored since errors is not empty
    }
    if (errors.size() > kMaxReportedErrors) break;
  }
  throwIfAny(errors);
  return importResponses(*def, std::move(parsed));
}

ImportResult AdminService::importResponses(const surveys::SurveyDefinition& def, std::vector<surveys::Response> responses) {
  requireImportable(surveys_, def);
  if (responses.size() > kMaxImportResponses) {
    throw DomainError(ErrorKind::TooLarge, "too_many_responses",
                      "an import takes at most " + std::to_string(kMaxImportResponses) + " responses", "responses");
  }

  const auto courts = courtsByCode(courts_);
  const surveys::Date today = clock_.today();
  std::set<std::string> seen;
  std::vector<ValidationError> errors;
  for (std::size_t i = 0; i < responses.size() && errors.size() <= kMaxReportedErrors; ++i) {
    checkImported(def, responses[i], "responses[" + std::to_string(i) + "]", courts, today, seen, errors);
  }
  throwIfAny(errors);

  const std::size_t created = responses_.importBulk(responses);
  return {created, responses.size() - created};
}

}  // namespace courtvoice::server
