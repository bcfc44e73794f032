#include "courtvoice/surveys/survey_definition.hpp"

#include <array>
#include <utility>

namespace courtvoice::surveys {
namespace {

// One table per enum keeps toString and parse in step.
template <typename Enum, std::size_t N>
std::string nameOf(const std::array<std::pair<Enum, const char*>, N>& table, Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  return "unknown";
}

template <typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char*>, N>& table, const std::string& name) {
  for (const auto& [candidate, candidateName] : table) {
    if (name == candidateName) return candidate;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<Audience, const char*>, 3> kAudiences{{
    {Audience::Citizen, "citizen"},
    {Audience::Staff, "staff"},
    {Audience::Judge, "judge"},
}};

constexpr std::array<std::pair<ItemType, const char*>, 8> kItemTypes{{
    {ItemType::Agreement5, "agreement5"},
    {ItemType::Satisfaction5, "satisfaction5"},
    {ItemType::Scale5, "scale5"},
    {ItemType::Scale0to10, "scale0to10"},
    {ItemType::SingleChoice, "single_choice"},
    {ItemType::MultipleChoice, "multiple_choice"},
    {ItemType::Number, "number"},
    {ItemType::Text, "text"},
}};

constexpr std::array<std::pair<NonAnswer, const char*>, 3> kNonAnswers{{
    {NonAnswer::NotApplicable, "not_applicable"},
    {NonAnswer::DontKnow, "dont_know"},
    {NonAnswer::NoOpinion, "no_opinion"},
}};

constexpr std::array<std::pair<VersionStatus, const char*>, 4> kStatuses{{
    {VersionStatus::Draft, "draft"},
    {VersionStatus::Published, "published"},
    {VersionStatus::Closed, "closed"},
    {VersionStatus::Archived, "archived"},
}};

}  // namespace

const Item* SurveyDefinition::findItem(const std::string& itemId) const {
  for (const Item& item : items) {
    if (item.id == itemId) return &item;
  }
  return nullptr;
}

int SurveyDefinition::effectiveMinGroupSize() const {
  if (minGroupSize > 0) return minGroupSize;
  return audience == Audience::Citizen ? 5 : 10;
}

std::string toString(Audience value) { return nameOf(kAudiences, value); }
std::string toString(ItemType value) { return nameOf(kItemTypes, value); }
std::string toString(NonAnswer value) { return nameOf(kNonAnswers, value); }
std::string toString(VersionStatus value) { return nameOf(kStatuses, value); }
std::optional<Audience> parseAudience(const std::string& name) { return valueOf(kAudiences, name); }
std::optional<ItemType> parseItemType(const std::string& name) { return valueOf(kItemTypes, name); }
std::optional<NonAnswer> parseNonAnswer(const std::string& name) { return valueOf(kNonAnswers, name); }
std::optional<VersionStatus> parseVersionStatus(const std::string& name) { return valueOf(kStatuses, name); }

bool isScale(ItemType type) { return isFivePoint(type) || type == ItemType::Scale0to10; }

bool isFivePoint(ItemType type) {
  return type == ItemType::Agreement5 || type == ItemType::Satisfaction5 || type == ItemType::Scale5;
}

int scaleMin(ItemType type) { return type == ItemType::Scale0to10 ? 0 : 1; }

int scaleMax(ItemType type) { return type == ItemType::Scale0to10 ? 10 : 5; }

}  // namespace courtvoice::surveys
