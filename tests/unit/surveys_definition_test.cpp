// Survey definitions: the enum names of the format, the JSON reader (structural errors named by
// path), the writer (round trip in Kazakh and Russian) and the semantic checks.
#include <gtest/gtest.h>

#include <string>

#include "courtvoice/surveys/definition_json.hpp"
#include "courtvoice/surveys/definition_validation.hpp"
#include "courtvoice/surveys/survey_definition.hpp"
#include "surveys_fixtures.hpp"

namespace courtvoice::surveys {
namespace {

using fixtures::hasProblem;
using fixtures::problemsOf;
using fixtures::sampleDefinition;
using fixtures::tri;

std::string repeat(const std::string& piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

// A minimal definition in JSON; `item` is spliced into the items array so each test can vary it.
std::string definitionWith(const std::string& item, const std::string& extraTopLevel = "") {
  return R"({"id": "mini", "audience": "citizen", "languages": ["en"], "title": {"en": "Mini"},)" + extraTopLevel +
         R"("items": [)" + item + "]}";
}

const char* kAgreementItem = R"({"id": "q1", "type": "agreement5", "dimension": "access", "text": {"en": "Q1"}})";

std::vector<ValidationError> parseProblems(const std::string& json) {
  return problemsOf([&] { parseDefinition(json); });
}

void expectSameText(const LocalizedText& a, const LocalizedText& b, const std::string& what) {
  EXPECT_EQ(a, b) << what;
}

// Field by field, so that a lost field in the round trip is named.
void expectSameDefinition(const SurveyDefinition& a, const SurveyDefinition& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.audience, b.audience);
  EXPECT_EQ(a.languages, b.languages);
  expectSameText(a.title, b.title, "title");
  expectSameText(a.intro, b.intro, "intro");
  expectSameText(a.thanks, b.thanks, "thanks");
  EXPECT_EQ(a.minGroupSize, b.minGroupSize);
  EXPECT_EQ(a.reportByCourt, b.reportByCourt);
  ASSERT_EQ(a.items.size(), b.items.size());
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    const Item& x = a.items[i];
    const Item& y = b.items[i];
    SCOPED_TRACE(x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.type, y.type);
    EXPECT_EQ(x.dimension, y.dimension);
    EXPECT_EQ(x.required, y.required);
    EXPECT_EQ(x.allowedNonAnswers, y.allowedNonAnswers);
    expectSameText(x.text, y.text, "text");
    ASSERT_EQ(x.options.size(), y.options.size());
    for (std::size_t j = 0; j < x.options.size(); ++j) {
      EXPECT_EQ(x.options[j].code, y.options[j].code);
      expectSameText(x.options[j].label, y.options[j].label, "label");
    }
    ASSERT_EQ(x.showIf.has_value(), y.showIf.has_value());
    if (x.showIf) {
      EXPECT_EQ(x.showIf->itemId, y.showIf->itemId);
      EXPECT_EQ(x.showIf->anyOf, y.showIf->anyOf);
    }
    if (x.type == ItemType::Number) {
      EXPECT_EQ(x.min, y.min);
      EXPECT_EQ(x.max, y.max);
    }
    if (x.type == ItemType::Text) {
      EXPECT_EQ(x.maxLength, y.maxLength);
    }
    EXPECT_EQ(x.seriesBreak, y.seriesBreak);
    ASSERT_EQ(x.scaleLabels.size(), y.scaleLabels.size());
    for (std::size_t j = 0; j < x.scaleLabels.size(); ++j) {
      EXPECT_EQ(x.scaleLabels[j].code, y.scaleLabels[j].code);
      expectSameText(x.scaleLabels[j].label, y.scaleLabels[j].label, "scale label");
    }
    EXPECT_EQ(x.reviewed, y.reviewed);
  }
  ASSERT_EQ(a.indices.size(), b.indices.size());
  for (std::size_t i = 0; i < a.indices.size(); ++i) {
    EXPECT_EQ(a.indices[i].id, b.indices[i].id);
    expectSameText(a.indices[i].name, b.indices[i].name, "index name");
    EXPECT_EQ(a.indices[i].dimensions, b.indices[i].dimensions);
  }
}

// --- Enums and small helpers -----------------------------------------------------------------------

TEST(SurveyEnums, UseTheNamesOfTheFormat) {
  EXPECT_EQ(toString(Audience::Citizen), "citizen");
  EXPECT_EQ(toString(Audience::Staff), "staff");
  EXPECT_EQ(toString(Audience::Judge), "judge");
  EXPECT_EQ(toString(ItemType::Agreement5), "agreement5");
  EXPECT_EQ(toString(ItemType::Satisfaction5), "satisfaction5");
  EXPECT_EQ(toString(ItemType::Scale0to10), "scale0to10");
  EXPECT_EQ(toString(ItemType::SingleChoice), "single_choice");
  EXPECT_EQ(toString(ItemType::MultipleChoice), "multiple_choice");
  EXPECT_EQ(toString(ItemType::Number), "number");
  EXPECT_EQ(toString(ItemType::Text), "text");
  EXPECT_EQ(toString(NonAnswer::NotApplicable), "not_applicable");
  EXPECT_EQ(toString(NonAnswer::DontKnow), "dont_know");
  EXPECT_EQ(toString(NonAnswer::NoOpinion), "no_opinion");
  EXPECT_EQ(toString(VersionStatus::Draft), "draft");
  EXPECT_EQ(toString(VersionStatus::Published), "published");
  EXPECT_EQ(toString(VersionStatus::Closed), "closed");
  EXPECT_EQ(toString(VersionStatus::Archived), "archived");
}

TEST(SurveyEnums, ParseTheirOwnNamesAndNothingElse) {
  for (auto v : {Audience::Citizen, Audience::Staff, Audience::Judge}) EXPECT_EQ(parseAudience(toString(v)), v);
  for (auto v : {ItemType::Agreement5, ItemType::Satisfaction5, ItemType::Scale0to10, ItemType::SingleChoice,
                 ItemType::MultipleChoice, ItemType::Number, ItemType::Text}) {
    EXPECT_EQ(parseItemType(toString(v)), v);
  }
  for (auto v : {NonAnswer::NotApplicable, NonAnswer::DontKnow, NonAnswer::NoOpinion}) {
    EXPECT_EQ(parseNonAnswer(toString(v)), v);
  }
  for (auto v : {VersionStatus::Draft, VersionStatus::Published, VersionStatus::Closed, VersionStatus::Archived}) {
    EXPECT_EQ(parseVersionStatus(toString(v)), v);
  }
  EXPECT_FALSE(parseAudience("Citizen").has_value());
  EXPECT_FALSE(parseItemType("likert").has_value());
  EXPECT_FALSE(parseNonAnswer("skipped").has_value());  // skipped = absent, never a stored value
  EXPECT_FALSE(parseVersionStatus("").has_value());
}

TEST(SurveyScales, HaveTheRangesOfTheFormat) {
  EXPECT_TRUE(isScale(ItemType::Agreement5));
  EXPECT_TRUE(isScale(ItemType::Satisfaction5));
  EXPECT_TRUE(isScale(ItemType::Scale0to10));
  EXPECT_FALSE(isScale(ItemType::SingleChoice));
  EXPECT_FALSE(isScale(ItemType::Number));
  EXPECT_EQ(scaleMin(ItemType::Agreement5), 1);
  EXPECT_EQ(scaleMax(ItemType::Agreement5), 5);
  EXPECT_EQ(scaleMin(ItemType::Satisfaction5), 1);
  EXPECT_EQ(scaleMax(ItemType::Satisfaction5), 5);
  EXPECT_EQ(scaleMin(ItemType::Scale0to10), 0);
  EXPECT_EQ(scaleMax(ItemType::Scale0to10), 10);
}

TEST(SurveyDefinition, DefaultMinGroupSizeIsFiveForCitizensAndTenForStaffAndJudges) {
  SurveyDefinition def;
  def.audience = Audience::Citizen;
  EXPECT_EQ(def.effectiveMinGroupSize(), 5);
  def.audience = Audience::Staff;
  EXPECT_EQ(def.effectiveMinGroupSize(), 10);
  def.audience = Audience::Judge;
  EXPECT_EQ(def.effectiveMinGroupSize(), 10);
  def.minGroupSize = 20;
  EXPECT_EQ(def.effectiveMinGroupSize(), 20);
}

TEST(SurveyDefinition, FindsItemsById) {
  const SurveyDefinition def = sampleDefinition();
  ASSERT_NE(def.findItem("overall"), nullptr);
  EXPECT_EQ(def.findItem("overall")->type, ItemType::Satisfaction5);
  EXPECT_EQ(def.findItem("Overall"), nullptr);
  EXPECT_EQ(def.findItem(""), nullptr);
}

TEST(LocalizedText, PicksTheLanguageThenRussianThenEnglishThenAny) {
  EXPECT_EQ(pick(tri("kk", "ru", "en"), "kk"), "kk");
  EXPECT_EQ(pick({{"ru", "ru"}, {"en", "en"}}, "kk"), "ru");
  EXPECT_EQ(pick({{"en", "en"}}, "kk"), "en");
  EXPECT_EQ(pick({{"kk", "kk"}}, "en"), "kk");
  EXPECT_EQ(pick({}, "en"), "");
}

// --- Reading and writing JSON ----------------------------------------------------------------------

TEST(DefinitionJson, ReadsTheDocumentedExample) {
  const std::string json = R"({
    "id": "court_user", "audience": "citizen", "languages": ["kk", "ru", "en"], "min_group_size": 5,
    "title": {"kk": "Сауалнама", "ru": "Опрос", "en": "Court user survey"},
    "items": [
      {"id": "access_find", "type": "agreement5", "dimension": "access", "required": false,
       "non_answers": ["not_applicable"], "text": {"kk": "а", "ru": "б", "en": "Finding the courthouse was easy."}},
      {"id": "appeared", "type": "single_choice", "dimension": "background",
       "options": [{"code": 1, "label": {"kk": "Иә", "ru": "Да", "en": "Yes"}},
                   {"code": 2, "label": {"kk": "Жоқ", "ru": "Нет", "en": "No"}}],
       "text": {"kk": "а", "ru": "б", "en": "Did you appear before a judge today?"}},
      {"id": "fair_listened", "type": "agreement5", "dimension": "fairness", "show_if": {"item": "appeared", "any_of": [1]},
       "non_answers": ["not_applicable", "dont_know"], "text": {"kk": "а", "ru": "б", "en": "c"}},
      {"id": "visits", "type": "number", "dimension": "background", "min": 0, "max": 100.5, "text": {"kk": "а", "ru": "б", "en": "c"}},
      {"id": "comment", "type": "text", "dimension": "comment", "max_length": 1000, "series_break": true,
       "text": {"kk": "а", "ru": "б", "en": "c"}}
    ],
    "indices": [{"id": "access_index", "name": {"kk": "а", "ru": "б", "en": "Access index"}, "dimensions": ["access"]}]
  })";
  const SurveyDefinition def = parseDefinition(json);
  EXPECT_EQ(def.id, "court_user");
  EXPECT_EQ(def.audience, Audience::Citizen);
  EXPECT_EQ(def.languages, (std::vector<std::string>{"kk", "ru", "en"}));
  EXPECT_EQ(def.minGroupSize, 5);
  EXPECT_EQ(def.title.at("ru"), "Опрос");
  ASSERT_EQ(def.items.size(), 5u);
  EXPECT_EQ(def.items[0].allowedNonAnswers, (std::set<NonAnswer>{NonAnswer::NotApplicable}));
  EXPECT_FALSE(def.items[0].required);
  ASSERT_EQ(def.items[1].options.size(), 2u);
  EXPECT_EQ(def.items[1].options[1].code, 2);
  EXPECT_EQ(def.items[1].options[1].label.at("kk"), "Жоқ");
  ASSERT_TRUE(def.items[2].showIf.has_value());
  EXPECT_EQ(def.items[2].showIf->itemId, "appeared");
  EXPECT_EQ(def.items[2].showIf->anyOf, (std::vector<int>{1}));
  EXPECT_EQ(def.items[2].allowedNonAnswers, (std::set<NonAnswer>{NonAnswer::NotApplicable, NonAnswer::DontKnow}));
  EXPECT_EQ(def.items[3].type, ItemType::Number);
  EXPECT_EQ(def.items[3].min, 0);
  EXPECT_EQ(def.items[3].max, 100.5);
  EXPECT_EQ(def.items[4].maxLength, 1000);
  EXPECT_TRUE(def.items[4].seriesBreak);
  ASSERT_EQ(def.indices.size(), 1u);
  EXPECT_EQ(def.indices[0].dimensions, (std::vector<std::string>{"access"}));
  EXPECT_TRUE(validateDefinition(def).empty()) << fixtures::describe(validateDefinition(def));
}

