#include "courtvoice/server/metrics.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "courtvoice/server/reply_gate.hpp"

namespace courtvoice::server {

namespace {

const std::string kSubmitRoute = "/api/v1/surveys/{id}/responses";

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.15g", value);
  return text;
}

void family(std::string& out, const char* name, const char* type, const char* help) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

void sample(std::string& out, const std::string& name, const std::string& labels, double value) {
  out += name + (labels.empty() ? "" : "{" + labels + "}") + " " + number(value) + "\n";
}

// A family of one sample without labels.
void single(std::string& out, const char* name, const char* type, const char* help, double value) {
  family(out, name, type, help);
  sample(out, name, "", value);
}

// The method as a label: the client chooses it (any token, even on a path with no route), so
// anything but the methods routes use counts as "OTHER" and the series stay bounded.
const std::string& methodLabel(const std::string& method) {
  static const std::string kOther = "OTHER";
  for (const char* known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (method == known) return method;
  }
  return kOther;
}

std::string routeLabels(const std::string& route, const std::string& method) {
  return "route=\"" + metricLabel(route.empty() ? "none" : route) + "\",method=\"" + metricLabel(method) + "\"";
}

}  // namespace

void writeHistogram(std::string& out, const std::string& name, const std::string& labels, const Histogram& histogram) {
  const std::string prefix = labels.empty() ? "" : labels + ",";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < histogram.bounds.size(); ++i) {
    cumulative += histogram.buckets[i];
    sample(out, name + "_bucket", prefix + "le=\"" + number(histogram.bounds[i]) + "\"", static_cast<double>(cumulative));
  }
  sample(out, name + "_bucket", prefix + "le=\"+Inf\"", static_cast<double>(histogram.count));
  sample(out, name + "_sum", labels, histogram.sum);
  sample(out, name + "_count", labels, static_cast<double>(histogram.count));
}

std::string metricLabel(const std::string& value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

void RequestMetrics::record(const std::string& method, const std::string& route, int status, double seconds,
                            const std::string& errorCode) {
  const std::string& label = methodLabel(method);
  std::lock_guard lock(mutex_);
  ++requests_[{route, label, status}];
  auto [entry, added] = durations_.try_emplace({route, label});
  if (added) entry->second = Histogram(std::vector<double>(kBuckets.begin(), kBuckets.end()));
  entry->second.observe(seconds);
  if (!errorCode.empty()) ++errors_[errorCode];
  if (method == "POST" && route == kSubmitRoute) {
    ++submissions_[status == 201 ? "stored" : status == 200 ? "duplicate" : errorCode.empty() ? "refused" : errorCode];
  }
}

void RequestMetrics::recordGuardReply(int status, const std::string& errorCode) {
  std::lock_guard lock(mutex_);
  ++guardReplies_[{status, errorCode}];
  ++errors_[errorCode];
}

void RequestMetrics::write(std::string& out) const {
  std::lock_guard lock(mutex_);
  family(out, "courtvoice_http_requests_total", "counter", "Requests answered, by route template, method and status.");
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    sample(out, "courtvoice_http_requests_total", routeLabels(route, method) + ",status=\"" + std::to_string(status) + "\"",
           static_cast<double>(count));
  }
  family(out, "courtvoice_http_request_duration_seconds", "histogram",
         "Time from routing to the end of the reply, by route template and method.");
  for (const auto& [key, durations] : durations_) {
    writeHistogram(out, "courtvoice_http_request_duration_seconds", routeLabels(key.first, key.second), durations);
  }
  family(out, "courtvoice_http_guard_replies_total", "counter",
         "Replies given before any route: a malformed request head (400), one too slow (408), a client over its connection cap (503).");
  for (const auto& [key, count] : guardReplies_) {
    sample(out, "courtvoice_http_guard_replies_total",
           "status=\"" + std::to_string(key.first) + "\",code=\"" + metricLabel(key.second) + "\"", static_cast<double>(count));
  }
  family(out, "courtvoice_http_errors_total", "counter", "Refusals and failures, by the error code of the reply.");
  for (const auto& [code, count] : errors_) sample(out, "courtvoice_http_errors_total", "code=\"" + metricLabel(code) + "\"", static_cast<double>(count));
  family(out, "courtvoice_submissions_total", "counter",
         "Public submissions: stored, duplicate (a retry), or the refusal's error code.");
  for (const auto& [outcome, count] : submissions_) {
    sample(out, "courtvoice_submissions_total", "outcome=\"" + metricLabel(outcome) + "\"", static_cast<double>(count));
  }
}

