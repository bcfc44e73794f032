// Throughput of the Summarizer: how fast responses are added, and what merging per-court
// summaries costs compared with summarising everything at once. Prints figures; asserts nothing.
//
//   bench_summary_bench [responses=1000000]
//
// Responses are generated in memory: a pool of 48,000 distinct responses (10 per court and
// month, 200 courts x 24 months, 25 items each) is cycled to reach the requested count, so the
// whole set need not be held (1M responses of 25 answers would take ~3 GB).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "courtvoice/analytics/summary.hpp"

namespace {

using courtvoice::analytics::GroupBy;
using courtvoice::analytics::Summarizer;
using courtvoice::analytics::SummaryOptions;
using courtvoice::analytics::SurveySummary;
namespace surveys = courtvoice::surveys;
using Clock = std::chrono::steady_clock;

constexpr int kCourts = 200;
constexpr int kMonths = 24;
constexpr int kPerCell = 10;

surveys::Item item(const std::string& id, surveys::ItemType type, const std::string& dimension) {
  surveys::Item it;
  it.id = id;
  it.type = type;
  it.dimension = dimension;
  it.allowedNonAnswers = {surveys::NonAnswer::NotApplicable, surveys::NonAnswer::DontKnow};
  it.text = {{"en", id}};
  return it;
}

/// 25 items: 8 access and 5 fairness agreement items (fairness shown to those who appeared),
/// 4 satisfaction items, appeared, 2 scales 0-10, 2 numbers, a multiple choice, 2 texts.
surveys::SurveyDefinition definition() {
  using surveys::ItemType;
  surveys::SurveyDefinition def;
  def.id = "court_user";
  def.version = 1;
  def.languages = {"en"};
  def.title = {{"en", "Bench"}};
  for (int i = 0; i < 8; ++i) def.items.push_back(item("access_" + std::to_string(i), ItemType::Agreement5, "access"));
  surveys::Item appeared = item("appeared", ItemType::SingleChoice, "background");
  appeared.options = {{1, {{"en", "yes"}}}, {2, {{"en", "no"}}}};
  def.items.push_back(appeared);
  for (int i = 0; i < 5; ++i) {
    surveys::Item fair = item("fair_" + std::to_string(i), ItemType::Agreement5, "fairness");
    fair.showIf = surveys::Condition{"appeared", {1}};
    def.items.push_back(fair);
  }
  for (int i = 0; i < 4; ++i) def.items.push_back(item("service_" + std::to_string(i), ItemType::Satisfaction5, "service"));
  def.items.push_back(item("recommend", ItemType::Scale0to10, "overall"));
  def.items.push_back(item("trust", ItemType::Scale0to10, "overall"));
  surveys::Item visits = item("visits", ItemType::Number, "background");
  visits.max = 100;
  def.items.push_back(visits);
  surveys::Item wait = item("wait_minutes", ItemType::Number, "background");
  wait.max = 600;
  def.items.push_back(wait);
  surveys::Item channels = item("channels", ItemType::MultipleChoice, "background");
  channels.options = {{1, {{"en", "a"}}}, {2, {{"en", "b"}}}, {3, {{"en", "c"}}}, {4, {{"en", "d"}}}};
  def.items.push_back(channels);
  def.items.push_back(item("comment", ItemType::Text, "comment"));
  def.items.push_back(item("suggestion", ItemType::Text, "comment"));
  def.indices.push_back({"access_index", {{"en", "Access"}}, {"access"}});
  def.indices.push_back({"fairness_index", {{"en", "Fairness"}}, {"fairness"}});
  def.indices.push_back({"overall_index", {{"en", "Overall"}}, {"access", "fairness", "service"}});
  return def;
}

std::vector<surveys::StoredResponse> pool(const surveys::SurveyDefinition& def) {
  std::mt19937 rng(42);
  auto roll = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::vector<surveys::StoredResponse> out;
  out.reserve(kCourts * kMonths * kPerCell);
  for (int i = 0; i < kCourts * kMonths * kPerCell; ++i) {
    const int court = i % kCourts;
    const int month = (i / kCourts) % kMonths;
    surveys::StoredResponse s;
    s.response.submissionId = "b" + std::to_string(i);
    s.response.surveyId = def.id;
    s.response.version = def.version;
    s.response.courtCode = "CT-" + std::to_string(1000 + court);
    s.response.language = "ru";
    s.response.givenOn = surveys::Date{2023 + month / 12, month % 12 + 1, roll(1, 28)};
    s.region = "region_" + std::to_string(court % 17);
    const int appeared = roll(1, 2);
    const int courtBias = court % 3;  // some courts do better, so groups differ
    for (const surveys::Item& it : def.items) {
      const int r = roll(0, 99);
      if (r < 4) continue;  // skipped (or hidden)
      if (it.showIf && appeared != 1) continue;
      surveys::Answer a;
      a.itemId = it.id;
      if (r < 8 && it.type != surveys::ItemType::Text) {
        a.nonAnswer = surveys::NonAnswer::NotApplicable;
      } else {
        switch (it.type) {
          case surveys::ItemType::Agreement5:
          case surveys::ItemType::Satisfaction5: a.code = std::min(5, roll(1, 5) + (courtBias == 0 ? 1 : 0)); break;
          case surveys::ItemType::Scale0to10: a.code = std::min(10, roll(0, 10) + courtBias); break;
          case surveys::ItemType::SingleChoice: a.code = appeared; break;
          case surveys::ItemType::MultipleChoice: a.codes = {roll(1, 2), roll(3, 4)}; break;
          case surveys::ItemType::Number: a.number = roll(0, static_cast<int>(it.max)); break;
          case surveys::ItemType::Text:
            if (r > 20) continue;
            a.text = "ok";
            break;
        }
      }
      s.response.answers.push_back(std::move(a));
    }
    out.push_back(std::move(s));
  }
  return out;
}

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Largest difference between two summaries' item means (a check that merging gave the same).
double maxMeanDifference(const SurveySummary& a, const SurveySummary& b) {
  if (a.groups.size() != b.groups.size()) return INFINITY;
  double worst = 0;
  for (std::size_t g = 0; g < a.groups.size(); ++g) {
    if (a.groups[g].responses != b.groups[g].responses) return INFINITY;
    for (std::size_t i = 0; i < a.groups[g].items.size(); ++i) {
      const auto& x = a.groups[g].items[i];
      const auto& y = b.groups[g].items[i];
      if (x.n != y.n || x.mean.has_value() != y.mean.has_value()) return INFINITY;
      if (x.mean) worst = std::max(worst, std::abs(*x.mean - *y.mean));
    }
  }
  return worst;
}

}  // namespace

