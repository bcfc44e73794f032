// Responses: the JSON reader (shape of each answer decided by the item type, every problem named
// by field) and the rules of validateResponse (ranges, options, non-answers, conditions).
#include <gtest/gtest.h>

#include <string>

#include "courtvoice/surveys/response.hpp"
#include "courtvoice/surveys/response_json.hpp"
#include "courtvoice/surveys/response_validation.hpp"
#include "surveys_fixtures.hpp"

namespace courtvoice::surveys {
namespace {

using fixtures::hasProblem;
using fixtures::problemsOf;
using fixtures::sampleDefinition;

const SurveyDefinition& definition() {
  static const SurveyDefinition def = sampleDefinition();
  return def;
}

// A response body with the given answers (a JSON object's members) and top-level fields.
std::string body(const std::string& answers, const std::string& top = R"("submission_id": "sub-000001",
    "court": "ALM-SMAS-01", "channel": "kiosk", "language": "ru",)") {
  return "{" + top + R"("answers": {)" + answers + "}}";
}

Response parse(const std::string& json, bool allowDate = false, const ResponseLimits& limits = {}) {
  return parseResponse(json, definition(), limits, allowDate);
}

std::vector<ValidationError> parseProblems(const std::string& json, bool allowDate = false,
                                           const ResponseLimits& limits = {}) {
  return problemsOf([&] { parse(json, allowDate, limits); });
}

std::string repeat(const std::string& piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

// Builds responses in code for the validation tests.
class Answers {
 public:
  Answers() {
    response_.submissionId = "sub-000001";
    response_.surveyId = "court_user";
    response_.version = 3;
    response_.courtCode = "ALM-SMAS-01";
    response_.language = "kk";
    response_.givenOn = {2025, 3, 14};
    code("overall", 4);  // the one required item
  }
  Answers& code(const std::string& item, int value) {
    Answer answer;
    answer.itemId = item;
    answer.code = value;
    return add(answer);
  }
  Answers& codes(const std::string& item, std::vector<int> values) {
    Answer answer;
    answer.itemId = item;
    answer.codes = std::move(values);
    return add(answer);
  }
  Answers& number(const std::string& item, double value) {
    Answer answer;
    answer.itemId = item;
    answer.number = value;
    return add(answer);
  }
  Answers& text(const std::string& item, const std::string& value) {
    Answer answer;
    answer.itemId = item;
    answer.text = value;
    return add(answer);
  }
  Answers& nonAnswer(const std::string& item, NonAnswer value) {
    Answer answer;
    answer.itemId = item;
    answer.nonAnswer = value;
    return add(answer);
  }
  Answers& without(const std::string& item) {
    std::erase_if(response_.answers, [&](const Answer& a) { return a.itemId == item; });
    return *this;
  }
  Answers& language(const std::string& lang) {
    response_.language = lang;
    return *this;
  }
  const Response& response() const { return response_; }
  std::vector<ValidationError> problems() const { return validateResponse(definition(), response_); }

 private:
  Answers& add(Answer answer) {
    response_.answers.push_back(std::move(answer));
    return *this;
  }
  Response response_;
};

// --- Channels and answers in code ------------------------------------------------------------------

TEST(ResponseChannel, UsesTheNamesOfTheApi) {
  EXPECT_EQ(toString(Channel::Kiosk), "kiosk");
  EXPECT_EQ(toString(Channel::Web), "web");
  EXPECT_EQ(toString(Channel::Paper), "paper");
  EXPECT_EQ(parseChannel("kiosk"), Channel::Kiosk);
  EXPECT_EQ(parseChannel("web"), Channel::Web);
  EXPECT_EQ(parseChannel("paper"), Channel::Paper);
  EXPECT_FALSE(parseChannel("Kiosk").has_value());
  EXPECT_FALSE(parseChannel("sms").has_value());
}

TEST(Response, FindsAnswersByItemId) {
  const Response response = Answers().code("recommend", 9).response();
  ASSERT_NE(response.findAnswer("recommend"), nullptr);
  EXPECT_EQ(response.findAnswer("recommend")->code, 9);
  EXPECT_EQ(response.findAnswer("visits"), nullptr);
}

// --- Reading JSON ----------------------------------------------------------------------------------

TEST(ResponseJson, ReadsEveryKindOfAnswer) {
  const Response response = parse(body(R"("access_find": 4, "appeared": 1, "reasons": [1, 3],
      "fair_listened": {"non_answer": "dont_know"}, "overall": 5, "recommend": 0, "visits": 2.5,
      "comment": "Рахмет!")"));
  EXPECT_EQ(response.submissionId, "sub-000001");
  EXPECT_EQ(response.surveyId, "court_user");
  EXPECT_EQ(response.version, 3);  // the definition's version when the body gives none
  EXPECT_EQ(response.courtCode, "ALM-SMAS-01");
  EXPECT_EQ(response.channel, Channel::Kiosk);
  EXPECT_EQ(response.language, "ru");
  ASSERT_EQ(response.answers.size(), 8u);
  EXPECT_EQ(response.findAnswer("access_find")->code, 4);
  EXPECT_FALSE(response.findAnswer("access_find")->nonAnswer.has_value());
  EXPECT_EQ(response.findAnswer("appeared")->code, 1);
  EXPECT_EQ(response.findAnswer("reasons")->codes, (std::vector<int>{1, 3}));
  EXPECT_EQ(response.findAnswer("fair_listened")->nonAnswer, NonAnswer::DontKnow);
  EXPECT_EQ(response.findAnswer("recommend")->code, 0);
  EXPECT_EQ(response.findAnswer("visits")->number, 2.5);
  EXPECT_EQ(response.findAnswer("comment")->text, "Рахмет!");
  EXPECT_TRUE(validateResponse(definition(), response).empty()) << fixtures::describe(validateResponse(definition(), response));
}

TEST(ResponseJson, TakesTheVersionFromTheBodyWhenGiven) {
  EXPECT_EQ(parse(body(R"("overall": 5)", R"("submission_id": "sub-000001", "court": "A", "channel": "web",
      "language": "en", "version": 2,)")).version, 2);
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("overall": 5)", R"("submission_id": "sub-000001", "court": "A",
      "channel": "web", "language": "en", "version": "2",)")), "wrong_type", "version");
}

TEST(ResponseJson, AcceptsAnIntegerWrittenWithAZeroFraction) {
  EXPECT_EQ(parse(body(R"("overall": 4.0)")).findAnswer("overall")->code, 4);
}

TEST(ResponseJson, RejectsMalformedJsonAndNonObjects) {
  EXPECT_ONLY_PROBLEM(parseProblems(R"({"submission_id": )"), "malformed_json", "");
  EXPECT_ONLY_PROBLEM(parseProblems(R"(["sub-000001"])"), "wrong_type", "");
}

TEST(ResponseJson, RejectsInvalidUtf8) {
  EXPECT_ONLY_PROBLEM(parseProblems(body("\"comment\": \"ok \xC3\x28\"")), "invalid_utf8", "answers.comment");
  EXPECT_ONLY_PROBLEM(parseProblems(body("\"comment\": \"\xED\xB0\x80\"")), "invalid_utf8", "answers.comment");
}

TEST(ResponseJson, RequiresTheTopLevelFields) {
  const std::string answers = R"("answers": {"overall": 5})";
  EXPECT_ONLY_PROBLEM(parseProblems(R"({"court": "A", "channel": "web", "language": "ru", )" + answers + "}"),
                      "missing_field", "submission_id");
  EXPECT_ONLY_PROBLEM(parseProblems(R"({"submission_id": "sub-000001", "channel": "web", "language": "ru", )" +
                                    answers + "}"),
                      "missing_field", "court");
  EXPECT_ONLY_PROBLEM(parseProblems(R"({"submission_id": "sub-000001", "court": "A", "language": "ru", )" +
                                    answers + "}"),
                      "missing_field", "channel");
  EXPECT_ONLY_PROBLEM(parseProblems(R"({"submission_id": "sub-000001", "court": "A", "channel": "web", )" +
                                    answers + "}"),
                      "missing_field", "language");
  EXPECT_ONLY_PROBLEM(parseProblems(R"({"submission_id": "sub-000001", "court": "A", "channel": "web",
                                        "language": "ru"})"),
                      "missing_field", "answers");
  EXPECT_ONLY_PROBLEM(parseProblems(R"({"submission_id": "sub-000001", "court": "A", "channel": "web",
                                        "language": "ru", "answers": [5]})"),
                      "wrong_type", "answers");
}

TEST(ResponseJson, RefusesUnknownTopLevelFields) {
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("overall": 5)", R"("submission_id": "sub-000001", "court": "A",
      "channel": "web", "language": "ru", "ip": "10.0.0.1",)")), "unknown_field", "ip");
}

TEST(ResponseJson, ChecksTheSubmissionId) {
  const auto withId = [](const std::string& id) {
    return body(R"("overall": 5)", R"("submission_id": ")" + id + R"(", "court": "A", "channel": "web", "language": "ru",)");
  };
  EXPECT_EQ(parse(withId("Ab_3-xY9")).submissionId, "Ab_3-xY9");  // 8, the shortest allowed
  EXPECT_EQ(parse(withId(repeat("a", 64))).submissionId, repeat("a", 64));
  for (const std::string& bad : {std::string("abc-123"), repeat("a", 65), std::string("abc 1234"),
                                std::string("abc.1234"), std::string("абвгдеёж")}) {
    EXPECT_ONLY_PROBLEM(parseProblems(withId(bad)), "invalid_format", "submission_id");
  }
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("overall": 5)", R"("submission_id": 12345678, "court": "A",
      "channel": "web", "language": "ru",)")), "wrong_type", "submission_id");
}

TEST(ResponseJson, ChecksTheCourtCodeExactly) {
  const auto withCourt = [](const std::string& court) {
    return body(R"("overall": 5)", R"("submission_id": "sub-000001", "court": ")" + court +
                                       R"(", "channel": "web", "language": "ru",)");
  };
  EXPECT_EQ(parse(withCourt(repeat("A", 32))).courtCode, repeat("A", 32));
  EXPECT_EQ(parse(withCourt("AST_2-09")).courtCode, "AST_2-09");
  for (const std::string& bad : {std::string(""), repeat("A", 33), std::string("alm-smas-01"), std::string("ALM 01"),
                                std::string("ALM/01")}) {
    EXPECT_ONLY_PROBLEM(parseProblems(withCourt(bad)), "invalid_format", "court");
  }
}

TEST(ResponseJson, ChecksTheChannel) {
  const auto withChannel = [](const std::string& channel) {
    return body(R"("overall": 5)", R"("submission_id": "sub-000001", "court": "A", "channel": ")" + channel +
                                       R"(", "language": "ru", "date": "2025-01-01",)");
  };
  EXPECT_EQ(parse(withChannel("web"), true).channel, Channel::Web);
  EXPECT_EQ(parse(withChannel("paper"), true).channel, Channel::Paper);
  EXPECT_ONLY_PROBLEM(parseProblems(withChannel("sms"), true), "unknown_value", "channel");
  EXPECT_ONLY_PROBLEM(parseProblems(withChannel("Kiosk"), true), "unknown_value", "channel");
}

TEST(ResponseJson, AcceptsPaperOnlyThroughTheImport) {
  const std::string paper = body(R"("overall": 5)", R"("submission_id": "sub-000001", "court": "A",
      "channel": "paper", "language": "ru",)");
  EXPECT_ONLY_PROBLEM(parseProblems(paper), "not_allowed", "channel");
}

TEST(ResponseJson, TakesTheDayOnlyForImports) {
  const auto withDate = [](const std::string& date) {
    return body(R"("overall": 5)", R"("submission_id": "sub-000001", "court": "A", "channel": "paper",
        "language": "ru", "date": ")" + date + R"(",)");
  };
  EXPECT_EQ(parse(withDate("2024-02-29"), true).givenOn, (Date{2024, 2, 29}));
  EXPECT_ONLY_PROBLEM(parseProblems(withDate("2023-02-29"), true), "invalid_format", "date");
  EXPECT_ONLY_PROBLEM(parseProblems(withDate("2025-3-1"), true), "invalid_format", "date");
  EXPECT_ONLY_PROBLEM(parseProblems(withDate("2025-03-01T10:00:00Z"), true), "invalid_format", "date");
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("overall": 5)", R"("submission_id": "sub-000001", "court": "A",
      "channel": "paper", "language": "ru",)"), true), "missing_field", "date");
  // Outside the import the server records the day; a client-sent date is refused.
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("overall": 5)", R"("submission_id": "sub-000001", "court": "A",
      "channel": "web", "language": "ru", "date": "2025-03-01",)")), "not_allowed", "date");
}

TEST(ResponseJson, RejectsAnswersToUnknownItems) {
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("overall": 5, "overal": 4)")), "unknown_item", "answers.overal");
}

TEST(ResponseJson, RejectsValuesOfTheWrongJsonType) {
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("access_find": "4")")), "wrong_type", "answers.access_find");
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("access_find": 4.5)")), "wrong_type", "answers.access_find");
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("access_find": true)")), "wrong_type", "answers.access_find");
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("access_find": null)")), "wrong_type", "answers.access_find");
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("recommend": 9.5)")), "wrong_type", "answers.recommend");
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("appeared": [1])")), "wrong_type", "answers.appeared");
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("reasons": 1)")), "wrong_type", "answers.reasons");
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("reasons": [1, "2"])")), "wrong_type", "answers.reasons");
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("reasons": [1.5])")), "wrong_type", "answers.reasons");
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("visits": "3")")), "wrong_type", "answers.visits");
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("comment": 42)")), "wrong_type", "answers.comment");
}

TEST(ResponseJson, ReadsNonAnswersStrictly) {
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("access_find": {"non_answer": "skipped"})")), "unknown_value",
                      "answers.access_find");
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("access_find": {"non_answer": 1})")), "wrong_type",
                      "answers.access_find");
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("access_find": {"non_answer": "not_applicable", "code": 4})")),
                      "wrong_type", "answers.access_find");
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("access_find": {})")), "wrong_type", "answers.access_find");
}

