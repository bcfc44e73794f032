#pragma once
// A survey definition (an "instrument"): what is asked, how it is scaled, and how items roll up
// into dimensions and indices. The JSON form is documented in docs/survey-format.md.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "courtvoice/surveys/localized_text.hpp"

namespace courtvoice::surveys {

enum class Audience { Citizen, Staff, Judge };

enum class ItemType {
  Agreement5,      ///< 1 strongly disagree .. 5 strongly agree
  Satisfaction5,   ///< 1 very dissatisfied .. 5 very satisfied
  Scale5,          ///< 1..5 with the item's own labels (e.g. "decreased a lot" .. "increased a lot")
  Scale0to10,      ///< 0..10 (likelihood to recommend, independence ratings)
  SingleChoice,    ///< one option code
  MultipleChoice,  ///< a set of option codes
  Number,          ///< a number within [min, max]
  Text,            ///< free text, at most maxLength characters
};

/// Non-answers are first-class and never counted as zeros. Skipped = the item is absent.
enum class NonAnswer { NotApplicable, DontKnow, NoOpinion };

/// Lifecycle of one version: a published version is frozen.
enum class VersionStatus { Draft, Published, Closed, Archived };

struct Option {
  int code = 0;
  LocalizedText label;
};

/// Show the item only when item `itemId` was answered with one of `anyOf` (option codes or
/// scale values; for multiple choice: any chosen code in the list).
struct Condition {
  std::string itemId;
  std::vector<int> anyOf;
};

struct Item {
  std::string id;            ///< stable across versions while the meaning is the same
  ItemType type = ItemType::Agreement5;
  std::string dimension;     ///< e.g. "access", "fairness", "overall", "background"
  bool required = false;
  std::set<NonAnswer> allowedNonAnswers;
  LocalizedText text;
  std::vector<Option> options;           ///< SingleChoice / MultipleChoice only
  std::optional<Condition> showIf;
  double min = 0, max = 0;               ///< Number only
  int maxLength = 1000;                  ///< Text only, in Unicode code points
  bool seriesBreak = false;              ///< meaning changed since the previous version
  /// Labels of scale points, in `code`: every point of a Scale5 item; on a Scale0to10 item
  /// optional, and then at least both ends (the page shows them under 0 and 10).
  std::vector<Option> scaleLabels;
  /// Languages whose text of this item a reviewer has checked against the others (metadata; a
  /// language is removed when its text changes, until it is checked again).
  std::vector<std::string> reviewed;
};

/// An index on 0..100 from the mean of the items of some dimensions.
struct IndexDefinition {
  std::string id;                        ///< e.g. "access_index"
  LocalizedText name;
  std::vector<std::string> dimensions;
};

struct SurveyDefinition {
  std::string id;                        ///< [a-z0-9_-]{1,64}
  int version = 0;                       ///< assigned by the store; 0 in a new draft
  Audience audience = Audience::Citizen;
  std::vector<std::string> languages;    ///< subset of kSupportedLanguages, at least one
  LocalizedText title;
  LocalizedText intro;
  LocalizedText thanks;
  std::vector<Item> items;
  std::vector<IndexDefinition> indices;
  int minGroupSize = 0;                  ///< 0: the default for the audience (5; staff/judges 10)
  /// false: results are never reported per court (no court grouping or filter, and a group or
  /// point drawn from fewer than two courts is suppressed), e.g. judges in courts of 3-8 judges.
  bool reportByCourt = true;

  const Item* findItem(const std::string& itemId) const;
  int effectiveMinGroupSize() const;
};

// Names used in JSON and SQL for the enums ("citizen", "agreement5", "not_applicable", ...).
std::string toString(Audience);
std::string toString(ItemType);
std::string toString(NonAnswer);
std::string toString(VersionStatus);
std::optional<Audience> parseAudience(const std::string&);
std::optional<ItemType> parseItemType(const std::string&);
std::optional<NonAnswer> parseNonAnswer(const std::string&);
std::optional<VersionStatus> parseVersionStatus(const std::string&);

/// True for the types whose answers are ordered codes on a fixed scale.
bool isScale(ItemType);
/// True for the 5-point scales that enter indices (agreement5, satisfaction5, scale5).
bool isFivePoint(ItemType);
/// Lowest and highest code of a scale type (1..5 or 0..10).
int scaleMin(ItemType);
int scaleMax(ItemType);

}  // namespace courtvoice::surveys
