#include "courtvoice/server/trend_csv.hpp"

#include <optional>

#include "courtvoice/surveys/localized_text.hpp"

namespace courtvoice::server {

namespace {

const std::vector<std::string> kComparisons = {"previous", "baseline", "year_ago"};

std::vector<std::string> header() {
  std::vector<std::string> columns = {"survey_id",   "series",     "id",          "text",
                                      "from_version", "to_version", "period",      "suppressed",
                                      "partial",     "partial_reason", "n",        "mean",
                                      "favourable",  "favourable_ci_low", "favourable_ci_high", "index_value",
                                      "index_ci_low", "index_ci_high", "baseline", "change_measure"};
  for (const std::string& kind : kComparisons) {
    for (const char* field : {"difference", "low", "high", "p_value", "significant", "significant_adjusted"}) {
      columns.push_back(kind + "_" + field);
    }
  }
  return columns;
}

std::string flag(bool value) { return value ? "true" : "false"; }

/// The six columns of one change (empty when there is none).
template <typename Change>
void addChange(std::vector<std::string>& row, const std::optional<Change>& change, const CsvStyle& style, int decimals) {
  if (!change) {
    row.insert(row.end(), 6, "");
    return;
  }
  row.push_back(csvNumber(change->difference, style, decimals));
  row.push_back(csvNumber(change->ci.low, style, decimals));
  row.push_back(csvNumber(change->ci.high, style, decimals));
  row.push_back(csvNumber(change->pValue, style, 6));
  row.push_back(flag(change->significant));
  row.push_back(flag(change->significantAdjusted));
}

/// The columns every row starts with, up to and including partial_reason.
std::vector<std::string> rowHead(const std::string& surveyId, const char* series, const std::string& id,
                                 const std::string& text, int fromVersion, int toVersion, const std::string& period,
                                 bool suppressed, analytics::PartialReason partial) {
  return {surveyId,
          series,
          id,
          text,
          std::to_string(fromVersion),
          std::to_string(toVersion),
          period,
          flag(suppressed),
          // As in the JSON, a suppressed point says nothing more about itself.
          suppressed ? "" : flag(partial != analytics::PartialReason::None),
          suppressed ? "" : analytics::toString(partial)};
}

}  // namespace

std::string trendCsvFileName(const std::string& surveyId, analytics::Period period) {
  return "trend-" + surveyId + "-" + analytics::toString(period) + ".csv";
}

std::string trendToCsv(const analytics::TrendReport& report, const std::vector<surveys::SurveyDefinition>&,
                       const TrendRequest& request, const CsvStyle& style) {
  std::string out = kCsvBom;
  out += csvLine(header(), style);
  for (const auto& item : report.items) {
    const std::string text = surveys::pick(item.text, request.lang);
    for (const auto& segment : item.segments) {
      const bool scale = surveys::isScale(segment.type);
      const bool number = segment.type == surveys::ItemType::Number;
      for (const auto& point : segment.points) {
        auto row = rowHead(report.surveyId, "item", item.itemId, text, segment.fromVersion, segment.toVersion,
                           point.period, point.suppressed, point.partial);
        if (point.suppressed) {
          row.insert(row.end(), 10, "");
        } else {
          row.push_back(std::to_string(point.n));
          row.push_back(csvNumber(point.mean, style, 4));
          row.push_back(csvNumber(point.favourable, style, 4));
          row.push_back(csvNumber(point.favourableCi ? std::optional(point.favourableCi->low) : std::nullopt, style, 4));
          row.push_back(csvNumber(point.favourableCi ? std::optional(point.favourableCi->high) : std::nullopt, style, 4));
          row.insert(row.end(), 3, "");
          row.push_back(segment.baseline);
          row.push_back(scale ? "favourable" : number ? "mean" : "");
        }
        // % favourable changes for scale items (shares), mean changes for number items.
        if (scale && !point.suppressed) {
          addChange(row, point.favourableChange, style, 4);
          addChange(row, point.favourableVsBaseline, style, 4);
          addChange(row, point.favourableVsYearAgo, style, 4);
        } else if (number && !point.suppressed) {
          addChange(row, point.meanChange, style, 4);
          addChange(row, point.meanVsBaseline, style, 4);
          addChange(row, point.meanVsYearAgo, style, 4);
        } else {
          row.insert(row.end(), 18, "");
        }
        out += csvLine(row, style);
      }
    }
  }
  for (const auto& index : report.indices) {
    const std::string name = surveys::pick(index.name, request.lang);
    for (const auto& segment : index.segments) {
      for (const auto& point : segment.points) {
        auto row = rowHead(report.surveyId, "index", index.indexId, name, segment.fromVersion, segment.toVersion,
                           point.period, point.suppressed, point.partial);
        if (point.suppressed) {
          row.insert(row.end(), 28, "");
        } else {
          row.push_back(std::to_string(point.n));
          row.insert(row.end(), 4, "");
          row.push_back(csvNumber(point.value, style, 2));
          row.push_back(csvNumber(point.ci ? std::optional(point.ci->low) : std::nullopt, style, 2));
          row.push_back(csvNumber(point.ci ? std::optional(point.ci->high) : std::nullopt, style, 2));
          row.push_back(segment.baseline);
          row.push_back("index");
          addChange(row, point.change, style, 2);
          addChange(row, point.vsBaseline, style, 2);
          addChange(row, point.vsYearAgo, style, 2);
        }
        out += csvLine(row, style);
      }
    }
  }
  return out;
}

}  // namespace courtvoice::server
