#include "courtvoice/analytics/disclosure.hpp"

#include <stdexcept>

namespace courtvoice::analytics {

int suppressComplements(const std::vector<std::int64_t>& responses, std::vector<bool>& suppressed,
                        std::int64_t minGroupSize) {
  if (responses.size() != suppressed.size()) throw std::invalid_argument("suppressComplements: sizes differ");
  std::int64_t hidden = 0;
  for (std::size_t i = 0; i < responses.size(); ++i) {
    if (suppressed[i]) hidden += responses[i];
  }
  int added = 0;
  while (hidden > 0 && hidden < minGroupSize) {
    std::size_t next = responses.size();
    for (std::size_t i = 0; i < responses.size(); ++i) {
      if (!suppressed[i] && responses[i] > 0 && (next == responses.size() || responses[i] < responses[next])) next = i;
    }
    if (next == responses.size()) break;  // every non-empty cell is suppressed already
    suppressed[next] = true;
    hidden += responses[next];
    ++added;
  }
  return added;
}

}  // namespace courtvoice::analytics
