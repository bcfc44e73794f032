// A new version may reword its questions but must not change what a kept item id means, or the
// trend across versions would compare different questions. These tests state the rules the
// strategy team relies on when they edit an instrument.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "courtvoice/surveys/definition_json.hpp"
#include "courtvoice/surveys/definition_validation.hpp"
#include "courtvoice/surveys/version_compatibility.hpp"
#include "support/in_memory_stores.hpp"
#include "surveys_fixtures.hpp"

namespace courtvoice::surveys {
namespace {

using fixtures::sampleDefinition;
using fixtures::tri;

Item& itemOf(SurveyDefinition& def, const std::string& id) {
  for (Item& item : def.items) {
    if (item.id == id) return item;
  }
  throw std::logic_error("no item " + id);
}

TEST(VersionCompatibility, RewordedTextsLabelsAndNonAnswersKeepTheSeries) {
  const SurveyDefinition previous = sampleDefinition();
  SurveyDefinition next = previous;
  next.version = 0;
  next.title = tri("Жаңа атау", "Новое название", "New title");
  itemOf(next, "access_find").text = tri("Сотты табу жеңіл болды.", "Суд было легко найти.", "The court was easy to find.");
  itemOf(next, "access_find").allowedNonAnswers = {NonAnswer::NotApplicable, NonAnswer::DontKnow};
  itemOf(next, "appeared").options[0].label = tri("Иә, болдым", "Да, был", "Yes, I did");
  itemOf(next, "visits").max = 500;       // a wider range asks the same question
  itemOf(next, "overall").required = false;
  EXPECT_TRUE(validateNewVersion(previous, next).empty()) << fixtures::describe(validateNewVersion(previous, next));
}

TEST(VersionCompatibility, KeptItemWithAnotherTypeIsRefusedNamingIt) {
  const SurveyDefinition previous = sampleDefinition();
  SurveyDefinition next = previous;
  itemOf(next, "overall").type = ItemType::Agreement5;  // items[5]: satisfaction -> agreement
  const auto errors = validateNewVersion(previous, next);
  EXPECT_ONLY_PROBLEM(errors, "incompatible_item", "items[5].id");
  ASSERT_FALSE(errors.empty());
  EXPECT_NE(errors[0].message.find("new id"), std::string::npos) << errors[0].message;
  EXPECT_NE(errors[0].message.find("series_break"), std::string::npos) << errors[0].message;
  EXPECT_NE(errors[0].message.find("satisfaction5"), std::string::npos) << errors[0].message;
}

TEST(VersionCompatibility, KeptItemOnAnotherScaleIsRefused) {
  const SurveyDefinition previous = sampleDefinition();
  SurveyDefinition next = previous;
  itemOf(next, "access_find").type = ItemType::Scale0to10;  // items[0]: 1..5 -> 0..10
  EXPECT_ONLY_PROBLEM(validateNewVersion(previous, next), "incompatible_item", "items[0].id");
}

TEST(VersionCompatibility, RemovedOptionCodeIsRefused) {
  const SurveyDefinition previous = sampleDefinition();
  SurveyDefinition next = previous;
  itemOf(next, "reasons").options.pop_back();  // items[3]: code 3 "Information" gone
  const auto errors = validateNewVersion(previous, next);
  EXPECT_ONLY_PROBLEM(errors, "incompatible_item", "items[3].id");
  ASSERT_FALSE(errors.empty());
  EXPECT_NE(errors[0].message.find("option codes 3 were removed"), std::string::npos) << errors[0].message;
}

TEST(VersionCompatibility, AddedOptionCodeIsRefused) {
  // A new option draws answers away from the others, so their shares mean something else.
  const SurveyDefinition previous = sampleDefinition();
  SurveyDefinition next = previous;
  itemOf(next, "appeared").options.push_back({3, tri("Білмеймін", "Не знаю", "Not sure")});  // items[1]
  EXPECT_ONLY_PROBLEM(validateNewVersion(previous, next), "incompatible_item", "items[1].id");
}

TEST(VersionCompatibility, RenumberedOptionCodesAreRefused) {
  const SurveyDefinition previous = sampleDefinition();
  SurveyDefinition next = previous;
  itemOf(next, "appeared").options[1].code = 0;  // "No" was 2
  EXPECT_ONLY_PROBLEM(validateNewVersion(previous, next), "incompatible_item", "items[1].id");
}

TEST(VersionCompatibility, SeriesBreakAllowsTheChange) {
  const SurveyDefinition previous = sampleDefinition();
  SurveyDefinition next = previous;
  itemOf(next, "overall").type = ItemType::Agreement5;
  itemOf(next, "overall").seriesBreak = true;
  itemOf(next, "reasons").options.pop_back();
  itemOf(next, "reasons").seriesBreak = true;
  EXPECT_TRUE(validateNewVersion(previous, next).empty()) << fixtures::describe(validateNewVersion(previous, next));
}

TEST(VersionCompatibility, ANewIdIsANewQuestion) {
  const SurveyDefinition previous = sampleDefinition();
  SurveyDefinition next = previous;
  itemOf(next, "overall").id = "overall_2026";
  itemOf(next, "overall_2026").type = ItemType::Scale0to10;
  EXPECT_TRUE(validateNewVersion(previous, next).empty()) << fixtures::describe(validateNewVersion(previous, next));
}

TEST(VersionCompatibility, EveryIncompatibleItemIsReported) {
  const SurveyDefinition previous = sampleDefinition();
  SurveyDefinition next = previous;
  itemOf(next, "access_find").type = ItemType::Satisfaction5;  // items[0]
  itemOf(next, "recommend").type = ItemType::Number;           // items[6]
  const auto errors = validateNewVersion(previous, next);
  EXPECT_EQ(errors.size(), 2u) << fixtures::describe(errors);
  EXPECT_PROBLEM(errors, "incompatible_item", "items[0].id");
  EXPECT_PROBLEM(errors, "incompatible_item", "items[6].id");
}

TEST(VersionCompatibility, AudienceCannotChange) {
  const SurveyDefinition previous = sampleDefinition();
  SurveyDefinition next = previous;
  next.audience = Audience::Staff;
  EXPECT_ONLY_PROBLEM(validateNewVersion(previous, next), "audience_changed", "audience");
}

TEST(VersionCompatibility, AnotherSurveyIsNotANewVersion) {
  const SurveyDefinition previous = sampleDefinition();
  SurveyDefinition next = previous;
  next.id = "court_staff";
  EXPECT_ONLY_PROBLEM(validateNewVersion(previous, next), "survey_mismatch", "id");
}

TEST(VersionCompatibility, HistoryChecksAnItemBroughtBackAgainstItsLastVersion) {
  SurveyDefinition v1 = sampleDefinition();
  v1.version = 1;
  SurveyDefinition v2 = v1;
  v2.version = 2;
  v2.items.erase(v2.items.begin() + 7);  // "visits" dropped in version 2
  SurveyDefinition v3 = v2;
  Item visits = v1.items[7];
  visits.type = ItemType::Scale0to10;  // brought back in version 3 as another question
  v3.items.push_back(visits);          // items[8]

  // Against version 2 alone it looks new; against the history it is version 1's item changed.
  EXPECT_TRUE(validateNewVersion(v2, v3).empty());
  const auto errors = validateNewVersion(std::vector<SurveyDefinition>{v2, v1}, v3);
  EXPECT_ONLY_PROBLEM(errors, "incompatible_item", "items[8].id");
  ASSERT_FALSE(errors.empty());
  EXPECT_NE(errors[0].message.find("since version 1"), std::string::npos) << errors[0].message;

  v3.items.back().type = ItemType::Number;
  EXPECT_TRUE(validateNewVersion(std::vector<SurveyDefinition>{v1, v2}, v3).empty());
  EXPECT_TRUE(validateNewVersion(std::vector<SurveyDefinition>{}, v3).empty());
}

TEST(VersionCompatibility, HistoryComparesTheAudienceWithTheNewestVersion) {
  SurveyDefinition v1 = sampleDefinition();
  v1.version = 1;
  v1.audience = Audience::Staff;  // as if stored wrongly long ago
  SurveyDefinition v2 = sampleDefinition();
  v2.version = 2;
  SurveyDefinition next = sampleDefinition();
  EXPECT_TRUE(validateNewVersion(std::vector<SurveyDefinition>{v1, v2}, next).empty());
  next.audience = Audience::Judge;
  EXPECT_ONLY_PROBLEM(validateNewVersion(std::vector<SurveyDefinition>{v2, v1}, next), "audience_changed", "audience");
}

TEST(VersionCompatibility, ShippedInstrumentsFollowThemselves) {
  // The shipped instruments are valid as they are; publishing one unchanged as its next version
  // must pass, and keeping its items must form one series.
  for (const std::string name : {"court_user", "court_staff", "judges"}) {
    std::ifstream in(std::string(COURTVOICE_SOURCE_DIR) + "/surveys/templates/" + name + ".json", std::ios::binary);
    ASSERT_TRUE(in) << name;
    std::ostringstream json;
    json << in.rdbuf();
    const SurveyDefinition def = parseDefinition(json.str());
    ASSERT_TRUE(validateDefinition(def).empty()) << name;
    // series_break means "changed since the previous version": an unchanged copy clears it
    // (docs/analytics.md), or its series would break again.
    SurveyDefinition copy = def;
    for (Item& item : copy.items) item.seriesBreak = false;
    EXPECT_TRUE(validateNewVersion(def, copy).empty()) << name << fixtures::describe(validateNewVersion(def, copy));
    const VersionDiff diff = diffVersions(def, copy);
    EXPECT_EQ(diff.kept.size(), def.items.size()) << name;
    EXPECT_TRUE(diff.added.empty() && diff.removed.empty() && diff.broken.empty()) << name;
  }
}

TEST(VersionCompatibility, AgainstTheStoreANewVersionIsCheckedAgainstAllStoredOnes) {
  testing::InMemorySurveyStore store;
  SurveyDefinition def = sampleDefinition();
  def.version = 0;
  EXPECT_TRUE(validateNewVersion(store, def).empty());  // the first version: nothing to keep
  store.createVersion(def);
  SurveyDefinition withoutVisits = def;
  withoutVisits.items.erase(withoutVisits.items.begin() + 7);
  store.createVersion(withoutVisits);  // version 2 dropped "visits"

  SurveyDefinition next = def;  // brings "visits" (items[7]) back as a 0-10 rating
  itemOf(next, "visits").type = ItemType::Scale0to10;
  EXPECT_ONLY_PROBLEM(validateNewVersion(store, next), "incompatible_item", "items[7].id");
  itemOf(next, "visits").seriesBreak = true;
  EXPECT_TRUE(validateNewVersion(store, next).empty());
}

TEST(VersionCompatibility, AgainstTheStoreADraftIsCheckedOnlyAgainstVersionsBeforeIt) {
  testing::InMemorySurveyStore store;
  SurveyDefinition def = sampleDefinition();
  store.createVersion(def);
  store.createVersion(def);
  // Editing draft 2: version 1 counts, draft 2 itself (about to be replaced) does not.
  SurveyDefinition draft = def;
  draft.version = 2;
  itemOf(draft, "overall").type = ItemType::Agreement5;
  EXPECT_ONLY_PROBLEM(validateNewVersion(store, draft), "incompatible_item", "items[5].id");
  // Editing draft 1: no version before it, anything goes.
  draft.version = 1;
  EXPECT_TRUE(validateNewVersion(store, draft).empty());
}

TEST(VersionCompatibility, LoadAllVersionsOldestFirstWithOrWithoutDrafts) {
  testing::InMemorySurveyStore store;
  EXPECT_TRUE(loadAllVersions(store, "court_user", true).empty());
  for (int i = 0; i < 4; ++i) store.createVersion(sampleDefinition());
  store.publish("court_user", 1);
  store.publish("court_user", 2);  // closes 1
  store.publish("court_user", 3);  // closes 2
  store.archive("court_user", 1);  // version 4 stays a draft
  const auto numbers = [](const std::vector<SurveyDefinition>& defs) {
    std::vector<int> out;
    for (const auto& def : defs) out.push_back(def.version);
    return out;
  };
  EXPECT_EQ(numbers(loadAllVersions(store, "court_user", true)), (std::vector<int>{1, 2, 3, 4}));
  EXPECT_EQ(numbers(loadAllVersions(store, "court_user", false)), (std::vector<int>{1, 2, 3}));
}

TEST(VersionDiff, ListsAddedRemovedKeptAndBrokenItems) {
  SurveyDefinition previous = sampleDefinition();
  SurveyDefinition next = previous;
  // previous: access_find appeared fair_listened reasons docs_clear overall recommend visits comment
  next.items.erase(next.items.begin() + 7);  // visits removed
  next.items.erase(next.items.begin() + 4);  // docs_clear removed
  itemOf(next, "overall").seriesBreak = true;
  itemOf(next, "overall").text = tri("Қызметке қанағаттандыңыз ба?", "Довольны ли вы обслуживанием?",
                                     "Are you satisfied with the service?");
  Item waiting = itemOf(next, "access_find");
  waiting.id = "access_waiting";
  next.items.insert(next.items.begin() + 1, waiting);

  const VersionDiff diff = diffVersions(previous, next);
  EXPECT_EQ(diff.added, (std::vector<std::string>{"access_waiting"}));
  EXPECT_EQ(diff.removed, (std::vector<std::string>{"docs_clear", "visits"}));
  EXPECT_EQ(diff.broken, (std::vector<std::string>{"overall"}));
  EXPECT_EQ(diff.kept, (std::vector<std::string>{"access_find", "appeared", "fair_listened", "reasons", "recommend",
                                                 "comment"}));
}

}  // namespace
}  // namespace courtvoice::surveys
