#include "courtvoice/surveys/mysql/mysql_response_store.hpp"

#include <cppconn/datatype.h>

#include <algorithm>
#include <bit>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/mysql/connection_pool.hpp"
#include "invitation_spending.hpp"
#include "session.hpp"
#include "store_support.hpp"

namespace courtvoice::surveys::mysql {
namespace {

// Largest multi-row INSERTs (9 and 8 placeholders a row; MySQL allows 65535 a statement).
// Powers of two: a batch is split into chunks of power-of-two sizes (the binary digits of its
// length), so each connection prepares at most 9 + 11 INSERT statements whatever the batch sizes.
constexpr std::size_t kMaxResponsesPerInsert = 256;
constexpr std::size_t kMaxAnswersPerInsert = 1024;
// Values per IN list when looking up many submission ids, courts or responses at once; a list
// is padded (its last value repeated) to a power of two, again to bound the prepared statements.
constexpr std::size_t kMaxKeysPerLookup = 2048;

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
      case ItemType::Scale5:
      case ItemType::Scale0to10:
      case ItemType::SingleChoice:
        row.code = answer.code;
        rows.push_back(row);
        break;
    }
  }
  return rows;
}

// Chunk sizes for `count` rows: powers of two no larger than `max`, largest first.
std::vector<std::size_t> chunkSizes(std::size_t count, std::size_t max) {
  std::vector<std::size_t> sizes;
  for (; count >= max; count -= max) {
    sizes.push_back(max);
  }
  for (std::size_t size = max / 2; size > 0; size /= 2) {
    if (count >= size) {
      sizes.push_back(size);
      count -= size;
    }
  }
  return sizes;
}

// A response to insert with the id and sequence number chosen for it.
struct NewResponse {
  const Response* response = nullptr;
  std::string id;
  std::int64_t seq = 0;
  const std::vector<AnswerRow>* answers = nullptr;
};

void insertResponses(Session& session, const std::vector<NewResponse>& batch, std::size_t begin, std::size_t count) {
  auto& statement = session.prepare(
      "INSERT INTO responses (id, submission_id, survey_id, version, court_code, channel, language, given_on, seq)"
      " VALUES " +
      rowPlaceholders(count, 9));
  unsigned index = 1;
  for (std::size_t i = begin; i < begin + count; ++i) {
    const Response& response = *batch[i].response;
    statement.setString(index++, batch[i].id);
    statement.setString(index++, response.submissionId);
    statement.setString(index++, response.surveyId);
    statement.setInt(index++, response.version);
    statement.setString(index++, response.courtCode);
    statement.setString(index++, toString(response.channel));
    statement.setString(index++, response.language);
    statement.setString(index++, response.givenOn.toString());
    statement.setInt64(index++, batch[i].seq);
  }
  statement.executeUpdate();
}

using AnswerRef = std::pair<const NewResponse*, const AnswerRow*>;

