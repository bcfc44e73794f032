#include "courtvoice/server/comment_service.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include <Poco/UTF8String.h>

#include "courtvoice/server/access_scope.hpp"
#include "courtvoice/server/disclosure_guard.hpp"
#include "courtvoice/server/json_io.hpp"
#include "courtvoice/server/personal_data_mask.hpp"
#include "courtvoice/server/report_json.hpp"
#include "courtvoice/server/report_scope.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/localized_text.hpp"
#include "courtvoice/surveys/regions.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

namespace {

std::optional<int> wholeNumber(const std::string& text, int min, int max) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) return std::nullopt;
  return value;
}

std::size_t codePoints(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

bool hasScore(surveys::ItemType type) {
  return surveys::isScale(type) || type == surveys::ItemType::SingleChoice;
}

// The definition's items and texts: the score item must be one the engine holds as a code.
void checkScoreItem(const surveys::SurveyDefinition& def, const CommentsRequest& request) {
  if (request.scoreItem.empty()) return;
  const auto item = std::find_if(def.items.begin(), def.items.end(),
                                 [&](const surveys::Item& i) { return i.id == request.scoreItem; });
  if (item == def.items.end()) {
    throw DomainError(ErrorKind::Invalid, "unknown_item", "no item " + request.scoreItem + " in this survey", "item");
  }
  if (!hasScore(item->type)) {
    throw DomainError(ErrorKind::Invalid, "invalid_item", "item must be a scale or single-choice item", "item");
  }
}

// Responses of the cell (the filters, and the score filter when given) per court, from the
// engine's codes: no database read.
std::map<std::string, std::int64_t> responsesPerCourt(analytics::ResultsEngine& engine, const std::string& surveyId,
                                                      const std::vector<surveys::Court>& courts,
                                                      const CommentsRequest& request) {
  std::map<std::string, std::int64_t> perCourt;
  std::vector<std::string> itemIds;
  if (!request.scoreItem.empty()) itemIds.push_back(request.scoreItem);
  const std::set<int> scores(request.scores.begin(), request.scores.end());
  engine.scan(surveyId, courts, resultsFilter(request), itemIds, [&](const analytics::ScannedRow& row) {
    if (!itemIds.empty() && !scores.contains(row.code(0))) return;
    ++perCourt[std::string(row.court)];
  });
  return perCourt;
}

// The items a score filter can use, with their codes and labels (the dashboard's choices).
Poco::JSON::Array::Ptr scoreItemsJson(const surveys::SurveyDefinition& def, const std::string& lang) {
  auto list = makeArray();
  for (const auto& item : def.items) {
    if (!hasScore(item.type)) continue;
    auto codes = makeArray();
    const auto addCode = [&](int code, const std::vector<surveys::Option>& labels) {
      auto entry = makeObject();
      entry->set("code", code);
      const auto label = std::find_if(labels.begin(), labels.end(), [&](const surveys::Option& o) { return o.code == code; });
      entry->set("label", label == labels.end() ? std::string() : surveys::pick(label->label, lang));
      codes->add(entry);
    };
    if (item.type == surveys::ItemType::SingleChoice) {
      for (const auto& option : item.options) addCode(option.code, item.options);
    } else {
      for (int code = surveys::scaleMin(item.type); code <= surveys::scaleMax(item.type); ++code) addCode(code, item.scaleLabels);
    }
    auto object = makeObject();
    object->set("id", item.id);
    object->set("text", surveys::pick(item.text, lang));
    object->set("codes", codes);
    list->add(object);
  }
  return list;
}

Poco::JSON::Object::Ptr filtersJson(const CommentsRequest& request) {
  auto filters = filtersToJson(request);
  filters->set("q", request.search);
  filters->set("item", request.scoreItem.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(request.scoreItem));
  auto scores = makeArray();
  for (int score : request.scores) scores->add(score);
  filters->set("score", scores);
  return filters;
}

}  // namespace

void addCommentParams(CommentsRequest& request, const std::optional<std::string>& search,
                      const std::optional<std::string>& item, const std::vector<std::string>& scores,
                      const std::optional<std::string>& page, const std::optional<std::string>& pageSize) {
  if (search) {
    request.search = trimmed(*search);
    if (!isValidUtf8(request.search) || codePoints(request.search) > CommentsRequest::kMaxSearchChars) {
      throw DomainError(ErrorKind::Invalid, "invalid_query", "q must be text of at most 100 characters", "q");
    }
  }
  if (item) request.scoreItem = *item;
  for (const std::string& text : scores) {
    const auto score = wholeNumber(text, -1000, 1000);
    if (!score) throw DomainError(ErrorKind::Invalid, "invalid_score", "score must be whole numbers, e.g. 1,2", "score");
    request.scores.push_back(*score);
  }
  if (!request.scoreItem.empty() && request.scores.empty()) {
    throw DomainError(ErrorKind::Invalid, "missing_score", "item needs score (the codes to keep)", "score");
  }
  if (request.scoreItem.empty() && !request.scores.empty()) {
    throw DomainError(ErrorKind::Invalid, "missing_item", "score needs item (the item the codes are of)", "item");
  }
  if (page && !page->empty()) {
    const auto number = wholeNumber(*page, 1, 100000);
    if (!number) throw DomainError(ErrorKind::Invalid, "invalid_page", "page must be a whole number from 1", "page");
    request.page = *number;
  }
  if (pageSize && !pageSize->empty()) {
    const auto number = wholeNumber(*pageSize, 1, CommentsRequest::kMaxPageSize);
    if (!number) {
      throw DomainError(ErrorKind::Invalid, "invalid_page_size", "page_size must be a whole number from 1 to 50",
                        "page_size");
    }
    request.pageSize = *number;
  }
}

