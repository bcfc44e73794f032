#pragma once
// The time of a change as stores keep it: "YYYY-MM-DD HH:MM:SS", UTC, from the system clock.
#include <string>

namespace courtvoice::server {

std::string utcNowText();

}  // namespace courtvoice::server
