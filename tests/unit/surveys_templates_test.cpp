// The shipped instruments (surveys/templates/*.json) and the court registry seed
// (surveys/templates/courts.csv, regions.csv) are what every court starts with: they must parse,
// validate, carry every text in Kazakh, Russian and English, and keep the structure the reports
// rely on.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "courtvoice/surveys/regions.hpp"
#include "courtvoice/surveys/definition_json.hpp"
#include "courtvoice/surveys/definition_validation.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/response.hpp"
#include "courtvoice/surveys/response_validation.hpp"
#include "courtvoice/surveys/survey_definition.hpp"
#include "courtvoice/surveys/version_compatibility.hpp"

namespace courtvoice::surveys {
namespace {

const std::vector<std::string> kLanguages = {"kk", "ru", "en"};

std::string templatePath(const std::string& name) {
  return std::string(COURTVOICE_SOURCE_DIR) + "/surveys/templates/" + name;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) ADD_FAILURE() << "cannot open " << path;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// `subdirectory` "v1/" holds the first edition, kept for the demo and for history.
SurveyDefinition loadTemplate(const std::string& id, const std::string& subdirectory = "") {
  const std::string json = readFile(templatePath(subdirectory + id + ".json"));
  try {
    return parseDefinition(json);
  } catch (const DomainError& e) {
    ADD_FAILURE() << id << ".json does not parse: " << e.what() << " at " << e.field();
    return {};
  }
}

std::string describe(const std::vector<ValidationError>& errors) {
  std::string out;
  for (const auto& e : errors) out += "\n  " + e.field + ": " + e.code + " (" + e.message + ")";
  return out;
}

// --- Unicode helpers, so that translation checks look at letters rather than bytes ---------------

std::u32string decodeUtf8(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    char32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1Fu) : extra == 2 ? (c & 0x0Fu) : (c & 0x07u);
    for (int k = 1; k <= extra && i + static_cast<std::size_t>(k) < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3Fu);
    }
    out.push_back(cp);
    i += static_cast<std::size_t>(extra) + 1;
  }
  return out;
}

bool hasCyrillic(const std::string& s) {
  const auto text = decodeUtf8(s);
  return std::any_of(text.begin(), text.end(), [](char32_t c) { return c >= 0x0400 && c <= 0x04FF; });
}

// Letters of the Kazakh Cyrillic alphabet that Russian does not have: a Kazakh sentence without
// any of them is almost certainly Russian pasted into the wrong language.
bool hasKazakhLetter(const std::string& s) {
  static const std::u32string kKazakh = U"әғқңөұүһіӘҒҚҢӨҰҮҺІ";
  const auto text = decodeUtf8(s);
  return std::any_of(text.begin(), text.end(), [](char32_t c) { return kKazakh.find(c) != std::u32string::npos; });
}

std::set<std::string> keysOf(const LocalizedText& text) {
  std::set<std::string> keys;
  for (const auto& [lang, value] : text) keys.insert(lang);
  return keys;
}

// Every text of a definition with a readable name, to report which one is wrong.
std::vector<std::pair<std::string, const LocalizedText*>> allTexts(const SurveyDefinition& def) {
  std::vector<std::pair<std::string, const LocalizedText*>> texts = {
      {"title", &def.title}, {"intro", &def.intro}, {"thanks", &def.thanks}};
  for (const auto& item : def.items) {
    texts.emplace_back(item.id + ".text", &item.text);
    for (const auto& option : item.options) {
      texts.emplace_back(item.id + ".options[" + std::to_string(option.code) + "]", &option.label);
    }
    for (const auto& label : item.scaleLabels) {
      texts.emplace_back(item.id + ".scale_labels[" + std::to_string(label.code) + "]", &label.label);
    }
  }
  for (const auto& index : def.indices) texts.emplace_back(index.id + ".name", &index.name);
  return texts;
}

struct TemplateCase {
  std::string id;
  Audience audience;
  int minGroupSize;
};

const std::vector<TemplateCase> kTemplates = {
    {"court_user", Audience::Citizen, 5},
    {"court_staff", Audience::Staff, 10},
    {"judges", Audience::Judge, 10},
};

// Names the template in failure messages instead of printing the struct's bytes.
void PrintTo(const TemplateCase& c, std::ostream* os) { *os << c.id; }

class ShippedTemplate : public ::testing::TestWithParam<TemplateCase> {};

TEST_P(ShippedTemplate, ParsesAndValidatesWithoutErrors) {
  const SurveyDefinition def = loadTemplate(GetParam().id);
  const auto errors = validateDefinition(def);
  EXPECT_TRUE(errors.empty()) << GetParam().id << ".json:" << describe(errors);
}

TEST_P(ShippedTemplate, DeclaresItsIdAudienceGroupSizeAndThreeLanguages) {
  const SurveyDefinition def = loadTemplate(GetParam().id);
  EXPECT_EQ(def.id, GetParam().id);
  EXPECT_EQ(def.audience, GetParam().audience);
  EXPECT_EQ(def.effectiveMinGroupSize(), GetParam().minGroupSize);
  EXPECT_EQ(std::set<std::string>(def.languages.begin(), def.languages.end()),
            std::set<std::string>(kLanguages.begin(), kLanguages.end()));
}

