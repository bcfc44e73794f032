#pragma once
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::surveys::mysql {

class ConnectionPool;

/// The court registry in table `courts`.
class MySqlCourtStore final : public CourtStore {
 public:
  explicit MySqlCourtStore(ConnectionPool& pool) : pool_(pool) {}

  void upsert(const Court& court) override;
  std::optional<Court> find(const std::string& code) override;
  /// Every court, active or not, ordered by code.
  std::vector<Court> list() override;
  /// Row 'courts' of table change_stamps, incremented in the transaction of every upsert (even
  /// one that changes nothing: a needless reload is cheaper than a stale cache).
  std::int64_t changeStamp() override;

 private:
  ConnectionPool& pool_;
};

}  // namespace courtvoice::surveys::mysql
