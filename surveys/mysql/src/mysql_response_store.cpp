#include "courtvoice/surveys/mysql/mysql_response_store.hpp"

#include <cppconn/datatype.h>

#include <map>
#include <mutex>
#include <random>
#include <set>
#include <unordered_map>
#include <utility>

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/mysql/connection_pool.hpp"
#include "session.hpp"
#include "store_support.hpp"

namespace courtvoice::surveys::mysql {
namespace {

// Rows per multi-row INSERT (8 and 7 placeholders each; MySQL allows 65535 per statement).
constexpr std::size_t kResponsesPerInsert = 500;
constexpr std::size_t kAnswersPerInsert = 1000;
// Values per IN list when looking up many submission ids or courts at once.
constexpr std::size_t kKeysPerLookup = 500;
// Attempts of a bulk import whose submission ids were taken by concurrent submits meanwhile.
constexpr int kImportAttempts = 3;

using DefinitionPtr = std::shared_ptr<const SurveyDefinition>;

// 128 bits from the operating system's random source, as 32 hex digits: nothing about the time
// or order of arrival can be read from an id.
std::string newResponseId() {
  thread_local std::random_device device;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  id.reserve(32);
  for (int word = 0; word < 4; ++word) {
    auto bits = static_cast<std::uint32_t>(device());
    for (int nibble = 0; nibble < 8; ++nibble) {
      id += kHex[bits & 0xFU];
      bits >>= 4U;
    }
  }
  return id;
}

// One row of table `answers`. Points into the Response it came from.
struct AnswerRow {
  const std::string* itemId = nullptr;
  int seq = 0;
  std::optional<int> code;
  std::optional<double> number;
  const std::string* text = nullptr;
  std::optional<NonAnswer> nonAnswer;
};

// The rows of one response, by the type of each item in its definition.
std::vector<AnswerRow> answerRows(const SurveyDefinition& definition, const Response& response,
                                  const std::string& fieldPrefix) {
  std::vector<AnswerRow> rows;
  rows.reserve(response.answers.size());
  std::set<std::string> answered;
  for (const Answer& answer : response.answers) {
    if (!answered.insert(answer.itemId).second) {
      throw DomainError(ErrorKind::Invalid, "duplicate_answer", "item '" + answer.itemId + "' is answered twice",
                        fieldPrefix + "answers." + answer.itemId);
    }
    const Item* item = definition.findItem(answer.itemId);
    if (item == nullptr) {
      throw DomainError(ErrorKind::Invalid, "unknown_item",
                        "item '" + answer.itemId + "' is not in version " + std::to_string(definition.version) +
                            " of survey '" + definition.id + "'",
                        fieldPrefix + "answers." + answer.itemId);
    }
    AnswerRow row;
    row.itemId = &answer.itemId;
    if (answer.nonAnswer) {
      row.nonAnswer = answer.nonAnswer;
      rows.push_back(row);
      continue;
    }
    switch (item->type) {
      case ItemType::MultipleChoice:
        for (std::size_t i = 0; i < answer.codes.size(); ++i) {
          row.seq = static_cast<int>(i);
          row.code = answer.codes[i];
          rows.push_back(row);
        }
        break;
      case ItemType::Number:
        row.number = answer.number;
        rows.push_back(row);
        break;
      case ItemType::Text:
        row.text = &answer.text;
        rows.push_back(row);
        break;
      case ItemType::Agreement5:
      case ItemType::Satisfaction5:
      case ItemType::Scale0to10:
      case ItemType::SingleChoice:
        row.code = answer.code;
        rows.push_back(row);
        break;
    }
  }
  return rows;
}

std::optional<std::string> findSubmission(Session& session, const std::string& submissionId) {
  auto& statement = session.prepare("SELECT id FROM responses WHERE submission_id = ?");
  statement.setString(1, submissionId);
  ResultSetPtr row(statement.executeQuery());
  if (row->next()) {
    return row->getString(1).asStdString();
  }
  return std::nullopt;
}

// A response to insert with the id chosen for it.
struct NewResponse {
  const Response* response = nullptr;
  std::string id;
  const std::vector<AnswerRow>* answers = nullptr;
};

void insertResponses(Session& session, const std::vector<NewResponse>& batch, std::size_t begin, std::size_t end) {
  auto& statement = session.prepare(
      "INSERT INTO responses (id, submission_id, survey_id, version, court_code, channel, language, given_on) VALUES " +
      rowPlaceholders(end - begin, 8));
  unsigned index = 1;
  for (std::size_t i = begin; i < end; ++i) {
    const Response& response = *batch[i].response;
    statement.setString(index++, batch[i].id);
    statement.setString(index++, response.submissionId);
    statement.setString(index++, response.surveyId);
    statement.setInt(index++, response.version);
    statement.setString(index++, response.courtCode);
    statement.setString(index++, toString(response.channel));
    statement.setString(index++, response.language);
    statement.setString(index++, response.givenOn.toString());
  }
  statement.executeUpdate();
}

void insertAnswers(Session& session, const std::vector<std::pair<const std::string*, const AnswerRow*>>& rows,
                   std::size_t begin, std::size_t end) {
  auto& statement = session.prepare(
      "INSERT INTO answers (response_id, item_id, seq, code, number, text, non_answer) VALUES " +
      rowPlaceholders(end - begin, 7));
  unsigned index = 1;
  for (std::size_t i = begin; i < end; ++i) {
    const auto& [responseId, row] = rows[i];
    statement.setString(index++, *responseId);
    statement.setString(index++, *row->itemId);
    statement.setInt(index++, row->seq);
    if (row->code) {
      statement.setInt(index++, *row->code);
    } else {
      statement.setNull(index++, sql::DataType::INTEGER);
    }
    if (row->number) {
      statement.setDouble(index++, *row->number);
    } else {
      statement.setNull(index++, sql::DataType::DOUBLE);
    }
    if (row->text != nullptr) {
      statement.setString(index++, *row->text);
    } else {
      statement.setNull(index++, sql::DataType::VARCHAR);
    }
    if (row->nonAnswer) {
      statement.setString(index++, toString(*row->nonAnswer));
    } else {
      statement.setNull(index++, sql::DataType::VARCHAR);
    }
  }
  statement.executeUpdate();
}

// Inserts the responses (their rows in `responses`) with multi-row INSERTs.
void insertResponseRows(Session& session, const std::vector<NewResponse>& responses) {
  for (std::size_t begin = 0; begin < responses.size(); begin += kResponsesPerInsert) {
    insertResponses(session, responses, begin, std::min(responses.size(), begin + kResponsesPerInsert));
  }
}

// Inserts the answers of the responses with multi-row INSERTs.
void insertAnswerRows(Session& session, const std::vector<NewResponse>& responses) {
  std::vector<std::pair<const std::string*, const AnswerRow*>> rows;
  for (const NewResponse& response : responses) {
    for (const AnswerRow& row : *response.answers) {
      rows.emplace_back(&response.id, &row);
    }
  }
  for (std::size_t begin = 0; begin < rows.size(); begin += kAnswersPerInsert) {
    insertAnswers(session, rows, begin, std::min(rows.size(), begin + kAnswersPerInsert));
  }
}

// The keys of `values` that exist in `column` of `table` (fixed names, never input).
std::set<std::string> existingKeys(Session& session, const char* table, const char* column,
                                   const std::vector<std::string>& values) {
  std::set<std::string> found;
  for (std::size_t begin = 0; begin < values.size(); begin += kKeysPerLookup) {
    const std::size_t end = std::min(values.size(), begin + kKeysPerLookup);
    auto& statement = session.prepare(std::string("SELECT ") + column + " FROM " + table + " WHERE " + column +
                                      " IN (" + placeholders(end - begin) + ")");
    unsigned index = 1;
    for (std::size_t i = begin; i < end; ++i) {
      statement.setString(index++, values[i]);
    }
    ResultSetPtr rows(statement.executeQuery());
    while (rows->next()) {
      found.insert(rows->getString(1).asStdString());
    }
  }
  return found;
}

[[noreturn]] void throwUnknownCourt(const std::string& court, const std::string& field) {
  throw DomainError(ErrorKind::Invalid, "unknown_court", "court '" + court + "' is not in the registry", field);
}

// The WHERE clause of a query (over `responses r JOIN courts c`) and its parameters, in order.
struct Filter {
  std::string where;
  std::vector<std::string> params;
};

Filter makeFilter(const ResponseQuery& query) {
  Filter filter;
  std::vector<std::string> conditions;
  if (!query.surveyId.empty()) {
    conditions.emplace_back("r.survey_id = ?");
    filter.params.push_back(query.surveyId);
  }
  if (!query.courts.empty()) {
    conditions.push_back("r.court_code IN (" + placeholders(query.courts.size()) + ")");
    filter.params.insert(filter.params.end(), query.courts.begin(), query.courts.end());
  }
  if (!query.regions.empty()) {
    conditions.push_back("c.region IN (" + placeholders(query.regions.size()) + ")");
    filter.params.insert(filter.params.end(), query.regions.begin(), query.regions.end());
  }
  if (query.from) {
    conditions.emplace_back("r.given_on >= ?");
    filter.params.push_back(query.from->toString());
  }
  if (query.to) {
    conditions.emplace_back("r.given_on <= ?");
    filter.params.push_back(query.to->toString());
  }
  filter.where = conditions.empty() ? "1 = 1" : "";
  for (std::size_t i = 0; i < conditions.size(); ++i) {
    filter.where += (i == 0 ? "" : " AND ") + conditions[i];
  }
  return filter;
}

unsigned bindFilter(sql::PreparedStatement& statement, const Filter& filter) {
  unsigned index = 1;
  for (const std::string& param : filter.params) {
    statement.setString(index++, param);
  }
  return index;
}

// A response read from the database with its id (the key of the pages).
struct PageEntry {
  std::string id;
  StoredResponse stored;
};

}  // namespace

// Definitions by (survey, version), read once: a version never changes once published. A draft
// may still change (SurveyStore::updateDraft), so it is read again each time.
class MySqlResponseStore::Definitions {
 public:
  /// The definition, or nullptr when the survey has no such version.
  DefinitionPtr find(Session& session, const std::string& surveyId, int version) {
    const auto key = std::make_pair(surveyId, version);
    {
      std::lock_guard lock(mutex_);
      if (auto found = cache_.find(key); found != cache_.end()) {
        return found->second;
      }
    }
    auto& statement =
        session.prepare("SELECT definition, status FROM survey_versions WHERE survey_id = ? AND version = ?");
    statement.setString(1, surveyId);
    statement.setInt(2, version);
    ResultSetPtr row(statement.executeQuery());
    if (!row->next()) {
      return nullptr;  // not cached: the version may be created later
    }
    auto definition =
        std::make_shared<const SurveyDefinition>(definitionFromStored(surveyId, version, row->getString(1)));
    if (row->getString(2).asStdString() == toString(VersionStatus::Draft)) {
      return definition;
    }
    std::lock_guard lock(mutex_);
    return cache_.emplace(key, std::move(definition)).first->second;
  }

