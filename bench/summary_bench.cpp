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

#include "bench_survey.hpp"
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
    courtvoice::bench::addAnswers(def, court, roll, s.response);
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
  const surveys::SurveyDefinition def = courtvoice::bench::definition();
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