TEST(DefinitionJson, RoundTripsKazakhAndRussianText) {
  SurveyDefinition def = sampleDefinition();
  // Every letter specific to Kazakh Cyrillic, upper and lower case, and Russian ё.
  def.title["kk"] = "Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі — сот сауалнамасы";
  def.title["ru"] = "Опрос посетителей суда: ёлка, «кавычки», \"escaped\" \\ слэш";
  def.items[8].text["kk"] = "Пікіріңіз\nжаңа жол\tжәне қойынды";
  def.items[8].seriesBreak = true;
  def.minGroupSize = 7;
  def.items[7].min = -2.5;
  def.items[7].max = 1e6;
  const std::string json = definitionToJson(def);
  const SurveyDefinition back = parseDefinition(json);
  expectSameDefinition(def, back);
  EXPECT_EQ(definitionToJson(back), json);
  EXPECT_TRUE(validateDefinition(back).empty()) << fixtures::describe(validateDefinition(back));
}

TEST(DefinitionJson, WritesTheVersionAndReadsItBack) {
  SurveyDefinition def = sampleDefinition();
  def.version = 12;
  EXPECT_NE(definitionToJson(def).find("\"version\":12"), std::string::npos);
  EXPECT_EQ(parseDefinition(definitionToJson(def)).version, 12);
}

