// The results engine in process, without HTTP or MySQL: load rate, memory of the columns and
// the cells, and query times at two sizes (cost should follow the result's size, not the
// data's), next to the reference Summarizer reading every response (what a report cost before
// the engine, without even the MySQL read). Prints figures; asserts nothing.
//
//   bench_engine_bench [small=100000] [large=1000000] [courts=400]
//
// Responses are generated on demand by a feed (a seeded function of the sequence number), so
// the bench holds only what the engine holds: the 25 items of bench_survey.hpp, 3 years of days.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "bench_survey.hpp"
#include "courtvoice/analytics/league.hpp"
#include "courtvoice/analytics/results_engine.hpp"
#include "courtvoice/analytics/summary.hpp"
#include "courtvoice/analytics/trend.hpp"

namespace {

namespace surveys = courtvoice::surveys;
namespace analytics = courtvoice::analytics;
using Clock = std::chrono::steady_clock;

/// Response number `seq` (1, 2, ...), the same every time it is asked for.
surveys::Response responseNumber(const surveys::SurveyDefinition& def, std::int64_t seq, int courts) {
  std::mt19937 rng(static_cast<unsigned>(seq * 2654435761U));
  auto roll = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  surveys::Response r;
  r.submissionId = "b" + std::to_string(seq);
  r.surveyId = def.id;
  r.version = def.version;
  const int court = roll(0, courts - 1);
  r.courtCode = "CT-" + std::to_string(1000 + court);
  r.language = "ru";
  r.givenOn = surveys::Date{2023 + roll(0, 2), roll(1, 12), roll(1, 28)};
  courtvoice::bench::addAnswers(def, court, roll, r);
  return r;
}

class GeneratedFeed final : public surveys::ResponseFeed {
 public:
  GeneratedFeed(const surveys::SurveyDefinition& def, std::int64_t total, int courts)
      : def_(def), total_(total), courts_(courts) {}
  std::int64_t latestSequence() override { return total_; }
  std::vector<surveys::SequencedResponse> readAfter(std::int64_t after, std::size_t limit) override {
    std::vector<surveys::SequencedResponse> out;
    for (std::int64_t s = after + 1; s <= total_ && out.size() < limit; ++s) out.push_back({s, responseNumber(def_, s, courts_)});
    return out;
  }

 private:
  const surveys::SurveyDefinition& def_;
  std::int64_t total_;
  int courts_;
};

double residentMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  }
  return 0;
}