TEST_P(ShippedTemplate, EveryTextAndOptionLabelIsInKazakhRussianAndEnglish) {
  const SurveyDefinition def = loadTemplate(GetParam().id);
  ASSERT_FALSE(def.items.empty());
  // Each item and option carries exactly kk, ru and en: one item list serves all three
  // languages, so ids and option codes are the same in every language by construction.
  for (const auto& [name, text] : allTexts(def)) {
    EXPECT_EQ(keysOf(*text), std::set<std::string>(kLanguages.begin(), kLanguages.end())) << name;
    for (const auto& lang : kLanguages) {
      const auto it = text->find(lang);
      EXPECT_TRUE(it != text->end() && !it->second.empty()) << name << " has no text in " << lang;
    }
  }
}

TEST_P(ShippedTemplate, EachLanguageIsWrittenInItsOwnScript) {
  const SurveyDefinition def = loadTemplate(GetParam().id);
  for (const auto& item : def.items) {
    const std::string& kk = item.text.at("kk");
    const std::string& ru = item.text.at("ru");
    const std::string& en = item.text.at("en");
    EXPECT_NE(kk, ru) << item.id << ": the Kazakh text is a copy of the Russian";
    EXPECT_TRUE(hasKazakhLetter(kk)) << item.id << ": the Kazakh text looks Russian: " << kk;
    EXPECT_TRUE(hasCyrillic(ru)) << item.id << ": the Russian text is not Cyrillic: " << ru;
    EXPECT_FALSE(hasKazakhLetter(ru)) << item.id << ": the Russian text has Kazakh letters: " << ru;
    EXPECT_FALSE(hasCyrillic(en)) << item.id << ": the English text has Cyrillic letters: " << en;
  }
}

TEST_P(ShippedTemplate, EndsWithAnOptionalCommentAndAnOverallRating) {
  const SurveyDefinition def = loadTemplate(GetParam().id);
  ASSERT_FALSE(def.items.empty());
  const Item& last = def.items.back();
  EXPECT_EQ(last.type, ItemType::Text);
  EXPECT_EQ(last.dimension, "comment");
  EXPECT_FALSE(last.required);
  EXPECT_EQ(last.maxLength, 1000);
  const auto overall = std::find_if(def.items.begin(), def.items.end(), [](const Item& item) {
    return item.dimension == "overall" && item.type == ItemType::Satisfaction5;
  });
  EXPECT_NE(overall, def.items.end()) << "no satisfaction5 item in dimension overall";
}

TEST_P(ShippedTemplate, RemovingOneKazakhItemTextFailsValidationNamingThatItem) {
  const SurveyDefinition original = loadTemplate(GetParam().id);
  for (std::size_t i = 0; i < original.items.size(); ++i) {
    SurveyDefinition copy = original;
    copy.items[i].text.erase("kk");
    const auto errors = validateDefinition(copy);
    ASSERT_FALSE(errors.empty()) << "no error without the Kazakh text of " << original.items[i].id;
    // The field is the item's JSON path ("items[3].text.kk") or carries its id; either names it.
    const std::string path = "items[" + std::to_string(i) + "]";
    const auto namesItem = [&](const ValidationError& e) {
      return (e.field.rfind(path, 0) == 0 || e.field.find(original.items[i].id) != std::string::npos) &&
             e.field.find("kk") != std::string::npos;
    };
    EXPECT_TRUE(std::any_of(errors.begin(), errors.end(), namesItem))
        << original.items[i].id << ":" << describe(errors);
  }
}

TEST_P(ShippedTemplate, RemovingOneKazakhOptionLabelFailsValidationNamingThatItem) {
  const SurveyDefinition original = loadTemplate(GetParam().id);
  bool anyChoice = false;
  for (std::size_t i = 0; i < original.items.size(); ++i) {
    if (original.items[i].options.empty()) continue;
    anyChoice = true;
    SurveyDefinition copy = original;
    copy.items[i].options.back().label["kk"] = "";
    const auto errors = validateDefinition(copy);
    const std::string path = "items[" + std::to_string(i) + "]";
    const auto namesItem = [&](const ValidationError& e) {
      return e.field.rfind(path, 0) == 0 || e.field.find(original.items[i].id) != std::string::npos;
    };
    EXPECT_TRUE(std::any_of(errors.begin(), errors.end(), namesItem))
        << original.items[i].id << ":" << describe(errors);
  }
  EXPECT_TRUE(anyChoice) << "every instrument has background choice items";
}

std::string templateName(const ::testing::TestParamInfo<TemplateCase>& param) { return param.param.id; }

// --- Second edition (issue 8): every shipped template is version 2 of the one in v1/ -------------

TEST_P(ShippedTemplate, IsAValidNewVersionOfTheFirstEdition) {
  const SurveyDefinition first = loadTemplate(GetParam().id, "v1/");
  const SurveyDefinition second = loadTemplate(GetParam().id);
  // Kept ids keep type and option codes, or declare series_break; new questions have new ids.
  const auto errors = validateNewVersion(first, second);
  EXPECT_TRUE(errors.empty()) << GetParam().id << ".json as version 2 of v1/" << GetParam().id << ".json:"
                              << describe(errors);
}

TEST_P(ShippedTemplate, EveryItemsTextWasReviewedInEveryLanguage) {
  const SurveyDefinition def = loadTemplate(GetParam().id);
  for (const Item& item : def.items) {
    EXPECT_EQ(std::set<std::string>(item.reviewed.begin(), item.reviewed.end()),
              std::set<std::string>(kLanguages.begin(), kLanguages.end()))
        << GetParam().id << "." << item.id << ": reviewed must list kk, ru and en once checked side by side";
  }
}

