#pragma once
// The JSON and CSV of KPIs (docs/api.md, "KPIs"), shared by the API and the admin tool.
#include <string>
#include <vector>

#include "courtvoice/server/csv.hpp"
#include "courtvoice/server/kpi_service.hpp"

namespace courtvoice::server {

/// A KPI's definition with "version", "archived", "changed_by", "changed_on" and "note".
std::string kpiRecordJson(const surveys::KpiRecord& record);
/// {"kpis": [record, ...]}
std::string kpiListJson(const std::vector<surveys::KpiRecord>& records);
/// {"id", "versions": [{"version", "changed_by", "changed_on", "note", "archived", "changes",
/// "definition"}]}, oldest first; "changes" names the fields that differ from the version before.
std::string kpiHistoryJson(const std::string& id, const std::vector<surveys::KpiRecord>& versions);

/// GET /api/v1/admin/kpis/values: every KPI with its latest value, interval, n, milestone due,
/// status and series; names in `lang`.
std::string kpiValuesJson(const std::vector<KpiEvaluation>& evaluations, const std::vector<surveys::Court>& courts,
                          const std::string& lang, const surveys::Date& asOf);
/// The same as CSV, one line per KPI (kCsvBom first, the style's separator and decimal mark).
std::string kpiValuesCsv(const std::vector<KpiEvaluation>& evaluations, const std::vector<surveys::Court>& courts,
                         const std::string& lang, const CsvStyle& style);

/// The scope's name in `lang`: the country, a region's or court's name, a court level's name.
std::string kpiScopeName(const surveys::KpiScope& scope, const std::vector<surveys::Court>& courts,
                         const std::string& lang);

}  // namespace courtvoice::server
