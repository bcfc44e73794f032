// Strict JSON input (issue 10): repeated keys, invalid UTF-8 named by field, top-level values that
// are not objects, and JSONTestSuite-style edge cases, through checkJsonText and the readers.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "courtvoice/surveys/definition_json.hpp"
#include "courtvoice/surveys/json_text.hpp"
#include "courtvoice/surveys/kpi_definition.hpp"
#include "courtvoice/surveys/response_json.hpp"
#include "surveys_fixtures.hpp"

namespace courtvoice::surveys {
namespace {

using fixtures::problemsOf;
using fixtures::sampleDefinition;

// "code@field" of the first problem, "ok" when the text passes.
std::string checked(const std::string& text, std::size_t maxDepth = 16) {
  const auto check = checkJsonText(text, maxDepth);
  return check.problem ? check.problem->code + "@" + check.problem->field : "ok";
}

std::string response(const std::string& answers) {
  return R"({"submission_id": "sub-000001", "court": "ALM-SMAS-01", "channel": "kiosk", "language": "ru", "answers": )" +
         answers + "}";
}

std::vector<ValidationError> responseProblems(const std::string& json) {
  static const SurveyDefinition def = sampleDefinition();
  return problemsOf([&] { parseResponse(json, def, ResponseLimits{}, false); });
}

TEST(StrictJson, RefusesARepeatedKeyAtTheTopLevelNamingIt) {
  EXPECT_EQ(checked(R"({"a": 1, "b": 2, "a": 3})"), "duplicate_key@a");
  EXPECT_ONLY_PROBLEM(responseProblems(R"({"submission_id": "sub-000001", "submission_id": "sub-000002",
      "court": "ALM-SMAS-01", "channel": "kiosk", "language": "ru", "answers": {"access_find": 4}})"),
                      "duplicate_key", "submission_id");
}

TEST(StrictJson, RefusesARepeatedAnswerInsteadOfKeepingTheLastOne) {
  const auto problems = responseProblems(response(R"({"access_find": 4, "access_find": 5})"));
  EXPECT_ONLY_PROBLEM(problems, "duplicate_key", "answers.access_find");
  EXPECT_NE(problems.at(0).message.find("\"access_find\""), std::string::npos) << problems.at(0).message;
  EXPECT_NE(problems.at(0).message.find("\"answers\""), std::string::npos) << problems.at(0).message;
}

TEST(StrictJson, RefusesRepeatedKeysNestedInArraysAndComparesThemUnescaped) {
  EXPECT_EQ(checked(R"({"items": [{"id": "q1"}, {"id": "q2", "text": {"en": "x", "en": "y"}}]})"),
            "duplicate_key@items[1].text.en");
  // "\u0061" is "a": the same key to any parser, so the same key here.
  EXPECT_EQ(checked(R"({"a": 1, "\u0061": 2})"), "duplicate_key@a");
  // Equal keys in different objects are fine, and so is a key equal to a value.
  EXPECT_EQ(checked(R"({"a": {"a": 1}, "b": [{"a": 1}, {"a": "a"}]})"), "ok");
  EXPECT_ONLY_PROBLEM(problemsOf([] {
                        parseDefinition(R"({"id": "mini", "audience": "citizen", "languages": ["en"],
                          "title": {"en": "Mini"}, "items": [{"id": "q1", "type": "agreement5", "dimension": "access",
                          "text": {"en": "Q1"}, "dimension": "fairness"}]})");
                      }),
                      "duplicate_key", "items[0].dimension");
}

TEST(StrictJson, KpiBodiesRefuseRepeatedKeysToo) {
  EXPECT_ONLY_PROBLEM(problemsOf([] { parseKpiDefinition(R"({"id": "k", "id": "k2"})"); }), "duplicate_key", "id");
}

TEST(StrictJson, InvalidUtf8InAStringNamesItsField) {
  EXPECT_EQ(checked("{\"answers\": {\"comment\": \"ok \xFF\"}}"), "invalid_utf8@answers.comment");
  EXPECT_EQ(checked("{\"a\": [\"x\", \"\xC0\xAF\"]}"), "invalid_utf8@a[1]");           // overlong '/'
  EXPECT_EQ(checked("{\"a\": \"\xED\xA0\x80\"}"), "invalid_utf8@a");                    // an encoded surrogate
  EXPECT_EQ(checked("{\"a\": \"\xF4\x90\x80\x80\"}"), "invalid_utf8@a");                // above U+10FFFF
  EXPECT_EQ(checked("{\"a\": \"\xE2\x82\"}"), "invalid_utf8@a");                        // truncated
  // Escaped lone surrogates decode to no character at all.
  EXPECT_EQ(checked(R"({"a": "\ud800"})"), "invalid_utf8@a");
  EXPECT_EQ(checked(R"({"a": "\udc00\ud800"})"), "invalid_utf8@a");
  EXPECT_EQ(checked(R"({"a": "\ud800\u0041"})"), "invalid_utf8@a");
  EXPECT_EQ(checked(R"({"a": "\ud83d\ude00 \u00e9 \u049b"})"), "ok");  // a pair, é, қ
  EXPECT_EQ(checked("{\"a\": \"Сот қазақша 😀\"}"), "ok");
  // Outside any string: no field to name.
  EXPECT_EQ(checked("{\"a\": 1}\xFF"), "invalid_utf8@");
}