std::optional<std::int64_t> residentBytes() {
  std::ifstream statm("/proc/self/statm");
  long long pages = 0;
  long long resident = 0;
  if (!(statm >> pages >> resident)) return std::nullopt;
  return static_cast<std::int64_t>(resident) * static_cast<std::int64_t>(::sysconf(_SC_PAGESIZE));
}

std::string metricsText(const MetricsSources& sources) {
  std::string out;
  if (sources.requests != nullptr) sources.requests->write(out);
  if (sources.commits) {
    const auto c = sources.commits();
    single(out, "courtvoice_commit_batches_total", "counter", "Group-commit transactions of submissions.",
           static_cast<double>(c.batches));
    single(out, "courtvoice_commit_responses_total", "counter",
           "Submissions in those transactions (stored, or found already stored: a retry).", static_cast<double>(c.responses));
    single(out, "courtvoice_commit_largest_batch", "gauge", "The largest batch committed since the start.",
           static_cast<double>(c.largestBatch));
    single(out, "courtvoice_commit_fallbacks_total", "counter", "Batches stored one by one after a refusal inside.",
           static_cast<double>(c.fallbacks));
    single(out, "courtvoice_commit_queue_length", "gauge", "Submissions waiting for a committer.", static_cast<double>(c.queued));
    family(out, "courtvoice_commit_wait_seconds", "histogram",
           "Time from queueing a submission to the commit of its transaction, per acknowledged submission.");
    writeHistogram(out, "courtvoice_commit_wait_seconds", "", c.waits);
    family(out, "courtvoice_commit_batch_size", "histogram", "Responses per group-commit transaction.");
    writeHistogram(out, "courtvoice_commit_batch_size", "", c.batchSizes);
  }
  if (sources.pool) {
    const auto p = sources.pool();
    family(out, "courtvoice_db_connections", "gauge", "Database connections: open (in use and idle), idle, and the pool's size.");
    sample(out, "courtvoice_db_connections", "state=\"open\"", static_cast<double>(p.open));
    sample(out, "courtvoice_db_connections", "state=\"idle\"", static_cast<double>(p.idle));
    sample(out, "courtvoice_db_connections", "state=\"max\"", static_cast<double>(p.size));
  }
  if (sources.engine) {
    const auto e = sources.engine();
    single(out, "courtvoice_results_engine_responses", "gauge", "Responses the results engine holds.",
           static_cast<double>(e.responses));
    family(out, "courtvoice_results_engine_bytes", "gauge", "Memory of the results engine: answer columns and pre-aggregated cells.");
    sample(out, "courtvoice_results_engine_bytes", "part=\"columns\"", static_cast<double>(e.columnBytes));
    sample(out, "courtvoice_results_engine_bytes", "part=\"cells\"", static_cast<double>(e.cellBytes));
    if (sources.latestSequence) {
      try {
        const std::int64_t latest = sources.latestSequence();
        single(out, "courtvoice_results_engine_lag", "gauge",
               "Responses committed to the database that the results engine has not read yet (it reads them at the next query).",
               static_cast<double>(latest > e.sequence ? latest - e.sequence : 0));
      } catch (const std::exception&) {
        // The database is down: no lag to state; courtvoice_http_errors_total tells the rest.
      }
    }
  }
  if (const auto rss = residentBytes()) {
    single(out, "process_resident_memory_bytes", "gauge", "Resident memory of the server process.",
           static_cast<double>(*rss));
  }
  const std::chrono::duration<double> up = std::chrono::steady_clock::now() - sources.started;
  single(out, "courtvoice_uptime_seconds", "gauge", "Seconds since the server started.", up.count());
  return out;
}

void MetricsHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response, const PathParams&) {
  const std::string text = metricsText(sources_);
  passReplyGate(200);
  response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
  response.setContentType("text/plain; version=0.0.4; charset=utf-8");
  response.set("Cache-Control", "no-store");
  response.sendBuffer(text.data(), text.size());
}

}  // namespace courtvoice::server
