#pragma once
#include <stdexcept>
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
  std::int64_t changeStamp() override { throw std::logic_error("changeStamp: not yet"); }  // WIP(issue 6)

 private:
  ConnectionPool& pool_;
};

}  // namespace courtvoice::surveys::mysql
