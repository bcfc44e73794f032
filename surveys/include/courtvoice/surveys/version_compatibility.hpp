#pragma once
// Rules for a new version of a survey, so that trends survive edits: an item that keeps its id
// keeps its meaning (type, scale, option codes), unless it says that its series breaks.
#include <string>
#include <vector>

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/stores.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::surveys {

/// Problems with `next` as the version that follows `previous` (empty when it may follow):
/// - "survey_mismatch" (field "id"): the two are different surveys;
/// - "audience_changed" (field "audience"): the audience of a survey never changes;
/// - "incompatible_item" (field "items[i].id", i in `next`): an item kept from `previous`
///   without series_break changed its type (hence its scale), or its set of option codes
///   (a code removed or added; labels may be reworded). The message says to use a new id or to
///   set series_break. Texts, required, allowed non-answers, show_if, dimension and a number
///   item's min/max may change.
/// It does not check the definition itself: callers run validateDefinition as well.
std::vector<ValidationError> validateNewVersion(const SurveyDefinition& previous, const SurveyDefinition& next);

/// The same, against every earlier version (in any order): each item of `next` is compared with
/// the newest earlier version that has it, so an item dropped in one version and brought back
/// later is checked too. The audience is compared with the newest earlier version.
/// With `earlier` empty there is nothing to check.
std::vector<ValidationError> validateNewVersion(const std::vector<SurveyDefinition>& earlier,
                                                const SurveyDefinition& next);

/// The same against what `store` holds: the versions of survey next.id numbered below
/// next.version, or all of them when next.version is 0 (a version not created yet). Call it
/// before SurveyStore::createVersion (with version 0) and before updateDraft (with the draft's
/// number), after validateDefinition. Empty when the survey has no earlier version.
std::vector<ValidationError> validateNewVersion(SurveyStore& store, const SurveyDefinition& next);

/// The stored versions of a survey, oldest first (empty for an unknown survey). With
/// `withDrafts` false: the published, closed and archived ones, i.e. those that can have
/// responses: the definitions a trend report needs (a draft's wording must not show in reports).
std::vector<SurveyDefinition> loadAllVersions(SurveyStore& store, const std::string& surveyId, bool withDrafts);

/// How the items of one version relate to the previous version's. Ids of `added`, `kept` and
/// `broken` are in `next`'s order; ids of `removed` in `previous`'s order.
struct VersionDiff {
  std::vector<std::string> added;    ///< in next only: a new series starts
  std::vector<std::string> removed;  ///< in previous only: the series stops
  std::vector<std::string> kept;     ///< in both, no series_break: one series
  std::vector<std::string> broken;   ///< in both, series_break set in next: the series breaks here
  bool operator==(const VersionDiff&) const = default;
};

VersionDiff diffVersions(const SurveyDefinition& previous, const SurveyDefinition& next);

}  // namespace courtvoice::surveys