TEST(ResponseJson, RejectsIntegersThatDoNotFit) {
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("access_find": 4294967297)")), "out_of_range", "answers.access_find");
}

TEST(ResponseJson, EnforcesTheLimits) {
  ResponseLimits limits;
  limits.maxAnswers = 2;
  limits.maxChoices = 2;
  limits.maxTextLength = 5;
  EXPECT_NO_THROW(parse(body(R"("overall": 5, "reasons": [1, 2])"), false, limits));
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("overall": 5, "recommend": 9, "visits": 1)"), false, limits), "too_many",
                      "answers");
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("reasons": [1, 2, 3])"), false, limits), "too_many", "answers.reasons");
  // Five Kazakh letters are ten bytes but five code points: within the limit.
  EXPECT_EQ(parse(body(R"("comment": "әғқңө")"), false, limits).findAnswer("comment")->text, "әғқңө");
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("comment": "әғқңөұ")"), false, limits), "too_long", "answers.comment");
}

TEST(ResponseJson, DefaultLimitsCapTextAtFourThousandCodePoints) {
  const ResponseLimits limits;
  EXPECT_EQ(limits.maxTextLength, 4000u);
  EXPECT_EQ(parse(body(R"("comment": ")" + repeat("і", 4000) + "\"")).findAnswer("comment")->text.size(), 8000u);
  EXPECT_ONLY_PROBLEM(parseProblems(body(R"("comment": ")" + repeat("і", 4001) + "\"")), "too_long", "answers.comment");
}