TEST(StrictJson, MessagesQuoteBadBytesAsText) {
  const auto check = checkJsonText("{\"a\": \"\xFF\"}", 16);
  ASSERT_TRUE(check.problem);
  EXPECT_NE(check.problem->message.find("\\xff"), std::string::npos) << check.problem->message;
  const auto stray = checkJsonText("{\"a\": 1,\x01}", 16);
  ASSERT_TRUE(stray.problem);
  EXPECT_NE(stray.problem->message.find("\\x01"), std::string::npos) << stray.problem->message;
  EXPECT_EQ(printableText("caf\xC3\xA9 \xFF\xC3 \x01"), "caf\xC3\xA9 \\xff\\xc3 \\x01");
}

TEST(StrictJson, ATopLevelValueThatIsNotAnObjectIsTheWrongType) {
  for (const std::string top : {"42", "\"x\"", "null", "true", "[]", "-1.5e3", " [1, 2] "}) {
    EXPECT_EQ(checked(top), "ok") << top;
    EXPECT_ONLY_PROBLEM(responseProblems(top), "wrong_type", "");
    EXPECT_ONLY_PROBLEM(problemsOf([&] { parseDefinition(top); }), "wrong_type", "");
  }
  EXPECT_EQ(checkJsonText("42", 16).topLevel, JsonTopLevel::Scalar);
  EXPECT_EQ(checkJsonText(" [1]", 16).topLevel, JsonTopLevel::Array);
}

TEST(StrictJson, RefusesWhatRfc8259Refuses) {
  const std::vector<std::string> refused = {
      "", " ", "{", "{\"a\": 1,}", "[1,]", "[1 2]", "{\"a\" 1}", "{a: 1}", "{'a': 1}", "[01]", "[1.]", "[.5]", "[1e]", "[+1]", "[-]", "[0x10]", "[NaN]", "[Infinity]", "[tru]", "[nul]", "{\"a\": 1} {}", "[1] x",
        "[\"a\\x\"]", "[\"\\u12\"]", "[\"tab\there\"]", std::string("[\"nul\0\"]", 8), std::string("[1]\0", 4),
        "\xEF\xBB\xBF{}", "/* c */ {}", "{\"a\": 1 // c\n}", "[\"unterminated]", "{\"a\"}", "{,}", "[,1]"};
  for (const std::string& bad : refused) {
    EXPECT_EQ(checked(bad).substr(0, 15), "malformed_json@") << "[" << bad << "]";
  }
}

TEST(StrictJson, AcceptsWhatRfc8259Allows) {
  for (const std::string good :
       {"{}", "[]", " \t\r\n{ } ", "[0, -0, 1.5, -1e-7, 2E+10, 1e999]", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]",
        "[\"\\u0000\"]", "{\"\": 1}", "[[[[]]]]", "[true, false, null]"}) {
    EXPECT_EQ(checked(good), "ok") << good;
  }
}

TEST(StrictJson, DeepNestingIsRefusedWithoutRecursion) {
  EXPECT_EQ(checked(std::string(16, '[') + std::string(16, ']'), 16), "ok");
  EXPECT_EQ(checked(std::string(17, '[') + std::string(17, ']'), 16), "too_deep@");
  EXPECT_EQ(checked(std::string(1000000, '['), 16), "too_deep@");
  EXPECT_EQ(checked(std::string(17, '[') + std::string(17, ']'), 32), "ok");
}

TEST(StrictJson, NumbersBeyondWhatTheParserHoldsAreMalformedNotACrash) {
  // Valid JSON, but Poco cannot hold it: the reader says so without quoting raw bytes.
  EXPECT_ONLY_PROBLEM(responseProblems(response(R"({"access_find": 1e999})")), "malformed_json", "");
  EXPECT_ONLY_PROBLEM(responseProblems(response(R"({"access_find": 123456789012345678901234567890})")),
                      "malformed_json", "");
}

}  // namespace
}  // namespace courtvoice::surveys
