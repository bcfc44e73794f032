#pragma once
// Summaries and trends for the strategy team: filters -> the results engine -> JSON with the texts of the items in the requested language. Knows nothing of HTTP.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <Poco/JSON/Object.h>

#include "courtvoice/analytics/results_engine.hpp"
#include "courtvoice/analytics/summary.hpp"
#include "courtvoice/analytics/trend.hpp"
#include "courtvoice/analytics/weights.hpp"
#include "courtvoice/server/csv.hpp"
#include "courtvoice/server/json_writer.hpp"
#include "courtvoice/surveys/population_store.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

/// The filters every report takes, already split and checked.
struct ReportFilters {
  std::vector<std::string> courts;
  std::vector<std::string> regions;
  std::optional<surveys::Date> from;
  std::optional<surveys::Date> to;
  std::vector<std::string> levels;  ///< court levels ("district", "regional", ...)
  std::vector<int> versions;        ///< survey versions the responses were given to
  std::string lang = "ru";
};

/// GET /api/v1/admin/surveys/{id}/summary.
struct SummaryRequest : ReportFilters {
  analytics::GroupBy groupBy = analytics::GroupBy::None;
  bool weights = false;  ///< query "weights=on": weighted figures beside the unweighted ones
};

/// Query "weights": "on" or "off" (default off); throws DomainError(Invalid, "invalid_weights",
/// field "weights") for another value.
bool parseWeightsParam(const std::optional<std::string>& value);

/// GET /api/v1/admin/surveys/{id}/trend.
struct TrendRequest : ReportFilters {
  analytics::Period period = analytics::Period::Quarter;
  std::optional<std::string> baseline;  ///< query "baseline": a period key of `period`
  std::optional<surveys::Date> today;   ///< the day (UTC) whose period is "running"
};

/// Checks raw query values; throws DomainError(Invalid) naming "from", "to" or "lang".
ReportFilters makeReportFilters(std::vector<std::string> courts, std::vector<std::string> regions,
                                const std::optional<std::string>& from, const std::optional<std::string>& to,
                                const std::optional<std::string>& lang);

/// Adds the court-level and survey-version filters (query "level" and "version", each
/// repeatable); throws DomainError(Invalid, "invalid_version", field "version") for a version
/// that is not a whole number from 1.
void addScopeFilters(ReportFilters& filters, std::vector<std::string> levels, const std::vector<std::string>& versions);

/// Builds a SummaryRequest from raw query values; throws DomainError(Invalid) naming "from",
/// "to", "group" or "lang".
SummaryRequest makeSummaryRequest(std::vector<std::string> courts, std::vector<std::string> regions,
                                  const std::optional<std::string>& from, const std::optional<std::string>& to,
                                  const std::optional<std::string>& group, const std::optional<std::string>& lang);

/// The same for a trend: "period" is month, quarter or year (default quarter).
TrendRequest makeTrendRequest(std::vector<std::string> courts, std::vector<std::string> regions,
                              const std::optional<std::string>& from, const std::optional<std::string>& to,
                              const std::optional<std::string>& period, const std::optional<std::string>& lang);

/// A summary with what renders it: the definition whose texts it uses and the court registry.
/// The weighted figures of a summary asked with weights=on (docs/analytics.md, "Post-stratification weights").
struct SummaryWeights {
  surveys::PopulationSet population;                         ///< the counts used
  bool byCaseType = false;                                    ///< cells are court and case type
  std::map<std::string, analytics::WeightedGroup> groups;    ///< by the summary group's key

  /// The weighted figures of a group (an empty group when none of its respondents was seen).
  const analytics::WeightedGroup& group(const std::string& key) const;
};

/// An item's weighted share in `group`, an index's weighted value; nullptr when not there.
const analytics::WeightedShare* weightedItemOf(const analytics::WeightedGroup& group, const std::string& itemId);
const analytics::WeightedIndex* weightedIndexOf(const analytics::WeightedGroup& group, const std::string& indexId);

/// The columns the summary CSV gets after its own with weights=on (docs/api.md, "Summary CSV").
const std::vector<std::string>& weightedExportColumns();

struct SummaryResult {
  surveys::SurveyDefinition def;
  analytics::SurveySummary summary;
  std::vector<surveys::Court> courts;
  std::optional<SummaryWeights> weights;  ///< with weights=on
  SummaryRequest request;  ///< the request as answered: narrowed to the account's scope (access_scope.hpp)
};