TEST(ResponseJson, CollectsEveryProblem) {
  const auto problems = parseProblems(body(R"("access_find": "yes", "nope": 1, "reasons": {})",
                                           R"("submission_id": "short", "court": "A", "channel": "fax", "language": "ru",)"));
  EXPECT_EQ(problems.size(), 5u) << fixtures::describe(problems);
  EXPECT_PROBLEM(problems, "invalid_format", "submission_id");
  EXPECT_PROBLEM(problems, "unknown_value", "channel");
  EXPECT_PROBLEM(problems, "wrong_type", "answers.access_find");
  EXPECT_PROBLEM(problems, "wrong_type", "answers.reasons");
  EXPECT_PROBLEM(problems, "unknown_item", "answers.nope");
}

// --- Validation ------------------------------------------------------------------------------------

TEST(ResponseValidation, AcceptsAMinimalResponse) {
  EXPECT_TRUE(Answers().problems().empty()) << fixtures::describe(Answers().problems());
}

TEST(ResponseValidation, RejectsAnswerOutsideScale) {
  EXPECT_ONLY_PROBLEM(Answers().code("access_find", 0).problems(), "out_of_range", "answers.access_find");
  EXPECT_ONLY_PROBLEM(Answers().code("access_find", 6).problems(), "out_of_range", "answers.access_find");
  EXPECT_ONLY_PROBLEM(Answers().without("overall").code("overall", 6).problems(), "out_of_range", "answers.overall");
  EXPECT_ONLY_PROBLEM(Answers().code("recommend", 11).problems(), "out_of_range", "answers.recommend");
  EXPECT_ONLY_PROBLEM(Answers().code("recommend", -1).problems(), "out_of_range", "answers.recommend");
  EXPECT_TRUE(Answers().code("access_find", 1).code("recommend", 0).problems().empty());
  EXPECT_TRUE(Answers().code("access_find", 5).code("recommend", 10).problems().empty());
}