void insertAnswers(Session& session, const std::vector<AnswerRef>& rows, std::size_t begin, std::size_t count) {
  auto& statement = session.prepare(
      "INSERT INTO answers (response_seq, response_id, item_id, seq, code, number, text, non_answer) VALUES " +
      rowPlaceholders(count, 8));
  unsigned index = 1;
  for (std::size_t i = begin; i < begin + count; ++i) {
    const auto& [response, row] = rows[i];
    statement.setInt64(index++, response->seq);
    statement.setString(index++, response->id);
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

// Inserts the responses and then their answers with multi-row INSERTs.
void insertAll(Session& session, const std::vector<NewResponse>& responses) {
  std::size_t begin = 0;
  for (const std::size_t count : chunkSizes(responses.size(), kMaxResponsesPerInsert)) {
    insertResponses(session, responses, begin, count);
    begin += count;
  }
  std::vector<AnswerRef> rows;
  for (const NewResponse& response : responses) {
    for (const AnswerRow& row : *response.answers) {
      rows.emplace_back(&response, &row);
    }
  }
  // In key order (item_id is utf8mb4_bin: byte order): InnoDB then sees appends at the end of
  // the tree and fills its pages, where out-of-order rows make it split pages in half.
  std::sort(rows.begin(), rows.end(), [](const AnswerRef& a, const AnswerRef& b) {
    return std::tie(a.first->seq, *a.second->itemId, a.second->seq) <
           std::tie(b.first->seq, *b.second->itemId, b.second->seq);
  });
  begin = 0;
  for (const std::size_t count : chunkSizes(rows.size(), kMaxAnswersPerInsert)) {
    insertAnswers(session, rows, begin, count);
    begin += count;
  }
}

// Runs `select` (SQL ending in "IN (") + the keys + `suffix` (closing the list) for the keys in
// chunks, each padded to a power of two by repeating its last key, and hands every result row
// to `onRow`.
template <typename Key, typename OnRow>
void lookupKeys(Session& session, const std::string& select, const std::vector<Key>& keys, const std::string& suffix,
                OnRow onRow) {
  for (std::size_t begin = 0; begin < keys.size(); begin += kMaxKeysPerLookup) {
    const std::size_t end = std::min(keys.size(), begin + kMaxKeysPerLookup);
    const std::size_t padded = std::bit_ceil(end - begin);
    auto& statement = session.prepare(select + placeholders(padded) + suffix);
    unsigned index = 1;
    for (std::size_t i = 0; i < padded; ++i) {
      const Key& key = keys[std::min(begin + i, end - 1)];
      if constexpr (std::is_same_v<Key, std::string>) {
        statement.setString(index++, key);
      } else {
        statement.setInt64(index++, key);
      }
    }
    ResultSetPtr rows(statement.executeQuery());
    while (rows->next()) {
      onRow(*rows);
    }
  }
}

// Response ids by submission id, of the given submission ids that are stored.
std::unordered_map<std::string, std::string> storedSubmissions(Session& session,
                                                               const std::vector<std::string>& submissionIds) {
  std::unordered_map<std::string, std::string> stored;
  lookupKeys(session, "SELECT submission_id, id FROM responses WHERE submission_id IN (", submissionIds, ")",
             [&](const sql::ResultSet& row) {
               stored.emplace(row.getString(1).asStdString(), row.getString(2).asStdString());
             });
  return stored;
}

// Takes `count` sequence numbers and returns the last. The counter row stays locked until the
// transaction ends, so storing transactions commit in the order of their numbers (see migration
// 003): call it as late as possible to keep that lock short.
std::int64_t takeSequenceNumbers(Session& session, std::size_t count) {
  auto& update =
      session.prepare("UPDATE sequences SET value = LAST_INSERT_ID(value + ?) WHERE name = 'responses'");
  update.setUInt64(1, count);
  if (update.executeUpdate() != 1) {
    throw std::runtime_error("sequence 'responses' is missing (is migration 003 applied?)");
  }
  // LAST_INSERT_ID is per connection: no other session can change what this reads.
  ResultSetPtr row(session.prepare("SELECT LAST_INSERT_ID()").executeQuery());
  row->next();
  return row->getInt64(1);
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

// A response read from the database with its id and sequence number.
struct PageEntry {
  std::int64_t seq = 0;
  std::string id;
  StoredResponse stored;
};

// What every page query selects first, in this order (readResponseRow reads them).
constexpr const char* kResponseColumns =
    "r.id, r.submission_id, r.survey_id, r.version, r.court_code, r.channel, r.language, r.given_on, r.seq";

PageEntry readResponseRow(const sql::ResultSet& row) {
  PageEntry entry;
  entry.id = row.getString(1).asStdString();
  Response& response = entry.stored.response;
  response.submissionId = row.getString(2).asStdString();
  response.surveyId = row.getString(3).asStdString();
  response.version = row.getInt(4);
  response.courtCode = row.getString(5).asStdString();
  const std::string channel = row.getString(6).asStdString();
  const auto parsedChannel = parseChannel(channel);
  response.language = row.getString(7).asStdString();
  const std::string day = row.getString(8).asStdString();
  const auto givenOn = Date::parse(day);
  if (!parsedChannel || !givenOn) {
    throw std::runtime_error("response " + entry.id + " has an unreadable channel '" + channel + "' or day '" + day +
                             "'");
  }
  response.channel = *parsedChannel;
  response.givenOn = *givenOn;
  entry.seq = row.getInt64(9);
  return entry;
}

// What every answers query selects, ordered by response_seq, item_id, seq (AnswerDecoder reads them).
constexpr const char* kAnswerColumns = "response_seq, item_id, code, number, text, non_answer";
constexpr const char* kAnswerOrder = " ORDER BY response_seq, item_id, seq";

using DefinitionLookup = std::function<DefinitionPtr(const std::string& surveyId, int version)>;

// One row of table `answers` as read back: exactly one of code, number, text, nonAnswer is set.
// The views point into the row being decoded: valid for one AnswerDecoder::add.
struct AnswerField {
  std::string_view itemId;
  std::optional<int> code;
  std::optional<double> number;
  std::optional<std::string> text;
  std::optional<std::string_view> nonAnswer;
};

// Adds answer rows to the responses of a page. How a code is read back (one code, or one of
// several) follows the item's type in the response's version.
class AnswerDecoder {
 public:
  /// Looks up the definitions of the page's versions now, before the answers query runs (one
  /// query at a time on a connection).
  AnswerDecoder(std::vector<PageEntry>& page, const DefinitionLookup& definitionOf) : page_(page) {
    for (std::size_t i = 0; i < page_.size(); ++i) {
      positions_.emplace(page_[i].seq, i);
      const Response& response = page_[i].stored.response;
      const auto key = std::make_pair(response.surveyId, response.version);
      if (definitions_.count(key) == 0) {
        definitions_.emplace(key, definitionOf(key.first, key.second));
      }
    }
  }

  /// A row of kAnswerColumns.
  void add(const sql::ResultSet& row) {
    const std::string itemId = row.getString(2).asStdString();
    std::string nonAnswer;
    AnswerField field;
    field.itemId = itemId;
    if (!row.isNull(3)) field.code = row.getInt(3);
    if (!row.isNull(4)) field.number = static_cast<double>(row.getDouble(4));
    if (!row.isNull(5)) field.text = row.getString(5).asStdString();
    if (!row.isNull(6)) {
      nonAnswer = row.getString(6).asStdString();
      field.nonAnswer = nonAnswer;
    }
    add(row.getInt64(1), field);
  }

  void add(std::int64_t seq, const AnswerField& field) {
    if (owner_ == nullptr || owner_->seq != seq) {
      const auto position = positions_.find(seq);
      if (position == positions_.end()) {
        throw std::runtime_error("answers of response number " + std::to_string(seq) + " were read for another page");
      }
      owner_ = &page_[position->second];
      const Response& response = owner_->stored.response;
      definition_ = definitions_.at(std::make_pair(response.surveyId, response.version));
    }
    Response& response = owner_->stored.response;
    // Rows of one multiple choice are consecutive: they extend the answer before.
    const bool continues = !response.answers.empty() && response.answers.back().itemId == field.itemId;
    if (!continues && !response.answers.empty() && field.itemId < response.answers.back().itemId) {
      // Rows come in key order (item_id, seq) or a multiple choice would be split in two.
      throw std::runtime_error("the answers of response number " + std::to_string(seq) + " came out of key order");
    }
    Answer fresh;
    Answer& answer = continues ? response.answers.back() : fresh;
    if (!continues) answer.itemId = field.itemId;
    if (field.nonAnswer) {
      answer.nonAnswer = parseNonAnswer(std::string(*field.nonAnswer));
      if (!answer.nonAnswer) {
        throw std::runtime_error("an answer of response " + owner_->id + " has an unknown non-answer '" +
                                 std::string(*field.nonAnswer) + "'");
      }
    }
    if (field.code) {
      const Item* item = definition_ ? definition_->findItem(answer.itemId) : nullptr;
      if (item == nullptr || item->type == ItemType::MultipleChoice) {
        answer.codes.push_back(*field.code);
      }
      if (item == nullptr ? answer.codes.size() == 1 : item->type != ItemType::MultipleChoice) {
        answer.code = *field.code;
      }
    }
    if (field.number) {
      answer.number = *field.number;
    }
    if (field.text) {
      answer.text = *field.text;
    }
    if (!continues) {
      response.answers.push_back(std::move(fresh));
    }
  }

 private:
  std::vector<PageEntry>& page_;
  std::unordered_map<std::int64_t, std::size_t> positions_;
  std::map<std::pair<std::string, int>, DefinitionPtr> definitions_;
  PageEntry* owner_ = nullptr;
  DefinitionPtr definition_;  // of owner_'s version
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
  return store({response}, false).front();
}

std::vector<SubmitResult> MySqlResponseStore::submitBatch(const std::vector<Response>& responses) {
  return store(responses, false);
}

std::size_t MySqlResponseStore::importBulk(const std::vector<Response>& responses) {
  const auto results = store(responses, true);
  return static_cast<std::size_t>(
      std::count_if(results.begin(), results.end(), [](const SubmitResult& result) { return result.created; }));
}

std::vector<SubmitResult> MySqlResponseStore::store(const std::vector<Response>& responses, bool indexedFields) {
  if (responses.empty()) {
    return {};
  }
  const auto field = [&](std::size_t i, const std::string& name) {
    return indexedFields ? "responses[" + std::to_string(i) + "]." + name : name;
  };
  std::vector<SubmitResult> results;
  // Safe to repeat: after a lost COMMIT the second run finds the submission ids stored and
  // returns their ids (with created = false, as for a client's retry).
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    // Everything that can be checked is checked before the transaction starts.
    std::vector<std::vector<AnswerRow>> rows(responses.size());
    std::set<std::string> courts;
    std::vector<std::string> submissionIds;
    for (std::size_t i = 0; i < responses.size(); ++i) {
      const auto definition =
          definitions_->require(session, responses[i].surveyId, responses[i].version, field(i, "version"));
      rows[i] = answerRows(*definition, responses[i], field(i, ""));
      courts.insert(responses[i].courtCode);
      submissionIds.push_back(responses[i].submissionId);
    }
    std::set<std::string> knownCourts;
    const std::vector<std::string> distinctCourts(courts.begin(), courts.end());
    lookupKeys(session, "SELECT code FROM courts WHERE code IN (", distinctCourts, ")",
               [&](const sql::ResultSet& row) { knownCourts.insert(row.getString(1).asStdString()); });
    for (std::size_t i = 0; i < responses.size(); ++i) {
      if (knownCourts.count(responses[i].courtCode) == 0) {
        throwUnknownCourt(responses[i].courtCode, field(i, "court"));
      }
    }

    for (int attempt = 1;; ++attempt) {
      Transaction transaction(session);
      if (attempt > 1) {
        // Counter first, then the read: the read's snapshot is taken after every storing
        // transaction before ours has committed, so it sees whatever made the first attempt fail.
        auto& lock = session.prepare("SELECT value FROM sequences WHERE name = 'responses' FOR UPDATE");
        ResultSetPtr locked(lock.executeQuery());
      }
      const auto stored = storedSubmissions(session, submissionIds);
      results.assign(responses.size(), SubmitResult{});
      std::unordered_map<std::string, std::size_t> firstInBatch;
      std::vector<NewResponse> fresh;
      for (std::size_t i = 0; i < responses.size(); ++i) {
        const std::string& submissionId = responses[i].submissionId;
        if (const auto found = stored.find(submissionId); found != stored.end()) {
          results[i] = {found->second, false};
        } else if (const auto first = firstInBatch.find(submissionId); first != firstInBatch.end()) {
          results[i] = {results[first->second].responseId, false};
        } else {
          firstInBatch.emplace(submissionId, i);
          results[i] = {newResponseId(), true};
          fresh.push_back({&responses[i], results[i].responseId, 0, &rows[i]});
        }
      }
      if (fresh.empty()) {
        transaction.commit();
        return;
      }
      // From here to the commit this transaction holds the counter: keep it short.
      const std::int64_t last = takeSequenceNumbers(session, fresh.size());
      std::int64_t next = last - static_cast<std::int64_t>(fresh.size());
      for (NewResponse& response : fresh) {
        response.seq = ++next;
      }
      // Spent here, after the dedupe (a stored submission_id spends nothing) and under the
      // counter's lock, which already serializes storing transactions: no deadlock between two
      // transactions spending codes of one batch.
      std::vector<const Response*> spending;
      for (const NewResponse& response : fresh) spending.push_back(response.response);
      spendInvitations(session, spending);
      try {
        insertAll(session, fresh);
      } catch (const sql::SQLException& error) {
        // Another process stored one of these submission ids between our read and the counter.
        if (error.getErrorCode() == mysql_errors::kDuplicateKey && attempt == 1) {
          transaction.rollback();
          continue;
        }
        throw;
      }
      transaction.commit();
      return;
    }
  });
  return results;
}

std::int64_t MySqlResponseStore::latestSequence() {
  std::int64_t latest = 0;
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    // The committed value of the counter: a transaction that has taken numbers but not yet
    // committed holds its own value back from every other reader.
    ResultSetPtr row(session.prepare("SELECT value FROM sequences WHERE name = 'responses'").executeQuery());
    if (!row->next()) {
      throw std::runtime_error("sequence 'responses' is missing (is migration 003 applied?)");
    }
    latest = row->getInt64(1);
  });
  return latest;
}

