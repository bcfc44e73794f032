// WeightsService over the in-memory stores: population counts are checked against the registry
// and the survey, stored with who and when, shown and cleared; summary?weights=on reads them.
// Expected weighted share by the post-stratification identity (independent of the weights'
// arithmetic): sum over cells of population share x the cell's share favourable.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include "../support/in_memory_population_store.hpp"
#include "courtvoice/server/weights_service.hpp"
#include "server_fixtures.hpp"

namespace courtvoice::server::testing {
namespace {

struct WeightsFixture : ServiceFixture {
  WeightsFixture() { version = publishSurvey(); }

  void importAnswers(const std::string& court, const std::vector<int>& values) {
    importAccessFind(version, surveys::Date{2025, 2, 10}, values, court, false);
  }

  Poco::JSON::Object::Ptr summaryOf(const std::string& group) {
    SummaryRequest request = makeSummaryRequest({}, {}, std::nullopt, std::nullopt, group, "en");
    request.weights = true;
    Poco::JSON::Parser parser;
    return parser.parse(weightedSummary.summaryJson("unit_survey", request)).extract<Poco::JSON::Object::Ptr>();
  }

  surveys::testing::InMemoryPopulationStore population;
  WeightsService weights{surveys, courts, population, [] { return std::string("2025-03-14 09:00:00"); }};
  SummaryService weightedSummary{surveys, engine, courts, &population};
  int version = 0;
};

TEST(WeightsService, StoresWhatItReadsWithWhoAndWhen) {
  WeightsFixture f;
  const auto set = f.weights.load("unit_survey", "court,population\nALM-01,1000\nAST-01,3000\n", "Saule");
  EXPECT_EQ(set.cells, (std::vector<surveys::PopulationCell>{{"ALM-01", std::nullopt, 1000}, {"AST-01", std::nullopt, 3000}}));
  const auto shown = f.weights.show("unit_survey");
  EXPECT_EQ(shown.cells, set.cells);
  EXPECT_EQ(shown.loadedBy, "Saule");
  EXPECT_EQ(shown.loadedOn, "2025-03-14 09:00:00");
  EXPECT_EQ(populationSetJson(shown),
            R"({"survey_id":"unit_survey","loaded_on":"2025-03-14 09:00:00","loaded_by":"Saule","cells":"court",)"
            R"("cell_count":2,"population_total":4000,"counts":[{"court":"ALM-01","case_type":null,"population":1000},)"
            R"({"court":"AST-01","case_type":null,"population":3000}]})");
  EXPECT_TRUE(f.weights.clear("unit_survey"));
  EXPECT_FALSE(f.weights.clear("unit_survey"));
  EXPECT_EQ(domainErrorOf([&] { f.weights.show("unit_survey"); }).code(), "no_weights");
}

TEST(WeightsService, RefusesUnknownSurveysCourtsAndCaseTypesOfASurveyWithoutThem) {
  WeightsFixture f;
  EXPECT_EQ(domainErrorOf([&] { f.weights.load("nope", "court,population\nALM-01,1\n", ""); }).code(), "survey_not_found");
  EXPECT_EQ(domainErrorOf([&] { f.weights.show("nope"); }).code(), "survey_not_found");
  const auto error = domainErrorOf([&] { f.weights.load("unit_survey", "court,case_type,population\nALM-01,1,5\nKAR-09,,5\n", ""); });
  ASSERT_EQ(error.errors().size(), 2u);
  EXPECT_EQ(error.errors()[0].code, "no_case_type_item") << "unit_survey has no case_type item";
  EXPECT_EQ(error.errors()[1].field, "line 3: court");
  EXPECT_FALSE(f.population.find("unit_survey")) << "nothing stored";
}

TEST(WeightsService, WeightedSummaryFollowsThePopulationMixOfCourts) {
  WeightsFixture f;
  f.importAnswers("ALM-01", {5, 4, 4, 3, 2, 5});  // 4 of 6 favourable
  f.importAnswers("AST-01", {4, 1, 1, 2, 5});     // 2 of 5 favourable
  SummaryRequest plain;
  plain.weights = true;
  EXPECT_EQ(domainErrorOf([&] { f.weightedSummary.summaryJson("unit_survey", plain); }).code(), "no_weights");
  f.weights.load("unit_survey", "court,population\nALM-01,1000\nAST-01,3000\n", "");

  const auto all = f.summaryOf("none");
  const auto access = all->getArray("groups")->getObject(0)->getArray("items")->getObject(0);
  EXPECT_NEAR(access->getValue<double>("favourable"), 6.0 / 11, 1e-12);
  const auto weighted = access->getObject("weighted");
  EXPECT_NEAR(weighted->getValue<double>("value"), 0.25 * 4 / 6 + 0.75 * 2 / 5, 1e-12);
  // w = (1000/4000)/(6/11) and (3000/4000)/(5/11): n_eff = 11^2 / (6 w1^2 + 5 w2^2).
  const double w1 = 0.25 * 11 / 6, w2 = 0.75 * 11 / 5;
  EXPECT_NEAR(weighted->getValue<double>("n_eff"), 121 / (6 * w1 * w1 + 5 * w2 * w2), 1e-9);
  EXPECT_EQ(weighted->getValue<int>("n"), 11);

  // By court, each court is one cell: weighted equals unweighted, n_eff equals n.
  const auto byCourt = f.summaryOf("court")->getArray("groups");
  for (unsigned g = 0; g < byCourt->size(); ++g) {
    const auto item = byCourt->getObject(g)->getArray("items")->getObject(0);
    EXPECT_NEAR(item->getObject("weighted")->getValue<double>("value"), item->getValue<double>("favourable"), 1e-12);
    EXPECT_NEAR(item->getObject("weighted")->getValue<double>("n_eff"), item->getValue<double>("n"), 1e-9);
  }
}

}  // namespace
}  // namespace courtvoice::server::testing
