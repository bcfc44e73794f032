// Merging partial summarisers gives what one summariser over all responses gives; summarize()
// reads the responses from a store.
#include <gtest/gtest.h>

#include <random>
#include <stdexcept>

#include "../support/in_memory_stores.hpp"
#include "analytics_fixtures.hpp"
#include "courtvoice/analytics/summary.hpp"

namespace courtvoice::analytics {
namespace {

using namespace testdata;

/// Deterministic varied responses over 4 courts in 2 regions and 5 months, with non-answers,
/// skips, hidden items and every item type.
std::vector<StoredResponse> generated(int count) {
  std::mt19937 rng(20250301);
  auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const std::vector<std::string> courts = {"C1", "C2", "C3", "C4"};
  std::vector<StoredResponse> out;
  for (int i = 0; i < count; ++i) {
    std::vector<Answer> answers;
    const int roll = pick(0, 9);
    if (roll == 0) {
      answers.push_back(non("access_find", NonAnswer::NotApplicable));
    } else if (roll > 1) {
      answers.push_back(code("access_find", pick(1, 5)));
    }
    answers.push_back(roll == 2 ? non("access_staff", NonAnswer::NoOpinion) : code("access_staff", pick(1, 5)));
    answers.push_back(code("access_rating", pick(0, 10)));
    const int appeared = pick(1, 2);
    answers.push_back(code("appeared", appeared));
    if (appeared == 1 && roll != 3) {
      answers.push_back(roll == 4 ? non("fair_listened", NonAnswer::DontKnow) : code("fair_listened", pick(1, 5)));
    }
    answers.push_back(code("recommend", pick(0, 10)));
    if (roll != 5) answers.push_back(number("visits", pick(0, 40) / 4.0));
    answers.push_back(choices("channels", pick(0, 1) ? std::vector<int>{1, 3} : std::vector<int>{2}));
    if (roll == 6) answers.push_back(text("comment", "queue"));
    const std::string& court = courts[static_cast<std::size_t>(pick(0, 3))];
    out.push_back(respond(answers, court, court < "C3" ? "north" : "south",
                          surveys::Date{2025, pick(1, 5), pick(1, 28)}));
  }
  return out;
}

void expectNear(const std::optional<double>& a, const std::optional<double>& b, const std::string& what) {
  ASSERT_EQ(a.has_value(), b.has_value()) << what;
  if (a) {
    EXPECT_NEAR(*a, *b, 1e-9) << what;
  }
}

void expectSameSummary(const SurveySummary& a, const SurveySummary& b) {
  EXPECT_EQ(a.surveyId, b.surveyId);
  EXPECT_EQ(a.totalResponses, b.totalResponses);
  ASSERT_EQ(a.groups.size(), b.groups.size());
  for (std::size_t g = 0; g < a.groups.size(); ++g) {
    const GroupSummary& ga = a.groups[g];
    const GroupSummary& gb = b.groups[g];
    EXPECT_EQ(ga.key, gb.key);
    EXPECT_EQ(ga.responses, gb.responses) << ga.key;
    EXPECT_EQ(ga.suppressed, gb.suppressed) << ga.key;
    ASSERT_EQ(ga.items.size(), gb.items.size());
    for (std::size_t i = 0; i < ga.items.size(); ++i) {
      const ItemSummary& x = ga.items[i];
      const ItemSummary& y = gb.items[i];
      const std::string what = ga.key + "/" + x.itemId;
      EXPECT_EQ(x.itemId, y.itemId);
      EXPECT_EQ(x.n, y.n) << what;
      EXPECT_EQ(x.suppressed, y.suppressed) << what;
      EXPECT_EQ(x.counts, y.counts) << what;
      EXPECT_EQ(x.nonAnswers, y.nonAnswers) << what;
      expectNear(x.mean, y.mean, what + " mean");
      expectNear(x.sd, y.sd, what + " sd");
      expectNear(x.median, y.median, what + " median");
      expectNear(x.favourable, y.favourable, what + " favourable");
      expectNear(x.nps, y.nps, what + " nps");
      ASSERT_EQ(x.favourableCi.has_value(), y.favourableCi.has_value()) << what;
      if (x.favourableCi) {
        EXPECT_NEAR(x.favourableCi->low, y.favourableCi->low, 1e-12) << what;
        EXPECT_NEAR(x.favourableCi->high, y.favourableCi->high, 1e-12) << what;
      }
    }
    ASSERT_EQ(ga.indices.size(), gb.indices.size());
    for (std::size_t x = 0; x < ga.indices.size(); ++x) {
      EXPECT_EQ(ga.indices[x].indexId, gb.indices[x].indexId);
      EXPECT_EQ(ga.indices[x].n, gb.indices[x].n);
      EXPECT_EQ(ga.indices[x].suppressed, gb.indices[x].suppressed);
      expectNear(ga.indices[x].value, gb.indices[x].value, ga.key + "/" + ga.indices[x].indexId);
    }
  }
}

SurveySummary summarizeAll(const std::vector<StoredResponse>& rs, SummaryOptions options) {
  Summarizer all(makeDefinition(), options);
  for (const auto& r : rs) all.add(r);
  return all.result();
}

TEST(SummaryMerge, PartsMergedEqualOneSummarizerOverAll) {
  const std::vector<StoredResponse> rs = generated(600);
  for (GroupBy groupBy : {GroupBy::None, GroupBy::Court, GroupBy::Region, GroupBy::Month, GroupBy::Quarter}) {
    SCOPED_TRACE(toString(groupBy));
    const SummaryOptions options{groupBy, 5};
    // Three uneven parts (every third, the rest split), plus an empty one.
    std::vector<Summarizer> parts;
    for (int p = 0; p < 4; ++p) parts.emplace_back(makeDefinition(), options);
    for (std::size_t i = 0; i < rs.size(); ++i) parts[i % 3 == 0 ? 0 : (i < 400 ? 1 : 2)].add(rs[i]);
    Summarizer merged(makeDefinition(), options);
    for (const Summarizer& part : parts) merged.merge(part);
    const SurveySummary expected = summarizeAll(rs, options);
    ASSERT_GT(expected.groups.size(), 0u);
    expectSameSummary(merged.result(), expected);
  }
}

TEST(SummaryMerge, CourtsRollUpToRegions) {
  // One summariser per court (grouped by region), merged: the same as summarising at once.
  const std::vector<StoredResponse> rs = generated(400);
  const SummaryOptions options{GroupBy::Region, 5};
  std::map<std::string, Summarizer> perCourt;
  for (const auto& r : rs) {
    perCourt.try_emplace(r.response.courtCode, makeDefinition(), options).first->second.add(r);
  }
  ASSERT_EQ(perCourt.size(), 4u);
  Summarizer merged(makeDefinition(), options);
  for (const auto& [court, summarizer] : perCourt) merged.merge(summarizer);
  expectSameSummary(merged.result(), summarizeAll(rs, options));
}

TEST(SummaryMerge, AddingAfterMergeStillMatches) {
  // Number items keep an open Boost segment; merging closes it. Adding afterwards must go on.
  const std::vector<StoredResponse> rs = generated(300);
  const SummaryOptions options{GroupBy::Court, 5};
  Summarizer a(makeDefinition(), options);
  Summarizer b(makeDefinition(), options);
  for (std::size_t i = 0; i < 100; ++i) a.add(rs[i]);
  for (std::size_t i = 100; i < 200; ++i) b.add(rs[i]);
  a.merge(b);
  for (std::size_t i = 200; i < rs.size(); ++i) a.add(rs[i]);
  expectSameSummary(a.result(), summarizeAll(rs, options));
}

TEST(SummaryMerge, MergingWithItselfDoublesCounts) {
  std::vector<StoredResponse> rs;
  for (int v : {1, 2, 4, 5, 5}) rs.push_back(respond({code("access_find", v), number("visits", v)}));
  Summarizer s(makeDefinition(), SummaryOptions{GroupBy::None, 1});
  for (const auto& r : rs) s.add(r);
  s.merge(s);
  std::vector<StoredResponse> twice = rs;
  twice.insert(twice.end(), rs.begin(), rs.end());
  const SurveySummary result = s.result();
  EXPECT_EQ(result.groups.at(0).responses, 10);
  expectSameSummary(result, summarizeAll(twice, SummaryOptions{GroupBy::None, 1}));
}

TEST(SummaryMerge, RefusesDifferentSurveyOrOptions) {
  Summarizer base(makeDefinition(), SummaryOptions{GroupBy::Court, 5});
  EXPECT_THROW(base.merge(Summarizer(makeDefinition(), SummaryOptions{GroupBy::Region, 5})), std::invalid_argument);
  EXPECT_THROW(base.merge(Summarizer(makeDefinition(), SummaryOptions{GroupBy::Court, 10})), std::invalid_argument);
  SurveyDefinition other = makeDefinition();
  other.id = "staff_survey";
  EXPECT_THROW(base.merge(Summarizer(other, SummaryOptions{GroupBy::Court, 5})), std::invalid_argument);
  SurveyDefinition otherVersion = makeDefinition();
  otherVersion.version = 3;
  EXPECT_THROW(base.merge(Summarizer(otherVersion, SummaryOptions{GroupBy::Court, 5})), std::invalid_argument);
  // The default minimum (0) resolves to the definition's 5, so it matches an explicit 5.
  EXPECT_NO_THROW(base.merge(Summarizer(makeDefinition(), SummaryOptions{GroupBy::Court, 0})));
}

TEST(SummarizeFromStore, ReadsTheQueriedResponses) {
  surveys::testing::InMemoryCourtStore courts;
  courts.upsert({"C1", {{"en", "Court one"}}, "north", "district", true});
  courts.upsert({"C2", {{"en", "Court two"}}, "north", "district", true});
  courts.upsert({"C3", {{"en", "Court three"}}, "south", "district", true});
  surveys::testing::InMemoryResponseStore store(&courts);
  int id = 0;
  auto submit = [&](const std::string& court, int find, surveys::Date day) {
    surveys::Response r = respond({code("access_find", find)}, court, "", day).response;
    r.submissionId = "sub-" + std::to_string(++id);
    store.submit(r);
  };
  // north: C1 3,4,5 and C2 2,2,5 in March; south: C3 1,1 in March; C1 1 in January (filtered out).
  for (int v : {3, 4, 5}) submit("C1", v, {2025, 3, 2});
  for (int v : {2, 2, 5}) submit("C2", v, {2025, 3, 9});
  for (int v : {1, 1}) submit("C3", v, {2025, 3, 20});
  submit("C1", 1, {2025, 1, 5});

  surveys::ResponseQuery query;
  query.surveyId = "court_user";
  query.from = surveys::Date{2025, 3, 1};
  const SurveySummary s = summarize(makeDefinition(), store, query, SummaryOptions{GroupBy::Region, 3});
  ASSERT_EQ(s.groups.size(), 2u);
  EXPECT_EQ(s.groups[0].key, "north");
  EXPECT_EQ(s.groups[0].responses, 6);
  // north access_find: 3,4,5,2,2,5 -> mean 21/6 = 3.5, favourable 3 of 6, median (3+4)/2 (by hand)
  const ItemSummary& find = s.groups[0].items.at(0);
  EXPECT_EQ(find.itemId, "access_find");
  EXPECT_NEAR(*find.mean, 3.5, 1e-12);
  EXPECT_DOUBLE_EQ(*find.favourable, 0.5);
  EXPECT_DOUBLE_EQ(*find.median, 3.5);
  EXPECT_EQ(s.groups[1].key, "south");
  EXPECT_TRUE(s.groups[1].suppressed);  // 2 < 3
  EXPECT_EQ(s.totalResponses, 6);
}

}  // namespace
}  // namespace courtvoice::analytics
