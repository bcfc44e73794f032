#pragma once
// A calendar day. Responses keep only the day they were given (never the time), so that a
// response cannot be re-linked to a log line or an invitation by its timestamp.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace courtvoice::surveys {

struct Date {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31

  /// Parses strict "YYYY-MM-DD" and checks the day exists (leap years included).
  static std::optional<Date> parse(std::string_view text);
  std::string toString() const;       ///< "YYYY-MM-DD"
  std::string monthKey() const;       ///< "YYYY-MM"
  std::string quarterKey() const;     ///< "YYYY-Q1".."YYYY-Q4"
  auto operator<=>(const Date&) const = default;
};

/// Time is an interface so tests control "today".
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Date today() const = 0;  ///< in UTC
};

/// The real clock (UTC).
class SystemClock final : public Clock {
 public:
  Date today() const override;
};

}  // namespace courtvoice::surveys