TEST(DefinitionJson, AcceptsTheStatusTheServerAddsOnOutput) {
  EXPECT_NO_THROW(parseDefinition(definitionWith(kAgreementItem, R"("status": "published",)")));
  EXPECT_ONLY_PROBLEM(parseProblems(definitionWith(kAgreementItem, R"("status": "live",)")), "unknown_value",
                      "status");
}

TEST(DefinitionJson, ReducesTextsToOneLanguageForRespondents) {
  SurveyDefinition def = sampleDefinition();
  def.items[0].text.erase("kk");  // falls back to Russian, as pick() does
  const std::string json = definitionToJson(def, std::string("kk"));
  // The reduced form has plain strings, which parseDefinition (full form) refuses as wrong_type.
  EXPECT_NE(json.find("\"title\":\"Сотқа келушілер сауалнамасы\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"text\":\"Здание суда было легко найти.\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"label\":\"Иә\""), std::string::npos) << json;
  EXPECT_EQ(json.find("Court user survey"), std::string::npos) << json;
  EXPECT_PROBLEM(parseProblems(json), "wrong_type", "title");
}

TEST(DefinitionJson, RejectsMalformedJson) {
  EXPECT_ONLY_PROBLEM(parseProblems(R"({"id": "x",)"), "malformed_json", "");
  EXPECT_ONLY_PROBLEM(parseProblems(""), "malformed_json", "");
  EXPECT_ONLY_PROBLEM(parseProblems(R"([1, 2])"), "wrong_type", "");
}

TEST(DefinitionJson, RejectsInvalidUtf8AnywhereInTheDocument) {
  // A lone continuation byte, a truncated sequence, an overlong '/', an encoded surrogate,
  // and a code point above U+10FFFF.
  for (const std::string bad : {"\x80", "\xD2", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80"}) {
    const std::string json = definitionWith(kAgreementItem, R"("intro": {"en": ")" + bad + R"("},)");
    EXPECT_ONLY_PROBLEM(parseProblems(json), "invalid_utf8", "intro.en");  // the field that holds it
  }
}

TEST(DefinitionJson, RejectsUnknownKeysNamingTheirPath) {
  const std::string typo = R"({"id": "q1", "type": "agreement5", "dimension": "access", "text": {"en": "Q1"},
                              "show_iff": {"item": "q0", "any_of": [1]}})";
  EXPECT_ONLY_PROBLEM(parseProblems(definitionWith(typo)), "unknown_field", "items[0].show_iff");
  EXPECT_ONLY_PROBLEM(parseProblems(definitionWith(kAgreementItem, R"("titel": {"en": "x"},)")), "unknown_field",
                      "titel");
  const std::string conditionTypo = R"({"id": "q1", "type": "agreement5", "dimension": "access", "text": {"en": "Q1"}},
      {"id": "q2", "type": "agreement5", "dimension": "access", "text": {"en": "Q2"},
       "show_if": {"item": "q1", "anyOf": [1]}})";
  const auto problems = parseProblems(definitionWith(conditionTypo));
  EXPECT_PROBLEM(problems, "unknown_field", "items[1].show_if.anyOf");
  EXPECT_PROBLEM(problems, "missing_field", "items[1].show_if.any_of");
}

