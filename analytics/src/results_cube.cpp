#include "results_cube.hpp"

#include <algorithm>
#include <cmath>

namespace courtvoice::analytics::detail {

using surveys::ItemType;

namespace {

constexpr std::uint32_t kFirstCodeSlot = 1 + kNonAnswerSlots;  // after n and the non-answers

std::uint64_t cellKey(std::uint32_t court, std::int32_t month) {
  return (std::uint64_t{court} << 32) | static_cast<std::uint32_t>(month);
}

template <typename T>
std::size_t vectorBytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

}  // namespace

CellLayout::CellLayout(const surveys::SurveyDefinition& def) : indicesOfItem(indicesOfItems(def)) {
  for (const surveys::Item& item : def.items) {
    ItemLayout l;
    l.base = slots;
    if (surveys::isScale(item.type)) {
      l.codeMin = surveys::scaleMin(item.type);
      l.codeSlots = surveys::scaleMax(item.type) - l.codeMin + 1;
    } else if (item.type == ItemType::SingleChoice || item.type == ItemType::MultipleChoice) {
      for (const surveys::Option& option : item.options) {
        l.optionSlot.emplace(option.code, static_cast<int>(l.optionSlot.size()));
      }
      l.codeSlots = static_cast<int>(l.optionSlot.size());
    } else if (item.type == ItemType::Number) {
      l.number = numbers++;
    }
    slots += kFirstCodeSlot + static_cast<std::uint32_t>(l.codeSlots);
    items.push_back(std::move(l));
  }
}

void NumberState::add(std::uint32_t id, std::uint64_t count) {
  if (isDense) {
    if (dense.size() <= id) dense.resize(id + 1, 0);
    dense[id] += count;
    return;
  }
  const auto at = std::lower_bound(sparse.begin(), sparse.end(), id,
                                   [](const auto& entry, std::uint32_t key) { return entry.first < key; });
  if (at != sparse.end() && at->first == id) {
    at->second += count;
  } else {
    sparse.insert(at, {id, count});
  }
}

void NumberState::merge(const NumberState& other) {
  moments.merge(other.moments);
  for (const auto& [id, count] : other.sparse) add(id, count);
  for (std::size_t id = 0; id < other.dense.size(); ++id) {
    if (other.dense[id] != 0) add(static_cast<std::uint32_t>(id), other.dense[id]);
  }
}

RowAccumulator::RowAccumulator(const surveys::SurveyDefinition& def, const CellLayout& layout,
                               const SurveyColumns& columns)
    : def_(def),
      layout_(layout),
      columns_(columns),
      indexSums_(def.indices.size()),
      indexCounts_(def.indices.size()),
      indexShown_(def.indices.size()) {
  for (const surveys::Item& item : def.items) {
    Bound b;
    b.item = &item;
    b.column = columns.column(item.id);
    if (item.showIf) {
      b.condition = columns.column(item.showIf->itemId);
      for (int code : item.showIf->anyOf) {
        if (code >= 0 && code < 64) b.anyOfMask |= std::uint64_t{1} << code;
      }
    }
    items_.push_back(b);
  }
}

// surveys::isVisible on the columns: the condition's item answered (not a non-answer) with a
// listed code, or, for a multiple choice, with any listed code among those chosen.
bool RowAccumulator::visible(const Bound& b, std::uint32_t row) const {
  if (!b.item->showIf) return true;
  if (b.condition == nullptr) return false;
  const std::uint8_t byte = b.condition->codes[row];
  if (byte == kAbsent || isNonAnswer(byte)) return false;
  const std::vector<int>& anyOf = b.item->showIf->anyOf;
  const auto listed = [&anyOf](int code) { return std::find(anyOf.begin(), anyOf.end(), code) != anyOf.end(); };
  if (b.condition->hasChoices(row)) {
    if (b.condition->bigChoices.empty() || b.condition->bigChoices.count(row) == 0) {
      if ((b.condition->choices[row] & b.anyOfMask) != 0) return true;
      // Codes listed beyond 0..63 can never be in the mask; nothing else to look at.
      return false;
    }
    const std::vector<int> chosen = b.condition->chosen(row);
    return std::any_of(chosen.begin(), chosen.end(), listed);
  }
  return listed(b.condition->code(row));
}

// A code among the item's options has its slot; any other (e.g. from an older version) is
// counted aside, as the reference counts every code it sees.
template <typename Count>
void RowAccumulator::countOption(std::size_t item, int code, Tally<Count>& tally) const {
  const ItemLayout& l = layout_.items[item];
  const auto slot = l.optionSlot.find(code);
  if (slot != l.optionSlot.end()) {
    ++tally.slots[l.base + kFirstCodeSlot + static_cast<std::uint32_t>(slot->second)];
  } else {
    ++tally.otherCodes[{item, code}];
  }
}

template <typename Count>
void RowAccumulator::add(std::uint32_t row, Tally<Count>& tally) {
  ++tally.slots[0];
  tally.courts.add(columns_.court[row]);
  std::fill(indexSums_.begin(), indexSums_.end(), 0.0);
  std::fill(indexCounts_.begin(), indexCounts_.end(), 0);
  std::fill(indexShown_.begin(), indexShown_.end(), 0);
  for (std::size_t i = 0; i < items_.size(); ++i) {
    const Bound& b = items_[i];
    const ItemLayout& l = layout_.items[i];
    const std::uint8_t byte = b.column == nullptr ? kAbsent : b.column->codes[row];
    // Shown: answered in any way, or its condition holds (the index rule counts these).
    const bool shown = byte != kAbsent || visible(b, row);
    if (shown) {
      for (std::size_t x : layout_.indicesOfItem[i]) ++indexShown_[x];
    }
    if (byte == kAbsent) {
      // Absent and shown = skipped; absent because its condition hid it = not asked, not counted.
      if (shown) ++tally.slots[l.base + 1 + kSkippedSlot];
      continue;
    }
    if (isNonAnswer(byte)) {
      ++tally.slots[l.base + 1 + (byte - kNotApplicable)];
      continue;
    }
    const ItemType type = b.item->type;
    switch (type) {
      case ItemType::Agreement5:
      case ItemType::Satisfaction5:
      case ItemType::Scale5:
      case ItemType::Scale0to10: {
        // A value that does not fit the definition summarised is left out entirely.
        const int code = b.column->code(row);
        if (code < l.codeMin || code >= l.codeMin + l.codeSlots) break;
        ++tally.slots[l.base + kFirstCodeSlot + static_cast<std::uint32_t>(code - l.codeMin)];
        ++tally.slots[l.base];
        for (std::size_t x : layout_.indicesOfItem[i]) {
          indexSums_[x] += code;
          ++indexCounts_[x];
        }
        break;
      }
      case ItemType::SingleChoice:
        countOption(i, b.column->code(row), tally);
        ++tally.slots[l.base];
        break;
      case ItemType::MultipleChoice:
        if (!b.column->hasChoices(row)) break;
        for (int code : b.column->chosen(row)) countOption(i, code, tally);
        ++tally.slots[l.base];
        break;
      case ItemType::Number: {
        const double value = b.column->number(row);
        if (!std::isfinite(value)) break;
        NumberState& number = tally.numbers[static_cast<std::size_t>(l.number)];
        number.moments.merge(Moments{1, value, 0.0});
        number.add(b.column->numberId(row), 1);
        ++tally.slots[l.base];
        break;
      }
      case ItemType::Text:
        ++tally.slots[l.base];
        break;
    }
  }
  for (std::size_t x = 0; x < indexCounts_.size(); ++x) {
    if (!countsInIndex(indexCounts_[x], indexShown_[x])) continue;
    tally.indices[x].merge(Moments{1, indexSums_[x] / indexCounts_[x], 0.0});
  }
}

template void RowAccumulator::add<std::uint32_t>(std::uint32_t, Tally<std::uint32_t>&);
template void RowAccumulator::add<std::uint64_t>(std::uint32_t, Tally<std::uint64_t>&);

namespace {

CourtSpread<std::string> courtCodesOf(const CourtSpread<std::uint32_t>& spread, const std::vector<std::string>& courtCodes) {
  CourtSpread<std::string> out;
  if (spread.any) out.add(courtCodes.at(spread.first));
  out.several = spread.several;
  return out;
}

}  // namespace

GroupState toGroupState(const surveys::SurveyDefinition& def, const CellLayout& layout, const GroupTally& tally,
                        const SurveyColumns* columns, const std::vector<std::string>& courtCodes) {
  GroupState g;
  g.resize(def);
  g.responses = static_cast<std::int64_t>(tally.slots[0]);
  g.courts = courtCodesOf(tally.courts, courtCodes);
  for (std::size_t i = 0; i < def.items.size(); ++i) {
    const ItemLayout& l = layout.items[i];
    ItemState& s = g.items[i];
    s.n = static_cast<std::int64_t>(tally.slots[l.base]);
    for (std::size_t k = 0; k < kNonAnswerSlots; ++k) s.nonAnswers[k] = static_cast<std::int64_t>(tally.slots[l.base + 1 + k]);
    const surveys::Item& item = def.items[i];
    if (surveys::isScale(item.type)) {
      for (int k = 0; k < l.codeSlots; ++k) {
        s.scale[static_cast<std::size_t>(l.codeMin + k)] =
            static_cast<std::int64_t>(tally.slots[l.base + kFirstCodeSlot + static_cast<std::uint32_t>(k)]);
      }
    } else if (!l.optionSlot.empty()) {
      for (const auto& [code, slot] : l.optionSlot) {
        const auto count = static_cast<std::int64_t>(tally.slots[l.base + kFirstCodeSlot + static_cast<std::uint32_t>(slot)]);
        if (count > 0) s.counts[code] = count;  // the reference counts only codes it saw
      }
    } else if (l.number >= 0) {
      const NumberState& number = tally.numbers[static_cast<std::size_t>(l.number)];
      s.merged = number.moments;
      const ItemColumn* column = columns == nullptr ? nullptr : columns->column(item.id);
      for (std::size_t id = 0; column != nullptr && id < number.dense.size(); ++id) {
        if (number.dense[id] != 0) s.values[column->numberValues[id]] += static_cast<std::int64_t>(number.dense[id]);
      }
    }
  }
  for (const auto& [key, count] : tally.otherCodes) g.items[key.first].counts[key.second] += count;
  g.indices = tally.indices;
  return g;
}

Cell toTrendCell(const surveys::SurveyDefinition& def, const CellLayout& layout, const GroupTally& tally,
                 const std::vector<std::string>& courtCodes) {
  Cell cell;
  cell.responses = static_cast<std::int64_t>(tally.slots[0]);
  cell.courts = courtCodesOf(tally.courts, courtCodes);
  cell.items.resize(def.items.size());
  for (std::size_t i = 0; i < def.items.size(); ++i) {
    const ItemLayout& l = layout.items[i];
    ItemCell& c = cell.items[i];
    c.n = static_cast<std::int64_t>(tally.slots[l.base]);
    if (surveys::isScale(def.items[i].type)) {
      for (int k = 0; k < l.codeSlots; ++k) {
        c.scale[static_cast<std::size_t>(l.codeMin + k)] =
            static_cast<std::int64_t>(tally.slots[l.base + kFirstCodeSlot + static_cast<std::uint32_t>(k)]);
      }
    } else if (l.number >= 0) {
      c.number = tally.numbers[static_cast<std::size_t>(l.number)].moments;
    }
  }
  cell.indices = tally.indices;
  return cell;
}

Cube::Cube(surveys::SurveyDefinition def, int version) : def_(std::move(def)), layout_(def_), version_(version) {}

void Cube::catchUp(const SurveyColumns& columns) {
  if (rowsCovered_ == columns.rows()) return;
  RowAccumulator accumulator(def_, layout_, columns);
  for (auto row = static_cast<std::uint32_t>(rowsCovered_); row < columns.rows(); ++row) {
    if (columns.version[row] != version_) continue;
    const std::uint64_t key = cellKey(columns.court[row], columns.month[row]);
    auto [it, inserted] = cellOf_.try_emplace(key, cells_.size());
    if (inserted) {
      Entry entry;
      entry.court = columns.court[row];
      entry.month = columns.month[row];
      entry.tally.reset(layout_, def_.indices.size());
      cells_.push_back(std::move(entry));
    }
    accumulator.add(row, cells_[it->second].tally);
  }
  rowsCovered_ = columns.rows();
}

std::size_t Cube::bytes() const {
  std::size_t total = vectorBytes(cells_) + cellOf_.size() * 32;
  for (const Entry& entry : cells_) {
    total += vectorBytes(entry.tally.slots) + vectorBytes(entry.tally.indices) + vectorBytes(entry.tally.numbers);
    for (const NumberState& number : entry.tally.numbers) total += vectorBytes(number.sparse);
    total += entry.tally.otherCodes.size() * 64;
  }
  return total;
}

std::string analysisShape(const surveys::SurveyDefinition& def) {
  std::string shape = def.id + "#" + std::to_string(def.version);
  for (const surveys::Item& item : def.items) {
    shape += "|" + item.id + ":" + surveys::toString(item.type) + ":" + item.dimension + ":";
    for (const surveys::Option& option : item.options) shape += std::to_string(option.code) + ",";
    if (item.showIf) {
      shape += "?" + item.showIf->itemId + "=";
      for (int code : item.showIf->anyOf) shape += std::to_string(code) + ",";
    }
  }
  for (const surveys::IndexDefinition& index : def.indices) {
    shape += "|#" + index.id + ":";
    for (const std::string& dim : index.dimensions) shape += dim + ",";
  }
  return shape;
}

}  // namespace courtvoice::analytics::detail
