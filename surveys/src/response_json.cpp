#include "courtvoice/surveys/response_json.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <cmath>

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/invitation_code.hpp"
#include "json_support.hpp"

namespace courtvoice::surveys {
namespace {

using detail::ObjectReader;
using detail::Problems;
using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr std::size_t kMaxCourtCodeLength = 32;
constexpr std::size_t kMaxLanguageLength = 8;

bool isAlnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Court codes are upper case exactly as in the registry; no case folding.
bool validCourtCode(const std::string& code) {
  return !code.empty() && code.size() <= kMaxCourtCodeLength &&
         std::all_of(code.begin(), code.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'; });
}

class ResponseReader {
 public:
  ResponseReader(const SurveyDefinition& def, const ResponseLimits& limits, bool allowDate, Problems& problems)
      : def_(def), limits_(limits), allowDate_(allowDate), problems_(problems) {}

  Response read(const Poco::Dynamic::Var& root) {
    Response response;
    response.surveyId = def_.id;
    response.version = def_.version;
    if (detail::kindOf(root) != detail::JsonKind::Object) {
      problems_.add("wrong_type", "a response must be a JSON object", "");
      return response;
    }
    const ObjectReader in(root.extract<Object::Ptr>(), "", problems_);
    in.refuseUnknownKeys(
        {"submission_id", "court", "channel", "language", "version", "date", "answers", "invitation_code"});

    // Strings are first read with a generous cap so that an over-long value is reported by its rule.
    const std::size_t readCap = limits_.maxIdLength + kMaxCourtCodeLength;
    if (auto id = in.string("submission_id", true, readCap)) {
      if (isValidSubmissionId(*id, limits_.maxIdLength)) {
        response.submissionId = *id;
      } else {
        problems_.add("invalid_format",
                      "submission_id must be " + std::to_string(kMinSubmissionIdLength) + " to " +
                          std::to_string(limits_.maxIdLength) + " of A-Z, a-z, 0-9, _ and -",
                      "submission_id");
      }
    }
    if (auto court = in.string("court", true, readCap)) {
      if (validCourtCode(*court)) {
        response.courtCode = *court;
      } else {
        problems_.add("invalid_format", "court must be 1 to 32 of A-Z, 0-9, _ and -", "court");
      }
    }
    if (auto channel = in.string("channel", true, readCap)) {
      if (auto parsed = parseChannel(*channel)) {
        response.channel = *parsed;
        // Paper forms are typed in by staff and arrive only through the bulk import.
        if (*parsed == Channel::Paper && !allowDate_) {
          problems_.add("not_allowed", "paper responses are accepted only through the import", "channel");
        }
      } else {
        problems_.add("unknown_value", "channel must be kiosk, web or paper", "channel");
      }
    }
    if (auto language = in.string("language", true, kMaxLanguageLength)) response.language = *language;
    if (auto version = in.integer("version", false)) response.version = *version;
    if (!allowDate_) {
      if (in.has("date")) problems_.add("not_allowed", "the day is recorded by the server", "date");
    } else if (auto date = in.string("date", true, readCap)) {
      if (auto parsed = Date::parse(*date)) {
        response.givenOn = *parsed;
      } else {
        problems_.add("invalid_format", "date must be an existing day written YYYY-MM-DD", "date");
      }
    }
    readInvitation(in, response);
    if (auto answers = in.object("answers", true)) readAnswers(*answers, response);
    return response;
  }

 private:
  // Only the code's hash is kept. Whether a code is required (staff and judge surveys) is the
  // submission service's rule; imports never carry one.
  void readInvitation(const ObjectReader& in, Response& response) {
    if (!in.has("invitation_code")) return;
    if (allowDate_) {
      problems_.add("not_allowed", "imported responses carry no invitation code", "invitation_code");
      return;
    }
    auto code = in.string("invitation_code", true, 64);
    if (!code) return;
    if (def_.audience == Audience::Citizen) {
      problems_.add("invitation_not_used", "this survey is open to everyone and takes no invitation code",
                    "invitation_code");
    } else if (auto normalised = normaliseInvitationCode(*code)) {
      response.invitationHash = hashInvitationCode(*normalised);
    } else {
      problems_.add("invitation_malformed",
                    "an invitation code is 16 of the symbols 2-9 and A-Z without I and O, e.g. K7QM-X2PD-9TRH-WC4N",
                    "invitation_code");
    }
  }

  void readAnswers(const Object& answers, Response& response) {
    if (answers.size() > limits_.maxAnswers) {
      problems_.add("too_many", "at most " + std::to_string(limits_.maxAnswers) + " answers are allowed", "answers");
      return;
    }
    std::vector<std::string> names;
    answers.getNames(names);
    // Report in the order of the definition, then unknown ids, so that errors read like the form.
    std::stable_sort(names.begin(), names.end(), [this](const std::string& a, const std::string& b) {
      return position(a) < position(b);
    });
    for (const std::string& itemId : names) {
      const std::string field = detail::join("answers", itemId);
      const Item* item = def_.findItem(itemId);
      if (item == nullptr) {
        problems_.add("unknown_item", "the survey has no item \"" + detail::keyForField(itemId) + "\"", field);
        continue;
      }
      Answer answer;
      answer.itemId = itemId;
      if (readAnswer(*item, answers.get(itemId), field, answer)) response.answers.push_back(std::move(answer));
    }
  }

  std::size_t position(const std::string& itemId) const {
    for (std::size_t i = 0; i < def_.items.size(); ++i) {
      if (def_.items[i].id == itemId) return i;
    }
    return def_.items.size();
  }

  bool readAnswer(const Item& item, const Poco::Dynamic::Var& value, const std::string& field, Answer& answer) {
    const detail::JsonKind kind = detail::kindOf(value);
    if (kind == detail::JsonKind::Object) return readNonAnswer(value.extract<Object::Ptr>(), field, answer);
    switch (item.type) {
      case ItemType::Agreement5:
      case ItemType::Satisfaction5:
      case ItemType::Scale5:
      case ItemType::Scale0to10:
      case ItemType::SingleChoice:
        if (auto code = detail::toInt(value, field, problems_)) {
          answer.code = *code;
          return true;
        }
        return false;
      case ItemType::MultipleChoice: return readCodes(value, field, answer);
      case ItemType::Number:
        if (kind == detail::JsonKind::Integer || kind == detail::JsonKind::Fraction) {
          answer.number = value.convert<double>();
          if (std::isfinite(answer.number)) return true;
          problems_.add("out_of_range", "the number is not finite", field);
          return false;
        }
        wrongType(field, "a number", kind);
        return false;
      case ItemType::Text:
        if (auto text = detail::toString(value, field, limits_.maxTextLength, problems_)) {
          answer.text = std::move(*text);
          return true;
        }
        return false;
    }
    return false;
  }

  bool readCodes(const Poco::Dynamic::Var& value, const std::string& field, Answer& answer) {
    const detail::JsonKind kind = detail::kindOf(value);
    if (kind != detail::JsonKind::Array) {
      wrongType(field, "an array of option codes", kind);
      return false;
    }
    const auto array = value.extract<Array::Ptr>();
    if (array->size() > limits_.maxChoices) {
      problems_.add("too_many", "at most " + std::to_string(limits_.maxChoices) + " choices are allowed", field);
      return false;
    }
    bool ok = true;
    for (std::size_t i = 0; i < array->size(); ++i) {
      if (auto code = detail::toInt(detail::at(array, i), field, problems_)) {
        answer.codes.push_back(*code);
      } else {
        ok = false;
      }
    }
    return ok;
  }

  bool readNonAnswer(const Object::Ptr& object, const std::string& field, Answer& answer) {
    std::vector<std::string> names;
    object->getNames(names);
    if (names.size() != 1 || names.front() != "non_answer") {
      problems_.add("wrong_type", "an object answer must be {\"non_answer\": \"...\"} and nothing else", field);
      return false;
    }
    const Poco::Dynamic::Var value = object->get("non_answer");
    auto name = detail::toString(value, field, 32, problems_);
    if (!name) return false;
    auto nonAnswer = parseNonAnswer(*name);
    if (!nonAnswer) {
      problems_.add("unknown_value", "non_answer must be not_applicable, dont_know or no_opinion", field);
      return false;
    }
    answer.nonAnswer = *nonAnswer;
    return true;
  }

  void wrongType(const std::string& field, const char* expected, detail::JsonKind kind) {
    problems_.add("wrong_type", std::string("must be ") + expected + ", not " + detail::describe(kind), field);
  }

  const SurveyDefinition& def_;
  const ResponseLimits& limits_;
  bool allowDate_;
  Problems& problems_;
};

}  // namespace

Response parseResponse(const std::string& json, const SurveyDefinition& def, const ResponseLimits& limits,
                       bool allowDate) {
  Problems problems;
  Response response;
  if (auto root = detail::parseJson(json, problems)) response = ResponseReader(def, limits, allowDate, problems).read(*root);
  if (!problems.empty()) throw DomainError(problems.take());
  return response;
}

bool isValidSubmissionId(std::string_view id, std::size_t maxLength) {
  return id.size() >= kMinSubmissionIdLength && id.size() <= maxLength &&
         std::all_of(id.begin(), id.end(), [](char c) { return isAlnum(c) || c == '_' || c == '-'; });
}

}  // namespace courtvoice::surveys