std::vector<SequencedResponse> MySqlResponseStore::readAfter(std::int64_t after, std::size_t limit) {
  std::vector<PageEntry> page;
  if (limit == 0) {
    return {};
  }
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    page.clear();
    // One snapshot for both queries, so the answers read belong to exactly this page.
    Transaction transaction(session);
    auto& select = session.prepare(std::string("SELECT ") + kResponseColumns +
                                   " FROM responses r WHERE r.seq > ? ORDER BY r.seq LIMIT ?");
    select.setInt64(1, after);
    select.setUInt64(2, limit);
    {
      ResultSetPtr rows(select.executeQuery());
      while (rows->next()) {
        page.push_back(readResponseRow(*rows));
      }
    }
    if (!page.empty()) {
      AnswerDecoder decoder(page, [&](const std::string& surveyId, int version) {
        return definitions_->find(session, surveyId, version);
      });
      // The page holds every response numbered from its first to its last, so their answers
      // are one range of the answers' clustered key.
      auto& answers = session.prepare(std::string("SELECT ") + kAnswerColumns +
                                      " FROM answers WHERE response_seq BETWEEN ? AND ?" + kAnswerOrder);
      answers.setInt64(1, page.front().seq);
      answers.setInt64(2, page.back().seq);
      ResultSetPtr rows(answers.executeQuery());
      while (rows->next()) {
        decoder.add(*rows);
      }
    }
    transaction.commit();
  });
  std::vector<SequencedResponse> result;
  result.reserve(page.size());
  for (PageEntry& entry : page) {
    result.push_back({entry.seq, std::move(entry.stored.response)});
  }
  return result;
}

