#pragma once
// What GET /metrics shows, in the Prometheus text exposition format 0.0.4 (written here: Debian
// has no prometheus-cpp). Requests are counted by the dispatcher as they end; everything else is
// read from its owner when the page is asked for.
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>

#include "courtvoice/server/histogram.hpp"
#include "courtvoice/server/router.hpp"

namespace courtvoice::server {

/// Requests by route template, method and status, their durations, refusals by error code, and
/// public submissions by outcome. Thread-safe.
class RequestMetrics {
 public:
  /// Upper bounds of the duration histogram's buckets, in seconds (then +Inf).
  static constexpr std::array<double, 11> kBuckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  /// One request that ended: route "" when none matched; `errorCode` of a refusal, else "".
  void record(const std::string& method, const std::string& route, int status, double seconds, const std::string& errorCode);

  /// A reply the connection guard gave itself, before any route (guarded_http_connection.hpp):
  /// counted in courtvoice_http_guard_replies_total and, by code, courtvoice_http_errors_total.
  void recordGuardReply(int status, const std::string& errorCode);

  /// The families courtvoice_http_requests_total, courtvoice_http_request_duration_seconds,
  /// courtvoice_http_errors_total and courtvoice_submissions_total, appended to `out`.
  void write(std::string& out) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;  ///< (route, method, status)
  std::map<std::pair<std::string, std::string>, Histogram> durations_;          ///< (route, method)
  std::map<std::string, std::uint64_t> errors_;                                 ///< by code
  std::map<std::string, std::uint64_t> submissions_;                            ///< by outcome
  std::map<std::pair<int, std::string>, std::uint64_t> guardReplies_;           ///< (status, code)
};

/// The rest of the page, each read when asked (none given: that family is left out).
struct MetricsSources {
  RequestMetrics* requests = nullptr;
  struct Commits {
    std::uint64_t batches = 0, responses = 0, largestBatch = 0, fallbacks = 0, queued = 0;
    Histogram waits;       ///< seconds from queueing to the commit, per acknowledged submission
    Histogram batchSizes;  ///< responses per committed transaction
  };
  std::function<Commits()> commits;
  struct Pool {
    std::size_t open = 0, idle = 0, size = 0;
  };
  std::function<Pool()> pool;
  struct Engine {
    std::int64_t responses = 0, sequence = 0, columnBytes = 0, cellBytes = 0;
  };
  std::function<Engine()> engine;
  /// The database's newest response sequence, for the engine's lag; may throw (database down).
  std::function<std::int64_t()> latestSequence;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

/// The whole page.
std::string metricsText(const MetricsSources& sources);

/// GET /metrics (administrators, like the other administrative reads; not audited: a scraper
/// reads it every few seconds): the page as text/plain; version=0.0.4.
class MetricsHandler final : public Handler {
 public:
  explicit MetricsHandler(const MetricsSources& sources) : sources_(sources) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  const MetricsSources& sources_;
};

/// Appends the cumulative `<name>_bucket` samples (then +Inf), `<name>_sum` and `<name>_count`.
void writeHistogram(std::string& out, const std::string& name, const std::string& labels, const Histogram& histogram);

/// A label value escaped as the format asks (backslash, double quote, newline).
std::string metricLabel(const std::string& value);

/// This process's resident memory in bytes (/proc/self/statm), or nullopt where unreadable.
std::optional<std::int64_t> residentBytes();

}  // namespace courtvoice::server
