#pragma once
// Statistical disclosure control beyond the minimum group size: a suppressed cell must not be
// recoverable by subtracting published figures. See docs/analytics.md, "Complementary suppression".
#include <cstdint>
#include <vector>

namespace courtvoice::analytics {

/// Complementary suppression within one partition of a published total (the groups of a
/// summary, a row or a column of a crossed table, the courts of one region): when the cells
/// already suppressed hold between 1 and minGroupSize - 1 responses together, the total minus the
/// shown cells would give them away, so the smallest shown cells (fewest responses, then the
/// first) are suppressed too until the suppressed cells hold none or at least minGroupSize.
/// `responses[i]`: cell i's responses; `suppressed[i]` is read and updated. Returns how many
/// cells it suppressed.
int suppressComplements(const std::vector<std::int64_t>& responses, std::vector<bool>& suppressed,
                        std::int64_t minGroupSize);

}  // namespace courtvoice::analytics