TEST(ResponseValidation, RejectsCodesThatAreNotOptions) {
  EXPECT_ONLY_PROBLEM(Answers().code("appeared", 3).problems(), "invalid_option", "answers.appeared");
  EXPECT_ONLY_PROBLEM(Answers().codes("reasons", {1, 4}).problems(), "invalid_option", "answers.reasons");
}

TEST(ResponseValidation, RejectsDuplicateAndEmptyMultipleChoices) {
  EXPECT_ONLY_PROBLEM(Answers().codes("reasons", {1, 1}).problems(), "duplicate_choice", "answers.reasons");
  EXPECT_ONLY_PROBLEM(Answers().codes("reasons", {}).problems(), "empty_choice", "answers.reasons");
}

TEST(ResponseValidation, AllowsOnlyTheNonAnswersTheItemOffers) {
  EXPECT_TRUE(Answers().nonAnswer("access_find", NonAnswer::NotApplicable).problems().empty());
  EXPECT_ONLY_PROBLEM(Answers().nonAnswer("access_find", NonAnswer::DontKnow).problems(), "non_answer_not_allowed",
                      "answers.access_find");
  EXPECT_ONLY_PROBLEM(Answers().without("overall").nonAnswer("overall", NonAnswer::NoOpinion).problems(),
                      "non_answer_not_allowed", "answers.overall");
}