TEST(DefinitionJson, RejectsMissingRequiredFields) {
  EXPECT_ONLY_PROBLEM(parseProblems(R"({"audience": "citizen", "languages": ["en"], "title": {"en": "t"},
                                        "items": [)" + std::string(kAgreementItem) + "]}"),
                      "missing_field", "id");
  EXPECT_ONLY_PROBLEM(parseProblems(definitionWith(R"({"id": "q1", "dimension": "access", "text": {"en": "Q1"}})")),
                      "missing_field", "items[0].type");
  EXPECT_ONLY_PROBLEM(
      parseProblems(definitionWith(R"({"id": "q1", "type": "single_choice", "dimension": "a", "text": {"en": "Q"},
                                       "options": [{"label": {"en": "Yes"}}, {"code": 2, "label": {"en": "No"}}]})")),
      "missing_field", "items[0].options[0].code");
  EXPECT_ONLY_PROBLEM(
      parseProblems(definitionWith(R"({"id": "n", "type": "number", "dimension": "a", "text": {"en": "N"}, "max": 3})")),
      "missing_field", "items[0].min");
}

TEST(DefinitionJson, RejectsWrongJsonTypesNamingThePath) {
  EXPECT_ONLY_PROBLEM(parseProblems(R"({"id": "mini", "audience": 5, "languages": ["en"], "title": {"en": "t"},
                                        "items": [)" + std::string(kAgreementItem) + "]}"),
                      "wrong_type", "audience");
  EXPECT_ONLY_PROBLEM(
      parseProblems(definitionWith(R"({"id": "q1", "type": "agreement5", "dimension": "access", "text": "Q1"})")),
      "wrong_type", "items[0].text");
  EXPECT_ONLY_PROBLEM(
      parseProblems(definitionWith(R"({"id": "q1", "type": "agreement5", "dimension": "a", "required": "yes",
                                       "text": {"en": "Q1"}})")),
      "wrong_type", "items[0].required");
  EXPECT_ONLY_PROBLEM(
      parseProblems(definitionWith(R"({"id": "c", "type": "single_choice", "dimension": "a", "text": {"en": "Q"},
                                       "options": [{"code": 1.5, "label": {"en": "Yes"}}, {"code": 2, "label": {"en": "No"}}]})")),
      "wrong_type", "items[0].options[0].code");
  EXPECT_ONLY_PROBLEM(parseProblems(definitionWith("7")), "wrong_type", "items[0]");
  EXPECT_ONLY_PROBLEM(parseProblems(R"({"id": "mini", "audience": "citizen", "languages": "en", "title": {"en": "t"},
                                        "items": [)" + std::string(kAgreementItem) + "]}"),
                      "wrong_type", "languages");
  EXPECT_PROBLEM(parseProblems(R"({"id": "mini", "audience": "citizen", "languages": ["en"], "title": null,
                                   "items": [)" + std::string(kAgreementItem) + "]}"),
                 "wrong_type", "title");
}

TEST(DefinitionJson, RejectsUnknownEnumNames) {
  EXPECT_ONLY_PROBLEM(
      parseProblems(definitionWith(R"({"id": "q1", "type": "likert", "dimension": "a", "text": {"en": "Q1"}})")),
      "unknown_value", "items[0].type");
  EXPECT_ONLY_PROBLEM(
      parseProblems(definitionWith(R"({"id": "q1", "type": "agreement5", "dimension": "a", "text": {"en": "Q1"},
                                       "non_answers": ["not_applicable", "skipped"]})")),
      "unknown_value", "items[0].non_answers[1]");
}

TEST(DefinitionJson, RejectsTextsInLanguagesOutsideKazakhRussianEnglish) {
  EXPECT_ONLY_PROBLEM(parseProblems(definitionWith(kAgreementItem, R"("intro": {"en": "x", "de": "y"},)")),
                      "unsupported_language", "intro.de");
}

TEST(DefinitionJson, RefusesFieldsThatDoNotBelongToTheItemType) {
  EXPECT_ONLY_PROBLEM(
      parseProblems(definitionWith(R"({"id": "q1", "type": "agreement5", "dimension": "a", "text": {"en": "Q1"}, "min": 1})")),
      "not_allowed", "items[0].min");
  EXPECT_ONLY_PROBLEM(
      parseProblems(definitionWith(R"({"id": "q1", "type": "number", "dimension": "a", "text": {"en": "Q1"},
                                       "min": 1, "max": 2, "max_length": 5})")),
      "not_allowed", "items[0].max_length");
}

TEST(DefinitionJson, RejectsIntegersThatDoNotFit) {
  EXPECT_ONLY_PROBLEM(
      parseProblems(definitionWith(R"({"id": "c", "type": "single_choice", "dimension": "a", "text": {"en": "Q"},
                                       "options": [{"code": 3000000000, "label": {"en": "Y"}}, {"code": 2, "label": {"en": "N"}}]})")),
      "out_of_range", "items[0].options[0].code");
}

TEST(DefinitionJson, CollectsEveryStructuralProblem) {
  const auto problems = parseProblems(R"({"id": 1, "audience": "public", "languages": ["en"], "title": {"en": "t"},
      "items": [{"id": "q1", "type": "agreement5", "text": {"en": "Q1"}}]})");
  EXPECT_EQ(problems.size(), 3u) << fixtures::describe(problems);
  EXPECT_PROBLEM(problems, "wrong_type", "id");
  EXPECT_PROBLEM(problems, "unknown_value", "audience");
  EXPECT_PROBLEM(problems, "missing_field", "items[0].dimension");
}

// --- Limits ----------------------------------------------------------------------------------------

