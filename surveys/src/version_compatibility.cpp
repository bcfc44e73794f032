#include "courtvoice/surveys/version_compatibility.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>
#include <vector>

namespace courtvoice::surveys {
namespace {

std::set<int> optionCodes(const Item& item) {
  std::set<int> codes;
  for (const Option& option : item.options) codes.insert(option.code);
  return codes;
}

std::string listCodes(const std::set<int>& codes) {
  std::string out;
  for (int code : codes) {
    if (!out.empty()) out += ", ";
    out += std::to_string(code);
  }
  return out;
}

// Why `next` cannot continue `previous`'s series, or "" when it can. The type fixes the scale
// (1..5 or 0..10) and how answers are read; for choice items each code must keep its meaning,
// and a code added or removed changes what the others' shares mean.
std::string incompatibility(const Item& previous, const Item& next, int previousVersion) {
  const std::string since = " since version " + std::to_string(previousVersion);
  if (previous.type != next.type) {
    return "its type changed from " + toString(previous.type) + " to " + toString(next.type) + since;
  }
  if (next.type == ItemType::SingleChoice || next.type == ItemType::MultipleChoice) {
    const std::set<int> before = optionCodes(previous);
    const std::set<int> after = optionCodes(next);
    std::set<int> removed;
    std::set<int> added;
    std::set_difference(before.begin(), before.end(), after.begin(), after.end(), std::inserter(removed, removed.end()));
    std::set_difference(after.begin(), after.end(), before.begin(), before.end(), std::inserter(added, added.end()));
    std::string why;
    if (!removed.empty()) why = "option codes " + listCodes(removed) + " were removed";
    if (!added.empty()) why += (why.empty() ? "" : " and ") + std::string("option codes ") + listCodes(added) + " were added";
    if (!why.empty()) return why + since;
  }
  return {};
}

void checkItem(const Item& item, std::size_t position, const Item& previous, int previousVersion,
               std::vector<ValidationError>& errors) {
  if (item.seriesBreak) return;  // declared: the trend report starts a new series here
  const std::string why = incompatibility(previous, item, previousVersion);
  if (why.empty()) return;
  errors.push_back({"incompatible_item",
                    "item \"" + item.id + "\" keeps its id but " + why +
                        "; give it a new id, or set series_break to start a new trend series",
                    "items[" + std::to_string(position) + "].id"});
}

void checkSurvey(const SurveyDefinition& newest, const SurveyDefinition& next, std::vector<ValidationError>& errors) {
  if (newest.id != next.id) {
    errors.push_back({"survey_mismatch",
                      "a new version of survey \"" + newest.id + "\" cannot have the id \"" + next.id + "\"", "id"});
  }
  if (newest.audience != next.audience) {
    errors.push_back({"audience_changed",
                      "the audience of a survey cannot change (version " + std::to_string(newest.version) + " is for " +
                          toString(newest.audience) + ", this one for " + toString(next.audience) +
                          "); make a new survey instead",
                      "audience"});
  }
}

}  // namespace

std::vector<ValidationError> validateNewVersion(const SurveyDefinition& previous, const SurveyDefinition& next) {
  std::vector<ValidationError> errors;
  checkSurvey(previous, next, errors);
  for (std::size_t i = 0; i < next.items.size(); ++i) {
    if (const Item* before = previous.findItem(next.items[i].id)) {
      checkItem(next.items[i], i, *before, previous.version, errors);
    }
  }
  return errors;
}

std::vector<ValidationError> validateNewVersion(const std::vector<SurveyDefinition>& earlier,
                                                const SurveyDefinition& next) {
  std::vector<ValidationError> errors;
  if (earlier.empty()) return errors;
  std::vector<const SurveyDefinition*> newestFirst;
  for (const SurveyDefinition& def : earlier) newestFirst.push_back(&def);
  std::stable_sort(newestFirst.begin(), newestFirst.end(),
                   [](const SurveyDefinition* a, const SurveyDefinition* b) { return a->version > b->version; });
  checkSurvey(*newestFirst.front(), next, errors);
  for (std::size_t i = 0; i < next.items.size(); ++i) {
    for (const SurveyDefinition* def : newestFirst) {
      if (const Item* before = def->findItem(next.items[i].id)) {
        checkItem(next.items[i], i, *before, def->version, errors);
        break;
      }
    }
  }
  return errors;
}

std::vector<ValidationError> validateNewVersion(SurveyStore& store, const SurveyDefinition& next) {
  std::vector<SurveyDefinition> earlier = loadAllVersions(store, next.id, true);
  if (next.version > 0) {
    std::erase_if(earlier, [&next](const SurveyDefinition& def) { return def.version >= next.version; });
  }
  return validateNewVersion(earlier, next);
}

std::vector<SurveyDefinition> loadAllVersions(SurveyStore& store, const std::string& surveyId, bool withDrafts) {
  std::vector<SurveyDefinition> versions;
  for (const SurveyVersionInfo& info : store.listVersions(surveyId)) {
    if (!withDrafts && info.status == VersionStatus::Draft) continue;
    // A version listed a moment ago is never deleted, so findVersion finds it.
    if (auto def = store.findVersion(surveyId, info.version)) versions.push_back(std::move(*def));
  }
  std::sort(versions.begin(), versions.end(),
            [](const SurveyDefinition& a, const SurveyDefinition& b) { return a.version < b.version; });
  return versions;
}

VersionDiff diffVersions(const SurveyDefinition& previous, const SurveyDefinition& next) {
  VersionDiff diff;
  for (const Item& item : next.items) {
    if (previous.findItem(item.id) == nullptr) {
      diff.added.push_back(item.id);
    } else if (item.seriesBreak) {
      diff.broken.push_back(item.id);
    } else {
      diff.kept.push_back(item.id);
    }
  }
  for (const Item& item : previous.items) {
    if (next.findItem(item.id) == nullptr) diff.removed.push_back(item.id);
  }
  return diff;
}

}  // namespace courtvoice::surveys