class SummaryService {
 public:
  /// Reports are answered by `engine` (which catches up with MySQL before each answer).
  /// `population` (may be null: weights=on is then refused with no_weights) holds the counts.
  SummaryService(surveys::SurveyStore& surveys, analytics::ResultsEngine& engine, surveys::CourtStore& courts,
                 surveys::PopulationStore* population = nullptr);

  /// The summary as JSON (format in docs/api.md). The definition used is the published version,
  /// else the newest one that was ever published, else the newest. Throws NotFound for an
  /// unknown survey. Every report is narrowed to the asking account's scope or refused with
  /// Forbidden "out_of_scope" (access_scope.hpp).
  std::string summaryJson(const std::string& surveyId, const SummaryRequest& request);
  /// The same summary before rendering (the CSV export renders it too); checks and throws alike.
  SummaryResult summary(const std::string& surveyId, const SummaryRequest& request);

  /// The trend across every version that can have responses (published, closed, archived) as
  /// JSON (format in docs/api.md). Throws NotFound for an unknown survey or one with drafts only,
  /// Invalid "too_many_periods" (field "period") for a span of more than 600 periods.
  std::string trendJson(const std::string& surveyId, const TrendRequest& request);
  /// The same trend as CSV (docs/api.md, "Trend CSV"), one row per series and period.
  std::string trendCsv(const std::string& surveyId, const TrendRequest& request, const CsvStyle& style);

  /// Where the engine reads responses from: "primary", or "replica" with a way to read the
  /// primary's newest sequence, so that the status can say how far the replica is behind.
  struct ResultsSource {
    std::string name = "primary";
    std::function<std::int64_t()> primarySequence;  ///< may throw (primary down): then not reported
  };
  void setResultsSource(ResultsSource source) { source_ = std::move(source); }

  /// What the results engine holds, as JSON: {"responses", "sequence", "answer_bytes",
  /// "cell_bytes", "cells", "source"} and, reading a replica, "primary_sequence" and "behind"
  /// (responses committed on the primary that the engine has not read yet), after catching up.
  std::string resultsStatusJson();
  /// Drops the engine's copy, reads everything again from the database and builds the cells of
  /// the current reports (as at start-up); the status JSON plus "milliseconds".
  std::string rebuildResultsJson();
  /// Builds the pre-aggregated cells of every survey's current summary and trend, so that the
  /// first dashboard click does not pay for them. Returns how many surveys were warmed.
  int warmUp();

 private:
  /// The versions a trend covers (oldest first) and the trend itself, after every check.
  struct Trend;
  Trend trend(const std::string& surveyId, const TrendRequest& request);
  /// The engine's status with its source (resultsStatusJson) and, after a rebuild, its time.
  Poco::JSON::Object::Ptr resultsStatus(std::optional<std::int64_t> milliseconds);

  surveys::SurveyStore& surveys_;
  analytics::ResultsEngine& engine_;
  surveys::CourtStore& courts_;
  surveys::PopulationStore* population_;
  ResultsSource source_;
};

/// Renders a summary with the definition's texts in `lang`; court groups get the court's name as
/// "label" when `courts` knows it. Suppressed groups carry only key, label and suppressed.
/// With `weights`, shown items and indices get "weighted", shown groups "weights", and the
/// reply "weights" (the counts' date and the cells without a count).
std::string summaryToJson(const analytics::SurveySummary& summary, const surveys::SurveyDefinition& def,
                          const SummaryRequest& request, const std::vector<surveys::Court>& courts,
                          const SummaryWeights* weights = nullptr);

/// One group of a summary as summaryToJson writes it (also the cells of a crossed table).
void writeGroupJson(JsonWriter& out, const analytics::GroupSummary& group, const std::string& label);

/// An item of a summary's "items" list: id, type, dimension, text, scale or options, in `lang`.
Poco::JSON::Object::Ptr itemDefinitionJson(const surveys::Item& item, const std::string& lang);

/// A summary's "indices" list: id, name in `lang`, dimensions.
Poco::JSON::Array::Ptr indexDefinitionsJson(const surveys::SurveyDefinition& def, const std::string& lang);

/// Opens an index's object and writes index_id, suppressed and (when shown) value, n and ci; the
/// caller may add fields and closes it. `Index`: analytics::IndexSummary or LeagueIndex.
template <typename Index>
void beginIndexJson(JsonWriter& out, const Index& index) {
  out.beginObject().key("index_id").value(index.indexId).key("suppressed").value(index.suppressed);
  if (!index.suppressed) {
    out.key("value").value(index.value).key("n").value(index.n).key("ci");
    writeInterval(out, index.ci);
  }
}

}  // namespace courtvoice::server
