#pragma once
// A response in long format: one Answer per item answered. Nothing about the respondent is
// kept beyond what they chose to answer, the court, the channel, the language and the day.
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/surveys/date.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::surveys {

enum class Channel { Kiosk, Web, Paper };
std::string toString(Channel);
std::optional<Channel> parseChannel(const std::string&);

/// Exactly one of the value fields is meaningful, by the item's type, unless nonAnswer is set.
struct Answer {
  std::string itemId;
  std::optional<NonAnswer> nonAnswer;
  int code = 0;                 ///< scale value or single option code
  std::vector<int> codes;       ///< multiple choice
  double number = 0;            ///< Number items
  std::string text;             ///< Text items (UTF-8)
};

struct Response {
  std::string submissionId;     ///< client-generated, unique; retries reuse it
  std::string surveyId;
  int version = 0;
  std::string courtCode;
  Channel channel = Channel::Web;
  std::string language;         ///< "kk", "ru" or "en"
  Date givenOn;                 ///< the day only
  std::vector<Answer> answers;
  /// SHA-256 (32 raw bytes) of the normalised invitation code, empty when none was given. The
  /// store spends the code in the response's transaction and never stores it with the response.
  std::string invitationHash;

  const Answer* findAnswer(const std::string& itemId) const;
};

}  // namespace courtvoice::surveys