std::string numberedItems(std::size_t count) {
  std::string items;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) items += ",";
    items += R"({"id": "q)" + std::to_string(i) + R"(", "type": "agreement5", "dimension": "a", "text": {"en": "Q"}})";
  }
  return items;
}

TEST(DefinitionLimits, AllowsTwoHundredItemsAndNoMore) {
  EXPECT_EQ(parseDefinition(definitionWith(numberedItems(200))).items.size(), 200u);
  EXPECT_ONLY_PROBLEM(parseProblems(definitionWith(numberedItems(201))), "too_many", "items");
}

TEST(DefinitionLimits, AllowsAHundredOptionsAndNoMore) {
  const auto choiceWith = [](std::size_t count) {
    std::string options;
    for (std::size_t i = 0; i < count; ++i) {
      options += (i > 0 ? "," : "") + std::string(R"({"code": )") + std::to_string(i) + R"(, "label": {"en": "o"}})";
    }
    return definitionWith(R"({"id": "c", "type": "single_choice", "dimension": "a", "text": {"en": "Q"}, "options": [)" +
                          options + "]}");
  };
  EXPECT_EQ(parseDefinition(choiceWith(100)).items[0].options.size(), 100u);
  EXPECT_ONLY_PROBLEM(parseProblems(choiceWith(101)), "too_many", "items[0].options");
}

TEST(DefinitionLimits, CountsTextLengthInCodePoints) {
  // 2000 Kazakh letters are 4000 bytes in UTF-8 and still within the 2000 code point limit.
  const std::string atLimit = repeat("ә", 2000);
  const auto withTitle = [](const std::string& title) {
    return R"({"id": "mini", "audience": "citizen", "languages": ["kk"], "title": {"kk": ")" + title +
           R"("}, "items": [{"id": "q1", "type": "agreement5", "dimension": "a", "text": {"kk": "Q"}}]})";
  };
  EXPECT_EQ(parseDefinition(withTitle(atLimit)).title.at("kk"), atLimit);
  EXPECT_ONLY_PROBLEM(parseProblems(withTitle(atLimit + "ә")), "too_long", "title.kk");
}

TEST(DefinitionLimits, ValidationAppliesTheLimitsToDefinitionsBuiltInCode) {
  SurveyDefinition def = sampleDefinition();
  def.items[0].text["en"] = repeat("x", 2001);
  while (def.items.size() <= 200) {
    Item extra = def.items[0];
    extra.id = "extra_" + std::to_string(def.items.size());
    extra.text["en"] = "x";
    def.items.push_back(extra);
  }
  const auto problems = validateDefinition(def);
  EXPECT_PROBLEM(problems, "too_many", "items");
  EXPECT_PROBLEM(problems, "too_long", "items[0].text.en");
}

// --- Validation ------------------------------------------------------------------------------------

TEST(DefinitionValidation, AcceptsTheSampleInstrument) {
  const auto problems = validateDefinition(sampleDefinition());
  EXPECT_TRUE(problems.empty()) << fixtures::describe(problems);
}

TEST(DefinitionValidation, RejectsBadSurveyIds) {
  for (const char* id : {"", "Court_User", "court user", "суд", "a/b"}) {
    SurveyDefinition def = sampleDefinition();
    def.id = id;
    EXPECT_ONLY_PROBLEM(validateDefinition(def), "invalid_id", "id");
  }
  SurveyDefinition def = sampleDefinition();
  def.id = repeat("a", 65);
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "invalid_id", "id");
  def.id = "court-user_2";  // hyphen allowed in survey ids
  EXPECT_TRUE(validateDefinition(def).empty());
}

TEST(DefinitionValidation, RejectsMissingUnsupportedAndDuplicateLanguages) {
  SurveyDefinition def = sampleDefinition();
  def.languages = {};
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "no_languages", "languages");
  def.languages = {"ru", "de"};
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "unsupported_language", "languages[1]");
  def.languages = {"ru", "ru"};
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "duplicate_language", "languages[1]");
}

TEST(DefinitionValidation, RequiresEveryTextInEveryDeclaredLanguage) {
  SurveyDefinition def = sampleDefinition();
  def.title.erase("kk");
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "missing_translation", "title.kk");
  def = sampleDefinition();
  def.items[2].text["ru"] = "";
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "missing_translation", "items[2].text.ru");
  def = sampleDefinition();
  def.items[1].options[0].label.erase("en");
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "missing_translation", "items[1].options[0].label.en");
  def = sampleDefinition();
  def.indices[0].name.erase("kk");
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "missing_translation", "indices[0].name.kk");
  // Optional texts may be absent, but not half-translated.
  def = sampleDefinition();
  def.intro.clear();
  EXPECT_TRUE(validateDefinition(def).empty());
  def.thanks.erase("ru");
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "missing_translation", "thanks.ru");
  // A survey declared only in Russian needs only Russian texts.
  def = sampleDefinition();
  def.languages = {"ru"};
  def.title.erase("kk");
  EXPECT_TRUE(validateDefinition(def).empty());
}

TEST(DefinitionValidation, RejectsInvalidUtf8InTextsBuiltInCode) {
  SurveyDefinition def = sampleDefinition();
  def.items[0].text["ru"] = "\xD0";
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "invalid_utf8", "items[0].text.ru");
}

TEST(DefinitionValidation, RejectsASurveyWithoutItems) {
  SurveyDefinition def = sampleDefinition();
  def.items.clear();
  def.indices.clear();
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "no_items", "items");
}

TEST(DefinitionValidation, RejectsBadAndDuplicateItemIds) {
  SurveyDefinition def = sampleDefinition();
  def.items[6].id = "access_find";
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "duplicate_id", "items[6].id");
  def = sampleDefinition();
  def.items[6].id = "recommend-me";  // hyphens are for survey ids only
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "invalid_id", "items[6].id");
  def = sampleDefinition();
  def.items[6].dimension = "Overall";
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "invalid_dimension", "items[6].dimension");
}

