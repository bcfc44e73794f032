// "Understanding why": Cronbach's alpha, Pearson and Spearman correlations with Fisher-z
// intervals, importance/performance quadrants and crossed tables with complementary suppression.
// Method: expected values come from tests/fixtures/why_statistics.py (numpy for alpha, scipy.stats
// pearsonr / spearmanr and pearsonr's confidence_interval for the correlations), committed as
// tests/fixtures/why_statistics.json; the engine-level tests put the same data through the
// results engine and must give the same figures.
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include "analytics_fixtures.hpp"
#include "courtvoice/analytics/crossed.hpp"
#include "courtvoice/analytics/drivers.hpp"
#include "courtvoice/analytics/reliability.hpp"
#include "support/in_memory_stores.hpp"

namespace courtvoice::analytics {
namespace {

using namespace testdata;
using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr double kTolerance = 1e-12;

Object::Ptr fixture() {
  std::ifstream in(std::string(COURTVOICE_SOURCE_DIR) + "/tests/fixtures/why_statistics.json");
  std::stringstream text;
  text << in.rdbuf();
  return Poco::JSON::Parser().parse(text.str()).extract<Object::Ptr>();
}

std::optional<double> optionalOf(const Poco::Dynamic::Var& value) {
  if (value.isEmpty()) return std::nullopt;
  return value.convert<double>();
}

std::vector<int> intsOf(const Array::Ptr& array) {
  std::vector<int> out;
  for (std::size_t i = 0; i < array->size(); ++i) out.push_back(array->getElement<int>(static_cast<unsigned>(i)));
  return out;
}

void expectValue(const std::optional<double>& actual, const Poco::Dynamic::Var& expected, const std::string& what) {
  const std::optional<double> want = optionalOf(expected);
  ASSERT_EQ(actual.has_value(), want.has_value()) << what;
  if (want) {
    EXPECT_NEAR(*actual, *want, kTolerance) << what;
  }
}

void expectInterval(const std::optional<Interval>& actual, const Poco::Dynamic::Var& expected, const std::string& what) {
  ASSERT_EQ(actual.has_value(), !expected.isEmpty()) << what;
  if (!actual) return;
  const auto pair = expected.extract<Array::Ptr>();
  EXPECT_NEAR(actual->low, pair->getElement<double>(0), kTolerance) << what << " low";
  EXPECT_NEAR(actual->high, pair->getElement<double>(1), kTolerance) << what << " high";
}

std::vector<std::vector<int>> rowsOf(const Object::Ptr& c) {
  std::vector<std::vector<int>> rows;
  const auto array = c->getArray("rows");
  for (std::size_t r = 0; r < array->size(); ++r) rows.push_back(intsOf(array->getArray(static_cast<unsigned>(r))));
  return rows;
}

TEST(CronbachAlpha, MatchesNumpyWithAlphaIfItemDeleted) {
  const auto cases = fixture()->getArray("alpha");
  ASSERT_GE(cases->size(), 7U);
  for (std::size_t i = 0; i < cases->size(); ++i) {
    const auto c = cases->getObject(static_cast<unsigned>(i));
    const std::string name = c->getValue<std::string>("name");
    const auto rows = rowsOf(c);
    ItemCovariance cov(rows.front().size());
    for (const auto& row : rows) cov.add(row);
    expectValue(cronbachAlpha(cov).alpha, c->get("alpha"), name);
    const auto deleted = c->getArray("if_deleted");
    for (std::size_t k = 0; k < deleted->size(); ++k) {
      expectValue(cronbachAlpha(cov, static_cast<int>(k)).alpha, deleted->get(static_cast<unsigned>(k)),
                  name + " without item " + std::to_string(k));
    }
  }
}

TEST(CronbachAlpha, SaysWhyThereIsNone) {
  ItemCovariance constant(2);
  for (int i = 0; i < 4; ++i) constant.add({3, 3});
  EXPECT_EQ(cronbachAlpha(constant).reason, "zero_variance");
  ItemCovariance one(2);
  one.add({1, 5});
  EXPECT_EQ(cronbachAlpha(one).reason, "too_few_respondents");
  ItemCovariance single(1);
  single.add({1});
  single.add({4});
  EXPECT_EQ(cronbachAlpha(single).reason, "fewer_than_two_items");
  EXPECT_EQ(cronbachAlpha(one, 0).reason, "fewer_than_two_items");  // deleting one of two items
}

TEST(Correlation, PearsonAndSpearmanWithFisherIntervalsMatchScipy) {
  const auto cases = fixture()->getArray("correlation");
  ASSERT_GE(cases->size(), 9U);
  for (std::size_t i = 0; i < cases->size(); ++i) {
    const auto c = cases->getObject(static_cast<unsigned>(i));
    const std::string name = c->getValue<std::string>("name");
    const std::vector<int> x = intsOf(c->getArray("x"));
    const std::vector<int> y = intsOf(c->getArray("y"));
    PairTable table;
    for (std::size_t k = 0; k < x.size(); ++k) table.add(x[k], y[k]);
    const Correlation pearson = table.pearson();
    const Correlation spearman = table.spearman();
    EXPECT_EQ(pearson.n, c->getValue<int>("n")) << name;
    EXPECT_EQ(spearman.n, c->getValue<int>("n")) << name;
    expectValue(pearson.r, c->get("pearson"), name + " pearson");
    expectInterval(pearson.ci, c->get("pearson_ci"), name + " pearson ci");
    expectValue(spearman.r, c->get("spearman"), name + " spearman");
    expectInterval(spearman.ci, c->get("spearman_ci"), name + " spearman ci");
  }
}

TEST(Correlation, EdgeCasesGiveNoValueOrNoInterval) {
  PairTable constant;
  for (int y = 1; y <= 5; ++y) constant.add(3, y);
  EXPECT_FALSE(constant.pearson().r);
  EXPECT_EQ(constant.pearson().reason, "zero_variance");
  EXPECT_EQ(constant.spearman().reason, "zero_variance");
  PairTable one;
  one.add(1, 2);
  EXPECT_EQ(one.pearson().reason, "too_few_pairs");
  PairTable three;  // n = 3: a coefficient, no interval (se = 1/sqrt(n-3))
  three.add(1, 2);
  three.add(2, 1);
  three.add(4, 5);
  EXPECT_TRUE(three.pearson().r);
  EXPECT_FALSE(three.pearson().ci);
  EXPECT_FALSE(fisherInterval95(1.0, 100));
  EXPECT_FALSE(fisherInterval95(0.5, 3));
  EXPECT_TRUE(fisherInterval95(0.5, 4));
}

DriverItem placed(std::string id, double r, double favourable) {
  DriverItem item;
  item.itemId = std::move(id);
  item.pearson.r = r;
  item.favourable = favourable;
  return item;
}

TEST(DriverQuadrants, HighImportanceLowPerformanceItemsComeFirst) {
  DriversReport report;
  report.items = {placed("maintain", 0.1, 0.9), placed("strength", 0.7, 0.8), placed("priority_b", 0.5, 0.2),
                  placed("secondary", 0.2, 0.3), placed("priority_a", 0.6, 0.1)};
  DriverItem hidden;
  hidden.itemId = "hidden";
  hidden.suppressed = true;
  report.items.insert(report.items.begin(), hidden);
  placeInQuadrants(report);
  // Medians over the five placed items: r 0.5, favourable 0.3; "above the median" is high.
  EXPECT_DOUBLE_EQ(*report.importanceMedian, 0.5);
  EXPECT_DOUBLE_EQ(*report.performanceMedian, 0.3);
  std::vector<std::string> order;
  for (const auto& item : report.items) order.push_back(item.itemId);
  // priority_b sits on the importance median: not above it, so not high importance.
  EXPECT_EQ(order, (std::vector<std::string>{"priority_a", "strength", "priority_b", "secondary", "maintain", "hidden"}));
  EXPECT_EQ(report.items[0].quadrant, Quadrant::Priority);
  EXPECT_EQ(report.items[2].quadrant, Quadrant::Secondary);
  EXPECT_FALSE(report.items[5].quadrant);
}

// --- through the results engine ---

surveys::Response response(int serial, std::vector<surveys::Answer> answers, std::string court = "C1") {
  surveys::Response r;
  r.submissionId = "why-" + std::to_string(serial);
  r.surveyId = "court_user";
  r.version = 2;
  r.courtCode = std::move(court);
  r.language = "en";
  r.givenOn = surveys::Date{2025, 3, 10};
  r.answers = std::move(answers);
  return r;
}

const std::vector<surveys::Court>& courts() {
  static const std::vector<surveys::Court> list = [] {
    std::vector<surveys::Court> out;
    for (int i = 0; i < 4; ++i) {
      surveys::Court c;
      c.code = "C" + std::to_string(i);
      c.region = i < 2 ? "north" : "south";
      c.level = "district";
      c.name = {{"en", c.code}};
      out.push_back(c);
    }
    return out;
  }();
  return list;
}

TEST(Reliability, EngineGivesTheFixtureAlphaOnListwiseCompleteRespondents) {
  const auto c = fixture()->getArray("alpha")->getObject(1);  // weak_60x3
  ASSERT_EQ(c->getValue<std::string>("name"), "weak_60x3");
  const auto rows = rowsOf(c);
  surveys::testing::InMemoryResponseStore store;
  int serial = 0;
  for (const auto& row : rows) {
    ++serial;
    store.submit(response(serial, {code("access_find", row[0]), code("access_staff", row[1]), code("appeared", 1),
                                   code("fair_listened", row[2])}, "C" + std::to_string(serial % 4)));
  }
  // Incomplete respondents are left out of every scale they did not complete.
  store.submit(response(++serial, {code("access_find", 5), non("access_staff", NonAnswer::NoOpinion)}));
  store.submit(response(++serial, {code("access_find", 1), code("access_staff", 2)}));
  ResultsEngine engine(store);
  const ReliabilityReport report = reliability(engine, makeDefinition(), courts(), {}, 5);
  EXPECT_FALSE(report.suppressed);
  EXPECT_EQ(report.responses, 62);
  // Indices access, fairness, overall; then the dimensions access and fairness.
  ASSERT_EQ(report.entries.size(), 5U);
  const ReliabilityEntry& overall = report.entries[2];
  EXPECT_EQ(overall.id, "overall_index");
  EXPECT_EQ(overall.itemIds, (std::vector<std::string>{"access_find", "access_staff", "fair_listened"}));
  EXPECT_EQ(overall.n, 60);
  expectValue(overall.value.alpha, c->get("alpha"), "overall_index");
  ASSERT_EQ(overall.ifDeleted.size(), 3U);
  for (unsigned k = 0; k < 3; ++k) {
    expectValue(overall.ifDeleted[k].value.alpha, c->getArray("if_deleted")->get(k), "without " + overall.ifDeleted[k].itemId);
  }
  const ReliabilityEntry& access = report.entries[0];
  EXPECT_EQ(access.n, 61);  // the respondent who answered both access items but no fairness item counts here
  const ReliabilityEntry& fairness = report.entries[1];
  EXPECT_FALSE(fairness.value.alpha);
  EXPECT_EQ(fairness.value.reason, "fewer_than_two_items");
  EXPECT_EQ(report.entries[3].kind, "dimension");
  EXPECT_EQ(report.entries[3].id, "access");
}

TEST(Reliability, ASmallScopeIsSuppressedWithoutFigures) {
  surveys::testing::InMemoryResponseStore store;
  for (int i = 0; i < 4; ++i) store.submit(response(i, {code("access_find", 1 + i), code("access_staff", 2 + i % 3)}));
  ResultsEngine engine(store);
  const ReliabilityReport report = reliability(engine, makeDefinition(), courts(), {}, 5);
  EXPECT_TRUE(report.suppressed);
  EXPECT_EQ(report.responses, 0);
  for (const auto& entry : report.entries) {
    EXPECT_TRUE(entry.suppressed) << entry.id;
    EXPECT_FALSE(entry.value.alpha) << entry.id;
    EXPECT_EQ(entry.n, 0) << entry.id;
  }
}

TEST(Drivers, EngineGivesTheFixtureCorrelationsPairwiseComplete) {
  const auto c = fixture()->getArray("correlation")->getObject(2);  // outcome_0_10
  ASSERT_EQ(c->getValue<std::string>("name"), "outcome_0_10");
  const std::vector<int> x = intsOf(c->getArray("x"));
  const std::vector<int> y = intsOf(c->getArray("y"));
  surveys::testing::InMemoryResponseStore store;
  int serial = 0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    store.submit(response(++serial, {code("access_find", x[k]), code("recommend", y[k]), code("access_staff", 4)},
                          "C" + std::to_string(k % 4)));
  }
  // Not a pair (no outcome, or a non-answer): counts for % favourable only.
  store.submit(response(++serial, {code("access_find", 5)}));
  store.submit(response(++serial, {non("access_find", NonAnswer::NotApplicable), code("recommend", 3)}));
  ResultsEngine engine(store);
  const DriversReport report = drivers(engine, makeDefinition(), courts(), {}, "recommend", 5);
  EXPECT_FALSE(report.suppressed);
  const DriverItem* find = nullptr;
  const DriverItem* staff = nullptr;
  for (const auto& item : report.items) {
    if (item.itemId == "access_find") find = &item;
    if (item.itemId == "access_staff") staff = &item;
  }
  ASSERT_NE(find, nullptr);
  ASSERT_NE(staff, nullptr);
  EXPECT_EQ(find->pearson.n, 10);
  expectValue(find->pearson.r, c->get("pearson"), "pearson");
  expectInterval(find->pearson.ci, c->get("pearson_ci"), "pearson ci");
  expectValue(find->spearman.r, c->get("spearman"), "spearman");
  expectInterval(find->spearman.ci, c->get("spearman_ci"), "spearman ci");
  // % favourable over everyone who answered: 4 of the 10 pairs plus the lone 5 -> 5 of 11.
  EXPECT_EQ(find->favourableN, 11);
  EXPECT_NEAR(*find->favourable, 5.0 / 11.0, kTolerance);
  EXPECT_EQ(staff->spearman.reason, "zero_variance");  // everyone answered 4
  EXPECT_FALSE(staff->quadrant);
  // fair_listened: nobody answered; suppressed.
  EXPECT_TRUE(report.items.back().suppressed);
  EXPECT_EQ(defaultOutcome(makeDefinition()), std::nullopt);
  EXPECT_THROW(drivers(engine, makeDefinition(), courts(), {}, "appeared", 5), std::invalid_argument);
}

// --- crossed tables ---

void expectNoLineGivesAHiddenCellAway(const std::vector<std::vector<std::int64_t>>& n,
                                      const std::vector<std::vector<bool>>& hidden, std::int64_t min,
                                      const std::string& context) {
  const auto check = [&](const std::vector<std::int64_t>& counts, const std::vector<bool>& line, const std::string& where) {
    int cells = 0, nonEmpty = 0;
    std::int64_t total = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      if (counts[i] > 0) ++nonEmpty;
      if (counts[i] > 0 && line[i]) {
        ++cells;
        total += counts[i];
      }
    }
    // A line of one cell is its own margin: that margin is a group under the minimum wherever
    // it is published, so nothing can be subtracted from it.
    // Likewise when every cell of the line is hidden: the margin is the hidden total.
    if (nonEmpty == 1 || cells == nonEmpty) return;
    EXPECT_NE(cells, 1) << context << where << ": a single hidden cell is the margin minus the shown ones";
    EXPECT_TRUE(total == 0 || total >= min) << context << where << ": hidden cells hold only " << total;
  };
  for (std::size_t r = 0; r < n.size(); ++r) check(n[r], hidden[r], " row " + std::to_string(r));
  for (std::size_t c = 0; c < n[0].size(); ++c) {
    std::vector<std::int64_t> counts;
    std::vector<bool> line;
    for (std::size_t r = 0; r < n.size(); ++r) {
      counts.push_back(n[r][c]);
      line.push_back(hidden[r][c]);
    }
    check(counts, line, " column " + std::to_string(c));
  }
}

