#pragma once
// Respondents' comments (text answers) for the strategy team: the cell's size is checked on the
// results engine, the texts are read from the database, personal data are masked before
// anything leaves. Knows nothing of HTTP.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "courtvoice/analytics/results_engine.hpp"
#include "courtvoice/server/summary_service.hpp"
#include "courtvoice/surveys/comment_store.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

/// GET /api/v1/admin/surveys/{id}/comments.
struct CommentsRequest : ReportFilters {
  static constexpr int kMaxPageSize = 50;
  static constexpr std::size_t kMaxSearchChars = 100;

  std::string search;        ///< query "q": a word or phrase, empty for none
  std::string scoreItem;     ///< query "item": respondents who answered this item ...
  std::vector<int> scores;   ///< query "score": ... with one of these codes
  int page = 1;              ///< from 1
  int pageSize = kMaxPageSize;
};

/// Checks "q", "item", "score", "page" and "page_size" (raw query values) into `request`;
/// throws DomainError(Invalid) naming the field.
void addCommentParams(CommentsRequest& request, const std::optional<std::string>& search,
                      const std::optional<std::string>& item, const std::vector<std::string>& scores,
                      const std::optional<std::string>& page, const std::optional<std::string>& pageSize);

/// Lower case in every script (Poco's Unicode tables), and "ё" as "е": what the comment search
/// compares, close to MariaDB's utf8mb4_unicode_520_ci.
std::string foldForSearch(std::string_view text);

class CommentService {
 public:
  CommentService(surveys::SurveyStore& surveys, analytics::ResultsEngine& engine, surveys::CourtStore& courts,
                 surveys::CommentStore& comments);

  /// The comments as JSON (format in docs/api.md). NotFound for an unknown survey; Invalid
  /// "not_allowed" (court) for a court filter on a survey not reported by court; Invalid
  /// "unknown_item" / "invalid_item" (item) for a score item that is not a scale or single choice.
  std::string commentsJson(const std::string& surveyId, const CommentsRequest& request);

 private:
  surveys::SurveyStore& surveys_;
  analytics::ResultsEngine& engine_;
  surveys::CourtStore& courts_;
  surveys::CommentStore& comments_;
};

}  // namespace courtvoice::server
