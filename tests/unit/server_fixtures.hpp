#pragma once
// Shared pieces of the server unit tests: a small survey, a clock the test sets, and services
// over the in-memory stores.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "../support/in_memory_stores.hpp"
#include "courtvoice/server/admin_service.hpp"
#include "courtvoice/server/submission_service.hpp"
#include "courtvoice/server/summary_service.hpp"
#include "courtvoice/surveys/date.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "support/domain_error_of.hpp"

namespace courtvoice::server::testing {

/// Four items: a required agreement item with N/A, a yes/no question, an agreement item shown
/// only after "yes", and a comment.
inline const std::string kSurveyJson = R"({
  "id": "unit_survey", "audience": "citizen", "languages": ["kk", "ru", "en"], "min_group_size": 5,
  "title": {"kk": "Сауалнама", "ru": "Опрос", "en": "Survey"},
  "items": [
    {"id": "access_find", "type": "agreement5", "dimension": "access", "required": true,
     "non_answers": ["not_applicable"],
     "text": {"kk": "Сотты табу оңай болды.", "ru": "Суд было легко найти.", "en": "Finding the court was easy."}},
    {"id": "appeared", "type": "single_choice", "dimension": "background",
     "options": [{"code": 1, "label": {"kk": "Иә", "ru": "Да", "en": "Yes"}},
                 {"code": 2, "label": {"kk": "Жоқ", "ru": "Нет", "en": "No"}}],
     "text": {"kk": "Сіз судьяның алдында болдыңыз ба?", "ru": "Вы были у судьи?", "en": "Did you appear before a judge?"}},
    {"id": "fair_listened", "type": "agreement5", "dimension": "fairness",
     "show_if": {"item": "appeared", "any_of": [1]},
     "text": {"kk": "Судья мені тыңдады.", "ru": "Судья меня выслушал.", "en": "The judge listened to me."}},
    {"id": "comment", "type": "text", "dimension": "comment", "max_length": 200,
     "text": {"kk": "Пікір", "ru": "Комментарий", "en": "Comment"}}
  ],
  "indices": [{"id": "access_index", "name": {"kk": "Қолжетімділік", "ru": "Доступность", "en": "Access"},
               "dimensions": ["access"]}]
})";

using surveys::testing::domainErrorOf;

/// Whether the error, or one of the problems it lists, names `field`.
inline bool hasField(const surveys::DomainError& error, const std::string& field) {
  for (const auto& e : error.errors()) {
    if (e.field == field) return true;
  }
  return error.field() == field;
}

class FakeClock final : public surveys::Clock {
 public:
  surveys::Date today() const override { return today_; }
  void set(const surveys::Date& date) { today_ = date; }

 private:
  surveys::Date today_{2025, 3, 14};
};

inline surveys::Court makeCourt(const std::string& code, const std::string& region, bool active = true) {
  return {code, {{"kk", code + " соты"}, {"ru", "Суд " + code}, {"en", code + " Court"}}, region, "district", active};
}

/// In-memory stores, two courts (ALM-01 in almaty_city, AST-01 in astana) and the services.
struct ServiceFixture {
  ServiceFixture() {
    courts.upsert(makeCourt("ALM-01", "almaty_city"));
    courts.upsert(makeCourt("AST-01", "astana"));
  }

  /// Creates and publishes kSurveyJson; returns its version.
  int publishSurvey() {
    const int version = admin.createVersion(kSurveyJson).version;
    admin.publish("unit_survey", version);
    return version;
  }

  std::size_t storedResponses() { return responses.size(); }

  /// Imports paper responses of unit_survey `version` in `court` on `day`, one per access_find
  /// value; with `appeared`, each also answers appeared (1 for values of 4 and 5, else 2).
  void importAccessFind(int version, const surveys::Date& day, const std::vector<int>& values, const std::string& court,
                        bool appeared) {
    std::vector<surveys::Response> list;
    for (const int value : values) {
      surveys::Response r;
      r.submissionId = "unit-" + std::to_string(++importedResponses);
      r.surveyId = "unit_survey";
      r.version = version;
      r.courtCode = court;
      r.channel = surveys::Channel::Paper;
      r.language = "ru";
      r.givenOn = day;
      r.answers.push_back({"access_find", std::nullopt, value, {}, 0, ""});
      if (appeared) r.answers.push_back({"appeared", std::nullopt, value >= 4 ? 1 : 2, {}, 0, ""});
      list.push_back(r);
    }
    admin.importResponses(*surveys.findPublished("unit_survey"), list);
  }

  surveys::testing::InMemorySurveyStore surveys;
  surveys::testing::InMemoryCourtStore courts;
  surveys::testing::InMemoryResponseStore responses{&courts};
  FakeClock clock;
  SubmissionService submission{surveys, responses, courts, clock};
  AdminService admin{surveys, responses, courts, clock};
  analytics::ResultsEngine engine{responses};
  SummaryService summary{surveys, engine, courts};
  int importedResponses = 0;
};

/// A valid response body with the given submission id, court and answers.
inline std::string responseBody(const std::string& submissionId, const std::string& answers,
                                const std::string& court = "ALM-01", const std::string& extra = "") {
  return R"({"submission_id": ")" + submissionId + R"(", "court": ")" + court +
         R"(", "channel": "kiosk", "language": "ru", )" + extra + R"("answers": )" + answers + "}";
}

}  // namespace courtvoice::server::testing