TEST(CrossedSuppression, NoRowOrColumnKeepsExactlyOneSmallHiddenCell) {
  // A worked example: the 3 in row 0 is under 5; hiding the 2 next to it is not enough (5 is
  // reached only with the 7), and the columns then need their own second cells.
  std::vector<std::vector<std::int64_t>> n = {{3, 2, 7, 20}, {9, 8, 30, 12}, {11, 0, 6, 40}};
  std::vector<std::vector<bool>> hidden = {{true, true, false, false}, {false, false, false, false},
                                           {false, false, false, false}};
  const int added = suppressCrossedComplements(n, hidden, 5);
  EXPECT_GT(added, 0);
  expectNoLineGivesAHiddenCellAway(n, hidden, 5, "example");

  std::mt19937 random(99);
  for (int round = 0; round < 500; ++round) {
    const std::size_t rows = 1 + random() % 6, columns = 1 + random() % 6;
    std::vector<std::vector<std::int64_t>> counts(rows, std::vector<std::int64_t>(columns));
    std::vector<std::vector<bool>> shut(rows, std::vector<bool>(columns));
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < columns; ++c) {
        counts[r][c] = random() % 4 == 0 ? 0 : random() % 15;
        shut[r][c] = counts[r][c] > 0 && counts[r][c] < 5;
      }
    }
    suppressCrossedComplements(counts, shut, 5);
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < columns; ++c) {
        if (counts[r][c] > 0 && counts[r][c] < 5) {
          EXPECT_TRUE(shut[r][c]) << "round " << round;  // a small cell stays hidden
        }
      }
    }
    expectNoLineGivesAHiddenCellAway(counts, shut, 5, "round " + std::to_string(round));
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(CrossedKeys, ParseAndName) {
  for (const std::string text : {"court", "region", "level", "channel", "language", "month", "quarter", "year", "item:role"}) {
    const auto key = parseCrossKey(text);
    ASSERT_TRUE(key) << text;
    EXPECT_EQ(toString(*key), text);
  }
  EXPECT_FALSE(parseCrossKey("item:"));
  EXPECT_FALSE(parseCrossKey("week"));
}

