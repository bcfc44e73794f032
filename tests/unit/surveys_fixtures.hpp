#pragma once
// Shared fixtures for the surveys core unit tests: a small valid instrument, in code and in JSON.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::surveys::fixtures {

inline LocalizedText tri(const std::string& kk, const std::string& ru, const std::string& en) {
  return {{"kk", kk}, {"ru", ru}, {"en", en}};
}

/// A valid court-user instrument covering every item type and a condition on each kind of item.
inline SurveyDefinition sampleDefinition() {
  SurveyDefinition def;
  def.id = "court_user";
  def.audience = Audience::Citizen;
  def.languages = {"kk", "ru", "en"};
  def.title = tri("Сотқа келушілер сауалнамасы", "Опрос посетителей суда", "Court user survey");
  def.intro = tri("Сауалнама анонимді.", "Опрос анонимный.", "The survey is anonymous.");
  def.thanks = tri("Рахмет!", "Спасибо!", "Thank you!");

  Item access;
  access.id = "access_find";
  access.type = ItemType::Agreement5;
  access.dimension = "access";
  access.allowedNonAnswers = {NonAnswer::NotApplicable};
  access.text = tri("Сот ғимаратын табу оңай болды.", "Здание суда было легко найти.",
                    "Finding the courthouse was easy.");

  Item appeared;
  appeared.id = "appeared";
  appeared.type = ItemType::SingleChoice;
  appeared.dimension = "background";
  appeared.text = tri("Бүгін судьяның алдына шықтыңыз ба?", "Вы сегодня были на заседании?",
                      "Did you appear before a judge today?");
  appeared.options = {{1, tri("Иә", "Да", "Yes")}, {2, tri("Жоқ", "Нет", "No")}};

  Item fair;
  fair.id = "fair_listened";
  fair.type = ItemType::Agreement5;
  fair.dimension = "fairness";
  fair.allowedNonAnswers = {NonAnswer::NotApplicable, NonAnswer::DontKnow};
  fair.showIf = Condition{"appeared", {1}};
  fair.text = tri("Судья менің уәжімді тыңдады.", "Судья выслушал мою позицию.",
                  "The judge listened to my side of the story.");

  Item reasons;
  reasons.id = "reasons";
  reasons.type = ItemType::MultipleChoice;
  reasons.dimension = "background";
  reasons.text = tri("Неге келдіңіз?", "Зачем вы пришли?", "Why did you come?");
  reasons.options = {{1, tri("Сот отырысы", "Заседание", "Hearing")},
                     {2, tri("Құжат алу", "Получить документ", "Get a document")},
                     {3, tri("Ақпарат", "Информация", "Information")}};

  Item docs;
  docs.id = "docs_clear";
  docs.type = ItemType::Satisfaction5;
  docs.dimension = "access";
  docs.allowedNonAnswers = {NonAnswer::NoOpinion};
  docs.showIf = Condition{"reasons", {2, 3}};
  docs.text = tri("Құжаттар түсінікті болды.", "Документы были понятны.", "The documents were clear.");

  Item overall;
  overall.id = "overall";
  overall.type = ItemType::Satisfaction5;
  overall.dimension = "overall";
  overall.required = true;
  overall.text = tri("Жалпы қанағаттандыңыз ба?", "В целом вы удовлетворены?", "Overall, are you satisfied?");

  Item recommend;
  recommend.id = "recommend";
  recommend.type = ItemType::Scale0to10;
  recommend.dimension = "overall";
  recommend.text = tri("Ұсынасыз ба?", "Порекомендуете?", "Would you recommend?");

  Item visits;
  visits.id = "visits";
  visits.type = ItemType::Number;
  visits.dimension = "background";
  visits.min = 0;
  visits.max = 100;
  visits.text = tri("Неше рет келдіңіз?", "Сколько раз вы приходили?", "How many visits?");

  Item comment;
  comment.id = "comment";
  comment.type = ItemType::Text;
  comment.dimension = "comment";
  comment.maxLength = 10;
  comment.text = tri("Пікіріңіз", "Ваш комментарий", "Your comment");

  def.items = {access, appeared, fair, reasons, docs, overall, recommend, visits, comment};
  def.indices = {{"access_index", tri("Қолжетімділік индексі", "Индекс доступности", "Access index"), {"access"}}};
  def.version = 3;
  return def;
}

/// Runs `action`, expects a DomainError and returns its list of problems.
template <typename Action>
std::vector<ValidationError> problemsOf(Action&& action) {
  try {
    action();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Invalid);
    if (e.errors().empty()) return {{e.code(), e.what(), e.field()}};
    return e.errors();
  }
  ADD_FAILURE() << "expected a DomainError";
  return {};
}

/// True when `errors` holds a problem with this code at this field.
inline bool hasProblem(const std::vector<ValidationError>& errors, const std::string& code, const std::string& field) {
  for (const ValidationError& error : errors) {
    if (error.code == code && error.field == field) return true;
  }
  return false;
}

inline std::string describe(const std::vector<ValidationError>& errors) {
  std::string out;
  for (const ValidationError& error : errors) out += "\n  " + error.field + ": " + error.code + " (" + error.message + ")";
  return out.empty() ? "\n  (no problems)" : out;
}

/// Asserts that `errors` holds exactly one problem, with this code and field.
#define EXPECT_ONLY_PROBLEM(errors, code, field)                                            \
  do {                                                                                      \
    const auto& problems_ = (errors);                                                       \
    EXPECT_EQ(problems_.size(), 1u) << ::courtvoice::surveys::fixtures::describe(problems_); \
    EXPECT_TRUE(::courtvoice::surveys::fixtures::hasProblem(problems_, code, field))        \
        << "want " << (field) << ": " << (code) << ::courtvoice::surveys::fixtures::describe(problems_); \
  } while (false)

/// Asserts that `errors` holds a problem with this code and field (among others).
#define EXPECT_PROBLEM(errors, code, field)                                          \
  EXPECT_TRUE(::courtvoice::surveys::fixtures::hasProblem((errors), code, field))    \
      << "want " << (field) << ": " << (code) << ::courtvoice::surveys::fixtures::describe(errors)

}  // namespace courtvoice::surveys::fixtures