TEST(DefinitionValidation, ChecksOptionsAgainstTheItemType) {
  SurveyDefinition def = sampleDefinition();
  def.items[0].options = {{1, tri("a", "b", "c")}};
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "options_not_allowed", "items[0].options");
  def = sampleDefinition();
  def.items[1].options.pop_back();
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "too_few_options", "items[1].options");
  def = sampleDefinition();
  def.items[1].options[1].code = 1;
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "duplicate_code", "items[1].options[1].code");
}

TEST(DefinitionValidation, ChecksNumberAndTextSettings) {
  SurveyDefinition def = sampleDefinition();
  def.items[7].min = 10;
  def.items[7].max = 5;
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "min_above_max", "items[7].min");
  def = sampleDefinition();
  def.items[8].maxLength = 0;
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "out_of_range", "items[8].max_length");
  def.items[8].maxLength = 4001;
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "out_of_range", "items[8].max_length");
  def.items[8].maxLength = 4000;
  EXPECT_TRUE(validateDefinition(def).empty());
  def.items[8].allowedNonAnswers = {NonAnswer::DontKnow};
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "non_answers_not_allowed", "items[8].non_answers");
}

TEST(DefinitionValidation, ChecksMinGroupSize) {
  SurveyDefinition def = sampleDefinition();
  def.minGroupSize = 3;  // would publish cells small enough to identify people
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "out_of_range", "min_group_size");
  def.minGroupSize = -1;
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "out_of_range", "min_group_size");
  def.minGroupSize = 5;
  EXPECT_TRUE(validateDefinition(def).empty());
}

TEST(DefinitionValidation, ChecksConditions) {
  SurveyDefinition def = sampleDefinition();
  def.items[2].showIf = Condition{"nope", {1}};
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "unknown_condition_item", "items[2].show_if.item");
  def.items[2].showIf = Condition{"fair_listened", {1}};
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "condition_on_self", "items[2].show_if.item");
  def.items[2].showIf = Condition{"overall", {1}};
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "condition_on_later_item", "items[2].show_if.item");
  def = sampleDefinition();
  def.items[8].showIf = Condition{"visits", {1}};
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "invalid_condition_item", "items[8].show_if.item");
  def = sampleDefinition();
  def.items[2].showIf = Condition{"appeared", {}};
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "empty_condition", "items[2].show_if.any_of");
  def.items[2].showIf = Condition{"appeared", {1, 3}};  // appeared has options 1 and 2
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "invalid_condition_code", "items[2].show_if.any_of[1]");
  def.items[2].showIf = Condition{"access_find", {0, 5}};  // agreement5 is 1..5
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "invalid_condition_code", "items[2].show_if.any_of[0]");
  def = sampleDefinition();
  def.items[7].showIf = Condition{"recommend", {0, 10}};  // 0..10 scale
  EXPECT_TRUE(validateDefinition(def).empty());
}

TEST(DefinitionValidation, ChecksIndices) {
  SurveyDefinition def = sampleDefinition();
  def.indices[0].dimensions = {"access", "fairness", "nothing"};
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "unknown_dimension", "indices[0].dimensions[2]");
  // "background" exists, but only on choice and number items, which an index cannot average.
  def.indices[0].dimensions = {"background"};
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "unknown_dimension", "indices[0].dimensions[0]");
  def.indices[0].dimensions = {};
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "no_dimensions", "indices[0].dimensions");
  def = sampleDefinition();
  def.indices.push_back(def.indices[0]);
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "duplicate_id", "indices[1].id");
  def.indices[1].id = "Access";
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "invalid_id", "indices[1].id");
}

TEST(DefinitionValidation, ReportsEveryProblemAtOnce) {
  SurveyDefinition def = sampleDefinition();
  def.id = "";
  def.title.erase("en");
  def.items[1].options.pop_back();
  const auto problems = validateDefinition(def);
  EXPECT_EQ(problems.size(), 3u) << fixtures::describe(problems);
  EXPECT_PROBLEM(problems, "invalid_id", "id");
  EXPECT_PROBLEM(problems, "missing_translation", "title.en");
  EXPECT_PROBLEM(problems, "too_few_options", "items[1].options");
}

// --- Second edition: scale5, scale_labels, reviewed, report_by_court ---------------------------------

// "How has your trust changed?": 1 decreased a lot .. 5 increased a lot, in three languages.
std::vector<Option> trustChangeLabels() {
  return {{1, tri("Қатты азайды", "Сильно снизилось", "Decreased a lot")},
          {2, tri("Біршама азайды", "Немного снизилось", "Decreased somewhat")},
          {3, tri("Өзгерген жоқ", "Не изменилось", "Unchanged")},
          {4, tri("Біршама артты", "Немного выросло", "Increased somewhat")},
          {5, tri("Қатты артты", "Сильно выросло", "Increased a lot")}};
}

Item trustChangeItem() {
  Item item;
  item.id = "trust_change";
  item.type = ItemType::Scale5;
  item.dimension = "trust_change";
  item.text = tri("Сенім қалай өзгерді?", "Как изменилось доверие?", "How has your trust changed?");
  item.scaleLabels = trustChangeLabels();
  return item;
}

// The sample instrument with a scale5 item at index 9 and labelled ends on `recommend` (index 6).
SurveyDefinition secondEdition() {
  SurveyDefinition def = sampleDefinition();
  def.items.push_back(trustChangeItem());
  def.items[6].scaleLabels = {{0, tri("Мүлде ықтимал емес", "Совсем маловероятно", "Not at all likely")},
                              {5, tri("Бейтарап", "Ни то, ни другое", "Neither")},
                              {10, tri("Өте ықтимал", "Очень вероятно", "Extremely likely")}};
  for (Item& item : def.items) item.reviewed = {"kk", "ru", "en"};
  def.reportByCourt = false;
  return def;
}

