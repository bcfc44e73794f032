#pragma once
// Small definitions, courts and responses for the DB tests.
#include <string>
#include <vector>

#include "courtvoice/surveys/court.hpp"
#include "courtvoice/surveys/stores.hpp"
#include "courtvoice/surveys/response.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::surveys::testing {

inline LocalizedText texts(const std::string& kk, const std::string& ru, const std::string& en) {
  return {{"kk", kk}, {"ru", ru}, {"en", en}};
}

inline Item makeItem(const std::string& id, ItemType type, const std::string& dimension) {
  Item item;
  item.id = id;
  item.type = type;
  item.dimension = dimension;
  item.text = texts("Сұрақ " + id, "Вопрос " + id, "Question " + id);
  return item;
}

inline Option makeOption(int code, const std::string& en) {
  return Option{code, texts("Жауап " + en, "Ответ " + en, en)};
}

/// One item of every type; "access_find" allows "not applicable" and "don't know".
inline SurveyDefinition sampleDefinition(const std::string& id = "court_user") {
  SurveyDefinition def;
  def.id = id;
  def.audience = Audience::Citizen;
  def.languages = {"kk", "ru", "en"};
  def.title = texts("Сот пайдаланушыларының сауалнамасы", "Опрос посетителей суда", "Court user survey");
  def.thanks = texts("Рахмет!", "Спасибо!", "Thank you!");

  Item access = makeItem("access_find", ItemType::Agreement5, "access");
  access.allowedNonAnswers = {NonAnswer::NotApplicable, NonAnswer::DontKnow};
  Item overall = makeItem("overall", ItemType::Satisfaction5, "overall");
  Item recommend = makeItem("recommend", ItemType::Scale0to10, "overall");
  Item role = makeItem("role", ItemType::SingleChoice, "background");
  role.options = {makeOption(1, "Party"), makeOption(2, "Witness"), makeOption(3, "Other")};
  Item reasons = makeItem("reasons", ItemType::MultipleChoice, "background");
  reasons.options = {makeOption(1, "Hearing"), makeOption(2, "Documents"), makeOption(3, "Information"),
                     makeOption(4, "Other")};
  Item visits = makeItem("visits", ItemType::Number, "background");
  visits.min = 0;
  visits.max = 100;
  Item comment = makeItem("comment", ItemType::Text, "comment");
  comment.maxLength = 4000;
  def.items = {access, overall, recommend, role, reasons, visits, comment};
  def.indices = {IndexDefinition{"access_index", texts("Қолжетімділік", "Доступность", "Access"), {"access"}}};
  return def;
}

inline Court makeCourt(const std::string& code, const std::string& region) {
  Court court;
  court.code = code;
  court.name = texts("Сот " + code, "Суд " + code, "Court " + code);
  court.region = region;
  court.level = "district";
  return court;
}

inline Answer codeAnswer(const std::string& itemId, int code) {
  Answer answer;
  answer.itemId = itemId;
  answer.code = code;
  return answer;
}

inline Answer codesAnswer(const std::string& itemId, std::vector<int> codes) {
  Answer answer;
  answer.itemId = itemId;
  answer.codes = std::move(codes);
  return answer;
}

inline Answer numberAnswer(const std::string& itemId, double number) {
  Answer answer;
  answer.itemId = itemId;
  answer.number = number;
  return answer;
}

inline Answer textAnswer(const std::string& itemId, const std::string& text) {
  Answer answer;
  answer.itemId = itemId;
  answer.text = text;
  return answer;
}

inline Answer nonAnswer(const std::string& itemId, NonAnswer kind) {
  Answer answer;
  answer.itemId = itemId;
  answer.nonAnswer = kind;
  return answer;
}

/// A response to sampleDefinition() version `version` with one scale answer.
inline Response makeResponse(const std::string& submissionId, const std::string& court, const std::string& day,
                             int version = 1, const std::string& surveyId = "court_user") {
  Response response;
  response.submissionId = submissionId;
  response.surveyId = surveyId;
  response.version = version;
  response.courtCode = court;
  response.channel = Channel::Kiosk;
  response.language = "ru";
  response.givenOn = *Date::parse(day);
  response.answers = {codeAnswer("overall", 4)};
  return response;
}

/// A query; empty arguments do not filter.
inline ResponseQuery makeQuery(const std::string& surveyId, std::vector<std::string> courts = {},
                               std::vector<std::string> regions = {}, std::optional<Date> from = {},
                               std::optional<Date> to = {}) {
  ResponseQuery query;
  query.surveyId = surveyId;
  query.courts = std::move(courts);
  query.regions = std::move(regions);
  query.from = from;
  query.to = to;
  return query;
}

}  // namespace courtvoice::surveys::testing