  DefinitionPtr require(Session& session, const std::string& surveyId, int version, const std::string& field) {
    auto definition = find(session, surveyId, version);
    if (!definition) {
      throw DomainError(ErrorKind::NotFound, "unknown_version",
                        "survey '" + surveyId + "' has no version " + std::to_string(version), field);
    }
    return definition;
  }

 private:
  std::mutex mutex_;
  std::map<std::pair<std::string, int>, DefinitionPtr> cache_;
};

MySqlResponseStore::MySqlResponseStore(ConnectionPool& pool, std::size_t pageSize)
    : pool_(pool), pageSize_(pageSize > 0 ? pageSize : kDefaultPageSize), definitions_(std::make_unique<Definitions>()) {}

MySqlResponseStore::~MySqlResponseStore() = default;

SubmitResult MySqlResponseStore::submit(const Response& response) {
  SubmitResult result;
  pool_.run([&](Session& session) {
    const auto definition = definitions_->require(session, response.surveyId, response.version, "version");
    const auto rows = answerRows(*definition, response, "");
    if (auto existing = findSubmission(session, response.submissionId)) {
      result = {*existing, false};
      return;
    }
    Transaction transaction(session);
    const std::vector<NewResponse> batch{{&response, newResponseId(), &rows}};
    try {
      insertResponses(session, batch, 0, 1);
    } catch (const sql::SQLException& error) {
      if (error.getErrorCode() == mysql_errors::kDuplicateKey) {
        // A concurrent submit of the same submission_id committed first (our insert waited
        // for it). Its row is visible once this transaction is over.
        transaction.rollback();
        if (auto existing = findSubmission(session, response.submissionId)) {
          result = {*existing, false};
          return;
        }
      }
      if (error.getErrorCode() == mysql_errors::kNoReferencedRow &&
          std::string(error.what()).find("fk_responses_court") != std::string::npos) {
        throwUnknownCourt(response.courtCode, "court");
      }
      throw;
    }
    insertAnswerRows(session, batch);
    transaction.commit();
    result = {batch.front().id, true};
  });
  return result;
}

std::size_t MySqlResponseStore::importBulk(const std::vector<Response>& responses) {
  if (responses.empty()) {
    return 0;
  }
  std::size_t created = 0;
  pool_.run([&](Session& session) {
    // Everything that can be checked is checked before the first write.
    std::vector<std::vector<AnswerRow>> rows(responses.size());
    std::vector<std::string> courts;
    for (std::size_t i = 0; i < responses.size(); ++i) {
      const std::string prefix = "responses[" + std::to_string(i) + "].";
      const auto definition =
          definitions_->require(session, responses[i].surveyId, responses[i].version, prefix + "version");
      rows[i] = answerRows(*definition, responses[i], prefix);
      courts.push_back(responses[i].courtCode);
    }
    const auto knownCourts = existingKeys(session, "courts", "code", courts);
    for (std::size_t i = 0; i < responses.size(); ++i) {
      if (knownCourts.count(responses[i].courtCode) == 0) {
        throwUnknownCourt(responses[i].courtCode, "responses[" + std::to_string(i) + "].court");
      }
    }
    std::vector<std::string> submissionIds;
    submissionIds.reserve(responses.size());
    for (const Response& response : responses) {
      submissionIds.push_back(response.submissionId);
    }

    for (int attempt = 1;; ++attempt) {
      Transaction transaction(session);
      const auto stored = existingKeys(session, "responses", "submission_id", submissionIds);
      std::set<std::string> seen;
      std::vector<NewResponse> fresh;
      for (std::size_t i = 0; i < responses.size(); ++i) {
        const std::string& submissionId = responses[i].submissionId;
        // Stored before, or repeated within this import: skipped, the first one counts.
        if (stored.count(submissionId) == 0 && seen.insert(submissionId).second) {
          fresh.push_back({&responses[i], newResponseId(), &rows[i]});
        }
      }
      try {
        insertResponseRows(session, fresh);
        insertAnswerRows(session, fresh);
        transaction.commit();
        created = fresh.size();
        return;
      } catch (const sql::SQLException& error) {
        // A submit stored one of these submission ids after we looked: look again.
        if (error.getErrorCode() == mysql_errors::kDuplicateKey && attempt < kImportAttempts) {
          transaction.rollback();
          continue;
        }
        throw;
      }
    }
  });
  return created;
}

void MySqlResponseStore::forEach(const ResponseQuery& query,
                                 const std::function<void(const StoredResponse&)>& visit) {
  const Filter filter = makeFilter(query);
  const std::string limit = " ORDER BY r.given_on, r.id LIMIT " + std::to_string(pageSize_);
  const std::string select =
      "SELECT r.id, r.submission_id, r.survey_id, r.version, r.court_code, r.channel, r.language, r.given_on,"
      " c.region FROM responses r JOIN courts c ON c.code = r.court_code WHERE " +
      filter.where;
  const std::string firstPage = select + limit;
  // Keyset pagination: the next page starts after the last (day, id) seen, so every page costs
  // the same however deep into the results it is.
  const std::string nextPage = select + " AND (r.given_on > ? OR (r.given_on = ? AND r.id > ?))" + limit;

  std::optional<std::pair<std::string, std::string>> after;  // (day, id) of the last visited
  std::vector<PageEntry> page;
  for (;;) {
    pool_.run([&](Session& session) {
      page.clear();
      auto& statement = session.prepare(after ? nextPage : firstPage);
      unsigned index = bindFilter(statement, filter);
      if (after) {
        statement.setString(index++, after->first);
        statement.setString(index++, after->first);
        statement.setString(index++, after->second);
      }
      std::unordered_map<std::string, std::size_t> positions;
      {
        ResultSetPtr rows(statement.executeQuery());
        while (rows->next()) {
          PageEntry entry;
          entry.id = rows->getString(1).asStdString();
          Response& response = entry.stored.response;
          response.submissionId = rows->getString(2).asStdString();
          response.surveyId = rows->getString(3).asStdString();
          response.version = rows->getInt(4);
          response.courtCode = rows->getString(5).asStdString();
          const std::string channel = rows->getString(6).asStdString();
          const auto parsedChannel = parseChannel(channel);
          const std::string day = rows->getString(8).asStdString();
          const auto givenOn = Date::parse(day);
          if (!parsedChannel || !givenOn) {
            throw std::runtime_error("response " + entry.id + " has an unreadable channel '" + channel +
                                     "' or day '" + day + "'");
          }
          response.channel = *parsedChannel;
          response.language = rows->getString(7).asStdString();
          response.givenOn = *givenOn;
          entry.stored.region = rows->getString(9).asStdString();
          positions.emplace(entry.id, page.size());
          page.push_back(std::move(entry));
        }
      }
      if (page.empty()) {
        return;
      }
      // The definitions of the page's versions, read before the answers are (one query at a time).
      std::map<std::pair<std::string, int>, DefinitionPtr> pageDefinitions;
      for (const PageEntry& entry : page) {
        const auto key = std::make_pair(entry.stored.response.surveyId, entry.stored.response.version);
        if (pageDefinitions.count(key) == 0) {
          pageDefinitions.emplace(key, definitions_->find(session, key.first, key.second));
        }
      }
      auto& answers = session.prepare(
          "SELECT response_id, item_id, code, number, text, non_answer FROM answers WHERE response_id IN (" +
          placeholders(page.size()) + ") ORDER BY response_id, item_id, seq");
      unsigned answerIndex = 1;
      for (const PageEntry& entry : page) {
        answers.setString(answerIndex++, entry.id);
      }
      ResultSetPtr rows(answers.executeQuery());
      const PageEntry* previousOwner = nullptr;
      DefinitionPtr definition;  // of the response the current rows belong to
      while (rows->next()) {
        PageEntry& owner = page[positions.at(rows->getString(1).asStdString())];
        Response& response = owner.stored.response;
        if (&owner != previousOwner) {
          previousOwner = &owner;
          definition = pageDefinitions.at(std::make_pair(response.surveyId, response.version));
        }
        std::string itemId = rows->getString(2).asStdString();
        // Rows of one multiple choice are consecutive: they extend the answer before.
        const bool continues = !response.answers.empty() && response.answers.back().itemId == itemId;
        Answer fresh;
        Answer& answer = continues ? response.answers.back() : fresh;
        answer.itemId = std::move(itemId);
        if (!rows->isNull(6)) {
          const std::string name = rows->getString(6).asStdString();
          answer.nonAnswer = parseNonAnswer(name);
          if (!answer.nonAnswer) {
            throw std::runtime_error("an answer of response " + owner.id +
                                     " has an unknown non-answer '" + name + "'");
          }
        }
        if (!rows->isNull(3)) {
          const Item* item = definition ? definition->findItem(answer.itemId) : nullptr;
          const int code = rows->getInt(3);
          if (item == nullptr || item->type == ItemType::MultipleChoice) {
            answer.codes.push_back(code);
          }
          if (item == nullptr ? answer.codes.size() == 1 : item->type != ItemType::MultipleChoice) {
            answer.code = code;
          }
        }
        if (!rows->isNull(4)) {
          answer.number = static_cast<double>(rows->getDouble(4));
        }
        if (!rows->isNull(5)) {
          answer.text = rows->getString(5).asStdString();
        }
        if (!continues) {
          response.answers.push_back(std::move(fresh));
        }
      }
    });
    for (const PageEntry& entry : page) {
      visit(entry.stored);
    }
    if (page.size() < pageSize_) {
      return;
    }
    after = std::make_pair(page.back().stored.response.givenOn.toString(), page.back().id);
  }
}

std::size_t MySqlResponseStore::count(const ResponseQuery& query) {
  const Filter filter = makeFilter(query);
  std::size_t total = 0;
  pool_.run([&](Session& session) {
    auto& statement = session.prepare(
        "SELECT COUNT(*) FROM responses r JOIN courts c ON c.code = r.court_code WHERE " + filter.where);
    bindFilter(statement, filter);
    ResultSetPtr row(statement.executeQuery());
    row->next();
    total = static_cast<std::size_t>(row->getUInt64(1));
  });
  return total;
}

}  // namespace courtvoice::surveys::mysql
