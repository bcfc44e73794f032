#include "courtvoice/server/utc_clock.hpp"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

namespace courtvoice::server {

std::string SystemUtcClock::now() const { return Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%d %H:%M:%S"); }

}  // namespace courtvoice::server
