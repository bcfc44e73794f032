// "Understanding why" at scale, in process: Cronbach's alpha (every index and dimension), the
// drivers of an outcome (Pearson, Spearman, quadrants) and crossed tables, each one scan of the
// results engine's columns. Prints figures; asserts nothing.
//
//   bench_why_bench [responses=500000] [courts=400]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "bench_survey.hpp"
#include "courtvoice/analytics/crossed.hpp"
#include "courtvoice/analytics/drivers.hpp"
#include "courtvoice/analytics/reliability.hpp"
#include "courtvoice/analytics/results_engine.hpp"

namespace {

namespace surveys = courtvoice::surveys;
namespace analytics = courtvoice::analytics;
using Clock = std::chrono::steady_clock;

// As bench/engine_bench.cpp: response `seq` is a seeded function of its number.
class GeneratedFeed final : public surveys::ResponseFeed {
 public:
  GeneratedFeed(const surveys::SurveyDefinition& def, std::int64_t total, int courts)
      : def_(def), total_(total), courts_(courts) {}
  std::int64_t latestSequence() override { return total_; }
  std::vector<surveys::SequencedResponse> readAfter(std::int64_t after, std::size_t limit) override {
    std::vector<surveys::SequencedResponse> out;
    for (std::int64_t s = after + 1; s <= total_ && out.size() < limit; ++s) {
      std::mt19937 rng(static_cast<unsigned>(s * 2654435761U));
      auto roll = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
      surveys::Response r;
      r.submissionId = "w" + std::to_string(s);
      r.surveyId = def_.id;
      r.version = def_.version;
      const int court = roll(0, courts_ - 1);
      r.courtCode = "CT-" + std::to_string(1000 + court);
      r.language = "ru";
      r.givenOn = surveys::Date{2023 + roll(0, 2), roll(1, 12), roll(1, 28)};
      courtvoice::bench::addAnswers(def_, court, roll, r);
      out.push_back({s, std::move(r)});
    }
    return out;
  }

 private:
  const surveys::SurveyDefinition& def_;
  std::int64_t total_;
  int courts_;
};

double medianMs(const std::function<void()>& run) {
  std::vector<double> times;
  for (int i = 0; i < 7; ++i) {
    const auto start = Clock::now();
    run();
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const std::int64_t total = argc > 1 ? std::atoll(argv[1]) : 500000;
  const int courts = argc > 2 ? std::atoi(argv[2]) : 400;
  const surveys::SurveyDefinition def = courtvoice::bench::definition();
  std::vector<surveys::Court> registry;
  for (int c = 0; c < courts; ++c) {
    registry.push_back({"CT-" + std::to_string(1000 + c), {{"en", "c"}}, "region_" + std::to_string(c % 20),
                        c % 10 == 0 ? "regional" : "district", true});
  }
  GeneratedFeed feed(def, total, courts);
  analytics::ResultsEngine engine(feed);
  const auto start = Clock::now();
  engine.catchUp();
  std::printf("why bench: %lld responses, %d courts, %zu items; loaded in %.0f ms\n", static_cast<long long>(total),
              courts, def.items.size(), std::chrono::duration<double, std::milli>(Clock::now() - start).count());

  const int min = def.effectiveMinGroupSize();
  const auto region = *analytics::parseCrossKey("region");
  const auto appeared = *analytics::parseCrossKey("item:appeared");
  const auto court = *analytics::parseCrossKey("court");
  const auto quarter = *analytics::parseCrossKey("quarter");
  const struct {
    const char* name;
    std::function<void()> run;
  } queries[] = {
      {"alpha: 3 indices + 3 dimensions", [&] { analytics::reliability(engine, def, registry, {}, min); }},
      {"drivers of recommend (17 items)", [&] { analytics::drivers(engine, def, registry, {}, "recommend", min); }},
      {"drivers + alpha (one dashboard view)", [&] {
         analytics::drivers(engine, def, registry, {}, "recommend", min);
         analytics::reliability(engine, def, registry, {}, min);
       }},
      {"crossed region x item:appeared", [&] { analytics::crossed(engine, def, registry, {}, {}, region, appeared); }},
      {"crossed court x quarter (4800 cells)", [&] { analytics::crossed(engine, def, registry, {}, {}, court, quarter); }},
      // What the crossed tables are made of: the engine's summaries by any key, and a bare scan.
      {"reference: summaryByRow, one key", [&] {
         engine.summaryByRow(def, registry, {}, {}, {}, [](const analytics::ScannedRow&) { return std::string("all"); });
       }},
      {"reference: summaryByRow by court", [&] {
         engine.summaryByRow(def, registry, {}, {}, {}, [](const analytics::ScannedRow& row) { return std::string(row.court); });
       }},
      {"reference: scan, 2 items", [&] {
         std::int64_t n = 0;
         engine.scan(def.id, registry, {}, {"access_0", "recommend"}, [&](const analytics::ScannedRow& row) { n += row.code(0); });
       }},
  };
  std::printf("%-40s %10s\n", "query (median of 7)", "ms");
  for (const auto& q : queries) std::printf("%-40s %10.1f\n", q.name, medianMs(q.run));
  return 0;
}
