#include "courtvoice/surveys/mysql/mysql_comment_store.hpp"

#include <string>
#include <vector>

#include "courtvoice/surveys/mysql/connection_pool.hpp"
#include "session.hpp"

namespace courtvoice::surveys::mysql {
namespace {

// LIKE's own characters in a search are literal.
std::string likePattern(const std::string& text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

// The shared FROM ... WHERE and its parameters, in order.
struct Where {
  std::string sql;
  std::vector<std::string> strings;  // bound as strings, then `ints` after them in `order`
  std::vector<std::pair<bool, std::size_t>> order;  // (is string, index)
  std::vector<long long> ints;

  void addString(std::string value) {
    order.emplace_back(true, strings.size());
    strings.push_back(std::move(value));
  }
  void addInt(long long value) {
    order.emplace_back(false, ints.size());
    ints.push_back(value);
  }
  unsigned bind(sql::PreparedStatement& statement) const {
    unsigned index = 1;
    for (const auto& [isString, i] : order) {
      if (isString) statement.setString(index++, strings[i]);
      else statement.setInt64(index++, ints[i]);
    }
    return index;
  }
};

template <typename T, typename Add>
std::string addList(const std::vector<T>& values, Add add) {
  for (const T& value : values) add(value);
  return "(" + placeholders(values.size()) + ")";
}

Where makeWhere(const CommentQuery& query) {
  Where where;
  where.sql =
      " FROM responses r STRAIGHT_JOIN answers a ON a.response_seq = r.seq"
      " WHERE r.survey_id = ?";
  where.addString(query.surveyId);
  where.sql += " AND r.court_code IN " + addList(query.courts, [&](const std::string& v) { where.addString(v); });
  if (query.from) {
    where.sql += " AND r.given_on >= ?";
    where.addString(query.from->toString());
  }
  if (query.to) {
    where.sql += " AND r.given_on <= ?";
    where.addString(query.to->toString());
  }
  if (!query.versions.empty()) {
    where.sql += " AND r.version IN " + addList(query.versions, [&](int v) { where.addInt(v); });
  }
  where.sql += " AND a.item_id IN " + addList(query.itemIds, [&](const std::string& v) { where.addString(v); });
  where.sql += " AND a.text IS NOT NULL AND a.text <> ''";
  if (!query.contains.empty()) {
    where.sql += " AND a.text LIKE ? ESCAPE '\\\\'";
    where.addString(likePattern(query.contains));
  }
  if (!query.scoreItem.empty()) {
    where.sql += " AND EXISTS (SELECT 1 FROM answers s WHERE s.response_seq = r.seq AND s.item_id = ? AND s.code IN ";
    where.addString(query.scoreItem);
    where.sql += addList(query.scoreCodes, [&](int v) { where.addInt(v); }) + ")";
  }
  return where;
}

bool readsNothing(const CommentQuery& query) {
  return query.courts.empty() || query.itemIds.empty() || (!query.scoreItem.empty() && query.scoreCodes.empty());
}

}  // namespace

std::vector<StoredComment> MySqlCommentStore::find(const CommentQuery& query, std::size_t offset, std::size_t limit) {
  std::vector<StoredComment> comments;
  if (readsNothing(query)) return comments;
  const Where where = makeWhere(query);
  // Newest first: responses by seq descending, a response's texts in item order.
  const std::string sql = "SELECT DATE_FORMAT(r.given_on, '%Y-%m'), r.court_code, r.language, a.item_id, a.text" +
                          where.sql + " ORDER BY r.seq DESC, a.item_id, a.seq" +
                          (limit > 0 ? " LIMIT ? OFFSET ?" : offset > 0 ? " LIMIT 18446744073709551615 OFFSET ?" : "");
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    comments.clear();
    // The text depends on the lists' lengths (a region's courts, the items): not cached.
    const auto prepared = session.prepareUncached(sql);
    auto& statement = *prepared;
    unsigned index = where.bind(statement);
    if (limit > 0) statement.setInt64(index++, static_cast<std::int64_t>(limit));
    if (limit > 0 || offset > 0) statement.setInt64(index++, static_cast<std::int64_t>(offset));
    ResultSetPtr rows(statement.executeQuery());
    while (rows->next()) {
      StoredComment comment;
      comment.month = rows->getString(1).asStdString();
      comment.court = rows->getString(2).asStdString();
      comment.language = rows->getString(3).asStdString();
      comment.itemId = rows->getString(4).asStdString();
      comment.text = rows->getString(5).asStdString();
      comments.push_back(std::move(comment));
    }
  });
  return comments;
}

std::size_t MySqlCommentStore::count(const CommentQuery& query) {
  if (readsNothing(query)) return 0;
  const Where where = makeWhere(query);
  std::size_t total = 0;
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    const auto prepared = session.prepareUncached("SELECT COUNT(*)" + where.sql);
    auto& statement = *prepared;
    where.bind(statement);
    ResultSetPtr rows(statement.executeQuery());
    total = rows->next() ? static_cast<std::size_t>(rows->getInt64(1)) : 0;
  });
  return total;
}

}  // namespace courtvoice::surveys::mysql