int main(int argc, char** argv) {
  const long total = argc > 1 ? std::atol(argv[1]) : 1000000;
  const surveys::SurveyDefinition def = definition();
  auto start = Clock::now();
  const std::vector<surveys::StoredResponse> responses = pool(def);
  const std::size_t poolSize = responses.size();
  std::printf("generated a pool of %zu distinct responses (%zu items) in %.2f s; adding %ld responses\n",
              poolSize, def.items.size(), secondsSince(start), total);

  // 1. Add throughput, for each grouping.
  double addAllSeconds = 0;
  SurveySummary direct;
  for (GroupBy groupBy : {GroupBy::None, GroupBy::Court, GroupBy::Month}) {
    Summarizer s(def, SummaryOptions{groupBy, 5});
    start = Clock::now();
    for (long i = 0; i < total; ++i) s.add(responses[static_cast<std::size_t>(i) % poolSize]);
    const double addSeconds = secondsSince(start);
    start = Clock::now();
    SurveySummary summary = s.result();
    const double resultSeconds = secondsSince(start);
    std::printf("group by %-7s add: %7.3f s  %10.0f responses/s   result(): %7.2f ms  (%zu groups)\n",
                courtvoice::analytics::toString(groupBy).c_str(), addSeconds,
                static_cast<double>(total) / addSeconds, resultSeconds * 1e3, summary.groups.size());
    if (groupBy == GroupBy::Month) {
      addAllSeconds = addSeconds;
      direct = std::move(summary);
    }
  }

  // 2. Per-court summarisers (grouped by month), merged into the national time series.
  std::vector<Summarizer> perCourt;
  perCourt.reserve(kCourts);
  for (int c = 0; c < kCourts; ++c) perCourt.emplace_back(def, SummaryOptions{GroupBy::Month, 5});
  start = Clock::now();
  for (long i = 0; i < total; ++i) {
    const std::size_t p = static_cast<std::size_t>(i) % poolSize;
    perCourt[p % kCourts].add(responses[p]);  // pool element p belongs to court p % kCourts
  }
  const double perCourtAddSeconds = secondsSince(start);
  start = Clock::now();
  Summarizer national(def, SummaryOptions{GroupBy::Month, 5});
  for (const Summarizer& court : perCourt) national.merge(court);
  const double mergeSeconds = secondsSince(start);
  const SurveySummary merged = national.result();

  std::printf("per-court add (200 summarisers by month): %7.3f s  %10.0f responses/s\n", perCourtAddSeconds,
              static_cast<double>(total) / perCourtAddSeconds);
  std::printf("merge 200 per-court summarisers:          %7.3f ms  (%.1f us per merge)\n", mergeSeconds * 1e3,
              mergeSeconds * 1e6 / kCourts);
  std::printf("summarise all at once (by month):         %7.3f ms\n", addAllSeconds * 1e3);
  std::printf("ratio merge / all-at-once:                %9.5f  (all-at-once / merge: %.1f)\n",
              mergeSeconds / addAllSeconds, addAllSeconds / mergeSeconds);
  std::printf("merged vs direct: largest difference of an item mean %.3g (inf: groups or n differ)\n",
              maxMeanDifference(merged, direct));
  return 0;
}