TEST(CrossedTable, CellsAreSummariesByBothKeysWithSmallAndComplementaryCellsHidden) {
  surveys::testing::InMemoryResponseStore store;
  int serial = 0;
  const auto add = [&](const std::string& court, std::optional<int> appeared, int count) {
    for (int i = 0; i < count; ++i) {
      std::vector<surveys::Answer> answers{code("access_find", 1 + (serial % 5))};
      if (appeared) answers.push_back(code("appeared", *appeared));
      store.submit(response(++serial, answers, court));
    }
  };
  add("C0", 1, 12);  // access_find 1,2,3,4,5,1,2,3,4,5,1,2: mean 2.75
  add("C0", 2, 9);
  add("C0", std::nullopt, 3);
  add("C1", 1, 10);
  add("C1", 2, 8);
  add("C2", 1, 2);
  add("C2", 2, 11);
  add("C3", 1, 15);
  add("C3", 2, 14);
  ResultsEngine engine(store);
  const CrossedTable table = crossed(engine, makeDefinition(), courts(), {}, SummaryOptions{GroupBy::None, 5},
                                     *parseCrossKey("court"), *parseCrossKey("item:appeared"));
  EXPECT_EQ(table.rowKeys, (std::vector<std::string>{"C0", "C1", "C2", "C3"}));
  EXPECT_EQ(table.columnKeys, (std::vector<std::string>{"1", "2", "none"}));
  std::map<std::string, const GroupSummary*> cells;
  for (const auto& cell : table.cells) cells[cell.key] = &cell;
  ASSERT_EQ(cells.size(), 9U);  // only cells with responses
  // Under 5: C0|none (3) and C2|1 (2). Row C0 then hides its 9, row C2 its 11; column 1 hides
  // C1's 10 beside C2's 2; row C1 would then show the 8 next to one hidden cell: hidden too.
  for (const std::string key : {"C0|none", "C2|1", "C0|2", "C2|2", "C1|1", "C1|2"}) {
    EXPECT_TRUE(cells.at(key)->suppressed) << key;
    EXPECT_TRUE(cells.at(key)->items.empty()) << key;  // no figures behind a hidden cell
  }
  EXPECT_EQ(table.complementary, 4);
  for (const std::string key : {"C0|1", "C3|1", "C3|2"}) EXPECT_FALSE(cells.at(key)->suppressed) << key;
  EXPECT_EQ(cells.at("C0|1")->responses, 12);
  EXPECT_NEAR(*itemOf(*cells.at("C0|1"), "access_find").mean, 2.75, 1e-12);
  EXPECT_EQ(cells.at("C3|2")->responses, 14);
  EXPECT_THROW(crossed(engine, makeDefinition(), courts(), {}, {}, *parseCrossKey("item:access_find"),
                       *parseCrossKey("court")),
               std::invalid_argument);
}

}  // namespace
}  // namespace courtvoice::analytics