std::string foldForSearch(std::string_view text) {
  std::string folded = Poco::UTF8::toLower(std::string(text));
  // "ё" (U+0451) as "е" (U+0435), as the collation compares them.
  for (std::size_t at = folded.find("\xD1\x91"); at != std::string::npos; at = folded.find("\xD1\x91", at + 2)) {
    folded.replace(at, 2, "\xD0\xB5");
  }
  return folded;
}

CommentService::CommentService(surveys::SurveyStore& surveys, analytics::ResultsEngine& engine,
                               surveys::CourtStore& courts, surveys::CommentStore& comments)
    : surveys_(surveys), engine_(engine), courts_(courts), comments_(comments) {}

std::string CommentService::commentsJson(const std::string& surveyId, const CommentsRequest& asked) {
  surveys::SurveyDefinition def = reportDefinition(surveys_, surveyId);
  const std::vector<surveys::Court> courts = courts_.list();
  CommentsRequest request = asked;
  narrowToCurrentScope(courts, request, ScopeQuery{reportedByCourt(surveys_, def)});
  applyCourtReporting(surveys_, def, request, /*groupsByCourt=*/false);
  checkScoreItem(def, request);
  checkDisclosure(engine_, def, courts, request);

  const std::string& lang = request.lang;
  const int minGroup = def.effectiveMinGroupSize();
  auto root = makeObject();
  root->set("survey_id", def.id);
  root->set("language", lang);
  root->set("title", surveys::pick(def.title, lang));
  root->set("report_by_court", def.reportByCourt);
  root->set("min_group_size", minGroup);
  root->set("filters", filtersJson(request));
  auto items = makeArray();
  std::vector<std::string> textItems;
  for (const auto& item : def.items) {
    if (item.type != surveys::ItemType::Text) continue;
    textItems.push_back(item.id);
    auto object = makeObject();
    object->set("id", item.id);
    object->set("text", surveys::pick(item.text, lang));
    items->add(object);
  }
  root->set("items", items);
  root->set("score_items", scoreItemsJson(def, lang));

  // The cell is the filters' responses (with the score filter, those who gave that score): under
  // the minimum, no comment; reported by court, a court under the minimum shows none either,
  // as its comments would be shown under its name. Not reported by court: the cell must hold
  // responses of two courts at least, and no comment names a court or region.
  const auto perCourt = responsesPerCourt(engine_, def.id, courts, request);
  std::int64_t responses = 0;
  std::vector<std::string> shownCourts;
  int withheldCourts = 0;
  for (const auto& [court, count] : perCourt) {
    responses += count;
    if (!def.reportByCourt || count >= minGroup) shownCourts.push_back(court);
    else ++withheldCourts;
  }
  const bool tooFew = responses < minGroup || (!def.reportByCourt && perCourt.size() < 2);
  root->set("suppressed", tooFew);
  if (tooFew) {
    root->set("reason", "too_few_responses");
    root->set("comments", makeArray());
    return toJson(root);
  }

  surveys::CommentQuery query;
  query.surveyId = def.id;
  query.itemIds = textItems;
  query.courts = shownCourts;
  query.from = request.from;
  query.to = request.to;
  query.versions = request.versions;
  query.contains = request.search;
  query.scoreItem = request.scoreItem;
  query.scoreCodes = request.scores;

  const std::size_t offset = static_cast<std::size_t>(request.page - 1) * static_cast<std::size_t>(request.pageSize);
  std::vector<surveys::StoredComment> page;
  std::size_t total = 0;
  if (request.search.empty()) {
    total = comments_.count(query);
    page = comments_.find(query, offset, static_cast<std::size_t>(request.pageSize));
    for (auto& comment : page) comment.text = maskPersonalData(comment.text);
  } else {
    // The database finds the candidates; the search must also match the masked text, so that a
    // search for digits or an address cannot tell whether some comment holds them.
    const std::string needle = foldForSearch(request.search);
    for (auto& comment : comments_.find(query, 0, 0)) {
      comment.text = maskPersonalData(comment.text);
      if (foldForSearch(comment.text).find(needle) == std::string::npos) continue;
      if (total >= offset && page.size() < static_cast<std::size_t>(request.pageSize)) page.push_back(comment);
      ++total;
    }
  }

  std::map<std::string, const surveys::Court*> courtByCode;
  for (const auto& court : courts) courtByCode[court.code] = &court;
  auto list = makeArray();
  for (const auto& comment : page) {
    auto object = makeObject();
    object->set("month", comment.month);
    object->set("item_id", comment.itemId);
    object->set("language", comment.language);
    object->set("text", comment.text);
    if (def.reportByCourt) {
      const auto court = courtByCode.find(comment.court);
      object->set("court", comment.court);
      object->set("court_name", court != courtByCode.end() ? surveys::pick(court->second->name, lang) : comment.court);
      const std::string region = court != courtByCode.end() ? court->second->region : "";
      object->set("region", region);
      object->set("region_name", surveys::regionName(region, lang));
    }
    list->add(object);
  }
  root->set("withheld_courts", withheldCourts);
  root->set("total", total);
  root->set("page", request.page);
  root->set("page_size", request.pageSize);
  root->set("pages", (total + static_cast<std::size_t>(request.pageSize) - 1) / static_cast<std::size_t>(request.pageSize));
  root->set("comments", list);
  return toJson(root);
}

}  // namespace courtvoice::server
