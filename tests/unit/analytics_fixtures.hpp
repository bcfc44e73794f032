#pragma once
// A small survey definition built in code and helpers to write responses tersely, shared by the
// analytics unit tests.
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "courtvoice/analytics/summary.hpp"
#include "courtvoice/surveys/stores.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::analytics::testdata {

using surveys::Answer;
using surveys::Item;
using surveys::ItemType;
using surveys::NonAnswer;
using surveys::StoredResponse;
using surveys::SurveyDefinition;

inline Item makeItem(std::string id, ItemType type, std::string dimension, std::set<NonAnswer> nonAnswers = {}) {
  Item item;
  item.id = std::move(id);
  item.type = type;
  item.dimension = std::move(dimension);
  item.allowedNonAnswers = std::move(nonAnswers);
  item.text = {{"en", "question"}};
  return item;
}

/// Items: access_find (agreement5, access), access_staff (satisfaction5, access),
/// access_rating (scale0to10, access: never part of an index), appeared (single choice 1/2),
/// fair_listened (agreement5, fairness, shown only when appeared = 1), recommend (0-10),
/// visits (number 0..100), channels (multiple choice 1..3), comment (text).
/// Indices: access_index [access], fairness_index [fairness], overall_index [access, fairness].
inline SurveyDefinition makeDefinition() {
  SurveyDefinition def;
  def.id = "court_user";
  def.version = 2;
  def.audience = surveys::Audience::Citizen;
  def.languages = {"en"};
  def.title = {{"en", "Court user survey"}};
  def.items.push_back(makeItem("access_find", ItemType::Agreement5, "access", {NonAnswer::NotApplicable}));
  def.items.push_back(makeItem("access_staff", ItemType::Satisfaction5, "access",
                               {NonAnswer::NotApplicable, NonAnswer::NoOpinion}));
  def.items.push_back(makeItem("access_rating", ItemType::Scale0to10, "access"));
  Item appeared = makeItem("appeared", ItemType::SingleChoice, "background");
  appeared.options = {{1, {{"en", "Yes"}}}, {2, {{"en", "No"}}}};
  def.items.push_back(appeared);
  Item fair = makeItem("fair_listened", ItemType::Agreement5, "fairness", {NonAnswer::NotApplicable, NonAnswer::DontKnow});
  fair.showIf = surveys::Condition{"appeared", {1}};
  def.items.push_back(fair);
  def.items.push_back(makeItem("recommend", ItemType::Scale0to10, "overall", {NonAnswer::DontKnow}));
  Item visits = makeItem("visits", ItemType::Number, "background");
  visits.min = 0;
  visits.max = 100;
  def.items.push_back(visits);
  Item channels = makeItem("channels", ItemType::MultipleChoice, "background");
  channels.options = {{1, {{"en", "Kiosk"}}}, {2, {{"en", "Web"}}}, {3, {{"en", "Paper"}}}};
  def.items.push_back(channels);
  def.items.push_back(makeItem("comment", ItemType::Text, "comment"));
  def.indices.push_back({"access_index", {{"en", "Access"}}, {"access"}});
  def.indices.push_back({"fairness_index", {{"en", "Fairness"}}, {"fairness"}});
  def.indices.push_back({"overall_index", {{"en", "Overall"}}, {"access", "fairness"}});
  return def;
}

inline Answer code(std::string itemId, int value) {
  Answer a;
  a.itemId = std::move(itemId);
  a.code = value;
  return a;
}

inline Answer non(std::string itemId, NonAnswer kind) {
  Answer a;
  a.itemId = std::move(itemId);
  a.nonAnswer = kind;
  return a;
}

inline Answer number(std::string itemId, double value) {
  Answer a;
  a.itemId = std::move(itemId);
  a.number = value;
  return a;
}

inline Answer choices(std::string itemId, std::vector<int> values) {
  Answer a;
  a.itemId = std::move(itemId);
  a.codes = std::move(values);
  return a;
}

inline Answer text(std::string itemId, std::string value) {
  Answer a;
  a.itemId = std::move(itemId);
  a.text = std::move(value);
  return a;
}

inline StoredResponse respond(std::vector<Answer> answers, std::string court = "C1", std::string region = "north",
                              surveys::Date day = {2025, 3, 10}) {
  StoredResponse stored;
  stored.response.submissionId = "s";
  stored.response.surveyId = "court_user";
  stored.response.version = 2;
  stored.response.courtCode = std::move(court);
  stored.response.language = "en";
  stored.response.givenOn = day;
  stored.response.answers = std::move(answers);
  stored.region = std::move(region);
  return stored;
}

/// The summary of one item or index in a group; throws when absent.
inline const ItemSummary& itemOf(const GroupSummary& group, const std::string& id) {
  for (const ItemSummary& item : group.items) {
    if (item.itemId == id) return item;
  }
  throw std::runtime_error("no item " + id);
}

inline const IndexSummary& indexOf(const GroupSummary& group, const std::string& id) {
  for (const IndexSummary& index : group.indices) {
    if (index.indexId == id) return index;
  }
  throw std::runtime_error("no index " + id);
}

}  // namespace courtvoice::analytics::testdata
