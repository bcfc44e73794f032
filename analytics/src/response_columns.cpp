#include "response_columns.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace courtvoice::analytics::detail {

namespace {

std::uint8_t nonAnswerByte(surveys::NonAnswer na) {
  switch (na) {
    case surveys::NonAnswer::NotApplicable: return kNotApplicable;
    case surveys::NonAnswer::DontKnow: return kDontKnow;
    case surveys::NonAnswer::NoOpinion: return kNoOpinion;
  }
  return kNotApplicable;
}

template <typename T>
std::size_t vectorBytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

}  // namespace

std::vector<int> ItemColumn::chosen(std::uint32_t row) const {
  if (const auto big = bigChoices.find(row); big != bigChoices.end()) {
    std::vector<int> distinct = big->second;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    return distinct;
  }
  std::vector<int> distinct;
  const std::uint64_t mask = choices.empty() ? 0 : choices[row];
  for (int c = 0; c < 64; ++c) {
    if ((mask >> c) & 1U) distinct.push_back(c);
  }
  return distinct;
}

std::uint32_t ItemColumn::idOfNumber(double value) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);  // by bits: NaN is a key like any other
  const auto [it, inserted] = numberIdOf.try_emplace(bits, static_cast<std::uint32_t>(numberValues.size()));
  if (inserted) numberValues.push_back(value);
  return it->second;
}

std::size_t ItemColumn::bytes() const {
  // Hash nodes: key, value and about two pointers of overhead each.
  return vectorBytes(codes) + vectorBytes(choices) + vectorBytes(numberIds) + vectorBytes(numberValues) +
         numberIdOf.size() * 32 + bigCodes.size() * 32 + bigChoices.size() * 64;
}

const ItemColumn* SurveyColumns::column(const std::string& itemId) const {
  const auto it = columnOf_.find(itemId);
  return it == columnOf_.end() ? nullptr : &columns_[it->second];
}

ItemColumn& SurveyColumns::columnFor(const std::string& itemId) {
  const auto [it, inserted] = columnOf_.try_emplace(itemId, columns_.size());
  if (inserted) {
    columns_.emplace_back();
    columns_.back().codes.assign(rows(), kAbsent);  // nobody answered it before
  }
  return columns_[it->second];
}

std::uint8_t SurveyColumns::languageIndex(const std::string& code) {
  const auto found = std::find(languages.begin(), languages.end(), code);
  if (found != languages.end()) return static_cast<std::uint8_t>(found - languages.begin());
  if (languages.size() >= 255) throw std::runtime_error("more than 255 response languages");
  languages.push_back(code);
  return static_cast<std::uint8_t>(languages.size() - 1);
}

void SurveyColumns::append(const surveys::Response& response, std::uint32_t courtIndex) {
  // Create the columns first, so that every column grows by exactly one below.
  for (const surveys::Answer& answer : response.answers) columnFor(answer.itemId);
  const auto row = static_cast<std::uint32_t>(rows());
  court.push_back(courtIndex);
  month.push_back(monthNumber(response.givenOn));
  day.push_back(dayNumber(response.givenOn));
  version.push_back(response.version);
  channel.push_back(static_cast<std::uint8_t>(response.channel));
  language.push_back(languageIndex(response.language));
  rowsOfMonth[month.back()].push_back(row);
  for (ItemColumn& column : columns_) {
    column.codes.push_back(kAbsent);
    if (!column.choices.empty()) column.choices.push_back(0);
    if (!column.numberIds.empty()) column.numberIds.push_back(0);
  }
  for (const surveys::Answer& answer : response.answers) {
    ItemColumn& column = columnFor(answer.itemId);
    if (column.codes[row] != kAbsent) continue;  // the first answer counts, as Response::findAnswer sees it
    if (answer.nonAnswer) {
      column.codes[row] = nonAnswerByte(*answer.nonAnswer);
      continue;
    }
    if (answer.code >= 0 && answer.code <= kMaxSmallCode) {
      column.codes[row] = static_cast<std::uint8_t>(answer.code);
    } else {
      column.codes[row] = kBigCode;
      column.bigCodes.emplace(row, answer.code);
    }
    if (!answer.codes.empty()) {
      const bool small = std::all_of(answer.codes.begin(), answer.codes.end(), [](int c) { return c >= 0 && c < 64; });
      if (small) {
        if (column.choices.empty()) column.choices.assign(rows(), 0);
        for (int c : answer.codes) column.choices[row] |= std::uint64_t{1} << c;
      } else {
        column.bigChoices.emplace(row, answer.codes);
      }
    }
    if (answer.number != 0.0) {
      if (column.numberIds.empty()) column.numberIds.assign(rows(), 0);
      column.numberIds[row] = column.idOfNumber(answer.number);
    }
  }
}

std::size_t SurveyColumns::bytes() const {
  std::size_t total = vectorBytes(court) + vectorBytes(month) + vectorBytes(day) + vectorBytes(version) +
                      vectorBytes(channel) + vectorBytes(language);
  for (const auto& [m, rowsOf] : rowsOfMonth) total += vectorBytes(rowsOf) + 48;
  for (const ItemColumn& column : columns_) total += column.bytes();
  return total;
}

}  // namespace courtvoice::analytics::detail
