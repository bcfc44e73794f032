// The results engine against the reference Summarizer and TrendBuilder: random responses (all
// item types, non-answers, skipped and hidden items, odd codes, two versions), random filters and
// groupings, with a fixed seed; again after appends (as from another process) and after a rebuild.
// Method: the reference reads the same responses one by one, filtered by the test itself; every
// figure must agree (doubles to 1e-9: the engine merges moments in another order).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "analytics_fixtures.hpp"
#include "courtvoice/analytics/results_engine.hpp"
#include "support/in_memory_stores.hpp"

namespace courtvoice::analytics {
namespace {

using namespace testdata;
using surveys::Court;
using surveys::Date;

constexpr double kTolerance = 1e-9;

void expectNear(const std::optional<double>& a, const std::optional<double>& b, const std::string& what) {
  ASSERT_EQ(a.has_value(), b.has_value()) << what;
  if (a) {
    EXPECT_NEAR(*a, *b, kTolerance * std::max(1.0, std::abs(*b))) << what;
  }
}

void expectNear(const std::optional<Interval>& a, const std::optional<Interval>& b, const std::string& what) {
  ASSERT_EQ(a.has_value(), b.has_value()) << what;
  if (!a) return;
  EXPECT_NEAR(a->low, b->low, kTolerance) << what;
  EXPECT_NEAR(a->high, b->high, kTolerance) << what;
}

void expectSameSummary(const SurveySummary& engine, const SurveySummary& reference, const std::string& context) {
  EXPECT_EQ(engine.totalResponses, reference.totalResponses) << context;
  EXPECT_EQ(engine.minGroupSize, reference.minGroupSize) << context;
  ASSERT_EQ(engine.groups.size(), reference.groups.size()) << context;
  for (std::size_t g = 0; g < engine.groups.size(); ++g) {
    const GroupSummary& a = engine.groups[g];
    const GroupSummary& b = reference.groups[g];
    const std::string where = context + " group '" + b.key + "'";
    ASSERT_EQ(a.key, b.key) << where;
    EXPECT_EQ(a.suppressed, b.suppressed) << where;
    EXPECT_EQ(a.responses, b.responses) << where;
    ASSERT_EQ(a.items.size(), b.items.size()) << where;
    for (std::size_t i = 0; i < a.items.size(); ++i) {
      const ItemSummary& x = a.items[i];
      const ItemSummary& y = b.items[i];
      const std::string item = where + " item " + y.itemId;
      EXPECT_EQ(x.itemId, y.itemId) << item;
      EXPECT_EQ(x.suppressed, y.suppressed) << item;
      EXPECT_EQ(x.n, y.n) << item;
      EXPECT_EQ(x.counts, y.counts) << item;
      EXPECT_EQ(x.nonAnswers, y.nonAnswers) << item;
      expectNear(x.mean, y.mean, item + " mean");
      expectNear(x.sd, y.sd, item + " sd");
      expectNear(x.median, y.median, item + " median");
      expectNear(x.favourable, y.favourable, item + " favourable");
      expectNear(x.favourableCi, y.favourableCi, item + " ci");
      expectNear(x.nps, y.nps, item + " nps");
      expectNear(x.npsCi, y.npsCi, item + " nps ci");
    }
    ASSERT_EQ(a.indices.size(), b.indices.size()) << where;
    for (std::size_t x = 0; x < a.indices.size(); ++x) {
      EXPECT_EQ(a.indices[x].indexId, b.indices[x].indexId) << where;
      EXPECT_EQ(a.indices[x].suppressed, b.indices[x].suppressed) << where;
      EXPECT_EQ(a.indices[x].n, b.indices[x].n) << where;
      expectNear(a.indices[x].value, b.indices[x].value, where + " index " + b.indices[x].indexId);
      expectNear(a.indices[x].ci, b.indices[x].ci, where + " index ci " + b.indices[x].indexId);
    }
  }
}

void expectSameChange(const std::optional<MeanChange>& a, const std::optional<MeanChange>& b, const std::string& what) {
  ASSERT_EQ(a.has_value(), b.has_value()) << what;
  if (!a) return;
  EXPECT_NEAR(a->difference, b->difference, kTolerance) << what;
  EXPECT_NEAR(a->t, b->t, 1e-6) << what;
  EXPECT_EQ(a->significant, b->significant) << what;
  EXPECT_NEAR(a->pValue, b->pValue, 1e-6) << what;
  EXPECT_EQ(a->significantAdjusted, b->significantAdjusted) << what;
}

void expectSameChange(const std::optional<ProportionChange>& a, const std::optional<ProportionChange>& b,
                      const std::string& what) {
  ASSERT_EQ(a.has_value(), b.has_value()) << what;
  if (!a) return;
  EXPECT_NEAR(a->difference, b->difference, kTolerance) << what;
  EXPECT_NEAR(a->ci.low, b->ci.low, kTolerance) << what;
  EXPECT_NEAR(a->ci.high, b->ci.high, kTolerance) << what;
  EXPECT_NEAR(a->pValue, b->pValue, 1e-9) << what;
  EXPECT_NEAR(a->pAdjusted, b->pAdjusted, 1e-9) << what;
  EXPECT_EQ(a->significant, b->significant) << what;
  EXPECT_EQ(a->significantAdjusted, b->significantAdjusted) << what;
}

void expectSameTests(const SeriesTests& a, const SeriesTests& b, const std::string& what) {
  EXPECT_EQ(a.previous.tests, b.previous.tests) << what;
  EXPECT_EQ(a.baseline.tests, b.baseline.tests) << what;
  EXPECT_EQ(a.yearAgo.tests, b.yearAgo.tests) << what;
}

void expectSameTrend(const TrendReport& engine, const TrendReport& reference, const std::string& context) {
  EXPECT_EQ(engine.ignoredResponses, reference.ignoredResponses) << context;
  ASSERT_EQ(engine.periods.size(), reference.periods.size()) << context;
  for (std::size_t p = 0; p < engine.periods.size(); ++p) {
    EXPECT_EQ(engine.periods[p].period, reference.periods[p].period) << context;
    EXPECT_EQ(engine.periods[p].responses, reference.periods[p].responses) << context;
    EXPECT_EQ(engine.periods[p].suppressed, reference.periods[p].suppressed) << context;
    EXPECT_EQ(engine.periods[p].partial, reference.periods[p].partial) << context << " " << reference.periods[p].period;
  }
  EXPECT_EQ(engine.breaks, reference.breaks) << context;
  EXPECT_EQ(engine.indexBreaks, reference.indexBreaks) << context;
  ASSERT_EQ(engine.items.size(), reference.items.size()) << context;
  for (std::size_t i = 0; i < engine.items.size(); ++i) {
    const ItemTrend& a = engine.items[i];
    const ItemTrend& b = reference.items[i];
    ASSERT_EQ(a.itemId, b.itemId) << context;
    ASSERT_EQ(a.segments.size(), b.segments.size()) << context << " " << b.itemId;
    for (std::size_t s = 0; s < a.segments.size(); ++s) {
      ASSERT_EQ(a.segments[s].points.size(), b.segments[s].points.size()) << context << " " << b.itemId;
      for (std::size_t p = 0; p < a.segments[s].points.size(); ++p) {
        const TrendPoint& x = a.segments[s].points[p];
        const TrendPoint& y = b.segments[s].points[p];
        const std::string what = context + " " + b.itemId + " " + y.period;
        EXPECT_EQ(x.period, y.period) << what;
        EXPECT_EQ(x.n, y.n) << what;
        EXPECT_EQ(x.suppressed, y.suppressed) << what;
        expectNear(x.mean, y.mean, what + " mean");
        expectNear(x.sd, y.sd, what + " sd");
        expectNear(x.favourable, y.favourable, what + " favourable");
        EXPECT_EQ(x.partial, y.partial) << what;
        expectSameChange(x.favourableChange, y.favourableChange, what + " favourable change");
        expectSameChange(x.favourableVsBaseline, y.favourableVsBaseline, what + " favourable vs baseline");
        expectSameChange(x.favourableVsYearAgo, y.favourableVsYearAgo, what + " favourable vs year ago");
        expectSameChange(x.meanChange, y.meanChange, what + " mean change");
        expectSameChange(x.meanVsBaseline, y.meanVsBaseline, what + " mean vs baseline");
        expectSameChange(x.meanVsYearAgo, y.meanVsYearAgo, what + " mean vs year ago");
      }
      EXPECT_EQ(a.segments[s].baseline, b.segments[s].baseline) << context << " " << b.itemId;
    }
    expectSameTests(a.favourableTests, b.favourableTests, context + " " + b.itemId + " favourable tests");
    expectSameTests(a.meanTests, b.meanTests, context + " " + b.itemId + " mean tests");
  }
  ASSERT_EQ(engine.indices.size(), reference.indices.size()) << context;
  for (std::size_t x = 0; x < engine.indices.size(); ++x) {
    const IndexTrend& a = engine.indices[x];
    const IndexTrend& b = reference.indices[x];
    ASSERT_EQ(a.segments.size(), b.segments.size()) << context << " " << b.indexId;
    for (std::size_t s = 0; s < a.segments.size(); ++s) {
      ASSERT_EQ(a.segments[s].points.size(), b.segments[s].points.size()) << context << " " << b.indexId;
      for (std::size_t p = 0; p < a.segments[s].points.size(); ++p) {
        const IndexPoint& u = a.segments[s].points[p];
        const IndexPoint& v = b.segments[s].points[p];
        const std::string what = context + " " + b.indexId + " " + v.period;
        EXPECT_EQ(u.n, v.n) << what;
        EXPECT_EQ(u.suppressed, v.suppressed) << what;
        expectNear(u.value, v.value, what);
        expectNear(u.ci, v.ci, what + " ci");
        EXPECT_EQ(u.partial, v.partial) << what;
        expectSameChange(u.change, v.change, what + " change");
        expectSameChange(u.vsBaseline, v.vsBaseline, what + " vs baseline");
        expectSameChange(u.vsYearAgo, v.vsYearAgo, what + " vs year ago");
      }
      EXPECT_EQ(a.segments[s].baseline, b.segments[s].baseline) << context << " " << b.indexId;
    }
    expectSameTests(a.tests, b.tests, context + " " + b.indexId + " tests");
  }
}

/// Version 3 of the test survey: `recommend` breaks its series, `visits` is dropped, `waited`
/// (agreement5, access) is new, and the fairness index also counts "overall".
SurveyDefinition makeVersion3() {
  SurveyDefinition def = makeDefinition();
  def.version = 3;
  for (auto& item : def.items) {
    if (item.id == "recommend") item.seriesBreak = true;
  }
  std::erase_if(def.items, [](const Item& item) { return item.id == "visits"; });
  def.items.push_back(makeItem("waited", ItemType::Agreement5, "access", {NonAnswer::NoOpinion}));
  def.indices[1].dimensions = {"fairness", "overall"};
  return def;
}

const std::vector<Court>& registry() {
  static const std::vector<Court> courts = [] {
    std::vector<Court> out;
    const char* regions[] = {"north", "south", "east"};
    for (int i = 0; i < 9; ++i) {
      Court c;
      c.code = "C" + std::to_string(i);
      c.region = regions[i % 3];
      c.level = i < 6 ? "district" : "regional";
      c.name = {{"en", c.code}};
      out.push_back(c);
    }
    return out;
  }();
  return courts;
}

class RandomResponses {
 public:
  explicit RandomResponses(std::uint64_t seed) : random_(seed) {}

