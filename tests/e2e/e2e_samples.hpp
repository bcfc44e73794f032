#pragma once
// Inputs the end-to-end tests send: a small survey in three languages and two courts.
#include <string>

#include "server_fixture.hpp"

namespace courtvoice::e2e {

inline const std::string kSurveyId = "e2e_survey";

/// access_find (required, N/A allowed), appeared (yes/no), fair_listened (only after "yes"),
/// comment (text, at most 200 characters).
inline const std::string kSurveyJson = R"({
  "id": "e2e_survey", "audience": "citizen", "languages": ["kk", "ru", "en"], "min_group_size": 5,
  "title": {"kk": "Сот туралы сауалнама", "ru": "Опрос о суде", "en": "Court survey"},
  "intro": {"kk": "Анонимді.", "ru": "Анонимно.", "en": "Anonymous."},
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
     "text": {"kk": "Пікіріңіз", "ru": "Ваш комментарий", "en": "Your comment"}}
  ],
  "indices": [{"id": "access_index", "name": {"kk": "Қолжетімділік", "ru": "Доступность", "en": "Access"},
               "dimensions": ["access"]}]
})";

inline const std::string kCourtsJson = R"([
  {"code": "ALM-01", "name": {"kk": "Алматы аудандық соты", "ru": "Районный суд Алматы", "en": "Almaty District Court"},
   "region": "almaty_city", "level": "district", "active": true},
  {"code": "AST-01", "name": {"kk": "Астана аудандық соты", "ru": "Районный суд Астаны", "en": "Astana District Court"},
   "region": "astana", "level": "district", "active": true}
])";

/// A response body; `extra` is inserted before "answers" (e.g. R"("version": 2, )").
inline std::string responseJson(const std::string& submissionId, const std::string& answers,
                                const std::string& court = "ALM-01", const std::string& extra = "") {
  return R"({"submission_id": ")" + submissionId + R"(", "court": ")" + court +
         R"(", "channel": "web", "language": "ru", )" + extra + R"("answers": )" + answers + "}";
}

/// Loads the courts, creates and publishes kSurveyJson over HTTP; returns the version.
inline int setUpPublishedSurvey(const ServerProcess& server) {
  const auto courts = http(server.port(), "POST", "/api/v1/admin/courts", kCourtsJson, server.adminHeaders());
  if (courts.status != 200) throw std::runtime_error("courts: " + courts.body);
  const auto created = http(server.port(), "POST", "/api/v1/admin/surveys", kSurveyJson, server.adminHeaders());
  if (created.status != 201) throw std::runtime_error("create: " + created.body);
  const int version = created.object()->getValue<int>("version");
  const auto published = http(server.port(), "POST",
                              "/api/v1/admin/surveys/" + kSurveyId + "/versions/" + std::to_string(version) + "/publish",
                              "", server.adminHeaders());
  if (published.status != 200) throw std::runtime_error("publish: " + published.body);
  return version;
}

}  // namespace courtvoice::e2e
