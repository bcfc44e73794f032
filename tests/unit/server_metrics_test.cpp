// The /metrics page (metrics.hpp): the Prometheus text format, counted as requests end. Expected
// lines are written out by hand from the recorded requests.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>

#include "courtvoice/server/metrics.hpp"

namespace courtvoice::server {
namespace {

bool hasLine(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    if (l == line) return true;
  }
  return false;
}

TEST(RequestMetrics, CountsByRouteMethodAndStatusWithACumulativeHistogram) {
  RequestMetrics metrics;
  metrics.record("GET", "/api/v1/courts", 200, 0.003, "");
  metrics.record("GET", "/api/v1/courts", 200, 0.020, "");
  metrics.record("GET", "/api/v1/courts", 200, 12.0, "");
  metrics.record("GET", "", 404, 0.001, "not_found");
  std::string text;
  metrics.write(text);
  EXPECT_TRUE(hasLine(text, R"(courtvoice_http_requests_total{route="/api/v1/courts",method="GET",status="200"} 3)")) << text;
  EXPECT_TRUE(hasLine(text, R"(courtvoice_http_requests_total{route="none",method="GET",status="404"} 1)"));
  // 0.003 falls in le=0.005; 0.020 in le=0.025; 12 s only in +Inf.
  EXPECT_TRUE(hasLine(text, R"(courtvoice_http_request_duration_seconds_bucket{route="/api/v1/courts",method="GET",le="0.005"} 1)"));
  EXPECT_TRUE(hasLine(text, R"(courtvoice_http_request_duration_seconds_bucket{route="/api/v1/courts",method="GET",le="0.01"} 1)"));
  EXPECT_TRUE(hasLine(text, R"(courtvoice_http_request_duration_seconds_bucket{route="/api/v1/courts",method="GET",le="0.025"} 2)"));
  EXPECT_TRUE(hasLine(text, R"(courtvoice_http_request_duration_seconds_bucket{route="/api/v1/courts",method="GET",le="10"} 2)"));
  EXPECT_TRUE(hasLine(text, R"(courtvoice_http_request_duration_seconds_bucket{route="/api/v1/courts",method="GET",le="+Inf"} 3)"));
  EXPECT_TRUE(hasLine(text, R"(courtvoice_http_request_duration_seconds_sum{route="/api/v1/courts",method="GET"} 12.023)"));
  EXPECT_TRUE(hasLine(text, R"(courtvoice_http_request_duration_seconds_count{route="/api/v1/courts",method="GET"} 3)"));
  EXPECT_TRUE(hasLine(text, R"(courtvoice_http_errors_total{code="not_found"} 1)"));
  EXPECT_TRUE(hasLine(text, "# TYPE courtvoice_http_request_duration_seconds histogram"));
}

TEST(RequestMetrics, AnyOtherMethodIsOneSeriesSoClientsCannotGrowThePage) {
  RequestMetrics metrics;
  for (int i = 0; i < 100; ++i) metrics.record("X-METHOD-" + std::to_string(i), "", 404, 0.001, "not_found");
  std::string text;
  metrics.write(text);
  EXPECT_TRUE(hasLine(text, R"(courtvoice_http_requests_total{route="none",method="OTHER",status="404"} 100)")) << text;
  EXPECT_EQ(text.find("X-METHOD"), std::string::npos);
}

TEST(RequestMetrics, SubmissionsByOutcome) {
  RequestMetrics metrics;
  const std::string submit = "/api/v1/surveys/{id}/responses";
  metrics.record("POST", submit, 201, 0.01, "");
  metrics.record("POST", submit, 201, 0.01, "");
  metrics.record("POST", submit, 200, 0.01, "");
  metrics.record("POST", submit, 400, 0.01, "invalid_answer");
  metrics.record("POST", submit, 429, 0.01, "rate_limited");
  metrics.record("POST", "/api/v1/surveys/{id}/invitation-check", 200, 0.01, "");  // not a submission
  std::string text;
  metrics.write(text);
  EXPECT_TRUE(hasLine(text, R"(courtvoice_submissions_total{outcome="stored"} 2)")) << text;
  EXPECT_TRUE(hasLine(text, R"(courtvoice_submissions_total{outcome="duplicate"} 1)"));
  EXPECT_TRUE(hasLine(text, R"(courtvoice_submissions_total{outcome="invalid_answer"} 1)"));
  EXPECT_TRUE(hasLine(text, R"(courtvoice_submissions_total{outcome="rate_limited"} 1)"));
  EXPECT_EQ(text.find("invitation-check\",method=\"POST\",status=\"200\"} 1\ncourtvoice_submissions"), std::string::npos);
}

TEST(RequestMetrics, TheGuardsOwnRepliesAreCountedByStatusAndCodeAndAsErrors) {
  RequestMetrics metrics;
  metrics.recordGuardReply(503, "too_many_connections");
  metrics.recordGuardReply(503, "too_many_connections");
  metrics.recordGuardReply(408, "request_timeout");
  std::string text;
  metrics.write(text);
  EXPECT_TRUE(hasLine(text, R"(courtvoice_http_guard_replies_total{status="503",code="too_many_connections"} 2)")) << text;
  EXPECT_TRUE(hasLine(text, R"(courtvoice_http_guard_replies_total{status="408",code="request_timeout"} 1)"));
  EXPECT_TRUE(hasLine(text, R"(courtvoice_http_errors_total{code="too_many_connections"} 2)"));
  EXPECT_EQ(text.find("courtvoice_http_requests_total{"), std::string::npos) << "no route ran";
}

TEST(MetricsText, EveryFamilyIsWellFormedAndTheLagIsTheEnginesDistance) {
  RequestMetrics requests;
  requests.record("GET", "/healthz", 200, 0.001, "");
  MetricsSources sources;
  sources.requests = &requests;
  sources.commits = [] {
    MetricsSources::Commits commits{10, 250, 64, 1, 3, Histogram({0.001, 0.01}), Histogram({1, 10})};
    for (const double seconds : {0.0005, 0.004, 0.004, 0.2}) commits.waits.observe(seconds);
    return commits;
  };
  sources.pool = [] { return MetricsSources::Pool{5, 2, 8}; };
  sources.engine = [] { return MetricsSources::Engine{1000, 1200, 4096, 2048}; };
  sources.latestSequence = [] { return std::int64_t{1234}; };
  const std::string text = metricsText(sources);
  EXPECT_TRUE(hasLine(text, "courtvoice_commit_batches_total 10")) << text;
  EXPECT_TRUE(hasLine(text, "courtvoice_commit_responses_total 250"));
  EXPECT_TRUE(hasLine(text, "courtvoice_commit_largest_batch 64"));
  EXPECT_TRUE(hasLine(text, "courtvoice_commit_queue_length 3"));
  // Cumulative buckets: 1 wait within 1 ms, 3 within 10 ms, all 4 within +Inf.
  EXPECT_TRUE(hasLine(text, R"(courtvoice_commit_wait_seconds_bucket{le="0.001"} 1)"));
  EXPECT_TRUE(hasLine(text, R"(courtvoice_commit_wait_seconds_bucket{le="0.01"} 3)"));
  EXPECT_TRUE(hasLine(text, R"(courtvoice_commit_wait_seconds_bucket{le="+Inf"} 4)"));
  EXPECT_TRUE(hasLine(text, "courtvoice_commit_wait_seconds_sum 0.2085"));
  EXPECT_TRUE(hasLine(text, "courtvoice_commit_wait_seconds_count 4"));
  EXPECT_TRUE(hasLine(text, "courtvoice_commit_batch_size_count 0"));
  EXPECT_TRUE(hasLine(text, R"(courtvoice_db_connections{state="open"} 5)"));
  EXPECT_TRUE(hasLine(text, R"(courtvoice_db_connections{state="max"} 8)"));
  EXPECT_TRUE(hasLine(text, "courtvoice_results_engine_responses 1000"));
  EXPECT_TRUE(hasLine(text, R"(courtvoice_results_engine_bytes{part="cells"} 2048)"));
  EXPECT_TRUE(hasLine(text, "courtvoice_results_engine_lag 34"));
  EXPECT_NE(text.find("\nprocess_resident_memory_bytes "), std::string::npos);
  EXPECT_NE(text.find("\ncourtvoice_uptime_seconds "), std::string::npos);
  // The exposition format: comments, or a name, optional labels and a number.
  const std::regex sample(R"re(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? -?[0-9.e+-]+$)re");
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0) continue;
    EXPECT_TRUE(std::regex_match(line, sample)) << line;
  }
}

TEST(MetricsText, WithTheDatabaseDownTheLagIsLeftOut) {
  MetricsSources sources;
  sources.engine = [] { return MetricsSources::Engine{1, 1, 0, 0}; };
  sources.latestSequence = []() -> std::int64_t { throw std::runtime_error("database down"); };
  const std::string text = metricsText(sources);
  EXPECT_NE(text.find("courtvoice_results_engine_responses 1"), std::string::npos);
  EXPECT_EQ(text.find("courtvoice_results_engine_lag"), std::string::npos);
}

TEST(MetricLabel, EscapesBackslashQuoteAndNewline) {
  EXPECT_EQ(metricLabel("a\\b\"c\nd"), "a\\\\b\\\"c\\nd");
}

}  // namespace
}  // namespace courtvoice::server
