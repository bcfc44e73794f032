#include "courtvoice/analytics/summary.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include <boost/accumulators/accumulators.hpp>
#include <boost/accumulators/statistics/count.hpp>
#include <boost/accumulators/statistics/mean.hpp>
#include <boost/accumulators/statistics/stats.hpp>
#include <boost/accumulators/statistics/variance.hpp>

#include "courtvoice/surveys/response_validation.hpp"

namespace courtvoice::analytics {

namespace ba = boost::accumulators;
using surveys::ItemType;
using surveys::NonAnswer;

std::string toString(GroupBy groupBy) {
  switch (groupBy) {
    case GroupBy::None: return "none";
    case GroupBy::Court: return "court";
    case GroupBy::Region: return "region";
    case GroupBy::Month: return "month";
    case GroupBy::Quarter: return "quarter";
  }
  return "none";
}

std::optional<GroupBy> parseGroupBy(const std::string& text) {
  for (GroupBy g : {GroupBy::None, GroupBy::Court, GroupBy::Region, GroupBy::Month, GroupBy::Quarter}) {
    if (toString(g) == text) return g;
  }
  return std::nullopt;
}

namespace {

// Streaming moments of Number answers inside one segment (Welford-style update in Boost).
using Segment = ba::accumulator_set<double, ba::stats<ba::tag::count, ba::tag::mean, ba::tag::variance>>;

Moments toMoments(const Segment& segment) {
  Moments m;
  m.n = static_cast<std::int64_t>(ba::count(segment));
  if (m.n == 0) return m;
  m.mean = ba::mean(segment);
  // Boost's tag::variance is the population variance M2 / n, so M2 = variance * n.
  m.m2 = ba::variance(segment) * static_cast<double>(m.n);
  return m;
}

bool isFivePoint(ItemType type) { return type == ItemType::Agreement5 || type == ItemType::Satisfaction5; }

// Slots of the non-answer counters; "skipped" last.
constexpr std::size_t kSkippedSlot = 3;
constexpr std::array<const char*, 4> kNonAnswerNames = {"not_applicable", "dont_know", "no_opinion", "skipped"};

std::size_t slotOf(NonAnswer na) {
  switch (na) {
    case NonAnswer::NotApplicable: return 0;
    case NonAnswer::DontKnow: return 1;
    case NonAnswer::NoOpinion: return 2;
  }
  return 0;
}

/// The value at 0-based rank `k` of the multiset described by value -> count.
template <typename K>
double valueAtRank(const std::map<K, std::int64_t>& counts, std::int64_t k) {
  std::int64_t seen = 0;
  for (const auto& [value, count] : counts) {
    seen += count;
    if (k < seen) return static_cast<double>(value);
  }
  return 0.0;  // unreachable when k < total
}

/// Exact median: the middle value for odd n, the mean of the two middle values for even n.
template <typename K>
std::optional<double> medianOf(const std::map<K, std::int64_t>& counts, std::int64_t n) {
  if (n <= 0) return std::nullopt;
  if (n % 2 == 1) return valueAtRank(counts, n / 2);
  return (valueAtRank(counts, n / 2 - 1) + valueAtRank(counts, n / 2)) / 2.0;
}

/// Mergeable state of one item within one group.
struct ItemState {
  std::int64_t n = 0;                       // substantive answers
  std::array<std::int64_t, 11> scale{};     // scale items: answers per value 0..10 (no map in the hot path)
  std::map<int, std::int64_t> counts;       // choice items: option code -> answers
  std::array<std::int64_t, 4> nonAnswers{}; // by slot, see kNonAnswerNames
  // Number items: Boost computes the moments of the current segment; merged segments are
  // combined with Moments::merge (Chan et al.). Values are also counted for an exact median.
  Moments merged;
  Segment segment;
  std::unordered_map<double, std::int64_t> values;  // hashed: a tree lookup per answer was the hot spot

  Moments numberMoments() const {
    Moments m = merged;
    m.merge(toMoments(segment));
    return m;
  }