TEST(SurveyScales, ScaleFiveIsAFivePointScaleLikeTheOthers) {
  EXPECT_EQ(toString(ItemType::Scale5), "scale5");
  EXPECT_EQ(parseItemType("scale5"), ItemType::Scale5);
  EXPECT_TRUE(isScale(ItemType::Scale5));
  EXPECT_EQ(scaleMin(ItemType::Scale5), 1);
  EXPECT_EQ(scaleMax(ItemType::Scale5), 5);
  EXPECT_TRUE(isFivePoint(ItemType::Agreement5));
  EXPECT_TRUE(isFivePoint(ItemType::Satisfaction5));
  EXPECT_TRUE(isFivePoint(ItemType::Scale5));
  EXPECT_FALSE(isFivePoint(ItemType::Scale0to10));
  EXPECT_FALSE(isFivePoint(ItemType::SingleChoice));
}

TEST(DefinitionJson, ReadsScaleLabelsReviewedLanguagesAndReportByCourt) {
  const SurveyDefinition def = parseDefinition(definitionWith(
      R"({"id": "trust_change", "type": "scale5", "dimension": "trust_change", "text": {"en": "Changed?"},
          "reviewed": ["en"],
          "scale_labels": [{"value": 1, "label": {"en": "Decreased a lot"}}, {"value": 2, "label": {"en": "Decreased somewhat"}},
                           {"value": 3, "label": {"en": "Unchanged"}}, {"value": 4, "label": {"en": "Increased somewhat"}},
                           {"value": 5, "label": {"en": "Increased a lot"}}]},
         {"id": "recommend", "type": "scale0to10", "dimension": "overall", "text": {"en": "Likely?"},
          "scale_labels": [{"value": 0, "label": {"en": "Not at all likely"}}, {"value": 10, "label": {"en": "Extremely likely"}}]})",
      R"("report_by_court": false,)"));
  EXPECT_FALSE(def.reportByCourt);
  ASSERT_EQ(def.items.size(), 2u);
  EXPECT_EQ(def.items[0].type, ItemType::Scale5);
  EXPECT_EQ(def.items[0].reviewed, (std::vector<std::string>{"en"}));
  ASSERT_EQ(def.items[0].scaleLabels.size(), 5u);
  EXPECT_EQ(def.items[0].scaleLabels[4].code, 5);
  EXPECT_EQ(def.items[0].scaleLabels[4].label.at("en"), "Increased a lot");
  ASSERT_EQ(def.items[1].scaleLabels.size(), 2u);
  EXPECT_EQ(def.items[1].scaleLabels[1].code, 10);
  EXPECT_EQ(def.items[1].scaleLabels[1].label.at("en"), "Extremely likely");
  EXPECT_TRUE(def.items[1].reviewed.empty());
  EXPECT_TRUE(validateDefinition(def).empty()) << fixtures::describe(validateDefinition(def));

  // Absent means reported by court, and no labels, no reviewed languages.
  const SurveyDefinition plain = parseDefinition(definitionWith(kAgreementItem));
  EXPECT_TRUE(plain.reportByCourt);
  EXPECT_TRUE(plain.items[0].scaleLabels.empty());
  EXPECT_TRUE(plain.items[0].reviewed.empty());
}

