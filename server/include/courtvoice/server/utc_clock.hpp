#pragma once
// The time of day, for the audit trail (responses never get one). An interface so tests set it.
#include <string>

namespace courtvoice::server {

class UtcClock {
 public:
  virtual ~UtcClock() = default;
  /// "YYYY-MM-DD HH:MM:SS", UTC, to the second.
  virtual std::string now() const = 0;
};

class SystemUtcClock final : public UtcClock {
 public:
  std::string now() const override;
};

}  // namespace courtvoice::server
