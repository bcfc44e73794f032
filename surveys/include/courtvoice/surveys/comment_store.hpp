#pragma once
// Reading respondents' text answers (comments) back for the strategy team. Texts are the one
// kind of answer the results engine does not hold, so they are read from the database.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/surveys/date.hpp"

namespace courtvoice::surveys {

/// Which text answers to read. The caller has decided which courts may be shown (never empty:
/// an empty list reads nothing).
struct CommentQuery {
  std::string surveyId;
  std::vector<std::string> itemIds;  ///< the text items to read
  std::vector<std::string> courts;   ///< only responses of these courts
  std::optional<Date> from;          ///< inclusive day
  std::optional<Date> to;            ///< inclusive day
  std::vector<int> versions;         ///< empty: every version
  /// Only texts containing this, compared by the database's case- and accent-insensitive
  /// collation (utf8mb4_unicode_520_ci). Empty: no search.
  std::string contains;
  /// Only responses that answered `scoreItem` with one of `scoreCodes` (both set or neither).
  std::string scoreItem;
  std::vector<int> scoreCodes;
};

/// A text answer with what may be shown about its response: never the day or the time.
struct StoredComment {
  std::string month;     ///< "YYYY-MM" of the day the response was given
  std::string court;     ///< court code
  std::string language;  ///< the language the respondent answered in
  std::string itemId;
  std::string text;      ///< as the respondent wrote it (not masked)
};

class CommentStore {
 public:
  virtual ~CommentStore() = default;
  /// Matching comments newest first (by the order responses were stored), skipping `offset`,
  /// at most `limit` (0: all).
  virtual std::vector<StoredComment> find(const CommentQuery& query, std::size_t offset, std::size_t limit) = 0;
  /// How many comments match.
  virtual std::size_t count(const CommentQuery& query) = 0;
};

}  // namespace courtvoice::surveys
