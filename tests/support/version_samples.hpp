#pragma once
// The second version of the small test survey that the server unit tests (server_fixtures.hpp)
// and the end-to-end tests (e2e/e2e_samples.hpp) both start from, and dated paper responses to
// both versions, for the lifecycle and trend tests. The responses name court ALM-01, which both
// test court sets have.
#include <cstddef>
#include <string>
#include <vector>

namespace courtvoice::surveys::testing {

/// Version 2 of the four-item test survey `surveyId`: access_find and appeared kept;
/// fair_listened reworded with series_break (it now asks whether the decision was explained);
/// wait_time new (timeliness, outside the access index); comment dropped.
inline std::string secondVersionJson(const std::string& surveyId) {
  return R"({
  "id": ")" + surveyId + R"(", "audience": "citizen", "languages": ["kk", "ru", "en"], "min_group_size": 5,
  "title": {"kk": "Сауалнама 2", "ru": "Опрос 2", "en": "Survey 2"},
  "items": [
    {"id": "access_find", "type": "agreement5", "dimension": "access", "required": true,
     "non_answers": ["not_applicable"],
     "text": {"kk": "Сотты табу оңай болды.", "ru": "Суд было легко найти.", "en": "Finding the court was easy."}},
    {"id": "appeared", "type": "single_choice", "dimension": "background",
     "options": [{"code": 1, "label": {"kk": "Иә", "ru": "Да", "en": "Yes"}},
                 {"code": 2, "label": {"kk": "Жоқ", "ru": "Нет", "en": "No"}}],
     "text": {"kk": "Сіз судьяның алдында болдыңыз ба?", "ru": "Вы были у судьи?", "en": "Did you appear before a judge?"}},
    {"id": "fair_listened", "type": "agreement5", "dimension": "fairness", "series_break": true,
     "show_if": {"item": "appeared", "any_of": [1]},
     "text": {"kk": "Судья шешімді түсіндірді.", "ru": "Судья объяснил решение.", "en": "The judge explained the decision."}},
    {"id": "wait_time", "type": "agreement5", "dimension": "timeliness",
     "text": {"kk": "Күту ұзақ болмады.", "ru": "Ждать пришлось недолго.", "en": "The wait was short."}}
  ],
  "indices": [{"id": "access_index", "name": {"kk": "Қолжетімділік", "ru": "Доступность", "en": "Access"},
               "dimensions": ["access"]}]
})";
}

/// One paper response for import (court ALM-01, Russian) with its day.
inline std::string datedResponse(const std::string& submissionId, const std::string& date, const std::string& answers) {
  return R"({"submission_id": ")" + submissionId + R"(", "court": "ALM-01", "channel": "paper", "language": "ru", "date": ")" +
         date + R"(", "answers": )" + answers + "}";
}

/// The body of POST /api/v1/admin/surveys/{id}/responses/import.
inline std::string importBodyOf(int version, const std::vector<std::string>& responses) {
  std::string list;
  for (const auto& response : responses) list += (list.empty() ? "" : ",") + response;
  return R"({"version": )" + std::to_string(version) + R"(, "responses": [)" + list + "]}";
}

// The answers of the trend sample, one entry per respondent; all of them appeared before a judge.
inline const std::vector<int> kAccessQ1 = {1, 2, 2, 3, 3, 4, 4, 2, 1, 3};  // version 1
inline const std::vector<int> kFairQ1 = {4, 4, 5, 4, 3, 5, 4, 4, 2, 5};
inline const std::vector<int> kAccessQ2 = {5, 4, 5, 4, 4, 5, 3, 4, 5, 4};  // version 2
inline const std::vector<int> kFairQ2 = {2, 3, 2, 1, 2, 3, 2, 4, 1, 2};
inline const std::vector<int> kWaitQ2 = {3, 4, 4, 5, 3, 4, 4, 3, 5, 4};

/// Ten responses to version 1 in Q1 2025 (on the 12th of January, February and March in turn, so
/// that the quarter is complete, not partial): access_find kAccessQ1, fair_listened kFairQ1.
inline std::vector<std::string> trendResponsesV1() {
  std::vector<std::string> responses;
  for (std::size_t i = 0; i < kAccessQ1.size(); ++i) {
    responses.push_back(datedResponse("q1-response-" + std::to_string(i), "2025-0" + std::to_string(1 + i % 3) + "-12",
                                      R"({"access_find": )" + std::to_string(kAccessQ1[i]) +
                                          R"(, "appeared": 1, "fair_listened": )" + std::to_string(kFairQ1[i]) + "}"));
  }
  return responses;
}

/// Ten responses to version 2 in Q2 2025 (on the 14th of April, May and June in turn) and two on
/// 2025-08-20 (Q3, under the minimum group size of 5) that answer access_find 4 and 5 only.
inline std::vector<std::string> trendResponsesV2() {
  std::vector<std::string> responses;
  for (std::size_t i = 0; i < kAccessQ2.size(); ++i) {
    responses.push_back(datedResponse("q2-response-" + std::to_string(i), "2025-0" + std::to_string(4 + i % 3) + "-14",
                                      R"({"access_find": )" + std::to_string(kAccessQ2[i]) +
                                          R"(, "appeared": 1, "fair_listened": )" + std::to_string(kFairQ2[i]) +
                                          R"(, "wait_time": )" + std::to_string(kWaitQ2[i]) + "}"));
  }
  responses.push_back(datedResponse("q3-response-0", "2025-08-20", R"({"access_find": 4})"));
  responses.push_back(datedResponse("q3-response-1", "2025-08-20", R"({"access_find": 5})"));
  return responses;
}

}  // namespace courtvoice::surveys::testing
