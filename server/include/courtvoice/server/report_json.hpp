#pragma once
// JSON pieces the summary and the trend reports share, so both write numbers, intervals and
// filters the same way.
#include <optional>
#include <string>
#include <vector>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include "courtvoice/analytics/statistics.hpp"
#include "courtvoice/server/summary_service.hpp"
#include "courtvoice/surveys/localized_text.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::server {

/// The number, or null when absent or not finite (JSON has no NaN).
Poco::Dynamic::Var optionalNumber(const std::optional<double>& value);

/// {"low", "high"}, or null when absent.
Poco::Dynamic::Var intervalToJson(const std::optional<analytics::Interval>& interval);

Poco::Dynamic::Var stringList(const std::vector<std::string>& values);

/// {"id", "type", "dimension", "text"} of an item, the text in `lang`.
Poco::JSON::Object::Ptr itemHeadToJson(const std::string& id, surveys::ItemType type, const std::string& dimension,
                                       const surveys::LocalizedText& text, const std::string& lang);

/// {"courts": [...], "regions": [...], "levels": [...], "versions": [...], "from": "YYYY-MM-DD" | null,
/// "to": ... | null}
Poco::JSON::Object::Ptr filtersToJson(const ReportFilters& filters);

/// What the results engine should cover for `filters`.
analytics::ResultsFilter resultsFilter(const ReportFilters& filters);

}  // namespace courtvoice::server