TEST(ResponseValidation, RequiresVisibleRequiredItems) {
  EXPECT_ONLY_PROBLEM(Answers().without("overall").problems(), "required", "answers.overall");
}

TEST(ResponseValidation, RequiredItemHiddenByItsConditionIsNotRequired) {
  SurveyDefinition def = sampleDefinition();
  def.items[2].required = true;  // fair_listened, shown only to those who appeared (1)
  EXPECT_TRUE(validateResponse(def, Answers().code("appeared", 2).response()).empty());
  EXPECT_TRUE(validateResponse(def, Answers().response()).empty());
  const auto problems = validateResponse(def, Answers().code("appeared", 1).response());
  EXPECT_ONLY_PROBLEM(problems, "required", "answers.fair_listened");
}

TEST(ResponseValidation, RejectsAnswersToHiddenItems) {
  EXPECT_ONLY_PROBLEM(Answers().code("appeared", 2).code("fair_listened", 4).problems(), "hidden_item",
                      "answers.fair_listened");
  EXPECT_ONLY_PROBLEM(Answers().code("fair_listened", 4).problems(), "hidden_item", "answers.fair_listened");
  EXPECT_ONLY_PROBLEM(Answers().code("appeared", 2).nonAnswer("fair_listened", NonAnswer::NotApplicable).problems(),
                      "hidden_item", "answers.fair_listened");
  EXPECT_TRUE(Answers().code("appeared", 1).code("fair_listened", 4).problems().empty());
}

