#include "courtvoice/surveys/response_validation.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "json_support.hpp"

namespace courtvoice::surveys {
namespace {

using detail::Problems;

bool hasOption(const Item& item, int code) {
  return std::any_of(item.options.begin(), item.options.end(), [code](const Option& option) { return option.code == code; });
}

void checkValue(const Item& item, const Answer& answer, const std::string& field, Problems& problems) {
  if (answer.nonAnswer) {
    if (item.allowedNonAnswers.count(*answer.nonAnswer) == 0) {
      problems.add("non_answer_not_allowed", "\"" + toString(*answer.nonAnswer) + "\" is not offered for this item",
                   field);
    }
    return;
  }
  switch (item.type) {
    case ItemType::Agreement5:
    case ItemType::Satisfaction5:
    case ItemType::Scale5:
    case ItemType::Scale0to10:
      if (answer.code < scaleMin(item.type) || answer.code > scaleMax(item.type)) {
        problems.add("out_of_range",
                     "the answer must be between " + std::to_string(scaleMin(item.type)) + " and " +
                         std::to_string(scaleMax(item.type)),
                     field);
      }
      return;
    case ItemType::SingleChoice:
      if (!hasOption(item, answer.code)) {
        problems.add("invalid_option", std::to_string(answer.code) + " is not an option of this item", field);
      }
      return;
    case ItemType::MultipleChoice: {
      if (answer.codes.empty()) problems.add("empty_choice", "choose at least one option", field);
      std::set<int> seen;
      for (const int code : answer.codes) {
        if (!hasOption(item, code)) {
          problems.add("invalid_option", std::to_string(code) + " is not an option of this item", field);
        } else if (!seen.insert(code).second) {
          problems.add("duplicate_choice", "option " + std::to_string(code) + " is chosen twice", field);
        }
      }
      return;
    }
    case ItemType::Number:
      if (!std::isfinite(answer.number) || answer.number < item.min || answer.number > item.max) {
        problems.add("out_of_range", "the number must be between " + detail::formatNumber(item.min) + " and " +
                                         detail::formatNumber(item.max),
                     field);
      }
      return;
    case ItemType::Text:
      if (!detail::isValidUtf8(answer.text)) {
        problems.add("invalid_utf8", "the text is not valid UTF-8", field);
      } else if (detail::codePointCount(answer.text) > static_cast<std::size_t>(std::max(item.maxLength, 0))) {
        problems.add("too_long", "the text may have at most " + std::to_string(item.maxLength) + " characters", field);
      }
      return;
  }
}

// A value the respondent gave: not a non-answer, and for a text item at least one non-blank
// character (the page sends no text for an empty box, but another client could send "  ").
// An answer to an unknown item counts: it is refused as unknown_item, not as empty.
bool isSubstantive(const SurveyDefinition& def, const Answer& answer) {
  if (answer.nonAnswer) return false;
  const Item* item = def.findItem(answer.itemId);
  if (item == nullptr || item->type != ItemType::Text) return true;
  return answer.text.find_first_not_of(" \t\r\n") != std::string::npos;
}

}  // namespace

bool isVisible(const Item& item, const Response& response) {
  if (!item.showIf) return true;
  const Answer* answer = response.findAnswer(item.showIf->itemId);
  // A skipped question or a non-answer does not satisfy a condition on codes.
  if (answer == nullptr || answer->nonAnswer) return false;
  const std::vector<int>& anyOf = item.showIf->anyOf;
  const auto listed = [&anyOf](int code) { return std::find(anyOf.begin(), anyOf.end(), code) != anyOf.end(); };
  if (!answer->codes.empty()) return std::any_of(answer->codes.begin(), answer->codes.end(), listed);
  return listed(answer->code);
}

std::vector<ValidationError> validateResponse(const SurveyDefinition& def, const Response& response) {
  Problems problems;
  if (std::find(def.languages.begin(), def.languages.end(), response.language) == def.languages.end()) {
    problems.add("unsupported_language", "the survey is not available in \"" + detail::keyForField(response.language) + "\"",
                 "language");
  }
  std::set<std::string> answered;
  for (const Answer& answer : response.answers) {
    const std::string field = detail::join("answers", answer.itemId);
    const Item* item = def.findItem(answer.itemId);
    if (item == nullptr) {
      problems.add("unknown_item", "the survey has no item \"" + detail::keyForField(answer.itemId) + "\"", field);
      continue;
    }
    if (!answered.insert(answer.itemId).second) {
      problems.add("duplicate_answer", "the item is answered twice", field);
      continue;
    }
    if (!isVisible(*item, response)) {
      problems.add("hidden_item", "the item is not shown for the answers given, so it cannot be answered", field);
      continue;
    }
    checkValue(*item, answer, field, problems);
  }
  for (const Item& item : def.items) {
    if (item.required && answered.count(item.id) == 0 && isVisible(item, response)) {
      problems.add("required", "this item must be answered", detail::join("answers", item.id));
    }
  }
  // Last, and only when nothing else is wrong: a response whose answers are each refused, or that
  // misses a required item, is told about those, not also that it is empty.
  std::vector<ValidationError> found = problems.take();
  if (found.empty() && std::none_of(response.answers.begin(), response.answers.end(),
                                    [&def](const Answer& answer) { return isSubstantive(def, answer); })) {
    found.push_back({"empty_response", "the response answers no question: at least one answer is needed", "answers"});
  }
  return found;
}

}  // namespace courtvoice::surveys