// The intro's promise "about N minutes" is the stated estimate: 7 s per item (the middle of the
// 6-8 s per item that web surveys measure) over the longest path, every conditional item shown,
// rounded to whole minutes, at least 1. Each language must name the same N.
TEST_P(ShippedTemplate, IntroPromisesTheEstimatedTimeToAnswerInEveryLanguage) {
  const SurveyDefinition def = loadTemplate(GetParam().id);
  const double seconds = 7.0 * static_cast<double>(def.items.size());
  const int minutes = std::max(1, static_cast<int>(std::lround(seconds / 60.0)));
  for (const std::string& lang : kLanguages) {
    const std::string& intro = def.intro.at(lang);
    std::vector<int> numbers;
    for (std::size_t i = 0; i < intro.size();) {
      if (intro[i] >= '0' && intro[i] <= '9') {
        std::size_t end = i;
        while (end < intro.size() && intro[end] >= '0' && intro[end] <= '9') ++end;
        numbers.push_back(std::stoi(intro.substr(i, end - i)));
        i = end;
      } else {
        ++i;
      }
    }
    EXPECT_EQ(numbers, std::vector<int>{minutes})
        << GetParam().id << " intro." << lang << " must say about " << minutes << " minutes (" << def.items.size()
        << " items x 7 s), in digits: " << intro;
  }
}

INSTANTIATE_TEST_SUITE_P(Templates, ShippedTemplate, ::testing::ValuesIn(kTemplates), templateName);

// --- court_user -------------------------------------------------------------------------------

const Item* findItem(const SurveyDefinition& def, const std::string& id) {
  const auto it = std::find_if(def.items.begin(), def.items.end(), [&](const Item& i) { return i.id == id; });
  return it == def.items.end() ? nullptr : &*it;
}

// The second edition's path for a respondent who answers the hearing question with `code`
// (every other item answered, so nothing else hides an item): the items they are shown.
std::vector<std::string> pathFor(const SurveyDefinition& def, int hearingRole) {
  Response response;
  Answer answer;
  answer.itemId = "hearing_role";
  answer.code = hearingRole;
  response.answers.push_back(answer);
  std::vector<std::string> shown;
  for (const Item& item : def.items) {
    if (isVisible(item, response)) shown.push_back(item.id);
  }
  return shown;
}

TEST(CourtUserTemplate, FullPathIsEveryItemAndAtMostTwentySixItems) {
  // The survey is taken at a kiosk on the way out; more items and people stop answering. A party
  // in a hearing sees every item, so the intro's estimate (7 s x all items) is their path.
  const SurveyDefinition def = loadTemplate("court_user");
  EXPECT_LE(def.items.size(), 26u);
  EXPECT_EQ(pathFor(def, 1).size(), def.items.size());
  // Those in another role see the hearing's start time only; those not in a hearing none of it.
  EXPECT_EQ(pathFor(def, 2).size() + 8, def.items.size());
  EXPECT_EQ(pathFor(def, 3).size() + 9, def.items.size());
}

TEST(CourtUserTemplate, FairnessItemsAreShownOnlyToPartiesVictimsAndRepresentatives) {
  const SurveyDefinition def = loadTemplate("court_user");
  EXPECT_EQ(findItem(def, "appeared"), nullptr) << "the question changed meaning: it has a new id";
  const Item* role = findItem(def, "hearing_role");
  ASSERT_NE(role, nullptr);
  ASSERT_EQ(role->type, ItemType::SingleChoice);
  std::map<int, std::string> options;
  for (const Option& o : role->options) options[o.code] = o.label.at("en");
  ASSERT_EQ(options.size(), 3u);
  EXPECT_NE(options[1].find("party, victim or representative"), std::string::npos) << options[1];
  EXPECT_NE(options[2].find("another role"), std::string::npos) << options[2];
  EXPECT_EQ(options[3], "No");

  int fairnessItems = 0;
  for (const auto& item : def.items) {
    if (item.dimension != "fairness") continue;
    ++fairnessItems;
    ASSERT_TRUE(item.showIf.has_value()) << item.id << " is shown to everyone";
    EXPECT_EQ(item.showIf->itemId, "hearing_role") << item.id;
    EXPECT_EQ(item.showIf->anyOf, std::vector<int>{1}) << item.id;
  }
  // CourTools M1's five (the judge had the information needed among them), respect, and the
  // decision and the next steps asked apart.
  EXPECT_EQ(fairnessItems, 7);
  for (const std::string id : {"fair_judge_informed", "fair_judge_respect", "fair_decision_understood", "fair_next_steps"}) {
    const Item* item = findItem(def, id);
    ASSERT_NE(item, nullptr) << id;
    EXPECT_EQ(item->dimension, "fairness") << id;
  }
  // Witnesses and relatives wait for the hearing too: they are asked whether it started on time,
  // and anyone may say it did not take place.
  const Item* onTime = findItem(def, "hearing_on_time");
  ASSERT_NE(onTime, nullptr);
  ASSERT_TRUE(onTime->showIf.has_value());
  EXPECT_EQ(onTime->showIf->itemId, "hearing_role");
  EXPECT_EQ(onTime->showIf->anyOf, (std::vector<int>{1, 2}));
  EXPECT_EQ(onTime->allowedNonAnswers.count(NonAnswer::NotApplicable), 1u);
  // The length of the proceedings is a party's experience.
  const Item* duration = findItem(def, "case_duration");
  ASSERT_NE(duration, nullptr);
  ASSERT_TRUE(duration->showIf.has_value());
  EXPECT_EQ(duration->showIf->anyOf, std::vector<int>{1});
}