TEST(ResponseValidation, ChecksNumbersAgainstTheirInclusiveRange) {
  EXPECT_TRUE(Answers().number("visits", 0).problems().empty());
  EXPECT_TRUE(Answers().number("visits", 100).problems().empty());
  EXPECT_ONLY_PROBLEM(Answers().number("visits", -0.5).problems(), "out_of_range", "answers.visits");
  EXPECT_ONLY_PROBLEM(Answers().number("visits", 100.01).problems(), "out_of_range", "answers.visits");
}

TEST(ResponseValidation, ChecksTextAgainstTheItemMaxLengthInCodePoints) {
  // comment allows 10 code points; 10 Kazakh letters are 20 bytes.
  EXPECT_TRUE(Answers().text("comment", "әғқңөұүһіә").problems().empty());
  EXPECT_ONLY_PROBLEM(Answers().text("comment", "әғқңөұүһіәә").problems(), "too_long", "answers.comment");
  EXPECT_ONLY_PROBLEM(Answers().text("comment", "\xF0\x9F\x98").problems(), "invalid_utf8", "answers.comment");
}

TEST(ResponseValidation, RejectsALanguageTheSurveyLacks) {
  EXPECT_ONLY_PROBLEM(Answers().language("de").problems(), "unsupported_language", "language");
  SurveyDefinition ruOnly = sampleDefinition();
  ruOnly.languages = {"ru"};
  EXPECT_ONLY_PROBLEM(validateResponse(ruOnly, Answers().language("kk").response()), "unsupported_language",
                      "language");
}

// The sample survey with nothing required, so that a response may be empty.
SurveyDefinition nothingRequired() {
  SurveyDefinition def = sampleDefinition();
  for (Item& item : def.items) item.required = false;
  return def;
}

TEST(ResponseValidation, RefusesAResponseThatAnswersNothing) {
  const SurveyDefinition def = nothingRequired();
  const auto check = [&def](const Answers& answers) { return validateResponse(def, answers.response()); };
  EXPECT_ONLY_PROBLEM(check(Answers().without("overall")), "empty_response", "answers");
  EXPECT_ONLY_PROBLEM(check(Answers().without("overall").nonAnswer("access_find", NonAnswer::NotApplicable)),
                      "empty_response", "answers");
  EXPECT_ONLY_PROBLEM(check(Answers().without("overall").nonAnswer("access_find", NonAnswer::NotApplicable)
                                .text("comment", "  ")),
                      "empty_response", "answers");
  // A text of spaces and line breaks says nothing either.
  EXPECT_ONLY_PROBLEM(check(Answers().without("overall").text("comment", " \r\n\t ")), "empty_response", "answers");
  EXPECT_ONLY_PROBLEM(check(Answers().without("overall").text("comment", "")), "empty_response", "answers");
}

TEST(ResponseValidation, OneSubstantiveAnswerOfAnyKindIsEnough) {
  const SurveyDefinition def = nothingRequired();
  const auto valid = [&def](const Answers& answers) { return validateResponse(def, answers.response()).empty(); };
  EXPECT_TRUE(valid(Answers().without("overall").text("comment", "Рахмет")));
  EXPECT_TRUE(valid(Answers().without("overall").text("comment", " a ")));
  EXPECT_TRUE(valid(Answers().without("overall").code("recommend", 0)));  // 0 on 0-10 is an answer
  EXPECT_TRUE(valid(Answers().without("overall").number("visits", 0)));
  EXPECT_TRUE(valid(Answers().without("overall").codes("reasons", {2})));
  EXPECT_TRUE(valid(Answers().without("overall").code("appeared", 2).nonAnswer("access_find", NonAnswer::NotApplicable)));
}

