#include "courtvoice/analytics/summary.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "courtvoice/surveys/response_validation.hpp"
#include "summary_state.hpp"

namespace courtvoice::analytics {

using surveys::ItemType;
using surveys::NonAnswer;

std::string toString(GroupBy groupBy) {
  switch (groupBy) {
    case GroupBy::None: return "none";
    case GroupBy::Court: return "court";
    case GroupBy::Region: return "region";
    case GroupBy::Month: return "month";
    case GroupBy::Quarter: return "quarter";
    case GroupBy::Level: return "level";
  }
  return "none";
}

std::optional<GroupBy> parseGroupBy(const std::string& text) {
  for (GroupBy g : {GroupBy::None, GroupBy::Court, GroupBy::Region, GroupBy::Level, GroupBy::Month, GroupBy::Quarter}) {
    if (toString(g) == text) return g;
  }
  return std::nullopt;
}

namespace {

using detail::GroupState;
using detail::ItemState;

void addAnswer(const surveys::Item& item, ItemState& state, const surveys::Answer& answer) {
  if (answer.nonAnswer) {
    ++state.nonAnswers[detail::slotOf(*answer.nonAnswer)];
    return;
  }
  // Answers are validated against the version they were given for; a value that does not fit
  // the definition summarised (e.g. a scale changed between versions) is left out entirely.
  switch (item.type) {
    case ItemType::Agreement5:
    case ItemType::Satisfaction5:
    case ItemType::Scale5:
    case ItemType::Scale0to10:
      if (answer.code < surveys::scaleMin(item.type) || answer.code > surveys::scaleMax(item.type)) return;
      ++state.scale[static_cast<std::size_t>(answer.code)];
      ++state.n;
      return;
    case ItemType::SingleChoice:
      ++state.counts[answer.code];
      ++state.n;
      return;
    case ItemType::MultipleChoice: {
      if (answer.codes.empty()) return;
      // A code listed twice counts once (validation refuses it; the summary must not double it).
      for (auto it = answer.codes.begin(); it != answer.codes.end(); ++it) {
        if (std::find(answer.codes.begin(), it, *it) == it) ++state.counts[*it];
      }
      ++state.n;
      return;
    }
    case ItemType::Number:
      if (!std::isfinite(answer.number)) return;
      state.segment(answer.number);
      ++state.values[answer.number];
      ++state.n;
      return;
    case ItemType::Text:
      ++state.n;
      return;
  }
}

}  // namespace

struct Summarizer::State {
  surveys::SurveyDefinition definition;
  SummaryOptions options;
  int minGroupSize = 0;
  bool twoCourts = false;
  std::unordered_map<std::string, std::size_t> itemPositions;
  std::vector<std::vector<std::size_t>> indicesOfItem;  // per item: the indices it feeds
  std::map<std::string, GroupState> groups;             // by key, hence sorted
  // Scratch space reused by add().
  std::vector<char> seen;
  std::vector<double> indexSums;
  std::vector<int> indexCounts;
  std::vector<int> indexShown;

  GroupState& group(const std::string& key) {
    auto [it, inserted] = groups.try_emplace(key);
    if (inserted) it->second.resize(definition);
    return it->second;
  }

