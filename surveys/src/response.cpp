#include "courtvoice/surveys/response.hpp"

namespace courtvoice::surveys {

std::string toString(Channel channel) {
  switch (channel) {
    case Channel::Kiosk: return "kiosk";
    case Channel::Web: return "web";
    case Channel::Paper: return "paper";
  }
  return "unknown";
}

std::optional<Channel> parseChannel(const std::string& name) {
  if (name == "kiosk") return Channel::Kiosk;
  if (name == "web") return Channel::Web;
  if (name == "paper") return Channel::Paper;
  return std::nullopt;
}

const Answer* Response::findAnswer(const std::string& itemId) const {
  for (const Answer& answer : answers) {
    if (answer.itemId == itemId) return &answer;
  }
  return nullptr;
}

}  // namespace courtvoice::surveys