TEST(CourtUserTemplate, DoubleBarrelledAndRetiredItemsAreGoneAndTheirPartsAsked) {
  const SurveyDefinition def = loadTemplate("court_user");
  // Retired in the second edition; their ids are never used again.
  for (const std::string id : {"appeared", "access_info_clear", "access_barriers", "access_online", "staff_helpful",
                               "fair_understood", "access_waiting", "confidence", "reasons", "access_find",
                               "access_signs", "access_safe", "access_hours"}) {
    EXPECT_EQ(findItem(def, id), nullptr) << id;
  }
  for (const std::string id : {"access_summons_clear", "access_forms_clear", "access_waiting_area", "access_time",
                               "staff_attention", "staff_helped"}) {
    const Item* item = findItem(def, id);
    ASSERT_NE(item, nullptr) << id;
    EXPECT_EQ(item->type, ItemType::Agreement5) << id;
  }
  // CourTools M1's positive form: agreeing is the favourable answer, no double negative.
  const Item* time = findItem(def, "access_time");
  ASSERT_NE(time, nullptr);
  EXPECT_EQ(time->text.at("en"), "I was able to get my court business done in a reasonable amount of time.");
}

TEST(CourtUserTemplate, TrustLevelFeedsTheConfidenceIndexAndTheChangeIsReportedAsAnItem) {
  const SurveyDefinition def = loadTemplate("court_user");
  const Item* level = findItem(def, "trust_level");
  const Item* change = findItem(def, "trust_change");
  ASSERT_NE(level, nullptr);
  ASSERT_NE(change, nullptr);
  for (const Item* item : {level, change}) {
    EXPECT_EQ(item->type, ItemType::Scale5) << item->id;
    std::vector<int> values;
    for (const Option& label : item->scaleLabels) values.push_back(label.code);
    EXPECT_EQ(values, (std::vector<int>{1, 2, 3, 4, 5})) << item->id;
  }
  EXPECT_EQ(level->scaleLabels.front().label.at("en"), "Not at all");
  EXPECT_EQ(level->scaleLabels.back().label.at("en"), "Completely");
  EXPECT_EQ(change->scaleLabels.front().label.at("en"), "Decreased a lot");
  EXPECT_EQ(change->scaleLabels[2].label.at("en"), "Unchanged");
  EXPECT_EQ(change->scaleLabels.back().label.at("en"), "Increased a lot");

  const auto index = std::find_if(def.indices.begin(), def.indices.end(),
                                  [](const IndexDefinition& i) { return i.id == "trust_index"; });
  ASSERT_NE(index, def.indices.end());
  EXPECT_EQ(index->dimensions, std::vector<std::string>{"trust"});
  // The index is a level: the only item of its dimension is the level of trust.
  std::vector<std::string> inTrust;
  for (const Item& item : def.items) {
    if (item.dimension == "trust") inTrust.push_back(item.id);
  }
  EXPECT_EQ(inTrust, std::vector<std::string>{"trust_level"});
  EXPECT_EQ(change->dimension, "trust_change");
  for (const IndexDefinition& i : def.indices) {
    EXPECT_EQ(std::count(i.dimensions.begin(), i.dimensions.end(), "trust_change"), 0) << i.id;
  }
}

TEST(CourtUserTemplate, RecommendKeepsItsWordingAndCarriesItsOwnEndLabels) {
  const SurveyDefinition def = loadTemplate("court_user");
  const Item* recommend = findItem(def, "recommend");
  ASSERT_NE(recommend, nullptr);
  ASSERT_EQ(recommend->type, ItemType::Scale0to10);
  EXPECT_FALSE(recommend->seriesBreak) << "the question is the same; only its anchors moved under the scale";
  std::map<int, const LocalizedText*> labels;
  for (const Option& label : recommend->scaleLabels) labels[label.code] = &label.label;
  ASSERT_EQ(labels.count(0), 1u);
  ASSERT_EQ(labels.count(10), 1u);
  EXPECT_EQ(labels[0]->at("en"), "Not at all likely");
  EXPECT_EQ(labels[10]->at("en"), "Extremely likely");
  // "Speak well of", not the NPS wording ("recommend ... to a friend or colleague"); the anchors
  // are labels now, so the question itself holds no "0 = ..." or "10 = ...".
  EXPECT_NE(recommend->text.at("en").find("speak well of"), std::string::npos);
  EXPECT_EQ(recommend->text.at("en").find("colleague"), std::string::npos);
  for (const std::string& lang : kLanguages) {
    const std::string& text = recommend->text.at(lang);
    EXPECT_EQ(text.find_first_of("0123456789"), std::string::npos) << lang << ": " << text;
  }
}