  std::string keyOf(const surveys::StoredResponse& stored) const {
    switch (options.groupBy) {
      case GroupBy::None: return "";
      case GroupBy::Court: return stored.response.courtCode;
      case GroupBy::Region: return stored.region;
      case GroupBy::Level: return stored.level;
      case GroupBy::Month: return stored.response.givenOn.monthKey();
      case GroupBy::Quarter: return stored.response.givenOn.quarterKey();
    }
    return "";
  }
};

Summarizer::Summarizer(surveys::SurveyDefinition definition, SummaryOptions options)
    : state_(std::make_unique<State>()) {
  if (options.minGroupSize < 0) throw std::invalid_argument("minGroupSize must not be negative");
  State& s = *state_;
  s.definition = std::move(definition);
  s.options = options;
  s.minGroupSize = options.minGroupSize > 0 ? options.minGroupSize : s.definition.effectiveMinGroupSize();
  s.twoCourts = detail::needsTwoCourts(s.definition);
  const auto& items = s.definition.items;
  s.indicesOfItem = detail::indicesOfItems(s.definition);
  for (std::size_t i = 0; i < items.size(); ++i) s.itemPositions.emplace(items[i].id, i);
  // The overall group exists even before any response, so that "no data" reads as suppressed.
  if (s.options.groupBy == GroupBy::None) s.group("");
}

Summarizer::~Summarizer() = default;
Summarizer::Summarizer(Summarizer&&) noexcept = default;
Summarizer& Summarizer::operator=(Summarizer&&) noexcept = default;

void Summarizer::add(const surveys::StoredResponse& stored) {
  State& s = *state_;
  const surveys::Response& response = stored.response;
  if (response.surveyId != s.definition.id) {
    throw std::invalid_argument("response of survey '" + response.surveyId + "' given to the summary of '" +
                                s.definition.id + "'");
  }
  GroupState& g = s.group(s.keyOf(stored));
  ++g.responses;
  g.courts.add(response.courtCode);

  const auto& items = s.definition.items;
  s.seen.assign(items.size(), 0);
  s.indexSums.assign(s.definition.indices.size(), 0.0);
  s.indexCounts.assign(s.definition.indices.size(), 0);
  s.indexShown.assign(s.definition.indices.size(), 0);
  std::size_t next = 0;  // answers usually come in definition order: try the next item first
  for (const surveys::Answer& answer : response.answers) {
    std::size_t pos = next;
    if (pos >= items.size() || items[pos].id != answer.itemId) {
      const auto it = s.itemPositions.find(answer.itemId);
      if (it == s.itemPositions.end()) continue;  // an item of another version
      pos = it->second;
    }
    next = pos + 1;
    if (s.seen[pos]) continue;  // the first answer counts, as Response::findAnswer sees it
    s.seen[pos] = 1;
    const surveys::Item& item = items[pos];
    ItemState& state = g.items[pos];
    const std::int64_t before = state.n;
    addAnswer(item, state, answer);
    if (state.n != before) {
      for (std::size_t x : s.indicesOfItem[pos]) {
        s.indexSums[x] += answer.code;
        ++s.indexCounts[x];
      }
    }
  }
  for (std::size_t pos = 0; pos < items.size(); ++pos) {
    // Absent and shown = skipped; absent because its condition hid it = not asked, not counted.
    const bool shown = s.seen[pos] || surveys::isVisible(items[pos], response);
    if (!s.seen[pos] && shown) ++g.items[pos].nonAnswers[detail::kSkippedSlot];
    if (shown) {
      for (std::size_t x : s.indicesOfItem[pos]) ++s.indexShown[x];
    }
  }
  for (std::size_t x = 0; x < s.indexCounts.size(); ++x) {
    if (!detail::countsInIndex(s.indexCounts[x], s.indexShown[x])) continue;
    g.indices[x].merge(Moments{1, s.indexSums[x] / s.indexCounts[x], 0.0});
  }
}

void Summarizer::merge(const Summarizer& other) {
  if (&other == this) {
    // Merging with itself doubles every count; work from a copy so the maps are not aliased.
    const State copy = *state_;
    Summarizer twin(copy.definition, copy.options);
    *twin.state_ = copy;
    merge(twin);
    return;
  }
  State& s = *state_;
  const State& o = *other.state_;
  if (s.definition.id != o.definition.id || s.definition.version != o.definition.version) {
    throw std::invalid_argument("cannot merge summaries of different surveys or versions");
  }
  if (s.options.groupBy != o.options.groupBy || s.minGroupSize != o.minGroupSize || s.twoCourts != o.twoCourts) {
    throw std::invalid_argument("cannot merge summaries made with different options");
  }
  for (const auto& [key, theirs] : o.groups) {
    s.group(key).merge(theirs);
  }
}

SurveySummary Summarizer::result() const {
  const State& s = *state_;
  return detail::buildSummary(s.definition, s.options.groupBy, s.minGroupSize, s.twoCourts, s.groups);
}

SurveySummary summarize(const surveys::SurveyDefinition& definition, surveys::ResponseStore& store,
                        const surveys::ResponseQuery& query, const SummaryOptions& options) {
  Summarizer summarizer(definition, options);
  store.forEach(query, [&summarizer](const surveys::StoredResponse& stored) { summarizer.add(stored); });
  return summarizer.result();
}

}  // namespace courtvoice::analytics
