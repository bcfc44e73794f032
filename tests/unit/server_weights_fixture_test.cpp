// Post-stratification weights (analytics/weights.hpp) against values computed independently with
// numpy (tests/fixtures/weights.py -> weights.json: cell weight = population share / sample share,
// weighted share, Kish's effective n = (sum w)^2 / sum w^2, Wilson on Kish's n with
// z = 1.959963984540054), including a cell of weight zero and a cell without a population count;
// then the same through the results engine. In unit_server because it reads the fixture with
// Poco JSON (unit_analytics links the analytics library only).
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "../support/version_samples.hpp"
#include "courtvoice/analytics/weights.hpp"
#include "server_fixtures.hpp"

namespace courtvoice::analytics {
namespace {

Poco::JSON::Object::Ptr fixture() {
  std::ifstream in(std::string(COURTVOICE_SOURCE_DIR) + "/tests/fixtures/weights.json");
  std::stringstream text;
  text << in.rdbuf();
  Poco::JSON::Parser parser;
  return parser.parse(text.str()).extract<Poco::JSON::Object::Ptr>();
}

TEST(PostStratification, WeightsSharesAndKishNMatchNumpy) {
  const auto f = fixture();
  PopulationCounts population;
  const auto pop = f->getObject("population");
  for (const auto& [cell, count] : *pop) population[cell] = count.convert<double>();
  const auto rows = f->getArray("rows");
  std::map<std::string, std::int64_t> sample;
  for (std::size_t i = 0; i < rows->size(); ++i) ++sample[rows->getArray(static_cast<unsigned>(i))->getElement<std::string>(0)];

  const auto weights = cellWeights(sample, population);
  const auto expected = f->getObject("expected");
  const auto cells = expected->getArray("cells");
  ASSERT_EQ(weights.size(), cells->size());
  std::map<std::string, double> weightOf;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const auto cell = cells->getObject(static_cast<unsigned>(i));
    EXPECT_EQ(weights[i].cell, cell->getValue<std::string>("cell"));
    EXPECT_EQ(weights[i].sample, cell->getValue<std::int64_t>("sample"));
    EXPECT_NEAR(weights[i].weight, cell->getValue<double>("weight"), 1e-12) << weights[i].cell;
    weightOf[weights[i].cell] = weights[i].weight;
  }
  EXPECT_EQ(weightOf.at("ALM|2"), 0.0) << "a population of zero drops the cell";
  EXPECT_EQ(weightOf.at("KAR|1"), 0.0) << "no population count: no weight";

  std::vector<std::pair<double, bool>> everyone;
  for (std::size_t i = 0; i < rows->size(); ++i) everyone.push_back({weightOf.at(rows->getArray(static_cast<unsigned>(i))->getElement<std::string>(0)), false});
  EXPECT_NEAR(*weightedShare(everyone).kishN, expected->getValue<double>("kish_n"), 1e-9);

  const auto items = expected->getArray("items");
  for (std::size_t k = 0; k < items->size(); ++k) {
    const auto item = items->getObject(static_cast<unsigned>(k));
    std::vector<std::pair<double, bool>> answers;
    for (std::size_t i = 0; i < rows->size(); ++i) {
      const auto row = rows->getArray(static_cast<unsigned>(i));
      if (row->isNull(static_cast<unsigned>(k + 1))) continue;
      answers.push_back({weightOf.at(row->getElement<std::string>(0)), row->getElement<int>(static_cast<unsigned>(k + 1)) >= 4});
    }
    const WeightedShare share = weightedShare(answers);
    const std::string id = item->getValue<std::string>("item");
    EXPECT_EQ(share.n, item->getValue<std::int64_t>("n")) << id;
    EXPECT_EQ(share.weightedN, item->getValue<std::int64_t>("weighted_n")) << id;
    EXPECT_NEAR(*share.unweighted, item->getValue<double>("unweighted"), 1e-12) << id;
    EXPECT_NEAR(*share.weighted, item->getValue<double>("weighted"), 1e-12) << id;
    EXPECT_NEAR(*share.kishN, item->getValue<double>("kish_n"), 1e-9) << id;
    EXPECT_NEAR(share.weightedCi->low, item->getValue<double>("low"), 1e-12) << id;
    EXPECT_NEAR(share.weightedCi->high, item->getValue<double>("high"), 1e-12) << id;
  }
}

TEST(PostStratification, OnlyZeroWeightsGiveNoWeightedFigure) {
  const WeightedShare share = weightedShare({{0.0, true}, {0.0, false}});
  EXPECT_EQ(share.n, 2);
  EXPECT_NEAR(*share.unweighted, 0.5, 1e-15);
  EXPECT_FALSE(share.weighted.has_value());
  EXPECT_FALSE(share.kishN.has_value());
}

TEST(PostStratification, ThroughTheResultsEngineByCourt) {
  server::testing::ServiceFixture f;
  f.clock.set({2025, 12, 31});
  f.admin.createVersion(server::testing::kSurveyJson);
  f.admin.publish("unit_survey", 1);
  std::vector<std::string> responses;
  const int almaty[] = {5, 1};
  const int astana[] = {5, 5, 5, 1};
  for (int i = 0; i < 2; ++i) {
    responses.push_back(surveys::testing::datedResponse("weights-alm-" + std::to_string(i), "2025-03-10",
                                                        R"({"access_find": )" + std::to_string(almaty[i]) + "}"));
  }
  for (int i = 0; i < 4; ++i) {
    std::string r = surveys::testing::datedResponse("weights-ast-" + std::to_string(i), "2025-03-10",
                                                    R"({"access_find": )" + std::to_string(astana[i]) + "}");
    r.replace(r.find("ALM-01"), 6, "AST-01");
    responses.push_back(r);
  }
  ASSERT_EQ(f.admin.importResponses("unit_survey", surveys::testing::importBodyOf(1, responses)).created, 6U);
  const auto def = f.surveys.findPublished("unit_survey");
  ASSERT_TRUE(def);

  const WeightedFigures figures =
      weightedFavourable(f.engine, *def, f.courts.list(), ResultsFilter{}, {{"ALM-01", 600}, {"AST-01", 200}}, "");

  // By hand: population shares 0.75 / 0.25, sample shares 2/6 / 4/6: w = 2.25 and 0.375.
  ASSERT_EQ(figures.cells.size(), 2U);
  EXPECT_NEAR(figures.cells[0].weight, 2.25, 1e-12);
  EXPECT_NEAR(figures.cells[1].weight, 0.375, 1e-12);
  EXPECT_EQ(figures.respondents, 6);
  EXPECT_EQ(figures.unmatched, 0);
  const auto access = std::find_if(figures.items.begin(), figures.items.end(),
                                   [](const WeightedItem& i) { return i.itemId == "access_find"; });
  ASSERT_NE(access, figures.items.end());
  // Unweighted 4 of 6; weighted (2.25 * 1 + 0.375 * 3) / (2 * 2.25 + 4 * 0.375) = 3.375 / 6;
  // Kish n = 6^2 / (2 * 2.25^2 + 4 * 0.375^2) = 36 / 10.6875.
  EXPECT_NEAR(*access->share.unweighted, 4.0 / 6.0, 1e-12);
  EXPECT_NEAR(*access->share.weighted, 0.5625, 1e-12);
  EXPECT_NEAR(*access->share.kishN, 36.0 / 10.6875, 1e-12);
  EXPECT_EQ(access->share.n, 6);
}

}  // namespace
}  // namespace courtvoice::analytics