TEST(CourtUserTemplate, KeptItemsWhosePopulationOrLabelsChangedBreakTheirSeries) {
  const SurveyDefinition first = loadTemplate("court_user", "v1/");
  const SurveyDefinition def = loadTemplate("court_user");
  // Fairness is asked of parties only now, hearing_on_time lets a hearing that did not take place
  // out of the denominator, and the satisfaction scale's end labels changed.
  std::set<std::string> broken;
  std::set<std::string> kept;
  for (const Item& item : def.items) {
    if (first.findItem(item.id) == nullptr) continue;
    (item.seriesBreak ? broken : kept).insert(item.id);
    if (item.type == ItemType::Satisfaction5) {
      EXPECT_TRUE(item.seriesBreak) << item.id;
    }
  }
  EXPECT_EQ(broken, (std::set<std::string>{"fair_handled", "fair_listened", "fair_equal", "hearing_on_time", "overall"}));
  EXPECT_EQ(kept, (std::set<std::string>{"role", "case_type", "visit_frequency", "access_find_room", "staff_courtesy",
                                         "recommend", "comment"}));
}

TEST(CourtUserTemplate, BackgroundComesFirstAndTheSurveyEndsWithOverallRecommendAndComment) {
  const SurveyDefinition def = loadTemplate("court_user");
  ASSERT_GE(def.items.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(def.items[i].dimension, "background") << def.items[i].id;
  ASSERT_GE(def.items.size(), 3u);
  const std::size_t n = def.items.size();
  EXPECT_EQ(def.items[n - 3].id, "overall");
  EXPECT_EQ(def.items[n - 3].type, ItemType::Satisfaction5);
  EXPECT_EQ(def.items[n - 2].id, "recommend");
  EXPECT_EQ(def.items[n - 2].dimension, "recommend");
  EXPECT_EQ(def.items[n - 1].id, "comment");
}

TEST(CourtUserTemplate, DefinesTheFiveIndices) {
  const SurveyDefinition def = loadTemplate("court_user");
  std::map<std::string, std::vector<std::string>> indices;
  for (const auto& index : def.indices) indices[index.id] = index.dimensions;
  EXPECT_EQ(indices, (std::map<std::string, std::vector<std::string>>{{"access_index_v2", {"access"}},
                                                                      {"fairness_index", {"fairness"}},
                                                                      {"courtesy_index", {"courtesy"}},
                                                                      {"trust_index", {"trust"}},
                                                                      {"overall_index", {"overall"}}}));
}

TEST(CourtUserTemplate, WordingFixesOfTheReviewHold) {
  const SurveyDefinition def = loadTemplate("court_user");
  for (const auto& [name, text] : allTexts(def)) {
    // Russian: "совсем маловероятно" said "rather unlikely" for "not at all likely".
    EXPECT_EQ(text->at("ru").find("маловероятно"), std::string::npos) << name << ": " << text->at("ru");
    // Kazakh: "ықтималдығыңыз қандай" was too literal; "мүлде" is the one spelling.
    EXPECT_EQ(text->at("kk").find("ықтималдығыңыз"), std::string::npos) << name << ": " << text->at("kk");
    EXPECT_EQ(text->at("kk").find("мүлдем"), std::string::npos) << name << ": " << text->at("kk");
    // English names the judge only where the item is about the judge; "before a judge" was in
    // the English hearing question only.
    EXPECT_EQ(text->at("en").find("before a judge"), std::string::npos) << name;
  }
  // Russian past tenses about the judge address a judge of either gender.
  for (const std::string id : {"fair_listened", "fair_judge_respect"}) {
    const Item* item = findItem(def, id);
    ASSERT_NE(item, nullptr) << id;
    EXPECT_NE(item->text.at("ru").find("(а)"), std::string::npos) << id << ": " << item->text.at("ru");
  }
}

// --- judges and court staff (second editions) ----------------------------------------------------

const IndexDefinition* findIndex(const SurveyDefinition& def, const std::string& id) {
  const auto it = std::find_if(def.indices.begin(), def.indices.end(), [&](const IndexDefinition& i) { return i.id == id; });
  return it == def.indices.end() ? nullptr : &*it;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(JudgesTemplate, HasAtMostThirtyItems) { EXPECT_LE(loadTemplate("judges").items.size(), 30u); }

TEST(JudgesTemplate, IsNeverReportedByCourt) {
  // Courts of 3-8 judges: a per-court figure (or comment list) would point at one judge.
  EXPECT_FALSE(loadTemplate("judges").reportByCourt);
}

TEST(JudgesTemplate, NoBackgroundQuestionCanSingleOutAJudgeInASmallCourt) {
  const SurveyDefinition def = loadTemplate("judges");
  for (const Item& item : def.items) {
    if (item.dimension != "background") continue;
    EXPECT_NE(item.type, ItemType::Number) << item.id << ": an exact figure identifies a judge";
    EXPECT_EQ(item.type, ItemType::SingleChoice) << item.id;
    EXPECT_LE(item.options.size(), 2u) << item.id << ": more than two bands can single out a judge in a court of 3-8";
  }
  // The first edition's fine bands (years as a judge in three bands, court level) are gone; the
  // level comes from the court's registry entry.
  EXPECT_EQ(findItem(def, "judge_years"), nullptr);
  EXPECT_EQ(findItem(def, "judge_level"), nullptr);
}

TEST(JudgesTemplate, EveryPressureSourceIsAskedAsHowOftenInappropriatePressureOccurred) {
  const SurveyDefinition def = loadTemplate("judges");
  const std::vector<std::string> expectedLabels = {"Never", "Once", "Several times", "Often"};
  const Item* first = nullptr;
  std::set<std::string> sources;
  for (const Item& item : def.items) {
    if (item.dimension != "pressure") continue;
    sources.insert(item.id);
    ASSERT_EQ(item.type, ItemType::SingleChoice) << item.id << " must ask a frequency, not an agreement";
    ASSERT_EQ(item.options.size(), 4u) << item.id;
    std::vector<std::string> labels;
    for (std::size_t k = 0; k < item.options.size(); ++k) {
      EXPECT_EQ(item.options[k].code, static_cast<int>(k) + 1) << item.id;
      labels.push_back(item.options[k].label.at("en"));
    }
    EXPECT_EQ(labels, expectedLabels) << item.id;
    if (first == nullptr) first = &item;
    for (std::size_t k = 0; k < item.options.size(); ++k) {
      EXPECT_EQ(item.options[k].label, first->options[k].label) << item.id << ": the same four answers in every language";
    }
    EXPECT_TRUE(item.allowedNonAnswers.empty()) << item.id << ": a judge who does not want to answer skips";
    // The same question in each language: inappropriate pressure, in the past 12 months, to decide a case a certain way.
    EXPECT_TRUE(contains(item.text.at("en"), "inappropriate pressure")) << item.text.at("en");
    EXPECT_TRUE(contains(item.text.at("en"), "past 12 months")) << item.text.at("en");
    EXPECT_TRUE(contains(item.text.at("en"), "to decide a case in a particular way")) << item.text.at("en");
    EXPECT_TRUE(contains(item.text.at("ru"), "ненадлежащее давление")) << item.text.at("ru");
    EXPECT_TRUE(contains(item.text.at("ru"), "12 месяцев")) << item.text.at("ru");
    EXPECT_TRUE(contains(item.text.at("ru"), "определённое решение по делу")) << item.text.at("ru");
    EXPECT_TRUE(contains(item.text.at("kk"), "орынсыз қысым")) << item.text.at("kk");
    EXPECT_TRUE(contains(item.text.at("kk"), "12 айда")) << item.text.at("kk");
    EXPECT_TRUE(contains(item.text.at("kk"), "белгілі бір шешім")) << item.text.at("kk");
  }
  const std::set<std::string> expected = {"pressure_freq_management", "pressure_freq_judges",   "pressure_freq_executive",
                                          "pressure_freq_prosecutor",  "pressure_freq_council",  "pressure_freq_parties",
                                          "pressure_freq_media"};
  EXPECT_EQ(sources, expected);
  EXPECT_TRUE(contains(findItem(def, "pressure_freq_council")->text.at("en"), "Supreme Judicial Council"));
  EXPECT_TRUE(contains(findItem(def, "pressure_freq_prosecutor")->text.at("en"), "prosecutor's office"));
  EXPECT_TRUE(contains(findItem(def, "pressure_freq_judges")->text.at("en"), "outside ordinary appeal"));
}

TEST(JudgesTemplate, PressureIsReportedPerSourceAndNotAveragedIntoAnIndex) {
  const SurveyDefinition def = loadTemplate("judges");
  EXPECT_EQ(findIndex(def, "pressure_index"), nullptr);
  for (const IndexDefinition& index : def.indices) {
    for (const std::string& dimension : index.dimensions) EXPECT_NE(dimension, "pressure") << index.id;
  }
}

TEST(JudgesTemplate, SplitsStatisticsAndMeritAndAsksTheEncjThemes) {
  const SurveyDefinition def = loadTemplate("judges");
  // Retired ids are not reused; each part of a split is its own question.
  for (const std::string id : {"pressure_statistics", "appt_merit", "pressure_management", "pressure_state"}) {
    EXPECT_EQ(findItem(def, id), nullptr) << id;
  }
  for (const std::string id : {"targets_production", "targets_reversal", "appt_merit_appointment", "appt_merit_promotion",
                               "respect_council", "respect_supreme_court", "respect_executive", "respect_prosecutor",
                               "respect_media", "misconduct_handled", "pay_adequate", "transfers_consent",
                               "decisions_enforced"}) {
    const Item* item = findItem(def, id);
    ASSERT_NE(item, nullptr) << id;
    EXPECT_EQ(item->type, ItemType::Agreement5) << id;
  }
  // "On merit" says the same in every language: ability and experience.
  for (const std::string id : {"appt_merit_appointment", "appt_merit_promotion"}) {
    const Item* item = findItem(def, id);
    EXPECT_TRUE(contains(item->text.at("en"), "ability and experience")) << item->text.at("en");
    EXPECT_TRUE(contains(item->text.at("ru"), "способностей и опыта")) << item->text.at("ru");
    EXPECT_TRUE(contains(item->text.at("kk"), "қабілеті мен тәжірибесіне")) << item->text.at("kk");
  }
}

TEST(JudgesTemplate, IndependenceRatingsAreZeroToTenWithTheirOwnEndLabels) {
  const SurveyDefinition def = loadTemplate("judges");
  // Both ratings are 0..10, as in the ENCJ survey, so they compare with it.
  for (const std::string id : {"indep_own", "indep_country"}) {
    const Item* item = findItem(def, id);
    ASSERT_NE(item, nullptr) << id;
    EXPECT_EQ(item->type, ItemType::Scale0to10) << id;
    std::map<int, std::string> labels;
    for (const Option& label : item->scaleLabels) labels[label.code] = label.label.at("en");
    EXPECT_EQ(labels[0], "No independence at all") << id;
    EXPECT_EQ(labels[10], "Complete independence") << id;
    // The page shows the labels under 0 and 10; the question no longer spells them out.
    for (const std::string& lang : kLanguages) {
      EXPECT_FALSE(contains(item->text.at(lang), "0")) << id << "." << lang << ": " << item->text.at(lang);
    }
  }
}

TEST(CourtStaffTemplate, HasAtMostTwentyFiveItems) { EXPECT_LE(loadTemplate("court_staff").items.size(), 25u); }

TEST(CourtStaffTemplate, AsksRespectFromTheJudgeAndFromTheHeadOfTheOfficeSeparately) {
  const SurveyDefinition def = loadTemplate("court_staff");
  EXPECT_EQ(findItem(def, "mgmt_respect"), nullptr) << "\"my manager\" meant either; the id is retired";
  for (const std::string id : {"mgmt_respect_judge", "mgmt_respect_office_head"}) {
    const Item* item = findItem(def, id);
    ASSERT_NE(item, nullptr) << id;
    EXPECT_EQ(item->type, ItemType::Agreement5) << id;
    EXPECT_EQ(item->dimension, "management") << id;
    EXPECT_EQ(item->allowedNonAnswers, std::set<NonAnswer>{NonAnswer::NotApplicable}) << id;
  }
  const Item* pay = findItem(def, "pay_adequate");
  ASSERT_NE(pay, nullptr);
  EXPECT_EQ(pay->type, ItemType::Agreement5);
}

TEST(CourtStaffTemplate, EngagementIndexLeavesOutTheIntentionToStay) {
  const SurveyDefinition def = loadTemplate("court_staff");
  const Item* stay = findItem(def, "eng_stay");
  ASSERT_NE(stay, nullptr);
  const Item* proud = findItem(def, "eng_proud");
  ASSERT_NE(proud, nullptr);
  const IndexDefinition* engagement = findIndex(def, "engagement_index_v2");
  ASSERT_NE(engagement, nullptr);
  EXPECT_EQ(engagement->dimensions, std::vector<std::string>{proud->dimension});
  for (const IndexDefinition& index : def.indices) {
    for (const std::string& dimension : index.dimensions) EXPECT_NE(dimension, stay->dimension) << index.id;
  }
}

TEST(CourtStaffTemplate, RecommendItemIsTheNpsQuestionWithItsOwnEndLabels) {
  const SurveyDefinition def = loadTemplate("court_staff");
  const Item* recommend = findItem(def, "recommend_workplace");
  ASSERT_NE(recommend, nullptr);
  EXPECT_EQ(recommend->type, ItemType::Scale0to10);
  EXPECT_TRUE(contains(recommend->text.at("en"), "How likely are you to recommend")) << recommend->text.at("en");
  EXPECT_TRUE(contains(recommend->text.at("en"), "to a friend or colleague")) << recommend->text.at("en");
  std::set<int> labelled;
  for (const Option& label : recommend->scaleLabels) labelled.insert(label.code);
  EXPECT_EQ(labelled, (std::set<int>{0, 10}));
  for (const std::string& lang : kLanguages) {
    EXPECT_FALSE(contains(recommend->text.at(lang), "0")) << lang << ": " << recommend->text.at(lang);
  }
}

// The satisfaction5 end labels changed meaning in the second edition, so a kept satisfaction5
// item must break its series.
TEST(StaffAndJudgesTemplates, KeptSatisfactionItemsBreakTheirSeries) {
  for (const std::string id : {"court_staff", "judges"}) {
    const SurveyDefinition first = loadTemplate(id, "v1/");
    const SurveyDefinition second = loadTemplate(id);
    int kept = 0;
    for (const Item& item : second.items) {
      if (item.type != ItemType::Satisfaction5 || first.findItem(item.id) == nullptr) continue;
      ++kept;
      EXPECT_TRUE(item.seriesBreak) << id << "." << item.id;
    }
    EXPECT_GE(kept, 1) << id;
  }
}

// Wordings the methodologist's review rejected (issue 8) stay out of both instruments.
TEST(StaffAndJudgesTemplates, RejectedWordingsAreGone) {
  const std::vector<std::string> rejected = {
      "помощи помощника",           // ru: "the help of the helper"
      "Дисциплинарное преследование",  // ru: "persecution", loaded
      "маловероятно",               // ru: "совсем маловероятно" is "rather unlikely", not "not at all likely"
      "Маған берілген оқыту",       // kk: too literal
      "ықтималдығыңыз",             // kk: too literal
      "ескерту",                    // kk: reads as "warnings"
      "мүлдем",                     // kk: "мүлде" throughout
      "Не применимо",               // ru: "Ко мне не относится"
  };
  for (const std::string id : {"court_staff", "judges"}) {
    const SurveyDefinition def = loadTemplate(id);
    for (const auto& [name, text] : allTexts(def)) {
      for (const auto& [lang, value] : *text) {
        for (const std::string& word : rejected) {
          EXPECT_FALSE(contains(value, word)) << id << "." << name << "." << lang << " says \"" << word << "\": " << value;
        }
      }
    }
  }
}

// --- courts.csv and regions.csv ----------------------------------------------------------------

// RFC 4180: fields separated by commas, optionally in double quotes (a quote inside doubled),
// records ended by CRLF or LF.
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  bool fieldStarted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted = true;
      fieldStarted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      fieldStarted = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      fieldStarted = false;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (fieldStarted || !field.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

TEST(CsvReader, ReadsQuotedFieldsWithCommasQuotesAndCrlf) {
  const auto rows = parseCsv("a,\"b, c\",\"say \"\"hi\"\"\"\r\nd,,e\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b, c", "say \"hi\""}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"d", "", "e"}));
}