  void merge(const ItemState& other) {
    n += other.n;
    for (std::size_t v = 0; v < scale.size(); ++v) scale[v] += other.scale[v];
    for (const auto& [code, count] : other.counts) counts[code] += count;
    for (std::size_t i = 0; i < nonAnswers.size(); ++i) nonAnswers[i] += other.nonAnswers[i];
    // Close this segment, then add the other's closed and open parts.
    merged = numberMoments();
    segment = Segment();
    merged.merge(other.numberMoments());
    for (const auto& [value, count] : other.values) values[value] += count;
  }
};

/// Mergeable state of one index within one group: the moments of the respondents' means.
struct IndexState {
  Moments respondentMeans;
};

struct GroupState {
  std::int64_t responses = 0;
  std::vector<ItemState> items;      // parallel to the definition's items
  std::vector<IndexState> indices;   // parallel to the definition's indices
};

void addAnswer(const surveys::Item& item, ItemState& state, const surveys::Answer& answer) {
  if (answer.nonAnswer) {
    ++state.nonAnswers[slotOf(*answer.nonAnswer)];
    return;
  }
  // Answers are validated against the version they were given for; a value that does not fit
  // the definition summarised (e.g. a scale changed between versions) is left out entirely.
  switch (item.type) {
    case ItemType::Agreement5:
    case ItemType::Satisfaction5:
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

ItemSummary summarizeItem(const surveys::Item& item, const ItemState& state, int minGroupSize) {
  ItemSummary out;
  out.itemId = item.id;
  if (state.n < minGroupSize) {
    // Too few answers to show anything, not even how many (n and the non-answers would give it).
    out.suppressed = true;
    return out;
  }
  out.n = state.n;
  for (std::size_t i = 0; i < state.nonAnswers.size(); ++i) {
    if (state.nonAnswers[i] > 0) out.nonAnswers[kNonAnswerNames[i]] = state.nonAnswers[i];
  }
  const double n = static_cast<double>(state.n);
  switch (item.type) {
    case ItemType::Agreement5:
    case ItemType::Satisfaction5:
    case ItemType::Scale0to10: {
      for (std::size_t v = 0; v < state.scale.size(); ++v) {
        if (state.scale[v] > 0) out.counts[static_cast<int>(v)] = state.scale[v];
      }
      if (state.n == 0) break;
      // Mean and sd exactly from the counts (two passes over at most 11 codes).
      double sum = 0;
      for (const auto& [code, count] : out.counts) sum += code * static_cast<double>(count);
      const double mean = sum / n;
      double m2 = 0;
      for (const auto& [code, count] : out.counts) m2 += static_cast<double>(count) * (code - mean) * (code - mean);
      out.mean = mean;
      if (state.n >= 2) out.sd = std::sqrt(m2 / (n - 1));
      out.median = medianOf(out.counts, state.n);
      const int favourableFrom = item.type == ItemType::Scale0to10 ? 9 : 4;
      std::int64_t favourable = 0;
      std::int64_t detractors = 0;
      for (const auto& [code, count] : out.counts) {
        if (code >= favourableFrom) favourable += count;
        if (code <= 6) detractors += count;
      }
      out.favourable = static_cast<double>(favourable) / n;
      out.favourableCi = wilsonInterval(favourable, state.n);
      if (item.type == ItemType::Scale0to10) {
        out.nps = 100.0 * static_cast<double>(favourable - detractors) / n;
      }
      break;
    }
    case ItemType::SingleChoice:
    case ItemType::MultipleChoice:
      out.counts = state.counts;
      break;
    case ItemType::Number: {
      if (state.n == 0) break;
      const Moments m = state.numberMoments();
      out.mean = m.mean;
      if (m.n >= 2) out.sd = m.sampleSd();
      const std::map<double, std::int64_t> ordered(state.values.begin(), state.values.end());
      out.median = medianOf(ordered, state.n);
      break;
    }
    case ItemType::Text:
      break;
  }
  return out;
}

}  // namespace

struct Summarizer::State {
  surveys::SurveyDefinition definition;
  SummaryOptions options;
  int minGroupSize = 0;
  std::unordered_map<std::string, std::size_t> itemPositions;
  std::vector<std::vector<std::size_t>> indicesOfItem;  // per item: the indices it feeds
  std::map<std::string, GroupState> groups;             // by key, hence sorted
  // Scratch space reused by add().
  std::vector<char> seen;
  std::vector<double> indexSums;
  std::vector<int> indexCounts;

  GroupState& group(const std::string& key) {
    auto [it, inserted] = groups.try_emplace(key);
    if (inserted) {
      it->second.items.resize(definition.items.size());
      it->second.indices.resize(definition.indices.size());
    }
    return it->second;
  }

  std::string keyOf(const surveys::StoredResponse& stored) const {
    switch (options.groupBy) {
      case GroupBy::None: return "";
      case GroupBy::Court: return stored.response.courtCode;
      case GroupBy::Region: return stored.region;
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
  const auto& items = s.definition.items;
  s.indicesOfItem.resize(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    s.itemPositions.emplace(items[i].id, i);
    if (!isFivePoint(items[i].type)) continue;
    for (std::size_t x = 0; x < s.definition.indices.size(); ++x) {
      const auto& dims = s.definition.indices[x].dimensions;
      if (std::find(dims.begin(), dims.end(), items[i].dimension) != dims.end()) s.indicesOfItem[i].push_back(x);
    }
  }
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

  const auto& items = s.definition.items;
  s.seen.assign(items.size(), 0);
  s.indexSums.assign(s.definition.indices.size(), 0.0);
  s.indexCounts.assign(s.definition.indices.size(), 0);
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
    if (!s.seen[pos] && surveys::isVisible(items[pos], response)) ++g.items[pos].nonAnswers[kSkippedSlot];
  }
  for (std::size_t x = 0; x < s.indexCounts.size(); ++x) {
    if (s.indexCounts[x] == 0) continue;
    g.indices[x].respondentMeans.merge(Moments{1, s.indexSums[x] / s.indexCounts[x], 0.0});
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
  if (s.options.groupBy != o.options.groupBy || s.minGroupSize != o.minGroupSize) {
    throw std::invalid_argument("cannot merge summaries made with different options");
  }
  for (const auto& [key, theirs] : o.groups) {
    GroupState& mine = s.group(key);
    mine.responses += theirs.responses;
    for (std::size_t i = 0; i < mine.items.size(); ++i) mine.items[i].merge(theirs.items[i]);
    for (std::size_t x = 0; x < mine.indices.size(); ++x) {
      mine.indices[x].respondentMeans.merge(theirs.indices[x].respondentMeans);
    }
  }
}

SurveySummary Summarizer::result() const {
  const State& s = *state_;
  SurveySummary out;
  out.surveyId = s.definition.id;
  out.groupBy = s.options.groupBy;
  out.minGroupSize = s.minGroupSize;
  for (const auto& [key, g] : s.groups) {
    GroupSummary gs;
    gs.key = key;
    if (g.responses < s.minGroupSize) {
      // Suppressed: not even the count is shown, and it is left out of the total too.
      gs.suppressed = true;
      out.groups.push_back(std::move(gs));
      continue;
    }
    gs.responses = g.responses;
    out.totalResponses += g.responses;
    for (std::size_t i = 0; i < s.definition.items.size(); ++i) {
      gs.items.push_back(summarizeItem(s.definition.items[i], g.items[i], s.minGroupSize));
    }
    for (std::size_t x = 0; x < s.definition.indices.size(); ++x) {
      IndexSummary is;
      is.indexId = s.definition.indices[x].id;
      const Moments& m = g.indices[x].respondentMeans;
      if (m.n < s.minGroupSize) {
        is.suppressed = true;
      } else {
        is.n = m.n;
        // 1..5 mapped onto 0..100: all 1s -> 0, all 5s -> 100.
        if (m.n > 0) is.value = (m.mean - 1.0) * 25.0;
      }
      gs.indices.push_back(std::move(is));
    }
    out.groups.push_back(std::move(gs));
  }
  return out;
}

SurveySummary summarize(const surveys::SurveyDefinition& definition, surveys::ResponseStore& store,
                        const surveys::ResponseQuery& query, const SummaryOptions& options) {
  Summarizer summarizer(definition, options);
  store.forEach(query, [&summarizer](const surveys::StoredResponse& stored) { summarizer.add(stored); });
  return summarizer.result();
}

}  // namespace courtvoice::analytics
