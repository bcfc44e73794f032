#pragma once
#include "courtvoice/surveys/comment_store.hpp"

namespace courtvoice::surveys::mysql {

class ConnectionPool;

/// Comments from tables `responses` and `answers` (column `text`). Responses drive the query
/// newest first by `seq` (the unique key uq_responses_seq); each response's text answers are
/// primary-key reads of `answers` (response_seq, item_id, seq). The search is a prepared LIKE on
/// the column's utf8mb4_unicode_520_ci collation: case-insensitive in every script, "е" = "ё".
class MySqlCommentStore final : public CommentStore {
 public:
  explicit MySqlCommentStore(ConnectionPool& pool) : pool_(pool) {}

  std::vector<StoredComment> find(const CommentQuery& query, std::size_t offset, std::size_t limit) override;
  std::size_t count(const CommentQuery& query) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace courtvoice::surveys::mysql