void MySqlResponseStore::forEach(const ResponseQuery& query,
                                 const std::function<void(const StoredResponse&)>& visit) {
  const Filter filter = makeFilter(query);
  // STRAIGHT_JOIN: responses drive, so a page is a range of ix_responses_survey_day read in
  // order and LIMIT stops it early. Left to itself MariaDB starts from the 43 courts and sorts
  // every matching response for every page (measured: 4 s a page at 200,000 responses).
  const std::string from = " FROM responses r STRAIGHT_JOIN courts c ON c.code = r.court_code";
  const std::string order = " ORDER BY r.given_on, r.seq";
  // Keyset pagination: the next page starts after the last (day, seq) seen, so every page costs
  // the same however deep into the results it is. (day, seq) is the order of the index
  // (survey_id, given_on), whose rows end with the primary key, seq.
  const std::string afterLast = " AND (r.given_on > ? OR (r.given_on = ? AND r.seq > ?))";
  const std::string select = std::string("SELECT ") + kResponseColumns + ", c.region, c.level" + from +
                             " WHERE " + filter.where;
  const std::string limit = order + " LIMIT " + std::to_string(pageSize_);
  const std::string firstPage = select + limit;
  const std::string nextPage = select + afterLast + limit;
  // The answers of exactly the page's responses: the same filter over the same range of the
  // index, up to the page's last (day, seq), joined to the answers' clustered key. One lookup per
  // response inside one statement costs MariaDB half the CPU or less of what IN lists of 2,000
  // sequence numbers did (docs/engineering-notes.md, "Export speed"). Only the responses' order is asked
  // for: ordering by the answers' columns too makes MariaDB sort the page in a temporary table.
  // Each response's rows come as its part of the clustered key is read, in (item_id, seq)
  // order; AnswerDecoder checks it.
  const std::string upToLast = " AND (r.given_on < ? OR (r.given_on = ? AND r.seq <= ?))";
  const std::string answersSelect = "SELECT a.response_seq, a.item_id, a.code, a.number, a.text, a.non_answer" + from +
                                    " STRAIGHT_JOIN answers a ON a.response_seq = r.seq WHERE " + filter.where;
  const std::string firstAnswers = answersSelect + upToLast + order;
  const std::string nextAnswers = answersSelect + afterLast + upToLast + order;

  std::optional<std::pair<std::string, std::int64_t>> after;  // (day, seq) of the last visited
  std::vector<PageEntry> page;
  for (;;) {
    pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
      page.clear();
      // One snapshot for both queries, so the answers read belong to exactly this page.
      Transaction transaction(session);
      const auto bindRange = [&](sql::PreparedStatement& statement) {
        unsigned index = bindFilter(statement, filter);
        if (after) {
          statement.setString(index++, after->first);
          statement.setString(index++, after->first);
          statement.setInt64(index++, after->second);
        }
        return index;
      };
      auto& statement = session.prepare(after ? nextPage : firstPage);
      bindRange(statement);
      {
        ResultSetPtr rows(statement.executeQuery());
        while (rows->next()) {
          PageEntry entry = readResponseRow(*rows);
          entry.stored.region = rows->getString(10).asStdString();
          entry.stored.level = rows->getString(11).asStdString();
          page.push_back(std::move(entry));
        }
      }
      if (!page.empty()) {
        AnswerDecoder decoder(page, [&](const std::string& surveyId, int version) {
          return definitions_->find(session, surveyId, version);
        });
        auto& answers = session.prepare(after ? nextAnswers : firstAnswers);
        unsigned index = bindRange(answers);
        const std::string lastDay = page.back().stored.response.givenOn.toString();
        answers.setString(index++, lastDay);
        answers.setString(index++, lastDay);
        answers.setInt64(index++, page.back().seq);
        ResultSetPtr rows(answers.executeQuery());
        while (rows->next()) {
          decoder.add(*rows);
        }
      }
      transaction.commit();
    });
    for (const PageEntry& entry : page) {
      visit(entry.stored);
    }
    if (page.size() < pageSize_) {
      return;
    }
    after = std::make_pair(page.back().stored.response.givenOn.toString(), page.back().seq);
  }
}

std::size_t MySqlResponseStore::count(const ResponseQuery& query) {
  const Filter filter = makeFilter(query);
  std::size_t total = 0;
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
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