TEST(DefinitionJson, RoundTripsTheSecondEditionFields) {
  const SurveyDefinition def = secondEdition();
  ASSERT_TRUE(validateDefinition(def).empty()) << fixtures::describe(validateDefinition(def));
  const std::string json = definitionToJson(def);
  EXPECT_NE(json.find(R"("report_by_court":false)"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("scale_labels":[{"value":1,"label":{)"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("reviewed":["kk","ru","en"])"), std::string::npos) << json;
  const SurveyDefinition back = parseDefinition(json);
  expectSameDefinition(def, back);
  EXPECT_EQ(definitionToJson(back), json);

  // report_by_court is written only when false; an item without labels or reviews writes neither.
  const std::string first = definitionToJson(sampleDefinition());
  EXPECT_EQ(first.find("report_by_court"), std::string::npos) << first;
  EXPECT_EQ(first.find("scale_labels"), std::string::npos) << first;
  EXPECT_EQ(first.find("reviewed"), std::string::npos) << first;
}

TEST(DefinitionJson, GivesRespondentsTheScaleLabelsInTheirLanguage) {
  const std::string json = definitionToJson(secondEdition(), std::string("ru"));
  EXPECT_NE(json.find(R"({"value":1,"label":"Сильно снизилось"})"), std::string::npos) << json;
  EXPECT_NE(json.find(R"({"value":10,"label":"Очень вероятно"})"), std::string::npos) << json;
  EXPECT_EQ(json.find("Decreased a lot"), std::string::npos) << json;
}

TEST(DefinitionJson, RejectsMalformedSecondEditionFieldsNamingThePath) {
  EXPECT_ONLY_PROBLEM(parseProblems(definitionWith(kAgreementItem, R"("report_by_court": "no",)")), "wrong_type",
                      "report_by_court");
  const auto scale = [](const std::string& extra) {
    return definitionWith(R"({"id": "r", "type": "scale0to10", "dimension": "overall", "text": {"en": "R"}, )" + extra + "}");
  };
  EXPECT_ONLY_PROBLEM(parseProblems(scale(R"("scale_labels": {"value": 0})")), "wrong_type", "items[0].scale_labels");
  EXPECT_ONLY_PROBLEM(parseProblems(scale(R"("scale_labels": [3])")), "wrong_type", "items[0].scale_labels[0]");
  // Options have "code", scale labels "value": the wrong key is named, and the missing one.
  const auto problems = parseProblems(scale(R"("scale_labels": [{"code": 0, "label": {"en": "No"}}])"));
  EXPECT_EQ(problems.size(), 2u) << fixtures::describe(problems);
  EXPECT_PROBLEM(problems, "unknown_field", "items[0].scale_labels[0].code");
  EXPECT_PROBLEM(problems, "missing_field", "items[0].scale_labels[0].value");
  EXPECT_ONLY_PROBLEM(parseProblems(scale(R"("scale_labels": [{"value": 0}])")), "missing_field",
                      "items[0].scale_labels[0].label");
  EXPECT_ONLY_PROBLEM(parseProblems(scale(R"("scale_labels": [{"value": 0.5, "label": {"en": "x"}}])")), "wrong_type",
                      "items[0].scale_labels[0].value");
  EXPECT_ONLY_PROBLEM(parseProblems(scale(R"("reviewed": "en")")), "wrong_type", "items[0].reviewed");
  EXPECT_ONLY_PROBLEM(parseProblems(scale(R"("reviewed": ["en", 2])")), "wrong_type", "items[0].reviewed[1]");
}

TEST(DefinitionValidation, ScaleLabelsBelongToScale5AndZeroToTenItemsOnly) {
  for (const std::size_t i : {0u, 1u, 3u, 4u, 7u, 8u}) {  // agreement5, single, multiple, satisfaction5, number, text
    SurveyDefinition def = sampleDefinition();
    def.items[i].scaleLabels = {{1, tri("a", "b", "c")}};
    SCOPED_TRACE(def.items[i].id);
    EXPECT_ONLY_PROBLEM(validateDefinition(def), "not_allowed", "items[" + std::to_string(i) + "].scale_labels");
  }
}

TEST(DefinitionValidation, AScale5ItemLabelsEachOfItsFivePoints) {
  SurveyDefinition def = secondEdition();
  def.items[9].scaleLabels.clear();
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "missing_scale_label", "items[9].scale_labels");
  def = secondEdition();
  def.items[9].scaleLabels.erase(def.items[9].scaleLabels.begin() + 2);  // no label for 3
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "missing_scale_label", "items[9].scale_labels");
  def = secondEdition();
  def.items[9].scaleLabels[4].code = 6;  // 1..5 only; and 5 is then unlabelled
  auto problems = validateDefinition(def);
  EXPECT_EQ(problems.size(), 2u) << fixtures::describe(problems);
  EXPECT_PROBLEM(problems, "out_of_range", "items[9].scale_labels[4].value");
  EXPECT_PROBLEM(problems, "missing_scale_label", "items[9].scale_labels");
  def = secondEdition();
  def.items[9].scaleLabels.push_back({0, tri("a", "b", "c")});  // a scale5 has no 0
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "out_of_range", "items[9].scale_labels[5].value");
  def = secondEdition();
  def.items[9].scaleLabels.push_back({3, tri("a", "b", "c")});
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "duplicate_code", "items[9].scale_labels[5].value");
  def = secondEdition();
  def.items[9].scaleLabels[1].label.erase("kk");
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "missing_translation", "items[9].scale_labels[1].label.kk");
  def.items[9].scaleLabels[1].label["kk"] = "";
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "missing_translation", "items[9].scale_labels[1].label.kk");
}

TEST(DefinitionValidation, AZeroToTenItemMayLabelItsPointsButThenBothEnds) {
  SurveyDefinition def = secondEdition();
  def.items[6].scaleLabels.clear();  // no labels at all: fine, the page shows the numbers only
  EXPECT_TRUE(validateDefinition(def).empty()) << fixtures::describe(validateDefinition(def));
  def = secondEdition();
  def.items[6].scaleLabels.pop_back();  // 0 and 5, no 10
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "missing_scale_label", "items[6].scale_labels");
  def = secondEdition();
  def.items[6].scaleLabels.erase(def.items[6].scaleLabels.begin());  // 5 and 10, no 0
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "missing_scale_label", "items[6].scale_labels");
  def = secondEdition();
  def.items[6].scaleLabels[1].code = 11;
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "out_of_range", "items[6].scale_labels[1].value");
  def.items[6].scaleLabels[1].code = -1;
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "out_of_range", "items[6].scale_labels[1].value");
  def.items[6].scaleLabels[1].code = 10;
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "duplicate_code", "items[6].scale_labels[2].value");
  def = secondEdition();
  def.items[6].scaleLabels[2].label.erase("en");
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "missing_translation", "items[6].scale_labels[2].label.en");
}

TEST(DefinitionValidation, ReviewedListsLanguagesOfTheSurveyOnceEach) {
  SurveyDefinition def = secondEdition();
  def.items[2].reviewed = {"ru", "de"};
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "unsupported_language", "items[2].reviewed[1]");
  def = secondEdition();
  def.items[2].reviewed = {"ru", "kk", "ru"};
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "duplicate_language", "items[2].reviewed[2]");
  // A survey in Russian only: Kazakh is not one of its languages, so it cannot have been reviewed.
  def = sampleDefinition();
  def.languages = {"ru"};
  def.items[0].reviewed = {"kk"};
  EXPECT_ONLY_PROBLEM(validateDefinition(def), "unsupported_language", "items[0].reviewed[0]");
  def.items[0].reviewed = {"ru"};
  EXPECT_TRUE(validateDefinition(def).empty()) << fixtures::describe(validateDefinition(def));
  def.items[0].reviewed = {};  // not reviewed yet: allowed (the template tests demand all three)
  EXPECT_TRUE(validateDefinition(def).empty());
}

TEST(DefinitionValidation, AnIndexMayAverageScale5Items) {
  SurveyDefinition def = secondEdition();
  def.indices.push_back({"trust_change_index", tri("a", "b", "c"), {"trust_change"}});
  EXPECT_TRUE(validateDefinition(def).empty()) << fixtures::describe(validateDefinition(def));
}

}  // namespace
}  // namespace courtvoice::surveys
