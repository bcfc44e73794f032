#pragma once
// Crossed breakdowns: a summary per cell of two keys of a response (e.g. case type by region),
// each cell suppressed under the minimum group size, then complementary suppression within
// every row and every column so that no hidden cell follows from the margins (docs/analytics.md,
// "Crossed breakdowns").
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/analytics/results_engine.hpp"
#include "courtvoice/analytics/summary.hpp"

namespace courtvoice::analytics {

enum class CrossKeyKind { Court, Region, Level, Item, Channel, Language, Month, Quarter, Year };

/// One key of a crossed table: "court", "region", "level", "channel", "language", "month",
/// "quarter", "year", or "item:<id>" (the option code a respondent chose on a single-choice item).
struct CrossKey {
  CrossKeyKind kind = CrossKeyKind::Court;
  std::string itemId;  ///< Item only
};
std::optional<CrossKey> parseCrossKey(const std::string& text);
std::string toString(const CrossKey& key);

/// The key value of a respondent who did not answer a background item.
inline constexpr const char* kNoAnswerKey = "none";

/// A key's value for one response; `code` is the response's code of the key's item (Item only).
std::string crossKeyValue(const CrossKey& key, const ScannedRow& row, int code);

/// Complementary suppression in a two-way table, `responses[r][c]` per cell (0: no cell),
/// `suppressed` read and updated: within every row and every column, while the hidden non-empty
/// cells hold between 1 and minGroupSize - 1 responses together (suppressComplements), or are a
/// single cell (which the line's total minus its shown cells would give away), the smallest shown
/// cell of the line is hidden too; rows and columns are revisited until nothing changes.
/// Returns how many cells it hid.
int suppressCrossedComplements(const std::vector<std::vector<std::int64_t>>& responses,
                               std::vector<std::vector<bool>>& suppressed, std::int64_t minGroupSize);

struct CrossedTable {
  std::string surveyId;
  CrossKey rows;
  CrossKey columns;
  int minGroupSize = 0;
  std::vector<std::string> rowKeys;     ///< sorted (numbers by value; "none" last)
  std::vector<std::string> columnKeys;
  /// The non-empty cells, row by row; key "row|column". Suppressed cells carry only the key.
  std::vector<GroupSummary> cells;
  int complementary = 0;                ///< cells hidden only to protect others
};

/// The crossed table of `rows` by `columns` over the responses `filter` covers (figures of
/// ResultsEngine::summaryByRow). Throws std::invalid_argument for an item key whose item is not a
/// single-choice item of `definition`.
CrossedTable crossed(ResultsEngine& engine, const surveys::SurveyDefinition& definition,
                     const std::vector<surveys::Court>& courts, const ResultsFilter& filter,
                     const SummaryOptions& options, const CrossKey& rows, const CrossKey& columns);

}  // namespace courtvoice::analytics