bool isCourtCode(const std::string& code) {
  return !code.empty() && code.size() <= 32 && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

bool isRegionCode(const std::string& code) {
  return !code.empty() && code.size() <= 64 && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::vector<std::vector<std::string>> readCsv(const std::string& name) {
  const std::string text = readFile(templatePath(name));
  EXPECT_FALSE(text.rfind("\xEF\xBB\xBF", 0) == 0) << name << " starts with a byte order mark";
  return parseCsv(text);
}

TEST(RegionsCsv, ListsTheSeventeenRegionsAndThreeCitiesInThreeLanguages) {
  const auto rows = readCsv("regions.csv");
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0], (std::vector<std::string>{"code", "name_kk", "name_ru", "name_en"}));
  std::set<std::string> codes;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    ASSERT_EQ(rows[r].size(), 4u) << "regions.csv line " << r + 1;
    EXPECT_TRUE(isRegionCode(rows[r][0])) << rows[r][0];
    EXPECT_TRUE(codes.insert(rows[r][0]).second) << "duplicate region " << rows[r][0];
    for (std::size_t c = 1; c < 4; ++c) EXPECT_FALSE(rows[r][c].empty()) << rows[r][0] << " column " << c;
  }
  EXPECT_EQ(codes.size(), 20u);
  for (const std::string city : {"astana", "almaty_city", "shymkent"}) EXPECT_EQ(codes.count(city), 1u) << city;
}