double msSince(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

/// Median of 7 runs, in ms.
double medianMs(const std::function<void()>& run) {
  std::vector<double> times;
  for (int i = 0; i < 7; ++i) {
    const auto start = Clock::now();
    run();
    times.push_back(msSince(start));
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

struct Query {
  std::string name;
  std::function<void(analytics::ResultsEngine&)> run;
};

struct SizeResult {
  double loadMs = 0;
  double columnsMiB = 0;
  double cellsMiB = 0;
  double rssMiB = 0;
  std::vector<double> queryMs;
  double referenceMs = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const std::int64_t small = argc > 1 ? std::atoll(argv[1]) : 100000;
  const std::int64_t large = argc > 2 ? std::atoll(argv[2]) : 1000000;
  const int courts = argc > 3 ? std::atoi(argv[3]) : 400;
  const surveys::SurveyDefinition def = courtvoice::bench::definition();
  // The same survey as the judges' is reported (never by court): groups need two courts.
  surveys::SurveyDefinition notByCourt = def;
  notByCourt.reportByCourt = false;
  std::vector<surveys::Court> registry;
  for (int c = 0; c < courts; ++c) {
    registry.push_back({"CT-" + std::to_string(1000 + c), {{"en", "c"}}, "region_" + std::to_string(c % 20),
                        c % 10 == 0 ? "regional" : "district", true});
  }
  std::vector<std::string> courtCodes;
  for (const auto& court : registry) courtCodes.push_back(court.code);
  analytics::ResultsFilter year2024;
  year2024.from = surveys::Date{2024, 1, 1};
  year2024.to = surveys::Date{2024, 12, 31};
  analytics::ResultsFilter cutMonths = year2024;  // mid-month edges: two months read row by row
  cutMonths.from = surveys::Date{2024, 1, 15};
  cutMonths.to = surveys::Date{2024, 12, 15};
  const std::vector<Query> queries = {
      {"summary by court", [&](auto& e) { e.summary(def, registry, {}, {analytics::GroupBy::Court, 0}); }},
      {"summary by month", [&](auto& e) { e.summary(def, registry, {}, {analytics::GroupBy::Month, 0}); }},
      {"summary by level", [&](auto& e) { e.summary(def, registry, {}, {analytics::GroupBy::Level, 0}); }},
      {"summary by region", [&](auto& e) { e.summary(def, registry, {}, {analytics::GroupBy::Region, 0}); }},
      {"by region, not by court", [&](auto& e) { e.summary(notByCourt, registry, {}, {analytics::GroupBy::Region, 0}); }},
      {"summary by region, 2024", [&](auto& e) { e.summary(def, registry, year2024, {analytics::GroupBy::Region, 0}); }},
      {"summary by region, 15 Jan-15 Dec", [&](auto& e) { e.summary(def, registry, cutMonths, {analytics::GroupBy::Region, 0}); }},
      {"trend by quarter", [&](auto& e) { e.trend({def}, registry, {}, {analytics::Period::Quarter, 0}); }},
      // Every month compared with the previous one, the baseline and a year before (Holm on each).
      {"trend by month, running month", [&](auto& e) {
         analytics::TrendContext context;
         context.today = surveys::Date{2026, 6, 15};
         e.trend({def}, registry, {}, {analytics::Period::Month, 0}, context);
       }},
      // What GET .../league asks the engine: courts of three quarters and the nation, then the table.
      {"league table, 2024-Q3", [&](auto& e) {
         const auto periods = *analytics::quarterPeriods("2024-Q3");
         const auto span = [](const analytics::DaySpan& s) {
           analytics::ResultsFilter f;
           f.from = s.from;
           f.to = s.to;
           return f;
         };
         const analytics::SummaryOptions byCourt{analytics::GroupBy::Court, 0};
         const auto now = e.summary(def, registry, span(periods.current), byCourt);
         const auto before = e.summary(def, registry, span(periods.previous), byCourt);
         const auto lastYear = e.summary(def, registry, span(periods.yearAgo), byCourt);
         const auto nation = e.summary(def, registry, span(periods.current), {});
         analytics::buildLeague(courtCodes, now, before, lastYear, nation, "");
       }},
  };

  std::printf("results engine bench: %zu items, %d courts, 3 years; sizes %lld and %lld responses\n",
              def.items.size(), courts, static_cast<long long>(small), static_cast<long long>(large));
  std::vector<SizeResult> results;
  for (std::int64_t total : {small, large}) {
    SizeResult r;
    const double rssBefore = residentMiB();
    GeneratedFeed feed(def, total, courts);
    analytics::ResultsEngine engine(feed);
    auto start = Clock::now();
    engine.catchUp();
    for (const Query& q : queries) q.run(engine);  // builds the cells, as the server's warm-up does
    r.loadMs = msSince(start);
    const auto stats = engine.stats();
    r.columnsMiB = static_cast<double>(stats.answerBytes) / (1024.0 * 1024.0);
    r.cellsMiB = static_cast<double>(stats.cellBytes) / (1024.0 * 1024.0);
    r.rssMiB = residentMiB() - rssBefore;
    for (const Query& q : queries) r.queryMs.push_back(medianMs([&] { q.run(engine); }));
    // The reference: every response read and summarised (by court), as each report did before.
    start = Clock::now();
    analytics::Summarizer reference(def, {analytics::GroupBy::Court, 0});
    for (std::int64_t s = 1; s <= total; ++s) {
      const surveys::Response response = responseNumber(def, s, courts);
      reference.add({response, registry[0].region, registry[0].level});
    }
    reference.result();
    r.referenceMs = msSince(start);
    std::printf("%lld responses: load + cells %.0f ms (%.0f responses/s); columns %.1f MiB, cells %.1f MiB (%lld cells), "
                "resident +%.0f MiB\n",
                static_cast<long long>(total), r.loadMs, static_cast<double>(total) / (r.loadMs / 1000.0), r.columnsMiB,
                r.cellsMiB, static_cast<long long>(stats.cells), r.rssMiB);
    results.push_back(std::move(r));
  }
  std::printf("\n%-34s %12s %12s %10s\n", "query", "small ms", "large ms", "large/small");
  for (std::size_t q = 0; q < queries.size(); ++q) {
    std::printf("%-34s %12.2f %12.2f %10.2f\n", queries[q].name.c_str(), results[0].queryMs[q], results[1].queryMs[q],
                results[1].queryMs[q] / results[0].queryMs[q]);
  }
  std::printf("%-34s %12.0f %12.0f %10.2f\n", "reference: read all, by court", results[0].referenceMs,
              results[1].referenceMs, results[1].referenceMs / results[0].referenceMs);
  std::printf("reference / engine (summary by court), large: %.0fx\n", results[1].referenceMs / results[1].queryMs[0]);
  std::printf("columns per response: %.1f bytes; memory for %lld responses: columns %.1f MiB + cells %.1f MiB\n",
              results[1].columnsMiB * 1024 * 1024 / static_cast<double>(large), static_cast<long long>(large),
              results[1].columnsMiB, results[1].cellsMiB);
  return 0;
}
