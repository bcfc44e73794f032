#pragma once
#include <cstddef>
#include <memory>

#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::surveys::mysql {

class ConnectionPool;

/// Responses in tables `responses` and `answers` (long format: one row per item answered, one
/// per chosen code of a multiple choice). How an answer is stored follows the item's type in the
/// response's survey version, which the store reads (and caches once published: only drafts change).
///
/// Errors besides the interface's: DomainError(NotFound, "unknown_version", field "version")
/// when the survey has no such version; DomainError(Invalid, "unknown_item", "answers.<id>")
/// for an answer to an item the version lacks; importBulk names the response in the field
/// ("responses[3].court").
class MySqlResponseStore final : public ResponseStore, public ResponseFeed {
 public:
  static constexpr std::size_t kDefaultPageSize = 2000;

  /// `pageSize`: how many responses forEach reads (and holds) at a time.
  explicit MySqlResponseStore(ConnectionPool& pool, std::size_t pageSize = kDefaultPageSize);
  ~MySqlResponseStore() override;
  MySqlResponseStore(const MySqlResponseStore&) = delete;
  MySqlResponseStore& operator=(const MySqlResponseStore&) = delete;

  SubmitResult submit(const Response& response) override;
  /// One transaction; the responses' rows go in with multi-row INSERTs and take their sequence
  /// numbers from one update of the counter (see migration 003).
  std::vector<SubmitResult> submitBatch(const std::vector<Response>& responses) override;
  std::size_t importBulk(const std::vector<Response>& responses) override;
  /// The committed value of the sequence counter.
  std::int64_t latestSequence() override;
  /// Two queries a page, each one range of a clustered key: the responses by seq, then their
  /// answers by (response_seq, item_id, seq).
  std::vector<SequencedResponse> readAfter(std::int64_t after, std::size_t limit) override;
  /// Pages through the matching responses in order of (day, seq) and calls `visit` with no
  /// database connection held, so `visit` may use the stores itself. Responses stored while it
  /// runs may or may not be visited. Answers come ordered by item id.
  void forEach(const ResponseQuery& query, const std::function<void(const StoredResponse&)>& visit) override;
  std::size_t count(const ResponseQuery& query) override;

 private:
  class Definitions;

  /// submit, submitBatch and importBulk: one transaction, all or nothing. `indexedFields` names
  /// the response in error fields ("responses[3].court") instead of "court".
  std::vector<SubmitResult> store(const std::vector<Response>& responses, bool indexedFields);

  ConnectionPool& pool_;
  std::size_t pageSize_;
  std::unique_ptr<Definitions> definitions_;
};

}  // namespace courtvoice::surveys::mysql
