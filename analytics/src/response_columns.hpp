#pragma once
// Responses of one survey as columns: per response a few small numbers (court, month, day,
// version), per item id a byte per response for the answer. Internal to analytics.
//
// The answer byte: 0..kMaxSmallCode the answer's code (scale value or option; for other types
// the Answer's default 0); kBigCode: a code outside 0..kMaxSmallCode, kept in `bigCodes`;
// kNotApplicable / kDontKnow / kNoOpinion: the non-answers; kAbsent: no answer to the item.
// Multiple choice codes 0..63 are a bit mask per response (any other code: `bigChoices`);
// numbers an index per response into the item's distinct values (so cells count values by a small
// integer, never by hashing a double). Both are allocated only once an item has such an answer.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "courtvoice/surveys/response.hpp"

namespace courtvoice::analytics::detail {

constexpr std::uint8_t kMaxSmallCode = 249;
constexpr std::uint8_t kBigCode = 250;
constexpr std::uint8_t kNotApplicable = 252;
constexpr std::uint8_t kDontKnow = 253;
constexpr std::uint8_t kNoOpinion = 254;
constexpr std::uint8_t kAbsent = 255;

inline bool isNonAnswer(std::uint8_t byte) { return byte >= kNotApplicable && byte <= kNoOpinion; }

/// A day as one comparable number: (year * 13 + month) * 32 + day.
inline std::int32_t dayNumber(const surveys::Date& d) { return (d.year * 13 + d.month) * 32 + d.day; }
/// A month as one consecutive number: year * 12 + month - 1.
inline std::int32_t monthNumber(const surveys::Date& d) { return d.year * 12 + d.month - 1; }

struct ItemColumn {
  ItemColumn() { numberIdOf.emplace(0, 0); }  // the bits of 0.0

  std::vector<std::uint8_t> codes;                                  // per response, see above
  std::vector<std::uint64_t> choices;                              // multiple choice: bit c = code c
  std::vector<std::uint32_t> numberIds;                            // per response: index into numberValues
  std::vector<double> numberValues{0.0};                           // distinct values; id 0 is 0 (no number)
  std::unordered_map<std::uint32_t, int> bigCodes;                 // response -> code
  std::unordered_map<std::uint32_t, std::vector<int>> bigChoices;  // response -> all its codes
  std::unordered_map<std::uint64_t, std::uint32_t> numberIdOf;     // a value's bits -> its id

  int code(std::uint32_t row) const {
    const std::uint8_t byte = codes[row];
    return byte == kBigCode ? bigCodes.at(row) : byte;
  }
  bool hasChoices(std::uint32_t row) const {
    return (!choices.empty() && choices[row] != 0) || (!bigChoices.empty() && bigChoices.count(row) != 0);
  }
  /// The distinct chosen codes of a response, ascending.
  std::vector<int> chosen(std::uint32_t row) const;
  std::uint32_t numberId(std::uint32_t row) const { return numberIds.empty() ? 0 : numberIds[row]; }
  double number(std::uint32_t row) const { return numberValues[numberId(row)]; }
  /// The id of a number, added to the distinct values when new.
  std::uint32_t idOfNumber(double value);
  std::size_t bytes() const;
};

class SurveyColumns {
 public:
  std::vector<std::uint32_t> court;    // index into the engine's court codes
  std::vector<std::int32_t> month;     // monthNumber
  std::vector<std::int32_t> day;       // dayNumber
  std::vector<std::int32_t> version;
  std::vector<std::uint8_t> channel;   // surveys::Channel
  std::vector<std::uint8_t> language;  // index into `languages`
  std::vector<std::string> languages;  // distinct language codes, in order of first appearance
  std::map<std::int32_t, std::vector<std::uint32_t>> rowsOfMonth;  // for months cut by a date filter

  std::size_t rows() const { return court.size(); }
  /// The column of an item id, or nullptr when no response has answered it.
  const ItemColumn* column(const std::string& itemId) const;
  void append(const surveys::Response& response, std::uint32_t courtIndex);
  std::size_t bytes() const;

 private:
  ItemColumn& columnFor(const std::string& itemId);
  std::uint8_t languageIndex(const std::string& code);

  std::unordered_map<std::string, std::size_t> columnOf_;
  std::vector<ItemColumn> columns_;
};

}  // namespace courtvoice::analytics::detail
