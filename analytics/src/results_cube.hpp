#pragma once
// Pre-aggregated cells of the results engine. A cube holds, for one analysis definition and the
// responses to one survey version, one cell per (court, month): the counts a summary needs for
// every item (substantive answers, non-answers, skipped, per code), the moments of number answers
// and of the respondents' index means. Cells merge into groups; groups become the reference
// summariser's GroupState or the trend builder's Cell, so the figures come from the same code.
// Internal to analytics.
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "response_columns.hpp"
#include "summary_state.hpp"
#include "trend_state.hpp"

namespace courtvoice::analytics::detail {

/// Where an item's counts live in a cell: [n][4 non-answers][one slot per code].
struct ItemLayout {
  std::uint32_t base = 0;
  int codeMin = 0;                          // scale: its lowest value
  int codeSlots = 0;                        // scale: values; choice: options
  std::unordered_map<int, int> optionSlot;  // choice: option code -> slot
  int number = -1;                          // number items: position in the tally's numbers
};

/// A definition's cell layout: computed from the definition alone, so it never goes stale.
struct CellLayout {
  std::vector<ItemLayout> items;
  std::vector<std::vector<std::size_t>> indicesOfItem;
  std::uint32_t slots = 1;  // slot 0: responses
  int numbers = 0;

  explicit CellLayout(const surveys::SurveyDefinition& def);
};

/// Number answers of a tally: their moments, and how often each distinct value was given, by
/// the value's id in the item's column. Cells keep (id, count) pairs sorted by id (few per cell);
/// groups index a vector by id, so merging cells never hashes a double (that was the hot spot).
struct NumberState {
  Moments moments;  // Welford's update: Chan et al.'s merge, one value at a time
  std::vector<std::pair<std::uint32_t, std::uint64_t>> sparse;
  std::vector<std::uint64_t> dense;
  bool isDense = false;

  void add(std::uint32_t id, std::uint64_t count);
  void merge(const NumberState& other);
};

/// Counts of one set of responses. `Count` is 32 bits in the cube's cells (many, each small)
/// and 64 bits in the groups a query merges them into.
template <typename Count>
struct Tally {
  std::vector<Count> slots;
  CourtSpread<std::uint32_t> courts;  // a cell's is its own court; a group's tells one court from several
  std::vector<Moments> indices;
  std::vector<NumberState> numbers;
  std::map<std::pair<std::size_t, int>, std::int64_t> otherCodes;  // (item, code not an option) -> answers

  void reset(const CellLayout& layout, std::size_t indexCount) {
    slots.assign(layout.slots, 0);
    courts = {};
    indices.assign(indexCount, Moments{});
    numbers.assign(static_cast<std::size_t>(layout.numbers), NumberState{});
    for (NumberState& number : numbers) number.isDense = sizeof(Count) > 4;  // groups index, cells list
    otherCodes.clear();
  }
  bool empty() const { return slots.empty() || slots[0] == 0; }

  template <typename Other>
  void merge(const Tally<Other>& other) {
    for (std::size_t k = 0; k < slots.size(); ++k) slots[k] += other.slots[k];
    courts.merge(other.courts);
    for (std::size_t x = 0; x < indices.size(); ++x) indices[x].merge(other.indices[x]);
    for (std::size_t k = 0; k < numbers.size(); ++k) numbers[k].merge(other.numbers[k]);
    for (const auto& [key, count] : other.otherCodes) otherCodes[key] += count;
  }
};

using CellTally = Tally<std::uint32_t>;
using GroupTally = Tally<std::uint64_t>;

/// Adds responses from the columns to tallies, with the rules of the reference summariser.
class RowAccumulator {
 public:
  RowAccumulator(const surveys::SurveyDefinition& def, const CellLayout& layout, const SurveyColumns& columns);
  template <typename Count>
  void add(std::uint32_t row, Tally<Count>& tally);

 private:
  struct Bound {
    const surveys::Item* item = nullptr;
    const ItemColumn* column = nullptr;     // nullptr: no response answered it
    const ItemColumn* condition = nullptr;  // the showIf item's column
    std::uint64_t anyOfMask = 0;            // showIf codes 0..63
  };
  bool visible(const Bound& b, std::uint32_t row) const;
  template <typename Count>
  void countOption(std::size_t item, int code, Tally<Count>& tally) const;

  const surveys::SurveyDefinition& def_;
  const CellLayout& layout_;
  const SurveyColumns& columns_;
  std::vector<Bound> items_;
  std::vector<double> indexSums_;
  std::vector<int> indexCounts_;
  std::vector<int> indexShown_;
};

/// The reference summariser's state of a group, from its tally; `columns` (nullptr when the
/// survey has no responses) give number values back from their ids, `courtCodes` the engine's
/// court indices their codes.
GroupState toGroupState(const surveys::SurveyDefinition& def, const CellLayout& layout, const GroupTally& tally,
                        const SurveyColumns* columns, const std::vector<std::string>& courtCodes);
/// The trend builder's cell, from a tally of one version's responses under its own definition.
Cell toTrendCell(const surveys::SurveyDefinition& def, const CellLayout& layout, const GroupTally& tally,
                 const std::vector<std::string>& courtCodes);

/// Cells per (court, month) of one version's responses under one analysis definition, kept
/// current by catchUp() (it adds the rows appended since the last call).
class Cube {
 public:
  Cube(surveys::SurveyDefinition def, int version);
  const surveys::SurveyDefinition& definition() const { return def_; }
  const CellLayout& layout() const { return layout_; }
  void catchUp(const SurveyColumns& columns);

  struct Entry {
    std::uint32_t court = 0;
    std::int32_t month = 0;
    CellTally tally;
  };
  const std::vector<Entry>& cells() const { return cells_; }
  std::size_t bytes() const;

 private:
  surveys::SurveyDefinition def_;
  CellLayout layout_;
  int version_;
  std::size_t rowsCovered_ = 0;
  std::unordered_map<std::uint64_t, std::size_t> cellOf_;
  std::vector<Entry> cells_;
};

/// What a cube's figures depend on in a definition (items, options, conditions, dimensions,
/// indices): a draft edited since the cube was built is detected by comparing these.
std::string analysisShape(const surveys::SurveyDefinition& def);

}  // namespace courtvoice::analytics::detail