TEST(RegionsCsv, IsTheTableTheServerNamesRegionsFrom) {
  const auto rows = readCsv("regions.csv");
  const auto& regions = courtvoice::surveys::kazakhstanRegions();
  ASSERT_EQ(rows.size(), regions.size() + 1);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const courtvoice::surveys::Region& region = regions[r - 1];
    EXPECT_EQ(region.code, rows[r][0]);
    EXPECT_EQ(region.name.at("kk"), rows[r][1]) << region.code;
    EXPECT_EQ(region.name.at("ru"), rows[r][2]) << region.code;
    EXPECT_EQ(region.name.at("en"), rows[r][3]) << region.code;
  }
  EXPECT_EQ(courtvoice::surveys::regionName("almaty_city", "ru"), "город Алматы");
  EXPECT_EQ(courtvoice::surveys::regionName("north_kazakhstan", "kk"), "Солтүстік Қазақстан облысы");
  EXPECT_EQ(courtvoice::surveys::regionName("north_kazakhstan", "en"), "North Kazakhstan Region");
  EXPECT_EQ(courtvoice::surveys::regionName("atlantis", "en"), "atlantis");
}

TEST(CourtsCsv, EveryRowIsAWellFormedCourtInAKnownRegionAndLevel) {
  const auto regionRows = readCsv("regions.csv");
  std::set<std::string> regions;
  for (std::size_t r = 1; r < regionRows.size(); ++r) {
    if (!regionRows[r].empty()) regions.insert(regionRows[r][0]);
  }
  ASSERT_FALSE(regions.empty());

  const auto rows = readCsv("courts.csv");
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0], (std::vector<std::string>{"code", "name_kk", "name_ru", "name_en", "region", "level", "active"}));
  const std::set<std::string> levels = {"district", "specialised", "regional", "supreme"};
  std::set<std::string> codes;
  std::map<std::string, int> perLevel;
  std::map<std::string, int> regionalCourtsPerRegion;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    ASSERT_EQ(row.size(), 7u) << "courts.csv line " << r + 1;
    EXPECT_TRUE(isCourtCode(row[0])) << "line " << r + 1 << ": code " << row[0];
    EXPECT_TRUE(codes.insert(row[0]).second) << "duplicate court code " << row[0];
    for (std::size_t c = 1; c <= 3; ++c) EXPECT_FALSE(row[c].empty()) << row[0] << " has no name in column " << c;
    EXPECT_TRUE(hasKazakhLetter(row[1])) << row[0] << ": Kazakh name looks Russian: " << row[1];
    EXPECT_FALSE(hasCyrillic(row[3])) << row[0] << ": English name has Cyrillic: " << row[3];
    EXPECT_EQ(regions.count(row[4]), 1u) << row[0] << ": unknown region " << row[4];
    EXPECT_EQ(levels.count(row[5]), 1u) << row[0] << ": unknown level " << row[5];
    EXPECT_TRUE(row[6] == "true" || row[6] == "false") << row[0] << ": active is " << row[6];
    ++perLevel[row[5]];
    if (row[5] == "regional") ++regionalCourtsPerRegion[row[4]];
  }
  EXPECT_GE(codes.size(), 35u);
  EXPECT_EQ(perLevel["supreme"], 1);
  EXPECT_GT(perLevel["specialised"], 0);
  EXPECT_GT(perLevel["district"], 0);
  // Every region and city of republican significance has its regional-level court.
  for (const auto& region : regions) EXPECT_EQ(regionalCourtsPerRegion[region], 1) << region;
}

}  // namespace
}  // namespace courtvoice::surveys
