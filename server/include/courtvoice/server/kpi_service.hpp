#pragma once
// Public-confidence KPIs (docs/api.md, "KPIs"): definitions checked against the surveys and the
// court registry, saved as versions with who and why, and evaluated from the results engine:
// each complete period's value with its 95% interval and n, the milestone due, and a status
// (docs/analytics.md, "KPI status"). Knows nothing of HTTP.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/analytics/kpi.hpp"
#include "courtvoice/analytics/results_engine.hpp"
#include "courtvoice/surveys/date.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/kpi_store.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

/// One period of a KPI's series. A suppressed period carries no value, interval or n.
struct KpiPeriodValue {
  std::string period;                       ///< "2025", "2026-Q3"
  surveys::Date end;                        ///< its last day
  analytics::KpiReading reading;
  std::int64_t n = 0;                       ///< respondents counted (0 when suppressed)
  bool hasData = false;                     ///< any response in the scope and period
};

struct KpiEvaluation {
  surveys::KpiRecord record;
  std::optional<KpiPeriodValue> latest;     ///< the latest complete period with data, if any
  std::optional<surveys::Date> dueOn;       ///< the day the milestone is due for (latest's last day)
  std::optional<double> milestoneDue;
  analytics::KpiStatus status = analytics::KpiStatus::InsufficientData;
  std::vector<KpiPeriodValue> series;       ///< complete periods from the baseline's, in order
};

/// The value of `kpi`'s metric in one group of a summary (favourable and option share in percent).
analytics::KpiReading kpiReadingOf(const surveys::KpiDefinition& kpi, const analytics::GroupSummary& group,
                                   std::int64_t& n);

class KpiService {
 public:
  /// `now` gives the UTC time of a change, "YYYY-MM-DD HH:MM:SS" (default: the system clock).
  KpiService(surveys::SurveyStore& surveys, surveys::CourtStore& courts, surveys::KpiStore& kpis,
             analytics::ResultsEngine& engine, const surveys::Clock& clock,
             std::function<std::string()> now = {});

  /// POST: a new KPI from its JSON (docs/api.md). `user` is the X-CourtVoice-User header: who
  /// makes the change; the body's "changed_by" only when there is no header. Throws DomainError Invalid (field named), Conflict
  /// "kpi_exists".
  surveys::KpiRecord create(const std::string& json, const std::string& user);
  /// PUT: a new version of KPI `id`. NotFound "kpi_not_found"; Invalid "id_mismatch" (field
  /// "id"); Conflict "version_conflict" when "version" is given and is not the current one.
  surveys::KpiRecord update(const std::string& id, const std::string& json, const std::string& user);
  /// DELETE: archives (a new version, archived). NotFound; Conflict "already_archived".
  surveys::KpiRecord archive(const std::string& id, const std::string& user, const std::string& note);
  /// Reads are kept to the asking account's scope (access_scope.hpp): get and history of a KPI
  /// outside it are Forbidden "out_of_scope" (field "id"); list and evaluateAll leave such KPIs
  /// out. create, update and archive need the country scope (Forbidden "out_of_scope", field "scope").
  surveys::KpiRecord get(const std::string& id);
  std::vector<surveys::KpiRecord> list(bool withArchived);
  /// Every version, oldest first; NotFound for an unknown id.
  std::vector<surveys::KpiRecord> history(const std::string& id);

  /// The value of `kpi`'s metric in period `periodKey` of its unit (e.g. to plan milestones from a
  /// baseline before saving). Invalid "invalid_period" (field "baseline.period") for a bad key,
  /// "unknown_survey" (field "survey_id").
  KpiPeriodValue measure(const surveys::KpiDefinition& kpi, const std::string& periodKey);

  /// The values of every KPI that is not archived, by id.
  std::vector<KpiEvaluation> evaluateAll();
  KpiEvaluation evaluate(const surveys::KpiRecord& record);

  /// The court registry (for names in replies).
  std::vector<surveys::Court> courts() { return courts_.list(); }
  /// The day values are computed for (periods that ended before it are complete).
  surveys::Date today() const { return clock_.today(); }

 private:
  surveys::KpiRecord store(surveys::KpiDefinition kpi, const surveys::KpiChangeNote& change, const std::string& user,
                           std::optional<int> expectedVersion, const std::optional<surveys::KpiRecord>& previous);
  /// The reading of one period (suppressed when the disclosure rule refuses its filters).
  KpiPeriodValue periodValue(const surveys::KpiDefinition& kpi, const surveys::SurveyDefinition& def,
                             const std::vector<surveys::Court>& courts, const analytics::KpiPeriod& period);
  /// True when the asking account's scope covers `kpi` (kpiInScope).
  bool visible(const surveys::KpiDefinition& kpi, const std::vector<surveys::Court>& courts);
  /// Throws Forbidden "out_of_scope" (field "id") when it does not.
  void requireVisible(const surveys::KpiDefinition& kpi);

  surveys::SurveyStore& surveys_;
  surveys::CourtStore& courts_;
  surveys::KpiStore& kpis_;
  analytics::ResultsEngine& engine_;
  const surveys::Clock& clock_;
  std::function<std::string()> now_;
};

/// The problems of `kpi` against the survey's report definition and the court registry, in the
/// fields of the JSON ("metric.item", "scope.court", "milestones[1].year", ...). Empty when fine.
/// `def` is nullopt for an unknown survey.
std::vector<surveys::ValidationError> validateKpi(const surveys::KpiDefinition& kpi,
                                                  const std::optional<surveys::SurveyDefinition>& def,
                                                  const std::vector<surveys::Court>& courts);

/// Which fields differ between two versions ("name", "metric", "scope", "period", "baseline",
/// "milestones", "target", "direction", "archived"), for the history.
std::vector<std::string> kpiChanges(const surveys::KpiRecord& before, const surveys::KpiRecord& after);

/// A court level's name in `lang` (kk, ru, en), or the code when it is not a level.
std::string courtLevelName(const std::string& level, const std::string& lang);

}  // namespace courtvoice::server
