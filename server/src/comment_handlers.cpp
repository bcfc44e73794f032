#include "courtvoice/server/comment_handlers.hpp"

#include "courtvoice/server/http_util.hpp"

namespace courtvoice::server {

void CommentsHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                             const PathParams& params) {
  const QueryParams query = queryParams(request);
  CommentsRequest comments;
  static_cast<ReportFilters&>(comments) = makeReportFilters(queryList(query, "court"), queryList(query, "region"),
                                                            queryValue(query, "from"), queryValue(query, "to"),
                                                            queryValue(query, "lang"));
  addScopeFilters(comments, queryList(query, "level"), queryList(query, "version"));
  addCommentParams(comments, queryValue(query, "q"), queryValue(query, "item"), queryList(query, "score"),
                   queryValue(query, "page"), queryValue(query, "page_size"));
  sendJson(response, 200, service_.commentsJson(params.at("id"), comments));
}

}  // namespace courtvoice::server