  surveys::Response next() {
    surveys::Response r;
    r.submissionId = "sub-" + std::to_string(counter_++);
    r.surveyId = "court_user";
    r.version = pick(4) == 0 ? 3 : 2;
    // C8 is not in the registry's filters' favourite lists often; "X9" is not in the registry at all.
    r.courtCode = pick(40) == 0 ? "X9" : "C" + std::to_string(pick(9));
    r.language = "en";
    r.givenOn = Date{2023 + pick(3), 1 + pick(12), 1 + pick(28)};
    const std::vector<std::string> scale5 = {"access_find", "access_staff", "fair_listened", "waited"};
    for (const std::string& id : scale5) {
      if (id == "waited" && r.version == 2 && pick(3) != 0) continue;
      maybeAnswer(r, id, [&] { return code(id, pick(30) == 0 ? 9 : 1 + pick(5)); });  // 9: outside 1..5
    }
    maybeAnswer(r, "access_rating", [&] { return code("access_rating", pick(11)); });
    maybeAnswer(r, "appeared", [&] { return code("appeared", pick(20) == 0 ? 300 : 1 + pick(2)); });
    maybeAnswer(r, "recommend", [&] { return code("recommend", pick(11)); });
    if (r.version == 2) maybeAnswer(r, "visits", [&] { return number("visits", pick(10) * 0.5); });
    maybeAnswer(r, "channels", [&] {
      std::vector<int> codes;
      for (int c = 1; c <= 3; ++c) {
        if (pick(2) == 0) codes.push_back(c);
      }
      if (pick(15) == 0) codes.push_back(70);  // beyond the bit mask
      if (pick(15) == 0 && !codes.empty()) codes.push_back(codes.front());  // a duplicate
      return choices("channels", codes);
    });
    maybeAnswer(r, "comment", [&] { return text("comment", "fine"); });
    std::shuffle(r.answers.begin(), r.answers.end(), random_);
    if (pick(25) == 0 && !r.answers.empty()) {
      surveys::Answer again = r.answers.front();  // a second answer to an item: the first counts
      again.code = 1;
      r.answers.push_back(again);
    }
    return r;
  }

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }

 private:
  template <typename Make>
  void maybeAnswer(surveys::Response& r, const std::string& id, Make make) {
    const int roll = pick(10);
    if (roll == 0) return;  // skipped
    if (roll == 1) {
      r.answers.push_back(non(id, static_cast<NonAnswer>(pick(3))));
      return;
    }
    r.answers.push_back(make());
  }

  std::mt19937_64 random_;
  int counter_ = 0;
};

struct Fixture {
  surveys::testing::InMemoryResponseStore store;
  std::vector<surveys::Response> all;

  void add(const surveys::Response& r) {
    store.submit(r);
    all.push_back(r);
  }
};

const Court* courtOf(const std::string& code) {
  for (const Court& c : registry()) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

bool passes(const surveys::Response& r, const ResultsFilter& f) {
  const Court* court = courtOf(r.courtCode);
  const std::string region = court ? court->region : "";
  const std::string level = court ? court->level : "";
  const auto in = [](const auto& list, const auto& value) {
    return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
  };
  return in(f.courts, r.courtCode) && in(f.regions, region) && in(f.levels, level) &&
         (!f.from || !(r.givenOn < *f.from)) && (!f.to || !(*f.to < r.givenOn)) && in(f.versions, r.version);
}

StoredResponse stored(const surveys::Response& r) {
  const Court* court = courtOf(r.courtCode);
  return {r, court ? court->region : "", court ? court->level : ""};
}

ResultsFilter randomFilter(RandomResponses& random) {
  ResultsFilter f;
  if (random.pick(3) == 0) f.courts = {"C" + std::to_string(random.pick(9)), "C" + std::to_string(random.pick(9)), "X9"};
  if (random.pick(3) == 0) f.regions = {random.pick(2) == 0 ? "north" : "east"};
  if (random.pick(4) == 0) f.levels = {"regional"};
  if (random.pick(2) == 0) {
    // Half on month boundaries (cells used whole), half cutting months (rows read).
    const bool whole = random.pick(2) == 0;
    f.from = Date{2023 + random.pick(2), 1 + random.pick(12), whole ? 1 : 1 + random.pick(28)};
    f.to = Date{f.from->year + 1, 1 + random.pick(12), whole ? 28 : 1 + random.pick(28)};
    if (whole && f.to->month != 2) f.to->day = 30 + (f.to->month == 4 || f.to->month == 6 || f.to->month == 9 || f.to->month == 11 ? 0 : 1);
  }
  if (random.pick(4) == 0) f.versions = {random.pick(2) == 0 ? 2 : 3};
  return f;
}

void compareRandomQueries(ResultsEngine& engine, const std::vector<surveys::Response>& all, RandomResponses& random,
                          int rounds, const std::string& stage) {
  const SurveyDefinition v2 = makeDefinition();
  const SurveyDefinition v3 = makeVersion3();
  for (int round = 0; round < rounds; ++round) {
    const ResultsFilter filter = randomFilter(random);
    const SummaryOptions options{static_cast<GroupBy>(random.pick(6)), random.pick(3) == 0 ? 0 : 1 + random.pick(30)};
    SurveyDefinition def = random.pick(2) == 0 ? v2 : v3;
    // Not reported by court: groups from fewer than two courts are suppressed too.
    def.reportByCourt = random.pick(3) != 0;
    Summarizer reference(def, options);
    for (const auto& r : all) {
      if (passes(r, filter)) reference.add(stored(r));
    }
    const std::string context = stage + " round " + std::to_string(round) + " group " + toString(options.groupBy);
    expectSameSummary(engine.summary(def, registry(), filter, options), reference.result(), context);

    TrendOptions trendOptions;
    trendOptions.period = static_cast<Period>(random.pick(3));
    trendOptions.minGroupSize = random.pick(2) == 0 ? 0 : 1 + random.pick(20);
    // Partial periods (cut by the filter, running, months without responses) and baselines.
    TrendContext trendContext;
    trendContext.from = filter.from;
    trendContext.to = filter.to;
    if (random.pick(2) == 0) trendContext.today = Date{2023 + random.pick(3), 1 + random.pick(12), 15};
    if (random.pick(3) == 0) {
      trendContext.baseline = periodKey(Date{2023 + random.pick(2), 1 + random.pick(12), 1}, trendOptions.period);
    }
    std::vector<SurveyDefinition> defs = {v2, v3};
    if (random.pick(5) == 0) defs = {v3};  // version 2's responses are then ignored, and counted
    if (random.pick(3) == 0) defs.back().reportByCourt = false;  // periods and points from one court suppressed
    TrendBuilder trendReference(defs, trendOptions, trendContext);
    for (const auto& r : all) {
      if (passes(r, filter)) trendReference.add(stored(r));
    }
    expectSameTrend(engine.trend(defs, registry(), filter, trendOptions, trendContext), trendReference.result(),
                    context + " trend " + toString(trendOptions.period));
    if (::testing::Test::HasFailure()) return;  // one failing round says enough
  }
}

TEST(ResultsEngine, AgreesWithTheReferenceOnRandomDataFiltersAndGroupings) {
  RandomResponses random(20261130);
  Fixture data;
  for (int i = 0; i < 3000; ++i) data.add(random.next());
  ResultsEngine engine(data.store, /*pageSize=*/700);
  compareRandomQueries(engine, data.all, random, 60, "initial");
}

TEST(ResultsEngine, CatchesUpWithResponsesStoredAfterItsCubesWereBuilt) {
  RandomResponses random(7);
  Fixture data;
  for (int i = 0; i < 1500; ++i) data.add(random.next());
  ResultsEngine engine(data.store, 500);
  compareRandomQueries(engine, data.all, random, 15, "before appends");
  // Another writer (in production: another server process) stores more; the engine has not been told.
  for (int i = 0; i < 1200; ++i) data.add(random.next());
  compareRandomQueries(engine, data.all, random, 25, "after appends");
  EXPECT_EQ(engine.stats().responses, 2700);
  EXPECT_EQ(engine.stats().sequence, 2700);
}

TEST(ResultsEngine, RebuildGivesTheSameNumbers) {
  RandomResponses random(99);
  Fixture data;
  for (int i = 0; i < 2000; ++i) data.add(random.next());
  ResultsEngine engine(data.store, 300);
  const SummaryOptions byCourt{GroupBy::Court, 0};
  const SurveySummary before = engine.summary(makeDefinition(), registry(), {}, byCourt);
  std::vector<std::int64_t> progress;
  engine.rebuild([&progress](std::int64_t loaded, std::int64_t target) {
    EXPECT_EQ(target, 2000);
    progress.push_back(loaded);
  });
  EXPECT_EQ(progress, (std::vector<std::int64_t>{300, 600, 900, 1200, 1500, 1800, 2000}));
  expectSameSummary(engine.summary(makeDefinition(), registry(), {}, byCourt), before, "after rebuild");
  EXPECT_EQ(engine.stats().responses, 2000);
}

TEST(ResultsEngine, SummaryByRowKeysAgreeWithTheReferenceGroupings) {
  RandomResponses random(424242);
  Fixture data;
  for (int i = 0; i < 2500; ++i) data.add(random.next());
  ResultsEngine engine(data.store, 1000);
  const SurveyDefinition def = makeDefinition();
  for (int round = 0; round < 12; ++round) {
    const ResultsFilter filter = randomFilter(random);
    const GroupBy groupBy = round % 3 == 0 ? GroupBy::Court : round % 3 == 1 ? GroupBy::Region : GroupBy::Month;
    const SummaryOptions options{groupBy, 1 + random.pick(20)};
    Summarizer reference(def, options);
    for (const auto& r : data.all) {
      if (passes(r, filter)) reference.add(stored(r));
    }
    const SurveySummary byRow = engine.summaryByRow(
        def, registry(), filter, SummaryOptions{GroupBy::None, options.minGroupSize}, {}, [&](const ScannedRow& row) -> std::optional<std::string> {
          if (groupBy == GroupBy::Court) return std::string(row.court);
          if (groupBy == GroupBy::Region) return std::string(row.region);
          return row.monthStart().monthKey();
        });
    expectSameSummary(byRow, reference.result(), "summaryByRow round " + std::to_string(round));
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(ResultsEngine, ScanVisitsTheFilteredResponsesWithTheirCodes) {
  RandomResponses random(5150);
  Fixture data;
  for (int i = 0; i < 800; ++i) data.add(random.next());
  ResultsEngine engine(data.store, 256);
  const std::string item = makeDefinition().items.front().id;
  for (int round = 0; round < 8; ++round) {
    const ResultsFilter filter = randomFilter(random);
    std::vector<std::string> expected;
    for (const auto& r : data.all) {
      if (!passes(r, filter)) continue;
      const surveys::Answer* a = r.findAnswer(item);
      const bool single = a != nullptr && !a->nonAnswer;  // a 5-point item: codes only
      expected.push_back(r.courtCode + "/" + surveys::toString(r.channel) + "/" + r.language + "/" +
                         r.givenOn.monthKey() + "/" + (single ? std::to_string(a->code) : "-"));
    }
    std::vector<std::string> seen;
    engine.scan(makeDefinition().id, registry(), filter, {item}, [&](const ScannedRow& row) {
      seen.push_back(std::string(row.court) + "/" + surveys::toString(row.channel) + "/" + std::string(row.language) +
                     "/" + row.monthStart().monthKey() + "/" +
                     (row.code(0) == ScannedRow::kNoCode ? "-" : std::to_string(row.code(0))));
    });
    EXPECT_EQ(seen, expected) << "round " << round;
  }
}

TEST(ResultsEngine, SummaryOfASurveyWithoutResponsesIsOneSuppressedGroup) {
  surveys::testing::InMemoryResponseStore store;
  ResultsEngine engine(store);
  const SurveySummary summary = engine.summary(makeDefinition(), registry(), {}, {});
  ASSERT_EQ(summary.groups.size(), 1U);
  EXPECT_TRUE(summary.groups[0].suppressed);
  EXPECT_EQ(summary.totalResponses, 0);
  EXPECT_TRUE(engine.summary(makeDefinition(), registry(), {}, {GroupBy::Court, 0}).groups.empty());
}

TEST(ResultsEngine, AnEditedDraftIsNotSummarisedWithTheCellsOfItsOldShape) {
  Fixture data;
  RandomResponses random(5);
  for (int i = 0; i < 400; ++i) data.add(random.next());
  ResultsEngine engine(data.store);
  SurveyDefinition draft = makeDefinition();
  const SurveySummary first = engine.summary(draft, registry(), {}, {});
  // The draft moves access_find from the access to the fairness dimension: indices change.
  draft.items[0].dimension = "fairness";
  Summarizer reference(draft, {});
  for (const auto& r : data.all) reference.add(stored(r));
  const SurveySummary edited = engine.summary(draft, registry(), {}, {});
  expectSameSummary(edited, reference.result(), "edited draft");
  EXPECT_NE(indexOf(first.groups[0], "fairness_index").n, indexOf(edited.groups[0], "fairness_index").n);
}

TEST(ResultsEngine, RefusesANegativeMinimumAsTheReferenceDoes) {
  surveys::testing::InMemoryResponseStore store;
  ResultsEngine engine(store);
  EXPECT_THROW(engine.summary(makeDefinition(), registry(), {}, {GroupBy::None, -1}), std::invalid_argument);
  EXPECT_THROW(engine.trend({}, registry(), {}, {}), std::invalid_argument);
}

}  // namespace
}  // namespace courtvoice::analytics
