#pragma once
// The JSON form of a submitted response (docs/api.md):
// {"submission_id": "...", "court": "...", "channel": "kiosk", "language": "ru",
//  "date": "2025-03-14" (bulk import only),
//  "answers": {"item_id": 4, "other": [1,3], "comment": "text", "num": 2.5,
//              "fair_judge": {"non_answer": "not_applicable"}}}
#include <string>
#include <string_view>

#include "courtvoice/surveys/response.hpp"

namespace courtvoice::surveys {

/// Shortest submission_id accepted: long enough that client-generated ids do not collide.
inline constexpr std::size_t kMinSubmissionIdLength = 8;

/// A submission_id is kMinSubmissionIdLength..maxLength characters of [A-Za-z0-9_-]; the same
/// rule for the API and for paper imports.
bool isValidSubmissionId(std::string_view id, std::size_t maxLength);

/// Limits that keep one request cheap to check and store.
struct ResponseLimits {
  std::size_t maxAnswers = 200;
  std::size_t maxTextLength = 4000;      ///< code points, hard cap over any item's maxLength
  std::size_t maxChoices = 50;
  std::size_t maxIdLength = 64;          ///< submission_id, court, item ids
};

/// Parses the response object against the definition's item types (the shape of each value is
/// decided by the item's type). Throws DomainError(Invalid) naming the field of every
/// structural problem ("answers.q1", "submission_id", ...). Does not apply the rules of
/// validateResponse. `allowDate` is true only for bulk import; otherwise "date" is refused.
Response parseResponse(const std::string& json, const SurveyDefinition& def, const ResponseLimits& limits,
                       bool allowDate);

}  // namespace courtvoice::surveys