TEST(ResponseValidation, AnEmptyResponseWithOtherProblemsIsToldThoseInstead) {
  // A required item missing, or an answer refused, is what the client must fix first.
  EXPECT_ONLY_PROBLEM(Answers().without("overall").problems(), "required", "answers.overall");
  EXPECT_ONLY_PROBLEM(Answers().without("overall").nonAnswer("overall", NonAnswer::NoOpinion).problems(),
                      "non_answer_not_allowed", "answers.overall");
  EXPECT_ONLY_PROBLEM(validateResponse(nothingRequired(), Answers().without("overall").language("de").response()),
                      "unsupported_language", "language");
}

TEST(ResponseValidation, RejectsUnknownAndRepeatedItems) {
  EXPECT_ONLY_PROBLEM(Answers().code("nope", 1).problems(), "unknown_item", "answers.nope");
  EXPECT_ONLY_PROBLEM(Answers().code("recommend", 9).code("recommend", 8).problems(), "duplicate_answer",
                      "answers.recommend");
}

TEST(ResponseValidation, ReportsEveryProblemAtOnce) {
  const auto problems =
      Answers().without("overall").code("access_find", 9).code("appeared", 7).language("de").problems();
  EXPECT_EQ(problems.size(), 4u) << fixtures::describe(problems);
  EXPECT_PROBLEM(problems, "unsupported_language", "language");
  EXPECT_PROBLEM(problems, "out_of_range", "answers.access_find");
  EXPECT_PROBLEM(problems, "invalid_option", "answers.appeared");
  EXPECT_PROBLEM(problems, "required", "answers.overall");
}

// --- Conditions ------------------------------------------------------------------------------------

TEST(ItemVisibility, ItemWithoutConditionIsAlwaysShown) {
  EXPECT_TRUE(isVisible(*definition().findItem("access_find"), Answers().response()));
}

TEST(ItemVisibility, SingleChoiceConditionHoldsOnlyForListedCodes) {
  const Item& fair = *definition().findItem("fair_listened");  // shown if appeared is 1
  EXPECT_TRUE(isVisible(fair, Answers().code("appeared", 1).response()));
  EXPECT_FALSE(isVisible(fair, Answers().code("appeared", 2).response()));
}

TEST(ItemVisibility, SkippedOrNonAnsweredConditionHidesTheItem) {
  const Item& fair = *definition().findItem("fair_listened");
  EXPECT_FALSE(isVisible(fair, Answers().response()));
  SurveyDefinition def = sampleDefinition();
  def.items[1].allowedNonAnswers = {NonAnswer::DontKnow};
  EXPECT_FALSE(isVisible(*def.findItem("fair_listened"), Answers().nonAnswer("appeared", NonAnswer::DontKnow).response()));
}

TEST(ItemVisibility, MultipleChoiceConditionHoldsWhenAnyChosenCodeIsListed) {
  const Item& docs = *definition().findItem("docs_clear");  // shown if reasons include 2 or 3
  EXPECT_TRUE(isVisible(docs, Answers().codes("reasons", {2}).response()));
  EXPECT_TRUE(isVisible(docs, Answers().codes("reasons", {1, 3}).response()));
  EXPECT_TRUE(isVisible(docs, Answers().codes("reasons", {3, 2}).response()));
  EXPECT_FALSE(isVisible(docs, Answers().codes("reasons", {1}).response()));
  EXPECT_FALSE(isVisible(docs, Answers().response()));
  EXPECT_ONLY_PROBLEM(Answers().codes("reasons", {1}).code("docs_clear", 4).problems(), "hidden_item",
                      "answers.docs_clear");
  EXPECT_TRUE(Answers().codes("reasons", {1, 2}).code("docs_clear", 4).problems().empty());
}

TEST(ItemVisibility, ScaleConditionUsesTheScaleValue) {
  SurveyDefinition def = sampleDefinition();
  def.items[7].showIf = Condition{"recommend", {0, 1, 2, 3, 4, 5, 6}};  // ask detractors how often they came
  const Item& visits = def.items[7];
  EXPECT_TRUE(isVisible(visits, Answers().code("recommend", 0).response()));
  EXPECT_TRUE(isVisible(visits, Answers().code("recommend", 6).response()));
  EXPECT_FALSE(isVisible(visits, Answers().code("recommend", 7).response()));
}

}  // namespace
}  // namespace courtvoice::surveys
